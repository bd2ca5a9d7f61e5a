import { type CompulsoryRates, entryAt, parameterAt, type Region } from './parameters';
import { err, ok, type Result } from './result';

export type Fund = keyof CompulsoryRates;
export const FUNDS: readonly Fund[] = [
  'pension',
  'sicknessMaternity',
  'occupational',
  'health',
  'unemployment',
];

export interface CompulsoryContribution {
  month: string;
  /** The salary contributions are computed on, after the caps, VND. */
  basis: { bhxhBhyt: number; bhtn: number };
  /** Per fund, VND for the month. */
  funds: Record<Fund, { employee: number; employer: number }>;
  totals: { employee: number; employer: number; all: number };
  /** Employee and employer rates applied, in basis points, and where they come from. */
  rates: { employee: number; employer: number; source: string };
}

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/**
 * Monthly compulsory contributions for one employee (Luật BHXH 41/2024/QH15 and, for earlier
 * months, the rules of their time): the salary capped at 20 × the base salary / reference level
 * for BHXH and BHYT and at 20 × the regional minimum wage for BHTN (20 × base before 2015).
 * Amounts are rounded to the đồng per fund.
 */
export function computeCompulsoryContributions(input: {
  salary: number;
  month: string;
  region: Region;
  reducedOccupationalRate?: boolean;
}): Result<CompulsoryContribution> {
  if (!MONTH.test(input.month)) return err('contribution.month', 'month must be yyyy-mm', 'month');
  if (!Number.isFinite(input.salary) || input.salary < 0)
    return err('contribution.salary', 'salary must be a non-negative amount', 'salary');
  const date = `${input.month}-01`;
  const base = parameterAt('baseSalary', date);
  const caps = parameterAt('salaryCaps', date);
  const ratesRow = entryAt('compulsoryRates', date);
  const r = ratesRow.value;
  const bhxhBhyt = Math.min(input.salary, caps.bhxhBhytTimesBase * base);
  const bhtnCap =
    caps.bhtnTimesRegionalMinimum !== null
      ? caps.bhtnTimesRegionalMinimum * parameterAt('regionalMinimumWage', date)[input.region]
      : (caps.bhtnTimesBase ?? 20) * base;
  const bhtn = Math.min(input.salary, bhtnCap);
  const amount = (basis: number, bp: number) => Math.round((basis * bp) / 10_000);
  const occupationalEmployer = input.reducedOccupationalRate
    ? r.occupational.employerReduced
    : r.occupational.employer;
  const funds: Record<Fund, { employee: number; employer: number }> = {
    pension: {
      employee: amount(bhxhBhyt, r.pension.employee),
      employer: amount(bhxhBhyt, r.pension.employer),
    },
    sicknessMaternity: {
      employee: amount(bhxhBhyt, r.sicknessMaternity.employee),
      employer: amount(bhxhBhyt, r.sicknessMaternity.employer),
    },
    occupational: {
      employee: amount(bhxhBhyt, r.occupational.employee),
      employer: amount(bhxhBhyt, occupationalEmployer),
    },
    health: { employee: amount(bhxhBhyt, r.health.employee), employer: amount(bhxhBhyt, r.health.employer) },
    unemployment: {
      employee: amount(bhtn, r.unemployment.employee),
      employer: amount(bhtn, r.unemployment.employer),
    },
  };
  const employee = FUNDS.reduce((s, f) => s + funds[f].employee, 0);
  const employer = FUNDS.reduce((s, f) => s + funds[f].employer, 0);
  const employeeBp =
    r.pension.employee +
    r.sicknessMaternity.employee +
    r.occupational.employee +
    r.health.employee +
    r.unemployment.employee;
  const employerBp =
    r.pension.employer +
    r.sicknessMaternity.employer +
    occupationalEmployer +
    r.health.employer +
    r.unemployment.employer;
  return ok({
    month: input.month,
    basis: { bhxhBhyt, bhtn },
    funds,
    totals: { employee, employer, all: employee + employer },
    rates: { employee: employeeBp, employer: employerBp, source: ratesRow.source },
  });
}

export type SupportGroup = 'poor' | 'near_poor' | 'ethnic_minority' | 'other';

export interface VoluntaryContribution {
  contribution: number;
  stateSupport: number;
  personPays: number;
  minimumIncome: number;
  maximumIncome: number;
}

/**
 * Monthly voluntary BHXH (NĐ 159/2025/NĐ-CP and earlier rules): 22 % of the income the person
 * chooses, between the minimum (rural poverty line) and 20 × the base salary / reference level;
 * the state supports a share of the contribution on the minimum income, by group, for a limited
 * number of months where the rules of the time limit it.
 */
export function computeVoluntaryContribution(input: {
  chosenIncome: number;
  month: string;
  group: SupportGroup;
  monthsSupportedSoFar: number;
}): Result<VoluntaryContribution> {
  if (!MONTH.test(input.month)) return err('voluntary.month', 'month must be yyyy-mm', 'month');
  const date = `${input.month}-01`;
  const v = parameterAt('voluntary', date);
  const maximumIncome = v.maximumTimesBase * parameterAt('baseSalary', date);
  if (!Number.isFinite(input.chosenIncome) || input.chosenIncome < v.minimumIncome) {
    return err(
      'voluntary.income_too_low',
      `the income must be at least ${v.minimumIncome} VND`,
      'chosenIncome',
    );
  }
  if (input.chosenIncome > maximumIncome)
    return err('voluntary.income_too_high', `the income may be at most ${maximumIncome} VND`, 'chosenIncome');
  const contribution = Math.round((input.chosenIncome * v.rateBp) / 10_000);
  const support = parameterAt('voluntarySupport', date);
  const shareBp = {
    poor: support.poor,
    near_poor: support.nearPoor,
    ethnic_minority: support.ethnicMinority,
    other: support.other,
  }[input.group];
  const supported = support.maxMonths === null || input.monthsSupportedSoFar < support.maxMonths;
  const stateSupport = supported
    ? Math.round((((v.minimumIncome * v.rateBp) / 10_000) * shareBp) / 10_000)
    : 0;
  return ok({
    contribution,
    stateSupport,
    personPays: contribution - stateSupport,
    minimumIncome: v.minimumIncome,
    maximumIncome,
  });
}
