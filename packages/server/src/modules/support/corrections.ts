import type { AuditAction } from '@vssid/domain';
import type { CorrectableFieldName, TicketRecordView } from '@vssid/domain/api/support';
import { CORRECTABLE_FIELDS, type CorrectableRecordType } from '@vssid/domain/support';
import type { Kysely } from 'kysely';
import type { CallContext } from '../../context';
import type { Database } from '../../db/schema';
import type { Translator } from '../../i18n';
import { readRecords } from '../records/data-access';
import { clinicExists, findBenefit, findCard, findVisit, type RecordChange } from './record-repository';
import { findPeriod } from './repository';

/**
 * The records a wrong-data ticket names (issue 25): the officer reads them beside the ticket
 * through the records' audited access and corrects the fields of CORRECTABLE_FIELDS; each value
 * is checked here by its field (shape, order of dates, an existing clinic).
 */

type RecordRef = { type: CorrectableRecordType; id: string };
type Fields = Record<string, string | null>;

const month = (date: string) => date.slice(0, 7);
const DIGITS = /^\d{1,18}$/;

/** What the audit log and the person's trail call each kind of record. */
export const RECORD_AUDIT: Record<CorrectableRecordType, { action: AuditAction; target: string }> = {
  participation: { action: 'records.participation.corrected', target: 'participation_period' },
  card: { action: 'records.card.corrected', target: 'bhyt_card' },
  visit: { action: 'records.medical_visit.corrected', target: 'medical_visit' },
  benefit: { action: 'records.benefit_payment.corrected', target: 'benefit_payment' },
};
const READ_AS = {
  participation: 'participation',
  card: 'card',
  visit: 'medical_visit',
  benefit: 'benefits',
} as const;

/** The record's values by field name (months yyyy-mm, days yyyy-mm-dd, amounts in đồng), or undefined. */
export async function readRecordFields(
  db: Kysely<Database>,
  bhxhCode: string,
  record: RecordRef,
  forUpdate = false,
): Promise<{ fields: Fields; managingAgency: string | null } | undefined> {
  switch (record.type) {
    case 'participation': {
      if (!DIGITS.test(record.id)) return undefined;
      const p = await findPeriod(db, bhxhCode, record.id, forUpdate);
      return p
        ? {
            fields: {
              scheme: p.scheme,
              fromMonth: month(p.from_month),
              toMonth: month(p.to_month),
              salary: p.salary,
              unitCode: p.unit_code,
              status: p.status,
            },
            managingAgency: p.managing_agency,
          }
        : undefined;
    }
    case 'card': {
      if (!DIGITS.test(record.id)) return undefined;
      const c = await findCard(db, bhxhCode, record.id, forUpdate);
      return c
        ? {
            fields: {
              cardNumber: c.card_number,
              registeredClinicCode: c.registered_clinic_code,
              validFrom: c.valid_from,
              validTo: c.valid_to,
              benefitLevel: String(c.benefit_level),
              status: c.status,
            },
            managingAgency: null,
          }
        : undefined;
    }
    case 'visit': {
      const v = await findVisit(db, bhxhCode, record.id, forUpdate);
      return v
        ? {
            fields: {
              clinicCode: v.clinic_code,
              icd10Main: v.icd10_main,
              diagnosisIn: v.diagnosis_in,
              diagnosisOut: v.diagnosis_out,
              admittedOn: v.admitted_on,
              dischargedOn: v.discharged_on,
              admittedTime: v.admitted_time,
              dischargedTime: v.discharged_time,
            },
            managingAgency: null,
          }
        : undefined;
    }
    case 'benefit': {
      if (!DIGITS.test(record.id)) return undefined;
      const b = await findBenefit(db, bhxhCode, record.id, forUpdate);
      return b
        ? {
            fields: {
              kind: b.kind,
              decisionNumber: b.decision_number,
              periodFrom: b.period_from,
              periodTo: b.period_to,
              amount: b.amount,
            },
            managingAgency: null,
          }
        : undefined;
    }
  }
}

const HIDDEN = new Set(['admittedTime', 'dischargedTime']);

/** The officer's read of the record a ticket names, audited as `records.<what>.read` with the purpose. */
export async function readRecordForOfficer(
  deps: { db: Kysely<Database>; translator: Translator },
  ctx: CallContext,
  bhxhCode: string,
  record: RecordRef,
  purpose: string,
): Promise<TicketRecordView | null> {
  const found = await readRecords(
    deps,
    ctx,
    { target: bhxhCode, purpose },
    READ_AS[record.type],
    () => readRecordFields(deps.db, bhxhCode, record),
    () => ({ type: RECORD_AUDIT[record.type].target, id: record.id }),
  );
  if (!found) return null;
  return {
    type: record.type,
    id: record.id,
    fields: Object.entries(found.fields)
      .filter(([field]) => !HIDDEN.has(field))
      .map(([field, value]) => ({ field, value })),
    correctable: [...CORRECTABLE_FIELDS[record.type]],
  };
}

const isDay = (v: string) => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v)) return false;
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
};

/**
 * Checks a new value of `field` for a record of `type` with these current `fields`: the change to
 * write, or the name of the body field that is wrong (`field`: not correctable on this record;
 * `value`: out of shape or order, or an unknown clinic).
 */
export async function checkCorrection(
  db: Kysely<Database>,
  type: CorrectableRecordType,
  fields: Fields,
  field: CorrectableFieldName,
  value: string,
): Promise<{ ok: true; change: RecordChange } | { ok: false; field: 'field' | 'value' }> {
  if (!(CORRECTABLE_FIELDS[type] as readonly string[]).includes(field)) return { ok: false, field: 'field' };
  const bad = { ok: false as const, field: 'value' as const };
  const ordered = (from: string, to: string | null) => to === null || from <= to;
  const amount = /^\d{1,12}$/.test(value) ? Number(value) : null;
  switch (field) {
    case 'fromMonth':
    case 'toMonth': {
      if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(value)) return bad;
      const from = field === 'fromMonth' ? value : (fields.fromMonth ?? '');
      const to = field === 'toMonth' ? value : (fields.toMonth ?? '');
      return ordered(from, to) ? { ok: true, change: { type: 'participation', field, value } } : bad;
    }
    case 'salary':
      return amount === null ? bad : { ok: true, change: { type: 'participation', field, value: amount } };
    case 'amount':
      return amount === null ? bad : { ok: true, change: { type: 'benefit', field, value: amount } };
    case 'benefitLevel':
      return /^[1-5]$/.test(value)
        ? { ok: true, change: { type: 'card', field, value: Number(value) } }
        : bad;
    case 'registeredClinicCode':
      return /^[0-9A-Z]{5}$/.test(value) && (await clinicExists(db, value))
        ? { ok: true, change: { type: 'card', field, value } }
        : bad;
    case 'validFrom':
    case 'validTo': {
      if (!isDay(value)) return bad;
      const from = field === 'validFrom' ? value : (fields.validFrom ?? '');
      const to = field === 'validTo' ? value : fields.validTo;
      return ordered(from, to ?? null) ? { ok: true, change: { type: 'card', field, value } } : bad;
    }
    case 'periodFrom':
    case 'periodTo': {
      if (!isDay(value)) return bad;
      const from = field === 'periodFrom' ? value : (fields.periodFrom ?? '');
      const to = field === 'periodTo' ? value : (fields.periodTo ?? '');
      return ordered(from, to) ? { ok: true, change: { type: 'benefit', field, value } } : bad;
    }
    case 'admittedOn':
    case 'dischargedOn': {
      if (!isDay(value)) return bad;
      const admitted = `${field === 'admittedOn' ? value : (fields.admittedOn ?? '')}T${fields.admittedTime ?? ''}`;
      const discharged = `${field === 'dischargedOn' ? value : (fields.dischargedOn ?? '')}T${fields.dischargedTime ?? ''}`;
      return admitted <= discharged ? { ok: true, change: { type: 'visit', field, value } } : bad;
    }
    case 'diagnosisIn':
    case 'diagnosisOut':
      return { ok: true, change: { type: 'visit', field, value } };
  }
}
