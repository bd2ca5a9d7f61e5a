import type { ColumnType, Generated, JSONColumnType } from 'kysely';
import type { SessionEndReason } from '@vssid/domain';
import type { Role } from '../modules/auth/guard';

/** Tables of migration 0003 (accounts and sessions). `bigint` ids are read as strings. */
export interface AuthTables {
  accounts: AccountTable;
  devices: DeviceTable;
  sessions: SessionTable;
  refresh_tokens: RefreshTokenTable;
  otp_challenges: OtpChallengeTable;
  passkeys: PasskeyTable;
  webauthn_challenges: WebauthnChallengeTable;
  account_identities: AccountIdentityTable;
  rate_counters: RateCounterTable;
  token_keys: TokenKeyTable;
  idempotent_requests: IdempotentRequestTable;
}

export type { SessionEndReason };
export type SignInMethod = 'password' | 'otp' | 'passkey' | 'vneid';
export type OtpPurpose =
  | 'new_device'
  | 'staff_sign_in'
  | 'password_change'
  | 'password_reset'
  | 'lookup'
  | 'dossier_withdrawal'
  | 'phone_change'
  | 'support_ticket';
/** `closed`: the person stopped using e-transactions (issue #23); the row and its history are kept. */
export type AccountStatus = 'active' | 'disabled' | 'closed';

export interface AccountTable {
  id: Generated<string>;
  role: Role;
  username: string;
  bhxh_code: string | null;
  agency_code: string | null;
  unit_code: string | null;
  clinic_code: string | null;
  display_name: string;
  phone: string | null;
  email: string | null;
  password_hash: string;
  password_changed_at: ColumnType<Date, Date | undefined, Date>;
  must_change_password: ColumnType<boolean, boolean | undefined, boolean>;
  status: ColumnType<AccountStatus, AccountStatus | undefined, AccountStatus>;
  /** When the person stopped using e-transactions (status `closed`; migration 0020). */
  closed_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  failed_attempts: ColumnType<number, number | undefined, number>;
  lockouts: ColumnType<number, number | undefined, number>;
  locked_until: ColumnType<Date | null, Date | null | undefined, Date | null>;
  language: ColumnType<string, string | undefined, string>;
  created_at: ColumnType<Date, never, never>;
  created_by: string | null;
  /** Employer users: the unit's admin (true) or unit staff (migration 0026). */
  unit_admin: ColumnType<boolean, boolean | undefined, boolean>;
}

export interface DeviceTable {
  account_id: string;
  id: string;
  label: string;
  first_seen_at: ColumnType<Date, Date | undefined, never>;
  last_seen_at: ColumnType<Date, Date | undefined, Date>;
  trusted_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
}

export interface SessionTable {
  id: string;
  account_id: string;
  device_id: string;
  method: SignInMethod;
  created_at: ColumnType<Date, Date | undefined, never>;
  last_seen_at: ColumnType<Date, Date | undefined, Date>;
  expires_at: Date;
  ended_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  end_reason: ColumnType<
    SessionEndReason | null,
    SessionEndReason | null | undefined,
    SessionEndReason | null
  >;
  ip: string | null;
  user_agent: string | null;
}

export interface RefreshTokenTable {
  token_hash: Buffer;
  session_id: string;
  created_at: ColumnType<Date, Date | undefined, never>;
  used_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
}

export interface OtpChallengeTable {
  id: string;
  account_id: string | null;
  purpose: OtpPurpose;
  code_hash: Buffer;
  channel: 'sms' | 'email';
  destination: string;
  context: JSONColumnType<
    Record<string, unknown>,
    Record<string, unknown> | undefined,
    Record<string, unknown>
  >;
  created_at: ColumnType<Date, Date | undefined, never>;
  expires_at: Date;
  resend_available_at: Date;
  sends: ColumnType<number, number | undefined, number>;
  attempts: ColumnType<number, number | undefined, number>;
  consumed_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  superseded_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
}

export interface PasskeyTable {
  id: string;
  account_id: string;
  public_key: Buffer;
  counter: ColumnType<string, number | string | undefined, number | string>;
  transports: ColumnType<string[], string[] | undefined, string[]>;
  device_type: string;
  backed_up: ColumnType<boolean, boolean | undefined, boolean>;
  name: string;
  created_at: ColumnType<Date, Date | undefined, never>;
  last_used_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
}

export interface WebauthnChallengeTable {
  id: string;
  account_id: string | null;
  kind: 'registration' | 'authentication';
  challenge: string;
  expires_at: Date;
  used_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
}

export interface AccountIdentityTable {
  provider: string;
  subject: string;
  account_id: string;
  linked_at: ColumnType<Date, Date | undefined, never>;
}

/** Migration 0015: officer actions by Idempotency-Key (http/idempotency.ts). */
export interface IdempotentRequestTable {
  account_id: string;
  key: string;
  request_hash: string;
  status: number | null;
  response: string | null;
  created_at: ColumnType<Date, Date | undefined, Date>;
}

export interface RateCounterTable {
  key: string;
  window_start: Date;
  count: number;
}

export interface TokenKeyTable {
  kid: string;
  secret: Buffer;
  created_at: ColumnType<Date, Date | undefined, never>;
}
