import { type Insertable, type Kysely, type Selectable, sql, type Updateable } from 'kysely';
import type { Database } from '../../db/schema';
import type { SickPayBatchTable, SickPayClaimTable } from '../../db/schema-sick-pay';

/**
 * SQL of the sick-pay claims (dossier 630a, issue #27): the certificates a unit may claim, the
 * batches and claims, and what the allowance is computed from (the worker's compulsory periods and
 * earlier sickness benefits).
 */

type BatchRow = Selectable<SickPayBatchTable>;
type ClaimRow = Selectable<SickPayClaimTable>;

export interface CertificateRow {
  bhxh_code: string;
  full_name: string;
  ma_lk: string;
  number: string;
  issued_on: string;
  leave_from: string;
  days: number;
  leave_to: string | null;
  clinic_code: string;
  clinic_name: string;
  doctor: string | null;
  diagnosis: string | null;
  icd10_main: string;
}

/**
 * The sick-leave certificates (XML11) of the unit's workers — those with a compulsory BHXH period
 * at the unit in the month the leave starts — not claimed (no open or approved claim) and not
 * already paid (no sickness benefit covering the leave's first day; `unclaimedOnly`), newest first.
 * `only` narrows to one certificate. A certificate whose dates are not ISO days is left out (never cast).
 */
export async function findClaimableCertificates(
  db: Kysely<Database>,
  unitCode: string,
  options: { only?: { bhxhCode: string; maLk: string }; limit: number; unclaimedOnly: boolean },
): Promise<CertificateRow[]> {
  const unclaimed = options.unclaimedOnly
    ? sql`AND NOT EXISTS (SELECT 1 FROM sick_pay_claims s
                           WHERE s.bhxh_code = x.bhxh_code AND s.ma_lk = x.ma_lk AND s.active)
          AND NOT EXISTS (SELECT 1 FROM benefit_payments b
                           WHERE b.bhxh_code = x.bhxh_code AND b.kind = 'sickness'
                             AND x.leave_from BETWEEN b.period_from AND b.period_to)`
    : sql``;
  const only = options.only
    ? sql`AND d.bhxh_code = ${options.only.bhxhCode} AND d.ma_lk = ${options.only.maLk}`
    : sql``;
  const result = await sql<CertificateRow>`
    WITH docs AS (
      SELECT d.bhxh_code, d.ma_lk, d.number, d.issued_on::text AS issued_on, d.content,
             CASE WHEN d.content->>'from' ~ '^\\d{4}-\\d{2}-\\d{2}$' THEN (d.content->>'from')::date END AS leave_from,
             CASE WHEN d.content->>'to' ~ '^\\d{4}-\\d{2}-\\d{2}$' THEN (d.content->>'to')::date END AS leave_to,
             CASE WHEN d.content->>'days' ~ '^\\d{1,4}$' THEN (d.content->>'days')::int END AS days
        FROM visit_documents d
       WHERE d.kind = 'sick_leave'
         AND d.bhxh_code IN (
           SELECT pp.bhxh_code FROM participation_periods pp
            WHERE pp.unit_code = ${unitCode} AND pp.scheme = 'bhxh_compulsory')
         ${only}
    )
    SELECT DISTINCT ON (x.leave_from, x.bhxh_code, x.ma_lk)
           x.bhxh_code, p.full_name, x.ma_lk, x.number, x.issued_on, x.leave_from::text AS leave_from,
           x.days, x.leave_to::text AS leave_to, v.clinic_code, c.name AS clinic_name,
           coalesce(x.content->>'doctor', x.content->'fields'->>'MA_BS') AS doctor,
           coalesce(x.content->>'diagnosis', v.diagnosis_out) AS diagnosis, v.icd10_main
      FROM docs x
      JOIN participation_periods pp
        ON pp.bhxh_code = x.bhxh_code AND pp.unit_code = ${unitCode} AND pp.scheme = 'bhxh_compulsory'
       AND date_trunc('month', x.leave_from)::date BETWEEN pp.from_month AND pp.to_month
      JOIN medical_visits v ON v.bhxh_code = x.bhxh_code AND v.ma_lk = x.ma_lk
      JOIN clinics c ON c.code = v.clinic_code
      JOIN persons p ON p.bhxh_code = x.bhxh_code
     WHERE x.leave_from IS NOT NULL AND x.days IS NOT NULL
       ${unclaimed}
     ORDER BY x.leave_from DESC, x.bhxh_code, x.ma_lk
     LIMIT ${options.limit}`.execute(db);
  return result.rows;
}

export function findUnit(db: Kysely<Database>, code: string) {
  return db
    .selectFrom('employer_units')
    .select(['code', 'name', 'managing_agency'])
    .where('code', '=', code)
    .executeTakeFirst();
}

/** The unit's row locked, so that its batches are numbered one at a time. */
export async function nextBatchSequence(
  db: Kysely<Database>,
  unitCode: string,
  year: number,
): Promise<number> {
  await db.selectFrom('employer_units').select('code').where('code', '=', unitCode).forUpdate().execute();
  const row = await db
    .selectFrom('sick_pay_batches')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('unit_code', '=', unitCode)
    .where('number', 'like', `630a.${unitCode}.${year}.%`)
    .executeTakeFirstOrThrow();
  return Number(row.n) + 1;
}

export function findBatchByKey(db: Kysely<Database>, key: string) {
  return db.selectFrom('sick_pay_batches').selectAll().where('idempotency_key', '=', key).executeTakeFirst();
}

export function insertBatch(db: Kysely<Database>, row: Insertable<SickPayBatchTable>): Promise<BatchRow> {
  return db.insertInto('sick_pay_batches').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function insertClaim(db: Kysely<Database>, row: Insertable<SickPayClaimTable>): Promise<void> {
  await db.insertInto('sick_pay_claims').values(row).execute();
}

/** The unit's claims with their requests and batches, newest first. */
export function listUnitClaims(
  db: Kysely<Database>,
  unitCode: string,
  filter: { number?: string; limit: number },
) {
  let q = db
    .selectFrom('sick_pay_claims as s')
    .innerJoin('service_requests as r', (j) =>
      j.onRef('r.bhxh_code', '=', 's.bhxh_code').onRef('r.id', '=', 's.request_id'),
    )
    .innerJoin('sick_pay_batches as b', 'b.id', 's.batch_id')
    .innerJoin('persons as p', 'p.bhxh_code', 's.bhxh_code')
    .select([
      's.bhxh_code',
      's.request_id',
      's.ma_lk',
      's.certificate_number',
      's.leave_from',
      's.leave_to',
      's.heavy_work',
      's.paid_days',
      's.amount',
      'r.number',
      'r.status',
      'r.form',
      'r.due_on',
      'r.submitted_at',
      'r.decided_at',
      'b.number as batch_number',
      'b.signature',
      'p.full_name',
    ])
    .where('s.unit_code', '=', unitCode);
  if (filter.number !== undefined) q = q.where('r.number', '=', filter.number);
  return q.orderBy('r.submitted_at', 'desc').orderBy('r.number').limit(filter.limit).execute();
}

export function lockClaim(db: Kysely<Database>, bhxhCode: string, requestId: string) {
  return db
    .selectFrom('sick_pay_claims')
    .selectAll()
    .where('bhxh_code', '=', bhxhCode)
    .where('request_id', '=', requestId)
    .forUpdate()
    .executeTakeFirst();
}

export async function updateClaim(
  db: Kysely<Database>,
  claim: Pick<ClaimRow, 'bhxh_code' | 'request_id'>,
  set: Pick<Updateable<SickPayClaimTable>, 'active' | 'paid_days' | 'amount' | 'benefit_id'>,
): Promise<void> {
  await db
    .updateTable('sick_pay_claims')
    .set(set)
    .where('bhxh_code', '=', claim.bhxh_code)
    .where('request_id', '=', claim.request_id)
    .execute();
}

/** The worker's compulsory BHXH periods (every unit), oldest first. */
export function findCompulsoryPeriods(db: Kysely<Database>, bhxhCode: string) {
  return db
    .selectFrom('participation_periods')
    .select(['from_month', 'to_month', 'salary', 'status', 'unit_code'])
    .where('bhxh_code', '=', bhxhCode)
    .where('scheme', '=', 'bhxh_compulsory')
    .orderBy('from_month')
    .execute();
}

/** The worker's sickness benefits touching the years `fromYear`..`toYear`. */
export function findSicknessBenefits(
  db: Kysely<Database>,
  bhxhCode: string,
  fromYear: number,
  toYear: number,
) {
  return db
    .selectFrom('benefit_payments')
    .select(['period_from', 'period_to'])
    .where('bhxh_code', '=', bhxhCode)
    .where('kind', '=', 'sickness')
    .where('period_to', '>=', `${fromYear}-01-01`)
    .where('period_from', '<=', `${toYear}-12-31`)
    .execute();
}

export async function insertSicknessBenefit(
  db: Kysely<Database>,
  row: { bhxh_code: string; period_from: string; period_to: string; amount: number; decision_number: string },
): Promise<string> {
  const inserted = await db
    .insertInto('benefit_payments')
    .values({ ...row, kind: 'sickness', paid_on: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  return inserted.id;
}
