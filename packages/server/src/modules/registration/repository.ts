import { type Insertable, type Kysely, type Selectable, sql } from 'kysely';
import { OPEN_DOSSIER_STATUSES, type DossierStatus } from '@vssid/domain';
import type { BhxhAgencyTable, Database } from '../../db/schema';
import { claimUniqueKeys } from '../../db/unique-keys';
import type { DossierActionTable, DossierFileTable, DossierTable } from '../../db/schema-registration';

/**
 * SQL of the registration dossiers (migration 0007). No rules here: the workflow, numbering and
 * checks live in `dossiers.ts` and `submit-service.ts`; these functions only read and write rows.
 */

export type DossierRow = Selectable<DossierTable>;
export type DossierActionRow = Selectable<DossierActionTable>;
export type DossierFileRow = Selectable<DossierFileTable>;
export type NewDossier = Insertable<DossierTable>;
type NewDossierAction = Insertable<DossierActionTable>;
type NewDossierFile = Insertable<DossierFileTable>;

/** Next value of the agency's sequence for that year (1 for the first dossier), atomically. */
export async function incrementSequence(
  db: Kysely<Database>,
  agencyCode: string,
  year: number,
): Promise<number> {
  const row = await db
    .insertInto('dossier_sequences')
    .values({ agency_code: agencyCode, year, last_value: 1 })
    .onConflict((oc) =>
      oc.columns(['agency_code', 'year']).doUpdateSet({
        last_value: sql<number>`dossier_sequences.last_value + 1`,
      }),
    )
    .returning('last_value')
    .executeTakeFirstOrThrow();
  return row.last_value;
}

/** A new dossier, its number and idempotency key claimed first (unique across persons: 0029). */
export async function insertDossier(db: Kysely<Database>, dossier: NewDossier): Promise<DossierRow> {
  await claimUniqueKeys(db, dossier.bhxh_code, [
    { scope: 'dossiers.idempotency_key', value: dossier.idempotency_key },
    { scope: 'dossiers.number', value: dossier.number },
  ]);
  return db.insertInto('dossiers').values(dossier).returningAll().executeTakeFirstOrThrow();
}

/** The dossier `id` of `bhxhCode`. */
function dossierById(db: Kysely<Database>, bhxhCode: string, id: string) {
  return db.selectFrom('dossiers').selectAll().where('bhxh_code', '=', bhxhCode).where('id', '=', id);
}

export function findDossierById(
  db: Kysely<Database>,
  bhxhCode: string,
  id: string,
): Promise<DossierRow | undefined> {
  return dossierById(db, bhxhCode, id).executeTakeFirst();
}

/** The dossier row under a row lock (FOR UPDATE), so concurrent actions on it queue up. */
export function lockDossierById(
  db: Kysely<Database>,
  bhxhCode: string,
  id: string,
): Promise<DossierRow | undefined> {
  return dossierById(db, bhxhCode, id).forUpdate().executeTakeFirst();
}

export function findDossierByNumber(db: Kysely<Database>, number: string): Promise<DossierRow | undefined> {
  return db.selectFrom('dossiers').selectAll().where('number', '=', number).executeTakeFirst();
}

export function findDossierByIdempotencyKey(
  db: Kysely<Database>,
  key: string,
): Promise<DossierRow | undefined> {
  return db.selectFrom('dossiers').selectAll().where('idempotency_key', '=', key).executeTakeFirst();
}

/** The person's open dossier (draft, submitted or paper received), if any: at most one exists. */
export function findOpenDossier(db: Kysely<Database>, bhxhCode: string): Promise<DossierRow | undefined> {
  return db
    .selectFrom('dossiers')
    .selectAll()
    .where('bhxh_code', '=', bhxhCode)
    .where('status', 'in', [...OPEN_DOSSIER_STATUSES])
    .executeTakeFirst();
}

/** Where a page of a citizen's dossiers ends: the last row's submission time (to the microsecond, UTC) and id. */
export type DossierCursor = { submittedAt: string; id: string };

/**
 * Dossiers about this person or filed by them as guardian, newest first, from after `before`
 * (keyset on submission time and id, so a dossier submitted meanwhile neither repeats nor hides
 * one). Each row carries its own cursor, `cursor_at`, in the exact form `before` takes.
 */
export function listDossiersForCitizen(
  db: Kysely<Database>,
  bhxhCode: string,
  limit: number,
  before?: DossierCursor,
): Promise<(DossierRow & { cursor_at: string })[]> {
  let query = db
    .selectFrom('dossiers')
    .selectAll()
    .select(
      sql<string>`to_char(submitted_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`.as('cursor_at'),
    )
    .where((eb) => eb.or([eb('bhxh_code', '=', bhxhCode), eb('guardian_bhxh_code', '=', bhxhCode)]));
  if (before)
    query = query.where(
      sql<boolean>`(submitted_at, id) < (${before.submittedAt}::timestamptz, ${before.id}::uuid)`,
    );
  return query.orderBy('submitted_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
}

export function listDossierActions(
  db: Kysely<Database>,
  bhxhCode: string,
  dossierId: string,
): Promise<DossierActionRow[]> {
  return db
    .selectFrom('dossier_actions')
    .selectAll()
    .where('bhxh_code', '=', bhxhCode)
    .where('dossier_id', '=', dossierId)
    .orderBy('seq', 'asc')
    .execute();
}

export async function insertDossierAction(
  db: Kysely<Database>,
  action: NewDossierAction,
): Promise<DossierActionRow> {
  return db.insertInto('dossier_actions').values(action).returningAll().executeTakeFirstOrThrow();
}

export async function updateDossierStatus(
  db: Kysely<Database>,
  bhxhCode: string,
  id: string,
  status: DossierStatus,
): Promise<DossierRow> {
  return db
    .updateTable('dossiers')
    .set({ status })
    .where('bhxh_code', '=', bhxhCode)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function insertDossierFiles(db: Kysely<Database>, files: NewDossierFile[]): Promise<void> {
  if (files.length) await db.insertInto('dossier_files').values(files).execute();
}

export function listDossierFiles(
  db: Kysely<Database>,
  bhxhCode: string,
  dossierId: string,
): Promise<DossierFileRow[]> {
  return db
    .selectFrom('dossier_files')
    .selectAll()
    .where('bhxh_code', '=', bhxhCode)
    .where('dossier_id', '=', dossierId)
    .orderBy('kind')
    .execute();
}

/** The stored Form 01 PDF of a dossier in `language`, if it was rendered. */
export function findDossierPdf(db: Kysely<Database>, bhxhCode: string, dossierId: string, language: string) {
  return db
    .selectFrom('dossier_pdfs')
    .select(['sha256', 'byte_size'])
    .where('bhxh_code', '=', bhxhCode)
    .where('dossier_id', '=', dossierId)
    .where('language', '=', language)
    .executeTakeFirst();
}

/** Records a stored Form 01 PDF; a row already there (another render) is kept. */
export async function insertDossierPdf(
  db: Kysely<Database>,
  pdf: { bhxh_code: string; dossier_id: string; language: string; byte_size: number; sha256: string },
): Promise<void> {
  await db
    .insertInto('dossier_pdfs')
    .values(pdf)
    .onConflict((oc) => oc.columns(['bhxh_code', 'dossier_id', 'language']).doNothing())
    .execute();
}

/**
 * Serialises the first render of one dossier's PDF across nodes: a transaction-level advisory lock
 * (released at commit, so it suits PgBouncer's transaction mode), keyed by the dossier and language.
 */
export async function lockDossierPdf(
  db: Kysely<Database>,
  dossierId: string,
  language: string,
): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(hashtextextended(${`form01:${dossierId}:${language}`}, 0))`.execute(
    db,
  );
}

/** Submitted dossiers whose paper-form deadline has passed (the expiry job), oldest first. */
export function findOverdueDossiers(db: Kysely<Database>, now: Date, limit: number): Promise<DossierRow[]> {
  return db
    .selectFrom('dossiers')
    .selectAll()
    .where('status', '=', 'submitted')
    .where('deadline_at', '<=', now)
    .orderBy('deadline_at', 'asc')
    .limit(limit)
    .execute();
}

/** The citizen account of a BHXH code that is active, if any. */
export function findActiveCitizenAccount(
  db: Kysely<Database>,
  bhxhCode: string,
): Promise<{ id: string } | undefined> {
  return db
    .selectFrom('accounts')
    .select('id')
    .where('bhxh_code', '=', bhxhCode)
    .where('role', '=', 'citizen')
    .where('status', '=', 'active')
    .executeTakeFirst();
}

/** The phone, email and name of an account (a guardian's, for the child's messages). */
export function findAccountContact(db: Kysely<Database>, accountId: string) {
  return db
    .selectFrom('accounts')
    .select(['phone', 'email', 'display_name'])
    .where('id', '=', accountId)
    .executeTakeFirst();
}

export function findPerson(db: Kysely<Database>, bhxhCode: string) {
  return db
    .selectFrom('persons')
    .select([
      'bhxh_code',
      'full_name',
      'birth_date',
      'birth_year',
      'gender',
      'cccd',
      'phone',
      'email',
      'guardian_bhxh_code',
    ])
    .where('bhxh_code', '=', bhxhCode)
    .executeTakeFirst();
}

export function findAgency(db: Kysely<Database>, code: string) {
  return db
    .selectFrom('bhxh_agencies')
    .select(['code', 'name', 'address', 'province_code', 'phone'])
    .where('code', '=', code)
    .executeTakeFirst();
}

/** The named agencies (names and addresses), for a list of dossiers in one statement. */
export function findAgencies(db: Kysely<Database>, codes: readonly string[]) {
  if (codes.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('bhxh_agencies')
    .select(['code', 'name', 'address'])
    .where('code', 'in', [...new Set(codes)])
    .execute();
}

/** An agency a citizen may file a dossier to (see `findOfferedAgencies`). */
export type OfferedAgencyRow = Pick<
  Selectable<BhxhAgencyTable>,
  'code' | 'name' | 'address' | 'province_code' | 'commune_code' | 'phone' | 'latitude' | 'longitude'
> & { level: 'province' | 'local' };

/**
 * The agencies offered to citizens for registration (issue 20): not the national head office,
 * `receives_dossiers`, and covered by at least one active officer, i.e. an officer of the agency
 * itself or of an agency above it (the officers' queue scope follows `parent_code` downwards, see
 * `agencyScope`). One statement, so the rule is read as it is at that instant. `where` narrows to
 * a province, to one code (the check at submission and redirection) or to some codes.
 */
export async function findOfferedAgencies(
  db: Kysely<Database>,
  where: { provinceCode: string } | { code: string } | { codes: readonly string[] },
): Promise<OfferedAgencyRow[]> {
  if ('codes' in where && where.codes.length === 0) return [];
  const filter =
    'codes' in where
      ? sql`a.code IN (${sql.join(where.codes)})`
      : 'code' in where
        ? sql`a.code = ${where.code}`
        : sql`a.province_code = ${where.provinceCode}`;
  const result = await sql<OfferedAgencyRow>`
    WITH RECURSIVE covered(code) AS (
      SELECT DISTINCT agency_code FROM accounts
      WHERE role = 'officer' AND status = 'active' AND agency_code IS NOT NULL
      UNION
      SELECT b.code FROM bhxh_agencies b JOIN covered c ON b.parent_code = c.code
    )
    SELECT a.code, a.level, a.name, a.address, a.province_code, a.commune_code, a.phone,
           a.latitude, a.longitude
    FROM bhxh_agencies a
    WHERE ${filter} AND a.receives_dossiers AND a.level <> 'central'
      AND a.code IN (SELECT code FROM covered)
    ORDER BY a.code`.execute(db);
  return result.rows;
}

/**
 * A reference position for a 2025 commune: the mean position of the directory entries placed in
 * it (BHXH agencies, clinics, collection agents). ASSUMPTION (issue 20): the 2025 unit data holds
 * no coordinates, so the commune is located by what the catalogs place in it; undefined when
 * nothing with a position is there.
 */
export async function findCommunePosition(
  db: Kysely<Database>,
  communeCode: string,
): Promise<{ latitude: number; longitude: number } | undefined> {
  const result = await sql<{ latitude: number | null; longitude: number | null }>`
    SELECT avg(latitude)::float8 AS latitude, avg(longitude)::float8 AS longitude FROM (
      SELECT latitude, longitude FROM bhxh_agencies WHERE commune_code = ${communeCode}
      UNION ALL
      SELECT latitude, longitude FROM clinics WHERE commune_code = ${communeCode}
      UNION ALL
      SELECT latitude, longitude FROM collection_agents WHERE commune_code = ${communeCode}
    ) p WHERE latitude IS NOT NULL AND longitude IS NOT NULL`.execute(db);
  const row = result.rows[0];
  return row?.latitude != null && row.longitude != null
    ? { latitude: row.latitude, longitude: row.longitude }
    : undefined;
}

/** Moves a dossier to another receiving agency (the `redirect` action writes its log entry). */
export async function updateDossierAgency(
  db: Kysely<Database>,
  bhxhCode: string,
  id: string,
  agencyCode: string,
): Promise<void> {
  await db
    .updateTable('dossiers')
    .set({ agency_code: agencyCode })
    .where('bhxh_code', '=', bhxhCode)
    .where('id', '=', id)
    .execute();
}

/** The withdrawal action of a dossier made with this OTP challenge, if any (a replayed confirm). */
export function findWithdrawalByChallenge(
  db: Kysely<Database>,
  bhxhCode: string,
  challengeId: string,
): Promise<{ bhxh_code: string; dossier_id: string } | undefined> {
  return db
    .selectFrom('dossier_actions')
    .select(['bhxh_code', 'dossier_id'])
    .where('bhxh_code', '=', bhxhCode)
    .where('action', '=', 'withdraw')
    .where(sql<string>`details->>'challengeId'`, '=', challengeId)
    .executeTakeFirst();
}

/** Agencies by code with whether they receive dossiers and how many active officers they have. */
export function findAgenciesWithOfficers(db: Kysely<Database>, codes: readonly string[]) {
  if (codes.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('bhxh_agencies as a')
    .select((eb) => [
      'a.code',
      'a.name',
      'a.level',
      'a.receives_dossiers',
      eb
        .selectFrom('accounts as s')
        .select((c) => c.fn.countAll<string>().as('n'))
        .whereRef('s.agency_code', '=', 'a.code')
        .where('s.role', '=', 'officer')
        .where('s.status', '=', 'active')
        .as('officers'),
    ])
    .where('a.code', 'in', [...codes])
    .orderBy('a.code')
    .execute();
}

export async function updateAgencyReceiving(
  db: Kysely<Database>,
  code: string,
  receives: boolean,
): Promise<void> {
  await db
    .updateTable('bhxh_agencies')
    .set({ receives_dossiers: receives })
    .where('code', '=', code)
    .execute();
}
