import { type Insertable, type Kysely, type Selectable, sql } from 'kysely';
import { DECLARATION_TYPES } from '@vssid/domain/service-requests';
import type { Database } from '../../db/schema';
import { claimUniqueKeys } from '../../db/unique-keys';

/**
 * The employer's declarations and monthly statement (issue #27): every SQL of the module. The
 * request rows themselves are written by the request engine (`services/engine.ts`); here are the
 * unit's reads of them, the records a decision changes (persons, participation periods, cards),
 * the payments ledger and the statement's sums.
 */

type Db = Kysely<Database>;
export type PeriodRow = Selectable<Database['participation_periods']>;
type CardRow = Selectable<Database['bhyt_cards']>;

export function findUnit(db: Db, code: string) {
  return db
    .selectFrom('employer_units')
    .select(['code', 'name', 'tax_code', 'kind', 'province_code', 'managing_agency'])
    .where('code', '=', code)
    .executeTakeFirst();
}

export function findPersonName(db: Db, bhxhCode: string) {
  return db
    .selectFrom('persons')
    .select(['bhxh_code', 'full_name', 'province_code'])
    .where('bhxh_code', '=', bhxhCode)
    .executeTakeFirst();
}

export function findPersonByCccd(db: Db, cccd: string) {
  return db.selectFrom('persons').select('bhxh_code').where('cccd', '=', cccd).executeTakeFirst();
}

/**
 * The worker's compulsory periods at the unit still running on `sinceMonth` (yyyy-mm-01) or later,
 * every scheme, locked: the periods a removal ends or an adjustment splits.
 */
export function lockCurrentPeriods(db: Db, bhxhCode: string, unitCode: string, sinceMonth: string) {
  return db
    .selectFrom('participation_periods')
    .selectAll()
    .where('bhxh_code', '=', bhxhCode)
    .where('unit_code', '=', unitCode)
    .where('scheme', 'in', ['bhxh_compulsory', 'bhtn', 'bhtnld_bnn', 'bhyt'])
    .where('to_month', '>=', sinceMonth)
    .orderBy('from_month')
    .forUpdate()
    .execute();
}

export async function insertPeriods(db: Db, rows: Insertable<Database['participation_periods']>[]) {
  if (rows.length) await db.insertInto('participation_periods').values(rows).execute();
}

export async function updatePeriod(
  db: Db,
  row: Pick<PeriodRow, 'bhxh_code' | 'id'>,
  set: {
    to_month?: string;
    employee_amount?: number;
    employer_amount?: number;
    status?: 'paid' | 'owed';
    running?: boolean;
  },
) {
  await db
    .updateTable('participation_periods')
    .set(set)
    .where('bhxh_code', '=', row.bhxh_code)
    .where('id', '=', row.id)
    .execute();
}

export async function deletePeriod(db: Db, row: Pick<PeriodRow, 'bhxh_code' | 'id'>) {
  await db
    .deleteFrom('participation_periods')
    .where('bhxh_code', '=', row.bhxh_code)
    .where('id', '=', row.id)
    .execute();
}

/** The person's current card (the newest not replaced), locked. */
export function lockCurrentCard(db: Db, bhxhCode: string) {
  return db
    .selectFrom('bhyt_cards')
    .selectAll()
    .where('bhxh_code', '=', bhxhCode)
    .where('status', '!=', 'replaced')
    .orderBy('valid_from', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .forUpdate()
    .executeTakeFirst();
}

/** A new card; the card it replaces (if any) marked so. */
export async function issueCard(
  db: Db,
  card: {
    bhxh_code: string;
    card_number: string;
    object_code: string;
    benefit_level: number;
    registered_clinic_code: string;
    valid_from: string;
    valid_to: string | null;
    five_year_date: string | null;
    issued_on: string;
    issuing_agency_code: string;
  },
  replaces: Pick<CardRow, 'bhxh_code' | 'id'> | undefined,
): Promise<string> {
  const { id } = await db
    .insertInto('bhyt_cards')
    .values({ ...card, status: 'active' })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (replaces)
    await db
      .updateTable('bhyt_cards')
      .set({ status: 'replaced', replaced_by_id: id })
      .where('bhxh_code', '=', replaces.bhxh_code)
      .where('id', '=', replaces.id)
      .execute();
  return id;
}

export async function endCard(db: Db, card: Pick<CardRow, 'bhxh_code' | 'id'>, validTo: string) {
  await db
    .updateTable('bhyt_cards')
    .set({ valid_to: validTo })
    .where('bhxh_code', '=', card.bhxh_code)
    .where('id', '=', card.id)
    .execute();
}

export function clinicExists(db: Db, code: string) {
  return db.selectFrom('clinics').select('code').where('code', '=', code).executeTakeFirst();
}

/**
 * The next BHXH code of a province (2 digits + an 8-digit serial), in the caller's transaction:
 * the province's sequence row is created past the highest code already held (the data
 * generator's people) and incremented under its row lock.
 */
export async function nextBhxhCode(db: Db, province: string): Promise<string> {
  const highest = await db
    .selectFrom('persons')
    .select(sql<string | null>`max(bhxh_code)`.as('code'))
    .where('bhxh_code', '>=', `${province}00000000`)
    .where('bhxh_code', '<=', `${province}99999999`)
    .executeTakeFirst();
  const start = highest?.code ? Number(highest.code.slice(2)) : 0;
  const row = await db
    .insertInto('bhxh_code_sequences')
    .values({ province_code: province, last_value: start + 1 })
    .onConflict((oc) =>
      oc.column('province_code').doUpdateSet({
        last_value: sql<number>`greatest(bhxh_code_sequences.last_value + 1, ${start + 1})`,
      }),
    )
    .returning('last_value')
    .executeTakeFirstOrThrow();
  return `${province}${String(row.last_value).padStart(8, '0')}`;
}

export async function insertPerson(
  db: Db,
  person: {
    bhxh_code: string;
    full_name: string;
    birth_date: string;
    gender: 'male' | 'female';
    cccd: string;
    phone: string | null;
    address_line: string;
    province_code: string;
    commune_code: string | null;
  },
) {
  // The CCCD is unique across persons: claimed first (migration 0029), as the loaders do.
  await claimUniqueKeys(db, person.bhxh_code, [{ scope: 'persons.cccd', value: person.cccd }]);
  await db
    .insertInto('persons')
    .values({ ...person, birth_year: Number(person.birth_date.slice(0, 4)) })
    .execute();
}

// ---------------------------------------------------------------- the unit's declarations

export async function listUnitDeclarations(db: Db, unitCode: string, limit: number, offset: number) {
  const rows = await db
    .selectFrom('service_requests as r')
    .innerJoin('persons as p', 'p.bhxh_code', 'r.bhxh_code')
    .select(['r.number', 'r.type', 'r.bhxh_code', 'p.full_name', 'r.status', 'r.submitted_at', 'r.due_on'])
    .where('r.filed_by_unit_code', '=', unitCode)
    .where('r.type', 'in', [...DECLARATION_TYPES])
    .orderBy('r.submitted_at', 'desc')
    .limit(limit)
    .offset(offset)
    .execute();
  const count = await db
    .selectFrom('service_requests')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('filed_by_unit_code', '=', unitCode)
    .executeTakeFirstOrThrow();
  return { rows, total: Number(count.n) };
}

// ---------------------------------------------------------------- the statement (C12-TS)

/**
 * The unit's salary fund per month from the compulsory periods (one index range,
 * `participation_unit_compulsory_idx`): for each month of `months` (with its caps) the number of
 * workers, Σ salaries and Σ salaries capped for BHXH/BHYT and for BHTN.
 */
export async function monthSalaryFunds(
  db: Db,
  unitCode: string,
  months: readonly { month: string; capBhxhBhyt: number; capBhtn: number }[],
) {
  if (months.length === 0) return [];
  const list = sql.join(
    months.map((m) => sql`(${`${m.month}-01`}::date, ${m.capBhxhBhyt}::bigint, ${m.capBhtn}::bigint)`),
  );
  const first = `${months[0]?.month}-01`;
  const last = `${months[months.length - 1]?.month}-01`;
  const result = await sql<{
    month: string;
    people: string;
    salary_fund: string;
    basis_a: string;
    basis_b: string;
  }>`
    SELECT to_char(m.month, 'YYYY-MM') AS month, count(p.bhxh_code) AS people,
           coalesce(sum(p.salary), 0) AS salary_fund,
           -- LEAST ignores NULLs: a month without workers (no row joined) must not count its cap.
           coalesce(sum(least(p.salary, m.cap_a)) FILTER (WHERE p.salary IS NOT NULL), 0) AS basis_a,
           coalesce(sum(least(p.salary, m.cap_b)) FILTER (WHERE p.salary IS NOT NULL), 0) AS basis_b
    FROM (VALUES ${list}) AS m (month, cap_a, cap_b)
    LEFT JOIN (
      SELECT bhxh_code, salary, from_month, to_month FROM participation_periods
      WHERE unit_code = ${unitCode} AND scheme = 'bhxh_compulsory'
        AND from_month <= ${last}::date AND to_month >= ${first}::date
    ) p ON p.from_month <= m.month AND p.to_month >= m.month
    GROUP BY m.month ORDER BY m.month`.execute(db);
  return result.rows.map((r) => ({
    month: r.month,
    people: Number(r.people),
    salaryFund: Number(r.salary_fund),
    basisBhxhBhyt: Number(r.basis_a),
    basisBhtn: Number(r.basis_b),
  }));
}

export async function listPayments(db: Db, unitCode: string, upTo: string) {
  const rows = await db
    .selectFrom('unit_payments')
    .select(['paid_on', 'amount'])
    .where('unit_code', '=', unitCode)
    .where('paid_on', '<=', upTo)
    .orderBy('paid_on')
    .execute();
  return rows.map((r) => ({ paidOn: r.paid_on, amount: Number(r.amount) }));
}

/** The unit's workers of a month (the statement's spreadsheet, the notice), by name. */
export function listMonthWorkers(db: Db, unitCode: string, month: string) {
  const day = `${month}-01`;
  return db
    .selectFrom('participation_periods as pp')
    .innerJoin('persons as p', 'p.bhxh_code', 'pp.bhxh_code')
    .select(['pp.bhxh_code', 'p.full_name', 'pp.position', 'pp.salary'])
    .where('pp.unit_code', '=', unitCode)
    .where('pp.scheme', '=', 'bhxh_compulsory')
    .where('pp.from_month', '<=', day)
    .where('pp.to_month', '>=', day)
    .orderBy('p.full_name')
    .orderBy('pp.bhxh_code')
    .execute();
}

/** A worker's compulsory months at the unit among `months`: their salary per month. */
export async function workerMonths(db: Db, unitCode: string, months: readonly string[]) {
  if (months.length === 0) return [];
  const list = sql.join(months.map((m) => sql`(${`${m}-01`}::date)`));
  const result = await sql<{ bhxh_code: string; month: string; salary: string }>`
    SELECT p.bhxh_code, to_char(m.month, 'YYYY-MM') AS month, p.salary
    FROM (VALUES ${list}) AS m (month)
    JOIN participation_periods p ON p.unit_code = ${unitCode} AND p.scheme = 'bhxh_compulsory'
      AND p.from_month <= m.month AND p.to_month >= m.month
    ORDER BY p.bhxh_code, m.month`.execute(db);
  return result.rows.map((r) => ({ bhxhCode: r.bhxh_code, month: r.month, salary: Number(r.salary) }));
}

/**
 * Units with compulsory months from `since` on (the notice job's candidates), in code order. Two
 * statements: the codes from the periods (on Citus a correlated subquery from the units, a
 * reference table, into the distributed periods is refused), then the units' names.
 */
export async function listActiveUnits(db: Db, since: string, after: string, limit: number) {
  const codes = await db
    .selectFrom('participation_periods')
    .select('unit_code')
    .distinct()
    .where('scheme', '=', 'bhxh_compulsory')
    .where('to_month', '>=', since)
    .where('unit_code', '>', after)
    .orderBy('unit_code')
    .limit(limit)
    .execute();
  const list = codes.map((c) => c.unit_code).filter((c): c is string => c !== null);
  if (list.length === 0) return [];
  return db
    .selectFrom('employer_units')
    .select(['code', 'name', 'province_code'])
    .where('code', 'in', list)
    .orderBy('code')
    .execute();
}

/** Records the month's notice run as started (again, after a crash: its messages are idempotent). */
export async function startNoticeRun(db: Db, month: string) {
  await db
    .insertInto('contribution_notice_runs')
    .values({ month })
    .onConflict((oc) => oc.column('month').doNothing())
    .execute();
}

export async function finishNoticeRun(db: Db, month: string, notices: number, at: Date) {
  await db
    .updateTable('contribution_notice_runs')
    .set({ finished_at: at, notices })
    .where('month', '=', month)
    .execute();
}

export function findNoticeRun(db: Db, month: string) {
  return db.selectFrom('contribution_notice_runs').selectAll().where('month', '=', month).executeTakeFirst();
}

// ---------------------------------------------------------------- the monthly close

/** A running period the close reads: the key and what its new amounts and successor need. */
export type RunningPeriod = Pick<
  PeriodRow,
  'bhxh_code' | 'id' | 'scheme' | 'from_month' | 'to_month' | 'unit_code' | 'position' | 'salary' | 'status'
>;

/**
 * Running periods not yet extended to `month` (yyyy-mm-01), in key order after `after`: one range
 * of `participation_running_idx` (migration 0031), empty once the month is closed.
 */
export function listRunningBefore(
  db: Db,
  month: string,
  after: Pick<RunningPeriod, 'to_month' | 'bhxh_code' | 'id'> | null,
  limit: number,
): Promise<RunningPeriod[]> {
  let query = db
    .selectFrom('participation_periods')
    .select([
      'bhxh_code',
      'id',
      'scheme',
      'from_month',
      'to_month',
      'unit_code',
      'position',
      'salary',
      'status',
    ])
    .where('running', '=', true)
    .where('to_month', '<', month);
  if (after)
    query = query.where((eb) =>
      eb(
        eb.refTuple('to_month', 'bhxh_code', 'id'),
        '>',
        eb.tuple(after.to_month, after.bhxh_code, after.id),
      ),
    );
  return query.orderBy('to_month').orderBy('bhxh_code').orderBy('id').limit(limit).execute();
}

/** The units of a batch: their kind (the card's object code) and province (the region). */
export async function findUnits(db: Db, codes: readonly string[]) {
  if (codes.length === 0) return [];
  return db
    .selectFrom('employer_units')
    .select(['code', 'kind', 'province_code'])
    .where('code', 'in', [...codes])
    .execute();
}

interface BatchKey {
  bhxhCode: string;
  id: string;
  /** Where the period ended when the batch read it (the guard against a declaration meanwhile). */
  oldTo: string;
}

/** The VALUES of a batch's rows: key, old end and `extra` amounts (bigint). */
function keyed<R extends BatchKey>(rows: readonly R[], extra: (row: R) => number[] = () => []) {
  return sql.join(
    rows.map((r) => {
      const columns = [
        sql`${r.bhxhCode}::char(10)`,
        sql`${r.id}::bigint`,
        sql`${r.oldTo}::date`,
        ...extra(r).map((v) => sql`${v}::bigint`),
      ];
      return sql`(${sql.join(columns)})`;
    }),
  );
}

/**
 * Extends running periods to `month` with their amounts recomputed, in one statement: only rows
 * still running and still ending where they were read (a 600a or 600b approved meanwhile wins;
 * the next pass reads them again). Joined to the batch by the distribution column. Returns the
 * rows changed.
 */
export async function extendRunningPeriods(
  db: Db,
  month: string,
  rows: readonly (BatchKey & { employeeAmount: number; employerAmount: number })[],
): Promise<{ bhxh_code: string; id: string }[]> {
  if (rows.length === 0) return [];
  const values = keyed(rows, (r) => [r.employeeAmount, r.employerAmount]);
  const result = await sql<{ bhxh_code: string; id: string }>`
    UPDATE participation_periods p
    SET to_month = ${month}::date, employee_amount = v.employee_amount, employer_amount = v.employer_amount
    FROM (VALUES ${values}) AS v (bhxh_code, id, old_to, employee_amount, employer_amount)
    WHERE p.bhxh_code = v.bhxh_code AND p.id = v.id AND p.running AND p.to_month = v.old_to
    RETURNING p.bhxh_code, p.id::text AS id`.execute(db);
  return result.rows;
}

/**
 * Stops running periods whose months are all paid (their successor, owed, continues them), with
 * the same guard as `extendRunningPeriods`. Returns the rows changed.
 */
export async function stopRunningPeriods(
  db: Db,
  rows: readonly BatchKey[],
): Promise<{ bhxh_code: string; id: string }[]> {
  if (rows.length === 0) return [];
  const values = keyed(rows);
  const result = await sql<{ bhxh_code: string; id: string }>`
    UPDATE participation_periods p SET running = false
    FROM (VALUES ${values}) AS v (bhxh_code, id, old_to)
    WHERE p.bhxh_code = v.bhxh_code AND p.id = v.id AND p.running AND p.to_month = v.old_to
    RETURNING p.bhxh_code, p.id::text AS id`.execute(db);
  return result.rows;
}

/** The current cards (the newest not replaced) of some persons. */
export async function currentCards(db: Db, codes: readonly string[]) {
  if (codes.length === 0) return [];
  const rows = await db
    .selectFrom('bhyt_cards')
    .select(['bhxh_code', 'id', 'object_code', 'status', 'valid_to'])
    .where('bhxh_code', 'in', [...codes])
    .where('status', '!=', 'replaced')
    .orderBy('bhxh_code')
    .orderBy('valid_from', 'desc')
    .orderBy('id', 'desc')
    .execute();
  return rows.filter((r, i) => rows[i - 1]?.bhxh_code !== r.bhxh_code);
}

/** Cards valid to `validTo` (later, never earlier), active ones only. */
export async function extendCards(
  db: Db,
  cards: readonly { bhxh_code: string; id: string }[],
  validTo: string,
) {
  if (cards.length === 0) return 0;
  const values = sql.join(cards.map((c) => sql`(${c.bhxh_code}::char(10), ${c.id}::bigint)`));
  const result = await sql`
    UPDATE bhyt_cards c SET valid_to = ${validTo}::date
    FROM (VALUES ${values}) AS v (bhxh_code, id)
    WHERE c.bhxh_code = v.bhxh_code AND c.id = v.id AND c.status = 'active' AND c.valid_to < ${validTo}::date`.execute(
    db,
  );
  return Number(result.numAffectedRows ?? 0);
}
