import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate, openDatabase, type DatabaseHandle } from '@vssid/server';
import { loadWithCopy, loadWithInserts } from './load';

/** PostgreSQL only (the int-postgres project runs `*.pg.int.test.ts`): COPY is not a PGlite path. */
const admin = process.env.TEST_DATABASE_URL ?? '';
const created: string[] = [];
async function fresh(): Promise<{ handle: DatabaseHandle; url: string }> {
  const name = `vssid_copy_${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
  const c = new pg.Client({ connectionString: admin });
  await c.connect();
  await c.query(`CREATE DATABASE ${name}`).finally(() => c.end());
  created.push(name);
  const url = new URL(admin);
  url.pathname = `/${name}`;
  const handle = await openDatabase({
    databaseUrl: url.toString(),
    databaseInMemory: false,
    dataDir: '.',
    databasePoolMax: 2,
  });
  await migrate(handle.db);
  return { handle, url: url.toString() };
}

let viaInserts: { handle: DatabaseHandle; url: string };
let viaCopy: { handle: DatabaseHandle; url: string };
beforeAll(async () => {
  viaInserts = await fresh();
  viaCopy = await fresh();
});
afterAll(async () => {
  await viaInserts.handle.close();
  await viaCopy.handle.close();
  const c = new pg.Client({ connectionString: admin });
  await c.connect();
  for (const name of created) await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await c.end();
});

describe('loading with COPY', () => {
  it('gives the same rows as the insert path and verifies every foreign key', async () => {
    await loadWithInserts(viaInserts.handle.db, { seed: 'int', persons: 250, batchPersons: 100 });
    const pool = new pg.Pool({ connectionString: viaCopy.url, max: 1 });
    const report = await loadWithCopy(pool, { seed: 'int', persons: 250, batchPersons: 100 }).finally(() =>
      pool.end(),
    );
    expect(report.persons).toBe(250);
    const count = async (
      h: DatabaseHandle,
      table: 'medical_visits' | 'participation_periods' | 'bhyt_cards' | 'persons',
    ) =>
      Number(
        (
          await h.db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<string>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    for (const table of ['persons', 'medical_visits', 'participation_periods', 'bhyt_cards'] as const) {
      expect(await count(viaCopy.handle, table)).toBe(await count(viaInserts.handle, table));
    }
  });

  it('refuses a second load into the same database', async () => {
    const pool = new pg.Pool({ connectionString: viaCopy.url, max: 1 });
    await expect(loadWithCopy(pool, { seed: 'int', persons: 10 }).finally(() => pool.end())).rejects.toThrow(
      /already holds persons/,
    );
  });
});
