import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { benefitLevelOf, fundShare } from './benefit-levels';
import { type CareLevel, computeVisitCoPayment, type Route, type VisitCoPaymentInput } from './co-payment';
import { computeCompulsoryContributions, computeVoluntaryContribution } from './contributions';
import { entryAt, PARAMETERS, parameterAt } from './parameters';
import { countYears, estimateOneTimeBhxh, estimatePension } from './pension';

describe('effective-dated parameters', () => {
  it.each([
    ['2019-06-30', 1_390_000],
    ['2019-07-01', 1_490_000],
    ['2024-06-30', 1_800_000],
    ['2024-07-01', 2_340_000],
    ['2026-06-30', 2_340_000],
    ['2026-07-01', 2_530_000],
  ])('base salary on %s is %i', (date, value) => {
    expect(parameterAt('baseSalary', date)).toBe(value);
  });

  it('marks unconfirmed values and names every source', () => {
    expect(entryAt('baseSalary', '2026-07-01').unconfirmed).toBe(true);
    expect(entryAt('baseSalary', '2024-07-01').source).toBe('NĐ 73/2024/NĐ-CP');
    for (const rows of Object.values(PARAMETERS)) {
      for (const row of rows) expect(row.source.length).toBeGreaterThan(3);
      const dates = rows.map((r) => r.from);
      expect([...dates].sort()).toEqual(dates);
    }
  });

  it('keeps the 2025 compulsory totals at 10.5 % and 21.5 %', () => {
    const r = parameterAt('compulsoryRates', '2025-07-01');
    const employee =
      r.pension.employee +
      r.sicknessMaternity.employee +
      r.occupational.employee +
      r.health.employee +
      r.unemployment.employee;
    const employer =
      r.pension.employer +
      r.sicknessMaternity.employer +
      r.occupational.employer +
      r.health.employer +
      r.unemployment.employer;
    expect([employee, employer]).toEqual([1050, 2150]);
  });
});

describe('compulsory contributions', () => {
  it('splits a 10 million salary per fund (2026-01, region I)', () => {
    const r = computeCompulsoryContributions({ salary: 10_000_000, month: '2026-01', region: 1 });
    expect(r).toMatchObject({
      ok: true,
      value: {
        basis: { bhxhBhyt: 10_000_000, bhtn: 10_000_000 },
        funds: {
          pension: { employee: 800_000, employer: 1_400_000 },
          sicknessMaternity: { employee: 0, employer: 300_000 },
          occupational: { employee: 0, employer: 50_000 },
          health: { employee: 150_000, employer: 300_000 },
          unemployment: { employee: 100_000, employer: 100_000 },
        },
        totals: { employee: 1_050_000, employer: 2_150_000, all: 3_200_000 },
        rates: { employee: 1050, employer: 2150 },
      },
    });
  });

  it('applies the caps of the month', () => {
    const jan = computeCompulsoryContributions({ salary: 60_000_000, month: '2026-01', region: 1 });
    expect(jan).toMatchObject({
      ok: true,
      value: { basis: { bhxhBhyt: 46_800_000, bhtn: 60_000_000 }, totals: { employee: 5_046_000 } },
    });
    const aug = computeCompulsoryContributions({ salary: 60_000_000, month: '2026-08', region: 1 });
    expect(aug).toMatchObject({ ok: true, value: { basis: { bhxhBhyt: 50_600_000 } } });
    const bhtnCapped = computeCompulsoryContributions({ salary: 150_000_000, month: '2026-01', region: 4 });
    expect(bhtnCapped).toMatchObject({ ok: true, value: { basis: { bhtn: 74_000_000 } } });
  });

  it('uses the reduced occupational rate and the rules of earlier years', () => {
    const reduced = computeCompulsoryContributions({
      salary: 10_000_000,
      month: '2026-01',
      region: 1,
      reducedOccupationalRate: true,
    });
    expect(reduced).toMatchObject({ ok: true, value: { funds: { occupational: { employer: 30_000 } } } });
    const y2012 = computeCompulsoryContributions({ salary: 5_000_000, month: '2012-06', region: 1 });
    expect(y2012).toMatchObject({
      ok: true,
      value: { funds: { pension: { employee: 350_000 } }, basis: { bhtn: 5_000_000 } },
    });
    const covid = computeCompulsoryContributions({ salary: 10_000_000, month: '2021-12', region: 1 });
    expect(covid).toMatchObject({
      ok: true,
      value: { funds: { occupational: { employer: 0 }, unemployment: { employer: 0 } } },
    });
  });

  it.each([
    [{ salary: -1, month: '2026-01', region: 1 as const }, 'contribution.salary'],
    [{ salary: 1, month: '2026-13', region: 1 as const }, 'contribution.month'],
    [{ salary: Number.NaN, month: '2026-01', region: 1 as const }, 'contribution.salary'],
  ])('rejects %j', (input, code) => {
    expect(computeCompulsoryContributions(input)).toMatchObject({ ok: false, error: { code } });
  });

  it('never charges more than the capped basis allows', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 500_000_000 }),
        fc.constantFrom('2015-03', '2020-01', '2024-12', '2026-01', '2026-09'),
        fc.constantFrom<1 | 2 | 3 | 4>(1, 2, 3, 4),
        (salary, month, region) => {
          const r = computeCompulsoryContributions({ salary, month, region });
          if (!r.ok) throw new Error(r.error.message);
          expect(r.value.basis.bhxhBhyt).toBeLessThanOrEqual(salary);
          expect(r.value.totals.all).toBeLessThanOrEqual(Math.ceil(salary * 0.33) + 5);
        },
      ),
    );
  });
});

describe('voluntary BHXH', () => {
  it.each([
    ['poor', 165_000],
    ['near_poor', 132_000],
    ['ethnic_minority', 99_000],
    ['other', 66_000],
  ] as const)('supports the %s group on the minimum income (2026)', (group, support) => {
    expect(
      computeVoluntaryContribution({
        chosenIncome: 1_500_000,
        month: '2026-01',
        group,
        monthsSupportedSoFar: 0,
      }),
    ).toEqual({
      ok: true,
      value: {
        contribution: 330_000,
        stateSupport: support,
        personPays: 330_000 - support,
        minimumIncome: 1_500_000,
        maximumIncome: 46_800_000,
      },
    });
  });

  it('supports on the minimum even for a higher income, for 120 months at most', () => {
    const r = computeVoluntaryContribution({
      chosenIncome: 5_000_000,
      month: '2026-01',
      group: 'other',
      monthsSupportedSoFar: 10,
    });
    expect(r).toMatchObject({ ok: true, value: { contribution: 1_100_000, stateSupport: 66_000 } });
    const done = computeVoluntaryContribution({
      chosenIncome: 5_000_000,
      month: '2026-01',
      group: 'other',
      monthsSupportedSoFar: 120,
    });
    expect(done).toMatchObject({ ok: true, value: { stateSupport: 0, personPays: 1_100_000 } });
  });

  it('uses the older support shares before 2025-07-01', () => {
    expect(
      computeVoluntaryContribution({
        chosenIncome: 1_500_000,
        month: '2024-01',
        group: 'poor',
        monthsSupportedSoFar: 300,
      }),
    ).toMatchObject({
      ok: true,
      value: { stateSupport: 99_000 },
    });
  });

  it.each([
    [1_000_000, 'voluntary.income_too_low'],
    [50_000_000, 'voluntary.income_too_high'],
  ])('rejects an income of %i', (income, code) => {
    expect(
      computeVoluntaryContribution({
        chosenIncome: income,
        month: '2026-01',
        group: 'other',
        monthsSupportedSoFar: 0,
      }),
    ).toMatchObject({
      ok: false,
      error: { code, field: 'chosenIncome' },
    });
  });
});

describe('benefit levels', () => {
  it.each([
    ['TE', '2025-01-01', 1],
    ['CK', '2025-01-01', 2],
    ['HT', '2025-01-01', 3],
    ['CN', '2025-12-31', 3],
    ['CN', '2026-01-01', 2],
    ['LH', '2025-12-31', 4],
    ['LH', '2026-01-01', 2],
    ['DN', '2026-01-01', 4],
    ['gd', '2026-01-01', 4],
    ['QN', '2026-01-01', 5],
  ])('%s on %s is level %i', (code, date, level) => {
    expect(benefitLevelOf(code, date)).toEqual({ ok: true, value: level });
  });

  it('refuses an unknown code', () => {
    expect(benefitLevelOf('ZZ', '2026-01-01')).toMatchObject({
      ok: false,
      error: { code: 'bhyt.unknown_object_code' },
    });
  });

  it('describes each level', () => {
    expect([1, 2, 3, 4, 5].map((l) => fundShare(l as 1 | 2 | 3 | 4 | 5).shareBp)).toEqual([
      10_000, 10_000, 9_500, 8_000, 10_000,
    ]);
  });
});

describe('visit co-payment', () => {
  const visit = (over: Partial<VisitCoPaymentInput>): VisitCoPaymentInput => ({
    coveredCost: 1_000_000,
    benefitLevel: 4,
    visitDate: '2026-03-01',
    careLevel: 'district',
    route: 'correct',
    inpatient: false,
    fiveYearDate: null,
    coPaidThisYear: 0,
    ...over,
  });
  it.each([
    ['level 4', visit({}), 800_000, 200_000],
    ['level 3', visit({ benefitLevel: 3 }), 950_000, 50_000],
    ['level 1', visit({ benefitLevel: 1 }), 1_000_000, 0],
    ['a visit under 15 % of the base salary', visit({ coveredCost: 300_000 }), 300_000, 0],
    ['commune-level care', visit({ careLevel: 'commune' }), 1_000_000, 0],
    ['emergency counts as the route', visit({ route: 'emergency', coveredCost: 300_000 }), 300_000, 0],
    [
      'outside route, central inpatient',
      visit({ route: 'outside', careLevel: 'central', inpatient: true }),
      320_000,
      680_000,
    ],
    [
      'outside route, province inpatient (2021+)',
      visit({ route: 'outside', careLevel: 'province', inpatient: true }),
      800_000,
      200_000,
    ],
    [
      'outside route, province inpatient (2019)',
      visit({ route: 'outside', careLevel: 'province', inpatient: true, visitDate: '2019-05-01' }),
      480_000,
      520_000,
    ],
    ['outside route, province outpatient', visit({ route: 'outside', careLevel: 'province' }), 0, 1_000_000],
    [
      'five-year cap',
      visit({ coveredCost: 20_000_000, fiveYearDate: '2024-01-01', coPaidThisYear: 13_000_000 }),
      18_960_000,
      1_040_000,
    ],
    [
      'five-year cap not yet reached',
      visit({ coveredCost: 20_000_000, fiveYearDate: '2027-01-01', coPaidThisYear: 13_000_000 }),
      16_000_000,
      4_000_000,
    ],
  ])('%s', (_label, input, fund, patient) => {
    const r = computeVisitCoPayment(input);
    expect([r.fundPays, r.patientPays]).toEqual([fund, patient]);
    expect(r.ruleApplied.length).toBeGreaterThan(0);
  });

  it('always splits the whole covered cost', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 100_000_000 }),
        fc.constantFrom<1 | 2 | 3 | 4 | 5>(1, 2, 3, 4, 5),
        fc.constantFrom<CareLevel>('commune', 'district', 'province', 'central'),
        fc.constantFrom<Route>('correct', 'emergency', 'outside'),
        fc.boolean(),
        fc.integer({ min: 0, max: 30_000_000 }),
        (cost, level, careLevel, route, inpatient, coPaid) => {
          const r = computeVisitCoPayment(
            visit({
              coveredCost: cost,
              benefitLevel: level,
              careLevel,
              route,
              inpatient,
              coPaidThisYear: coPaid,
              fiveYearDate: '2020-01-01',
            }),
          );
          expect(r.fundPays + r.patientPays).toBe(cost);
          expect(r.fundPays).toBeGreaterThanOrEqual(0);
          expect(r.patientPays).toBeGreaterThanOrEqual(0);
        },
      ),
    );
  });
});

describe('pension estimate (Law 41/2024, Art. 66)', () => {
  it.each([
    ['female', 180, 4500],
    ['female', 240, 5500],
    ['female', 360, 7500],
    ['female', 420, 7500],
    ['male', 180, 4000],
    ['male', 228, 4400],
    ['male', 198, 4150],
    ['male', 240, 4500],
    ['male', 420, 7500],
  ] as const)('%s with %i months: %i bp', (gender, months, rateBp) => {
    const r = estimatePension({ gender, contributionMonths: months, averageSalary: 10_000_000 });
    expect(r).toMatchObject({ eligible: true, rateBp, monthlyAmount: rateBp * 1000 });
  });

  it('needs 15 whole years', () => {
    expect(
      estimatePension({ gender: 'female', contributionMonths: 179, averageSalary: 10_000_000 }),
    ).toMatchObject({ eligible: false, monthlyAmount: 0 });
  });

  it('counts odd months as half or whole years', () => {
    expect([0, 1, 6, 7, 11, 12, 18, 19].map(countYears)).toEqual([0, 0.5, 0.5, 1, 1, 1, 1.5, 2]);
  });
});

describe('one-time BHXH estimate', () => {
  it('pays 1.5 months a year before 2014 and 2 months a year from 2014', () => {
    const r = estimateOneTimeBhxh({
      periods: [
        { from: '2010-01', to: '2013-12' },
        { from: '2014-01', to: '2016-06' },
      ],
      averageSalary: 8_000_000,
    });
    expect(r).toMatchObject({
      monthsBefore2014: 48,
      monthsFrom2014: 30,
      benefitMonths: 11,
      amount: 88_000_000,
    });
  });

  it('carries odd months before 2014 into the later period', () => {
    const r = estimateOneTimeBhxh({
      periods: [
        { from: '2012-01', to: '2013-08' },
        { from: '2014-01', to: '2014-03' },
      ],
      averageSalary: 1_000_000,
    });
    expect(r).toMatchObject({
      monthsBefore2014: 20,
      monthsFrom2014: 3,
      benefitMonths: 3.5,
      amount: 3_500_000,
    });
  });
});
