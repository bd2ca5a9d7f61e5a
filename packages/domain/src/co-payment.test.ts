import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  computeVisitCoPayment,
  outsideRouteRulesAt,
  type Route,
  type VisitCoPaymentInput,
} from './co-payment';
import type { BenefitLevel, CareLevel } from './parameters';

const visit = (over: Partial<VisitCoPaymentInput> = {}): VisitCoPaymentInput => ({
  totalCoveredCost: 1_000_000,
  benefitLevel: 4,
  visitDate: '2026-03-01',
  careLevel: 'district',
  route: 'correct',
  inpatient: false,
  fiveYearCertificate: { reachedOn: null },
  coPaidThisYear: 0,
  ...over,
});

const pay = (input: VisitCoPaymentInput) => {
  const r = computeVisitCoPayment(input);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};

// Base salary 2,340,000 on 2026-03-01: 15 % = 351,000; 6 months = 14,040,000.
describe('visit co-payment', () => {
  it.each<[string, Partial<VisitCoPaymentInput>, number, number, string[]]>([
    ['level 4', {}, 800_000, 200_000, ['level_4_80pct']],
    ['level 3', { benefitLevel: 3 }, 950_000, 50_000, ['level_3_95pct']],
    ['level 2', { benefitLevel: 2 }, 1_000_000, 0, ['level_2_100pct']],
    ['level 1', { benefitLevel: 1 }, 1_000_000, 0, ['level_1_100pct']],
    ['level 5', { benefitLevel: 5 }, 1_000_000, 0, ['level_5_100pct']],
    ['under 15 % of base salary', { totalCoveredCost: 350_999 }, 350_999, 0, ['level_4_80pct', 'small_visit_full']],
    ['exactly 15 % is not under', { totalCoveredCost: 351_000 }, 280_800, 70_200, ['level_4_80pct']],
    ['commune-level care', { careLevel: 'commune' }, 1_000_000, 0, ['level_4_80pct', 'commune_level_full']],
    ['the base salary of the visit date (1,800,000 before 2024-07-01: 270,000)', { totalCoveredCost: 300_000, visitDate: '2024-06-30' }, 240_000, 60_000, ['level_4_80pct']],
    ['2,340,000 still in force from 2026-07-01 (no decree for 2,530,000)', { totalCoveredCost: 360_000, visitDate: '2026-07-01' }, 288_000, 72_000, ['level_4_80pct']],
    ['the base salary the day before', { totalCoveredCost: 360_000, visitDate: '2026-06-30' }, 288_000, 72_000, ['level_4_80pct']],
    ['emergency as the correct route', { route: 'emergency', totalCoveredCost: 300_000, careLevel: 'central' }, 300_000, 0, ['level_4_80pct', 'emergency_as_correct_route', 'small_visit_full']],
    ['outside, central inpatient: 40 %', { route: 'outside', careLevel: 'central', inpatient: true }, 320_000, 680_000, ['level_4_80pct', 'outside_route_40pct']],
    ['outside, central outpatient: not covered', { route: 'outside', careLevel: 'central' }, 0, 1_000_000, ['level_4_80pct', 'outside_route_not_covered']],
    ['outside, province inpatient (2021+)', { route: 'outside', careLevel: 'province', inpatient: true }, 800_000, 200_000, ['level_4_80pct', 'outside_route_as_correct_route']],
    ['outside, province inpatient (2019): 60 %', { route: 'outside', careLevel: 'province', inpatient: true, visitDate: '2019-05-01' }, 480_000, 520_000, ['level_4_80pct', 'outside_route_60pct']],
    ['outside, province outpatient (Law 51/2024, from 2025-07-01): 50 %', { route: 'outside', careLevel: 'province' }, 400_000, 600_000, ['level_4_80pct', 'outside_route_50pct']],
    ['outside, province outpatient, level 2 in 2026: 50 %', { route: 'outside', careLevel: 'province', benefitLevel: 2, visitDate: '2026-12-06' }, 500_000, 500_000, ['level_2_100pct', 'outside_route_50pct']],
    ['outside, province outpatient (2025-06-30): not covered', { route: 'outside', careLevel: 'province', visitDate: '2025-06-30' }, 0, 1_000_000, ['level_4_80pct', 'outside_route_not_covered']],
    ['outside, province outpatient (2025-07-01): 50 %', { route: 'outside', careLevel: 'province', visitDate: '2025-07-01' }, 400_000, 600_000, ['level_4_80pct', 'outside_route_50pct']],
    ['outside, central outpatient in 2026: not covered', { route: 'outside', careLevel: 'central', visitDate: '2026-12-06' }, 0, 1_000_000, ['level_4_80pct', 'outside_route_not_covered']],
    ['outside, commune outpatient in 2026 as correct route', { route: 'outside', careLevel: 'commune', visitDate: '2026-12-06' }, 1_000_000, 0, ['level_4_80pct', 'outside_route_as_correct_route', 'commune_level_full']],
    ['outside, district (2016+) as correct route', { route: 'outside', careLevel: 'district' }, 800_000, 200_000, ['level_4_80pct', 'outside_route_as_correct_route']],
    ['outside, district (2015): 70 %', { route: 'outside', careLevel: 'district', visitDate: '2015-06-01' }, 560_000, 440_000, ['level_4_80pct', 'outside_route_70pct']],
    ['outside, small visit paid only as a share', { route: 'outside', careLevel: 'central', inpatient: true, totalCoveredCost: 100_000 }, 32_000, 68_000, ['level_4_80pct', 'outside_route_40pct']],
    ['five-year cap', { totalCoveredCost: 20_000_000, fiveYearCertificate: { reachedOn: '2024-01-01' }, coPaidThisYear: 13_000_000 }, 18_960_000, 1_040_000, ['level_4_80pct', 'five_year_cap']],
    ['five-year cap reached on the visit day', { totalCoveredCost: 20_000_000, fiveYearCertificate: { reachedOn: '2026-03-01' }, coPaidThisYear: 15_000_000 }, 20_000_000, 0, ['level_4_80pct', 'five_year_cap']],
    ['five-year date after the visit', { totalCoveredCost: 20_000_000, fiveYearCertificate: { reachedOn: '2027-01-01' }, coPaidThisYear: 13_000_000 }, 16_000_000, 4_000_000, ['level_4_80pct']],
    ['five-year cap not reached yet this year', { totalCoveredCost: 20_000_000, fiveYearCertificate: { reachedOn: ' 2020-01-01' }, coPaidThisYear: 0 }, 16_000_000, 4_000_000, ['level_4_80pct']],
    ['no five-year waiver outside the route', { route: 'outside', careLevel: 'central', inpatient: true, totalCoveredCost: 20_000_000, fiveYearCertificate: { reachedOn: '2020-01-01' }, coPaidThisYear: 14_040_000 }, 6_400_000, 13_600_000, ['level_4_80pct', 'outside_route_40pct']],
    ['rounded half up to the đồng', { benefitLevel: 3, totalCoveredCost: 1_000_010 }, 950_010, 50_000, ['level_3_95pct']],
    ['zero cost', { totalCoveredCost: 0 }, 0, 0, ['level_4_80pct', 'small_visit_full']],
  ])('%s', (_label, over, fundPays, patientPays, rules) => {
    const r = pay(visit(over));
    expect([r.fundPays, r.patientPays]).toEqual([fundPays, patientPays]);
    expect(r.ruleApplied).toEqual(rules);
  }); // prettier-ignore

  it('takes the level from the object code on the visit date', () => {
    const cn = (visitDate: string) => {
      const { benefitLevel: _omit, ...rest } = visit({ objectCode: 'CN', visitDate });
      return pay(rest);
    };
    expect(cn('2025-12-31')).toMatchObject({ benefitLevel: 3, fundPays: 950_000 });
    expect(cn('2026-01-01')).toMatchObject({ benefitLevel: 2, fundPays: 1_000_000 });
  });

  it.each<[string, Partial<VisitCoPaymentInput>, string, string]>([
    [
      'an unknown object code',
      { benefitLevel: undefined, objectCode: 'ZZ' },
      'bhyt.unknown_object_code',
      'objectCode',
    ],
    ['no level at all', { benefitLevel: undefined }, 'co_payment.no_benefit_level', 'benefitLevel'],
    [
      'a level out of range',
      { benefitLevel: 6 as BenefitLevel },
      'co_payment.bad_benefit_level',
      'benefitLevel',
    ],
    ['a negative cost', { totalCoveredCost: -1 }, 'co_payment.bad_amount', 'totalCoveredCost'],
    ['a fractional cost', { totalCoveredCost: 10.5 }, 'co_payment.bad_amount', 'totalCoveredCost'],
    ['NaN co-paid', { coPaidThisYear: Number.NaN }, 'co_payment.bad_amount', 'coPaidThisYear'],
    ['a bad visit date', { visitDate: '01/03/2026' }, 'co_payment.bad_date', 'visitDate'],
    [
      'a bad five-year date',
      { fiveYearCertificate: { reachedOn: '01/01/2020' } },
      'co_payment.bad_date',
      'fiveYearCertificate',
    ],
  ])('refuses %s', (_label, over, code, field) => {
    expect(computeVisitCoPayment(visit(over))).toMatchObject({ ok: false, error: { code, field } });
  });

  it('marks the route table as an assumption', () => {
    expect(outsideRouteRulesAt('2026-01-01')).toMatchObject({ assumption: true, from: '2025-07-01' });
    expect(outsideRouteRulesAt('2026-01-01').source).toContain('51/2024/QH15');
    expect(outsideRouteRulesAt('2025-06-30').from).toBe('2021-01-01');
  });

  it('always splits the whole covered cost, never negative, never above the level share for the patient', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 200_000_000 }),
        fc.constantFrom<BenefitLevel>(1, 2, 3, 4, 5),
        fc.constantFrom<CareLevel>('commune', 'district', 'province', 'central'),
        fc.constantFrom<Route>('correct', 'emergency', 'outside'),
        fc.boolean(),
        fc.integer({ min: 0, max: 30_000_000 }),
        fc.option(fc.constantFrom('2015-06-01', '2020-01-01', '2026-12-31'), { nil: null }),
        fc.constantFrom('2015-03-01', '2019-05-01', '2024-07-01', '2026-03-01', '2026-09-30'),
        (cost, level, careLevel, route, inpatient, coPaid, reachedOn, visitDate) => {
          const r = pay(
            visit({
              totalCoveredCost: cost,
              benefitLevel: level,
              careLevel,
              route,
              inpatient,
              coPaidThisYear: coPaid,
              fiveYearCertificate: { reachedOn },
              visitDate,
            }),
          );
          expect(r.fundPays + r.patientPays).toBe(cost);
          expect(Number.isSafeInteger(r.fundPays) && r.fundPays >= 0).toBe(true);
          expect(Number.isSafeInteger(r.patientPays) && r.patientPays >= 0).toBe(true);
          if (route !== 'outside') expect(r.patientPays).toBeLessThanOrEqual(Math.ceil(cost * 0.2));
        },
      ),
    );
  });
});
