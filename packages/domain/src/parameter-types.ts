/**
 * The shapes of the social insurance parameters: what each effective-dated row holds. The rows
 * themselves are in `parameter-table.ts`; the lookup API is in `parameters.ts`.
 */

/** Vùng lương tối thiểu: regions I–IV of the regional minimum wage. */
export type Region = 1 | 2 | 3 | 4;
/** Mức hưởng BHYT: benefit level printed as the third character of a legacy card number. */
export type BenefitLevel = 1 | 2 | 3 | 4 | 5;
/** Tuyến of the clinic (before the 2025 reform of referral levels): xã, huyện, tỉnh, trung ương. */
export type CareLevel = 'commune' | 'district' | 'province' | 'central';

export interface Effective<V> {
  /** ISO date `yyyy-mm-dd` from which the value holds. */
  from: string;
  value: V;
  /** The legal document (or other source) the value comes from. */
  source: string;
  /** Listed as UNCONFIRMED in the domain reference: seen only in secondary sources. */
  unconfirmed?: true;
  /** Our own assumption or recollection, not in the domain reference: check before relying on it. */
  assumption?: true;
  note?: string;
}

/** An employee / employer pair of rates, in basis points of the salary. */
export interface RatePair {
  employee: number;
  employer: number;
}

/** Compulsory contribution rates per fund, in basis points of the salary. */
export interface CompulsoryRates {
  /** Quỹ hưu trí, tử tuất: pension and survivorship. */
  pension: RatePair;
  /** Quỹ ốm đau, thai sản: sickness and maternity. */
  sicknessMaternity: RatePair;
  /** Quỹ BHTNLĐ-BNN: occupational accident and disease; `employerReduced` for qualifying employers. */
  occupational: RatePair & { employerReduced: number };
  /** BHYT: health insurance. */
  health: RatePair;
  /** BHTN: unemployment insurance. */
  unemployment: RatePair;
}

/** Caps on the monthly salary contributions are paid on. */
export interface SalaryCaps {
  /** BHXH and BHYT: multiple of the base salary / reference level. */
  bhxhBhytTimesBase: number;
  /** BHTN: multiple of the regional minimum wage (from 2015), or null. */
  bhtnTimesRegionalMinimum: number | null;
  /** BHTN: multiple of the base salary (before 2015), or null. */
  bhtnTimesBase: number | null;
}

/** Voluntary BHXH (BHXH tự nguyện). */
export interface VoluntaryRule {
  /** Rate of the chosen income, basis points. */
  rateBp: number;
  /** Lowest income one may choose, VND a month. */
  minimumIncome: number;
  /** Highest income one may choose, as a multiple of the base salary / reference level. */
  maximumTimesBase: number;
}

/** State support for voluntary BHXH: a share (bp) of the contribution on the minimum income. */
export interface VoluntarySupport {
  /** Hộ nghèo. */
  poor: number;
  /** Hộ cận nghèo. */
  nearPoor: number;
  /** Người dân tộc thiểu số (a group of its own from 2025-07-01). */
  ethnicMinority: number;
  /** Everyone else. */
  other: number;
  /** Months of support a person may receive at most; null when unlimited. */
  maxMonths: number | null;
}

/** How often a voluntary participant may pay (phương thức đóng BHXH tự nguyện). */
export interface VoluntaryPaymentModes {
  /** Periods paid at once, months (monthly, every 3, 6 or 12 months). */
  periodMonths: readonly number[];
  /** In advance for several years: at most this many years at once (0: not allowed). */
  maxAdvanceYears: number;
}

/** Household BHYT (BHYT hộ gia đình): the first member's rate and the reduction ladder. */
export interface HouseholdBhyt {
  /** The first member pays this share of the base salary a month, basis points. */
  firstMemberBp: number;
  /**
   * Share of the first member's amount paid by the 2nd, 3rd, … member, basis points; members
   * beyond the list pay its last share.
   */
  ladderBp: readonly number[];
  /** Months one may pay for at once. */
  periodMonths: readonly number[];
}

/** When a BHYT card bought by the person (household, voluntary) starts to be valid. */
export interface BhytWaitingRule {
  /** Days after the payment before the card is valid, for a first-time or interrupted participant. */
  waitingDays: number;
  /** A gap between the last card's end and the payment of at least this many months is an interruption. */
  interruptionMonths: number;
}

/** Object codes (mã đối tượng) by benefit level. A code missing from every level is unknown. */
export type BenefitLevelTable = Readonly<Record<BenefitLevel, readonly string[]>>;

/**
 * How a visit outside the registered route (trái tuyến, tự đi KCB) is paid at one care level:
 * `asCorrectRoute` — paid as a correct-route visit (thông tuyến); otherwise the fund pays `shareBp`
 * of what it would pay on the correct route (0 = not covered).
 */
export interface OutsideRouteCover {
  asCorrectRoute: boolean;
  shareBp: number;
}
export type OutsideRouteTable = Readonly<
  Record<CareLevel, { inpatient: OutsideRouteCover; outpatient: OutsideRouteCover }>
>;

/** The end of a TE card (thẻ BHYT trẻ em dưới 6 tuổi). */
export interface ChildCardEnd {
  /** The card runs to the day the child reaches this many months… */
  months: number;
  /**
   * …or, when the child reaches them on or before this day of the year (`MM-DD`: the school intake
   * not yet reached), to this day; otherwise to the last day of the month they are reached in.
   */
  untilSchoolIntake: string;
}

/** Monthly pension rate rules (tỷ lệ hưởng lương hưu). */
export interface PensionAccrual {
  /** Years of contributions needed for a monthly pension. */
  minimumYears: number;
  /** `baseRateBp` at `baseYears` years, then `perYearBp` for each further year. */
  female: { baseYears: number; baseRateBp: number; perYearBp: number };
  male: { baseYears: number; baseRateBp: number; perYearBp: number };
  /** Men with at least `fromYears` but fewer than `male.baseYears` years (Law 41/2024); null before. */
  maleShort: { fromYears: number; baseRateBp: number; perYearBp: number } | null;
  /** Highest rate. */
  capBp: number;
  /** Trợ cấp một lần khi nghỉ hưu: months of average salary per year beyond the years giving the cap. */
  lumpSumMonthsPerYearBeyondCap: number;
}

/** Paying back contributions when they last less than a year (one-time BHXH). */
export interface OneTimeUnderOneYear {
  /** Share of the salary paid back per month of contributions, basis points. */
  rateBp: number;
  /** At most this many months of the average salary. */
  capMonths: number;
}

/** One condition under which one-time BHXH (BHXH một lần) may be drawn. */
export type OneTimeCondition =
  /** Reached retirement age with fewer than `belowYears` years, not continuing voluntarily. */
  | { code: 'retirement_age_without_pension'; belowYears: number }
  /** Going to settle abroad. */
  | { code: 'settling_abroad' }
  /** A life-threatening illness on the Ministry of Health's list. */
  | { code: 'life_threatening_illness' }
  /**
   * `monthsOut` months without compulsory or voluntary contributions and fewer than `belowYears`
   * years; when `participatedBefore` is set, only for people who contributed before that date.
   */
  | { code: 'out_of_scheme'; monthsOut: number; belowYears: number; participatedBefore: string | null };

export interface ParameterTypes {
  /** Mức lương cơ sở; from 2025-07-01 mức tham chiếu (reference level), VND a month. */
  baseSalary: number;
  /** Mức lương tối thiểu vùng: regional minimum monthly wage by region, VND. */
  regionalMinimumWage: Readonly<Record<Region, number>>;
  compulsoryRates: CompulsoryRates;
  salaryCaps: SalaryCaps;
  voluntary: VoluntaryRule;
  voluntarySupport: VoluntarySupport;
  voluntaryPaymentModes: VoluntaryPaymentModes;
  /** BHYT hộ gia đình. */
  householdBhyt: HouseholdBhyt;
  bhytWaiting: BhytWaitingRule;
  /** Object code → benefit level. */
  bhytBenefitLevels: BenefitLevelTable;
  /** Visits outside the registered route, by care level. */
  bhytOutsideRoute: OutsideRouteTable;
  /** Levels 3–4 are paid in full when one visit costs less than this share (bp) of the base salary. */
  bhytSmallVisitBpOfBase: number;
  /** After 5 consecutive years, co-payments above this many months of base salary a year are waived. */
  bhytFiveYearCapMonthsOfBase: number;
  /** When the card of a child under 6 (TE) ends; the row in force on the date of birth applies. */
  bhytChildCardEnd: ChildCardEnd;
  pensionAccrual: PensionAccrual;
  /**
   * One-time BHXH: months of average salary per year of contributions, by the date the
   * contributions were made (not the date of the claim).
   */
  oneTimeBhxhMonthsPerYear: number;
  oneTimeBhxhUnderOneYear: OneTimeUnderOneYear;
  /** Who may draw one-time BHXH (any one condition suffices). */
  oneTimeBhxhConditions: readonly OneTimeCondition[];
}

export type ParameterName = keyof ParameterTypes;

/** A value announced for a date but not in force: no legal text setting it could be found. */
export interface ExpectedParameterChange<K extends ParameterName = ParameterName> {
  name: K;
  from: string;
  value: ParameterTypes[K];
  source: string;
  /** Always `false`: `parameterAt` never applies these. */
  inForce: false;
  note: string;
}
