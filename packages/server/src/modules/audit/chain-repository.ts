import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/schema';

/**
 * One audit entry as the chain hashes it (migration 0016): every field as the database writes it
 * in text (`at` in microseconds since the epoch, `ip` and `details` in their text forms), so the
 * verifier encodes exactly what the trigger encoded.
 */
export interface ChainedEntry {
  chain_partition: number;
  chain_seq: string;
  id: string;
  at_us: string;
  actor_type: string;
  actor_id: string | null;
  subject_bhxh_code: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  purpose: string | null;
  ip: string | null;
  request_id: string | null;
  details: string;
  prev_hash: Buffer;
  hash: Buffer;
}

export interface ChainHead {
  chain_partition: number;
  last_seq: string;
  last_hash: Buffer;
}

export async function findChainHeads(db: Kysely<Database>): Promise<ChainHead[]> {
  return db
    .selectFrom('audit_chain_heads')
    .select(['chain_partition', sql<string>`last_seq::text`.as('last_seq'), 'last_hash'])
    .orderBy('chain_partition')
    .execute();
}

/** One page of a chain, in chain order, after sequence number `afterSeq` (served by `audit_log_chain_idx`). */
export async function findChainPage(
  db: Kysely<Database>,
  partition: number,
  afterSeq: string,
  limit: number,
): Promise<ChainedEntry[]> {
  const result = await sql<ChainedEntry>`
    SELECT chain_partition, chain_seq::text AS chain_seq, id::text AS id,
           ((extract(epoch FROM at) * 1000000)::bigint)::text AS at_us,
           actor_type, actor_id, subject_bhxh_code::text AS subject_bhxh_code, action, target_type,
           target_id, purpose, ip::text AS ip, request_id, details::text AS details, prev_hash, hash
      FROM audit_log
     WHERE chain_partition = ${partition} AND chain_seq > ${afterSeq}::bigint
     ORDER BY audit_log.chain_seq -- the column, not the text alias above (10 after 9, not after 1)
     LIMIT ${limit}`.execute(db);
  return result.rows;
}

/** The entry at one position of a chain (an anchor's check), or undefined. */
export async function findChainEntry(
  db: Kysely<Database>,
  partition: number,
  seq: string,
): Promise<ChainedEntry | undefined> {
  return (await findChainPage(db, partition, (BigInt(seq) - 1n).toString(), 1)).find(
    (e) => e.chain_seq === seq,
  );
}

/** Entries outside every chain (written while the trigger was disabled): none in a sound log. */
export async function countUnchained(db: Kysely<Database>): Promise<number> {
  const result = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM audit_log
     WHERE chain_partition IS NULL OR chain_partition NOT BETWEEN 0 AND 63 OR hash IS NULL`.execute(db);
  return result.rows[0]?.n ?? 0;
}
