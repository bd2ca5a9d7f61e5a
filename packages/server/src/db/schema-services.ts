import type { ColumnType, Generated, JSONColumnType } from 'kysely';
import type { RequestType, ServiceRequestStatus } from '@vssid/domain/service-requests';

/** Tables of migration 0017 (online public services, issue 23). Dates are `yyyy-mm-dd` strings. */
export interface ServiceRequestTables {
  unit_payments: UnitPaymentTable;
  bhxh_code_sequences: { province_code: string; last_value: number };
  contribution_notice_runs: {
    month: IsoDate;
    started_at: ColumnType<Date, Date | undefined, Date>;
    finished_at: Date | null;
    notices: ColumnType<number, number | undefined, number>;
  };
  service_request_sequences: { agency_code: string; year: number; last_value: number };
  /** Requests per agency, status and type, moved with each request (migration 0032). */
  service_request_tallies: {
    agency_code: string;
    status: ServiceRequestStatus;
    type: RequestType;
    n: number;
  };
  service_requests: ServiceRequestTable;
  service_request_actions: ServiceRequestActionTable;
  service_request_files: ServiceRequestFileTable;
}

type Json = JSONColumnType<
  Record<string, unknown>,
  Record<string, unknown> | undefined,
  Record<string, unknown>
>;
type IsoDate = ColumnType<string, string, string>;

export interface ServiceRequestTable {
  bhxh_code: string;
  id: string;
  number: string;
  type: RequestType;
  agency_code: string;
  /** The person who filed it; null for a unit's declaration (migration 0027). */
  filed_by_bhxh_code: string | null;
  /** The unit that filed a declaration (migration 0027). */
  filed_by_unit_code: ColumnType<string | null, string | null | undefined, string | null>;
  form: Json;
  status: ServiceRequestStatus;
  submitted_at: ColumnType<Date, Date | undefined, Date>;
  working_days: number;
  used_days: ColumnType<number, number | undefined, number>;
  running_since: IsoDate | null;
  due_on: IsoDate;
  decided_at: Date | null;
  result_applied_at: Date | null;
  idempotency_key: string;
}

export interface ServiceRequestActionTable {
  bhxh_code: string;
  request_id: string;
  seq: number;
  action: string;
  actor_type: 'citizen' | 'officer' | 'agency_admin' | 'employer' | 'system';
  actor_id: string | null;
  at: ColumnType<Date, Date | undefined, never>;
  reason_code: string | null;
  reason_text: string | null;
  details: Json;
  idempotency_key: string | null;
}

export interface ServiceRequestFileTable {
  bhxh_code: string;
  request_id: string;
  seq: number;
  position: number;
  kind: 'evidence' | 'portrait';
  content_type: string;
  byte_size: number;
  sha256: string;
}

/** A payment received from a unit (migration 0027): the ledger the monthly statement reads. */
export interface UnitPaymentTable {
  unit_code: string;
  id: Generated<string>;
  paid_on: IsoDate;
  amount: ColumnType<string, number | string, never>;
  reference: string;
}
