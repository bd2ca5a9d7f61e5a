import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { isSealed, keySealer, KeySealError, resolveKeyEncryptionKey } from './key-sealer';

describe('the key sealer', () => {
  const sealer = keySealer(randomBytes(32));
  const secret = randomBytes(32);

  it('opens what it sealed for the same place, and nothing else', () => {
    const sealed = sealer.seal(secret, 'token_keys:a');
    expect(isSealed(sealed)).toBe(true);
    expect(sealed.length).toBe(1 + 12 + 32 + 16);
    expect(sealed.includes(secret)).toBe(false);
    expect(sealer.open(sealed, 'token_keys:a').equals(secret)).toBe(true);
    // Copied onto another row, opened with another key, or altered: refused.
    expect(() => sealer.open(sealed, 'token_keys:b')).toThrow(KeySealError);
    expect(() => keySealer(randomBytes(32)).open(sealed, 'token_keys:a')).toThrow(/KEY_ENCRYPTION_KEY/);
    const altered = Buffer.from(sealed);
    altered[20] = (altered[20] ?? 0) ^ 1;
    expect(() => sealer.open(altered, 'token_keys:a')).toThrow(KeySealError);
    expect(() => sealer.open(secret, 'token_keys:a')).toThrow(KeySealError);
  });

  it('seals the same key differently each time (a fresh nonce)', () => {
    expect(sealer.seal(secret, 'x').equals(sealer.seal(secret, 'x'))).toBe(false);
  });

  it('takes only a 32-byte key', () => {
    expect(() => keySealer(randomBytes(16))).toThrow(/32 bytes/);
  });
});

describe('the key-encryption key', () => {
  it('is the configured one when set', async () => {
    const kek = randomBytes(32);
    expect(
      await resolveKeyEncryptionKey({ keyEncryptionKey: kek, databaseInMemory: false, dataDir: '/nowhere' }),
    ).toBe(kek);
  });

  it('is otherwise created once in the data folder, readable by its owner only, and found again', async () => {
    const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'vssid-kek-'));
    try {
      const options = { keyEncryptionKey: null, databaseInMemory: false, dataDir };
      const [a, b] = await Promise.all([resolveKeyEncryptionKey(options), resolveKeyEncryptionKey(options)]);
      expect(a.length).toBe(32);
      expect(b.equals(a)).toBe(true);
      expect((await resolveKeyEncryptionKey(options)).equals(a)).toBe(true);
      const stat = await fs.stat(path.join(dataDir, 'secrets', 'key-encryption-key'));
      expect(stat.mode & 0o077).toBe(0);
    } finally {
      await fs.rm(dataDir, { recursive: true, force: true });
    }
  });

  it('is one for the process with an in-memory database', async () => {
    const options = { keyEncryptionKey: null, databaseInMemory: true, dataDir: '/nowhere' };
    const a = await resolveKeyEncryptionKey(options);
    expect(a.length).toBe(32);
    expect((await resolveKeyEncryptionKey(options)).equals(a)).toBe(false);
  });
});
