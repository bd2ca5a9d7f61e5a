import type { ColumnType, JSONColumnType } from 'kysely';
import type { ServiceRequestStatus, ServiceType } from '@vssid/domain/service-requests';

/** Tables of migration 0017 (online public services, issue 23). Dates are `yyyy-mm-dd` strings. */
export interface ServiceRequestTables {
  service_request_sequences: { agency_code: string; year: number; last_value: number };
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
  type: ServiceType;
  agency_code: string;
  filed_by_bhxh_code: string;
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
