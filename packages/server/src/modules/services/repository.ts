import { type Insertable, type Kysely, type RawBuilder, type Selectable, sql } from 'kysely';
import {
  OPEN_REQUEST_STATUSES,
  type ServiceRequestStatus,
  type RequestType,
} from '@vssid/domain/service-requests';
import type { Database } from '../../db/schema';
import { claimUniqueKeys } from '../../db/unique-keys';
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
  return db.insertInto('service_requests').values(row).returningAll().executeTakeFirstOrThrow();
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

export function updateRequest(
  db: Kysely<Database>,
  request: Pick<RequestRow, 'bhxh_code' | 'id'>,
  set: Partial<
    Pick<RequestRow, 'status' | 'used_days' | 'running_since' | 'due_on' | 'decided_at' | 'agency_code'>
  >,
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

interface RequestQueueFilter {
  scope: string[];
  /** On Citus: one UNION ALL branch per agency instead of the LATERAL join (see below). */
  distributed?: boolean;
  statuses: readonly ServiceRequestStatus[];
  type?: RequestType | undefined;
  /** Running requests due on this day (due_today) or before it (overdue). */
  due?: { on: string } | { before: string } | undefined;
  q?: string | undefined;
  limit: number;
  offset: number;
}

/** The officers' queue: requests of the scope's agencies, soonest due first, with the person's name. */
export async function findRequestQueue(db: Kysely<Database>, filter: RequestQueueFilter) {
  if (filter.scope.length === 0) return { rows: [], total: 0 };
  // The statuses as literals (the domain's values, never the caller's text) and the scope as one
  // array: the server's named prepared statements get a generic plan after a few runs, and only
  // literal statuses let that plan prove the partial index of the open requests (migration 0023);
  // with bound ones it sorted each agency's rows (64 ms against 1.2 ms on the 1M bench).
  const statuses = filter.statuses.map((status) => sql.lit(status));
  const inScope = sql<boolean>`r.agency_code = ANY(${sql.val(filter.scope)}::text[])`;
  let query = db
    .selectFrom('service_requests as r')
    .innerJoin('persons as p', 'p.bhxh_code', 'r.bhxh_code')
    .where(inScope)
    .where('r.status', 'in', statuses);
  if (filter.type) query = query.where('r.type', '=', filter.type);
  if (filter.due) {
    query = query.where('r.running_since', 'is not', null);
    query =
      'on' in filter.due
        ? query.where('r.due_on', '=', filter.due.on)
        : query.where('r.due_on', '<', filter.due.before);
  }
  const q = filter.q;
  if (q) {
    query = /^\d{10}$/.test(q)
      ? query.where('r.bhxh_code', '=', q)
      : q.startsWith('DVC.')
        ? query.where('r.number', '=', q)
        : query.where(sql<boolean>`lower(p.full_name) LIKE ${`%${q.toLocaleLowerCase('vi')}%`}`);
  }
  // The total needs the persons only for a search by name.
  const byName = q !== undefined && !/^\d{10}$/.test(q) && !q.startsWith('DVC.');
  let counted = db.selectFrom('service_requests as r').where(inScope).where('r.status', 'in', statuses);
  if (filter.type) counted = counted.where('r.type', '=', filter.type);
  if (filter.due) {
    counted = counted.where('r.running_since', 'is not', null);
    counted =
      'on' in filter.due
        ? counted.where('r.due_on', '=', filter.due.on)
        : counted.where('r.due_on', '<', filter.due.before);
  }
  if (q && !byName)
    counted = /^\d{10}$/.test(q) ? counted.where('r.bhxh_code', '=', q) : counted.where('r.number', '=', q);
  // Without a search text, each agency of the scope is read in its own due order (the partial
  // index of the open requests, migration 0023) and only the first `offset + limit` of each are
  // merged: a province's queue is some tens of rows read, not every open request of its offices
  // sorted (a million-person nation: a seq scan of the requests, 670 ms p95 under load).
  const columns = [
    'r.number',
    'r.type',
    'r.bhxh_code',
    'p.full_name',
    'r.agency_code',
    'r.status',
    'r.submitted_at',
    'r.due_on',
    'r.running_since',
  ] as const;
  // Each agency's open requests in due order, the first `offset + limit` of each.
  const firstOfAgency = (code: string | RawBuilder<string>) => {
    let perAgency = db
      .selectFrom('service_requests as s')
      .selectAll('s')
      .where('s.agency_code', '=', code)
      .where('s.status', 'in', statuses);
    if (filter.type) perAgency = perAgency.where('s.type', '=', filter.type);
    if (filter.due) {
      perAgency = perAgency.where('s.running_since', 'is not', null);
      perAgency =
        'on' in filter.due
          ? perAgency.where('s.due_on', '=', filter.due.on)
          : perAgency.where('s.due_on', '<', filter.due.before);
    }
    return perAgency
      .orderBy('s.due_on')
      .orderBy('s.submitted_at')
      .limit(filter.offset + filter.limit);
  };
  const total = counted.select((eb) => eb.fn.countAll<string>().as('n'));
  if (!q && !filter.distributed) {
    // One LATERAL join over the scope's codes (a province: 15 agencies, planned in about 1 ms),
    // and the page and the total in ONE statement: one round trip and one pooled connection a
    // page, as the bench's floor server does.
    const page = db
      .selectFrom(sql<{ code: string }>`(SELECT unnest(${sql.val(filter.scope)}::text[]) AS code)`.as('a'))
      .innerJoinLateral(
        () => firstOfAgency(sql.ref<string>('a.code')).as('r'),
        (join) => join.onTrue(),
      )
      .innerJoin('persons as p', 'p.bhxh_code', 'r.bhxh_code')
      .select(columns)
      .orderBy('r.due_on')
      .orderBy('r.submitted_at')
      .limit(filter.limit)
      .offset(filter.offset);
    const one = await db
      .selectNoFrom((eb) => [
        eb
          .selectFrom(page.as('page'))
          .select(
            sql<QueueRowJson[] | null>`json_agg(page ORDER BY page.due_on, page.submitted_at)`.as('items'),
          )
          .as('items'),
        total.as('n'),
      ])
      .executeTakeFirstOrThrow();
    return { rows: one.items ?? [], total: Number(one.n) };
  }
  const firstOfEach = () => {
    // Citus cannot plan a LATERAL join with a LIMIT inside over a distributed table (issue #28):
    // one UNION ALL branch per agency instead. PostgreSQL plans that about ten times slower (a
    // province's 15 branches: about 10 ms), so only on Citus.
    const [first, ...rest] = filter.scope;
    if (first === undefined) return Promise.resolve([]);
    const branch = (code: string) => db.selectFrom(firstOfAgency(code).as('b')).selectAll('b');
    const merged = rest.reduce((union, code) => union.unionAll(branch(code)), branch(first));
    return db
      .selectFrom(merged.as('r'))
      .innerJoin('persons as p', 'p.bhxh_code', 'r.bhxh_code')
      .select(columns)
      .orderBy('r.due_on')
      .orderBy('r.submitted_at')
      .limit(filter.limit)
      .offset(filter.offset)
      .execute();
  };
  const [rows, count] = await Promise.all([
    q
      ? query
          .select(columns)
          .orderBy('r.due_on')
          .orderBy('r.submitted_at')
          .limit(filter.limit)
          .offset(filter.offset)
          .execute()
      : firstOfEach(),
    byName
      ? query.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()
      : total.executeTakeFirstOrThrow(),
  ]);
  return { rows: rows as QueueRowJson[], total: Number(count.n) };
}

/** A row of the queue's page; from the one-statement path its times come as JSON text. */
interface QueueRowJson {
  number: string;
  type: RequestType;
  bhxh_code: string;
  full_name: string;
  agency_code: string;
  status: ServiceRequestStatus;
  submitted_at: Date | string;
  due_on: string;
  running_since: string | null;
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
