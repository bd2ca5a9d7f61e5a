import { type Insertable, type Kysely, type Selectable, sql } from 'kysely';
import { OPEN_DOSSIER_STATUSES, type DossierStatus } from '@vssid/domain';
import type { Database } from '../../db/schema';
import type { DossierActionTable, DossierFileTable, DossierTable } from '../../db/schema-registration';

/**
 * SQL of the registration dossiers (migration 0007). No rules here: the workflow, numbering and
 * checks live in `dossiers.ts` and `submit-service.ts`; these functions only read and write rows.
 */

export type DossierRow = Selectable<DossierTable>;
export type DossierActionRow = Selectable<DossierActionTable>;
export type DossierFileRow = Selectable<DossierFileTable>;
export type NewDossier = Insertable<DossierTable>;
export type NewDossierAction = Insertable<DossierActionTable>;
export type NewDossierFile = Insertable<DossierFileTable>;

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

export async function insertDossier(db: Kysely<Database>, dossier: NewDossier): Promise<DossierRow> {
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
