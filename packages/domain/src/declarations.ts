/**
 * The employer's declarations and monthly statement (issue #27 items 3–4): the rules that need no
 * database. Declarations are service requests of the request engine (`service-requests.ts`
 * `DECLARATION_TYPES`); this file says what they change and how the unit's monthly statement
 * (C12-TS) is computed from the month's salary fund and the payments ledger.
 */

import { parameterAt, parameterEntryAt, type Effective, type Region } from './parameters';
import { computeCompulsoryContributions, FUNDS, type Fund } from './contributions';
import { lastDayOfMonth } from './dates';

export { FUNDS, type Fund };

export const REMOVAL_REASONS = ['contract_ended', 'resigned', 'retired', 'deceased', 'other'] as const;
export type RemovalReason = (typeof REMOVAL_REASONS)[number];

/**
 * Processing time of a declaration (dossiers 600, 600a, 600b). ASSUMPTION, unverified: 5 working
 * days, the time the agency announces for registering a worker and issuing the card (the domain
 * reference names none).
 */
export const DECLARATION_WORKING_DAYS = 5;

// ---------------------------------------------------------------- months

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
export const isMonth = (text: string): boolean => MONTH.test(text);

/** `yyyy-mm` shifted by `n` months. */
export function addMonths(month: string, n: number): string {
  const index = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1 + n;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** The month (`yyyy-mm`) of a day (`yyyy-mm-dd`). */
export const monthOf = (day: string): string => day.slice(0, 7);

/** The last day (`yyyy-mm-dd`) of a month. */
export const endOfMonth = (month: string): string =>
  lastDayOfMonth(Number(month.slice(0, 4)), Number(month.slice(5, 7)));

const dayNumber = (day: string) =>
  Date.UTC(+day.slice(0, 4), +day.slice(5, 7) - 1, +day.slice(8, 10)) / 86_400_000;
/** Whole days from `a` to `b` (`yyyy-mm-dd`), negative when `b` is before `a`. */
export const daysBetween = (a: string, b: string): number => dayNumber(b) - dayNumber(a);

// ---------------------------------------------------------------- declarations

/**
 * The deadline to declare a new worker: 30 days from the start of the work (Luật BHXH
 * 41/2024/QH15 Art. 28 §1; Luật BHXH 58/2014/QH13 Art. 97 §1 before it — our reading, not in the
 * domain reference: UNVERIFIED). Only the start month is declared, so the work is taken to start
 * on its first day. A declaration filed after the deadline is late (D01-TS): it is accepted, the
 * months before the filing are due at once and late-payment interest runs on them from their
 * payment deadlines (`paymentDeadline`).
 */
export function registrationDeadline(startMonth: string): string {
  const first = `${startMonth}-01`;
  const d = new Date(Date.UTC(+first.slice(0, 4), +first.slice(5, 7) - 1, 1 + 30));
  return d.toISOString().slice(0, 10);
}

export function isLateDeclaration(startMonth: string, filedOn: string): boolean {
  return filedOn > registrationDeadline(startMonth);
}

/**
 * How far a month may lie from the month of filing. ASSUMPTION (issue silent, no rule found): a
 * new worker may be declared at most one month ahead (the contract is signed); a back-dated start
 * at most 36 months back, the longest the agency collects arrears without an inspection (our
 * choice, documented in docs/features.md). A removal or an adjustment may take effect from the
 * month before the filing at the earliest: cards already used in earlier months cannot be ended
 * retroactively (ASSUMPTION), and at most one month ahead.
 */
export const DECLARATION_MONTH_LIMITS = {
  add: { back: 36, ahead: 1 },
  remove: { back: 1, ahead: 1 },
  adjust: { back: 1, ahead: 1 },
} as const;

export function monthInWindow(
  kind: keyof typeof DECLARATION_MONTH_LIMITS,
  month: string,
  filedOn: string,
): boolean {
  const filed = monthOf(filedOn);
  const { back, ahead } = DECLARATION_MONTH_LIMITS[kind];
  return month >= addMonths(filed, -back) && month <= addMonths(filed, ahead);
}

/**
 * The object code (mã đối tượng) of the card of a compulsory employee, by the kind of unit:
 * DN for enterprises and household businesses, HC for state agencies and public schools, HX for
 * cooperatives, TK for other organisations (QĐ 1351/QĐ-BHXH Art. 2 as amended by QĐ 1018/QĐ-BHXH,
 * cited by the domain reference for the card number; the mapping from unit kinds is ours and the
 * same as the data generator's: ASSUMPTION). All are benefit level 4 (domain reference).
 */
export function employeeCardObjectCode(unitKind: string): 'DN' | 'HC' | 'HX' | 'TK' {
  switch (unitKind) {
    case 'state_agency':
    case 'school':
      return 'HC';
    case 'cooperative':
      return 'HX';
    case 'other':
      return 'TK';
    default:
      return 'DN';
  }
}

/**
 * The region of the regional minimum wage of a province (the BHTN cap): big cities I, provincial
 * cities II, the rest III (SIMPLIFIED: the decree sets regions per commune; the data generator
 * uses the same table).
 */
export const regionOfProvince = (provinceCode: string): Region =>
  ['01', '79', '31', '48'].includes(provinceCode)
    ? 1
    : ['22', '24', '75', '92', '56'].includes(provinceCode)
      ? 2
      : 3;

/**
 * A card ended by a removal (600a) is valid to the last day of the last month contributed
 * (ASSUMPTION: the card follows the contributions month by month; the domain reference is
 * silent), and never before the day it was ended.
 */
export function cardEndOnRemoval(endMonth: string, today: string): string {
  const end = endOfMonth(endMonth);
  return end < today ? today : end;
}

/**
 * A compulsory worker's card is valid while their period runs: to the end of the year of the last
 * month recorded (the 600's card, like the generator's, runs to the end of the year; the monthly
 * close that reaches January extends it to the end of the new year). ASSUMPTION: the domain
 * reference does not give the validity printed on an employee's card; the card follows the
 * contribution months as the removal's end does (`cardEndOnRemoval`).
 */
export const runningCardValidTo = (month: string): string => `${month.slice(0, 4)}-12-31`;

// ---------------------------------------------------------------- the monthly statement (C12-TS)

/**
 * The months the unit's electronic account covers: from 2025-07 (the month Luật BHXH
 * 41/2024/QH15 took effect). ASSUMPTION: earlier months are settled on the paper accounts and
 * carried as nothing owed; the data generator's payments ledger starts the same month.
 */
export const STATEMENT_FROM = '2025-07';

/**
 * Late-payment interest (lãi chậm đóng): 0.03 % a day of the amount paid late, for each day late
 * (Luật BHXH 41/2024/QH15 Art. 40 §1(b), from 2025-07-01 — our reading of the law; not in the
 * domain reference: ASSUMPTION until checked). In basis points of the amount per day.
 */
export const LATE_PAYMENT_INTEREST: readonly Effective<{ bpPerDay: number }>[] = [
  {
    from: '2025-07-01',
    value: { bpPerDay: 3 },
    source: 'Luật BHXH 41/2024/QH15, Art. 40 §1(b): 0,03 %/ngày',
    assumption: true,
  },
];

export function latePaymentInterestAt(day: string): Effective<{ bpPerDay: number }> {
  let row = LATE_PAYMENT_INTEREST[0];
  for (const r of LATE_PAYMENT_INTEREST) if (r.from <= day) row = r;
  if (!row) throw new Error('no late-payment interest row');
  return row;
}

/**
 * The last day to pay a month's contributions: the last day of the following month (Luật BHXH
 * 41/2024/QH15 Art. 34 §1 with NĐ 158/2025/NĐ-CP for monthly payers — our reading:
 * UNVERIFIED). From the next day the month's amount is late.
 */
export const paymentDeadline = (month: string): string => endOfMonth(addMonths(month, 1));

/** The salary fund of a month as the unit's participation periods give it. */
export interface MonthSalaryFund {
  month: string;
  people: number;
  /** Σ salaries declared. */
  salaryFund: number;
  /** Σ salaries capped for BHXH and BHYT (20 × base salary / reference level). */
  basisBhxhBhyt: number;
  /** Σ salaries capped for BHTN (20 × the region's minimum wage). */
  basisBhtn: number;
}

/** The caps of a month for a region (the same rules as `computeCompulsoryContributions`). */
export function monthCaps(month: string, region: Region): { bhxhBhyt: number; bhtn: number } {
  const day = `${month}-01`;
  const base = parameterAt('baseSalary', day);
  const caps = parameterAt('salaryCaps', day);
  return {
    bhxhBhyt: caps.bhxhBhytTimesBase * base,
    bhtn:
      caps.bhtnTimesRegionalMinimum !== null
        ? caps.bhtnTimesRegionalMinimum * parameterAt('regionalMinimumWage', day)[region]
        : (caps.bhtnTimesBase ?? caps.bhxhBhytTimesBase) * base,
  };
}

/** The employee + employer rate of each fund in a month, basis points, and its source. */
export function fundRates(month: string): { rates: Record<Fund, number>; source: string } {
  const row = parameterEntryAt('compulsoryRates', `${month}-01`);
  const r = row.value;
  return {
    rates: {
      pension: r.pension.employee + r.pension.employer,
      sicknessMaternity: r.sicknessMaternity.employee + r.sicknessMaternity.employer,
      // The standard employer rate (0.5 %): the reduced 0.3 % needs the ministry's decision per
      // unit, which the catalogue does not hold.
      occupational: r.occupational.employee + r.occupational.employer,
      health: r.health.employee + r.health.employer,
      unemployment: r.unemployment.employee + r.unemployment.employer,
    },
    source: row.source,
  };
}

/**
 * What a month's salary fund makes due per fund: the capped fund × the fund's total rate, rounded
 * half up to the đồng (C12-TS "phải đóng": quỹ lương × tỷ lệ; BHTN on its own cap).
 */
export function monthDue(fund: MonthSalaryFund): Record<Fund, number> {
  const { rates } = fundRates(fund.month);
  const basis = (f: Fund) => (f === 'unemployment' ? fund.basisBhtn : fund.basisBhxhBhyt);
  return Object.fromEntries(FUNDS.map((f) => [f, Math.round((basis(f) * rates[f]) / 10_000)])) as Record<
    Fund,
    number
  >;
}

export const sumFunds = (amounts: Record<Fund, number>): number =>
  FUNDS.reduce((total, f) => total + amounts[f], 0);

export interface LedgerPayment {
  paidOn: string;
  amount: number;
}

export interface StatementMonth {
  month: string;
  people: number;
  salaryFund: number;
  due: Record<Fund, number>;
  dueTotal: number;
  /** Owed (positive) or paid in advance (negative) at the start of the month. */
  opening: number;
  paid: number;
  /** Late-payment interest of the month. */
  interest: number;
  /** Owed (positive) or paid in advance (negative) at the end of the month. */
  closing: number;
}

export interface Statement extends StatementMonth {
  /** Closing owed split per fund in proportion to the fund's share of all months' dues (ASSUMPTION). */
  owedByFund: Record<Fund, number>;
  /** Months still unpaid at the end of the month (oldest first, payments applied oldest first). */
  unpaidMonths: { month: string; amount: number; deadline: string }[];
  interestRule: { bpPerDay: number; source: string };
  ratesSource: string;
}

/**
 * The unit's account month by month from `STATEMENT_FROM` through `month` (inclusive), folded:
 * each month opens with the last one's closing, adds the month's dues and its late-payment
 * interest, and takes off the payments received in the month. Interest of month k: the amount
 * overdue when the month opens (dues of months whose deadline has passed, and earlier interest,
 * less every payment so far) × the daily rate × the days of month k (ASSUMPTION: a payment during
 * the month lowers the next month's interest, not this one's). Payments settle the oldest months
 * first (ASSUMPTION). `funds` must hold every month of the range (a month without workers: zeros).
 */
export function computeStatement(
  month: string,
  funds: readonly MonthSalaryFund[],
  payments: readonly LedgerPayment[],
): Statement {
  const byMonth = new Map(funds.map((f) => [f.month, f]));
  const months: string[] = [];
  for (let m = STATEMENT_FROM; m <= month; m = addMonths(m, 1)) months.push(m);
  const paidBefore = (day: string) =>
    payments.filter((p) => p.paidOn < day).reduce((s, p) => s + p.amount, 0);
  const dues: { month: string; amount: number; deadline: string }[] = [];
  let closing = 0;
  let interestSoFar = 0;
  let last: StatementMonth | null = null;
  const totalByFund = Object.fromEntries(FUNDS.map((f) => [f, 0])) as Record<Fund, number>;
  let lastRule = latePaymentInterestAt(`${STATEMENT_FROM}-01`);
  for (const m of months) {
    const first = `${m}-01`;
    const f = byMonth.get(m) ?? { month: m, people: 0, salaryFund: 0, basisBhxhBhyt: 0, basisBhtn: 0 };
    const due = monthDue(f);
    for (const fund of FUNDS) totalByFund[fund] += due[fund];
    const dueTotal = sumFunds(due);
    const overdueDues = dues.filter((d) => d.deadline < first).reduce((s, d) => s + d.amount, 0);
    const overdue = Math.max(0, overdueDues + interestSoFar - paidBefore(first));
    lastRule = latePaymentInterestAt(first);
    const days = daysBetween(first, endOfMonth(m)) + 1;
    const interest = Math.round((overdue * lastRule.value.bpPerDay * days) / 10_000);
    interestSoFar += interest;
    const paid = payments
      .filter((p) => p.paidOn >= first && p.paidOn <= endOfMonth(m))
      .reduce((s, p) => s + p.amount, 0);
    const opening = closing;
    closing = opening + dueTotal + interest - paid;
    dues.push({ month: m, amount: dueTotal + interest, deadline: paymentDeadline(m) });
    last = {
      month: m,
      people: f.people,
      salaryFund: f.salaryFund,
      due,
      dueTotal,
      opening,
      paid,
      interest,
      closing,
    };
  }
  if (!last) throw new Error(`no statement before ${STATEMENT_FROM}`);
  // Payments settle the oldest months first: what is left unpaid, month by month.
  let settled = paidBefore(`${addMonths(month, 1)}-01`);
  const unpaidMonths: Statement['unpaidMonths'] = [];
  for (const d of dues) {
    const cover = Math.min(settled, d.amount);
    settled -= cover;
    if (d.amount - cover > 0) unpaidMonths.push({ ...d, amount: d.amount - cover });
  }
  const all = sumFunds(totalByFund);
  const owed = Math.max(0, last.closing);
  const owedByFund = Object.fromEntries(
    FUNDS.map((f) => [f, all === 0 ? 0 : Math.round((owed * totalByFund[f]) / all)]),
  ) as Record<Fund, number>;
  return {
    ...last,
    owedByFund,
    unpaidMonths,
    interestRule: { bpPerDay: lastRule.value.bpPerDay, source: lastRule.source },
    ratesSource: fundRates(month).source,
  };
}

/** The notice threshold: a unit owing a month for this many days or more (issue #27 item 4). */
export const OWING_NOTICE_DAYS = 30;

/** Months unpaid `OWING_NOTICE_DAYS` or more past their deadline on `today`. */
export function monthsOwingLong(statement: Pick<Statement, 'unpaidMonths'>, today: string): string[] {
  return statement.unpaidMonths
    .filter((m) => daysBetween(m.deadline, today) >= OWING_NOTICE_DAYS)
    .map((m) => m.month);
}

// ---------------------------------------------------------------- participation periods

/** The schemes a compulsory employee's months are recorded under, and the funds of each. */
export const EMPLOYEE_SCHEMES = ['bhxh_compulsory', 'bhtn', 'bhtnld_bnn', 'bhyt'] as const;
export type EmployeeScheme = (typeof EMPLOYEE_SCHEMES)[number];
const FUNDS_OF: Record<EmployeeScheme, readonly Fund[]> = {
  bhxh_compulsory: ['pension', 'sicknessMaternity'],
  bhtn: ['unemployment'],
  bhtnld_bnn: ['occupational'],
  bhyt: ['health'],
};

export interface PeriodFigures {
  /** Rates of the first month, basis points of the salary (as the periods record them). */
  employeeRateBp: number;
  employerRateBp: number;
  /** Σ over the months, VND. */
  employeeAmount: number;
  employerAmount: number;
}

/**
 * The rates and amounts of one scheme's period of a compulsory employee from `fromMonth` through
 * `toMonth` at a salary: each month computed with the rules of that month
 * (`computeCompulsoryContributions`: caps, rates, rounding), as the data generator records them.
 */
export function periodFigures(
  scheme: EmployeeScheme,
  salary: number,
  fromMonth: string,
  toMonth: string,
  region: Region,
): PeriodFigures {
  const out: PeriodFigures = { employeeRateBp: 0, employerRateBp: 0, employeeAmount: 0, employerAmount: 0 };
  for (let m = fromMonth; m <= toMonth; m = addMonths(m, 1)) {
    const c = computeCompulsoryContributions({ salary, month: m, region });
    if (!c.ok) throw new Error(`${c.error.code}: ${c.error.message}`);
    const funds = FUNDS_OF[scheme];
    const employee = funds.reduce((s, f) => s + c.value.funds[f].employee, 0);
    const employer = funds.reduce((s, f) => s + c.value.funds[f].employer, 0);
    if (m === fromMonth) {
      const basis = (scheme === 'bhtn' ? c.value.basis.bhtn : c.value.basis.bhxhBhyt) || 1;
      out.employeeRateBp = Math.round((employee * 10_000) / basis);
      out.employerRateBp = Math.round((employer * 10_000) / basis);
    }
    out.employeeAmount += employee;
    out.employerAmount += employer;
  }
  return out;
}

/** A worker's contributions (employee + employer) per fund for some months at a salary. */
export function workerDue(salary: number, months: readonly string[], region: Region): Record<Fund, number> {
  const out = Object.fromEntries(FUNDS.map((f) => [f, 0])) as Record<Fund, number>;
  for (const m of months) {
    const c = computeCompulsoryContributions({ salary, month: m, region });
    if (!c.ok) continue;
    for (const f of FUNDS) out[f] += c.value.funds[f].employee + c.value.funds[f].employer;
  }
  return out;
}
