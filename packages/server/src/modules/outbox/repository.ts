import { type Insertable, type Kysely, type Selectable, sql } from 'kysely';
import type { Database, OutboxChannel, OutboxTable } from '../../db/schema';

export type OutboxRow = Selectable<OutboxTable>;
export type NewOutboxMessage = Omit<
  Insertable<OutboxTable>,
  'id' | 'created_at' | 'attempts' | 'delivered_at' | 'last_error'
>;

/** Inserts unless a message with the same idempotency key exists; true when inserted. */
export async function insertMessage(db: Kysely<Database>, message: NewOutboxMessage): Promise<boolean> {
  const rows = await db
    .insertInto('outbox')
    .values(message)
    .onConflict((oc) => oc.column('idempotency_key').doNothing())
    .returning('id')
    .execute();
  return rows.length === 1;
}

/**
 * Locks up to `limit` due, undelivered messages of one channel for this transaction (`SKIP
 * LOCKED`, so several workers share the queue without taking the same message), oldest first: an
 * index scan of `outbox_pending_idx`. (One statement for several channels would sort every due
 * message of them, payloads and all, whenever a backlog has built up.)
 */
export async function lockDueMessages(
  db: Kysely<Database>,
  channel: OutboxChannel,
  limit: number,
): Promise<OutboxRow[]> {
  return db
    .selectFrom('outbox')
    .selectAll()
    .where('delivered_at', 'is', null)
    .where('channel', '=', channel)
    .where('available_at', '<=', sql<Date>`now()`)
    .orderBy('available_at')
    .orderBy('id')
    .limit(limit)
    .forUpdate()
    .skipLocked()
    .execute();
}

/** Recent messages, newest first, optionally to one recipient (the development inbox). */
export async function findRecentMessages(
  db: Kysely<Database>,
  options: { recipient?: string; limit: number },
): Promise<OutboxRow[]> {
  let q = db.selectFrom('outbox').selectAll();
  if (options.recipient !== undefined) q = q.where('recipient', '=', options.recipient);
  return q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(options.limit).execute();
}

export async function markDelivered(db: Kysely<Database>, id: string): Promise<void> {
  await db
    .updateTable('outbox')
    .set({ delivered_at: sql<Date>`now()`, attempts: sql<number>`attempts + 1`, last_error: null })
    .where('id', '=', id)
    .execute();
}

export async function markFailed(
  db: Kysely<Database>,
  id: string,
  error: string,
  retryAfterSeconds: number,
): Promise<void> {
  await db
    .updateTable('outbox')
    .set({
      attempts: sql<number>`attempts + 1`,
      last_error: error.slice(0, 2000),
      available_at: sql<Date>`now() + make_interval(secs => ${retryAfterSeconds})`,
    })
    .where('id', '=', id)
    .execute();
}
