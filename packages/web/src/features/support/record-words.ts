import type { CardView } from '@vssid/domain/api/card';
import type { Benefits, MedicalVisits, Period } from '@vssid/domain/api/records';
import type { RECORD_TYPES } from '@vssid/domain/api/support';
import { formatDate, formatMoney, formatMonth } from '@vssid/domain/format';
import type { Language } from '@vssid/domain/i18n';

/**
 * A record a wrong-data ticket names, said in words (issue 25): the same sentence in the person's
 * picker, on their ticket and on the officer's, made from the record's values by field name.
 */

export type RecordType = (typeof RECORD_TYPES)[number];

/**
 * A record's values by field name, as the officer's record view gives them (months yyyy-mm, days
 * yyyy-mm-dd, amounts in đồng, codes); the person's side adds the names it has (`unitName`,
 * `clinicName`, `registeredClinicName`).
 */
export type RecordFields = Readonly<Partial<Record<string, string | null>>>;

/** The keys of `tickets.inWords` in the support catalog. */
export type InWordsKey =
  | 'participation'
  | 'salary'
  | 'unit'
  | 'card'
  | 'cardFrom'
  | 'level'
  | 'clinic'
  | 'visit'
  | 'visitOn'
  | 'diagnosis'
  | 'benefit'
  | 'decision';

/** The values a phrase of `tickets.inWords` takes. */
type PhraseValues = Partial<
  Record<'value' | 'scheme' | 'from' | 'to' | 'number' | 'clinic' | 'on' | 'kind' | 'amount', string>
>;

/** What the words are made of: the screen's language and its texts. */
export interface Words {
  lang: Language;
  phrase: (key: InWordsKey, values: PhraseValues) => string;
  scheme: (scheme: string) => string;
  benefitKind: (kind: string) => string;
}

/** A month (yyyy-mm) or a day (yyyy-mm-dd) in the screen's language; anything else as it is. */
function when(value: string | null | undefined, lang: Language): string {
  if (!value) return '…';
  if (/^\d{4}-\d{2}$/.test(value)) return formatMonth(value, lang);
  if (/^\d{4}-\d{2}-\d{2}/.test(value)) return formatDate(value.slice(0, 10), lang);
  return value;
}

function money(value: string | null | undefined, lang: Language): string | null {
  return value && /^\d+(\.\d+)?$/.test(value) ? formatMoney(Number(value), lang) : null;
}

/** The record in one line: its main sentence, then its details, separated by " · ". */
export function recordInWords(w: Words, type: RecordType, r: RecordFields): string {
  const parts: (string | null)[] = [];
  const extra = (key: InWordsKey, value: string | null | undefined) => {
    parts.push(value ? w.phrase(key, { value }) : null);
  };
  switch (type) {
    case 'participation': {
      parts.push(
        w.phrase('participation', {
          scheme: r.scheme ? w.scheme(r.scheme) : '',
          from: when(r.fromMonth, w.lang),
          to: when(r.toMonth, w.lang),
        }),
      );
      extra('unit', r.unitName ?? r.unitCode);
      extra('salary', money(r.salary, w.lang));
      break;
    }
    case 'card': {
      const values = {
        number: r.cardNumber ?? '…',
        from: when(r.validFrom, w.lang),
        to: when(r.validTo, w.lang),
      };
      parts.push(w.phrase(r.validTo ? 'card' : 'cardFrom', values));
      extra('level', r.benefitLevel);
      extra('clinic', r.registeredClinicName ?? r.registeredClinicCode);
      break;
    }
    case 'visit': {
      const clinic = r.clinicName ?? r.clinicCode ?? '…';
      parts.push(
        r.admittedOn === r.dischargedOn
          ? w.phrase('visitOn', { clinic, on: when(r.admittedOn, w.lang) })
          : w.phrase('visit', { clinic, from: when(r.admittedOn, w.lang), to: when(r.dischargedOn, w.lang) }),
      );
      extra('diagnosis', r.icd10Main);
      break;
    }
    case 'benefit': {
      parts.push(
        w.phrase('benefit', {
          kind: r.kind ? w.benefitKind(r.kind) : '',
          from: when(r.periodFrom, w.lang),
          to: when(r.periodTo, w.lang),
          amount: money(r.amount, w.lang) ?? '…',
        }),
      );
      extra('decision', r.decisionNumber);
      break;
    }
  }
  return parts.filter((p): p is string => p !== null).join(' · ');
}

/** A record the person may name, with its values for {@link recordInWords}. */
export interface RecordChoice {
  id: string;
  fields: RecordFields;
}

const text = (v: string | number | null | undefined) => (v === null || v === undefined ? null : String(v));

/** The person's participation periods, as the records API gives them. */
export function periodChoices(periods: readonly Period[]): RecordChoice[] {
  return periods.map((p) => ({
    id: p.id,
    fields: {
      scheme: p.scheme,
      fromMonth: p.fromMonth,
      toMonth: p.toMonth,
      salary: text(p.salary),
      unitCode: p.unitCode,
      unitName: p.unitName,
    },
  }));
}

/** The person's own card (not their children's: a ticket names one's own records). */
export function cardChoices(cards: readonly CardView[]): RecordChoice[] {
  return cards.flatMap(({ holder, card }) =>
    holder.relation === 'self' && card
      ? [
          {
            id: card.id,
            fields: {
              cardNumber: card.cardNumber,
              validFrom: card.validFrom,
              validTo: card.validTo,
              benefitLevel: String(card.benefitLevel),
              registeredClinicCode: card.registeredClinic?.code ?? null,
              registeredClinicName: card.registeredClinic?.name ?? null,
            },
          },
        ]
      : [],
  );
}

type VisitItem = Pick<
  MedicalVisits['items'][number],
  'maLk' | 'clinicCode' | 'clinicName' | 'admittedAt' | 'dischargedAt' | 'icd10Main'
>;

/** Medical visits (by their MA_LK), as the visit book gives them. */
export function visitChoices(visits: readonly VisitItem[]): RecordChoice[] {
  return visits.map((v) => ({
    id: v.maLk,
    fields: {
      clinicCode: v.clinicCode,
      clinicName: v.clinicName,
      admittedOn: v.admittedAt.slice(0, 10),
      dischargedOn: v.dischargedAt.slice(0, 10),
      icd10Main: v.icd10Main.code,
    },
  }));
}

/**
 * Benefit payments: each one-off benefit, and each payment row of a monthly one (a row the app
 * shows as several months, written before payments were kept month by month, is one record: its
 * months are `<id>-<n>`), newest first.
 */
export function benefitChoices(benefits: Pick<Benefits, 'items' | 'monthly'>): RecordChoice[] {
  const oneOff = benefits.items.map((b) => ({
    id: b.id,
    from: b.periodFrom,
    fields: {
      kind: b.kind,
      periodFrom: b.periodFrom,
      periodTo: b.periodTo,
      amount: String(b.amount),
      decisionNumber: b.decisionNumber,
    },
  }));
  const rows = new Map<
    string,
    { kind: string; from: string; to: string; amount: number; decision: string }
  >();
  for (const m of benefits.monthly)
    for (const month of m.months) {
      const id = month.id.replace(/-\d+$/, '');
      const row = rows.get(id);
      if (!row)
        rows.set(id, {
          kind: m.kind,
          from: month.month,
          to: month.month,
          amount: month.amount,
          decision: month.decisionNumber,
        });
      else {
        row.from = month.month < row.from ? month.month : row.from;
        row.to = month.month > row.to ? month.month : row.to;
        row.amount += month.amount;
      }
    }
  const monthly = [...rows].map(([id, r]) => ({
    id,
    from: r.from,
    fields: {
      kind: r.kind,
      periodFrom: r.from,
      periodTo: r.to,
      amount: String(r.amount),
      decisionNumber: r.decision,
    },
  }));
  return [...oneOff, ...monthly]
    .sort((a, b) => (a.from === b.from ? 0 : a.from < b.from ? 1 : -1))
    .map(({ id, fields }) => ({ id, fields }));
}
