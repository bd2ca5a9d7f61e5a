import { type Kysely, type Selectable, sql } from 'kysely';
import type { Database } from '../../db/schema';
import type { RecordCorrectionTable, TicketMessageTable, TicketTable } from '../../db/schema-notifications';

/** Support tickets: every statement of the support module. */

export type TicketRow = Selectable<TicketTable>;
type MessageRow = Selectable<TicketMessageTable> & { author_name: string | null };
type CorrectionRow = Selectable<RecordCorrectionTable>;

export async function findPerson(db: Kysely<Database>, bhxhCode: string) {
  return db
    .selectFrom('persons')
    .select(['bhxh_code', 'full_name', 'province_code'])
    .where('bhxh_code', '=', bhxhCode)
    .executeTakeFirst();
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

export async function insertTicket(
  db: Kysely<Database>,
  row: Omit<TicketRow, 'id' | 'status' | 'first_answered_at' | 'closed_at' | 'rating' | 'created_at'>,
): Promise<TicketRow> {
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
  return q.orderBy('resolution_due').orderBy('id').limit(200).execute();
}

export async function updateTicket(
  db: Kysely<Database>,
  ticket: TicketRow,
  change: Partial<Pick<TicketRow, 'status' | 'first_answered_at' | 'closed_at'>> & { rating?: number },
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
): Promise<void> {
  await db
    .insertInto('ticket_messages')
    .values({
      bhxh_code: ticket.bhxh_code,
      ticket_id: ticket.id,
      author,
      author_account: authorAccount,
      text,
    })
    .execute();
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

const COLUMNS = { fromMonth: 'from_month', toMonth: 'to_month', salary: 'salary' } as const;

/** Sets one field of a participation period (the amounts of the period are the agency's to recompute). */
export async function updatePeriodField(
  db: Kysely<Database>,
  bhxhCode: string,
  id: string,
  field: keyof typeof COLUMNS,
  value: string | number,
): Promise<void> {
  await db
    .updateTable('participation_periods')
    .set({ [COLUMNS[field]]: field === 'salary' ? value : sql`${value}::date` })
    .where('bhxh_code', '=', bhxhCode)
    .where('id', '=', id)
    .execute();
}
