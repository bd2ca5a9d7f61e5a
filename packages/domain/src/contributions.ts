import { type CompulsoryRates, parameterAt, parameterEntryAt, type Region } from './parameters';
import { err, ok, type Result } from './result';

/** The five funds a compulsory contribution is split into. */
export type Fund = keyof CompulsoryRates;
export const FUNDS: readonly Fund[] = [
  'pension',
  'sicknessMaternity',
  'occupational',
  'health',
  'unemployment',
];

export interface FundAmounts {
  employee: number;
  employer: number;
}

export interface CompulsoryContribution {
  /** `yyyy-mm`. */
  month: string;
  /** The salary each part is computed on, after the caps of the month, VND. */
  basis: { bhxhBhyt: number; bhtn: number };
  /** The caps of the month, VND. */
  caps: { bhxhBhyt: number; bhtn: number };
  /** Per fund, VND for the month. */
  funds: Record<Fund, FundAmounts>;
  totals: { employee: number; employer: number; all: number };
  /** Employee and employer rates applied, basis points, and the rule they come from. */
  rates: { employee: number; employer: number; source: string };
}

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
/** The parameter table covers compulsory contributions from this month. */
const FIRST_MONTH = '1995-01';

const isAmount = (n: unknown): n is number => typeof n === 'number' && Number.isSafeInteger(n) && n >= 0;
/** An amount times a rate in basis points, rounded half up to the đồng. */
const applyBp = (amount: number, bp: number) => Math.round((amount * bp) / 10_000);

/**
 * One employee's compulsory contributions for a month (Luật BHXH 41/2024/QH15 from 2025-07; the
 * rules of their time for earlier months, from the parameter table). The salary is capped at
 * 20 × the base salary / reference level for BHXH and BHYT, and at 20 × the region's minimum wage
 * for BHTN (20 × the base salary before 2015). `reducedOccupationalRate`: the employer qualifies
 * for the 0.3 % BHTNLĐ-BNN rate (NĐ 58/2020/NĐ-CP). Each fund's amount is rounded half up to the
 * đồng; totals are sums of the rounded amounts.
 */
export function computeCompulsoryContributions(input: {
  salary: number;
  month: string;
  region: Region;
  reducedOccupationalRate?: boolean;
}): Result<CompulsoryContribution> {
  if (!MONTH.test(input.month)) return err('contribution.bad_month', 'the month must be yyyy-mm', 'month');
  if (input.month < FIRST_MONTH)
    return err('contribution.month_out_of_range', `months before ${FIRST_MONTH} are not covered`, 'month');
  if (!isAmount(input.salary))
    return err('contribution.bad_salary', 'the salary must be a non-negative integer (VND)', 'salary');
  if (![1, 2, 3, 4].includes(input.region))
    return err('contribution.bad_region', 'the region must be 1, 2, 3 or 4', 'region');

  const base = parameterAt('baseSalary', input.month);
  const caps = parameterAt('salaryCaps', input.month);
  const row = parameterEntryAt('compulsoryRates', input.month);
  const r = row.value;
  const bhxhBhytCap = caps.bhxhBhytTimesBase * base;
  const bhtnCap =
    caps.bhtnTimesRegionalMinimum !== null
      ? caps.bhtnTimesRegionalMinimum * parameterAt('regionalMinimumWage', input.month)[input.region]
      : (caps.bhtnTimesBase ?? caps.bhxhBhytTimesBase) * base;
  const bhxhBhyt = Math.min(input.salary, bhxhBhytCap);
  const bhtn = Math.min(input.salary, bhtnCap);
  const occupationalEmployer = input.reducedOccupationalRate
    ? r.occupational.employerReduced
    : r.occupational.employer;

  const rateOf: Record<Fund, FundAmounts> = {
    pension: r.pension,
    sicknessMaternity: r.sicknessMaternity,
    occupational: { employee: r.occupational.employee, employer: occupationalEmployer },
    health: r.health,
    unemployment: r.unemployment,
  };
  const basisOf = (fund: Fund) => (fund === 'unemployment' ? bhtn : bhxhBhyt);
  const funds = Object.fromEntries(
    FUNDS.map((fund) => [
      fund,
      {
        employee: applyBp(basisOf(fund), rateOf[fund].employee),
        employer: applyBp(basisOf(fund), rateOf[fund].employer),
      },
    ]),
  ) as Record<Fund, FundAmounts>;
  const sum = (pick: (a: FundAmounts) => number, of: Record<Fund, FundAmounts>) =>
    FUNDS.reduce((total, fund) => total + pick(of[fund]), 0);
  const employee = sum((a) => a.employee, funds);
  const employer = sum((a) => a.employer, funds);
  return ok({
    month: input.month,
    basis: { bhxhBhyt, bhtn },
    caps: { bhxhBhyt: bhxhBhytCap, bhtn: bhtnCap },
    funds,
    totals: { employee, employer, all: employee + employer },
    rates: {
      employee: sum((a) => a.employee, rateOf),
      employer: sum((a) => a.employer, rateOf),
      source: row.source,
    },
  });
}

/** Groups with state support for voluntary BHXH: hộ nghèo, hộ cận nghèo, dân tộc thiểu số, others. */
export type SupportGroup = 'poor' | 'near_poor' | 'ethnic_minority' | 'other';

export interface VoluntaryContribution {
  /** The month's contribution: rate × chosen income, VND. */
  contribution: number;
  /** The state's support (a share of the contribution on the minimum income), VND. */
  stateSupport: number;
  /** What the person pays: contribution − support, VND. */
  personPays: number;
  /** The bounds of the income one may choose that month, VND. */
  minimumIncome: number;
  maximumIncome: number;
  rateBp: number;
  /** Support share applied (0 when none, or when the months of support are used up), basis points. */
  supportBp: number;
}

/**
 * One month of voluntary BHXH (NĐ 159/2025/NĐ-CP from 2025-07; earlier rules from the table):
 * 22 % of an income the person chooses between the minimum (the rural poverty line, 1,500,000 VND)
 * and 20 × the reference level. The state pays a share of the contribution on the MINIMUM income,
 * by group (poor 50 %, near-poor 40 %, ethnic minority 30 %, others 20 % from 2025-07), for at
 * most 120 months (`monthsSupportedSoFar` counts the months already supported). Amounts are
 * rounded half up to the đồng.
 */
export function computeVoluntaryContribution(input: {
  chosenIncome: number;
  month: string;
  group: SupportGroup;
  monthsSupportedSoFar: number;
}): Result<VoluntaryContribution> {
  if (!MONTH.test(input.month)) return err('voluntary.bad_month', 'the month must be yyyy-mm', 'month');
  if (input.month < '2008-01')
    return err('voluntary.month_out_of_range', 'voluntary BHXH started in 2008-01', 'month');
  if (!isAmount(input.monthsSupportedSoFar))
    return err(
      'voluntary.bad_months',
      'months supported so far must be a non-negative integer',
      'monthsSupportedSoFar',
    );
  const rule = parameterAt('voluntary', input.month);
  const maximumIncome = rule.maximumTimesBase * parameterAt('baseSalary', input.month);
  if (typeof input.chosenIncome !== 'number' || !Number.isSafeInteger(input.chosenIncome))
    return err('voluntary.bad_income', 'the income must be an integer (VND)', 'chosenIncome');
  if (input.chosenIncome < rule.minimumIncome)
    return err(
      'voluntary.income_too_low',
      `the income must be at least ${rule.minimumIncome} VND`,
      'chosenIncome',
    );
  if (input.chosenIncome > maximumIncome)
    return err('voluntary.income_too_high', `the income may be at most ${maximumIncome} VND`, 'chosenIncome');

  const contribution = applyBp(input.chosenIncome, rule.rateBp);
  const support = parameterAt('voluntarySupport', input.month);
  const groupBp = {
    poor: support.poor,
    near_poor: support.nearPoor,
    ethnic_minority: support.ethnicMinority,
    other: support.other,
  }[input.group];
  const supported = support.maxMonths === null || input.monthsSupportedSoFar < support.maxMonths;
  const supportBp = supported ? groupBp : 0;
  const stateSupport = applyBp(applyBp(rule.minimumIncome, rule.rateBp), supportBp);
  return ok({
    contribution,
    stateSupport,
    personPays: contribution - stateSupport,
    minimumIncome: rule.minimumIncome,
    maximumIncome,
    rateBp: rule.rateBp,
    supportBp,
  });
}
