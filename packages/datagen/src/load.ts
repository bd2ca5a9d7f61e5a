import { CompiledQuery, type Kysely, sql } from 'kysely';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { type Database, RECOUNT_REQUEST_TALLIES_SQL } from '@vssid/server';
import { LOAD_ORDER, nationBatches } from './batches';
import { copyLines } from './encode';
import { fillUnitPayments } from './payments';
import { TABLE_COLUMNS, type TableName } from './rows';

export interface LoadOptions {
  seed: string;
  persons: number;
  /** Persons per batch: bounds memory (default 5,000). */
  batchPersons?: number;
  onProgress?: (progress: { persons: number; rows: number; elapsedMs: number }) => void;
}

export interface LoadReport {
  persons: number;
  rows: number;
  elapsedMs: number;
  rowsByTable: Record<string, number>;
}

/** Tables whose ids the generator gives: their identity sequences are moved past them afterwards. */
const IDENTITY_TABLES = ['bhyt_cards', 'participation_periods', 'benefit_payments'] as const;

async function ensureEmpty(count: () => Promise<number>): Promise<void> {
  if ((await count()) > 0)
    throw new Error('the database already holds persons: load a nation into an empty database');
}

/**
 * Each agency's request-number sequence (per year) moved past the generated requests' numbers, so
 * that the next request filed takes the next number (issue 23).
 */
const REQUEST_SEQUENCES_SQL = `
  INSERT INTO service_request_sequences (agency_code, year, last_value)
  SELECT agency_code, split_part(number, '.', 3)::smallint, max(split_part(number, '.', 4)::integer)
  FROM service_requests GROUP BY 1, 2
  ON CONFLICT (agency_code, year) DO UPDATE SET last_value = greatest(service_request_sequences.last_value, excluded.last_value)`;

/**
 * The global keys of the loaded persons and requests claimed in `unique_keys` (migration 0029),
 * in the load's transaction: a duplicate CCCD, request number or key fails the load as the
 * tables' own unique constraints used to.
 */
const UNIQUE_KEYS_SQL = `
  INSERT INTO unique_keys (value, scope, bhxh_code)
  SELECT cccd, 'persons.cccd', bhxh_code FROM persons WHERE cccd IS NOT NULL
  UNION ALL SELECT number, 'service_requests.number', bhxh_code FROM service_requests
  UNION ALL SELECT idempotency_key, 'service_requests.idempotency_key', bhxh_code FROM service_requests`;

/**
 * The guardian → wards relation of the loaded persons mirrored in `guardian_wards` (migration
 * 0030: keyed by the guardian, for the guardian's card list on Citus), in the load's transaction.
 */
const GUARDIAN_WARDS_SQL = `
  INSERT INTO guardian_wards (bhxh_code, ward_bhxh_code)
  SELECT guardian_bhxh_code, bhxh_code FROM persons WHERE guardian_bhxh_code IS NOT NULL`;

/**
 * Streams a generated nation into PostgreSQL with COPY, in one transaction (all or nothing),
 * batch by batch so memory stays bounded; generation of the next batch overlaps the database
 * writing the previous one.
 */
export async function loadWithCopy(pool: pg.Pool, options: LoadOptions): Promise<LoadReport> {
  const client = await pool.connect();
  const started = Date.now();
  const rowsByTable: Record<string, number> = {};
  let rows = 0;
  let persons = 0;
  try {
    await ensureEmpty(async () =>
      Number((await client.query<{ n: string }>('SELECT count(*) AS n FROM persons')).rows[0]?.n ?? 0),
    );
    await client.query('BEGIN');
    const fastPath = await skipForeignKeyTriggers(client);
    let pending: Promise<void> = Promise.resolve();
    for (const [batch, info] of nationBatches(options.seed, options.persons, options.batchPersons ?? 5000)) {
      const texts = LOAD_ORDER.flatMap((table) => {
        const list = batch[table];
        if (!list?.length) return [];
        rowsByTable[table] = (rowsByTable[table] ?? 0) + list.length;
        return [[table, copyLines(table, list)] as const];
      });
      await pending;
      pending = (async () => {
        for (const [table, text] of texts) await copyText(client, table, text);
      })();
      rows += info.rows;
      persons = info.personsSoFar;
      options.onProgress?.({ persons, rows, elapsedMs: Date.now() - started });
    }
    await pending;
    // The units' payments ledger (issue #27), from the loaded periods.
    rowsByTable.unit_payments = await fillUnitPayments(
      async <R>(text: string, values: unknown[]) => (await client.query(text, values)).rows as R[],
    );
    for (const table of IDENTITY_TABLES) {
      await client.query(
        `SELECT setval(pg_get_serial_sequence('${table}', 'id'), COALESCE((SELECT max(id) FROM ${table}), 0) + 1, false)`,
      );
    }
    await client.query(REQUEST_SEQUENCES_SQL);
    // The requests' tallies (migration 0032): COPY moves none.
    for (const statement of RECOUNT_REQUEST_TALLIES_SQL) await client.query(statement);
    await client.query(UNIQUE_KEYS_SQL);
    await client.query(GUARDIAN_WARDS_SQL);
    if (fastPath) {
      await client.query('SET LOCAL session_replication_role = origin');
      await verifyForeignKeys(client);
    }
    // The replica role skips every trigger, the directories' version triggers too (migration
    // 0010): move the versions here, so API nodes already running reload what was loaded.
    await client.query('UPDATE catalog_versions SET version = version + 1');
    await client.query('COMMIT');
    await client.query('ANALYZE');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
  return { persons, rows, elapsedMs: Date.now() - started, rowsByTable };
}

/**
 * Where the role may (a superuser, as on a throwaway benchmark cluster), foreign-key triggers are
 * skipped during the COPY — row-by-row checks are most of the load time — and every foreign key
 * is verified in bulk afterwards, before the commit. Elsewhere the checks run row by row.
 */
async function skipForeignKeyTriggers(client: pg.PoolClient): Promise<boolean> {
  try {
    await client.query('SAVEPOINT replica_role');
    await client.query('SET LOCAL session_replication_role = replica');
    await client.query('RELEASE SAVEPOINT replica_role');
    return true;
  } catch {
    await client.query('ROLLBACK TO SAVEPOINT replica_role');
    return false;
  }
}

/** Every foreign key of the loaded tables, checked in bulk (anti-joins); throws naming a broken one. */
async function verifyForeignKeys(client: pg.PoolClient): Promise<void> {
  const fks = await client.query<{
    name: string;
    child: string;
    parent: string;
    child_cols: string[];
    parent_cols: string[];
  }>(`
    SELECT c.conname AS name, c.conrelid::regclass::text AS child, c.confrelid::regclass::text AS parent,
           array(SELECT attname FROM unnest(c.conkey) WITH ORDINALITY k(n, i) JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.n ORDER BY i)::text[] AS child_cols,
           array(SELECT attname FROM unnest(c.confkey) WITH ORDINALITY k(n, i) JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.n ORDER BY i)::text[] AS parent_cols
    FROM pg_constraint c WHERE c.contype = 'f' AND c.connamespace = 'public'::regnamespace`);
  for (const fk of fks.rows) {
    const notNull = fk.child_cols.map((c) => `ch.${c} IS NOT NULL`).join(' AND ');
    const join = fk.child_cols.map((c, i) => `pa.${fk.parent_cols[i] ?? c} = ch.${c}`).join(' AND ');
    const broken = await client.query<{ n: string }>(
      `SELECT count(*) AS n FROM ${fk.child} ch WHERE ${notNull} AND NOT EXISTS (SELECT 1 FROM ${fk.parent} pa WHERE ${join})`,
    );
    const n = Number(broken.rows[0]?.n ?? 0);
    if (n > 0)
      throw new Error(`foreign key ${fk.name}: ${n} rows of ${fk.child} refer to missing ${fk.parent} rows`);
  }
}

function copyText(client: pg.PoolClient, table: TableName, text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const stream = client.query(copyFrom(`COPY ${table} (${TABLE_COLUMNS[table].join(', ')}) FROM STDIN`));
    stream.on('error', reject);
    stream.on('finish', () => {
      resolve();
    });
    stream.end(text);
  });
}

/**
 * Loads a generated nation with ordinary multi-row INSERTs through Kysely, in one transaction:
 * the path for the embedded database (the demo nation on the first start).
 */
export async function loadWithInserts(db: Kysely<Database>, options: LoadOptions): Promise<LoadReport> {
  const started = Date.now();
  const rowsByTable: Record<string, number> = {};
  let rows = 0;
  let persons = 0;
  await ensureEmpty(async () =>
    Number(
      (
        await db
          .selectFrom('persons')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    ),
  );
  await db.transaction().execute(async (trx) => {
    for (const [batch, info] of nationBatches(options.seed, options.persons, options.batchPersons ?? 1000)) {
      for (const table of LOAD_ORDER) {
        const list = batch[table];
        if (!list?.length) continue;
        rowsByTable[table] = (rowsByTable[table] ?? 0) + list.length;
        // Stay under PostgreSQL's 65,535 bind parameters per statement.
        const chunk = Math.max(1, Math.floor(60_000 / TABLE_COLUMNS[table].length));
        for (let i = 0; i < list.length; i += chunk) {
          await trx
            .insertInto(table)
            .values(list.slice(i, i + chunk))
            .execute();
        }
      }
      rows += info.rows;
      persons = info.personsSoFar;
      options.onProgress?.({ persons, rows, elapsedMs: Date.now() - started });
    }
    for (const table of IDENTITY_TABLES) {
      await sql`SELECT setval(pg_get_serial_sequence(${table}, 'id'), COALESCE((SELECT max(id) FROM ${sql.table(table)}), 0) + 1, false)`.execute(
        trx,
      );
    }
    await sql.raw(REQUEST_SEQUENCES_SQL).execute(trx);
    for (const statement of RECOUNT_REQUEST_TALLIES_SQL) await sql.raw(statement).execute(trx);
    rowsByTable.unit_payments = await fillUnitPayments(
      async <R>(text: string, values: unknown[]) =>
        (await trx.executeQuery(CompiledQuery.raw(text, values))).rows as R[],
    );
    await sql.raw(UNIQUE_KEYS_SQL).execute(trx);
    await sql.raw(GUARDIAN_WARDS_SQL).execute(trx);
  });
  return { persons, rows, elapsedMs: Date.now() - started, rowsByTable };
}
