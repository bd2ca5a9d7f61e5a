import { type Insertable, type Kysely, type Selectable, sql } from 'kysely';
import type { Database } from '../../db/schema';
import type {
  RecordCorrectionTable,
  TicketAttachmentTable,
  TicketMessageTable,
  TicketTable,
} from '../../db/schema-notifications';

/** Support tickets: every statement of the support module. */

export type TicketRow = Selectable<TicketTable>;
type MessageRow = Selectable<TicketMessageTable> & { author_name: string | null };
type CorrectionRow = Selectable<RecordCorrectionTable>;
export type AttachmentRow = Selectable<TicketAttachmentTable>;

export async function findPerson(db: Kysely<Database>, bhxhCode: string) {
  return db
    .selectFrom('persons')
    .select(['bhxh_code', 'full_name', 'province_code'])
    .where('bhxh_code', '=', bhxhCode)
    .executeTakeFirst();
}

/** The person on record by BHXH code, with their phone and guardian (a ticket opened with an OTP). */
export async function findPersonContact(db: Kysely<Database>, bhxhCode: string) {
  return db
    .selectFrom('persons')
    .select(['bhxh_code', 'phone', 'guardian_bhxh_code', 'birth_date', 'birth_year'])
    .where('bhxh_code', '=', bhxhCode)
    .executeTakeFirst();
}

/**
 * The person whose phone on record this is (a ticket opened with an OTP). ASSUMPTION: a phone
 * shared in a family names the person who is nobody's ward, with an account first, then the
 * eldest; the BHXH code names one exactly.
 */
export async function findPersonByPhone(db: Kysely<Database>, phone: string) {
  return db
    .selectFrom('persons as p')
    .leftJoin('accounts as a', (j) =>
      j.onRef('a.bhxh_code', '=', 'p.bhxh_code').on('a.status', '<>', 'closed'),
    )
    .select(['p.bhxh_code', 'p.phone'])
    .where('p.phone', '=', phone)
    .orderBy(sql`p.guardian_bhxh_code IS NULL`, 'desc')
    .orderBy(sql`a.id IS NOT NULL`, 'desc')
    .orderBy('p.birth_year')
    .orderBy('p.bhxh_code')
    .limit(1)
    .executeTakeFirst();
}

/** The ticket a confirmed OTP challenge opened (a retried confirmation). */
export async function findTicketByChallenge(db: Kysely<Database>, challengeId: string) {
  return db.selectFrom('tickets').selectAll().where('otp_challenge', '=', challengeId).executeTakeFirst();
}

export async function findPeriod(db: Kysely<Database>, bhxhCode: string, id: string, forUpdate = false) {
  const q = db
    .selectFrom('participation_periods as pp')
    .leftJoin('employer_units as u', 'u.code', 'pp.unit_code')
    .select(['pp.id', 'pp.scheme', 'pp.from_month', 'pp.to_month', 'pp.salary', 'pp.unit_code', 'pp.status'])
    .select('u.managing_agency')
    .where('pp.bhxh_code', '=', bhxhCode)
    .where('pp.id', '=', id);
  return (forUpdate ? q.forUpdate('pp') : q).executeTakeFirst();
}

/** The person's agency: the provincial office of their province, else the national office. */
export async function findPersonAgency(
  db: Kysely<Database>,
  provinceCode: string | null,
): Promise<string | null> {
  const province = provinceCode
    ? await db
        .selectFrom('bhxh_agencies')
        .select('code')
        .where('level', '=', 'province')
        .where('province_code', '=', provinceCode)
        .orderBy('code')
        .executeTakeFirst()
    : undefined;
  if (province) return province.code;
  const central = await db
    .selectFrom('bhxh_agencies')
    .select('code')
    .where('level', '=', 'central')
    .orderBy('code')
    .executeTakeFirst();
  return central?.code ?? null;
}

/** An agency and its local offices (an officer's queue). */
export async function findAgencyAndChildren(db: Kysely<Database>, code: string): Promise<string[]> {
  const rows = await db
    .selectFrom('bhxh_agencies')
    .select('code')
    .where((eb) => eb.or([eb('code', '=', code), eb('parent_code', '=', code)]))
    .execute();
  return rows.map((r) => r.code);
}

export async function insertTicket(db: Kysely<Database>, row: Insertable<TicketTable>): Promise<TicketRow> {
  return db.insertInto('tickets').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function listTicketsOfPerson(db: Kysely<Database>, bhxhCode: string): Promise<TicketRow[]> {
  return db
    .selectFrom('tickets')
    .selectAll()
    .where('bhxh_code', '=', bhxhCode)
    .orderBy('created_at', 'desc')
    .limit(100)
    .execute();
}

export async function findTicket(
  db: Kysely<Database>,
  id: string,
  forUpdate = false,
): Promise<TicketRow | undefined> {
  const q = db.selectFrom('tickets').selectAll().where('id', '=', id);
  return (forUpdate ? q.forUpdate() : q).executeTakeFirst();
}

export async function listQueue(
  db: Kysely<Database>,
  agencies: string[],
  status: TicketRow['status'] | undefined,
): Promise<TicketRow[]> {
  if (!agencies.length) return [];
  let q = db.selectFrom('tickets').selectAll().where('agency_code', 'in', agencies);
  q = status ? q.where('status', '=', status) : q.where('status', '!=', 'closed');
  // Waiting for the agency first (new, or written to again by the person), then the answered.
  return q
    .orderBy(sql`status = 'open'`, 'desc')
    .orderBy('resolution_due')
    .orderBy('id')
    .limit(200)
    .execute();
}

/** The tickets of these agencies the person opened or wrote to since an officer last looked. */
export async function countUnread(db: Kysely<Database>, agencies: string[]): Promise<number> {
  if (!agencies.length) return 0;
  const row = await db
    .selectFrom('tickets')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('agency_code', 'in', agencies)
    .where('unread_by_officers', '=', true)
    .where('status', '<>', 'closed')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function updateTicket(
  db: Kysely<Database>,
  ticket: TicketRow,
  change: Partial<
    Pick<TicketRow, 'status' | 'first_answered_at' | 'closed_at' | 'unread_by_officers' | 'resolution_due'>
  > & { rating?: number },
): Promise<void> {
  await db
    .updateTable('tickets')
    .set(change)
    .where('bhxh_code', '=', ticket.bhxh_code)
    .where('id', '=', ticket.id)
    .execute();
}

export async function insertTicketMessage(
  db: Kysely<Database>,
  ticket: TicketRow,
  author: MessageRow['author'],
  authorAccount: string | null,
  text: string,
): Promise<string> {
  const row = await db
    .insertInto('ticket_messages')
    .values({
      bhxh_code: ticket.bhxh_code,
      ticket_id: ticket.id,
      author,
      author_account: authorAccount,
      text,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function insertAttachments(
  db: Kysely<Database>,
  rows: Insertable<TicketAttachmentTable>[],
): Promise<void> {
  if (rows.length) await db.insertInto('ticket_attachments').values(rows).execute();
}

export async function listAttachments(db: Kysely<Database>, ticket: TicketRow): Promise<AttachmentRow[]> {
  return db
    .selectFrom('ticket_attachments')
    .selectAll()
    .where('bhxh_code', '=', ticket.bhxh_code)
    .where('ticket_id', '=', ticket.id)
    .orderBy('id')
    .execute();
}

export async function findAttachment(
  db: Kysely<Database>,
  ticket: TicketRow,
  id: string,
): Promise<AttachmentRow | undefined> {
  return db
    .selectFrom('ticket_attachments')
    .selectAll()
    .where('bhxh_code', '=', ticket.bhxh_code)
    .where('ticket_id', '=', ticket.id)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function listTicketMessages(db: Kysely<Database>, ticket: TicketRow): Promise<MessageRow[]> {
  return db
    .selectFrom('ticket_messages as m')
    .leftJoin('accounts as a', 'a.id', 'm.author_account')
    .selectAll('m')
    .select('a.display_name as author_name')
    .where('m.bhxh_code', '=', ticket.bhxh_code)
    .where('m.ticket_id', '=', ticket.id)
    .orderBy('m.id')
    .execute();
}

export async function listCorrections(db: Kysely<Database>, ticket: TicketRow): Promise<CorrectionRow[]> {
  return db
    .selectFrom('record_corrections')
    .selectAll()
    .where('bhxh_code', '=', ticket.bhxh_code)
    .where('ticket_id', '=', ticket.id)
    .orderBy('id')
    .execute();
}

export async function insertCorrection(
  db: Kysely<Database>,
  row: Omit<CorrectionRow, 'id' | 'created_at'>,
): Promise<void> {
  await db.insertInto('record_corrections').values(row).execute();
}
