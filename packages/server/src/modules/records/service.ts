import type { Kysely } from 'kysely';
import {
  type AuditAction,
  estimateOneTimeBhxh,
  isAuditPurpose,
  estimatePension,
  icd10Name,
  monthNumber,
  monthString,
  oneTimeBhxhEligibility,
  paidBhxhRanges,
  parameterEntryAt,
  type PeriodForSummary,
  summarizeParticipation,
} from '@vssid/domain';
import type { Database } from '../../db/schema';
import { AppError } from '../../http/problem';
import * as repo from './repository';

/** Visit kinds (MA_LOAI_KCB, QĐ 130/QĐ-BYT amended by QĐ 4750/QĐ-BYT) that are inpatient stays. */
const INPATIENT_KINDS = new Set(['03', '04', '06', '09']);

const toMonth = (isoDate: string) => isoDate.slice(0, 7);
const num = (v: string | number) => Number(v);

export async function participation(db: Kysely<Database>, bhxhCode: string) {
  const rows = await repo.findParticipation(db, bhxhCode);
  const periods = rows.map((r) => ({
    id: r.id,
    scheme: r.scheme,
    fromMonth: toMonth(r.from_month),
    toMonth: toMonth(r.to_month),
    months: monthNumber(toMonth(r.to_month)) - monthNumber(toMonth(r.from_month)) + 1,
    unitCode: r.unit_code,
    unitName: r.unit_name,
    position: r.position,
    salary: num(r.salary),
    employeeRateBp: r.employee_rate_bp,
    employerRateBp: r.employer_rate_bp,
    employeeAmount: num(r.employee_amount),
    employerAmount: num(r.employer_amount),
    stateSupport: num(r.state_support),
    status: r.status,
  }));
  const unitNames = new Map(periods.map((p) => [p.unitCode, p.unitName]));
  const summary = summarizeParticipation(periods.map(forSummary));
  return {
    bhxhCode,
    periods,
    summary: {
      bhxhCombined: summary.bhxhCombined,
      schemes: summary.schemes.map((s) => ({
        ...s,
        owed: s.owed.map((o) => ({ ...o, unitName: unitNames.get(o.unitCode) ?? null })),
      })),
    },
  };
}

const forSummary = (p: {
  scheme: PeriodForSummary['scheme'];
  fromMonth: string;
  toMonth: string;
  status: 'paid' | 'owed';
  unitCode: string | null;
}): PeriodForSummary => ({
  scheme: p.scheme,
  from: p.fromMonth,
  to: p.toMonth,
  status: p.status,
  unitCode: p.unitCode,
});

/** Benefits BHXH pays month by month: shown as a monthly amount and a payment history by month. */
const MONTHLY_BENEFIT_KINDS = ['pension', 'unemployment'] as const;
type MonthlyKind = (typeof MONTHLY_BENEFIT_KINDS)[number];
const isMonthlyKind = (kind: string): kind is MonthlyKind =>
  (MONTHLY_BENEFIT_KINDS as readonly string[]).includes(kind);

type BenefitRow = Awaited<ReturnType<typeof repo.findBenefits>>[number];

/**
 * The months of a monthly benefit's payment rows, newest first. A row is one month's payment; a
 * row spanning several months (written before payments were kept month by month) stands for that
 * many equal payments, its amount shared among them. Paid when the row has a payment date, else
 * pending (the month's payment day has not come yet).
 */
function benefitMonths(rows: readonly BenefitRow[]) {
  return rows
    .flatMap((r) => {
      const first = monthNumber(toMonth(r.period_from));
      const count = monthNumber(toMonth(r.period_to)) - first + 1;
      const total = num(r.amount);
      const each = Math.floor(total / count);
      return Array.from({ length: count }, (_, i) => {
        return {
          id: count === 1 ? r.id : `${r.id}-${i + 1}`,
          month: monthString(first + i),
          amount: i === count - 1 ? total - each * (count - 1) : each,
          decisionNumber: r.decision_number,
          status: r.paid_on ? ('paid' as const) : ('pending' as const),
          paidOn: r.paid_on,
        };
      });
    })
    .sort((x, y) => (x.month === y.month ? 0 : x.month < y.month ? 1 : -1));
}

/**
 * Thông tin hưởng: one-off benefits as they were paid (`items`), and the benefits paid monthly
 * (pension, unemployment allowance) as their current monthly amount with the history by month,
 * paid or pending (`monthly`).
 */
export async function benefits(db: Kysely<Database>, bhxhCode: string) {
  const [rows, arrangementRows] = await Promise.all([
    repo.findBenefits(db, bhxhCode),
    repo.findPaymentArrangements(db, bhxhCode),
  ]);
  const arrangements = arrangementRows.map((a) => ({
    effectiveFrom: a.effective_from,
    method: a.method,
    provinceCode: a.province_code,
    communeCode: a.commune_code,
    bankName: a.bank_name,
    accountEnding: a.account_number ? a.account_number.slice(-4) : null,
  }));
  /** The method of the arrangement in effect in a month (yyyy-mm): the newest from on or before it. */
  const paidVia = (month: string) =>
    arrangements.filter((a) => a.effectiveFrom.slice(0, 7) <= month).at(-1)?.method ?? null;
  const monthly = MONTHLY_BENEFIT_KINDS.flatMap((kind) => {
    const months = benefitMonths(rows.filter((r) => r.kind === kind)).map((m) => ({
      ...m,
      paidVia: paidVia(m.month),
    }));
    const newest = months[0];
    const oldest = months[months.length - 1];
    if (!newest || !oldest) return [];
    return [
      {
        kind,
        monthlyAmount: newest.amount,
        decisionNumber: newest.decisionNumber,
        fromMonth: oldest.month,
        toMonth: newest.month,
        paidMonths: months.filter((m) => m.status === 'paid').length,
        pendingMonths: months.filter((m) => m.status === 'pending').length,
        months,
        arrangements: [...arrangements].reverse(),
      },
    ];
  });
  return {
    bhxhCode,
    items: rows
      .filter((r) => !isMonthlyKind(r.kind))
      .map((r) => ({
        id: r.id,
        kind: r.kind,
        periodFrom: r.period_from,
        periodTo: r.period_to,
        amount: num(r.amount),
        decisionNumber: r.decision_number,
        paidOn: r.paid_on,
        status: r.paid_on ? ('paid' as const) : ('pending' as const),
      })),
    monthly,
  };
}

type VisitRow = Awaited<ReturnType<typeof repo.findVisit>> & object;

function visitOut(r: VisitRow, language: string) {
  return {
    maLk: r.ma_lk,
    clinicCode: r.clinic_code,
    clinicName: r.clinic_name,
    cardNumber: r.card_number,
    visitKind: r.visit_kind,
    setting: INPATIENT_KINDS.has(r.visit_kind) ? ('inpatient' as const) : ('outpatient' as const),
    route: r.route,
    admittedAt: r.admitted,
    dischargedAt: r.discharged,
    treatmentDays: r.treatment_days,
    diagnosis: r.diagnosis_out ?? r.diagnosis_in,
    icd10Main: { code: r.icd10_main, name: icd10Name(r.icd10_main, language) },
    icd10Other: (r.icd10_other ?? '')
      .split(';')
      .map((c) => c.trim())
      .filter(Boolean)
      .map((code) => ({ code, name: icd10Name(code, language) })),
    outcome: r.outcome,
    totalCost: num(r.total_cost),
    coveredCost: num(r.covered_cost),
    fundPaid: num(r.fund_paid),
    coPayment: num(r.co_payment),
  };
}

/** Opaque keyset cursor of the visit list: base64url of `admittedAt|maLk`. */
export const encodeCursor = (admittedAt: string, maLk: string) =>
  Buffer.from(`${admittedAt}|${maLk}`, 'utf8').toString('base64url');

/** The cursor's parts, or null when it is not one this server made. */
export function decodeCursor(cursor: string): { admittedAt: string; maLk: string } | null {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const m = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})\|(.{1,64})$/.exec(text);
  if (!m?.[1] || !m[2]) return null;
  return { admittedAt: m[1], maLk: m[2] };
}

export async function medicalVisits(
  db: Kysely<Database>,
  bhxhCode: string,
  language: string,
  page: { limit: number; cursor?: { admittedAt: string; maLk: string } },
) {
  const rows = await repo.findVisits(db, bhxhCode, page.limit, page.cursor);
  const items = rows.slice(0, page.limit);
  const last = items[items.length - 1];
  return {
    bhxhCode,
    items: items.map((r) => ({ ...visitOut(r, language), documentCount: r.document_count ?? 0 })),
    nextCursor: rows.length > page.limit && last ? encodeCursor(last.admitted, last.ma_lk) : null,
  };
}

export async function medicalVisit(db: Kysely<Database>, bhxhCode: string, maLk: string, language: string) {
  const [visit, documents] = await Promise.all([
    repo.findVisit(db, bhxhCode, maLk),
    repo.findVisitDocuments(db, bhxhCode, maLk),
  ]);
  if (!visit) throw new AppError(404, 'not_found', 'notFound');
  return {
    bhxhCode,
    ...visitOut(visit, language),
    documents: documents.map((d) => ({
      kind: d.kind,
      number: d.number,
      issuedOn: d.issued_on,
      content: d.content,
    })),
  };
}

/**
 * Pension and one-time BHXH estimates from the person's own history, with the domain calculators.
 * Inputs (ASSUMPTIONS, returned with the answer so the screen shows them):
 * - months of contributions: distinct PAID months of compulsory or voluntary BHXH (owed months
 *   count only once paid);
 * - average salary: the month-weighted average of the salaries and chosen incomes of those paid
 *   periods, NOT revalued (revaluation coefficients are published yearly by MOLISA and are not in
 *   the parameter table yet), so the estimate is lower than a decision for old salaries;
 * - the rules in force on `asOf` (today), as if the person retired or claimed today;
 * - one-time BHXH eligibility from what the records show (months out of the scheme since the last
 *   paid month); facts the records cannot show (settling abroad, illness) are taken as false.
 */
export async function estimates(db: Kysely<Database>, bhxhCode: string, asOf: string) {
  const [person, rows] = await Promise.all([
    repo.findPersonSummary(db, bhxhCode),
    repo.findParticipation(db, bhxhCode),
  ]);
  if (!person) throw new AppError(404, 'not_found', 'notFound');
  const periods = rows.map((r) => ({
    scheme: r.scheme,
    from: toMonth(r.from_month),
    to: toMonth(r.to_month),
    status: r.status,
    unitCode: r.unit_code,
    salary: num(r.salary),
  }));
  const bhxhPaid = periods.filter(
    (p) => p.status === 'paid' && (p.scheme === 'bhxh_compulsory' || p.scheme === 'bhxh_voluntary'),
  );
  const ranges = paidBhxhRanges(periods);
  const months = ranges.reduce((n, r) => n + monthNumber(r.to) - monthNumber(r.from) + 1, 0);
  let weighted = 0;
  let weight = 0;
  for (const p of bhxhPaid) {
    const m = monthNumber(p.to) - monthNumber(p.from) + 1;
    weighted += p.salary * m;
    weight += m;
  }
  const averageSalary = weight ? Math.round(weighted / weight) : 0;
  const lastMonth = ranges.length ? ranges[ranges.length - 1]?.to : undefined;
  const firstMonth = ranges[0]?.from;
  const asOfMonth = monthNumber(asOf.slice(0, 7));
  const monthsOutOfScheme = lastMonth ? Math.max(0, asOfMonth - monthNumber(lastMonth) - 1) : 0;

  const pension = estimatePension({
    gender: person.gender,
    contributionYears: Math.floor(months / 12),
    contributionMonths: months % 12,
    averageSalary,
    retirementDate: asOf,
  });
  const oneTime = estimateOneTimeBhxh({ periods: ranges, averageSalary });
  const eligibility = oneTimeBhxhEligibility(
    {
      contributionMonths: months,
      monthsOutOfScheme,
      ...(firstMonth ? { firstContributionMonth: firstMonth } : {}),
    },
    asOf,
  );
  const oneTimeSource = parameterEntryAt('oneTimeBhxhMonthsPerYear', asOf).source;
  return {
    bhxhCode,
    isEstimate: true as const,
    asOf,
    inputs: {
      gender: person.gender,
      birthYear: person.birth_year,
      contributionMonths: months,
      contributionYears: Math.floor(months / 12),
      contributionRemainderMonths: months % 12,
      paidRanges: ranges,
      averageSalary,
      salaryRevalued: false,
      firstContributionMonth: firstMonth ?? null,
      lastContributionMonth: lastMonth ?? null,
      monthsOutOfScheme,
      rulesDate: asOf,
    },
    pension: {
      eligible: pension.eligible,
      rate: pension.rate,
      rateBp: pension.rateBp,
      monthlyAmount: pension.monthlyAmount,
      lumpSumOnRetirement: pension.lumpSumOnRetirement,
      yearsCounted: pension.yearsCounted,
      reason: pension.reason?.code ?? null,
      ruleApplied: pension.ruleApplied,
      explanation: pension.explanation,
      source: pension.source,
    },
    oneTime: {
      amount: oneTime.amount,
      benefitMonths: oneTime.benefitMonths,
      monthsBefore2014: oneTime.monthsBefore2014,
      monthsFrom2014: oneTime.monthsFrom2014,
      periods: oneTime.periods,
      ruleApplied: oneTime.ruleApplied,
      explanation: oneTime.explanation,
      source: oneTimeSource,
      eligibility: {
        eligible: eligibility.eligible,
        conditionsMet: eligibility.conditionsMet,
        conditionsInForce: eligibility.conditionsInForce.map((c) => c.code),
        source: eligibility.source,
        unconfirmed: eligibility.unconfirmed,
      },
    },
  };
}

/** Entries of one officer's work closer than this to each other make one entry ("one approval is one entry"). */
const ACCESS_GROUP_WINDOW_MS = 30 * 60_000;

/** Which action names a group: a decision before the paper step, the opening, the photos read. */
const HEADLINE_RANK: readonly AuditAction[] = [
  'dossier.approve',
  'dossier.reject',
  'dossier.record_paper',
  'dossier.opened',
  'dossier.file.read',
];
const rankOf = (action: string) => {
  const i = HEADLINE_RANK.indexOf(action as AuditAction);
  return i < 0 ? HEADLINE_RANK.length : i;
};

type AccessRow = Awaited<ReturnType<typeof repo.findStaffAccesses>>[number];

/** What ties entries into one piece of work: the dossier worked on, or the purpose of the reads. */
const workOf = (r: AccessRow) =>
  r.target_type === 'dossier' ? `dossier:${r.target_id ?? ''}` : `purpose:${r.purpose ?? ''}`;

/**
 * Folds the newest-first entries into pieces of work: consecutive entries by the same staff
 * account on the same dossier (or, for records reads, with the same purpose), each within
 * `ACCESS_GROUP_WINDOW_MS` of the previous one. Nothing is dropped: every entry is a step of
 * exactly one group.
 */
function groupAccesses(rows: readonly AccessRow[]): AccessRow[][] {
  const groups: AccessRow[][] = [];
  let current: AccessRow[] | null = null;
  for (const r of rows) {
    const last = current?.[current.length - 1];
    if (
      current &&
      last &&
      last.actor_type === r.actor_type &&
      last.actor_id === r.actor_id &&
      workOf(last) === workOf(r) &&
      last.at.getTime() - r.at.getTime() <= ACCESS_GROUP_WINDOW_MS
    ) {
      current.push(r);
    } else {
      current = [r];
      groups.push(current);
    }
  }
  return groups;
}

const str = (v: unknown) => (typeof v === 'string' && v !== '' ? v : null);

/**
 * "Who viewed my data": staff entries about the person, one per piece of work (an approval with
 * the opening and the photos read for it), naming the staff member and their agency, clinic or
 * unit, with the action and purpose as codes the screens translate (a staff member's own words as
 * `purposeStated`) and every step folded in. `limit` counts audit entries; a piece of work cut by
 * the page's end is left whole for the next page (unless it is the page's only one).
 */
export async function dataAccess(
  db: Kysely<Database>,
  bhxhCode: string,
  page: { limit: number; before?: string },
) {
  const rows = await repo.findStaffAccesses(db, bhxhCode, page.limit, page.before);
  const more = rows.length > page.limit;
  let groups = groupAccesses(rows.slice(0, page.limit));
  if (more && groups.length > 1) groups = groups.slice(0, -1);
  const shown = groups.flat();
  const actors = new Map(
    (await repo.findStaffActors(db, [...new Set(shown.map((r) => r.actor_id ?? ''))])).map((a) => [a.id, a]),
  );
  const agencyOf = (r: AccessRow) =>
    str(r.details.agencyCode) ?? actors.get(r.actor_id ?? '')?.agency_code ?? null;
  const agencyCodes = [...new Set(shown.map(agencyOf).filter((c): c is string => c !== null))];
  const agencies = new Map((await repo.findAgencyNames(db, agencyCodes)).map((a) => [a.code, a.name]));
  const last = shown[shown.length - 1];
  return {
    bhxhCode,
    items: groups.flatMap((steps) => {
      const newest = steps[0];
      const oldest = steps[steps.length - 1];
      if (!newest || !oldest) return [];
      const headline = steps.reduce((best, r) => (rankOf(r.action) < rankOf(best.action) ? r : best), newest);
      const actor = actors.get(newest.actor_id ?? '');
      const agencyCode = agencyOf(newest);
      // A clinic through the clinic gateway (issue #24) is no account: its code and name are in the entry.
      const gatewayClinic = str(newest.details.clinicCode);
      const organization = agencyCode
        ? { kind: 'agency' as const, code: agencyCode, name: agencies.get(agencyCode) ?? null }
        : gatewayClinic
          ? { kind: 'clinic' as const, code: gatewayClinic, name: str(newest.details.clinicName) }
          : actor?.clinic_code
            ? { kind: 'clinic' as const, code: actor.clinic_code, name: actor.clinic_name }
            : actor?.unit_code
              ? { kind: 'unit' as const, code: actor.unit_code, name: actor.unit_name }
              : null;
      const purposed = steps.find((r) => r.purpose !== null);
      const purpose = purposed?.purpose ?? null;
      return {
        id: newest.id,
        at: newest.at.toISOString(),
        from: oldest.at.toISOString(),
        actorType: newest.actor_type,
        actorName: str(newest.details.displayName) ?? actor?.display_name ?? null,
        organization,
        action: headline.action,
        targetType: headline.target_type,
        targetId: headline.target_id,
        purposeCode: isAuditPurpose(purpose) ? purpose : null,
        purposeStated: purpose !== null && !isAuditPurpose(purpose) ? purpose : null,
        steps: [...steps].reverse().map((r) => ({
          id: r.id,
          at: r.at.toISOString(),
          action: r.action,
          file: str(r.details.kind),
        })),
      };
    }),
    nextBefore: more && last ? last.id : null,
  };
}
