/**
 * Estimates from a person's own history, for information only: a decision of the agency is what
 * counts. Law: Luật BHXH 41/2024/QH15 (from 2025-07-01).
 */

export interface PensionEstimate {
  eligible: boolean;
  /** Rate of the average salary, in basis points. */
  rateBp: number;
  monthlyAmount: number;
  /** Years counted, with half years for odd months (1–6 months = ½, 7–11 = 1: assumption). */
  yearsCounted: number;
  ruleApplied: string[];
}

/** Years counted from months: full years, then 1–6 odd months = half a year, 7–11 = a year. */
export function countYears(months: number): number {
  const full = Math.floor(months / 12);
  const odd = months % 12;
  return full + (odd === 0 ? 0 : odd <= 6 ? 0.5 : 1);
}

/**
 * Monthly pension rate (Art. 66): women 45 % at 15 years + 2 % per further year; men 45 % at
 * 20 years + 2 % per further year, men with 15–19 years 40 % + 1 % per further year; at most 75 %;
 * fewer than 15 years: no pension.
 */
export function estimatePension(input: {
  gender: 'male' | 'female';
  contributionMonths: number;
  averageSalary: number;
}): PensionEstimate {
  const months = Math.max(0, Math.floor(input.contributionMonths));
  const years = countYears(months);
  const rules: string[] = [];
  // Eligibility and the 20-year step need whole years of contributions; odd months only add to the rate.
  if (months < 180)
    return {
      eligible: false,
      rateBp: 0,
      monthlyAmount: 0,
      yearsCounted: years,
      ruleApplied: ['under_15_years'],
    };
  let rateBp: number;
  if (input.gender === 'female') {
    rateBp = 4500 + Math.round((years - 15) * 200);
    rules.push('female_45pct_at_15y_plus_2pct');
  } else if (months < 240) {
    rateBp = 4000 + Math.round((years - 15) * 100);
    rules.push('male_15_19y_40pct_plus_1pct');
  } else {
    rateBp = 4500 + Math.round((years - 20) * 200);
    rules.push('male_45pct_at_20y_plus_2pct');
  }
  if (rateBp > 7500) {
    rateBp = 7500;
    rules.push('cap_75pct');
  }
  return {
    eligible: true,
    rateBp,
    monthlyAmount: Math.round((input.averageSalary * rateBp) / 10_000),
    yearsCounted: years,
    ruleApplied: rules,
  };
}

export interface OneTimeEstimate {
  monthsBefore2014: number;
  monthsFrom2014: number;
  /** Months of average salary the benefit amounts to. */
  benefitMonths: number;
  amount: number;
  ruleApplied: string[];
}

const monthIndex = (yyyymm: string) => Number(yyyymm.slice(0, 4)) * 12 + Number(yyyymm.slice(5, 7)) - 1;
const JAN_2014 = 2014 * 12;

/**
 * One-time BHXH (Art. 71): 1.5 months of average salary per year of contributions before 2014,
 * 2 months per year from 2014. Odd months before 2014 are carried into the later period, and odd
 * months of the total count as half a year (1–6) or a year (7–11): an assumption from the practice
 * under Luật 58/2014/QH13, to be confirmed.
 */
export function estimateOneTimeBhxh(input: {
  periods: readonly { from: string; to: string }[];
  averageSalary: number;
}): OneTimeEstimate {
  let before = 0;
  let after = 0;
  for (const p of input.periods) {
    const from = monthIndex(p.from);
    const to = monthIndex(p.to);
    if (to < from) continue;
    before += Math.max(0, Math.min(to, JAN_2014 - 1) - from + 1);
    after += Math.max(0, to - Math.max(from, JAN_2014) + 1);
  }
  const yearsBefore = Math.floor(before / 12);
  const carried = after + (before % 12);
  const benefitMonths = yearsBefore * 1.5 + countYears(carried) * 2;
  return {
    monthsBefore2014: before,
    monthsFrom2014: after,
    benefitMonths,
    amount: Math.round(input.averageSalary * benefitMonths),
    ruleApplied: [
      '1.5_months_per_year_before_2014',
      '2_months_per_year_from_2014',
      'odd_months_carried_and_rounded',
    ],
  };
}

/**
 * Who may draw one-time BHXH under Luật 41/2024/QH15, Art. 70, as data (UNCONFIRMED in the domain
 * reference: correct the rows, not the code).
 */
export const ONE_TIME_CONDITIONS = [
  {
    code: 'retirement_age_under_15_years',
    text: 'reached retirement age with fewer than 15 years and not continuing voluntarily',
  },
  { code: 'settling_abroad', text: 'going to settle abroad' },
  {
    code: 'serious_illness',
    text: 'suffering from a life-threatening illness named by the Ministry of Health',
  },
  {
    code: 'pre_2025_twelve_months_break',
    text: 'participated before 2025-07-01, 12 months without contributions and fewer than 20 years',
  },
] as const;
export type OneTimeCondition = (typeof ONE_TIME_CONDITIONS)[number]['code'];
