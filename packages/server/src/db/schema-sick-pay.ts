import type { ColumnType, JSONColumnType } from 'kysely';

/** Tables of migration 0028 (sick-pay claims, dossier 630a, issue #27). Dates are `yyyy-mm-dd`. */
export interface SickPayTables {
  sick_pay_batches: SickPayBatchTable;
  sick_pay_claims: SickPayClaimTable;
}

type IsoDate = ColumnType<string, string, string>;
type Bigint = ColumnType<string, number | string, number | string>;

export interface SickPayBatchTable {
  id: string;
  number: string;
  unit_code: string;
  agency_code: string;
  /** The unit user's account. */
  submitted_by: string;
  submitted_at: Date;
  claim_count: number;
  payload_hash: string;
  signature: JSONColumnType<Record<string, unknown>, Record<string, unknown>, Record<string, unknown>>;
  idempotency_key: string;
}

export interface SickPayClaimTable {
  bhxh_code: string;
  request_id: string;
  batch_id: string;
  unit_code: string;
  ma_lk: string;
  certificate_number: string;
  leave_from: IsoDate;
  leave_to: IsoDate;
  heavy_work: boolean;
  active: ColumnType<boolean, boolean | undefined, boolean>;
  paid_days: number | null;
  amount: Bigint | null;
  benefit_id: string | null;
}
