import { type OneTimeCondition, parameterEntryAt, parameterHistory } from './parameters';

/**
 * Estimates from a person's own history, for information only: the agency's decision is what
 * counts. Rules from the parameter table (parameter-table.ts): `pensionAccrual`,
 * `oneTimeBhxhMonthsPerYear`, `oneTimeBhxhUnderOneYear`, `oneTimeBhxhConditions`.
 *
 * Not modelled: reductions for early retirement, the minimum pension, revaluation of past
 * salaries (the caller passes the revalued average salary), special groups (armed forces,
 * hazardous work, part-time commune officials).
 */

/**
 * Years counted from months (ASSUMPTION, from the practice under Luật BHXH 58/2014/QH13 —
 * NĐ 115/2015/NĐ-CP and TT 59/2015/TT-BLĐTBXH): full years, then 1–6 odd months = half a year,
 * 7–11 odd months = a whole year.
 */
export function countYears(months: number): number {
  const whole = Math.max(0, Math.floor(months));
  const odd = whole % 12;
  return Math.floor(whole / 12) + (odd === 0 ? 0 : odd <= 6 ? 0.5 : 1);
}

/** Untyped callers (forms, JSON) may pass anything: checked at run time. */
const GENDERS: readonly string[] = ['male', 'female'];

export interface PensionEstimate {
  eligible: boolean;
  /** Monthly pension as a percent of the average salary (e.g. 47.5); 0 when not eligible. */
  rate: number;
  /** The same rate in basis points. */
  rateBp: number;
  /** Monthly pension, VND (rate × average salary, rounded half up to the đồng). */
  monthlyAmount: number;
  /** Trợ cấp một lần khi nghỉ hưu for the years beyond those giving 75 %, VND. */
  lumpSumOnRetirement: number;
  /** Total months of contributions the estimate used. */
  contributionMonths: number;
  /** Years counted for the rate (odd months as half or whole years). */
  yearsCounted: number;
  /** Why there is no pension, when `eligible` is false. */
  reason?: { code: 'pension.under_minimum_years' | 'pension.bad_input'; message: string };
  /** Stable codes of the rules applied, in order. */
  ruleApplied: string[];
  /** The same in English sentences, with the numbers used (for developers and logs). */
  explanation: string[];
  /** Where the rules come from. */
  source: string;
}

/**
 * Monthly pension rate and amount. Under Luật BHXH 41/2024/QH15, Art. 66 (from 2025-07-01):
 * women 45 % at 15 years + 2 % per further year; men 45 % at 20 years + 2 % per further year; men
 * with 15–19 years 40 % at 15 years + 1 % per further year; at most 75 %; fewer than 15 years: no
 * monthly pension. Earlier rules (Laws 71/2006 and 58/2014) apply when `retirementDate` is before
 * 2025-07-01. Odd months count as half or whole years for the rate (see `countYears`); the
 * minimum years must be reached in whole months.
 *
 * @param input.contributionYears whole years of contributions (default 0)
 * @param input.contributionMonths further months (default 0; may exceed 11)
 * @param input.averageSalary the (revalued) average monthly salary contributions were paid on, VND
 * @param input.retirementDate `yyyy-mm-dd` the pension starts; selects the rules. Default: the
 *        latest rules in the table (Law 41/2024).
 */
export function estimatePension(input: {
  gender: 'male' | 'female';
  contributionYears?: number;
  contributionMonths?: number;
  averageSalary: number;
  retirementDate?: string;
}): PensionEstimate {
  const history = parameterHistory('pensionAccrual');
  const row =
    input.retirementDate === undefined
      ? history[history.length - 1]
      : parameterEntryAt('pensionAccrual', input.retirementDate);
  const years = input.contributionYears ?? 0;
  const extra = input.contributionMonths ?? 0;
  const months = years * 12 + extra;
  const base = {
    rate: 0,
    rateBp: 0,
    monthlyAmount: 0,
    lumpSumOnRetirement: 0,
    contributionMonths: Number.isFinite(months) ? months : 0,
    yearsCounted: 0,
    source: row?.source ?? '',
  };
  if (
    row === undefined ||
    !Number.isSafeInteger(years) ||
    !Number.isSafeInteger(extra) ||
    years < 0 ||
    extra < 0 ||
    !Number.isFinite(input.averageSalary) ||
    input.averageSalary < 0 ||
    !GENDERS.includes(input.gender)
  ) {
    const message = 'years and months must be non-negative integers and the salary a non-negative amount';
    return {
      ...base,
      eligible: false,
      reason: { code: 'pension.bad_input', message },
      ruleApplied: ['bad_input'],
      explanation: [message],
    };
  }

  const rules = row.value;
  const counted = countYears(months);
  const explanation = [
    `${months} months of contributions (${Math.floor(months / 12)} years ${months % 12} months) count as ${counted} years.`,
  ];
  if (months < rules.minimumYears * 12) {
    const message = `a monthly pension needs at least ${rules.minimumYears} years of contributions`;
    return {
      ...base,
      yearsCounted: counted,
      eligible: false,
      reason: { code: 'pension.under_minimum_years', message },
      ruleApplied: [`under_${rules.minimumYears}_years`],
      explanation: [...explanation, `Not eligible: ${message}.`],
    };
  }

  const ruleApplied: string[] = [];
  let rateBp: number;
  const scale = rules[input.gender];
  if (input.gender === 'male' && rules.maleShort !== null && counted < rules.male.baseYears) {
    const short = rules.maleShort;
    rateBp = short.baseRateBp + Math.round((counted - short.fromYears) * short.perYearBp);
    ruleApplied.push(
      `male_${short.baseRateBp / 100}pct_at_${short.fromYears}y_plus_${short.perYearBp / 100}pct`,
    );
    explanation.push(
      `Men with ${short.fromYears}–${rules.male.baseYears - 1} years: ${short.baseRateBp / 100} % at ${short.fromYears} years + ${short.perYearBp / 100} % per further year.`,
    );
  } else {
    rateBp = scale.baseRateBp + Math.round(Math.max(0, counted - scale.baseYears) * scale.perYearBp);
    ruleApplied.push(
      `${input.gender}_${scale.baseRateBp / 100}pct_at_${scale.baseYears}y_plus_${scale.perYearBp / 100}pct`,
    );
    explanation.push(
      `${input.gender === 'female' ? 'Women' : 'Men'}: ${scale.baseRateBp / 100} % at ${scale.baseYears} years + ${scale.perYearBp / 100} % per further year.`,
    );
  }
  let lumpSumOnRetirement = 0;
  if (rateBp >= rules.capBp) {
    if (rateBp > rules.capBp) ruleApplied.push(`cap_${rules.capBp / 100}pct`);
    rateBp = rules.capBp;
    const yearsAtCap = scale.baseYears + (rules.capBp - scale.baseRateBp) / scale.perYearBp;
    const beyond = counted - yearsAtCap;
    if (beyond > 0) {
      lumpSumOnRetirement = Math.round(input.averageSalary * beyond * rules.lumpSumMonthsPerYearBeyondCap);
      ruleApplied.push('lump_sum_beyond_cap');
      explanation.push(
        `${beyond} years beyond the ${yearsAtCap} giving ${rules.capBp / 100} %: ${rules.lumpSumMonthsPerYearBeyondCap} month of average salary each, paid once.`,
      );
    }
  }
  const monthlyAmount = Math.round((input.averageSalary * rateBp) / 10_000);
  explanation.push(`Rate ${rateBp / 100} % of ${input.averageSalary} VND = ${monthlyAmount} VND a month.`);
  return {
    ...base,
    eligible: true,
    rate: rateBp / 100,
    rateBp,
    monthlyAmount,
    lumpSumOnRetirement,
    yearsCounted: counted,
    ruleApplied,
    explanation,
  };
}

export interface OneTimeEstimate {
  /** Months of contributions per rate period, oldest first (e.g. before 2014 at 1.5, from 2014 at 2). */
  periods: { from: string; monthsPerYear: number; months: number; yearsCounted: number }[];
  /** Months of contributions before 2014 and from 2014 (distinct months; overlaps count once). */
  monthsBefore2014: number;
  monthsFrom2014: number;
  /** Months of average salary the benefit amounts to. */
  benefitMonths: number;
  /** The estimate, VND (average salary × benefit months, rounded half up to the đồng). */
  amount: number;
  /** Periods that were ignored, by index, with the reason. */
  ignoredPeriods: { index: number; reason: string }[];
  ruleApplied: string[];
  explanation: string[];
}

const YYYY_MM = /^(\d{4})-(0[1-9]|1[0-2])$/;
const monthIndex = (yyyymm: string) => Number(yyyymm.slice(0, 4)) * 12 + Number(yyyymm.slice(5, 7)) - 1;
const monthOfIndex = (i: number) => `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}-01`;

/**
 * One-time BHXH (BHXH một lần; Luật BHXH 41/2024/QH15, Art. 72, as Luật 58/2014/QH13, Art. 60):
 * 1.5 months of average salary per year of contributions before 2014, 2 months per year from
 * 2014 (`oneTimeBhxhMonthsPerYear`). Counting (ASSUMPTION, the practice under Law 58/2014 — TT
 * 59/2015/TT-BLĐTBXH): whole years per period; the odd months of an earlier period are carried
 * into the next one; odd months of the last period count as half a year (1–6) or a year (7–11).
 * Under one year in all: the contributions are paid back, 22 % of the salary per month, at most
 * 2 months of average salary (`oneTimeBhxhUnderOneYear`, ASSUMPTION). Who may draw it is a
 * separate question: see `oneTimeBhxhEligibility`.
 *
 * @param input.periods contribution periods, `yyyy-mm` to `yyyy-mm` inclusive
 * @param input.averageSalary the (revalued) average monthly salary, VND
 */
export function estimateOneTimeBhxh(input: {
  periods: readonly { from: string; to: string }[];
  averageSalary: number;
}): OneTimeEstimate {
  const months = new Set<number>();
  const ignoredPeriods: OneTimeEstimate['ignoredPeriods'] = [];
  input.periods.forEach((p, index) => {
    if (!YYYY_MM.test(p.from) || !YYYY_MM.test(p.to))
      ignoredPeriods.push({ index, reason: 'from and to must be yyyy-mm' });
    else if (p.to < p.from) ignoredPeriods.push({ index, reason: 'to is before from' });
    else for (let m = monthIndex(p.from); m <= monthIndex(p.to); m++) months.add(m);
  });
  const salary = Number.isFinite(input.averageSalary) ? Math.max(0, input.averageSalary) : 0;

  // Split the months by the rate rows they fall in.
  const rows = parameterHistory('oneTimeBhxhMonthsPerYear');
  const counts = rows.map(() => 0);
  for (const m of months) {
    const day = monthOfIndex(m);
    let i = 0;
    while (i + 1 < rows.length && (rows[i + 1]?.from ?? '') <= day) i++;
    counts[i] = (counts[i] ?? 0) + 1;
  }
  const monthsFrom2014 = [...months].filter((m) => m >= 2014 * 12).length;
  const total = months.size;
  const explanation = [`${total} distinct months of contributions.`];
  const ruleApplied: string[] = [];
  const periods: OneTimeEstimate['periods'] = [];

  let benefitMonths = 0;
  if (total > 0 && total < 12) {
    const under = parameterEntryAt('oneTimeBhxhUnderOneYear', monthOfIndex(Math.max(...months))).value;
    benefitMonths = Math.min((total * under.rateBp) / 10_000, under.capMonths);
    ruleApplied.push('under_one_year_contributions_paid_back');
    explanation.push(
      `Under one year: ${under.rateBp / 100} % of the salary per month paid back, at most ${under.capMonths} months.`,
    );
    rows.forEach((row, i) => {
      const n = counts[i] ?? 0;
      if (n > 0) periods.push({ from: row.from, monthsPerYear: row.value, months: n, yearsCounted: 0 });
    });
  } else if (total > 0) {
    // Whole years in each period; the odd months move on to the next period; the last period
    // counts its odd months as half or whole years.
    let carried = 0;
    rows.forEach((row, i) => {
      const own = counts[i] ?? 0;
      const n = own + carried;
      const isLast = i === rows.length - 1;
      const yearsCounted = isLast ? countYears(n) : Math.floor(n / 12);
      carried = isLast ? 0 : n % 12;
      if (n === 0) return;
      benefitMonths += yearsCounted * row.value;
      periods.push({ from: row.from, monthsPerYear: row.value, months: own, yearsCounted });
      ruleApplied.push(`${row.value}_months_per_year_from_${row.from.slice(0, 4)}`);
      explanation.push(
        `From ${row.from}: ${own} months${n !== own ? ` + ${n - own} carried` : ''}${carried ? `, ${carried} carried on` : ''} → ${yearsCounted} years × ${row.value} months.`,
      );
    });
    ruleApplied.push('odd_months_carried_then_half_or_whole_year');
  }
  const amount = Math.round(salary * benefitMonths);
  explanation.push(`${benefitMonths} months × ${salary} VND = ${amount} VND.`);
  return {
    periods,
    monthsBefore2014: total - monthsFrom2014,
    monthsFrom2014,
    benefitMonths,
    amount,
    ignoredPeriods,
    ruleApplied,
    explanation,
  };
}

/** What is known about a person, for the one-time BHXH conditions. Unknown = false. */
export interface OneTimeFacts {
  /** Total months of compulsory and voluntary contributions. */
  contributionMonths: number;
  reachedRetirementAge?: boolean;
  /** Continues voluntary BHXH (which rules out the retirement-age condition). */
  continuingVoluntary?: boolean;
  settlingAbroad?: boolean;
  lifeThreateningIllness?: boolean;
  /** Consecutive months, up to now, without compulsory or voluntary contributions. */
  monthsOutOfScheme?: number;
  /** `yyyy-mm` of the first month of contributions. */
  firstContributionMonth?: string;
}

export interface OneTimeEligibility {
  eligible: boolean;
  /** The codes of the conditions met. */
  conditionsMet: OneTimeCondition['code'][];
  /** The conditions in force on the date, as data. */
  conditionsInForce: readonly OneTimeCondition[];
  source: string;
  /** True: the conditions are UNCONFIRMED in the domain reference. */
  unconfirmed: boolean;
}

/**
 * Who may draw one-time BHXH on a date (`yyyy-mm-dd`): any one of the conditions in force
 * (parameter `oneTimeBhxhConditions`, UNCONFIRMED — Luật BHXH 41/2024/QH15, Art. 70 from
 * 2025-07-01; Law 58/2014 and NQ 93/2015/QH13 before).
 */
export function oneTimeBhxhEligibility(facts: OneTimeFacts, isoDate: string): OneTimeEligibility {
  const row = parameterEntryAt('oneTimeBhxhConditions', isoDate);
  const years = facts.contributionMonths / 12;
  const met = (c: OneTimeCondition): boolean => {
    switch (c.code) {
      case 'retirement_age_without_pension':
        return (
          facts.reachedRetirementAge === true && years < c.belowYears && facts.continuingVoluntary !== true
        );
      case 'settling_abroad':
        return facts.settlingAbroad === true;
      case 'life_threatening_illness':
        return facts.lifeThreateningIllness === true;
      case 'out_of_scheme':
        return (
          (facts.monthsOutOfScheme ?? 0) >= c.monthsOut &&
          years < c.belowYears &&
          (c.participatedBefore === null ||
            (facts.firstContributionMonth !== undefined &&
              `${facts.firstContributionMonth}-01` < c.participatedBefore))
        );
    }
  };
  const conditionsMet = row.value.filter(met).map((c) => c.code);
  return {
    eligible: conditionsMet.length > 0,
    conditionsMet,
    conditionsInForce: row.value,
    source: row.source,
    unconfirmed: row.unconfirmed === true,
  };
}
