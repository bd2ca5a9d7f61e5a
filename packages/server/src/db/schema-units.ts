import type { ColumnType, JSONColumnType } from 'kysely';

/** Tables of migration 0026 (issue #27: the unit's people and their registration batches). */
export interface UnitTables {
  unit_batches: UnitBatchTable;
  unit_person_data: UnitPersonDataTable;
}

export interface UnitBatchTable {
  id: string;
  unit_code: string;
  agency_code: string;
  created_by: string;
  created_at: ColumnType<Date, never, never>;
  total: number;
  processed: ColumnType<number, number | undefined, number>;
  status: 'running' | 'done';
  finished_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
}

/** What the unit completed for one person: ID number, address, phone, email. */
export interface UnitPersonFields {
  idNumber: string;
  address: { provinceCode: string; communeCode: string; line: string };
  phone: string;
  email?: string | undefined;
}

/** The stored photos of one person, by kind: the cleaned file's hash and size. */
export type UnitPersonPhotos = Record<
  'portrait' | 'id_front' | 'id_back',
  { sha256: string; byteSize: number; width: number; height: number }
>;

export interface UnitPersonDataTable {
  bhxh_code: string;
  unit_code: string;
  data: JSONColumnType<UnitPersonFields>;
  photos: JSONColumnType<UnitPersonPhotos>;
  updated_by: string;
  updated_at: ColumnType<Date, Date | undefined, Date>;
  batch_id: string | null;
  dossier_number: string | null;
  error_code: string | null;
  processed_at: Date | null;
}
