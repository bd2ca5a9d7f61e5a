import type { ColumnType } from 'kysely';

/** Tables of migrations 0004 and 0010 (look-ups): state shared by every API node. */
export interface LookupTables {
  lookup_challenges: LookupChallengeTable;
  lookup_rate_counters: LookupRateCounterTable;
  lookup_match_tokens: LookupMatchTokenTable;
  catalog_versions: CatalogVersionTable;
}

/** The version of each directory held in memory, moved by a trigger on every change (0010). */
export interface CatalogVersionTable {
  catalog: 'bhxh_agencies' | 'clinics' | 'collection_agents' | 'employer_units';
  /** bigint: pg gives it as a string. */
  version: ColumnType<string, never, never>;
}

export interface LookupChallengeTable {
  id: string;
  /** 32 hexadecimal digits. */
  salt: string;
  bits: number;
  expires_at: ColumnType<Date, Date, never>;
}

export interface LookupRateCounterTable {
  bucket: string;
  window_start: ColumnType<Date, Date, never>;
  window_end: ColumnType<Date, Date, never>;
  hits: number;
}

export interface LookupMatchTokenTable {
  token: string;
  bhxh_code: string;
  expires_at: ColumnType<Date, Date, never>;
  sms_sent_at: ColumnType<Date | null, never, Date | null>;
}
