import type { ColumnType, Generated, JSONColumnType } from 'kysely';

/** Tables of migration 0018 (the clinic gateway, issue #24). */
export interface GatewayTables {
  clinic_gateway_credentials: ClinicGatewayCredentialTable;
  clinic_gateway_keys: ClinicGatewayKeyTable;
  clinic_clerks: ClinicClerkTable;
  clinic_card_checks: ClinicCardCheckTable;
  clinic_visit_files: ClinicVisitFileTable;
}

export interface ClinicGatewayCredentialTable {
  clinic_code: string;
  username: string;
  password_hash: string;
  version: Generated<number>;
  rotated_at: ColumnType<Date, Date | string | undefined, Date | string>;
  rotated_by: string;
}

export interface ClinicGatewayKeyTable {
  kid: string;
  secret: Buffer;
  created_at: ColumnType<Date, Date | string | undefined, never>;
}

export interface ClinicClerkTable {
  clinic_code: string;
  cccd: string;
  full_name: string;
  registered_at: ColumnType<Date, Date | string | undefined, Date | string>;
  registered_by: string;
  removed_at: Date | null;
}

export interface ClinicCardCheckTable {
  clinic_code: string;
  id: Generated<string>;
  checked_at: ColumnType<Date, Date | string | undefined, never>;
  bhxh_code: string | null;
  query_code: string;
  result_code: string;
  clerk_cccd: string;
  clerk_name: string;
  channel: 'gateway' | 'screen';
}

export interface VisitFileError {
  file: string;
  field: string;
  code: string;
  message: string;
}

export interface ClinicVisitFileTable {
  clinic_code: string;
  ma_lk: string;
  transaction_code: string;
  received_at: ColumnType<Date, Date | string | undefined, Date | string>;
  bhxh_code: string | null;
  status: 'accepted' | 'rejected';
  file_types: string[];
  size_bytes: number;
  errors: JSONColumnType<VisitFileError[]>;
  submissions: Generated<number>;
}
