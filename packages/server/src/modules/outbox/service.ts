import type { InboxMessage } from '@vssid/domain/api/dev-inbox';
import type { Kysely } from 'kysely';
import type { Database, OutboxChannel } from '../../db/schema';
import {
  insertMessage,
  lockDueMessages,
  markDelivered,
  markFailed,
  type NewOutboxMessage,
  type OutboxRow,
  findRecentMessages,
} from './repository';

export type { OutboxRow };

/** Sends one message through its channel's adapter; receives the idempotency key to pass on to the gateway. */
/**
 * Sends one message. `trx` is the delivery pass's transaction, which holds the message's row lock:
 * anything the delivery reads from the database goes through it (an embedded database has one
 * connection, and a second one would wait for this transaction to end).
 */
type Deliver = (message: OutboxRow, trx: Kysely<Database>) => Promise<void>;

export interface DeliveryReport {
  delivered: number;
  failed: number;
}

/** Retry delay after the n-th failed attempt: 30 s, 60 s, 120 s … capped at one hour. */
export function retryDelaySeconds(attempts: number): number {
  return Math.min(3600, 30 * 2 ** Math.max(0, attempts));
}

/**
 * Writes a message to the outbox. Call it with the transaction that makes the change causing the
 * message, so both commit or neither does. Returns false when the idempotency key was seen before.
 */
export function enqueueMessage(trx: Kysely<Database>, message: NewOutboxMessage): Promise<boolean> {
  return insertMessage(trx, message);
}

/**
 * One pass of the delivery worker: takes up to `batch` due messages of each channel it can
 * deliver under row locks, delivers each, records the outcome, and commits. A crash before the
 * commit leaves them undelivered, to be sent again (at least once; gateways deduplicate by
 * idempotency key). The messages of other channels are not taken: they wait, their attempts untouched, for a
 * worker with that channel's adapter.
 */
export async function deliverDueMessages(
  db: Kysely<Database>,
  deliver: Deliver,
  options: { channels: readonly OutboxChannel[]; batch?: number },
): Promise<DeliveryReport> {
  if (options.channels.length === 0) return { delivered: 0, failed: 0 };
  return db.transaction().execute(async (trx) => {
    const due: OutboxRow[] = [];
    for (const channel of options.channels)
      due.push(...(await lockDueMessages(trx, channel, options.batch ?? 50)));
    const report: DeliveryReport = { delivered: 0, failed: 0 };
    for (const message of due) {
      try {
        await deliver(message, trx);
        await markDelivered(trx, message.id);
        report.delivered++;
      } catch (error) {
        await markFailed(
          trx,
          message.id,
          error instanceof Error ? error.message : String(error),
          retryDelaySeconds(message.attempts),
        );
        report.failed++;
      }
    }
    return report;
  });
}

/** The development inbox: recent messages, newest first, as `GET /dev/inbox/messages` answers them. */
export async function listRecentMessages(
  db: Kysely<Database>,
  options: { recipient?: string | undefined; limit?: number } = {},
): Promise<InboxMessage[]> {
  const rows = await findRecentMessages(db, { ...options, limit: Math.min(options.limit ?? 50, 200) });
  return rows.map((m) => ({
    id: m.id,
    channel: m.channel,
    recipient: m.recipient,
    template: m.template,
    language: m.language,
    payload: m.payload,
    createdAt: m.created_at.toISOString(),
    deliveredAt: m.delivered_at ? m.delivered_at.toISOString() : null,
  }));
}
