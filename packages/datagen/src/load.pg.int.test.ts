import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate, openDatabase, type DatabaseHandle } from '@vssid/server';
import { createPostgresTestDatabase } from '@vssid/server/testing';
import { loadWithCopy, loadWithInserts } from './load';

/** PostgreSQL only (the int-postgres project runs `*.pg.int.test.ts`): COPY is not a PGlite path. */
const drops: (() => Promise<void>)[] = [];
async function fresh(): Promise<{ handle: DatabaseHandle; url: string }> {
  const created = await createPostgresTestDatabase();
  drops.push(created.drop);
  const handle = await openDatabase({
    databaseUrl: created.url,
    databaseInMemory: false,
    dataDir: '.',
    databasePoolMax: 2,
  });
  await migrate(handle.db);
  return { handle, url: created.url };
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
  for (const drop of drops) await drop();
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
      table: 'medical_visits' | 'participation_periods' | 'bhyt_cards' | 'persons' | 'guardian_wards',
    ) =>
      Number(
        (
          await h.db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<string>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    for (const table of [
      'persons',
      'medical_visits',
      'participation_periods',
      'bhyt_cards',
      'guardian_wards',
    ] as const) {
      expect(await count(viaCopy.handle, table)).toBe(await count(viaInserts.handle, table));
    }
    // The requests' tallies (0032), counted after the COPY, match the requests.
    const tallies = async (h: DatabaseHandle) =>
      (
        await h.db
          .selectFrom('service_request_tallies')
          .select(['agency_code', 'status', 'type', 'n'])
          .where('n', '<>', 0)
          .orderBy('agency_code')
          .orderBy('status')
          .orderBy('type')
          .execute()
      ).map((t) => `${t.agency_code}/${t.status}/${t.type}:${t.n}`);
    const counted = (
      await viaCopy.handle.db
        .selectFrom('service_requests')
        .select(['agency_code', 'status', 'type', (eb) => eb.fn.countAll<string>().as('n')])
        .where('status', '<>', 'draft')
        .groupBy(['agency_code', 'status', 'type'])
        .orderBy('agency_code')
        .orderBy('status')
        .orderBy('type')
        .execute()
    ).map((t) => `${t.agency_code}/${t.status}/${t.type}:${t.n}`);
    expect(counted.length).toBeGreaterThan(0);
    expect(await tallies(viaCopy.handle)).toEqual(counted);
    expect(await tallies(viaInserts.handle)).toEqual(counted);
    // Triggers were off during the COPY: the directories' versions were moved by hand (0010).
    for (const h of [viaCopy.handle, viaInserts.handle]) {
      const versions = await h.db.selectFrom('catalog_versions').select(['catalog', 'version']).execute();
      expect(versions).toHaveLength(4);
      for (const v of versions) expect(Number(v.version), v.catalog).toBeGreaterThan(0);
    }
  });

  it('refuses a second load into the same database', async () => {
    const pool = new pg.Pool({ connectionString: viaCopy.url, max: 1 });
    await expect(loadWithCopy(pool, { seed: 'int', persons: 10 }).finally(() => pool.end())).rejects.toThrow(
      /already holds persons/,
    );
  });
});
