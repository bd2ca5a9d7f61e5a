/**
 * Quá trình tham gia: totals, gaps and owed months of a person's participation periods, per
 * scheme. Pure functions over month ranges (`yyyy-mm`, both ends included), as the participation
 * table stores them (one row per continuous period of one scheme at one unit and salary).
 *
 * Rules (ASSUMPTIONS, named so they can be corrected):
 * - A month counts once per scheme, however many periods cover it (two employers in the same
 *   month, a correction row overlapping the original): "overlapping periods count once".
 * - Only PAID months count toward the total ("đã đóng"); owed months (the unit has not paid,
 *   "nợ đóng") are shown apart and do not count until paid. A month both paid (by one unit) and
 *   owed (by another) counts as paid and is not listed as owed.
 * - A gap is a run of months between the first and the last month of a scheme that no period
 *   covers, paid or owed; months before the first or after the last period are not gaps.
 * - Totals in years and months are plain division (30 months = 2 years 6 months); the rounding of
 *   odd months into half or whole years for benefits is the calculators' business (`countYears`).
 */

export const PARTICIPATION_SCHEMES = [
  'bhxh_compulsory',
  'bhxh_voluntary',
  'bhtn',
  'bhtnld_bnn',
  'bhyt',
] as const;
export type Scheme = (typeof PARTICIPATION_SCHEMES)[number];

export interface PeriodForSummary {
  scheme: Scheme;
  /** `yyyy-mm`, first month. */
  from: string;
  /** `yyyy-mm`, last month (included). */
  to: string;
  status: 'paid' | 'owed';
  /** The employer unit responsible for paying (null for voluntary periods paid by the person). */
  unitCode: string | null;
}

export interface MonthRange {
  from: string;
  to: string;
  months: number;
}

export interface OwedRange extends MonthRange {
  /** The unit responsible for the unpaid months (null: the person, for voluntary periods). */
  unitCode: string | null;
}

export interface SchemeSummary {
  scheme: Scheme;
  /** Distinct paid months. */
  months: number;
  /** The same as whole years and the months left over. */
  years: number;
  remainderMonths: number;
  /** Distinct owed months that no paid period covers. */
  owedMonths: number;
  /** First and last month covered (paid or owed); null when the scheme has no period. */
  firstMonth: string | null;
  lastMonth: string | null;
  gaps: MonthRange[];
  /** Runs of owed months, per responsible unit, oldest first. */
  owed: OwedRange[];
}

export interface ParticipationSummary {
  schemes: SchemeSummary[];
  /** BHXH compulsory and voluntary together (a month in both counts once): what pensions count. */
  bhxhCombined: { months: number; years: number; remainderMonths: number };
}

const YYYY_MM = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** `yyyy-mm` → a month number (year × 12 + month − 1); throws on a malformed month. */
export function monthNumber(yyyymm: string): number {
  const m = YYYY_MM.exec(yyyymm);
  if (!m) throw new RangeError(`not a yyyy-mm month: ${yyyymm}`);
  return Number(m[1]) * 12 + Number(m[2]) - 1;
}

/** A month number → `yyyy-mm`. */
export function monthString(n: number): string {
  return `${String(Math.floor(n / 12)).padStart(4, '0')}-${String((n % 12) + 1).padStart(2, '0')}`;
}

type Interval = [number, number];

/** Sorted, disjoint, non-adjacent intervals covering the same months as the input. */
export function mergeIntervals(intervals: readonly Interval[]): Interval[] {
  const sorted = intervals.filter(([a, b]) => b >= a).sort((x, y) => x[0] - y[0] || x[1] - y[1]);
  const out: Interval[] = [];
  for (const [a, b] of sorted) {
    const last = out[out.length - 1];
    if (last && a <= last[1] + 1) last[1] = Math.max(last[1], b);
    else out.push([a, b]);
  }
  return out;
}

const size = (merged: readonly Interval[]) => merged.reduce((n, [a, b]) => n + b - a + 1, 0);

/** Months of `of` not covered by `minus` (both merged), as merged intervals. */
function subtract(of: readonly Interval[], minus: readonly Interval[]): Interval[] {
  const out: Interval[] = [];
  for (const [a0, b] of of) {
    let a = a0;
    for (const [c, d] of minus) {
      if (d < a || c > b) continue;
      if (c > a) out.push([a, c - 1]);
      a = Math.max(a, d + 1);
      if (a > b) break;
    }
    if (a <= b) out.push([a, b]);
  }
  return out;
}

const range = ([a, b]: Interval): MonthRange => ({
  from: monthString(a),
  to: monthString(b),
  months: b - a + 1,
});

const yearsAndMonths = (months: number) => ({
  months,
  years: Math.floor(months / 12),
  remainderMonths: months % 12,
});

/** The summary of one scheme's periods (periods of other schemes are ignored). */
export function summarizeScheme(scheme: Scheme, periods: readonly PeriodForSummary[]): SchemeSummary {
  const own = periods.filter((p) => p.scheme === scheme);
  const interval = (p: PeriodForSummary): Interval => [monthNumber(p.from), monthNumber(p.to)];
  const paid = mergeIntervals(own.filter((p) => p.status === 'paid').map(interval));
  const all = mergeIntervals(own.map(interval));
  const first = all[0];
  const last = all[all.length - 1];
  const gaps: MonthRange[] = [];
  for (let i = 1; i < all.length; i++) {
    const prev = all[i - 1];
    const cur = all[i];
    if (prev && cur) gaps.push(range([prev[1] + 1, cur[0] - 1]));
  }
  // Owed runs per unit, minus the months some paid period covers.
  const byUnit = new Map<string | null, Interval[]>();
  for (const p of own) {
    if (p.status !== 'owed') continue;
    const list = byUnit.get(p.unitCode) ?? [];
    list.push(interval(p));
    byUnit.set(p.unitCode, list);
  }
  const owed: OwedRange[] = [];
  for (const [unitCode, list] of byUnit) {
    for (const iv of subtract(mergeIntervals(list), paid)) owed.push({ ...range(iv), unitCode });
  }
  owed.sort((x, y) => x.from.localeCompare(y.from) || (x.unitCode ?? '').localeCompare(y.unitCode ?? ''));
  const owedAll = subtract(mergeIntervals(own.filter((p) => p.status === 'owed').map(interval)), paid);
  const total = yearsAndMonths(size(paid));
  return {
    scheme,
    months: total.months,
    years: total.years,
    remainderMonths: total.remainderMonths,
    owedMonths: size(owedAll),
    firstMonth: first ? monthString(first[0]) : null,
    lastMonth: last ? monthString(last[1]) : null,
    gaps,
    owed,
  };
}

/** Totals, gaps and owed months for every scheme, in the order of `PARTICIPATION_SCHEMES`. */
export function summarizeParticipation(periods: readonly PeriodForSummary[]): ParticipationSummary {
  const bhxh = mergeIntervals(
    periods
      .filter((p) => p.status === 'paid' && (p.scheme === 'bhxh_compulsory' || p.scheme === 'bhxh_voluntary'))
      .map((p): Interval => [monthNumber(p.from), monthNumber(p.to)]),
  );
  return {
    schemes: PARTICIPATION_SCHEMES.map((s) => summarizeScheme(s, periods)),
    bhxhCombined: yearsAndMonths(size(bhxh)),
  };
}

/** Paid BHXH (compulsory or voluntary) months as merged `yyyy-mm` ranges, for the calculators. */
export function paidBhxhRanges(periods: readonly PeriodForSummary[]): { from: string; to: string }[] {
  return mergeIntervals(
    periods
      .filter((p) => p.status === 'paid' && (p.scheme === 'bhxh_compulsory' || p.scheme === 'bhxh_voluntary'))
      .map((p): Interval => [monthNumber(p.from), monthNumber(p.to)]),
  ).map(([a, b]) => ({ from: monthString(a), to: monthString(b) }));
}
