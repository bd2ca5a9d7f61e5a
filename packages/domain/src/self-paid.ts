/**
 * What a person outside a company pays online (issue #26): voluntary BHXH (602e) for a payment
 * mode, household BHYT with its reduction ladder, and when a household card becomes valid. Pure;
 * every figure comes from the effective-dated parameter table (`voluntary`, `voluntarySupport`,
 * `voluntaryPaymentModes`, `householdBhyt`, `bhytWaiting`, `baseSalary`), whose rows name their
 * legal sources.
 */

import { computeVoluntaryContribution, type SupportGroup } from './contributions';
import { parameterAt, parameterEntryAt } from './parameters';
import { err, ok, type Result } from './result';
import { shiftDay } from './working-days';

export const VOLUNTARY_PAYMENT_MODES = [
  'monthly',
  'quarterly',
  'half_yearly',
  'yearly',
  'advance_years',
] as const;
export type VoluntaryPaymentMode = (typeof VOLUNTARY_PAYMENT_MODES)[number];

export const SUPPORT_GROUPS = [
  'poor',
  'near_poor',
  'ethnic_minority',
  'other',
] as const satisfies readonly SupportGroup[];

const MODE_MONTHS: Readonly<Record<Exclude<VoluntaryPaymentMode, 'advance_years'>, number>> = {
  monthly: 1,
  quarterly: 3,
  half_yearly: 6,
  yearly: 12,
};

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
const DAY = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** `yyyy-mm` plus `n` months. */
export function addMonthsToMonth(month: string, n: number): string {
  const index = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1 + n;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** `yyyy-mm-dd` plus `n` months, the day kept (clamped to the month's last day). */
export function addMonthsToDay(day: string, n: number): string {
  const month = addMonthsToMonth(day.slice(0, 7), n);
  const last = new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 0)).getUTCDate();
  return `${month}-${String(Math.min(Number(day.slice(8, 10)), last)).padStart(2, '0')}`;
}

export interface VoluntaryQuote {
  /** The months paid for, `yyyy-mm`, first and last. */
  fromMonth: string;
  toMonth: string;
  months: number;
  /** The first month's amounts (VND): contribution, state support, what the person pays. */
  firstMonth: { contribution: number; stateSupport: number; personPays: number; supportBp: number };
  /** Of the months paid, how many the state supports (at most the months left of the limit). */
  supportedMonths: number;
  /** Sums over the months, VND. */
  totals: { contribution: number; stateSupport: number; personPays: number };
  minimumIncome: number;
  maximumIncome: number;
  rateBp: number;
  /** The legal sources of the rows applied. */
  sources: string[];
}

/**
 * The amount of a voluntary BHXH payment: `months` of the chosen income from `fromMonth` (each month
 * by `computeVoluntaryContribution`, so the support stops when the months of support are used up).
 *
 * ASSUMPTION: an advance payment for several years (đóng một lần cho nhiều năm về sau) is the sum
 * of its months; the law pays it "at a lower amount", discounted by the fund's investment rate that
 * BHXH Việt Nam announces each year — a figure not in the domain reference, so no discount is
 * applied and the screen says the amount is before any discount.
 */
export function quoteVoluntary(input: {
  chosenIncome: number;
  group: SupportGroup;
  mode: VoluntaryPaymentMode;
  /** With `advance_years`: how many years (2 … the table's maximum). */
  years?: number | undefined;
  fromMonth: string;
  monthsSupportedSoFar: number;
}): Result<VoluntaryQuote> {
  if (!MONTH.test(input.fromMonth))
    return err('voluntary.bad_month', 'the month must be yyyy-mm', 'fromMonth');
  const modes = parameterAt('voluntaryPaymentModes', `${input.fromMonth}-01`);
  let months: number;
  if (input.mode === 'advance_years') {
    const years = input.years ?? 0;
    if (!Number.isInteger(years) || years < 2 || years > modes.maxAdvanceYears)
      return err('voluntary.bad_years', `from 2 to ${modes.maxAdvanceYears} years in advance`, 'years');
    months = 12 * years;
  } else {
    months = MODE_MONTHS[input.mode];
    if (!modes.periodMonths.includes(months))
      return err('voluntary.bad_mode', 'this payment mode is not allowed', 'mode');
  }
  const totals = { contribution: 0, stateSupport: 0, personPays: 0 };
  const sources = new Set<string>();
  let supportedMonths = 0;
  let first: VoluntaryQuote['firstMonth'] | null = null;
  let bounds = { minimumIncome: 0, maximumIncome: 0, rateBp: 0 };
  for (let i = 0; i < months; i++) {
    const month = addMonthsToMonth(input.fromMonth, i);
    const one = computeVoluntaryContribution({
      chosenIncome: input.chosenIncome,
      month,
      group: input.group,
      monthsSupportedSoFar: input.monthsSupportedSoFar + supportedMonths,
    });
    if (!one.ok) return one;
    const m = one.value;
    if (m.stateSupport > 0) supportedMonths++;
    totals.contribution += m.contribution;
    totals.stateSupport += m.stateSupport;
    totals.personPays += m.personPays;
    first ??= {
      contribution: m.contribution,
      stateSupport: m.stateSupport,
      personPays: m.personPays,
      supportBp: m.supportBp,
    };
    if (i === 0)
      bounds = { minimumIncome: m.minimumIncome, maximumIncome: m.maximumIncome, rateBp: m.rateBp };
    sources.add(parameterEntryAt('voluntary', month).source);
    sources.add(parameterEntryAt('voluntarySupport', month).source);
  }
  if (!first) return err('voluntary.bad_mode', 'nothing to pay', 'mode');
  return ok({
    fromMonth: input.fromMonth,
    toMonth: addMonthsToMonth(input.fromMonth, months - 1),
    months,
    firstMonth: first,
    supportedMonths,
    totals,
    ...bounds,
    sources: [...sources],
  });
}

export interface HouseholdMemberAmount {
  /** 1 for the first member (the head, or the first listed), 2 for the second, … */
  position: number;
  /** Share of the first member's amount, basis points (10,000 for the first). */
  shareBp: number;
  monthly: number;
  total: number;
}

export interface HouseholdQuote {
  months: number;
  baseSalary: number;
  members: HouseholdMemberAmount[];
  total: number;
  sources: string[];
}

/**
 * Household BHYT for `memberCount` paying members over `months`, at the rules in force on `on`
 * (the payment day): the first pays `firstMemberBp` of the base salary a month, the others their
 * share of the first's amount (the ladder). Each monthly amount is rounded half up to the đồng,
 * then multiplied by the months.
 */
export function quoteHousehold(input: {
  memberCount: number;
  months: number;
  on: string;
}): Result<HouseholdQuote> {
  if (!DAY.test(input.on)) return err('household.bad_day', 'the day must be yyyy-mm-dd', 'on');
  const rule = parameterEntryAt('householdBhyt', input.on);
  if (!Number.isInteger(input.memberCount) || input.memberCount < 1)
    return err('household.no_members', 'at least one member pays', 'members');
  if (!rule.value.periodMonths.includes(input.months))
    return err('household.bad_months', `pay for ${rule.value.periodMonths.join(', ')} months`, 'months');
  const base = parameterEntryAt('baseSalary', input.on);
  const firstMonthly = Math.round((base.value * rule.value.firstMemberBp) / 10_000);
  const ladder = rule.value.ladderBp;
  const members: HouseholdMemberAmount[] = [];
  for (let position = 1; position <= input.memberCount; position++) {
    const shareBp = position === 1 ? 10_000 : (ladder[Math.min(position - 2, ladder.length - 1)] ?? 10_000);
    const monthly = Math.round((firstMonthly * shareBp) / 10_000);
    members.push({ position, shareBp, monthly, total: monthly * input.months });
  }
  return ok({
    months: input.months,
    baseSalary: base.value,
    members,
    total: members.reduce((s, m) => s + m.total, 0),
    sources: [rule.source, base.source],
  });
}

export type CardContinuity = 'first_time' | 'continuing' | 'resumed' | 'interrupted';

export interface HouseholdCardPeriod {
  continuity: CardContinuity;
  /** First day the card may be used. */
  validFrom: string;
  /** Last day the card may be used. */
  validTo: string;
  source: string;
}

/**
 * The validity of a household BHYT card paid on `paidOn` for `months` (Luật BHYT Art. 16 §3, see
 * `bhytWaiting`):
 * - continuing (the last card still valid on the payment day, i.e. renewed before it ended): from
 *   the day after the last card ends, with no gap;
 * - resumed (the last card ended less than `interruptionMonths` before the payment): from the
 *   payment day;
 * - first time (no earlier card) or interrupted (a gap of `interruptionMonths` or more): valid
 *   `waitingDays` days after the payment.
 * ASSUMPTION: the card then runs the months paid for from its first valid day (the person gets the
 * cover they paid for); the legal texts cited do not say how the end is computed.
 */
export function householdCardPeriod(input: {
  paidOn: string;
  months: number;
  /** The end of the person's last BHYT card (any scheme), or null when they never had one. */
  previousValidTo: string | null;
}): HouseholdCardPeriod {
  const rule = parameterEntryAt('bhytWaiting', input.paidOn);
  const { waitingDays, interruptionMonths } = rule.value;
  let continuity: CardContinuity;
  let validFrom: string;
  const prev = input.previousValidTo;
  if (prev === null) {
    continuity = 'first_time';
    validFrom = shiftDay(input.paidOn, waitingDays);
  } else if (prev >= input.paidOn) {
    continuity = 'continuing';
    validFrom = shiftDay(prev, 1);
  } else if (input.paidOn < addMonthsToDay(shiftDay(prev, 1), interruptionMonths)) {
    continuity = 'resumed';
    validFrom = input.paidOn;
  } else {
    continuity = 'interrupted';
    validFrom = shiftDay(input.paidOn, waitingDays);
  }
  return {
    continuity,
    validFrom,
    validTo: shiftDay(addMonthsToDay(validFrom, input.months), -1),
    source: rule.source,
  };
}
