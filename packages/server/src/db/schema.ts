import type { ColumnType, Generated, JSONColumnType } from 'kysely';

/** Kysely's view of the tables. Each migration that adds a table adds its interface here. */
export interface Database {
  schema_migrations: SchemaMigrationTable;
  audit_log: AuditLogTable;
  outbox: OutboxTable;
}

export interface SchemaMigrationTable {
  id: string;
  checksum: string;
  applied_at: ColumnType<Date, never, never>;
}

export interface AuditLogTable {
  id: Generated<string>;
  at: ColumnType<Date, never, never>;
  actor_type: 'citizen' | 'officer' | 'agency_admin' | 'employer' | 'clinic' | 'system' | 'anonymous';
  actor_id: string | null;
  /** The person whose data was read or changed, when there is one ("who viewed my data"). */
  subject_bhxh_code: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  purpose: string | null;
  ip: string | null;
  request_id: string | null;
  details: JSONColumnType<Record<string, unknown>, Record<string, unknown> | undefined, never>;
}

export type OutboxChannel = 'sms' | 'email' | 'push';

export interface OutboxTable {
  id: Generated<string>;
  /** Unique per logical message, so a retried cause cannot enqueue it twice. */
  idempotency_key: string;
  channel: OutboxChannel;
  recipient: string;
  template: string;
  language: string;
  payload: JSONColumnType<Record<string, unknown>, Record<string, unknown>, Record<string, unknown>>;
  created_at: ColumnType<Date, never, never>;
  available_at: ColumnType<Date, Date | undefined, Date>;
  attempts: ColumnType<number, never, number>;
  delivered_at: ColumnType<Date | null, never, Date | null>;
  last_error: ColumnType<string | null, never, string | null>;
}
