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
  /** Every stored file with when it was last stored (a `put` of bytes already there counts). */
  list(): AsyncIterable<{ sha256: string; storedAt: Date }>;
  /**
   * Removes the file unless it was stored at or after `cutoff`; true when it was removed. A `put`
   * of the same bytes at the same moment either keeps the file or stores it again, never loses it.
   */
  removeIfStoredBefore(sha256: string, cutoff: Date): Promise<boolean>;
}

const SHA256 = /^[0-9a-f]{64}$/;

function sha256Hex(bytes: Uint8Array): string {
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
        // Stored already: marked as stored now, so a clean-up pass does not take it away.
        const now = new Date();
        await fs.utimes(target, now, now);
        return hash;
      } catch {
        // not stored yet (or being removed by a clean-up pass): stored below
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
        if (isMissing(error)) return null;
        throw error;
      }
    },
    async *list() {
      for (const a of await entries(root))
        for (const b of await entries(path.join(root, a)))
          for (const name of await entries(path.join(root, a, b))) {
            if (!SHA256.test(name)) continue; // temporary files of a write or a removal
            try {
              const stat = await fs.stat(path.join(root, a, b, name));
              yield { sha256: name, storedAt: stat.mtime };
            } catch (error) {
              if (!isMissing(error)) throw error;
            }
          }
    },
    async removeIfStoredBefore(hash, cutoff) {
      if (!SHA256.test(hash)) return false;
      const target = where(hash);
      // Moved aside first: a put from now on finds no file and stores it again. A put just before
      // has marked the file as stored now, which the moved file shows: then it goes back.
      const aside = `${target}.${randomUUID()}.removing`;
      try {
        await fs.rename(target, aside);
      } catch (error) {
        if (isMissing(error)) return false;
        throw error;
      }
      if ((await fs.stat(aside)).mtime.getTime() >= cutoff.getTime()) {
        await fs.rename(aside, target); // the same bytes as any file stored meanwhile
        return false;
      }
      await fs.unlink(aside);
      return true;
    },
  };
}

const isMissing = (error: unknown) => (error as NodeJS.ErrnoException).code === 'ENOENT';

/** The names in a folder, none when it does not exist. */
async function entries(dir: string): Promise<string[]> {
  try {
    return await fs.readdir(dir);
  } catch (error) {
    if (isMissing(error)) return [];
    throw error;
  }
}
