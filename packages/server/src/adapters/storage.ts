import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';

/**
 * File storage for uploaded documents (registration photos): content-addressed by SHA-256, so the
 * same bytes are stored once and a name can never point at other bytes. The default keeps files
 * in a local folder (`DATA_DIR/files`); a deployment with several nodes would put an object store
 * behind the same interface.
 */
export interface FileStorage {
  /** Stores the bytes (idempotent) and returns their SHA-256 in hex. */
  put(bytes: Uint8Array): Promise<string>;
  /** The bytes of that SHA-256, or null when absent. */
  get(sha256: string): Promise<Buffer | null>;
}

const SHA256 = /^[0-9a-f]{64}$/;

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** A local folder: `<root>/ab/cd/abcd…` (two levels of fan-out), written atomically by rename. */
export function localFileStorage(root: string): FileStorage {
  const where = (hash: string) => path.join(root, hash.slice(0, 2), hash.slice(2, 4), hash);
  return {
    async put(bytes) {
      const hash = sha256Hex(bytes);
      const target = where(hash);
      try {
        await fs.access(target);
        return hash;
      } catch {
        // not stored yet
      }
      await fs.mkdir(path.dirname(target), { recursive: true });
      const tmp = `${target}.${randomUUID()}.tmp`;
      await fs.writeFile(tmp, bytes);
      await fs.rename(tmp, target);
      return hash;
    },
    async get(hash) {
      if (!SHA256.test(hash)) return null;
      try {
        return await fs.readFile(where(hash));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw error;
      }
    },
  };
}
