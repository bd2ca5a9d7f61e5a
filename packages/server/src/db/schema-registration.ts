import type { ColumnType, JSONColumnType } from 'kysely';
import type { DossierStatus } from '@vssid/domain';

/** Tables of migration 0007 (registration dossiers). `bigint` ids are read as strings. */
export interface RegistrationTables {
  dossier_sequences: DossierSequenceTable;
  dossiers: DossierTable;
  dossier_actions: DossierActionTable;
  dossier_files: DossierFileTable;
  dossier_pdfs: DossierPdfTable;
  bulk_imports: BulkImportTable;
  bulk_import_rows: BulkImportRowTable;
  registration_targets: RegistrationTargetTable;
}

type Json = JSONColumnType<
  Record<string, unknown>,
  Record<string, unknown> | undefined,
  Record<string, unknown>
>;

export interface DossierSequenceTable {
  agency_code: string;
  year: number;
  last_value: number;
}

export interface DossierTable {
  bhxh_code: string;
  id: string;
  number: string;
  kind: 'self' | 'child' | 'bulk';
  agency_code: string;
  guardian_bhxh_code: string | null;
  declared: Json;
  registry_check: Json;
  delivery: 'counter' | 'post';
  status: DossierStatus;
  submitted_at: ColumnType<Date, Date | undefined, Date>;
  deadline_at: Date;
  idempotency_key: string;
  bulk_import_id: string | null;
}

export interface DossierActionTable {
  bhxh_code: string;
  dossier_id: string;
  seq: number;
  action: string;
  actor_type: 'citizen' | 'officer' | 'agency_admin' | 'employer' | 'system';
  actor_id: string | null;
  at: ColumnType<Date, Date | undefined, never>;
  reason_code: string | null;
  reason_text: string | null;
  details: Json;
}

/** Migration 0014: the stored Form 01 PDF of a dossier, per language. */
export interface DossierPdfTable {
  bhxh_code: string;
  dossier_id: string;
  language: string;
  byte_size: number;
  sha256: string;
  created_at: ColumnType<Date, Date | undefined, never>;
}

export interface DossierFileTable {
  bhxh_code: string;
  dossier_id: string;
  kind: 'portrait' | 'id_front' | 'id_back' | 'birth_certificate';
  content_type: string;
  byte_size: number;
  width: number;
  height: number;
  sha256: string;
}

export interface BulkImportTable {
  id: string;
  agency_code: string;
  unit_code: string | null;
  file_name: string;
  created_by: string;
  created_at: ColumnType<Date, Date | undefined, never>;
  total_rows: ColumnType<number, number | undefined, number>;
  processed: ColumnType<number, number | undefined, number>;
  status: 'validating' | 'validated' | 'creating' | 'done' | 'failed';
}

export interface BulkImportRowTable {
  import_id: string;
  row_number: number;
  data: Json;
  errors: JSONColumnType<unknown[], unknown[] | undefined, unknown[]>;
  dossier_number: string | null;
}

export interface RegistrationTargetTable {
  agency_code: string;
  year: number;
  target: number;
}
