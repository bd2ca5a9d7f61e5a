import { type BenefitLevel, fundShare } from './benefit-levels';
import type { Effective } from './parameters';
import { parameterAt } from './parameters';

export type CareLevel = 'commune' | 'district' | 'province' | 'central';
export type Route = 'correct' | 'emergency' | 'outside';

/**
 * Share (bp) of the normal benefit paid when treated outside the registered route
 * (Luật BHYT 46/2014/QH13, Art. 22 §3): inpatient at district level 100 % from 2016, at province
 * level 60 % then 100 % from 2021, central level 40 %; outpatient outside the route is covered at
 * district and commune level only. Assumption: the later amendment (Luật 51/2024/QH15) is not
 * modelled yet; correct it here when confirmed.
 */
export const OUTSIDE_ROUTE: readonly Effective<Record<CareLevel, { inpatient: number; outpatient: number }>>[] = [
  {
    from: '2016-01-01',
    value: { commune: { inpatient: 10_000, outpatient: 10_000 }, district: { inpatient: 10_000, outpatient: 10_000 }, province: { inpatient: 6_000, outpatient: 0 }, central: { inpatient: 4_000, outpatient: 0 } },
    source: 'Luật BHYT 46/2014/QH13, Art. 22 §3–4',
  },
  {
    from: '2021-01-01',
    value: { commune: { inpatient: 10_000, outpatient: 10_000 }, district: { inpatient: 10_000, outpatient: 10_000 }, province: { inpatient: 10_000, outpatient: 0 }, central: { inpatient: 4_000, outpatient: 0 } },
    source: 'Luật BHYT 46/2014/QH13, Art. 22 §3 (provincial inpatient from 2021)',
  },
]; // prettier-ignore

export interface VisitCoPaymentInput {
  /** Costs within the benefit package (T_TONGCHI_BH), VND. */
  coveredCost: number;
  benefitLevel: BenefitLevel;
  /** yyyy-mm-dd. */
  visitDate: string;
  careLevel: CareLevel;
  route: Route;
  inpatient: boolean;
  /** The date 5 consecutive years of participation were reached, or null. */
  fiveYearDate: string | null;
  /** Co-payments the person already made this calendar year, VND. */
  coPaidThisYear: number;
}

export interface VisitCoPayment {
  /** T_BHTT. */
  fundPays: number;
  /** T_BNCCT. */
  patientPays: number;
  /** The rules applied, in order, as stable codes. */
  ruleApplied: string[];
}

/**
 * What the fund pays and the patient pays for one visit (Luật BHYT 46/2014/QH13, Art. 22):
 * the level's share; 100 % for levels 3–4 when the visit costs less than 15 % of the base salary
 * or is at commune level; the outside-route share; and, for 5-year participants, nothing beyond
 * 6 months of base salary co-paid in the calendar year. Amounts rounded to the đồng.
 */
export function computeVisitCoPayment(input: VisitCoPaymentInput): VisitCoPayment {
  const rules: string[] = [`level_${input.benefitLevel}`];
  const cost = Math.max(0, Math.round(input.coveredCost));
  const base = parameterAt('baseSalary', input.visitDate);
  const thresholds = parameterAt('healthThresholds', input.visitDate);
  let shareBp = fundShare(input.benefitLevel).shareBp;

  const onRoute = input.route !== 'outside';
  if (onRoute && shareBp < 10_000) {
    if (cost < thresholds.smallVisitShareOfBase * base) {
      shareBp = 10_000;
      rules.push('small_visit_full');
    } else if (input.careLevel === 'commune') {
      shareBp = 10_000;
      rules.push('commune_full');
    }
  }
  if (!onRoute) {
    let table = OUTSIDE_ROUTE[0]?.value;
    for (const row of OUTSIDE_ROUTE) if (row.from <= input.visitDate) table = row.value;
    const routeBp = table ? table[input.careLevel][input.inpatient ? 'inpatient' : 'outpatient'] : 0;
    shareBp = Math.round((shareBp * routeBp) / 10_000);
    rules.push(`outside_route_${routeBp / 100}pct`);
  }

  let fundPays = Math.round((cost * shareBp) / 10_000);
  let patientPays = cost - fundPays;
  if (onRoute && patientPays > 0 && input.fiveYearDate !== null && input.fiveYearDate <= input.visitDate) {
    const cap = thresholds.fiveYearCapMonthsOfBase * base;
    const room = Math.max(0, cap - input.coPaidThisYear);
    if (patientPays > room) {
      patientPays = room;
      fundPays = cost - patientPays;
      rules.push('five_year_cap');
    }
  }
  return { fundPays, patientPays, ruleApplied: rules };
}
