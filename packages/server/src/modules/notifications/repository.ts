import { type Kysely, type Selectable, sql } from 'kysely';
import type { Database } from '../../db/schema';
import type { NotificationTable } from '../../db/schema-notifications';

/** The inbox, policy news and campaigns: every statement of the notifications module. */

export type NotificationRow = Selectable<NotificationTable> & {
  news_content: Record<string, { title: string; body: string } | undefined> | null;
};

// ------------------------------------------------------------------ the inbox

/** A news row is shown only while its article is published (unpublishing takes it out of the inboxes). */
const visible = sql<boolean>`(n.news_id IS NULL OR EXISTS (SELECT 1 FROM news w WHERE w.id = n.news_id AND w.status = 'published'))`;

/**
 * One page of an account's inbox, newest first, after the keyset `(before.at, before.id)`: an
 * index range scan of `notifications_inbox_idx`, whatever the size of the table.
 */
export async function findInboxPage(
  db: Kysely<Database>,
  accountId: string,
  options: { before: { at: Date; id: string } | null; limit: number },
): Promise<NotificationRow[]> {
  let q = db
    .selectFrom('notifications as n')
    .leftJoin('news as w', 'w.id', 'n.news_id')
    .selectAll('n')
    .select('w.content as news_content')
    .where('n.account_id', '=', accountId)
    .where(visible);
  if (options.before) {
    const { at, id } = options.before;
    q = q.where((eb) =>
      eb.or([eb('n.created_at', '<', at), eb.and([eb('n.created_at', '=', at), eb('n.id', '<', id)])]),
    );
  }
  return q.orderBy('n.created_at', 'desc').orderBy('n.id', 'desc').limit(options.limit).execute();
}

export async function countUnread(db: Kysely<Database>, accountId: string): Promise<number> {
  const row = await db
    .selectFrom('notifications as n')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('n.account_id', '=', accountId)
    .where('n.read_at', 'is', null)
    .where(visible)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Marks one message of the account read; false when the account has no such message. */
export async function markRead(db: Kysely<Database>, accountId: string, id: string): Promise<boolean> {
  const found = await db
    .updateTable('notifications')
    .set({ read_at: sql<Date>`coalesce(read_at, now())` })
    .where('account_id', '=', accountId)
    .where('id', '=', id)
    .returning('id')
    .execute();
  return found.length === 1;
}

export async function markAllRead(db: Kysely<Database>, accountId: string): Promise<void> {
  await db
    .updateTable('notifications')
    .set({ read_at: sql<Date>`now()` })
    .where('account_id', '=', accountId)
    .where('read_at', 'is', null)
    .execute();
}

/** Writes one message to an account's inbox unless its key was seen; its id when written, else null. */
export async function insertNotification(
  db: Kysely<Database>,
  row: {
    account_id: string;
    kind: NotificationTable['kind'];
    news_id?: string | null;
    template?: string | null;
    params?: Record<string, string | number>;
    idempotency_key: string;
  },
): Promise<string | null> {
  const rows = await db
    .insertInto('notifications')
    .values({
      account_id: row.account_id,
      kind: row.kind,
      news_id: row.news_id ?? null,
      template: row.template ?? null,
      params: JSON.stringify(row.params ?? {}),
      idempotency_key: row.idempotency_key,
    })
    .onConflict((oc) => oc.columns(['account_id', 'idempotency_key']).doNothing())
    .returning('id')
    .execute();
  return rows[0]?.id ?? null;
}

/** The citizen account of a person (the inbox is per account), or null when they have none. */
export async function findAccountOfPerson(db: Kysely<Database>, bhxhCode: string): Promise<string | null> {
  const row = await db
    .selectFrom('accounts')
    .select('id')
    .where('bhxh_code', '=', bhxhCode)
    .where('role', '=', 'citizen')
    .executeTakeFirst();
  return row?.id ?? null;
}
