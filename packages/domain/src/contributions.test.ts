import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  computeCompulsoryContributions,
  computeVoluntaryContribution,
  FUNDS,
  type SupportGroup,
} from './contributions';
import type { Region } from './parameters';

const compulsory = (input: Parameters<typeof computeCompulsoryContributions>[0]) => {
  const r = computeCompulsoryContributions(input);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};

describe('compulsory contributions', () => {
  it('splits a 10 million salary per fund (2026-01, region I)', () => {
    expect(compulsory({ salary: 10_000_000, month: '2026-01', region: 1 })).toMatchObject({
      basis: { bhxhBhyt: 10_000_000, bhtn: 10_000_000 },
      caps: { bhxhBhyt: 46_800_000, bhtn: 106_200_000 },
      funds: {
        pension: { employee: 800_000, employer: 1_400_000 },
        sicknessMaternity: { employee: 0, employer: 300_000 },
        occupational: { employee: 0, employer: 50_000 },
        health: { employee: 150_000, employer: 300_000 },
        unemployment: { employee: 100_000, employer: 100_000 },
      },
      totals: { employee: 1_050_000, employer: 2_150_000, all: 3_200_000 },
      rates: { employee: 1050, employer: 2150 },
    });
  });

  it.each<[string, Parameters<typeof computeCompulsoryContributions>[0], object]>([
    ['BHXH/BHYT capped at 20 × base (2026-01)', { salary: 60_000_000, month: '2026-01', region: 1 }, { basis: { bhxhBhyt: 46_800_000, bhtn: 60_000_000 }, totals: { employee: 5_046_000 } }],
    ['the cap follows the base salary (2024-06: 20 × 1,800,000)', { salary: 60_000_000, month: '2024-06', region: 1 }, { basis: { bhxhBhyt: 36_000_000 } }],
    ['2026-08: 20 × 2,340,000 (no decree for 2,530,000)', { salary: 60_000_000, month: '2026-08', region: 1 }, { basis: { bhxhBhyt: 46_800_000 } }],
    ['BHTN capped at 20 × regional minimum (region IV)', { salary: 150_000_000, month: '2026-01', region: 4 }, { basis: { bhtn: 74_000_000 } }],
    ['BHTN capped by region (2025, region I)', { salary: 150_000_000, month: '2025-09', region: 1 }, { basis: { bhtn: 99_200_000 } }],
    ['BHTN capped at 20 × base before 2015', { salary: 30_000_000, month: '2014-06', region: 1 }, { basis: { bhxhBhyt: 23_000_000, bhtn: 23_000_000 } }],
    ['reduced occupational rate', { salary: 10_000_000, month: '2026-01', region: 1, reducedOccupationalRate: true }, { funds: { occupational: { employer: 30_000 } }, rates: { employer: 2130 } }],
    ['no reduced rate before NĐ 58/2020', { salary: 10_000_000, month: '2019-01', region: 1, reducedOccupationalRate: true }, { funds: { occupational: { employer: 50_000 } } }],
    ['the 2012 roadmap rates', { salary: 5_000_000, month: '2012-06', region: 1 }, { funds: { pension: { employee: 350_000, employer: 650_000 } }, basis: { bhtn: 5_000_000 } }],
    ['the 2021 relief', { salary: 10_000_000, month: '2021-12', region: 1 }, { funds: { occupational: { employer: 0 }, unemployment: { employer: 0, employee: 100_000 } } }],
    ['2018 totals as in 2025', { salary: 10_000_000, month: '2018-03', region: 2 }, { totals: { employee: 1_050_000, employer: 2_150_000 } }],
    ['rounded half up per fund', { salary: 1_000_001, month: '2026-01', region: 1 }, { funds: { health: { employee: 15_000 }, pension: { employee: 80_000 } } }],
  ])('%s', (_label, input, expected) => {
    expect(compulsory(input)).toMatchObject(expected);
  }); // prettier-ignore

  it.each<[Parameters<typeof computeCompulsoryContributions>[0], string, string]>([
    [{ salary: -1, month: '2026-01', region: 1 }, 'contribution.bad_salary', 'salary'],
    [{ salary: 1.5, month: '2026-01', region: 1 }, 'contribution.bad_salary', 'salary'],
    [{ salary: Number.NaN, month: '2026-01', region: 1 }, 'contribution.bad_salary', 'salary'],
    [{ salary: 1, month: '2026-13', region: 1 }, 'contribution.bad_month', 'month'],
    [{ salary: 1, month: '2026-1', region: 1 }, 'contribution.bad_month', 'month'],
    [{ salary: 1, month: '1990-01', region: 1 }, 'contribution.month_out_of_range', 'month'],
    [{ salary: 1, month: '2026-01', region: 5 as Region }, 'contribution.bad_region', 'region'],
  ])('rejects %j', (input, code, field) => {
    expect(computeCompulsoryContributions(input)).toMatchObject({ ok: false, error: { code, field } });
  });

  it('adds up, respects the caps and grows with the salary', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 500_000_000 }),
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.constantFrom(
          '1996-05',
          '2009-03',
          '2015-03',
          '2020-01',
          '2021-12',
          '2024-12',
          '2026-01',
          '2026-09',
        ),
        fc.constantFrom<Region>(1, 2, 3, 4),
        fc.boolean(),
        (salary, raise, month, region, reducedOccupationalRate) => {
          const a = compulsory({ salary, month, region, reducedOccupationalRate });
          const b = compulsory({ salary: salary + raise, month, region, reducedOccupationalRate });
          expect(a.basis.bhxhBhyt).toBe(Math.min(salary, a.caps.bhxhBhyt));
          expect(a.basis.bhtn).toBe(Math.min(salary, a.caps.bhtn));
          expect(FUNDS.reduce((s, f) => s + a.funds[f].employee, 0)).toBe(a.totals.employee);
          expect(FUNDS.reduce((s, f) => s + a.funds[f].employer, 0)).toBe(a.totals.employer);
          expect(a.totals.all).toBe(a.totals.employee + a.totals.employer);
          expect(b.totals.all).toBeGreaterThanOrEqual(a.totals.all);
          expect(a.totals.all).toBeLessThanOrEqual(Math.ceil(salary * 0.33) + 5);
        },
      ),
    );
  });
});

describe('voluntary BHXH', () => {
  const voluntary = (input: Partial<Parameters<typeof computeVoluntaryContribution>[0]>) =>
    computeVoluntaryContribution({
      chosenIncome: 1_500_000,
      month: '2026-01',
      group: 'other',
      monthsSupportedSoFar: 0,
      ...input,
    });

  it.each<[SupportGroup, number]>([
    ['poor', 165_000],
    ['near_poor', 132_000],
    ['ethnic_minority', 99_000],
    ['other', 66_000],
  ])('supports the %s group on the minimum income (2026)', (group, support) => {
    expect(voluntary({ group })).toEqual({
      ok: true,
      value: {
        contribution: 330_000,
        stateSupport: support,
        personPays: 330_000 - support,
        minimumIncome: 1_500_000,
        maximumIncome: 46_800_000,
        rateBp: 2200,
        supportBp: { poor: 5000, near_poor: 4000, ethnic_minority: 3000, other: 2000 }[group],
      },
    });
  });

  it('supports on the minimum even for a higher income, for 120 months at most', () => {
    expect(voluntary({ chosenIncome: 5_000_000, monthsSupportedSoFar: 119 })).toMatchObject({
      ok: true,
      value: { contribution: 1_100_000, stateSupport: 66_000, personPays: 1_034_000 },
    });
    expect(voluntary({ chosenIncome: 5_000_000, monthsSupportedSoFar: 120 })).toMatchObject({
      ok: true,
      value: { stateSupport: 0, personPays: 1_100_000, supportBp: 0 },
    });
  });

  it.each<[string, Partial<Parameters<typeof computeVoluntaryContribution>[0]>, object]>([
    ['2024: the older shares (poor 30 %)', { month: '2024-01', group: 'poor' }, { contribution: 330_000, stateSupport: 99_000 }],
    ['2024: ethnic minority as others (10 %)', { month: '2024-01', group: 'ethnic_minority' }, { stateSupport: 33_000 }],
    ['2021: minimum 700,000', { month: '2021-06', chosenIncome: 700_000, group: 'poor' }, { contribution: 154_000, stateSupport: 46_200 }],
    ['2016: no support yet', { month: '2016-06', chosenIncome: 700_000, group: 'poor' }, { contribution: 154_000, stateSupport: 0 }],
    ['2010: 18 % of at least the minimum wage', { month: '2010-06', chosenIncome: 730_000 }, { contribution: 131_400, stateSupport: 0 }],
    ['2026-08: the maximum is 20 × 2,340,000 (no decree for 2,530,000)', { month: '2026-08', chosenIncome: 46_800_000 }, { maximumIncome: 46_800_000 }],
  ])('%s', (_label, input, expected) => {
    expect(voluntary(input)).toMatchObject({ ok: true, value: expected });
  }); // prettier-ignore

  it.each<[Partial<Parameters<typeof computeVoluntaryContribution>[0]>, string, string]>([
    [{ chosenIncome: 1_499_999 }, 'voluntary.income_too_low', 'chosenIncome'],
    [{ chosenIncome: 46_800_001 }, 'voluntary.income_too_high', 'chosenIncome'],
    [{ chosenIncome: 2_000_000.5 }, 'voluntary.bad_income', 'chosenIncome'],
    [{ month: '2026-00' }, 'voluntary.bad_month', 'month'],
    [{ month: '2007-12' }, 'voluntary.month_out_of_range', 'month'],
    [{ monthsSupportedSoFar: -1 }, 'voluntary.bad_months', 'monthsSupportedSoFar'],
  ])('rejects %j', (input, code, field) => {
    expect(voluntary(input)).toMatchObject({ ok: false, error: { code, field } });
  });

  it('never makes the person pay less than nothing or the state more than the contribution', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1_500_000, max: 46_800_000 }),
        fc.constantFrom<SupportGroup>('poor', 'near_poor', 'ethnic_minority', 'other'),
        fc.integer({ min: 0, max: 200 }),
        (chosenIncome, group, monthsSupportedSoFar) => {
          const r = voluntary({ chosenIncome, group, monthsSupportedSoFar });
          if (!r.ok) throw new Error(r.error.message);
          expect(r.value.personPays + r.value.stateSupport).toBe(r.value.contribution);
          expect(r.value.personPays).toBeGreaterThan(0);
        },
      ),
    );
  });
});
