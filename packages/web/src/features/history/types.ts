/** What the records API answers (packages/server/src/modules/records/routes.ts). */
export type Scheme = 'bhxh_compulsory' | 'bhxh_voluntary' | 'bhtn' | 'bhtnld_bnn' | 'bhyt';
export const SCHEMES: readonly Scheme[] = ['bhxh_compulsory', 'bhxh_voluntary', 'bhtn', 'bhtnld_bnn', 'bhyt'];

export interface Period {
  id: string;
  scheme: Scheme;
  fromMonth: string;
  toMonth: string;
  months: number;
  unitCode: string | null;
  unitName: string | null;
  position: string | null;
  salary: number;
  employeeRateBp: number;
  employerRateBp: number;
  employeeAmount: number;
  employerAmount: number;
  stateSupport: number;
  status: 'paid' | 'owed';
}

export interface MonthRange {
  from: string;
  to: string;
  months: number;
}

export interface SchemeSummary {
  scheme: Scheme;
  months: number;
  years: number;
  remainderMonths: number;
  owedMonths: number;
  firstMonth: string | null;
  lastMonth: string | null;
  gaps: MonthRange[];
  owed: (MonthRange & { unitCode: string | null; unitName: string | null })[];
}

export interface Participation {
  bhxhCode: string;
  periods: Period[];
  summary: {
    bhxhCombined: { months: number; years: number; remainderMonths: number };
    schemes: SchemeSummary[];
  };
}

export interface Estimates {
  bhxhCode: string;
  isEstimate: true;
  asOf: string;
  inputs: {
    gender: 'male' | 'female';
    birthYear: number;
    contributionMonths: number;
    contributionYears: number;
    contributionRemainderMonths: number;
    paidRanges: { from: string; to: string }[];
    averageSalary: number;
    salaryRevalued: boolean;
    firstContributionMonth: string | null;
    lastContributionMonth: string | null;
    monthsOutOfScheme: number;
    rulesDate: string;
  };
  pension: {
    eligible: boolean;
    rate: number;
    rateBp: number;
    monthlyAmount: number;
    lumpSumOnRetirement: number;
    yearsCounted: number;
    reason: string | null;
    ruleApplied: string[];
    explanation: string[];
    source: string;
  };
  oneTime: {
    amount: number;
    benefitMonths: number;
    monthsBefore2014: number;
    monthsFrom2014: number;
    periods: { from: string; monthsPerYear: number; months: number; yearsCounted: number }[];
    ruleApplied: string[];
    explanation: string[];
    source: string;
    eligibility: {
      eligible: boolean;
      conditionsMet: string[];
      conditionsInForce: string[];
      source: string;
      unconfirmed: boolean;
    };
  };
}

/** One piece of a staff member's work on the person's data, its audit entries folded in as steps. */
export interface DataAccessEntry {
  id: string;
  at: string;
  from: string;
  actorType: string;
  actorName: string | null;
  organization: { kind: 'agency' | 'clinic' | 'unit'; code: string; name: string | null } | null;
  /** A code of the domain's AUDIT_ACTIONS. */
  action: string;
  targetType: string | null;
  targetId: string | null;
  /** A code of the domain's AUDIT_PURPOSES, or null. */
  purposeCode: string | null;
  /** The staff member's purpose in their own words, or null. */
  purposeStated: string | null;
  steps: { id: string; at: string; action: string; file: string | null }[];
}
