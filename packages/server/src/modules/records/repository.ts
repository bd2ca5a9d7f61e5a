import { type Kysely, sql } from 'kysely';
import { OPEN_REQUEST_STATUSES } from '@vssid/domain/service-requests';
import type { Database } from '../../db/schema';

/**
 * SQL of the records module. Every history query is ONE query on the person's rows, served by
 * the indexes of migration 0002 (`participation_person_idx`, `benefit_payments_person_idx`,
 * `medical_visits_person_idx`, the primary key of `visit_documents`) and of migration 0001
 * (`audit_log_subject_idx`); joins to catalogs go through their primary keys.
 */

interface PersonForAccess {
  bhxh_code: string;
  guardian_bhxh_code: string | null;
  birth_date: string | null;
  birth_year: number;
  province_code: string | null;
}

export async function findPersonForAccess(
  db: Kysely<Database>,
  bhxhCode: string,
): Promise<PersonForAccess | undefined> {
  return db
    .selectFrom('persons')
    .select(['bhxh_code', 'guardian_bhxh_code', 'birth_date', 'birth_year', 'province_code'])
    .where('bhxh_code', '=', bhxhCode)
    .executeTakeFirst();
}

export async function findPersonSummary(db: Kysely<Database>, bhxhCode: string) {
  return db
    .selectFrom('persons')
    .select(['bhxh_code', 'full_name', 'birth_date', 'birth_year', 'gender'])
    .where('bhxh_code', '=', bhxhCode)
    .executeTakeFirst();
}

/**
 * Agencies are a catalog of a few hundred rows that changes rarely: their scope (level and
 * province) is cached per database for five minutes, so a staff read costs no extra query.
 */
const AGENCY_TTL_MS = 5 * 60_000;
const agencyCache = new WeakMap<
  Kysely<Database>,
  Map<string, { at: number; value: { level: string; province_code: string } | null }>
>();

export async function findAgencyScope(
  db: Kysely<Database>,
  code: string,
): Promise<{ level: string; province_code: string } | null> {
  let cache = agencyCache.get(db);
  if (!cache) {
    cache = new Map();
    agencyCache.set(db, cache);
  }
  const hit = cache.get(code);
  if (hit && Date.now() - hit.at < AGENCY_TTL_MS) return hit.value;
  const row = await db
    .selectFrom('bhxh_agencies')
    .select(['level', 'province_code'])
    .where('code', '=', code)
    .executeTakeFirst();
  const value = row ? { level: row.level, province_code: row.province_code } : null;
  cache.set(code, { at: Date.now(), value });
  return value;
}

/**
 * Whether `number` is an open service request of the person received by `agencyCode` or an agency
 * below it (one statement: the request, then up the receiving agency's parents).
 */
export async function isOpenRequestOfAgency(
  db: Kysely<Database>,
  number: string,
  bhxhCode: string,
  agencyCode: string,
): Promise<boolean> {
  const result = await sql<{ found: number }>`
    WITH RECURSIVE up(code, parent_code) AS (
      SELECT a.code, a.parent_code FROM service_requests r
        JOIN bhxh_agencies a ON a.code = r.agency_code
        WHERE r.number = ${number} AND r.bhxh_code = ${bhxhCode}
          AND r.status IN (${sql.join(OPEN_REQUEST_STATUSES.map((s) => sql`${s}`))})
      UNION
      SELECT a.code, a.parent_code FROM bhxh_agencies a JOIN up ON a.code = up.parent_code
    )
    SELECT 1 AS found FROM up WHERE code = ${agencyCode} LIMIT 1`.execute(db);
  return result.rows.length > 0;
}

export async function findParticipation(db: Kysely<Database>, bhxhCode: string) {
  return db
    .selectFrom('participation_periods as p')
    .leftJoin('employer_units as u', 'u.code', 'p.unit_code')
    .select([
      'p.id',
      'p.scheme',
      'p.from_month',
      'p.to_month',
      'p.unit_code',
      'u.name as unit_name',
      'p.position',
      'p.salary',
      'p.employee_rate_bp',
      'p.employer_rate_bp',
      'p.employee_amount',
      'p.employer_amount',
      'p.state_support',
      'p.status',
    ])
    .where('p.bhxh_code', '=', bhxhCode)
    .orderBy('p.scheme')
    .orderBy('p.from_month')
    .orderBy('p.id')
    .execute();
}

/** The person's payment arrangements (where monthly benefits are paid from a month on), oldest first. */
export function findPaymentArrangements(db: Kysely<Database>, bhxhCode: string) {
  return db
    .selectFrom('benefit_payment_arrangements')
    .select(['effective_from', 'method', 'province_code', 'commune_code', 'bank_name', 'account_number'])
    .where('bhxh_code', '=', bhxhCode)
    .orderBy('effective_from')
    .orderBy('id')
    .execute();
}

export async function findBenefits(db: Kysely<Database>, bhxhCode: string) {
  return db
    .selectFrom('benefit_payments')
    .select(['id', 'kind', 'period_from', 'period_to', 'amount', 'decision_number', 'paid_on'])
    .where('bhxh_code', '=', bhxhCode)
    .orderBy('period_from', 'desc')
    .orderBy('id', 'desc')
    .execute();
}

/** Wall-clock times as `yyyy-mm-ddThh:mm` (the columns are `timestamp`, without a zone). */
const wallClock = (column: 'v.admitted_at' | 'v.discharged_at') =>
  sql<string>`to_char(${sql.ref(column)}, 'YYYY-MM-DD"T"HH24:MI:SS')`;

const visitColumns = [
  'v.ma_lk',
  'v.clinic_code',
  'c.name as clinic_name',
  'v.card_number',
  'v.visit_kind',
  'v.route',
  'v.treatment_days',
  'v.diagnosis_in',
  'v.diagnosis_out',
  'v.icd10_main',
  'v.icd10_other',
  'v.outcome',
  'v.total_cost',
  'v.covered_cost',
  'v.co_payment',
  'v.fund_paid',
] as const;

/**
 * A page of visits, newest first, after the keyset cursor `(admittedAt, maLk)` when given
 * (`medical_visits_person_idx` on `(bhxh_code, admitted_at DESC)`). Reads one row more than the
 * page to know whether another page follows.
 */
export async function findVisits(
  db: Kysely<Database>,
  bhxhCode: string,
  limit: number,
  after?: { admittedAt: string; maLk: string },
) {
  let q = db
    .selectFrom('medical_visits as v')
    .innerJoin('clinics as c', 'c.code', 'v.clinic_code')
    .select(visitColumns)
    .select([wallClock('v.admitted_at').as('admitted'), wallClock('v.discharged_at').as('discharged')])
    .select((eb) =>
      eb
        .selectFrom('visit_documents as d')
        .whereRef('d.bhxh_code', '=', 'v.bhxh_code')
        .whereRef('d.ma_lk', '=', 'v.ma_lk')
        .select(sql<number>`count(*)::int`.as('n'))
        .as('document_count'),
    )
    .where('v.bhxh_code', '=', bhxhCode);
  if (after) {
    const at = sql<Date>`${after.admittedAt}::timestamp`;
    q = q.where((eb) =>
      eb.or([
        eb('v.admitted_at', '<', at),
        eb.and([eb('v.admitted_at', '=', at), eb('v.ma_lk', '<', after.maLk)]),
      ]),
    );
  }
  return q
    .orderBy('v.admitted_at', 'desc')
    .orderBy('v.ma_lk', 'desc')
    .limit(limit + 1)
    .execute();
}

export async function findVisit(db: Kysely<Database>, bhxhCode: string, maLk: string) {
  return db
    .selectFrom('medical_visits as v')
    .innerJoin('clinics as c', 'c.code', 'v.clinic_code')
    .select(visitColumns)
    .select([wallClock('v.admitted_at').as('admitted'), wallClock('v.discharged_at').as('discharged')])
    .where('v.bhxh_code', '=', bhxhCode)
    .where('v.ma_lk', '=', maLk)
    .executeTakeFirst();
}

export async function findVisitDocuments(db: Kysely<Database>, bhxhCode: string, maLk: string) {
  return db
    .selectFrom('visit_documents')
    .select(['kind', 'number', 'issued_on', 'content'])
    .where('bhxh_code', '=', bhxhCode)
    .where('ma_lk', '=', maLk)
    .orderBy('issued_on')
    .orderBy('kind')
    .execute();
}

/** Written as literals, not parameters, so the planner matches the partial index's predicate. */
const STAFF_ACTOR_PREDICATE = sql<boolean>`actor_type IN ('officer', 'agency_admin', 'employer', 'clinic')`;

/**
 * "Who viewed my data": audit entries about the person written by staff, newest first (the
 * partial index `audit_log_staff_reads_idx` of migration 0006; its WHERE names these actor types,
 * keep the two lists equal), keyset-paged by id.
 */
export async function findStaffAccesses(
  db: Kysely<Database>,
  bhxhCode: string,
  limit: number,
  beforeId?: string,
) {
  let q = db
    .selectFrom('audit_log')
    .select([
      'id',
      'at',
      'actor_type',
      'actor_id',
      'action',
      'target_type',
      'target_id',
      'purpose',
      'details',
    ])
    .where('subject_bhxh_code', '=', bhxhCode)
    .where('subject_bhxh_code', 'is not', null)
    .where(STAFF_ACTOR_PREDICATE);
  if (beforeId !== undefined) q = q.where('id', '<', beforeId);
  return q
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit + 1)
    .execute();
}

/** Names of agencies (a catalog), for the access list. */
export async function findAgencyNames(db: Kysely<Database>, codes: readonly string[]) {
  if (!codes.length) return [];
  return db.selectFrom('bhxh_agencies').select(['code', 'name']).where('code', 'in', codes).execute();
}

/**
 * The staff accounts behind audit entries, with their clinic or employer unit (catalogs), for "who
 * viewed my data". Ids that are not account numbers are left out.
 */
export async function findStaffActors(db: Kysely<Database>, accountIds: readonly string[]) {
  const ids = accountIds.filter((id) => /^\d{1,19}$/.test(id));
  if (!ids.length) return [];
  return db
    .selectFrom('accounts as a')
    .leftJoin('clinics as c', 'c.code', 'a.clinic_code')
    .leftJoin('employer_units as u', 'u.code', 'a.unit_code')
    .select([
      sql<string>`a.id::text`.as('id'),
      'a.display_name',
      'a.agency_code',
      'a.clinic_code',
      'c.name as clinic_name',
      'a.unit_code',
      'u.name as unit_name',
    ])
    .where('a.id', 'in', ids)
    .execute();
}
