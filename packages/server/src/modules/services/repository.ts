import { type Insertable, type Kysely, type Selectable, sql } from 'kysely';
import { OPEN_REQUEST_STATUSES, type ServiceRequestStatus } from '@vssid/domain/service-requests';
import type { Database } from '../../db/schema';
import { claimUniqueKeys } from '../../db/unique-keys';
import { moveTallies, tallyChange } from './tallies-repository';
import type {
  ServiceRequestActionTable,
  ServiceRequestFileTable,
  ServiceRequestTable,
} from '../../db/schema-services';

/**
 * SQL of the online public services (issue 23): requests, their action log and files, the
 * officers' queue, and the writes an approved request makes to the records (cards, persons).
 */

export type RequestRow = Selectable<ServiceRequestTable>;
export type RequestActionRow = Selectable<ServiceRequestActionTable>;
export type RequestFileRow = Selectable<ServiceRequestFileTable>;

/** The next number of an agency's sequence for a year (atomic upsert). */
export async function incrementRequestSequence(
  db: Kysely<Database>,
  agencyCode: string,
  year: number,
): Promise<number> {
  const row = await db
    .insertInto('service_request_sequences')
    .values({ agency_code: agencyCode, year, last_value: 1 })
    .onConflict((oc) =>
      oc
        .columns(['agency_code', 'year'])
        .doUpdateSet({ last_value: sql`service_request_sequences.last_value + 1` }),
    )
    .returning('last_value')
    .executeTakeFirstOrThrow();
  return row.last_value;
}

export async function insertRequest(
  db: Kysely<Database>,
  row: Insertable<ServiceRequestTable>,
): Promise<RequestRow> {
  // Its number and idempotency key are unique across persons: claimed first (0029).
  await claimUniqueKeys(db, row.bhxh_code, [
    { scope: 'service_requests.idempotency_key', value: row.idempotency_key },
    { scope: 'service_requests.number', value: row.number },
  ]);
  const inserted = await db
    .insertInto('service_requests')
    .values(row)
    .returningAll()
    .executeTakeFirstOrThrow();
  await moveTallies(db, [
    { agency_code: inserted.agency_code, status: inserted.status, type: inserted.type, delta: 1 },
  ]);
  return inserted;
}

export function findRequestByKey(db: Kysely<Database>, key: string): Promise<RequestRow | undefined> {
  return db.selectFrom('service_requests').selectAll().where('idempotency_key', '=', key).executeTakeFirst();
}

export function findRequestByNumber(db: Kysely<Database>, number: string): Promise<RequestRow | undefined> {
  return db.selectFrom('service_requests').selectAll().where('number', '=', number).executeTakeFirst();
}

export function lockRequest(
  db: Kysely<Database>,
  bhxhCode: string,
  id: string,
): Promise<RequestRow | undefined> {
  return db
    .selectFrom('service_requests')
    .selectAll()
    .where('bhxh_code', '=', bhxhCode)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

export function listRequestActions(
  db: Kysely<Database>,
  bhxhCode: string,
  id: string,
): Promise<RequestActionRow[]> {
  return db
    .selectFrom('service_request_actions')
    .selectAll()
    .where('bhxh_code', '=', bhxhCode)
    .where('request_id', '=', id)
    .orderBy('seq')
    .execute();
}

export function findActionByKey(
  db: Kysely<Database>,
  request: Pick<RequestRow, 'bhxh_code' | 'id'>,
  key: string,
): Promise<RequestActionRow | undefined> {
  return db
    .selectFrom('service_request_actions')
    .selectAll()
    .where('bhxh_code', '=', request.bhxh_code)
    .where('request_id', '=', request.id)
    .where('idempotency_key', '=', key)
    .executeTakeFirst();
}

export function insertRequestAction(
  db: Kysely<Database>,
  row: Insertable<ServiceRequestActionTable>,
): Promise<RequestActionRow> {
  return db.insertInto('service_request_actions').values(row).returningAll().executeTakeFirstOrThrow();
}

/** The request's clock and decision time (its status changes through `setRequestStatus` only). */
export function updateRequest(
  db: Kysely<Database>,
  request: Pick<RequestRow, 'bhxh_code' | 'id'>,
  set: Partial<Pick<RequestRow, 'used_days' | 'running_since' | 'due_on' | 'decided_at'>>,
): Promise<RequestRow> {
  return db
    .updateTable('service_requests')
    .set(set)
    .where('bhxh_code', '=', request.bhxh_code)
    .where('id', '=', request.id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/**
 * A request's new status, the action-log step's `setStatus` (the one path that changes it), with
 * its tally moved in the same transaction (0032). `locked` is the row as that step read it under
 * its lock in this transaction, so the status it leaves is the committed one.
 */
export async function setRequestStatus(
  db: Kysely<Database>,
  locked: RequestRow,
  status: ServiceRequestStatus,
): Promise<RequestRow> {
  const after = await db
    .updateTable('service_requests')
    .set({ status })
    .where('bhxh_code', '=', locked.bhxh_code)
    .where('id', '=', locked.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  await moveTallies(db, tallyChange(locked, after));
  return after;
}

/**
 * Marks the result applied, once: true for the one caller that set it, false when it was already
 * set (a retried approval finds it applied and applies nothing).
 */
export async function markResultApplied(
  db: Kysely<Database>,
  request: Pick<RequestRow, 'bhxh_code' | 'id'>,
  at: Date,
): Promise<boolean> {
  const result = await db
    .updateTable('service_requests')
    .set({ result_applied_at: at })
    .where('bhxh_code', '=', request.bhxh_code)
    .where('id', '=', request.id)
    .where('result_applied_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function insertRequestFiles(
  db: Kysely<Database>,
  files: Insertable<ServiceRequestFileTable>[],
): Promise<void> {
  if (files.length) await db.insertInto('service_request_files').values(files).execute();
}

export function listRequestFiles(
  db: Kysely<Database>,
  bhxhCode: string,
  id: string,
): Promise<RequestFileRow[]> {
  return db
    .selectFrom('service_request_files')
    .selectAll()
    .where('bhxh_code', '=', bhxhCode)
    .where('request_id', '=', id)
    .orderBy('seq')
    .orderBy('position')
    .execute();
}

/** One file of a request, by the step it came with and its place among that step's files. */
export function findRequestFile(
  db: Kysely<Database>,
  request: Pick<RequestRow, 'bhxh_code' | 'id'>,
  seq: number,
  position: number,
): Promise<RequestFileRow | undefined> {
  return db
    .selectFrom('service_request_files')
    .selectAll()
    .where('bhxh_code', '=', request.bhxh_code)
    .where('request_id', '=', request.id)
    .where('seq', '=', seq)
    .where('position', '=', position)
    .executeTakeFirst();
}

/** A citizen's requests: their own and those they filed (for a child), newest first. */
export function listRequestsOf(db: Kysely<Database>, bhxhCode: string, limit = 100): Promise<RequestRow[]> {
  return (
    db
      .selectFrom('service_requests')
      .selectAll()
      .where((eb) => eb.or([eb('bhxh_code', '=', bhxhCode), eb('filed_by_bhxh_code', '=', bhxhCode)]))
      // The units' declarations about the person are the units' (issue #27).
      .where('filed_by_unit_code', 'is', null)
      .orderBy('submitted_at', 'desc')
      .limit(limit)
      .execute()
  );
}

/** The person's open requests other than `except`, soonest due first (the officer's page). */
export function findOpenRequestsOf(db: Kysely<Database>, bhxhCode: string, except: string) {
  return db
    .selectFrom('service_requests')
    .select(['number', 'type', 'status', 'due_on'])
    .where('bhxh_code', '=', bhxhCode)
    .where('number', '<>', except)
    .where('status', 'in', [...OPEN_REQUEST_STATUSES])
    .orderBy('due_on')
    .limit(20)
    .execute();
}

/** The person's registration dossiers still being processed (the officer's page). */
export function findOpenDossiersOf(db: Kysely<Database>, bhxhCode: string) {
  return db
    .selectFrom('dossiers')
    .select(['number', 'status', 'agency_code', 'submitted_at'])
    .where('bhxh_code', '=', bhxhCode)
    .where('status', 'in', ['submitted', 'paper_received'])
    .orderBy('submitted_at', 'desc')
    .limit(20)
    .execute();
}

/** The person's record an officer sees beside a request, and their contact for messages. */
export function findPerson(db: Kysely<Database>, bhxhCode: string) {
  return db
    .selectFrom('persons')
    .select([
      'bhxh_code',
      'full_name',
      'birth_date',
      'birth_year',
      'gender',
      'address_line',
      'phone',
      'email',
      'guardian_bhxh_code',
    ])
    .where('bhxh_code', '=', bhxhCode)
    .executeTakeFirst();
}

/**
 * Where to tell a filer about their request, in one statement: the phone, email and language of
 * their active citizen account when they have one, and the person's record's phone and email.
 */
export function findFilerContact(db: Kysely<Database>, bhxhCode: string) {
  return db
    .selectFrom('persons as p')
    .leftJoin('accounts as a', (join) =>
      join
        .onRef('a.bhxh_code', '=', 'p.bhxh_code')
        .on('a.role', '=', 'citizen')
        .on('a.status', '=', 'active'),
    )
    .select(['p.phone', 'p.email', 'a.phone as account_phone', 'a.email as account_email', 'a.language'])
    .where('p.bhxh_code', '=', bhxhCode)
    .executeTakeFirst();
}

// ---- Results on the records ----

/** The person's current card (the newest not replaced), locked. */
export function lockCurrentCard(db: Kysely<Database>, bhxhCode: string) {
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

/** A reissued card: the same number and cover, issued today; the old one marked replaced by it. */
export async function reissueCard(
  db: Kysely<Database>,
  old: Selectable<Database['bhyt_cards']>,
  issuedOn: string,
  agencyCode: string,
  clinicCode?: string,
): Promise<string> {
  const { id } = await db
    .insertInto('bhyt_cards')
    .values({
      bhxh_code: old.bhxh_code,
      card_number: old.card_number,
      object_code: old.object_code,
      benefit_level: old.benefit_level,
      registered_clinic_code: clinicCode ?? old.registered_clinic_code,
      // A change of clinic approved for the next period goes with the reissued card.
      next_clinic_code: old.next_clinic_code,
      next_clinic_from: old.next_clinic_from,
      valid_from: old.valid_from,
      valid_to: old.valid_to,
      five_year_date: old.five_year_date,
      issued_on: issuedOn,
      issuing_agency_code: agencyCode,
      status: 'active',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .updateTable('bhyt_cards')
    .set({ status: 'replaced', replaced_by_id: id })
    .where('bhxh_code', '=', old.bhxh_code)
    .where('id', '=', old.id)
    .execute();
  return id;
}

/** Changed personal data (verified by the officer) written to the person's record. */
export async function updatePersonData(
  db: Kysely<Database>,
  bhxhCode: string,
  changes: {
    full_name?: string;
    birth_date?: string;
    birth_year?: number;
    gender?: 'male' | 'female';
    address_line?: string;
    phone?: string;
    email?: string;
  },
): Promise<void> {
  if (Object.keys(changes).length === 0) return;
  await db.updateTable('persons').set(changes).where('bhxh_code', '=', bhxhCode).execute();
}

/**
 * Whether the person receives a benefit paid monthly (a pension, or a monthly allowance such as
 * unemployment's): a payment of such a kind for a month ending on or after `since`.
 */
export async function receivesMonthlyBenefit(
  db: Kysely<Database>,
  bhxhCode: string,
  since: string,
): Promise<boolean> {
  const row = await db
    .selectFrom('benefit_payments')
    .select('bhxh_code')
    .where('bhxh_code', '=', bhxhCode)
    .where('kind', 'in', ['pension', 'unemployment'])
    .where('period_to', '>=', since)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

export function clinicExists(db: Kysely<Database>, code: string) {
  return db.selectFrom('clinics').select('code').where('code', '=', code).executeTakeFirst();
}

/** The person's citizen account that is not closed (e-transaction requests act on it), if any. */
export function findOpenCitizenAccount(db: Kysely<Database>, bhxhCode: string) {
  return db
    .selectFrom('accounts')
    .select(['id', 'status'])
    .where('bhxh_code', '=', bhxhCode)
    .where('role', '=', 'citizen')
    .where('status', '<>', 'closed')
    .executeTakeFirst();
}

/** A payment arrangement from a month on (an approved payment change), once per request. */
export async function insertPaymentArrangement(
  db: Kysely<Database>,
  row: Insertable<Database['benefit_payment_arrangements']>,
): Promise<void> {
  await db
    .insertInto('benefit_payment_arrangements')
    .values(row)
    .onConflict((oc) => oc.columns(['bhxh_code', 'request_number']).doNothing())
    .execute();
}

/** The clinic a card changes to from a day (an approved change of initial clinic). */
export async function setNextClinic(
  db: Kysely<Database>,
  card: Selectable<Database['bhyt_cards']>,
  clinicCode: string,
  from: string,
): Promise<void> {
  await db
    .updateTable('bhyt_cards')
    .set({ next_clinic_code: clinicCode, next_clinic_from: from })
    .where('bhxh_code', '=', card.bhxh_code)
    .where('id', '=', card.id)
    .execute();
}

/** A request by its id (a payment's reference). */
export function findRequestById(db: Kysely<Database>, id: string): Promise<RequestRow | undefined> {
  return db.selectFrom('service_requests').selectAll().where('id', '=', id).executeTakeFirst();
}
