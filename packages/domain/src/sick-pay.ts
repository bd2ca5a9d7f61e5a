/**
 * Sickness allowance (chế độ ốm đau) claimed by an employer unit from the clinics' sick-leave
 * certificates (XML11, form CT07), dossier 630a (issue #27 item 5). Pure: the working-day calendar
 * is `working-days.ts`, the callers read the periods and earlier benefits.
 *
 * The rules, Luật Bảo hiểm xã hội 41/2024/QH15 (in force 2025-07-01), as Law 58/2014/QH13 had them:
 * - Art. 43(1) (Law 58/2014: Art. 26(1)): at most, in a year, counted in working days excluding
 *   public holidays, Tết and weekly rest days, 30 days with less than 15 years of contributions, 40
 *   from 15 to less than 30 years, 60 from 30 years; in heavy, hazardous or dangerous jobs (the
 *   ministries' list) or where the regional allowance is 0.7 or more: 40, 50 and 70 days.
 * - Art. 45(1) (Law 58/2014: Art. 28(1)): a month of allowance is 75 % of the salary on which
 *   contributions were paid in the month before the month of leave; for a worker who starts (or
 *   returns after a gap) and falls ill in that first month, 75 % of that month's salary.
 * - Art. 45 (Law 58/2014: Art. 28(4)): a day of allowance is the monthly allowance ÷ 24.
 *
 * Verification: the figures (30/40/60, 40/50/70, 75 %, ÷ 24) agree with BHXH Việt Nam's own summary
 * of the 2024 law ("Key amendments to the sickness benefit under the 2024 Law on Social Insurance",
 * vss.gov.vn, 04/07/2025: "30 to 70 days within a year, depending on working conditions", "75 % of
 * the salary used as the basis for social insurance contributions") and with Law 58/2014's text;
 * the 2024 law's article and clause numbers above are our reading and marked `assumption` until
 * checked against the official gazette. Not modelled (named in docs/features.md): the diseases of
 * the Ministry of Health's long-term list (180 days, then lower rates, Art. 43(2)), half days
 * (Art. 45(5)), a child's illness (Art. 44) and convalescence (Art. 46).
 */

import type { Effective } from './parameter-types';
import { isWorkingDay, shiftDay } from './working-days';

export interface SicknessRule {
  /** The share of the contribution salary paid for a month of leave, in basis points. */
  rateBp: number;
  /** A month of allowance is paid for this many days. */
  daysPerMonth: number;
  /** Contribution years from which the longer limits apply (15, 30). */
  thresholdYears: readonly [number, number];
  /** Yearly working days allowed below, between and above the thresholds. */
  yearlyDays: { normal: readonly [number, number, number]; heavy: readonly [number, number, number] };
}

const RULE: SicknessRule = {
  rateBp: 7500,
  daysPerMonth: 24,
  thresholdYears: [15, 30],
  yearlyDays: { normal: [30, 40, 60], heavy: [40, 50, 70] },
};

/** Effective-dated: the same figures under both laws. */
export const SICKNESS_RULES: readonly Effective<SicknessRule>[] = [
  {
    from: '2016-01-01',
    value: RULE,
    source: 'Luật BHXH 58/2014/QH13 Art. 26(1), Art. 28(1),(4)',
  },
  {
    from: '2025-07-01',
    value: RULE,
    source: 'Luật BHXH 41/2024/QH15 Art. 43(1), Art. 45(1); figures as vss.gov.vn 04/07/2025',
    assumption: true,
    note: 'article and clause numbers of the 2024 law are our reading; the figures are confirmed',
  },
];

export function sicknessRuleOn(day: string): Effective<SicknessRule> {
  let found = SICKNESS_RULES[0];
  for (const row of SICKNESS_RULES) if (row.from <= day) found = row;
  if (!found) throw new Error('no sickness rule');
  return found;
}

/** The yearly limit in working days for a worker with `contributionMonths` of paid contributions. */
export function yearlySicknessLimit(
  rule: SicknessRule,
  contributionMonths: number,
  heavyWork: boolean,
): number {
  const years = Math.floor(contributionMonths / 12);
  const table = heavyWork ? rule.yearlyDays.heavy : rule.yearlyDays.normal;
  if (years >= rule.thresholdYears[1]) return table[2];
  if (years >= rule.thresholdYears[0]) return table[1];
  return table[0];
}

/** The working days from `from` to `to`, both included, per calendar year. */
export function workingDaysByYear(from: string, to: string): Map<number, number> {
  const out = new Map<number, number>();
  for (let d = from; d <= to; d = shiftDay(d, 1)) {
    if (!isWorkingDay(d)) continue;
    const year = Number(d.slice(0, 4));
    out.set(year, (out.get(year) ?? 0) + 1);
  }
  return out;
}

/** The last day of a sick leave: its `to` when the certificate has one, else `from` + days − 1. */
export function sickLeaveEnd(from: string, days: number, to?: string | null): string {
  return to ?? shiftDay(from, Math.max(1, days) - 1);
}

/** A contribution period of the worker (compulsory BHXH), months `yyyy-mm`. */
export interface SalaryPeriod {
  from: string;
  to: string;
  salary: number;
}

/**
 * The contribution salary the allowance is computed from: the month before the month the leave
 * starts; when no period covers it (a new worker, or one back after a gap), the leave's own month
 * (Art. 45(1)). Null when neither month has a period (not insured at the start of the leave).
 */
export function sicknessSalaryBasis(
  periods: readonly SalaryPeriod[],
  leaveFrom: string,
): { month: string; salary: number } | null {
  const month = leaveFrom.slice(0, 7);
  const year = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  const before = m === 1 ? `${year - 1}-12` : `${year}-${String(m - 1).padStart(2, '0')}`;
  for (const wanted of [before, month]) {
    // The newest period covering the month (a salary change takes the latest row).
    let found: SalaryPeriod | undefined;
    for (const p of periods)
      if (p.from <= wanted && wanted <= p.to && (!found || p.from >= found.from)) found = p;
    if (found) return { month: wanted, salary: found.salary };
  }
  return null;
}

export interface SickPayInput {
  /** First and last day of the leave (the certificate's TU_NGAY, DEN_NGAY). */
  from: string;
  to: string;
  /** The contribution salary of `sicknessSalaryBasis`, VND a month. */
  monthlySalary: number;
  /** Months of paid compulsory BHXH contributions before the leave. */
  contributionMonths: number;
  /** Heavy, hazardous or dangerous work, or a regional allowance of 0.7 or more. */
  heavyWork: boolean;
  /** Working days of sickness allowance already granted, per calendar year. */
  usedDays: Readonly<Record<number, number>>;
}

export interface SickPayYear {
  year: number;
  /** Working days of the leave in that year. */
  workingDays: number;
  limit: number;
  used: number;
  /** Days paid: the working days, within what the limit leaves. */
  paidDays: number;
}

export interface SickPayResult {
  workingDays: number;
  paidDays: number;
  /** VND: round(salary × 75 % ÷ 24 × paid days). */
  amount: number;
  years: SickPayYear[];
  rateBp: number;
  daysPerMonth: number;
  source: string;
}

/** The sickness allowance of one leave (see the module's comment for the rules and sources). */
export function computeSickPay(input: SickPayInput): SickPayResult {
  const effective = sicknessRuleOn(input.from);
  const rule = effective.value;
  const limit = yearlySicknessLimit(rule, input.contributionMonths, input.heavyWork);
  const usedOf = (year: number): number => input.usedDays[year] ?? 0;
  const years: SickPayYear[] = [];
  for (const [year, days] of workingDaysByYear(input.from, input.to)) {
    const used = usedOf(year);
    years.push({ year, workingDays: days, limit, used, paidDays: Math.max(0, Math.min(days, limit - used)) });
  }
  const workingDays = years.reduce((s, y) => s + y.workingDays, 0);
  const paidDays = years.reduce((s, y) => s + y.paidDays, 0);
  // Whole VND, rounded once at the end (no rounding of the monthly or daily amount).
  const amount = Math.round((input.monthlySalary * rule.rateBp * paidDays) / (10_000 * rule.daysPerMonth));
  return {
    workingDays,
    paidDays,
    amount,
    years,
    rateBp: rule.rateBp,
    daysPerMonth: rule.daysPerMonth,
    source: effective.source,
  };
}
