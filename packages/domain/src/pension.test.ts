import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countYears, estimateOneTimeBhxh, estimatePension, oneTimeBhxhEligibility } from './pension';

describe('pension estimate (Law 41/2024, Art. 66)', () => {
  it.each<['male' | 'female', number, number, number]>([
    ['female', 15, 0, 4500],
    ['female', 15, 6, 4600],
    ['female', 15, 7, 4700],
    ['female', 20, 0, 5500],
    ['female', 30, 0, 7500],
    ['male', 15, 0, 4000],
    ['male', 16, 6, 4150],
    ['male', 19, 0, 4400],
    ['male', 19, 6, 4450],
    ['male', 19, 7, 4500],
    ['male', 20, 0, 4500],
    ['male', 20, 6, 4600],
    ['male', 35, 0, 7500],
  ])('%s with %i years %i months: %i bp', (gender, years, months, rateBp) => {
    const r = estimatePension({
      gender,
      contributionYears: years,
      contributionMonths: months,
      averageSalary: 10_000_000,
    });
    expect(r).toMatchObject({ eligible: true, rateBp, rate: rateBp / 100, monthlyAmount: rateBp * 1000 });
    expect(r.explanation.length).toBeGreaterThan(1);
  });

  it('names the rule applied', () => {
    expect(estimatePension({ gender: 'male', contributionYears: 17, averageSalary: 1 }).ruleApplied).toEqual([
      'male_40pct_at_15y_plus_1pct',
    ]);
    expect(
      estimatePension({ gender: 'female', contributionYears: 40, averageSalary: 1 }).ruleApplied,
    ).toEqual(['female_45pct_at_15y_plus_2pct', 'cap_75pct', 'lump_sum_beyond_cap']);
  });

  it('pays half a month per year beyond the years giving 75 %', () => {
    const r = estimatePension({ gender: 'female', contributionYears: 34, averageSalary: 10_000_000 });
    expect(r).toMatchObject({ rateBp: 7500, monthlyAmount: 7_500_000, lumpSumOnRetirement: 20_000_000 });
    expect(
      estimatePension({ gender: 'male', contributionYears: 35, averageSalary: 1 }).lumpSumOnRetirement,
    ).toBe(0);
  });

  it('accepts the total in months, and rounds the amount to the đồng', () => {
    expect(
      estimatePension({ gender: 'male', contributionMonths: 246, averageSalary: 10_000_001 }),
    ).toMatchObject({
      contributionMonths: 246,
      rateBp: 4600,
      monthlyAmount: 4_600_000,
    });
  });

  it('needs 15 whole years, and says why not', () => {
    expect(
      estimatePension({
        gender: 'female',
        contributionYears: 14,
        contributionMonths: 11,
        averageSalary: 10_000_000,
      }),
    ).toMatchObject({
      eligible: false,
      rate: 0,
      monthlyAmount: 0,
      yearsCounted: 15,
      reason: { code: 'pension.under_minimum_years' },
      ruleApplied: ['under_15_years'],
    });
    expect(estimatePension({ gender: 'male', contributionYears: -1, averageSalary: 1 })).toMatchObject({
      eligible: false,
      reason: { code: 'pension.bad_input' },
    });
  });

  it('uses the rules in force on the retirement date', () => {
    // Law 58/2014 in 2020: 20 years needed; men 45 % at 18 years + 2 %.
    expect(
      estimatePension({
        gender: 'male',
        contributionYears: 25,
        averageSalary: 1_000_000,
        retirementDate: '2020-06-01',
      }),
    ).toMatchObject({ eligible: true, rateBp: 5900 });
    expect(
      estimatePension({
        gender: 'male',
        contributionYears: 19,
        averageSalary: 1_000_000,
        retirementDate: '2020-06-01',
      }),
    ).toMatchObject({ eligible: false, reason: { code: 'pension.under_minimum_years' } });
    // Law 71/2006: women + 3 % a year.
    expect(
      estimatePension({
        gender: 'female',
        contributionYears: 25,
        averageSalary: 1_000_000,
        retirementDate: '2012-01-01',
      }),
    ).toMatchObject({ rateBp: 7500, lumpSumOnRetirement: 0 });
  });

  it('never lowers the rate for more months, and stays within 40–75 %', () => {
    fc.assert(
      fc.property(fc.constantFrom<'male' | 'female'>('male', 'female'), fc.integer({ min: 0, max: 600 }), (gender, months) => {
        const a = estimatePension({ gender, contributionMonths: months, averageSalary: 10_000_000 });
        const b = estimatePension({ gender, contributionMonths: months + 1, averageSalary: 10_000_000 });
        expect(b.rateBp).toBeGreaterThanOrEqual(a.rateBp);
        expect(a.eligible).toBe(months >= 180);
        if (a.eligible) expect(a.rateBp).toBeGreaterThanOrEqual(4000);
        expect(a.rateBp).toBeLessThanOrEqual(7500);
      }),
    ); // prettier-ignore
  });

  it('counts odd months as half or whole years (assumption)', () => {
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
    expect(r.periods).toEqual([
      { from: '1995-01-01', monthsPerYear: 1.5, months: 48, yearsCounted: 4 },
      { from: '2014-01-01', monthsPerYear: 2, months: 30, yearsCounted: 2.5 },
    ]);
  });

  it.each<[string, { from: string; to: string }[], number]>([
    ['odd months before 2014 carried into the later period', [{ from: '2012-01', to: '2013-08' }, { from: '2014-01', to: '2014-03' }], 3.5],
    ['carried even without later contributions', [{ from: '2008-01', to: '2012-03' }], 7],
    ['only from 2014, 7 odd months = a year', [{ from: '2015-01', to: '2018-07' }], 8],
    ['overlapping periods count once', [{ from: '2015-01', to: '2016-12' }, { from: '2016-01', to: '2017-12' }], 6],
    ['periods in any order', [{ from: '2014-01', to: '2014-12' }, { from: '2012-01', to: '2012-12' }], 3.5],
  ])('%s', (_label, periods, benefitMonths) => {
    expect(estimateOneTimeBhxh({ periods, averageSalary: 1_000_000 })).toMatchObject({
      benefitMonths,
      amount: benefitMonths * 1_000_000,
    });
  }); // prettier-ignore

  it('pays back contributions of under a year, at most 2 months (assumption)', () => {
    const five = estimateOneTimeBhxh({
      periods: [{ from: '2020-01', to: '2020-05' }],
      averageSalary: 10_000_000,
    });
    expect(five.benefitMonths).toBeCloseTo(1.1);
    expect(five).toMatchObject({
      amount: 11_000_000,
      ruleApplied: ['under_one_year_contributions_paid_back'],
    });
    const eleven = estimateOneTimeBhxh({
      periods: [{ from: '2020-01', to: '2020-11' }],
      averageSalary: 10_000_000,
    });
    expect(eleven).toMatchObject({ benefitMonths: 2, amount: 20_000_000 });
  });

  it('ignores bad periods and says which', () => {
    const r = estimateOneTimeBhxh({
      periods: [
        { from: '2020-13', to: '2021-01' },
        { from: '2021-05', to: '2021-01' },
        { from: '2015-01', to: '2015-12' },
      ],
      averageSalary: 1_000_000,
    });
    expect(r.ignoredPeriods.map((p) => p.index)).toEqual([0, 1]);
    expect(r).toMatchObject({ benefitMonths: 2, amount: 2_000_000 });
    expect(estimateOneTimeBhxh({ periods: [], averageSalary: 1 })).toMatchObject({
      benefitMonths: 0,
      amount: 0,
    });
  });
});

describe('one-time BHXH eligibility (UNCONFIRMED conditions as data)', () => {
  it.each<[string, Parameters<typeof oneTimeBhxhEligibility>[0], string, string[]]>([
    ['retirement age with 10 years', { contributionMonths: 120, reachedRetirementAge: true }, '2026-01-01', ['retirement_age_without_pension']],
    ['retirement age with 16 years (a pension instead)', { contributionMonths: 192, reachedRetirementAge: true }, '2026-01-01', []],
    ['retirement age, continuing voluntarily', { contributionMonths: 120, reachedRetirementAge: true, continuingVoluntary: true }, '2026-01-01', []],
    ['retirement age with 19 years under Law 58', { contributionMonths: 228, reachedRetirementAge: true }, '2020-01-01', ['retirement_age_without_pension']],
    ['settling abroad', { contributionMonths: 300, settlingAbroad: true }, '2026-01-01', ['settling_abroad']],
    ['illness', { contributionMonths: 300, lifeThreateningIllness: true }, '2026-01-01', ['life_threatening_illness']],
    ['12 months out, contributing since 2020', { contributionMonths: 60, monthsOutOfScheme: 12, firstContributionMonth: '2020-01' }, '2026-06-01', ['out_of_scheme']],
    ['12 months out, contributing only since 2025-08', { contributionMonths: 12, monthsOutOfScheme: 12, firstContributionMonth: '2025-08' }, '2027-06-01', []],
    ['11 months out', { contributionMonths: 60, monthsOutOfScheme: 11, firstContributionMonth: '2020-01' }, '2026-06-01', []],
    ['12 months out under Law 58 (NQ 93/2015)', { contributionMonths: 60, monthsOutOfScheme: 12 }, '2020-06-01', ['out_of_scheme']],
  ])('%s', (_label, facts, date, met) => {
    const r = oneTimeBhxhEligibility(facts, date);
    expect(r.conditionsMet).toEqual(met);
    expect(r.eligible).toBe(met.length > 0);
    expect(r.unconfirmed).toBe(true);
  }); // prettier-ignore
});
