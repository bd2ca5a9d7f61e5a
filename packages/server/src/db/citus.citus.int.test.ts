import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../testing/database';
import { distributeTables } from './citus';
import type { DatabaseHandle } from './database';
import { claimUniqueKeys } from './unique-keys';

/** The Citus step on a real Citus cluster (project int-citus only: `npm run test:citus`). */
let database: DatabaseHandle;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

const placement = async (table: string) =>
  (
    await sql<{ method: string; colocation: number; column: string | null }>`
      SELECT partmethod AS method, colocationid AS colocation,
             column_to_column_name(logicalrelid, partkey) AS column
        FROM pg_dist_partition WHERE logicalrelid = ${table}::regclass`.execute(database.db)
  ).rows[0];

describe('the Citus step', () => {
  it('distributes person-scoped tables by bhxh_code with persons, copies catalogs, keeps accounts on the coordinator', async () => {
    const persons = await placement('persons');
    expect(persons).toMatchObject({ method: 'h', column: 'bhxh_code' });
    for (const table of [
      'bhyt_cards',
      'dossiers',
      'service_requests',
      'tickets',
      'medical_visits',
      'guardian_wards',
    ])
      expect(await placement(table)).toEqual(persons);
    expect(await placement('clinics')).toMatchObject({ method: 'n' });
    const keys = await placement('unique_keys');
    expect(keys).toMatchObject({ method: 'h', column: 'value' });
    expect(keys?.colocation).not.toBe(persons?.colocation);
    // Plain PostgreSQL tables on the coordinator, outside Citus's metadata.
    for (const table of ['accounts', 'sessions', 'outbox', 'audit_log', 'catalog_versions'])
      expect(await placement(table)).toBeUndefined();
  });

  it('is idempotent, and stops at a table added later that the plan cannot place, naming it', async () => {
    await expect(distributeTables(database.db)).resolves.toBeDefined();
    await sql`CREATE TABLE later_batches (id bigint PRIMARY KEY, agency_code text)`.execute(database.db);
    try {
      await expect(distributeTables(database.db)).rejects.toThrow(
        /later_batches: has neither bhxh_code nor account_id/,
      );
    } finally {
      await sql`DROP TABLE later_batches`.execute(database.db);
    }
    await sql`CREATE TABLE later_claims (bhxh_code char(10) NOT NULL, number text UNIQUE)`.execute(
      database.db,
    );
    try {
      await expect(distributeTables(database.db)).rejects.toThrow(
        /later_claims: unique key later_claims_number_key \(number\) lacks bhxh_code/,
      );
    } finally {
      await sql`DROP TABLE later_claims`.execute(database.db);
    }
  });

  it('announces a catalog change once, on the coordinator where the API nodes listen', async () => {
    const heard: string[] = [];
    const stop = await database.listen(
      'vssid_catalog_changed',
      (payload) => heard.push(payload),
      () => undefined,
    );
    try {
      const version = async () => {
        const { rows } = await sql<{ version: string }>`
          SELECT version FROM catalog_versions WHERE catalog = 'clinics'`.execute(database.db);
        return Number(rows[0]?.version);
      };
      const before = await version();
      // A reference table: written on the coordinator's placement and on each worker's.
      await sql`INSERT INTO clinics (code, name, level, address, province_code)
                VALUES ('01001', 'Bệnh viện thử', 'central', '1 Tràng Thi', '01')`.execute(database.db);
      expect(await version()).toBe(before + 1);
      const until = Date.now() + 3000;
      while (!heard.includes('clinics') && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
      expect(heard.filter((c) => c === 'clinics')).toEqual(['clinics']);
    } finally {
      await stop();
    }
  });

  it('keeps a global key unique across persons on different shards', async () => {
    await claimUniqueKeys(database.db, '0100000001', [{ scope: 'dossiers.idempotency_key', value: 'k-1' }]);
    await expect(
      claimUniqueKeys(database.db, '7900000002', [{ scope: 'dossiers.idempotency_key', value: 'k-1' }]),
    ).rejects.toMatchObject({ code: '23505', constraint: 'dossiers_idempotency_key_key' });
    // Another scope of the same value is another key.
    await claimUniqueKeys(database.db, '7900000002', [
      { scope: 'service_requests.idempotency_key', value: 'k-1' },
    ]);
  });
});
