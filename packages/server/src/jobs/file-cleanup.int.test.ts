import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FileStorage, localFileStorage } from '../adapters/storage';
import type { DatabaseHandle } from '../db/database';
import { migrate } from '../db/migrate';
import { createTestDatabase } from '../testing/database';
import { ORPHAN_FILE_GRACE_MS, startFileCleanupJob } from './file-cleanup';

let database: DatabaseHandle;
let root: string;
let storage: FileStorage;
const DAY = 86_400_000;

beforeAll(async () => {
  database = await createTestDatabase();
  await migrate(database.db);
  root = await fs.mkdtemp(path.join(os.tmpdir(), 'vssid-cleanup-'));
  storage = localFileStorage(root);
  await sql`INSERT INTO bhxh_agencies (code, level, name, address, province_code)
    VALUES ('01', 'province', 'Bảo hiểm xã hội thành phố Hà Nội', 'Số 1, Hà Nội', '01')`.execute(database.db);
  await sql`INSERT INTO persons (bhxh_code, full_name, birth_year, gender) VALUES ('0101000001', 'Nguyễn Văn An', 1990, 'male')`.execute(
    database.db,
  );
});
afterAll(async () => {
  await database.close();
  await fs.rm(root, { recursive: true, force: true });
});

/** Stores `text` as a file last stored `ageMs` ago. */
async function stored(text: string, ageMs: number): Promise<string> {
  const hash = await storage.put(Buffer.from(text));
  const at = new Date(Date.now() - ageMs);
  await fs.utimes(path.join(root, hash.slice(0, 2), hash.slice(2, 4), hash), at, at);
  return hash;
}

async function referenceFromDossier(hash: string): Promise<void> {
  const id = randomUUID();
  await sql`INSERT INTO dossiers (bhxh_code, id, number, kind, agency_code, declared, delivery, status, deadline_at, idempotency_key)
    VALUES ('0101000001', ${id}, ${`00001.GD_2026_${id.slice(0, 4)}`}, 'self', '01', '{}', 'counter', 'rejected', now(), ${id})`.execute(
    database.db,
  );
  await sql`INSERT INTO dossier_files (bhxh_code, dossier_id, kind, content_type, byte_size, width, height, sha256)
    VALUES ('0101000001', ${id}, 'portrait', 'image/jpeg', 10, 1, 1, ${hash})`.execute(database.db);
}

describe('the orphan file clean-up', () => {
  it('removes old files no dossier refers to, keeps the referenced and the recent ones, and audits', async () => {
    const referenced = await stored('ảnh chân dung của một hồ sơ', 3 * DAY);
    const orphan = await stored('ảnh của một lần gửi thất bại', 2 * DAY);
    const recent = await stored('ảnh của một lần gửi đang diễn ra', 60_000);
    await referenceFromDossier(referenced);
    const job = startFileCleanupJob({
      db: database.db,
      storage,
      intervalMs: 0,
      log: pino({ level: 'silent' }),
      batch: 2,
    });
    expect(await job.runOnce()).toEqual({ checked: 2, removed: 1 });
    expect(await storage.get(orphan)).toBeNull();
    expect((await storage.get(referenced))?.toString()).toBe('ảnh chân dung của một hồ sơ');
    expect(await storage.get(recent)).not.toBeNull();
    const audit = await database.db
      .selectFrom('audit_log')
      .select(['actor_type', 'details'])
      .where('action', '=', 'files.orphans_removed')
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]?.actor_type).toBe('system');
    expect(audit[0]?.details).toMatchObject({ removed: 1, checked: 2 });
    // Nothing left to do: no second entry.
    expect(await job.runOnce()).toEqual({ checked: 1, removed: 0 });
    // A day later the recent one is old and unreferenced too.
    expect(await job.runOnce(new Date(Date.now() + ORPHAN_FILE_GRACE_MS))).toEqual({
      checked: 2,
      removed: 1,
    });
    expect(await storage.get(recent)).toBeNull();
    await job.stop();
  });

  it("keeps a dossier's stored Form 01 PDF (migration 0014) as one of its files", async () => {
    const pdf = await stored('%PDF-1.7 tờ khai 01 của một hồ sơ', 3 * DAY);
    const photo = await stored('ảnh của hồ sơ có tờ khai', 3 * DAY);
    await referenceFromDossier(photo);
    const [dossier] = await database.db
      .selectFrom('dossier_files')
      .select(['bhxh_code', 'dossier_id'])
      .where('sha256', '=', photo)
      .execute();
    await sql`INSERT INTO dossier_pdfs (bhxh_code, dossier_id, language, byte_size, sha256)
      VALUES (${dossier?.bhxh_code}, ${dossier?.dossier_id}, 'vi', 40, ${pdf})`.execute(database.db);
    const job = startFileCleanupJob({
      db: database.db,
      storage,
      intervalMs: 0,
      log: pino({ level: 'silent' }),
    });
    await job.runOnce();
    expect((await storage.get(pdf))?.toString()).toBe('%PDF-1.7 tờ khai 01 của một hồ sơ');
    expect(await storage.get(photo)).not.toBeNull();
    await job.stop();
  });

  it('never takes away a file stored again at the moment it is removed', async () => {
    const hash = await stored('ảnh gửi lại', 2 * DAY);
    const cutoff = new Date(Date.now() - DAY);
    // Stored again (a retried submit with the same photo) just before the removal: kept.
    await storage.put(Buffer.from('ảnh gửi lại'));
    expect(await storage.removeIfStoredBefore(hash, cutoff)).toBe(false);
    expect((await storage.get(hash))?.toString()).toBe('ảnh gửi lại');
    // Removed, then stored again: stored anew.
    const again = await stored('ảnh gửi lại', 2 * DAY);
    expect(await storage.removeIfStoredBefore(again, cutoff)).toBe(true);
    expect(await storage.get(again)).toBeNull();
    await storage.put(Buffer.from('ảnh gửi lại'));
    expect((await storage.get(again))?.toString()).toBe('ảnh gửi lại');
    // Concurrent puts and removals of the same bytes: whatever the interleaving, a put that has
    // returned finds its file.
    for (let i = 0; i < 20; i++) {
      await stored('ảnh gửi lại', 2 * DAY);
      const [, put] = await Promise.all([
        storage.removeIfStoredBefore(hash, cutoff),
        storage.put(Buffer.from('ảnh gửi lại')),
      ]);
      expect((await storage.get(put))?.toString(), `round ${i}`).toBe('ảnh gửi lại');
    }
  });
});
