import { type Insertable, type Kysely, sql } from 'kysely';
import { OPEN_REQUEST_STATUSES, type ServiceType } from '@vssid/domain/service-requests';
import type { Database } from '../../db/schema';

/** SQL of the paid services (issue #26): voluntary BHXH and household BHYT, read and written. */

/**
 * A person's voluntary BHXH so far: the last month paid (first day, or null when none) and the
 * months the state supported (periods with support, counted by month).
 */
export async function findVoluntaryHistory(db: Kysely<Database>, bhxhCode: string) {
  const result = await sql<{ last_month: string | null; supported_months: string | null; periods: string }>`
    SELECT max(to_month)::text AS last_month,
           sum(CASE WHEN state_support > 0
                    THEN (extract(year FROM to_month) * 12 + extract(month FROM to_month))
                       - (extract(year FROM from_month) * 12 + extract(month FROM from_month)) + 1
                    ELSE 0 END)::text AS supported_months,
           count(*)::text AS periods
      FROM participation_periods
     WHERE bhxh_code = ${bhxhCode} AND scheme = 'bhxh_voluntary' AND status = 'paid'`.execute(db);
  const row = result.rows[0];
  return {
    lastMonth: row?.last_month ?? null,
    supportedMonths: Number(row?.supported_months ?? 0),
    periods: Number(row?.periods ?? 0),
  };
}

/** Whether a compulsory BHXH period covers the month (`yyyy-mm-01`). */
export async function hasCompulsoryPeriodIn(db: Kysely<Database>, bhxhCode: string, month: string) {
  const row = await db
    .selectFrom('participation_periods')
    .select('id')
    .where('bhxh_code', '=', bhxhCode)
    .where('scheme', '=', 'bhxh_compulsory')
    .where('from_month', '<=', month)
    .where('to_month', '>=', month)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** An open request of this type for the person (one at a time: its payment covers the same months). */
export function findOpenRequestOfType(db: Kysely<Database>, bhxhCode: string, type: ServiceType) {
  return db
    .selectFrom('service_requests')
    .select(['number', 'status'])
    .where('bhxh_code', '=', bhxhCode)
    .where('type', '=', type)
    .where('status', 'in', OPEN_REQUEST_STATUSES)
    .limit(1)
    .executeTakeFirst();
}

/** Persons by their codes, with what a household form is checked against. */
export function findPersonsByCodes(db: Kysely<Database>, codes: readonly string[]) {
  if (codes.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('persons')
    .select(['bhxh_code', 'full_name', 'birth_date', 'birth_year', 'province_code'])
    .where('bhxh_code', 'in', codes)
    .execute();
}

/** The newest card (not replaced) of each of these persons. */
export async function findLatestCards(db: Kysely<Database>, codes: readonly string[]) {
  if (codes.length === 0) return [];
  const result = await sql<{
    bhxh_code: string;
    object_code: string;
    valid_from: string;
    valid_to: string | null;
    status: string;
    registered_clinic_code: string;
  }>`SELECT DISTINCT ON (bhxh_code) bhxh_code, object_code, valid_from::text AS valid_from,
            valid_to::text AS valid_to, status, registered_clinic_code
       FROM bhyt_cards
      WHERE bhxh_code IN (${sql.join(codes)}) AND status <> 'replaced'
      ORDER BY bhxh_code, valid_from DESC, id DESC`.execute(db);
  return result.rows;
}

/** The first clinic (by code) of a province: the initial clinic of a first household card. */
export async function findFirstClinicOf(db: Kysely<Database>, provinceCode: string) {
  const row = await db
    .selectFrom('clinics')
    .select('code')
    .where('province_code', '=', provinceCode)
    .orderBy('code')
    .limit(1)
    .executeTakeFirst();
  return row?.code ?? null;
}

export function insertParticipationPeriod(
  db: Kysely<Database>,
  row: Insertable<Database['participation_periods']>,
) {
  return db.insertInto('participation_periods').values(row).returning('id').executeTakeFirstOrThrow();
}

export function insertCard(db: Kysely<Database>, row: Insertable<Database['bhyt_cards']>) {
  return db.insertInto('bhyt_cards').values(row).returning('id').executeTakeFirstOrThrow();
}
