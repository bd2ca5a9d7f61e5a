import { benefitLevelOf, fundShare, isBenefitLevel } from './benefit-levels';
import { parseIsoDate } from './dates';
import {
  type BenefitLevel,
  type CareLevel,
  type Effective,
  type OutsideRouteTable,
  parameterAt,
  parameterEntryAt,
} from './parameters';
import { err, ok, type Result } from './result';

/** Lý do vào viện as XML1 `LY_DO_VV` has it: 1 correct route, 2 emergency, 3 outside the route. */
export type Route = 'correct' | 'emergency' | 'outside';

export interface VisitCoPaymentInput {
  /** Costs within the benefit package (XML1 `T_TONGCHI_BH`), integer VND. */
  totalCoveredCost: number;
  /** The card's benefit level; or give `objectCode` and the level in force on the visit date is used. */
  benefitLevel?: BenefitLevel;
  /** The card's object code (e.g. `DN`), when `benefitLevel` is not given. */
  objectCode?: string;
  /** `yyyy-mm-dd`: selects the base salary, thresholds and route rules in force. */
  visitDate: string;
  careLevel: CareLevel;
  route: Route;
  inpatient: boolean;
  /** The date 5 consecutive years of participation were reached (printed on the card), or null. */
  fiveYearCertificate?: { reachedOn: string | null };
  /** Co-payments the person already made in this calendar year before this visit, integer VND. */
  coPaidThisYear?: number;
}

export interface VisitCoPayment {
  /** What the fund pays (XML1 `T_BHTT`), VND. */
  fundPays: number;
  /** The patient's co-payment (XML1 `T_BNCCT`), VND. `fundPays + patientPays = totalCoveredCost`. */
  patientPays: number;
  benefitLevel: BenefitLevel;
  /** Share of the covered cost the fund pays before the five-year waiver, basis points. */
  fundShareBp: number;
  /** The rules applied, in order, as stable codes (see `computeVisitCoPayment`). */
  ruleApplied: string[];
}

const isAmount = (n: unknown): n is number => typeof n === 'number' && Number.isSafeInteger(n) && n >= 0;

/**
 * What the fund pays and the patient co-pays for one visit (Luật BHYT 46/2014/QH13, Art. 22; the
 * parameters of the visit date). Rules, each recorded in `ruleApplied`:
 * 1. `level_N_<pct>pct` — the benefit level's share (100 / 100 / 95 / 80 / 100 %);
 * 2. on the correct route (also `emergency`, and outside-route visits the route table pays "as the
 *    correct route": `outside_route_as_correct_route`), levels 3–4 are paid in full when the visit
 *    costs less than 15 % of the base salary (`small_visit_full`) or at commune level
 *    (`commune_level_full`);
 * 3. outside the route otherwise, the fund pays the route table's share of the level's share
 *    (`outside_route_<pct>pct`), or nothing (`outside_route_not_covered`). The route table is an
 *    ASSUMPTION, see `bhytOutsideRoute` in parameter-table.ts; from 2025-07-01 it follows Art. 22 as
 *    amended by Luật 51/2024/QH15 (e.g. provincial outpatient 50 %, central inpatient 40 %);
 * 4. five-year participants (certificate reached on or before the visit), on the correct route:
 *    co-payments beyond 6 months of base salary in the calendar year are waived (`five_year_cap`).
 * Rounding: the fund's share is rounded half up to the đồng; the patient pays the rest, so the
 * two always add up to the covered cost.
 */
export function computeVisitCoPayment(input: VisitCoPaymentInput): Result<VisitCoPayment> {
  const date = parseIsoDate(input.visitDate);
  if (!date.ok)
    return err('co_payment.bad_date', `visit date "${input.visitDate}" is not yyyy-mm-dd`, 'visitDate');
  if (!isAmount(input.totalCoveredCost))
    return err(
      'co_payment.bad_amount',
      'the covered cost must be a non-negative integer',
      'totalCoveredCost',
    );
  const coPaidThisYear = input.coPaidThisYear ?? 0;
  if (!isAmount(coPaidThisYear))
    return err(
      'co_payment.bad_amount',
      'co-payments so far must be a non-negative integer',
      'coPaidThisYear',
    );

  const reachedOnText = input.fiveYearCertificate?.reachedOn?.trim() ?? null;
  const reachedOn = reachedOnText === null || reachedOnText === '' ? null : parseIsoDate(reachedOnText);
  if (reachedOn && !reachedOn.ok)
    return err('co_payment.bad_date', 'the five-year date must be yyyy-mm-dd', 'fiveYearCertificate');

  let level: BenefitLevel;
  if (input.benefitLevel !== undefined) {
    if (!isBenefitLevel(input.benefitLevel))
      return err('co_payment.bad_benefit_level', 'the benefit level must be 1–5', 'benefitLevel');
    level = input.benefitLevel;
  } else if (input.objectCode !== undefined) {
    const found = benefitLevelOf(input.objectCode, date.value);
    if (!found.ok) return found;
    level = found.value;
  } else {
    return err('co_payment.no_benefit_level', 'give a benefit level or an object code', 'benefitLevel');
  }

  const visitDate = date.value;
  const cost = input.totalCoveredCost;
  const base = parameterAt('baseSalary', visitDate);
  const levelShare = fundShare(level);
  const rules = [`level_${level}_${levelShare.percent}pct`];

  let asCorrectRoute = true;
  let routeShareBp = 10_000;
  if (input.route === 'emergency') rules.push('emergency_as_correct_route');
  if (input.route === 'outside') {
    const cover = parameterAt('bhytOutsideRoute', visitDate)[input.careLevel][
      input.inpatient ? 'inpatient' : 'outpatient'
    ];
    asCorrectRoute = cover.asCorrectRoute;
    routeShareBp = cover.asCorrectRoute ? 10_000 : cover.shareBp;
    rules.push(
      cover.asCorrectRoute
        ? 'outside_route_as_correct_route'
        : cover.shareBp === 0
          ? 'outside_route_not_covered'
          : `outside_route_${cover.shareBp / 100}pct`,
    );
  }

  let shareBp = levelShare.shareBp;
  if (asCorrectRoute && levelShare.fullForSmallVisitsAndCommuneCare) {
    const threshold = (base * parameterAt('bhytSmallVisitBpOfBase', visitDate)) / 10_000;
    if (cost < threshold) {
      shareBp = 10_000;
      rules.push('small_visit_full');
    } else if (input.careLevel === 'commune') {
      shareBp = 10_000;
      rules.push('commune_level_full');
    }
  }
  // Both factors are whole percents, so their product in basis points is an integer.
  shareBp = Math.round((shareBp * routeShareBp) / 10_000);

  let fundPays = Math.round((cost * shareBp) / 10_000);
  let patientPays = cost - fundPays;

  if (asCorrectRoute && patientPays > 0 && reachedOn?.ok && reachedOn.value <= visitDate) {
    const cap = parameterAt('bhytFiveYearCapMonthsOfBase', visitDate) * base;
    const room = Math.max(0, cap - coPaidThisYear);
    if (patientPays > room) {
      patientPays = room;
      fundPays = cost - room;
      rules.push('five_year_cap');
    }
  }
  return ok({ fundPays, patientPays, benefitLevel: level, fundShareBp: shareBp, ruleApplied: rules });
}

/** The route rule row in force on a date, with its source and assumption flag (for display). */
export function outsideRouteRulesAt(isoDate: string): Effective<OutsideRouteTable> {
  return parameterEntryAt('bhytOutsideRoute', isoDate);
}
