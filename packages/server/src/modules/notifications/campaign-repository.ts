import { type Kysely, type RawBuilder, type Selectable, sql } from 'kysely';
import type { Database } from '../../db/schema';
import type { CampaignTable } from '../../db/schema-notifications';

/** Campaigns (fan-outs) and the one statement that delivers a batch of one. */

export type CampaignRow = Selectable<CampaignTable>;

/** Who a campaign is for, as the fan-out's filter on the account's person `p`. */
export interface Targeting {
  provinces: string[];
  groups: string[];
  ageFrom: number | null;
  ageTo: number | null;
  /** Greetings: women only (8/3, 20/10). */
  women?: boolean;
  /** Greetings: persons born on one of these month-days (`mm-dd`). */
  birthdays?: string[];
  /** The day the ages and current participation are counted on (`yyyy-mm-dd`). */
  day: string;
}

/**
 * The filter of a targeting on `persons p`. Object groups are derived from the person's data
 * (ASSUMPTIONS, issue 25 is silent on the exact rules):
 * - retirees: a pension was paid (benefit_payments kind `pension`);
 * - students: an active card of object HS (pupils) or SV (students);
 * - household participants: an active card of object GD;
 * - voluntary participants / employees: a voluntary / compulsory BHXH period that reaches the last
 *   three months (contributions are reported with a lag, so "current" is not only this month).
 * A person matches when they are in any of the chosen groups. The province is the 2025 one of the
 * person's address (`persons.province_code`); a person known only by a pre-2025 address does not
 * match a province filter. The age is in whole years on `day` (from the birth year when only that
 * is known).
 */
function targetFilter(t: Targeting): RawBuilder<boolean> {
  const parts: RawBuilder<unknown>[] = [sql`true`];
  if (t.provinces.length) parts.push(sql`p.province_code IN (${sql.join(t.provinces)})`);
  const recent = sql`(date_trunc('month', ${t.day}::date) - interval '3 months')::date`;
  const groups: Record<string, RawBuilder<unknown>> = {
    retirees: sql`EXISTS (SELECT 1 FROM benefit_payments b WHERE b.bhxh_code = p.bhxh_code AND b.kind = 'pension')`,
    students: sql`EXISTS (SELECT 1 FROM bhyt_cards c WHERE c.bhxh_code = p.bhxh_code AND c.status = 'active' AND c.object_code IN ('HS', 'SV'))`,
    household: sql`EXISTS (SELECT 1 FROM bhyt_cards c WHERE c.bhxh_code = p.bhxh_code AND c.status = 'active' AND c.object_code = 'GD')`,
    voluntary: sql`EXISTS (SELECT 1 FROM participation_periods pp WHERE pp.bhxh_code = p.bhxh_code AND pp.scheme = 'bhxh_voluntary' AND pp.to_month >= ${recent})`,
    employees: sql`EXISTS (SELECT 1 FROM participation_periods pp WHERE pp.bhxh_code = p.bhxh_code AND pp.scheme = 'bhxh_compulsory' AND pp.to_month >= ${recent})`,
  };
  const chosen = t.groups.map((g) => groups[g]).filter((g): g is RawBuilder<unknown> => g !== undefined);
  if (chosen.length) parts.push(sql`(${sql.join(chosen, sql` OR `)})`);
  const age = sql`(CASE WHEN p.birth_date IS NOT NULL THEN date_part('year', age(${t.day}::date, p.birth_date))::int ELSE ${Number(t.day.slice(0, 4))}::int - p.birth_year END)`;
  if (t.ageFrom !== null) parts.push(sql`${age} >= ${t.ageFrom}::int`);
  if (t.ageTo !== null) parts.push(sql`${age} <= ${t.ageTo}::int`);
  if (t.women) parts.push(sql`p.gender = 'female'`);
  if (t.birthdays)
    parts.push(
      sql`p.birth_date IS NOT NULL AND to_char(p.birth_date, 'MM-DD') IN (${sql.join(t.birthdays)})`,
    );
  return sql<boolean>`(${sql.join(parts, sql` AND `)})`;
}

/** Starts a campaign unless one with its key exists; the campaign either way. */
export async function insertCampaign(
  db: Kysely<Database>,
  row: {
    key: string;
    kind: CampaignRow['kind'];
    newsId?: string | null;
    occasion?: string | null;
    occasionDate?: string | null;
    createdBy?: string | null;
  },
): Promise<CampaignRow> {
  const total = await db
    .selectFrom('accounts')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('role', '=', 'citizen')
    .where('status', '=', 'active')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('campaigns')
    .values({
      key: row.key,
      kind: row.kind,
      news_id: row.newsId ?? null,
      occasion: row.occasion ?? null,
      occasion_date: row.occasionDate ?? null,
      created_by: row.createdBy ?? null,
      total: total.n,
    })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
  return db.selectFrom('campaigns').selectAll().where('key', '=', row.key).executeTakeFirstOrThrow();
}

export async function findCampaignOfNews(
  db: Kysely<Database>,
  newsId: string,
): Promise<CampaignRow | undefined> {
  return db.selectFrom('campaigns').selectAll().where('news_id', '=', newsId).executeTakeFirst();
}

export async function findCampaignsOfNews(db: Kysely<Database>, newsIds: string[]): Promise<CampaignRow[]> {
  if (!newsIds.length) return [];
  return db.selectFrom('campaigns').selectAll().where('news_id', 'in', newsIds).execute();
}

export async function findRunningCampaignIds(db: Kysely<Database>): Promise<string[]> {
  const rows = await db
    .selectFrom('campaigns')
    .select('id')
    .where('status', '=', 'running')
    .orderBy('id')
    .execute();
  return rows.map((r) => r.id);
}

export async function setCampaignStatus(
  db: Kysely<Database>,
  id: string,
  status: 'running' | 'cancelled',
): Promise<void> {
  await db
    .updateTable('campaigns')
    .set({ status, finished_at: status === 'cancelled' ? new Date() : null })
    .where('id', '=', id)
    .where('status', '!=', 'done')
    .execute();
}

/** Locks a running campaign for one batch (another node doing a batch of it: null, skipped). */
export async function lockRunningCampaign(
  db: Kysely<Database>,
  id: string,
): Promise<CampaignRow | undefined> {
  return db
    .selectFrom('campaigns')
    .selectAll()
    .where('id', '=', id)
    .where('status', '=', 'running')
    .forUpdate()
    .skipLocked()
    .executeTakeFirst();
}

/**
 * One batch of a campaign, in one statement: the next `size` active citizen accounts after the
 * cursor (ascending id, the primary key), the inbox rows for those the targeting selects (a row
 * already there, from a batch written before a crash, is skipped by its unique key), and the
 * cursor, counts and status moved; the new rows come back (their pushes are queued next). Runs inside the caller's transaction, which holds the
 * campaign's row lock.
 */
export async function fanOutBatch(
  db: Kysely<Database>,
  campaign: CampaignRow,
  message: { kind: 'news' | 'greeting'; newsId: string | null; template: string | null; key: string },
  targeting: Targeting,
  size: number,
): Promise<{
  scanned: number;
  sent: number;
  done: boolean;
  rows: { accountId: string; notificationId: string }[];
}> {
  const result = await sql<{
    scanned: string;
    sent: string;
    done: boolean;
    rows: { a: string | number; n: string | number }[] | string;
  }>`
    WITH batch AS (
      SELECT a.id, a.bhxh_code FROM accounts a
      WHERE a.role = 'citizen' AND a.status = 'active' AND a.id > ${campaign.cursor_account_id}::bigint
      ORDER BY a.id LIMIT ${size}::int
    ), inserted AS (
      INSERT INTO notifications (account_id, kind, news_id, template, idempotency_key)
      SELECT b.id, ${message.kind}, ${message.newsId}::bigint, ${message.template}, ${message.key}
      FROM batch b JOIN persons p ON p.bhxh_code = b.bhxh_code
      WHERE ${targetFilter(targeting)}
      ON CONFLICT (account_id, idempotency_key) DO NOTHING
      RETURNING account_id, id
    ), moved AS (
      UPDATE campaigns SET
        cursor_account_id = coalesce((SELECT max(id) FROM batch), cursor_account_id),
        scanned = scanned + (SELECT count(*) FROM batch),
        sent = sent + (SELECT count(*) FROM inserted),
        status = CASE WHEN (SELECT count(*) FROM batch) < ${size}::int THEN 'done' ELSE status END,
        finished_at = CASE WHEN (SELECT count(*) FROM batch) < ${size}::int THEN now() ELSE finished_at END
      WHERE id = ${campaign.id}::bigint
      RETURNING status
    )
    SELECT (SELECT count(*) FROM batch) AS scanned, (SELECT count(*) FROM inserted) AS sent,
           (SELECT status FROM moved) = 'done' AS done,
           (SELECT coalesce(json_agg(json_build_object('a', account_id::text, 'n', id::text)), '[]'::json) FROM inserted) AS rows`.execute(
    db,
  );
  const row = result.rows[0];
  if (!row) throw new Error('fan-out batch returned nothing');
  const rows = typeof row.rows === 'string' ? (JSON.parse(row.rows) as { a: string; n: string }[]) : row.rows;
  return {
    scanned: Number(row.scanned),
    sent: Number(row.sent),
    done: row.done,
    rows: rows.map((r) => ({ accountId: String(r.a), notificationId: String(r.n) })),
  };
}
