import { createHash } from 'node:crypto';
import { FHIR_SYSTEMS, fhirName, fundShare, isBenefitLevel, withVietnamOffset } from '@vssid/domain';
import type {
  FhirCapabilityStatement,
  FhirCoverage,
  FhirExplanationOfBenefit,
  FhirPatient,
} from '@vssid/domain/api/fhir';
import { type CardRow, cardValidTo } from '../card';
import type { VisitRow } from './repository';

/**
 * FHIR R4 (4.0.1) resources built from our records. Identifier systems are our own URNs
 * (`FHIR_SYSTEMS`, assumption: no official Vietnamese FHIR identifier OIDs are published).
 * Money is VND; times of visits are Vietnam wall time, written with the +07:00 offset.
 */

const FHIR_VERSION = '4.0.1';
const ID = /^[A-Za-z0-9\-.]{1,64}$/;

/** Resource ids: `Patient/<BHXH code>`, `Coverage/<BHXH code>-<card id>`, `ExplanationOfBenefit/<BHXH code>-<MA_LK>`. */
const coverageId = (bhxhCode: string, cardId: string) => `${bhxhCode}-${cardId}`;
function eobId(bhxhCode: string, maLk: string): string {
  const id = `${bhxhCode}-${maLk}`;
  // MA_LK is free text in the XML standard: one that is not id-safe is named by its hash.
  return ID.test(id) ? id : `${bhxhCode}-h${createHash('sha256').update(maLk).digest('hex').slice(0, 40)}`;
}

export function patientResource(row: CardRow, address: string | null): FhirPatient {
  return {
    resourceType: 'Patient',
    id: row.bhxh_code,
    identifier: [{ use: 'official', system: FHIR_SYSTEMS.bhxhCode, value: row.bhxh_code }],
    active: true,
    name: [{ use: 'official', ...fhirName(row.full_name) }],
    gender: row.gender,
    birthDate: row.birth_date ?? String(row.birth_year),
    ...(address ? { address: [{ use: 'home', text: address }] } : {}),
  };
}

export function coverageResource(row: CardRow): FhirCoverage {
  if (row.card_id === null || row.card_number === null || row.valid_from === null)
    throw new Error('coverageResource needs a card');
  const level = isBenefitLevel(row.benefit_level) ? row.benefit_level : null;
  const share = level === null ? null : fundShare(level);
  // A TE card ends when the law says, even when recorded later (cardValidTo).
  const end = cardValidTo(row);
  return {
    resourceType: 'Coverage',
    id: coverageId(row.bhxh_code, row.card_id),
    identifier: [{ system: FHIR_SYSTEMS.bhytCard, value: row.card_number }],
    // A replaced, revoked or suspended card is no longer in force; an expired one keeps its period.
    status: row.card_status === 'active' ? 'active' : 'cancelled',
    ...(row.object_code
      ? { type: { coding: [{ system: FHIR_SYSTEMS.objectCode, code: row.object_code }] } }
      : {}),
    subscriberId: row.card_number,
    beneficiary: { reference: `Patient/${row.bhxh_code}`, display: row.full_name },
    relationship: {
      coding: [{ system: 'http://terminology.hl7.org/CodeSystem/subscriber-relationship', code: 'self' }],
    },
    period: { start: row.valid_from, ...(end ? { end } : {}) },
    payor: [
      row.agency_code
        ? {
            identifier: { system: FHIR_SYSTEMS.agency, value: row.agency_code },
            display: row.agency_name ?? row.agency_code,
          }
        : { display: 'Bảo hiểm xã hội Việt Nam' },
    ],
    class: [
      {
        type: { coding: [{ system: FHIR_SYSTEMS.coverageClass, code: 'plan' }] },
        value: `${row.object_code ?? ''}${level ?? ''}`,
        name: `${row.object_code ?? ''} – mức hưởng ${level ?? '?'}`,
      },
    ],
    // The registered primary clinic (nơi đăng ký KCB ban đầu), as the insurer-defined network.
    ...(row.clinic_code ? { network: row.clinic_code } : {}),
    ...(share
      ? {
          costToBeneficiary: [
            {
              type: {
                coding: [
                  { system: 'http://terminology.hl7.org/CodeSystem/coverage-copay-type', code: 'copaypct' },
                ],
              },
              valueQuantity: {
                value: 100 - share.percent,
                unit: '%',
                system: 'http://unitsofmeasure.org',
                code: '%',
              },
            },
          ],
        }
      : {}),
  };
}

/** MA_LOAI_KCB codes of inpatient care (assumption: 03 inpatient, 04 day inpatient, 06 and 09 inpatient kinds). */
const INPATIENT_KINDS = new Set(['03', '04', '06', '09']);

const money = (value: string) => ({ value: Number(value), currency: 'VND' as const });
const adjudication = (code: string) => ({
  coding: [{ system: 'http://terminology.hl7.org/CodeSystem/adjudication', code }],
});

export function explanationOfBenefitResource(bhxhCode: string, visit: VisitRow): FhirExplanationOfBenefit {
  const diagnoses = [visit.icd10_main, ...(visit.icd10_other ?? '').split(/[;,\s]+/)]
    .map((c) => c.trim())
    .filter((c, i, all) => c !== '' && all.indexOf(c) === i);
  return {
    resourceType: 'ExplanationOfBenefit',
    id: eobId(bhxhCode, visit.ma_lk),
    identifier: [{ system: `${FHIR_SYSTEMS.medicalVisit}:${visit.clinic_code}`, value: visit.ma_lk }],
    status: 'active',
    type: {
      coding: [
        {
          system: 'http://terminology.hl7.org/CodeSystem/claim-type',
          code: INPATIENT_KINDS.has(visit.visit_kind) ? 'institutional' : 'professional',
        },
      ],
    },
    subType: { coding: [{ system: 'urn:vssid:cs:ma-loai-kcb', code: visit.visit_kind }] },
    use: 'claim',
    patient: { reference: `Patient/${bhxhCode}` },
    billablePeriod: {
      start: withVietnamOffset(visit.admitted_at),
      end: withVietnamOffset(visit.discharged_at),
    },
    created: withVietnamOffset(visit.discharged_at),
    insurer: { display: 'Bảo hiểm xã hội Việt Nam' },
    provider: {
      identifier: { system: FHIR_SYSTEMS.clinic, value: visit.clinic_code },
      display: visit.clinic_name ?? visit.clinic_code,
    },
    outcome: 'complete',
    diagnosis: diagnoses.map((code, i) => ({
      sequence: i + 1,
      diagnosisCodeableConcept: {
        coding: [{ system: FHIR_SYSTEMS.icd10, code }],
        ...(i === 0 && visit.diagnosis_out ? { text: visit.diagnosis_out } : {}),
      },
      type: [
        {
          coding: [
            {
              system: 'http://terminology.hl7.org/CodeSystem/ex-diagnosistype',
              code: i === 0 ? 'principal' : 'discharge',
            },
          ],
        },
      ],
    })),
    insurance: [
      {
        focal: true,
        coverage: { identifier: { system: FHIR_SYSTEMS.bhytCard, value: visit.card_number } },
      },
    ],
    total: [
      { category: adjudication('submitted'), amount: money(visit.total_cost) },
      { category: adjudication('eligible'), amount: money(visit.covered_cost) },
      { category: adjudication('copay'), amount: money(visit.co_payment) },
      { category: adjudication('benefit'), amount: money(visit.fund_paid) },
    ],
    payment: { amount: money(visit.fund_paid) },
  };
}

export function capabilityStatement(baseUrl: string, version: string): FhirCapabilityStatement {
  const read = { code: 'read' };
  const search = { code: 'search-type' };
  return {
    resourceType: 'CapabilityStatement',
    status: 'active',
    date: '2026-12-01',
    publisher: 'VssID – Bảo hiểm xã hội số',
    kind: 'instance',
    software: { name: 'VssID', version },
    implementation: { description: 'VssID FHIR R4 API', url: baseUrl },
    fhirVersion: FHIR_VERSION,
    format: ['application/fhir+json', 'json'],
    rest: [
      {
        mode: 'server',
        documentation:
          'Read access for the insured person (their own records and those of their minor children) and for BHXH officers within their agency scope (audited).',
        security: {
          cors: false,
          description:
            'Authorization: Bearer <access token> from /api/v1/auth sign-in. Anything the caller may not see answers 404.',
        },
        resource: [
          { type: 'Patient', interaction: [read] },
          {
            type: 'Coverage',
            interaction: [read, search],
            searchParam: [
              { name: 'beneficiary', type: 'reference', documentation: 'Patient/<BHXH code> or <BHXH code>' },
            ],
          },
          {
            type: 'ExplanationOfBenefit',
            interaction: [search],
            searchParam: [
              { name: 'patient', type: 'reference', documentation: 'Patient/<BHXH code> or <BHXH code>' },
              { name: '_count', type: 'number', documentation: 'page size, 1–100 (default 20)' },
              { name: '_offset', type: 'number', documentation: 'how many to skip' },
            ],
          },
        ],
      },
    ],
  };
}

/** A `searchset` Bundle of one resource type (the contract's `FhirCoverageBundle`, …). */
export function searchBundle<R extends { resourceType: string; id: string }>(
  selfUrl: string,
  resources: R[],
  baseUrl: string,
  total: number,
  next: string | null,
) {
  return {
    resourceType: 'Bundle' as const,
    type: 'searchset' as const,
    total,
    link: [
      { relation: 'self' as const, url: selfUrl },
      ...(next ? [{ relation: 'next' as const, url: next }] : []),
    ],
    entry: resources.map((resource) => ({
      fullUrl: `${baseUrl}/${resource.resourceType}/${resource.id}`,
      resource,
      search: { mode: 'match' as const },
    })),
  };
}
