import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';

/**
 * Seals the system's own secret keys before they are written to the database (the access-token
 * HMAC keys, the card credential's ECDSA keys), so a copy of the database (a backup, a replica,
 * a dump handed to an analyst) does not let anyone sign sessions or health insurance cards.
 * AES-256-GCM under the key-encryption key; each sealed value is bound to where it belongs
 * (`context`, e.g. `token_keys:<kid>`), so a sealed key cannot be copied onto another row.
 */
export interface KeySealer {
  seal(plain: Uint8Array, context: string): Buffer;
  /** The plain bytes; throws `KeySealError` when the value was not sealed by this key for `context`. */
  open(sealed: Uint8Array, context: string): Buffer;
}

export class KeySealError extends Error {
  constructor(context: string) {
    super(
      `A key in the database (${context}) cannot be opened with this KEY_ENCRYPTION_KEY: was the key-encryption key changed or lost?`,
    );
    this.name = 'KeySealError';
  }
}

/** Format version 1: 0x01, a 12-byte nonce, the ciphertext, the 16-byte tag. */
const VERSION = 1;
const NONCE = 12;
const TAG = 16;

export function isSealed(value: Uint8Array): boolean {
  return value.length > 1 + NONCE + TAG && value[0] === VERSION;
}

export function keySealer(kek: Uint8Array): KeySealer {
  if (kek.length !== 32) throw new Error('the key-encryption key must be 32 bytes');
  const key = Buffer.from(kek);
  return {
    seal(plain, context) {
      const nonce = randomBytes(NONCE);
      const cipher = createCipheriv('aes-256-gcm', key, nonce);
      cipher.setAAD(Buffer.from(context, 'utf8'));
      const body = Buffer.concat([cipher.update(plain), cipher.final()]);
      return Buffer.concat([Buffer.of(VERSION), nonce, body, cipher.getAuthTag()]);
    },
    open(sealed, context) {
      if (!isSealed(sealed)) throw new KeySealError(context);
      const bytes = Buffer.from(sealed);
      const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(1, 1 + NONCE));
      decipher.setAAD(Buffer.from(context, 'utf8'));
      decipher.setAuthTag(bytes.subarray(bytes.length - TAG));
      try {
        return Buffer.concat([
          decipher.update(bytes.subarray(1 + NONCE, bytes.length - TAG)),
          decipher.final(),
        ]);
      } catch {
        throw new KeySealError(context);
      }
    },
  };
}

/**
 * The key-encryption key: `KEY_ENCRYPTION_KEY` when set (what a deployment does, from its secret
 * store, the same on every node); otherwise, for a laptop or a demo, a random key kept in
 * `<DATA_DIR>/secrets/key-encryption-key` (created on first start, readable by its owner only,
 * beside the embedded database but not inside it); with an in-memory database, a random key for
 * this process, which dies with the database.
 */
export async function resolveKeyEncryptionKey(config: {
  keyEncryptionKey: Buffer | null;
  databaseInMemory: boolean;
  dataDir: string;
}): Promise<Buffer> {
  if (config.keyEncryptionKey) return config.keyEncryptionKey;
  if (config.databaseInMemory) return randomBytes(32);
  const file = path.join(config.dataDir, 'secrets', 'key-encryption-key');
  const read = async () => {
    const stored = Buffer.from((await fs.readFile(file, 'utf8')).trim(), 'base64');
    if (stored.length !== 32) throw new Error(`${file} does not hold a 32-byte key in base64`);
    return stored;
  };
  try {
    return await read();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  await fs.mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  // Written whole under another name, then linked into place: a process starting at the same
  // moment finds either no file or the whole key, and the first link wins.
  const tmp = `${file}.${randomBytes(8).toString('hex')}.tmp`;
  await fs.writeFile(tmp, `${randomBytes(32).toString('base64')}\n`, { mode: 0o600 });
  try {
    await fs.link(tmp, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    await fs.unlink(tmp);
  }
  return read();
}
