import type { Insertable } from 'kysely';
import type { Database } from '@vssid/server';

/** Rows as the tables take them (snake_case columns), so sinks write them without mapping. */
export type AgencyRow = Insertable<Database['bhxh_agencies']>;
export type ClinicRow = Required<Insertable<Database['clinics']>>;
export type EmployerUnitRow = Required<Insertable<Database['employer_units']>>;
export type CollectionAgentRow = Insertable<Database['collection_agents']>;
export type RegistryRow = Insertable<Database['population_registry']>;
export type PersonRow = Omit<Insertable<Database['persons']>, 'created_at'>;
export type CardRow = Insertable<Database['bhyt_cards']> & { id: string };
export type PeriodRow = Insertable<Database['participation_periods']> & { id: string };
export type BenefitRow = Insertable<Database['benefit_payments']> & { id: string };
export type VisitRow = Insertable<Database['medical_visits']>;
export type DocumentRow = Insertable<Database['visit_documents']>;
/** Online service requests (issue 23); timestamps as ISO text for COPY. */
export type RequestRow = Omit<
  Insertable<Database['service_requests']>,
  'submitted_at' | 'decided_at' | 'result_applied_at'
> & { submitted_at: string; decided_at: string | null; result_applied_at: string | null };
export type RequestActionRow = Omit<Insertable<Database['service_request_actions']>, 'at'> & { at: string };

export interface Catalogs {
  agencies: AgencyRow[];
  clinics: ClinicRow[];
  units: EmployerUnitRow[];
  agents: CollectionAgentRow[];
}

/** Everything about one person, in the order the tables must be filled (foreign keys). */
export interface PersonBundle {
  person: PersonRow;
  registry: RegistryRow | null;
  cards: CardRow[];
  periods: PeriodRow[];
  benefits: BenefitRow[];
  visits: VisitRow[];
  documents: DocumentRow[];
  requests: RequestRow[];
  requestActions: RequestActionRow[];
}

/** Tables in load order, with the column order used by COPY. */
export const TABLE_COLUMNS = {
  bhxh_agencies: ['code', 'parent_code', 'level', 'name', 'address', 'province_code', 'commune_code', 'phone', 'email', 'latitude', 'longitude', 'opening_hours', 'receives_dossiers'],
  clinics: ['code', 'name', 'level', 'address', 'province_code', 'commune_code', 'phone', 'latitude', 'longitude', 'bhyt_contracted', 'issues_sick_leave'],
  employer_units: ['code', 'tax_code', 'name', 'kind', 'address', 'province_code', 'commune_code', 'representative_name', 'phone', 'email', 'employee_count', 'managing_agency'],
  collection_agents: ['code', 'name', 'kind', 'address', 'province_code', 'commune_code', 'phone', 'latitude', 'longitude', 'agency_code'],
  population_registry: ['cccd', 'old_cmnd', 'full_name', 'birth_date', 'birth_year', 'gender', 'address'],
  persons: ['bhxh_code', 'full_name', 'birth_date', 'birth_year', 'gender', 'cccd', 'old_cmnd', 'phone', 'email', 'address_line', 'province_code', 'commune_code', 'old_province_code', 'old_district_code', 'old_commune_code', 'guardian_bhxh_code'],
  bhyt_cards: ['bhxh_code', 'id', 'card_number', 'object_code', 'benefit_level', 'registered_clinic_code', 'valid_from', 'valid_to', 'five_year_date', 'issued_on', 'issuing_agency_code', 'status', 'replaced_by_id'],
  participation_periods: ['bhxh_code', 'id', 'scheme', 'from_month', 'to_month', 'unit_code', 'position', 'salary', 'employee_rate_bp', 'employer_rate_bp', 'employee_amount', 'employer_amount', 'state_support', 'status', 'running'],
  benefit_payments: ['bhxh_code', 'id', 'kind', 'period_from', 'period_to', 'amount', 'decision_number', 'paid_on'],
  medical_visits: ['bhxh_code', 'ma_lk', 'clinic_code', 'card_number', 'registered_clinic_code', 'visit_kind', 'route', 'admitted_at', 'discharged_at', 'treatment_days', 'diagnosis_in', 'diagnosis_out', 'icd10_main', 'icd10_other', 'outcome', 'total_cost', 'covered_cost', 'co_payment', 'fund_paid', 'five_year_date'],
  visit_documents: ['bhxh_code', 'ma_lk', 'kind', 'number', 'issued_on', 'content'],
  service_requests: ['bhxh_code', 'id', 'number', 'type', 'agency_code', 'filed_by_bhxh_code', 'form', 'status', 'submitted_at', 'working_days', 'used_days', 'running_since', 'due_on', 'decided_at', 'result_applied_at', 'idempotency_key'],
  service_request_actions: ['bhxh_code', 'request_id', 'seq', 'action', 'actor_type', 'actor_id', 'at', 'reason_code', 'reason_text', 'details', 'idempotency_key'],
} as const; // prettier-ignore
export type TableName = keyof typeof TABLE_COLUMNS;
