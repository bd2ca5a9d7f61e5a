import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from './database';
import { MIGRATIONS_DIR, migrate, readMigrations } from './migrate';
import { createTestDatabase } from '../testing/database';

let database: DatabaseHandle;
let dir: string;

beforeEach(async () => {
  database = await createTestDatabase();
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'vssid-migrations-'));
});
afterEach(async () => {
  await database.close();
  await fs.rm(dir, { recursive: true, force: true });
});

describe('migrations', () => {
  it('applies every migration once, and nothing on the second start', async () => {
    const all = await readMigrations();
    const first = await migrate(database.db);
    expect(first.applied).toEqual(all.map((m) => m.id));
    const second = await migrate(database.db);
    expect(second.applied).toEqual([]);
    const rows = await database.db.selectFrom('schema_migrations').select('id').execute();
    expect(rows.map((r) => r.id).sort()).toEqual(all.map((m) => m.id));
  });

  it('creates the audit log and the outbox', async () => {
    await migrate(database.db);
    const tables = await sql<{ name: string }>`
      SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1`.execute(
      database.db,
    );
    expect(tables.rows.map((r) => r.name)).toEqual(
      expect.arrayContaining(['audit_log', 'outbox', 'schema_migrations']),
    );
  });

  it('refuses to start when a landed migration was edited', async () => {
    await fs.writeFile(path.join(dir, '0001_first.sql'), 'CREATE TABLE t1 (id int);');
    await migrate(database.db, dir);
    await fs.writeFile(path.join(dir, '0001_first.sql'), 'CREATE TABLE t1 (id bigint);');
    await expect(migrate(database.db, dir)).rejects.toThrow(/edited after it was applied/);
  });

  it('rolls back a failing migration entirely and records nothing', async () => {
    await fs.writeFile(path.join(dir, '0001_first.sql'), 'CREATE TABLE t1 (id int);');
    await fs.writeFile(
      path.join(dir, '0002_broken.sql'),
      'CREATE TABLE t2 (id int); SELECT * FROM no_such_table;',
    );
    await expect(migrate(database.db, dir)).rejects.toThrow();
    const rows = await database.db.selectFrom('schema_migrations').select('id').execute();
    expect(rows.map((r) => r.id)).toEqual(['0001_first']);
    const t2 = await sql<{ t: string | null }>`SELECT to_regclass('t2')::text AS t`.execute(database.db);
    expect(t2.rows[0]?.t).toBeNull();
  });

  it('rejects badly named or non-contiguous files', async () => {
    await fs.writeFile(path.join(dir, '0002_gap.sql'), 'SELECT 1;');
    await expect(readMigrations(dir)).rejects.toThrow(/breaks the sequence/);
    await fs.rm(path.join(dir, '0002_gap.sql'));
    await fs.writeFile(path.join(dir, 'first.sql'), 'SELECT 1;');
    await expect(readMigrations(dir)).rejects.toThrow(/NNNN_words/);
  });

  it("backfills the guardian's look-up of wards (0030) from the relation on existing persons", async () => {
    const all = await readMigrations();
    const before = all.filter((m) => m.id < '0030');
    for (const m of before)
      await fs.copyFile(path.join(MIGRATIONS_DIR, `${m.id}.sql`), path.join(dir, `${m.id}.sql`));
    await migrate(database.db, dir);
    await sql`INSERT INTO persons (bhxh_code, full_name, birth_year, gender, guardian_bhxh_code) VALUES
        ('0100000001', 'Vũ Văn Hùng', 1980, 'male', NULL),
        ('0100000002', 'Vũ Thu Trang', 2015, 'female', '0100000001'),
        ('0100000003', 'Vũ Minh Đức', 2018, 'male', '0100000001'),
        ('0100000004', 'Lê Thị Hoa', 1990, 'female', NULL)`.execute(database.db);
    const guardianWards = all.find((m) => m.id.startsWith('0030_'));
    if (!guardianWards) throw new Error('migration 0030 not found');
    await fs.copyFile(
      path.join(MIGRATIONS_DIR, `${guardianWards.id}.sql`),
      path.join(dir, `${guardianWards.id}.sql`),
    );
    expect((await migrate(database.db, dir)).applied).toEqual([guardianWards.id]);
    const rows = await database.db
      .selectFrom('guardian_wards')
      .select(['bhxh_code', 'ward_bhxh_code'])
      .orderBy('ward_bhxh_code')
      .execute();
    expect(rows).toEqual([
      { bhxh_code: '0100000001', ward_bhxh_code: '0100000002' },
      { bhxh_code: '0100000001', ward_bhxh_code: '0100000003' },
    ]);
  });

  it('lets concurrent starts apply each migration once', async () => {
    const results = await Promise.all([migrate(database.db), migrate(database.db), migrate(database.db)]);
    const applied = results.flatMap((r) => r.applied);
    expect(applied.sort()).toEqual((await readMigrations(MIGRATIONS_DIR)).map((m) => m.id).sort());
  });
});
