import { type Kysely, sql, type Transaction } from 'kysely';
import type { Database } from '../../db/schema';
import type { VisitFileError } from '../../db/schema-gateway';
import type { MedicalVisitTable, VisitDocumentTable } from '../../db/schema';
import type { Insertable } from 'kysely';

type Db = Kysely<Database> | Transaction<Database>;

// ---------------------------------------------------------------- credentials, keys, clerks

export function findCredentialByUsername(db: Db, username: string) {
  return db
    .selectFrom('clinic_gateway_credentials as g')
    .innerJoin('clinics as c', 'c.code', 'g.clinic_code')
    .select(['g.clinic_code', 'g.username', 'g.password_hash', 'g.version', 'c.name as clinic_name'])
    .where('g.username', '=', username)
    .executeTakeFirst();
}

export function findCredentialVersion(db: Db, clinicCode: string) {
  return db
    .selectFrom('clinic_gateway_credentials')
    .select(['version', 'username'])
    .where('clinic_code', '=', clinicCode)
    .executeTakeFirst();
}

export function upsertCredential(
  db: Db,
  row: { clinic_code: string; username: string; password_hash: string; rotated_by: string },
) {
  return db
    .insertInto('clinic_gateway_credentials')
    .values(row)
    .onConflict((oc) =>
      oc.column('clinic_code').doUpdateSet({
        password_hash: row.password_hash,
        rotated_by: row.rotated_by,
        rotated_at: sql`now()`,
        version: sql`clinic_gateway_credentials.version + 1`,
      }),
    )
    .returning(['clinic_code', 'username', 'version', 'rotated_at'])
    .executeTakeFirstOrThrow();
}

export function findClinic(db: Db, code: string) {
  return db
    .selectFrom('clinics')
    .select(['code', 'name', 'province_code', 'address'])
    .where('code', '=', code)
    .executeTakeFirst();
}

/**
 * The clinics of a province (every province: null), with their gateway credential if issued:
 * a code prefix or every word of the name (`lookup_words`, migration 0004), by code; one more
 * than `limit` tells the caller there are more.
 */
export function findClinicsWithCredentials(
  db: Db,
  filter: { provinceCode: string | null; codePrefix: string | null; words: readonly string[]; limit: number },
) {
  let q = db
    .selectFrom('clinics as c')
    .leftJoin('clinic_gateway_credentials as g', 'g.clinic_code', 'c.code')
    .select(['c.code', 'c.name', 'c.address', 'g.username', 'g.version', 'g.rotated_at'])
    .orderBy('c.code')
    .limit(filter.limit + 1);
  if (filter.provinceCode !== null) q = q.where('c.province_code', '=', filter.provinceCode);
  if (filter.codePrefix !== null) q = q.where('c.code', 'like', `${filter.codePrefix}%`);
  else if (filter.words.length)
    q = q.where(sql<boolean>`lookup_words(c.name) @> ${sql.val([...filter.words])}::text[]`);
  return q.execute();
}

export function findAgencyProvince(db: Db, agencyCode: string) {
  return db
    .selectFrom('bhxh_agencies')
    .select(['province_code', 'level'])
    .where('code', '=', agencyCode)
    .executeTakeFirst();
}

export function findGatewayKeys(db: Db) {
  return db
    .selectFrom('clinic_gateway_keys')
    .select(['kid', 'secret'])
    .orderBy('created_at', 'desc')
    .execute();
}

export async function insertGatewayKey(db: Db, kid: string, secret: Buffer): Promise<void> {
  await db
    .insertInto('clinic_gateway_keys')
    .values({ kid, secret })
    .onConflict((oc) => oc.doNothing())
    .execute();
}

export function findClerks(db: Db, clinicCode: string) {
  return db
    .selectFrom('clinic_clerks')
    .select(['cccd', 'full_name', 'registered_at'])
    .where('clinic_code', '=', clinicCode)
    .where('removed_at', 'is', null)
    .orderBy('full_name')
    .execute();
}

export function findClerk(db: Db, clinicCode: string, cccd: string) {
  return db
    .selectFrom('clinic_clerks')
    .select(['full_name'])
    .where('clinic_code', '=', clinicCode)
    .where('cccd', '=', cccd)
    .where('removed_at', 'is', null)
    .executeTakeFirst();
}

export function upsertClerk(
  db: Db,
  row: { clinic_code: string; cccd: string; full_name: string; registered_by: string },
) {
  return db
    .insertInto('clinic_clerks')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['clinic_code', 'cccd']).doUpdateSet({
        full_name: row.full_name,
        registered_by: row.registered_by,
        registered_at: sql`now()`,
        removed_at: null,
      }),
    )
    .returning(['cccd', 'full_name', 'registered_at'])
    .executeTakeFirstOrThrow();
}

export async function markClerkRemoved(db: Db, clinicCode: string, cccd: string): Promise<boolean> {
  const r = await db
    .updateTable('clinic_clerks')
    .set({ removed_at: sql<Date>`now()` })
    .where('clinic_code', '=', clinicCode)
    .where('cccd', '=', cccd)
    .where('removed_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

// ---------------------------------------------------------------- the card check

/** The person a check names: by BHXH code, by CCCD, or by a legacy card number's last 10 digits. */
export function findPersonBy(db: Db, by: { bhxhCode: string } | { cccd: string }) {
  let q = db
    .selectFrom('persons as p')
    .select([
      'p.bhxh_code',
      'p.full_name',
      sql<string | null>`p.birth_date::text`.as('birth_date'),
      'p.birth_year',
      'p.gender',
      'p.address_line',
      'p.province_code',
    ]);
  q = 'bhxhCode' in by ? q.where('p.bhxh_code', '=', by.bhxhCode) : q.where('p.cccd', '=', by.cccd);
  return q.executeTakeFirst();
}

/** A person's cards, newest first, with the registered clinic's and the issuing agency's names. */
export function findCardsOf(db: Db, bhxhCode: string) {
  return db
    .selectFrom('bhyt_cards as c')
    .leftJoin('clinics as cl', 'cl.code', 'c.registered_clinic_code')
    .leftJoin('bhxh_agencies as a', 'a.code', 'c.issuing_agency_code')
    .select([
      sql<string>`c.id::text`.as('id'),
      'c.card_number',
      'c.object_code',
      'c.benefit_level',
      'c.registered_clinic_code',
      'cl.name as clinic_name',
      sql<string>`c.valid_from::text`.as('valid_from'),
      sql<string | null>`c.valid_to::text`.as('valid_to'),
      sql<string | null>`c.five_year_date::text`.as('five_year_date'),
      'c.issuing_agency_code',
      'a.name as agency_name',
      'c.status',
      sql<string | null>`c.replaced_by_id::text`.as('replaced_by_id'),
      'c.managing_body',
      'c.reduced_kind',
    ])
    .where('c.bhxh_code', '=', bhxhCode)
    .orderBy('c.valid_from', 'desc')
    .orderBy('c.id', 'desc')
    .execute();
}

/** The most recent visits (dsLichSuKCB2018). */
export function findRecentVisits(db: Db, bhxhCode: string, limit: number) {
  return db
    .selectFrom('medical_visits')
    .select([
      'ma_lk',
      'clinic_code',
      'admitted_at',
      'discharged_at',
      'diagnosis_out',
      'icd10_main',
      'outcome',
      'route',
    ])
    .where('bhxh_code', '=', bhxhCode)
    .orderBy('admitted_at', 'desc')
    .limit(limit)
    .execute();
}

/** The most recent checks of a person's card, by any clinic (dsLichSuKT2018). */
export function findRecentChecks(db: Db, bhxhCode: string, limit: number) {
  return db
    .selectFrom('clinic_card_checks as k')
    .innerJoin('clinics as c', 'c.code', 'k.clinic_code')
    .select(['k.clinic_code', 'c.name as clinic_name', 'k.clerk_name', 'k.checked_at', 'k.result_code'])
    .where('k.bhxh_code', '=', bhxhCode)
    .orderBy('k.checked_at', 'desc')
    .limit(limit)
    .execute();
}

export async function insertCheck(
  db: Db,
  row: {
    clinic_code: string;
    bhxh_code: string | null;
    query_code: string;
    result_code: string;
    clerk_cccd: string;
    clerk_name: string;
    channel: 'gateway' | 'screen';
  },
): Promise<void> {
  await db.insertInto('clinic_card_checks').values(row).execute();
}

export function findChecksSince(db: Db, clinicCode: string, since: Date, limit: number) {
  return db
    .selectFrom('clinic_card_checks')
    .select(['id', 'checked_at', 'bhxh_code', 'query_code', 'result_code', 'clerk_name', 'channel'])
    .where('clinic_code', '=', clinicCode)
    .where('checked_at', '>=', since)
    .orderBy('checked_at', 'desc')
    .limit(limit)
    .execute();
}

// ---------------------------------------------------------------- visit files

export function findVisitOwner(db: Db, bhxhCode: string, maLk: string) {
  return db
    .selectFrom('medical_visits')
    .select(['clinic_code'])
    .where('bhxh_code', '=', bhxhCode)
    .where('ma_lk', '=', maLk)
    .executeTakeFirst();
}

export function findVisitFile(db: Db, clinicCode: string, maLk: string) {
  return db
    .selectFrom('clinic_visit_files')
    .select(['bhxh_code', 'status'])
    .where('clinic_code', '=', clinicCode)
    .where('ma_lk', '=', maLk)
    .executeTakeFirst();
}

/** Replaces a person's visit and its documents (a resubmission of the same MA_LK replaces both). */
export async function replaceVisit(
  trx: Transaction<Database>,
  visit: Insertable<MedicalVisitTable>,
  documents: Insertable<VisitDocumentTable>[],
  previousOwner: string | null,
): Promise<void> {
  for (const owner of new Set([previousOwner, visit.bhxh_code].filter((o): o is string => o !== null))) {
    await trx
      .deleteFrom('visit_documents')
      .where('bhxh_code', '=', owner)
      .where('ma_lk', '=', visit.ma_lk)
      .execute();
    await trx
      .deleteFrom('medical_visits')
      .where('bhxh_code', '=', owner)
      .where('ma_lk', '=', visit.ma_lk)
      .where('clinic_code', '=', visit.clinic_code)
      .execute();
  }
  await trx.insertInto('medical_visits').values(visit).execute();
  if (documents.length) await trx.insertInto('visit_documents').values(documents).execute();
}

export async function upsertVisitFile(
  db: Db,
  row: {
    clinic_code: string;
    ma_lk: string;
    transaction_code: string;
    bhxh_code: string | null;
    status: 'accepted' | 'rejected';
    file_types: string[];
    size_bytes: number;
    errors: VisitFileError[];
  },
): Promise<void> {
  const values = { ...row, errors: JSON.stringify(row.errors) };
  await db
    .insertInto('clinic_visit_files')
    .values(values)
    .onConflict((oc) =>
      oc.columns(['clinic_code', 'ma_lk']).doUpdateSet({
        transaction_code: values.transaction_code,
        bhxh_code: values.bhxh_code,
        status: values.status,
        file_types: values.file_types,
        size_bytes: values.size_bytes,
        errors: values.errors,
        received_at: sql`now()`,
        submissions: sql`clinic_visit_files.submissions + 1`,
      }),
    )
    .execute();
}

export function findVisitFiles(db: Db, clinicCode: string, limit: number) {
  return db
    .selectFrom('clinic_visit_files')
    .select(['ma_lk', 'received_at', 'status', 'file_types', 'submissions', 'errors'])
    .where('clinic_code', '=', clinicCode)
    .orderBy('received_at', 'desc')
    .limit(limit)
    .execute();
}
