import type { ColumnType, Generated, JSONColumnType } from 'kysely';
import type { AuditAction } from '@vssid/domain';
import type { AuthTables } from './schema-auth';
import type { RegistrationTables } from './schema-registration';
import type { LookupTables } from './schema-lookup';
import type { CardTables } from './schema-card';
import type { ServiceRequestTables } from './schema-services';
import type { SickPayTables } from './schema-sick-pay';
import type { GatewayTables } from './schema-gateway';
import type { HelpTables, NotificationTables, SupportTables } from './schema-notifications';
import type { PaymentTables } from './schema-payments';
import type { UnitTables } from './schema-units';

/** Kysely's view of the tables. Each migration that adds a table adds its interface here. */
export interface Database
  extends
    AuthTables,
    LookupTables,
    RegistrationTables,
    CardTables,
    ServiceRequestTables,
    SickPayTables,
    GatewayTables,
    NotificationTables,
    SupportTables,
    HelpTables,
    PaymentTables,
    UnitTables {
  schema_migrations: SchemaMigrationTable;
  audit_log: AuditLogTable;
  audit_chain_heads: AuditChainHeadTable;
  outbox: OutboxTable;
  bhxh_agencies: BhxhAgencyTable;
  clinics: ClinicTable;
  employer_units: EmployerUnitTable;
  collection_agents: CollectionAgentTable;
  population_registry: PopulationRegistryTable;
  persons: PersonTable;
  bhyt_cards: BhytCardTable;
  participation_periods: ParticipationPeriodTable;
  benefit_payments: BenefitPaymentTable;
  benefit_payment_arrangements: BenefitPaymentArrangementTable;
  medical_visits: MedicalVisitTable;
  visit_documents: VisitDocumentTable;
  unique_keys: UniqueKeyTable;
  guardian_wards: GuardianWardTable;
}

/**
 * The guardian → wards relation keyed by the guardian (0030; issue #28, Citus): `bhxh_code` is the
 * guardian's, so the row lives on the guardian's shard. Mirrors `persons.guardian_bhxh_code`.
 */
export interface GuardianWardTable {
  bhxh_code: string;
  ward_bhxh_code: string;
}

/** Global keys of person-scoped rows, claimed with the row (0029; issue #28, Citus). */
export interface UniqueKeyTable {
  value: string;
  scope: UniqueKeyScope;
  bhxh_code: string;
}

export type UniqueKeyScope =
  | 'persons.cccd'
  | 'dossiers.number'
  | 'dossiers.idempotency_key'
  | 'service_requests.number'
  | 'service_requests.idempotency_key';

export interface SchemaMigrationTable {
  id: string;
  checksum: string;
  applied_at: ColumnType<Date, never, never>;
}

export interface AuditLogTable {
  id: Generated<string>;
  at: ColumnType<Date, never, never>;
  actor_type:
    | 'citizen'
    | 'officer'
    | 'agency_admin'
    | 'employer'
    | 'clinic'
    | 'communications'
    | 'system'
    | 'anonymous';
  actor_id: string | null;
  /** The person whose data was read or changed, when there is one ("who viewed my data"). */
  subject_bhxh_code: string | null;
  /** Written: one of the domain's AUDIT_ACTIONS (each translated); read: as stored. */
  action: ColumnType<string, AuditAction, AuditAction>;
  target_type: string | null;
  target_id: string | null;
  purpose: string | null;
  ip: string | null;
  request_id: string | null;
  details: JSONColumnType<Record<string, unknown>, Record<string, unknown> | undefined, never>;
  /** The hash chain (migration 0016): set by the database's trigger on insert, never by the application. */
  chain_partition: ColumnType<number, never, never>;
  chain_seq: ColumnType<string, never, never>;
  prev_hash: ColumnType<Buffer, never, never>;
  hash: ColumnType<Buffer, never, never>;
}

/** The last entry of each audit chain (migration 0016), kept by the insert trigger. */
export interface AuditChainHeadTable {
  chain_partition: number;
  last_seq: string;
  last_hash: Buffer;
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

/** `date` columns are read and written as ISO `yyyy-mm-dd` text (see database.ts). */
type IsoDate = string;
type Gender = 'male' | 'female';

export interface BhxhAgencyTable {
  code: string;
  parent_code: string | null;
  level: 'central' | 'province' | 'local';
  name: string;
  address: string;
  province_code: string;
  commune_code: string | null;
  phone: string | null;
  email: string | null;
  latitude: number | null;
  longitude: number | null;
  opening_hours: string | null;
  /** Receives registration dossiers (Form 01); the national head office does not (migration 0013). */
  receives_dossiers: Generated<boolean>;
}

export interface ClinicTable {
  code: string;
  name: string;
  level: 'central' | 'province' | 'district' | 'commune';
  address: string;
  province_code: string;
  commune_code: string | null;
  phone: string | null;
  latitude: number | null;
  longitude: number | null;
  bhyt_contracted: ColumnType<boolean, boolean | undefined, boolean>;
  issues_sick_leave: ColumnType<boolean, boolean | undefined, boolean>;
}

export interface EmployerUnitTable {
  code: string;
  tax_code: string | null;
  name: string;
  kind: 'enterprise' | 'state_agency' | 'school' | 'cooperative' | 'household_business' | 'other';
  address: string;
  province_code: string;
  commune_code: string | null;
  representative_name: string | null;
  phone: string | null;
  email: string | null;
  employee_count: ColumnType<number, number | undefined, number>;
  managing_agency: string;
  /** Generated (migration 0009): `lookup_words(name)`, GIN-indexed. */
  name_words: ColumnType<string[], never, never>;
  /** Generated (migration 0009): `lower(name)`, the sort key of name searches. */
  name_sort: ColumnType<string, never, never>;
}

export interface CollectionAgentTable {
  code: string;
  name: string;
  kind: 'post_office' | 'commune_agent' | 'bank' | 'other';
  address: string;
  province_code: string;
  commune_code: string | null;
  phone: string | null;
  latitude: number | null;
  longitude: number | null;
  agency_code: string;
}

export interface PopulationRegistryTable {
  cccd: string;
  old_cmnd: string | null;
  full_name: string;
  birth_date: IsoDate | null;
  birth_year: number;
  gender: Gender;
  address: string;
}

export interface PersonTable {
  bhxh_code: string;
  full_name: string;
  birth_date: IsoDate | null;
  birth_year: number;
  gender: Gender;
  cccd: string | null;
  old_cmnd: string | null;
  phone: string | null;
  email: string | null;
  address_line: string | null;
  province_code: string | null;
  commune_code: string | null;
  old_province_code: string | null;
  old_district_code: string | null;
  old_commune_code: string | null;
  guardian_bhxh_code: string | null;
  created_at: ColumnType<Date, never, never>;
}

export interface BhytCardTable {
  bhxh_code: string;
  id: Generated<string>;
  card_number: string;
  object_code: string;
  benefit_level: number;
  registered_clinic_code: string;
  valid_from: IsoDate;
  valid_to: IsoDate | null;
  five_year_date: IsoDate | null;
  issued_on: IsoDate;
  issuing_agency_code: string;
  status: 'active' | 'replaced' | 'revoked' | 'suspended' | 'reduced';
  replaced_by_id: string | null;
  /** Migration 0018: who manages the card (001/002 at the clinic gateway). */
  managing_body: ColumnType<
    'bhxh' | 'defence' | 'public_security',
    'bhxh' | 'defence' | 'public_security' | undefined
  >;
  /** Migration 0018: why a card was reported reduced (120–124 at the clinic gateway). */
  reduced_kind: ColumnType<
    'out_of_province' | 'in_province' | 'readded_same_unit' | 'other' | 'stopped' | null,
    'out_of_province' | 'in_province' | 'readded_same_unit' | 'other' | 'stopped' | null | undefined
  >;
  status_changed_on: ColumnType<IsoDate | null, IsoDate | null | undefined>;
  status_reason: ColumnType<string | null, string | null | undefined>;
  /** A change of initial clinic approved for the next period (migration 0020): the clinic from `next_clinic_from`. */
  next_clinic_code: ColumnType<string | null, string | null | undefined, string | null>;
  next_clinic_from: ColumnType<IsoDate | null, IsoDate | null | undefined, IsoDate | null>;
}

type Scheme = 'bhxh_compulsory' | 'bhxh_voluntary' | 'bhtn' | 'bhtnld_bnn' | 'bhyt';

export interface ParticipationPeriodTable {
  bhxh_code: string;
  id: Generated<string>;
  scheme: Scheme;
  from_month: IsoDate;
  to_month: IsoDate;
  unit_code: string | null;
  position: string | null;
  /** VND; bigint columns are read as strings (they may exceed 2^53). */
  salary: ColumnType<string, number | string, number | string>;
  employee_rate_bp: number;
  employer_rate_bp: number;
  employee_amount: ColumnType<string, number | string, number | string>;
  employer_amount: ColumnType<string, number | string, number | string>;
  state_support: ColumnType<string, number | string, number | string>;
  status: 'paid' | 'owed';
  /**
   * A compulsory period of a worker still declared with the unit (migration 0031): the monthly
   * close extends it; a 600a ends it.
   */
  running: Generated<boolean>;
}

type BenefitKind = 'one_time' | 'sickness' | 'maternity' | 'pension' | 'unemployment' | 'tnld_bnn';

export interface BenefitPaymentTable {
  bhxh_code: string;
  id: Generated<string>;
  kind: BenefitKind;
  period_from: IsoDate;
  period_to: IsoDate;
  amount: ColumnType<string, number | string, number | string>;
  decision_number: string;
  paid_on: IsoDate | null;
}

/** Where and how monthly benefits are paid from a month on (migration 0020, issue #23). */
export interface BenefitPaymentArrangementTable {
  bhxh_code: string;
  id: Generated<string>;
  /** The first day of the first month paid this way. */
  effective_from: IsoDate;
  method: 'cash_post_office' | 'bank_account';
  province_code: string | null;
  commune_code: string | null;
  bank_name: string | null;
  account_number: string | null;
  request_number: string;
  created_at: Generated<Date>;
}

export interface MedicalVisitTable {
  bhxh_code: string;
  ma_lk: string;
  clinic_code: string;
  card_number: string;
  registered_clinic_code: string | null;
  visit_kind: string;
  route: 1 | 2 | 3;
  admitted_at: ColumnType<Date, Date | string, Date | string>;
  discharged_at: ColumnType<Date, Date | string, Date | string>;
  treatment_days: number;
  diagnosis_in: string | null;
  diagnosis_out: string | null;
  icd10_main: string;
  icd10_other: string | null;
  outcome: number | null;
  total_cost: ColumnType<string, number | string, number | string>;
  covered_cost: ColumnType<string, number | string, number | string>;
  co_payment: ColumnType<string, number | string, number | string>;
  fund_paid: ColumnType<string, number | string, number | string>;
  five_year_date: IsoDate | null;
}

export interface VisitDocumentTable {
  bhxh_code: string;
  ma_lk: string;
  kind: 'discharge' | 'birth_certificate' | 'pregnancy_rest' | 'sick_leave' | 'referral' | 'revisit';
  number: string;
  issued_on: IsoDate;
  content: JSONColumnType<Record<string, unknown>, Record<string, unknown>, Record<string, unknown>>;
}
