import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { Database } from '../../db/schema';

interface StoredRequest {
  request_hash: string;
  status: number | null;
  response: string | null;
  /** The claim is older than the in-progress timeout (a node died before answering). */
  stale: boolean;
}

/**
 * Claims (account, key) for a request with this hash, in one statement: true when this call
 * made the row; otherwise the row found (its hash, and its answer once stored).
 */
export async function claimKey(
  db: Kysely<Database>,
  accountId: string,
  key: string,
  requestHash: string,
  staleAfterSeconds: number,
): Promise<{ claimed: true } | { claimed: false; existing: StoredRequest | undefined }> {
  const inserted = await db
    .insertInto('idempotent_requests')
    .values({ account_id: accountId, key, request_hash: requestHash })
    .onConflict((oc) => oc.columns(['account_id', 'key']).doNothing())
    .returning('key')
    .executeTakeFirst();
  if (inserted) return { claimed: true };
  const existing = await db
    .selectFrom('idempotent_requests')
    .select([
      'request_hash',
      'status',
      'response',
      sql<boolean>`created_at < now() - make_interval(secs => ${staleAfterSeconds})`.as('stale'),
    ])
    .where('account_id', '=', accountId)
    .where('key', '=', key)
    .executeTakeFirst();
  return { claimed: false, existing };
}

/** Takes over a stale claim (its node never answered): true when this call got it. */
export async function retakeStaleKey(
  db: Kysely<Database>,
  accountId: string,
  key: string,
  staleAfterSeconds: number,
): Promise<boolean> {
  const row = await db
    .updateTable('idempotent_requests')
    .set({ created_at: new Date() })
    .where('account_id', '=', accountId)
    .where('key', '=', key)
    .where('status', 'is', null)
    .where(sql<boolean>`created_at < now() - make_interval(secs => ${staleAfterSeconds})`)
    .returning('key')
    .executeTakeFirst();
  return row !== undefined;
}

export async function storeAnswer(
  db: Kysely<Database>,
  accountId: string,
  key: string,
  status: number,
  response: string,
): Promise<void> {
  await db
    .updateTable('idempotent_requests')
    .set({ status, response })
    .where('account_id', '=', accountId)
    .where('key', '=', key)
    .execute();
}

export async function releaseKey(db: Kysely<Database>, accountId: string, key: string): Promise<void> {
  await db
    .deleteFrom('idempotent_requests')
    .where('account_id', '=', accountId)
    .where('key', '=', key)
    .where('status', 'is', null)
    .execute();
}

export async function deleteOlderThan(db: Kysely<Database>, before: Date): Promise<void> {
  await db.deleteFrom('idempotent_requests').where('created_at', '<', before).execute();
}
