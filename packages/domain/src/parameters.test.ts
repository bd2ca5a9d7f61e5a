import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  type BenefitLevel,
  EXPECTED_PARAMETER_CHANGES,
  PARAMETERS,
  type ParameterName,
  parameterAt,
  parameterEntryAt,
  parameterHistory,
} from './parameters';

const totals = (date: string) => {
  const r = parameterAt('compulsoryRates', date);
  const funds = [r.pension, r.sicknessMaternity, r.occupational, r.health, r.unemployment];
  return {
    employee: funds.reduce((s, f) => s + f.employee, 0),
    employer: funds.reduce((s, f) => s + f.employer, 0),
  };
};

describe('effective-dated parameters', () => {
  it.each([
    ['2019-06-30', 1_390_000],
    ['2019-07-01', 1_490_000],
    ['2023-06-30', 1_490_000],
    ['2023-07-01', 1_800_000],
    ['2024-06-30', 1_800_000],
    ['2024-07-01', 2_340_000],
    ['2026-06-30', 2_340_000],
    // 2,530,000 from 2026-07-01 has no decree: 2,340,000 stays in force (issue #19).
    ['2026-07-01', 2_340_000],
    ['2026-07', 2_340_000],
    ['2026-12-06', 2_340_000],
    ['2024-07', 2_340_000],
  ])('base salary on %s is %i', (date, value) => {
    expect(parameterAt('baseSalary', date)).toBe(value);
  });

  it.each([
    ['2024-07-01', { 1: 4_960_000, 2: 4_410_000, 3: 3_860_000, 4: 3_450_000 }],
    ['2025-12-31', { 1: 4_960_000, 2: 4_410_000, 3: 3_860_000, 4: 3_450_000 }],
    ['2026-01-01', { 1: 5_310_000, 2: 4_730_000, 3: 4_140_000, 4: 3_700_000 }],
  ])('regional minimum wages on %s', (date, value) => {
    expect(parameterAt('regionalMinimumWage', date)).toEqual(value);
  });

  it('flags what the reference calls UNCONFIRMED, and our own assumptions', () => {
    expect(parameterEntryAt('baseSalary', '2026-07-01')).toMatchObject({
      from: '2024-07-01',
      value: 2_340_000,
    });
    expect(parameterEntryAt('baseSalary', '2024-07-01').unconfirmed).toBeUndefined();
    expect(parameterEntryAt('baseSalary', '2024-07-01').source).toContain('NĐ 73/2024');
    expect(parameterEntryAt('oneTimeBhxhConditions', '2026-01-01').unconfirmed).toBe(true);
  });

  it('marks NQ 261/2025 and NĐ 293/2025 as confirmed, with their citations', () => {
    const levels = parameterEntryAt('bhytBenefitLevels', '2026-01-01');
    expect(levels).toMatchObject({ from: '2026-01-01' });
    expect(levels.unconfirmed).toBeUndefined();
    expect(levels.assumption).toBeUndefined();
    expect(levels.source).toContain('NQ 261/2025/QH15');
    const wages = parameterEntryAt('regionalMinimumWage', '2026-01-01');
    expect(wages.unconfirmed).toBeUndefined();
    expect(wages.assumption).toBeUndefined();
    expect(wages.source).toContain('NĐ 293/2025/NĐ-CP');
  });

  it('lists the 2,530,000 base salary as expected, not in force', () => {
    const expected = EXPECTED_PARAMETER_CHANGES.find((c) => c.name === 'baseSalary');
    expect(expected).toMatchObject({ from: '2026-07-01', value: 2_530_000, inForce: false });
    expect(parameterHistory('baseSalary').map((r) => r.value)).not.toContain(2_530_000);
    expect(parameterEntryAt('bhytOutsideRoute', '2026-01-01').assumption).toBe(true);
  });

  it('keeps every table sorted, dated and sourced', () => {
    for (const name of Object.keys(PARAMETERS) as ParameterName[]) {
      const rows = parameterHistory(name);
      expect(rows.length, name).toBeGreaterThan(0);
      for (const row of rows) {
        expect(row.from, name).toMatch(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/);
        expect(row.source.length, name).toBeGreaterThan(3);
      }
      const dates = rows.map((r) => r.from);
      expect(new Set(dates).size, name).toBe(dates.length);
      expect([...dates].sort(), name).toEqual(dates);
    }
  });

  it('holds money as integer VND', () => {
    for (const row of parameterHistory('baseSalary')) expect(Number.isSafeInteger(row.value)).toBe(true);
    for (const row of parameterHistory('regionalMinimumWage'))
      for (const v of Object.values(row.value)) expect(Number.isSafeInteger(v)).toBe(true);
    for (const row of parameterHistory('voluntary'))
      expect(Number.isSafeInteger(row.value.minimumIncome)).toBe(true);
  });

  it('has the Law 41/2024 rates of the reference from 2025-07-01', () => {
    expect(parameterAt('compulsoryRates', '2025-07-01')).toEqual({
      pension: { employee: 800, employer: 1400 },
      sicknessMaternity: { employee: 0, employer: 300 },
      occupational: { employee: 0, employer: 50, employerReduced: 30 },
      health: { employee: 150, employer: 300 },
      unemployment: { employee: 100, employer: 100 },
    });
    expect(totals('2025-07-01')).toEqual({ employee: 1050, employer: 2150 });
    expect(totals('2018-01-01')).toEqual({ employee: 1050, employer: 2150 });
    expect(totals('2012-06-01')).toEqual({ employee: 950, employer: 2100 });
    expect(parameterAt('salaryCaps', '2025-07-01')).toEqual({
      bhxhBhytTimesBase: 20,
      bhtnTimesRegionalMinimum: 20,
      bhtnTimesBase: null,
    });
  });

  it('has voluntary BHXH minimums and support shares over time', () => {
    expect(parameterAt('voluntary', '2021-12-31')).toMatchObject({ rateBp: 2200, minimumIncome: 700_000 });
    expect(parameterAt('voluntary', '2022-01-01')).toMatchObject({ rateBp: 2200, minimumIncome: 1_500_000 });
    expect(parameterAt('voluntary', '2026-01-01')).toMatchObject({
      rateBp: 2200,
      minimumIncome: 1_500_000,
      maximumTimesBase: 20,
    });
    expect(parameterAt('voluntarySupport', '2025-06-30')).toMatchObject({
      poor: 3000,
      nearPoor: 2500,
      other: 1000,
    });
    expect(parameterAt('voluntarySupport', '2025-07-01')).toEqual({
      poor: 5000,
      nearPoor: 4000,
      ethnicMinority: 3000,
      other: 2000,
      maxMonths: 120,
    });
    expect(parameterAt('voluntarySupport', '2017-12-31')).toMatchObject({ poor: 0, other: 0 });
  });

  it('has the BHYT thresholds and one-time months per year', () => {
    expect(parameterAt('bhytSmallVisitBpOfBase', '2026-01-01')).toBe(1500);
    expect(parameterAt('bhytFiveYearCapMonthsOfBase', '2026-01-01')).toBe(6);
    expect(parameterAt('oneTimeBhxhMonthsPerYear', '2013-12-31')).toBe(1.5);
    expect(parameterAt('oneTimeBhxhMonthsPerYear', '2014-01-01')).toBe(2);
  });

  it('has the pension accrual rules of each law', () => {
    expect(parameterAt('pensionAccrual', '2025-07-01')).toMatchObject({
      minimumYears: 15,
      female: { baseYears: 15, baseRateBp: 4500, perYearBp: 200 },
      male: { baseYears: 20, baseRateBp: 4500, perYearBp: 200 },
      maleShort: { fromYears: 15, baseRateBp: 4000, perYearBp: 100 },
      capBp: 7500,
    });
    expect(parameterAt('pensionAccrual', '2020-05-01').male.baseYears).toBe(18);
    expect(parameterAt('pensionAccrual', '2017-05-01').female.perYearBp).toBe(300);
  });

  it('places each object code at one level at most', () => {
    for (const row of parameterHistory('bhytBenefitLevels')) {
      const codes = Object.values(row.value).flat();
      expect(new Set(codes).size, row.from).toBe(codes.length);
    }
  });

  it('is typed by parameter name', () => {
    expectTypeOf(parameterAt('baseSalary', '2026-01-01')).toEqualTypeOf<number>();
    expectTypeOf(parameterAt('regionalMinimumWage', '2026-01-01')[1]).toEqualTypeOf<number>();
    expectTypeOf(parameterAt('bhytBenefitLevels', '2026-01-01')).toHaveProperty(1);
    expectTypeOf<BenefitLevel>().toEqualTypeOf<1 | 2 | 3 | 4 | 5>();
  });
});
