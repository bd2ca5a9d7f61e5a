import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/schema';

/** How many of the given migrations are recorded as applied. */
export async function countApplied(db: Kysely<Database>, ids: readonly string[]): Promise<number> {
  if (ids.length === 0) return 0;
  const row = await db
    .selectFrom('schema_migrations')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('id', 'in', ids)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Messages waiting in the outbox (not delivered yet), per channel: the metrics' backlog. */
export async function countOutboxBacklog(db: Kysely<Database>): Promise<{ channel: string; n: number }[]> {
  const rows = await db
    .selectFrom('outbox')
    .select(['channel', (eb) => eb.fn.countAll<string>().as('n')])
    .where('delivered_at', 'is', null)
    .groupBy('channel')
    .execute();
  return rows.map((r) => ({ channel: r.channel, n: Number(r.n) }));
}

/** The primary's WAL position now (after a write: a position the write is at or before). */
export async function currentWalLsn(db: Kysely<Database>): Promise<string> {
  const { rows } = await sql<{ lsn: string }>`SELECT pg_current_wal_lsn()::text AS lsn`.execute(db);
  return rows[0]?.lsn ?? '0/0';
}
