import { type Kysely, type Selectable, sql } from 'kysely';
import type { Database } from '../../db/schema';
import type { NotificationPreferenceTable, PushSubscriptionTable } from '../../db/schema-notifications';

/** Web Push: subscriptions, preferences, the VAPID key pair, and what a push message shows. */

type PushSubscriptionRow = Selectable<PushSubscriptionTable>;
type PreferenceRow = Pick<Selectable<NotificationPreferenceTable>, 'news' | 'system' | 'greeting'>;

export async function upsertSubscription(
  db: Kysely<Database>,
  row: { accountId: string; endpoint: string; p256dh: string; auth: string },
): Promise<void> {
  await db
    .insertInto('push_subscriptions')
    .values({ account_id: row.accountId, endpoint: row.endpoint, p256dh: row.p256dh, auth: row.auth })
    .onConflict((oc) =>
      oc.columns(['account_id', 'endpoint']).doUpdateSet({ p256dh: row.p256dh, auth: row.auth }),
    )
    .execute();
}

export async function deleteSubscriptionByEndpoint(
  db: Kysely<Database>,
  accountId: string,
  endpoint: string,
): Promise<boolean> {
  const rows = await db
    .deleteFrom('push_subscriptions')
    .where('account_id', '=', accountId)
    .where('endpoint', '=', endpoint)
    .returning('id')
    .execute();
  return rows.length > 0;
}

export async function deleteSubscription(db: Kysely<Database>, id: string): Promise<void> {
  await db.deleteFrom('push_subscriptions').where('id', '=', id).execute();
}

export async function findSubscription(
  db: Kysely<Database>,
  id: string,
): Promise<PushSubscriptionRow | undefined> {
  return db.selectFrom('push_subscriptions').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findPreferences(db: Kysely<Database>, accountId: string): Promise<PreferenceRow> {
  const row = await db
    .selectFrom('notification_preferences')
    .select(['news', 'system', 'greeting'])
    .where('account_id', '=', accountId)
    .executeTakeFirst();
  return row ?? { news: true, system: true, greeting: true };
}

export async function savePreferences(
  db: Kysely<Database>,
  accountId: string,
  prefs: PreferenceRow,
): Promise<void> {
  await db
    .insertInto('notification_preferences')
    .values({ account_id: accountId, ...prefs })
    .onConflict((oc) => oc.column('account_id').doUpdateSet({ ...prefs, updated_at: new Date() }))
    .execute();
}

/**
 * Queues a push message in the outbox for every device of the accounts given their new inbox rows
 * (`rows`: account and row id), where the account allows the category. One statement; run in the
 * transaction that wrote the inbox rows. The message names the inbox row; it is rendered at
 * delivery, in the account's language.
 */
export async function enqueuePushes(
  db: Kysely<Database>,
  rows: { accountId: string; notificationId: string }[],
  kind: 'news' | 'system' | 'greeting',
  key: string,
): Promise<void> {
  if (!rows.length) return;
  const values = sql.join(rows.map((r) => sql`(${r.accountId}::bigint, ${r.notificationId}::bigint)`));
  await sql`
    INSERT INTO outbox (idempotency_key, channel, recipient, template, language, payload)
    SELECT 'push:' || ${key} || ':' || s.id, 'push', s.id::text, ${`push.${kind}`}, a.language,
           jsonb_build_object('accountId', v.account_id::text, 'notificationId', v.id::text)
    FROM (VALUES ${values}) AS v (account_id, id)
    JOIN push_subscriptions s ON s.account_id = v.account_id
    JOIN accounts a ON a.id = v.account_id
    LEFT JOIN notification_preferences np ON np.account_id = v.account_id
    WHERE coalesce(${sql.ref(`np.${kind}`)}, true)
    ON CONFLICT (idempotency_key) DO NOTHING`.execute(db);
}

/** The inbox row a push message names, with what rendering it needs. */
export async function findPushedNotification(db: Kysely<Database>, accountId: string, id: string) {
  return db
    .selectFrom('notifications as n')
    .innerJoin('accounts as a', 'a.id', 'n.account_id')
    .leftJoin('news as w', 'w.id', 'n.news_id')
    .selectAll('n')
    .select(['w.content as news_content', 'w.status as news_status', 'a.display_name', 'a.language'])
    .where('n.account_id', '=', accountId)
    .where('n.id', '=', id)
    .executeTakeFirst();
}

export async function findVapidKeys(db: Kysely<Database>) {
  return db.selectFrom('push_vapid_keys').selectAll().where('id', '=', 1).executeTakeFirst();
}

/** Stores the key pair unless a node stored one first (the first one wins). */
export async function insertVapidKeys(
  db: Kysely<Database>,
  publicKey: string,
  sealedPrivateKey: Buffer,
): Promise<void> {
  await db
    .insertInto('push_vapid_keys')
    .values({ id: 1, public_key: publicKey, private_key: sealedPrivateKey })
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
}
