import { describe, expect, it } from 'vitest';
import {
  addMonths,
  cardEndOnRemoval,
  computeStatement,
  employeeCardObjectCode,
  isLateDeclaration,
  monthCaps,
  monthDue,
  monthInWindow,
  monthsOwingLong,
  paymentDeadline,
  periodFigures,
} from './declarations';

describe('declaration months', () => {
  it('shifts months across years', () => {
    expect(addMonths('2026-12', 1)).toBe('2027-01');
    expect(addMonths('2026-01', -1)).toBe('2025-12');
    expect(addMonths('2026-05', -36)).toBe('2023-05');
  });

  it('is late after 30 days from the first day of the start month (D01-TS)', () => {
    expect(isLateDeclaration('2026-10', '2026-10-31')).toBe(false);
    expect(isLateDeclaration('2026-10', '2026-11-01')).toBe(true);
  });

  it('keeps each declaration to its window of months', () => {
    expect(monthInWindow('add', '2023-12', '2026-12-07')).toBe(true);
    expect(monthInWindow('add', '2023-11', '2026-12-07')).toBe(false);
    expect(monthInWindow('add', '2027-02', '2026-12-07')).toBe(false);
    expect(monthInWindow('remove', '2026-11', '2026-12-07')).toBe(true);
    expect(monthInWindow('remove', '2026-10', '2026-12-07')).toBe(false);
  });

  it('ends a card at the end of the last month, never before today', () => {
    expect(cardEndOnRemoval('2026-12', '2026-12-07')).toBe('2026-12-31');
    expect(cardEndOnRemoval('2026-11', '2026-12-07')).toBe('2026-12-07');
  });

  it('maps the kind of unit to the card object code', () => {
    expect(employeeCardObjectCode('enterprise')).toBe('DN');
    expect(employeeCardObjectCode('school')).toBe('HC');
    expect(employeeCardObjectCode('cooperative')).toBe('HX');
  });
});

describe('period figures', () => {
  it('sums each month with its own rules: 6,000,000 for three months of 2026', () => {
    // BHXH: employee 8 % = 480,000; employer 14 % + 3 % = 1,020,000 (Luật BHXH 41/2024/QH15).
    expect(periodFigures('bhxh_compulsory', 6_000_000, '2026-10', '2026-12', 1)).toEqual({
      employeeRateBp: 800,
      employerRateBp: 1700,
      employeeAmount: 1_440_000,
      employerAmount: 3_060_000,
    });
    expect(periodFigures('bhtnld_bnn', 6_000_000, '2026-12', '2026-12', 1)).toMatchObject({
      employerAmount: 30_000,
    });
  });
});

describe('the monthly statement C12-TS', () => {
  it('caps the salary fund per month and applies the total rate of each fund', () => {
    expect(monthCaps('2026-01', 1)).toEqual({ bhxhBhyt: 46_800_000, bhtn: 106_200_000 });
    expect(
      monthDue({
        month: '2026-01',
        people: 1,
        salaryFund: 1,
        basisBhxhBhyt: 10_000_000,
        basisBhtn: 10_000_000,
      }),
    ).toEqual({
      pension: 2_200_000,
      sicknessMaternity: 300_000,
      occupational: 50_000,
      health: 450_000,
      unemployment: 200_000,
    });
  });

  it('pays the last day of the next month; charges 0.03 %/day on what is overdue when the month opens', () => {
    expect(paymentDeadline('2025-12')).toBe('2026-01-31');
    const fund = (month: string) => ({
      month,
      people: 1,
      salaryFund: 10_000_000,
      basisBhxhBhyt: 10_000_000,
      basisBhtn: 10_000_000,
    });
    // 3,200,000 a month; nothing paid. On 2025-09-01 July is overdue: 3,200,000 × 0.0003 × 30 = 28,800.
    const s = computeStatement('2025-09', [fund('2025-07'), fund('2025-08'), fund('2025-09')], []);
    expect(s).toMatchObject({
      dueTotal: 3_200_000,
      opening: 6_400_000,
      interest: 28_800,
      closing: 9_628_800,
    });
    expect(monthsOwingLong(s, '2025-09-30')).toEqual(['2025-07']);
    expect(monthsOwingLong(s, '2025-09-29')).toEqual([]);
    // Paid in full in advance: a negative closing, nothing owed.
    const paid = computeStatement(
      '2025-07',
      [fund('2025-07')],
      [{ paidOn: '2025-07-20', amount: 4_000_000 }],
    );
    expect(paid).toMatchObject({ closing: -800_000, unpaidMonths: [] });
  });
});
