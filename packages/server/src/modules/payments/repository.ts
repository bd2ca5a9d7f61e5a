import { type Kysely, type Selectable, sql } from 'kysely';
import type { Database } from '../../db/schema';
import type {
  PaymentDifferenceKind,
  PaymentDifferenceTable,
  PaymentStatus,
  PaymentTable,
} from '../../db/schema-payments';

export type PaymentRow = Selectable<PaymentTable>;
export type DifferenceRow = Selectable<PaymentDifferenceTable> & { full_name: string | null };

export async function insertPayment(
  db: Kysely<Database>,
  row: {
    bhxh_code: string;
    id: string;
    txn_ref: string;
    purpose: string;
    reference_id: string;
    amount_vnd: number;
    order_info: string;
    locale: string;
    return_path: string;
    expires_at: Date;
    created_at: Date;
  },
): Promise<PaymentRow> {
  return db.insertInto('payments').values(row).returningAll().executeTakeFirstOrThrow();
}

export function findPayment(db: Kysely<Database>, bhxhCode: string, id: string) {
  return db
    .selectFrom('payments')
    .selectAll()
    .where('bhxh_code', '=', bhxhCode)
    .where('id', '=', id)
    .executeTakeFirst();
}

export function findPaymentByTxnRef(db: Kysely<Database>, txnRef: string) {
  return db.selectFrom('payments').selectAll().where('txn_ref', '=', txnRef).executeTakeFirst();
}

/** The payment of `txnRef`, locked until the transaction ends (one notification at a time). */
export function lockPaymentByTxnRef(db: Kysely<Database>, txnRef: string) {
  return db.selectFrom('payments').selectAll().where('txn_ref', '=', txnRef).forUpdate().executeTakeFirst();
}

/** The newest payment of a thing paid for still pending and open at the gateway after `openAfter`. */
export function findOpenPaymentOf(
  db: Kysely<Database>,
  purpose: string,
  referenceId: string,
  openAfter: Date,
) {
  return db
    .selectFrom('payments')
    .selectAll()
    .where('purpose', '=', purpose)
    .where('reference_id', '=', referenceId)
    .where('status', '=', 'pending')
    .where('expires_at', '>', openAfter)
    .orderBy('created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export function listPaymentsOf(db: Kysely<Database>, bhxhCode: string, limit: number) {
  return db
    .selectFrom('payments')
    .selectAll()
    .where('bhxh_code', '=', bhxhCode)
    .orderBy('created_at', 'desc')
    .limit(limit)
    .execute();
}

/** The payments of one thing paid for (a service request, issue #26), newest first. */
export function findPaymentsOfReference(db: Kysely<Database>, purpose: string, referenceId: string) {
  return db
    .selectFrom('payments')
    .selectAll()
    .where('purpose', '=', purpose)
    .where('reference_id', '=', referenceId)
    .orderBy('created_at', 'desc')
    .execute();
}

export async function settlePayment(
  db: Kysely<Database>,
  payment: PaymentRow,
  change: {
    status: PaymentStatus;
    refund_due: boolean;
    settled_at: Date;
    gateway_txn_no: string | null;
    gateway_response_code: string | null;
    bank_code: string | null;
    gateway_pay_date: string | null;
  },
): Promise<PaymentRow> {
  return db
    .updateTable('payments')
    .set(change)
    .where('bhxh_code', '=', payment.bhxh_code)
    .where('id', '=', payment.id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function insertNotification(
  db: Kysely<Database>,
  row: {
    txn_ref: string | null;
    bhxh_code: string | null;
    payment_id: string | null;
    rsp_code: string;
    params: Record<string, string>;
    ip: string | null;
  },
): Promise<void> {
  await db.insertInto('payment_notifications').values(row).execute();
}

export async function findProvinceOf(db: Kysely<Database>, bhxhCode: string): Promise<string | null> {
  const row = await db
    .selectFrom('persons')
    .select('province_code')
    .where('bhxh_code', '=', bhxhCode)
    .executeTakeFirst();
  return row?.province_code ?? null;
}

export function findPersonName(db: Kysely<Database>, bhxhCode: string) {
  return db
    .selectFrom('persons')
    .select(['full_name', 'province_code'])
    .where('bhxh_code', '=', bhxhCode)
    .executeTakeFirst();
}

export interface NewDifference {
  run_date: string;
  kind: PaymentDifferenceKind;
  txn_ref: string;
  bhxh_code: string | null;
  payment_id: string | null;
  province_code: string | null;
  our_amount_vnd: number | null;
  their_amount_vnd: number | null;
  our_status: string | null;
  their_status: string | null;
}

/** Records differences; one already recorded (same reference, kind and day) stays as it was. */
export async function insertDifferences(db: Kysely<Database>, rows: NewDifference[]): Promise<number> {
  if (!rows.length) return 0;
  const result = await db
    .insertInto('payment_differences')
    .values(rows)
    .onConflict((oc) => oc.columns(['txn_ref', 'kind', 'run_date']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0);
}

/** Claims a day's reconciliation: false when another pass has already done it. */
export async function claimReconciliationRun(
  db: Kysely<Database>,
  row: { run_date: string; gateway_count: number; our_count: number; differences: number },
): Promise<boolean> {
  const result = await db
    .insertInto('payment_reconciliation_runs')
    .values(row)
    .onConflict((oc) => oc.column('run_date').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}

export async function hasReconciliationRun(db: Kysely<Database>, day: string): Promise<boolean> {
  const row = await db
    .selectFrom('payment_reconciliation_runs')
    .select('run_date')
    .where('run_date', '=', day)
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * Our payments that a day's reconciliation asks the gateway about: those created in
 * [`from`, `to`) (the day, GMT+7) and those created before it still pending.
 */
export function findPaymentsForReconciliation(db: Kysely<Database>, from: Date, to: Date) {
  return db
    .selectFrom('payments')
    .selectAll()
    .where('created_at', '<', to)
    .where((eb) => eb.or([eb('created_at', '>=', from), eb('status', '=', 'pending')]))
    .orderBy('created_at')
    .execute();
}

/** Pending payments past their expiry without money: expired. */
export async function expirePayments(db: Kysely<Database>, before: Date) {
  const result = await db
    .updateTable('payments')
    .set({ status: 'expired', settled_at: sql<Date>`now()` })
    .where('status', '=', 'pending')
    .where('expires_at', '<', before)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** The provinces an officer's agency covers; `all` for the central office. */
export async function agencyProvinces(
  db: Kysely<Database>,
  agencyCode: string,
): Promise<{ all: boolean; provinces: string[] }> {
  const rows = await sql<{ province_code: string; level: string }>`
    WITH RECURSIVE scope(code) AS (
      SELECT code FROM bhxh_agencies WHERE code = ${agencyCode}
      UNION
      SELECT a.code FROM bhxh_agencies a JOIN scope s ON a.parent_code = s.code
    )
    SELECT DISTINCT a.province_code, a.level FROM bhxh_agencies a JOIN scope s ON s.code = a.code`.execute(
    db,
  );
  return {
    all: rows.rows.some((r) => r.level === 'central'),
    provinces: [...new Set(rows.rows.map((r) => r.province_code))],
  };
}

export function listDifferences(
  db: Kysely<Database>,
  scope: { all: boolean; provinces: string[] },
  state: 'open' | 'resolved',
  limit: number,
): Promise<DifferenceRow[]> {
  return db
    .selectFrom('payment_differences as d')
    .leftJoin('persons as p', 'p.bhxh_code', 'd.bhxh_code')
    .selectAll('d')
    .select('p.full_name')
    .$if(!scope.all, (qb) =>
      qb.where('d.province_code', 'in', scope.provinces.length ? scope.provinces : ['']),
    )
    .where('d.resolved_at', state === 'open' ? 'is' : 'is not', null)
    .orderBy('d.detected_at', 'desc')
    .orderBy('d.id', 'desc')
    .limit(limit)
    .execute();
}

export function findDifference(db: Kysely<Database>, id: string) {
  return db.selectFrom('payment_differences').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function resolveDifference(db: Kysely<Database>, id: string, by: string, note: string) {
  return db
    .updateTable('payment_differences')
    .set({ resolved_at: new Date(), resolved_by: by, resolution_note: note })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}
