import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/schema';
import type { UnitPersonFields, UnitPersonPhotos } from '../../db/schema-units';

/**
 * The queries of the employer portal (issue #27): units and their accounts, the unit's current
 * people with their account status, what the unit completed for them, and its batches.
 *
 * "Current people" of a unit: persons with a participation period at the unit whose last month
 * is not before `since` (the service passes the month before last, Vietnam time: contributions
 * are recorded a month or so behind).
 */

export type AccountStatusCode = 'none' | 'ready' | 'pending' | 'active';

export function findUnit(db: Kysely<Database>, code: string) {
  return db
    .selectFrom('employer_units as u')
    .innerJoin('bhxh_agencies as a', 'a.code', 'u.managing_agency')
    .select([
      'u.code',
      'u.name',
      'u.tax_code',
      'u.kind',
      'u.address',
      'u.managing_agency',
      'a.name as agency_name',
    ])
    .where('u.code', '=', code)
    .executeTakeFirst();
}

export async function setUnitTaxCode(db: Kysely<Database>, code: string, taxCode: string): Promise<void> {
  await db.updateTable('employer_units').set({ tax_code: taxCode }).where('code', '=', code).execute();
}

/** The unit holding a tax code, if any (tax codes are unique). */
export function findUnitByTaxCode(db: Kysely<Database>, taxCode: string) {
  return db.selectFrom('employer_units').select('code').where('tax_code', '=', taxCode).executeTakeFirst();
}

const ACCOUNT_COLUMNS = [
  'id',
  'username',
  'display_name',
  'unit_code',
  'unit_admin',
  'status',
  'phone',
  'created_at',
] as const;

/** The unit's accounts: its admins first, then staff, by user name. */
export function listUnitAccounts(db: Kysely<Database>, unitCode: string) {
  return db
    .selectFrom('accounts')
    .select(ACCOUNT_COLUMNS)
    .where('role', '=', 'employer')
    .where('unit_code', '=', unitCode)
    .orderBy('unit_admin', 'desc')
    .orderBy('username')
    .execute();
}

export function findUnitAccount(db: Kysely<Database>, id: string) {
  return db
    .selectFrom('accounts')
    .select([...ACCOUNT_COLUMNS, 'role'])
    .where('id', '=', id)
    .executeTakeFirst();
}

/** Whether an account is an active admin of its unit (the principal does not carry the flag). */
export async function isActiveUnitAdmin(db: Kysely<Database>, accountId: string, unitCode: string) {
  const row = await db
    .selectFrom('accounts')
    .select('id')
    .where('id', '=', accountId)
    .where('role', '=', 'employer')
    .where('unit_code', '=', unitCode)
    .where('unit_admin', '=', true)
    .where('status', '=', 'active')
    .executeTakeFirst();
  return row !== undefined;
}

interface PersonRow {
  bhxh_code: string;
  full_name: string;
  birth_year: number;
  gender: 'male' | 'female';
  position: string | null;
  since: string;
  account_status: AccountStatusCode;
  dossier_number: string | null;
}

/**
 * The unit's current people with their status: `active` (an active account), `pending` (an open
 * dossier), `ready` (completed by the unit, in no batch yet), else `none`.
 */
function peopleQuery(unitCode: string, since: string) {
  return sql`
    WITH cur AS (
      SELECT bhxh_code, min(from_month) AS since,
             (array_agg(position ORDER BY to_month DESC, from_month DESC))[1] AS position
      FROM participation_periods
      WHERE unit_code = ${unitCode} AND to_month >= ${since}::date
      GROUP BY bhxh_code
    ),
    people AS (
      SELECT p.bhxh_code, p.full_name, p.birth_year, p.gender, cur.position,
             to_char(cur.since, 'YYYY-MM') AS since,
             o.number AS open_number,
             EXISTS (SELECT 1 FROM accounts a WHERE a.bhxh_code = p.bhxh_code AND a.status = 'active') AS has_account,
             u.bhxh_code IS NOT NULL AND u.batch_id IS NULL AS ready
      FROM cur
      JOIN persons p ON p.bhxh_code = cur.bhxh_code
      LEFT JOIN LATERAL (
        SELECT d.number FROM dossiers d
        WHERE d.bhxh_code = p.bhxh_code AND d.status IN ('draft', 'submitted', 'paper_received')
        LIMIT 1
      ) o ON true
      LEFT JOIN unit_person_data u ON u.bhxh_code = p.bhxh_code AND u.unit_code = ${unitCode}
    )
    SELECT bhxh_code, full_name, birth_year, gender, position, since, open_number AS dossier_number,
           CASE WHEN has_account THEN 'active' WHEN open_number IS NOT NULL THEN 'pending'
                WHEN ready THEN 'ready' ELSE 'none' END AS account_status
    FROM people`;
}

export async function listUnitPeople(
  db: Kysely<Database>,
  input: {
    unitCode: string;
    since: string;
    status?: AccountStatusCode | undefined;
    /** A BHXH code, or words of the name already folded (no tone marks, lower case). */
    code?: string | undefined;
    nameWords?: string[] | undefined;
    limit: number;
    offset: number;
  },
): Promise<{ total: number; rows: PersonRow[] }> {
  const words = input.nameWords ?? [];
  const result = await sql<PersonRow & { total: string }>`
    SELECT q.*, count(*) OVER () AS total FROM (${peopleQuery(input.unitCode, input.since)}) q
    WHERE (${input.status ?? null}::text IS NULL OR q.account_status = ${input.status ?? null})
      AND (${input.code ?? null}::text IS NULL OR q.bhxh_code = ${input.code ?? null})
      AND (cardinality(${words}::text[]) = 0 OR NOT EXISTS (
        SELECT 1 FROM unnest(${words}::text[]) w
        WHERE position(w IN lower(translate(q.full_name, ${FOLD_FROM}, ${FOLD_TO}))) = 0))
    ORDER BY q.full_name, q.bhxh_code
    LIMIT ${input.limit} OFFSET ${input.offset}`.execute(db);
  return { total: Number(result.rows[0]?.total ?? 0), rows: result.rows.map(({ total: _t, ...r }) => r) };
}

/** One of the unit's current people (undefined: not one of them). */
export async function findUnitPerson(
  db: Kysely<Database>,
  unitCode: string,
  since: string,
  bhxhCode: string,
) {
  const result = await sql<PersonRow>`
    SELECT q.* FROM (${peopleQuery(unitCode, since)}) q WHERE q.bhxh_code = ${bhxhCode}`.execute(db);
  return result.rows[0];
}

/** Adoption of units: people, with an account, pending, ready (as `peopleQuery` counts them), per unit code. */
export async function adoptionOf(db: Kysely<Database>, unitCodes: string[], since: string) {
  const result = await sql<{
    unit_code: string;
    people: string;
    accounts: string;
    pending: string;
    ready: string;
  }>`
    WITH cur AS (
      SELECT DISTINCT unit_code, bhxh_code FROM participation_periods
      WHERE unit_code = ANY(${unitCodes}::text[]) AND to_month >= ${since}::date
    ),
    st AS (
      SELECT cur.unit_code, cur.bhxh_code,
             EXISTS (SELECT 1 FROM accounts a WHERE a.bhxh_code = cur.bhxh_code AND a.status = 'active') AS has_account,
             EXISTS (SELECT 1 FROM dossiers d WHERE d.bhxh_code = cur.bhxh_code
                       AND d.status IN ('draft', 'submitted', 'paper_received')) AS open,
             EXISTS (SELECT 1 FROM unit_person_data u WHERE u.bhxh_code = cur.bhxh_code
                       AND u.unit_code = cur.unit_code AND u.batch_id IS NULL) AS ready
      FROM cur
    )
    SELECT c.code AS unit_code, count(st.bhxh_code) AS people,
           count(*) FILTER (WHERE st.has_account) AS accounts,
           count(*) FILTER (WHERE NOT st.has_account AND st.open) AS pending,
           count(*) FILTER (WHERE NOT st.has_account AND NOT st.open AND st.ready) AS ready
    FROM unnest(${unitCodes}::text[]) c(code)
    LEFT JOIN st ON st.unit_code = c.code
    GROUP BY c.code`.execute(db);
  return new Map(
    result.rows.map((r) => [
      r.unit_code,
      {
        people: Number(r.people),
        accounts: Number(r.accounts),
        pending: Number(r.pending),
        ready: Number(r.ready),
      },
    ]),
  );
}

/** The units managed by these agencies, filtered by code, tax code or name words; a page and the total. */
export async function listUnitsOfAgencies(
  db: Kysely<Database>,
  input: { agencies: string[]; q?: string | undefined; limit: number; offset: number },
) {
  const q = input.q?.trim() ?? '';
  const like = `%${q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const result = await sql<{
    code: string;
    name: string;
    tax_code: string | null;
    managing_agency: string;
    admins: string;
    total: string;
  }>`
    SELECT u.code, u.name, u.tax_code, u.managing_agency,
           (SELECT count(*) FROM accounts a WHERE a.role = 'employer' AND a.unit_code = u.code
              AND a.unit_admin AND a.status = 'active') AS admins,
           count(*) OVER () AS total
    FROM employer_units u
    WHERE u.managing_agency = ANY(${input.agencies}::text[])
      AND (${q} = '' OR u.code = upper(${q}) OR u.tax_code = ${q.replace('-', '')} OR lower(u.name) LIKE ${like})
    ORDER BY u.code
    LIMIT ${input.limit} OFFSET ${input.offset}`.execute(db);
  return { total: Number(result.rows[0]?.total ?? 0), rows: result.rows };
}

/* ---------------------------------------------------------------- completed data and batches */

export function findPersonData(db: Kysely<Database>, unitCode: string, bhxhCode: string) {
  return db
    .selectFrom('unit_person_data')
    .selectAll()
    .where('unit_code', '=', unitCode)
    .where('bhxh_code', '=', bhxhCode)
    .executeTakeFirst();
}

/** Writes what the unit completed for a person, taking it out of any earlier batch. */
export async function upsertPersonData(
  db: Kysely<Database>,
  row: {
    bhxhCode: string;
    unitCode: string;
    data: UnitPersonFields;
    photos: UnitPersonPhotos;
    updatedBy: string;
  },
): Promise<void> {
  const values = {
    bhxh_code: row.bhxhCode,
    unit_code: row.unitCode,
    data: JSON.stringify(row.data),
    photos: JSON.stringify(row.photos),
    updated_by: row.updatedBy,
    updated_at: new Date(),
    batch_id: null,
    dossier_number: null,
    error_code: null,
    processed_at: null,
  };
  await db
    .insertInto('unit_person_data')
    .values(values)
    .onConflict((oc) =>
      oc.columns(['bhxh_code', 'unit_code']).doUpdateSet({
        data: values.data,
        photos: values.photos,
        updated_by: values.updated_by,
        updated_at: values.updated_at,
        batch_id: null,
        dossier_number: null,
        error_code: null,
        processed_at: null,
      }),
    )
    .execute();
}

export async function insertBatch(
  db: Kysely<Database>,
  batch: { id: string; unitCode: string; agencyCode: string; createdBy: string; total: number },
): Promise<void> {
  await db
    .insertInto('unit_batches')
    .values({
      id: batch.id,
      unit_code: batch.unitCode,
      agency_code: batch.agencyCode,
      created_by: batch.createdBy,
      total: batch.total,
      status: 'running',
    })
    .execute();
}

/** Puts the given people's completed, unsent data into a batch; returns how many it took. */
export async function claimReadyPeople(
  db: Kysely<Database>,
  unitCode: string,
  bhxhCodes: string[],
  batchId: string,
): Promise<number> {
  if (!bhxhCodes.length) return 0;
  const result = await db
    .updateTable('unit_person_data')
    .set({ batch_id: batchId })
    .where('unit_code', '=', unitCode)
    .where('batch_id', 'is', null)
    .where('bhxh_code', 'in', bhxhCodes)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export function findBatch(db: Kysely<Database>, id: string) {
  return db.selectFrom('unit_batches').selectAll().where('id', '=', id).executeTakeFirst();
}

/** A batch's people (with their names), those not yet processed first when `pendingOnly`. */
export function listBatchPeople(db: Kysely<Database>, batchId: string, pendingOnly = false) {
  let query = db
    .selectFrom('unit_person_data as u')
    .innerJoin('persons as p', 'p.bhxh_code', 'u.bhxh_code')
    .select([
      'u.bhxh_code',
      'u.unit_code',
      'u.data',
      'u.photos',
      'u.dossier_number',
      'u.error_code',
      'u.processed_at',
      'p.full_name',
      'p.birth_date',
      'p.birth_year',
      'p.gender',
      'p.phone as phone_on_record',
    ])
    .where('u.batch_id', '=', batchId);
  if (pendingOnly) query = query.where('u.processed_at', 'is', null);
  return query.orderBy('p.full_name').orderBy('u.bhxh_code').execute();
}

/** Records one person's outcome in a batch and counts it, in the caller's transaction. */
export async function recordBatchOutcome(
  db: Kysely<Database>,
  input: {
    batchId: string;
    unitCode: string;
    bhxhCode: string;
    dossierNumber: string | null;
    errorCode: string | null;
  },
): Promise<void> {
  const done = await db
    .updateTable('unit_person_data')
    .set({ dossier_number: input.dossierNumber, error_code: input.errorCode, processed_at: new Date() })
    .where('unit_code', '=', input.unitCode)
    .where('bhxh_code', '=', input.bhxhCode)
    .where('batch_id', '=', input.batchId)
    .where('processed_at', 'is', null)
    .executeTakeFirst();
  if (Number(done.numUpdatedRows) > 0)
    await db
      .updateTable('unit_batches')
      .set((eb) => ({ processed: eb('processed', '+', 1) }))
      .where('id', '=', input.batchId)
      .execute();
}

export async function finishBatch(db: Kysely<Database>, id: string): Promise<void> {
  await db
    .updateTable('unit_batches')
    .set({ status: 'done', finished_at: new Date() })
    .where('id', '=', id)
    .where('status', '=', 'running')
    .execute();
}

/** The lower-case letters with Vietnamese tone marks and their plain letters, for name search. */
const FOLD_FROM =
  'àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴĐ';
const FOLD_TO =
  'aaaaaaaaaaaaaaaaaeeeeeeeeeeeiiiiiooooooooooooooooouuuuuuuuuuuyyyyydAAAAAAAAAAAAAAAAAEEEEEEEEEEEIIIIIOOOOOOOOOOOOOOOOOUUUUUUUUUUUYYYYYD';

export async function setBatchTotal(db: Kysely<Database>, id: string, total: number): Promise<void> {
  await db.updateTable('unit_batches').set({ total }).where('id', '=', id).execute();
}
