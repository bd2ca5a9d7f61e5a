import type { ColumnType, Generated, JSONColumnType } from 'kysely';

/** Tables of migration 0024 (payments, issue #26). `bigint` columns arrive as strings. */
export interface PaymentTables {
  payments: PaymentTable;
  payment_notifications: PaymentNotificationTable;
  payment_reconciliation_runs: PaymentReconciliationRunTable;
  payment_differences: PaymentDifferenceTable;
}

export type PaymentStatus = 'pending' | 'paid' | 'failed' | 'cancelled' | 'expired';
export type PaymentDifferenceKind =
  'missing_ours' | 'missing_theirs' | 'amount_mismatch' | 'state_mismatch' | 'refund_due';

export interface PaymentTable {
  bhxh_code: string;
  id: string;
  txn_ref: string;
  purpose: string;
  reference_id: string;
  amount_vnd: ColumnType<string, number, never>;
  order_info: string;
  locale: string;
  return_path: string;
  status: ColumnType<PaymentStatus, PaymentStatus | undefined, PaymentStatus>;
  refund_due: ColumnType<boolean, boolean | undefined, boolean>;
  created_at: ColumnType<Date, Date | undefined, never>;
  expires_at: Date;
  settled_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  gateway_txn_no: ColumnType<string | null, string | null | undefined, string | null>;
  gateway_response_code: ColumnType<string | null, string | null | undefined, string | null>;
  bank_code: ColumnType<string | null, string | null | undefined, string | null>;
  gateway_pay_date: ColumnType<string | null, string | null | undefined, string | null>;
  idempotency_key: ColumnType<string | null, string | null | undefined, never>;
}

export interface PaymentNotificationTable {
  id: Generated<string>;
  received_at: ColumnType<Date, never, never>;
  txn_ref: string | null;
  bhxh_code: string | null;
  payment_id: string | null;
  rsp_code: string;
  params: JSONColumnType<Record<string, string>, Record<string, string>, never>;
  ip: string | null;
}

export interface PaymentReconciliationRunTable {
  run_date: string;
  ran_at: ColumnType<Date, never, never>;
  gateway_count: number;
  our_count: number;
  differences: number;
}

export interface PaymentDifferenceTable {
  id: Generated<string>;
  run_date: string;
  kind: PaymentDifferenceKind;
  txn_ref: string;
  bhxh_code: string | null;
  payment_id: string | null;
  province_code: string | null;
  our_amount_vnd: ColumnType<string | null, number | null, never>;
  their_amount_vnd: ColumnType<string | null, number | null, never>;
  our_status: string | null;
  their_status: string | null;
  detected_at: ColumnType<Date, never, never>;
  resolved_at: ColumnType<Date | null, never, Date>;
  resolved_by: ColumnType<string | null, never, string>;
  resolution_note: ColumnType<string | null, never, string>;
}
