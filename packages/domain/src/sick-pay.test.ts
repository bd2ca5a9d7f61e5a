import { describe, expect, it } from 'vitest';
import {
  computeSickPay,
  sickLeaveEnd,
  sicknessSalaryBasis,
  workingDaysByYear,
  yearlySicknessLimit,
  SICKNESS_RULES,
} from './sick-pay';

/**
 * Hand-computed rows. Rule: Luật BHXH 41/2024/QH15 Art. 43(1) (yearly limit 30/40/60, heavy work
 * 40/50/70), Art. 45(1) and the ÷ 24 day (75 % of the month before the leave). Calendar: 2026-01-01
 * is a Thursday; holidays from `holiday-table.ts` (2026: 01/01, 02/01 announced, Tết 16–20/02,
 * 30/04, 01/05) and weekends. Amount = salary × 0.75 ÷ 24 × paid days, rounded once.
 */
const rows: {
  name: string;
  from: string;
  to: string;
  salary: number;
  months: number;
  heavy?: boolean;
  used?: Record<number, number>;
  workingDays: number;
  paidDays: number;
  amount: number;
}[] = [
  // Mon 09/03 – Fri 13/03/2026: 5 days; 10,000,000 × 0.75 ÷ 24 = 312,500 a day.
  {
    name: 'a working week',
    from: '2026-03-09',
    to: '2026-03-13',
    salary: 10_000_000,
    months: 60,
    workingDays: 5,
    paidDays: 5,
    amount: 1_562_500,
  },
  // Thu 12/03 – Tue 17/03/2026: Thu, Fri, Mon, Tue = 4; 8,000,000 × 0.75 ÷ 24 = 250,000.
  {
    name: 'over a weekend',
    from: '2026-03-12',
    to: '2026-03-17',
    salary: 8_000_000,
    months: 24,
    workingDays: 4,
    paidDays: 4,
    amount: 1_000_000,
  },
  // Tue 28/04 – Tue 05/05/2026: 28, 29, (30/4, 1/5 holidays, weekend), 4, 5 = 4; 375,000 a day.
  {
    name: 'over 30/4 and 1/5',
    from: '2026-04-28',
    to: '2026-05-05',
    salary: 12_000_000,
    months: 100,
    workingDays: 4,
    paidDays: 4,
    amount: 1_500_000,
  },
  // Thu 12/02 – Tue 24/02/2026: 12, 13, (Tết 16–20 and two weekends), 23, 24 = 4; 187,500 a day.
  {
    name: 'over Tết 2026',
    from: '2026-02-12',
    to: '2026-02-24',
    salary: 6_000_000,
    months: 12,
    workingDays: 4,
    paidDays: 4,
    amount: 750_000,
  },
  // Under 15 years: 30 days a year; 28 used, so 2 of 5 paid: 2 × 312,500.
  {
    name: 'the 30-day limit',
    from: '2026-03-09',
    to: '2026-03-13',
    salary: 10_000_000,
    months: 179,
    used: { 2026: 28 },
    workingDays: 5,
    paidDays: 2,
    amount: 625_000,
  },
  // Exactly 15 years (180 months): 40 days; 38 used → 2.
  {
    name: 'the 40-day limit at 15 years',
    from: '2026-03-09',
    to: '2026-03-13',
    salary: 10_000_000,
    months: 180,
    used: { 2026: 38 },
    workingDays: 5,
    paidDays: 2,
    amount: 625_000,
  },
  // 30 years (360 months): 60 days; 58 used → 2.
  {
    name: 'the 60-day limit at 30 years',
    from: '2026-03-09',
    to: '2026-03-13',
    salary: 10_000_000,
    months: 360,
    used: { 2026: 58 },
    workingDays: 5,
    paidDays: 2,
    amount: 625_000,
  },
  // Heavy work, 16 years: 50 days; 48 used → 2.
  {
    name: 'heavy work: 50 days at 15–30 years',
    from: '2026-03-09',
    to: '2026-03-13',
    salary: 10_000_000,
    months: 192,
    heavy: true,
    used: { 2026: 48 },
    workingDays: 5,
    paidDays: 2,
    amount: 625_000,
  },
  // Heavy work, under 15 years: 40 days; 30 used → all 5 (a normal job would get none).
  {
    name: 'heavy work: 40 days under 15 years',
    from: '2026-03-09',
    to: '2026-03-13',
    salary: 10_000_000,
    months: 12,
    heavy: true,
    used: { 2026: 30 },
    workingDays: 5,
    paidDays: 5,
    amount: 1_562_500,
  },
  // Limit used up: nothing paid.
  {
    name: 'nothing left this year',
    from: '2026-03-09',
    to: '2026-03-13',
    salary: 10_000_000,
    months: 12,
    used: { 2026: 30 },
    workingDays: 5,
    paidDays: 0,
    amount: 0,
  },
  // 7,777,777 × 0.75 ÷ 24 × 3 = 729,166.59… → 729,167.
  {
    name: 'rounded once, to the dong',
    from: '2026-03-09',
    to: '2026-03-11',
    salary: 7_777_777,
    months: 12,
    workingDays: 3,
    paidDays: 3,
    amount: 729_167,
  },
  // Mon 29/12/2025 – Tue 06/01/2026: 2025: 29, 30, 31 = 3; 2026: (1/1, 2/1, weekend) 5, 6 = 2.
  // 29 of 30 used in 2025 → 1 paid; 2026 fresh → 2; 3 × 300,000.
  {
    name: 'across the new year, each year its own limit',
    from: '2025-12-29',
    to: '2026-01-06',
    salary: 9_600_000,
    months: 60,
    used: { 2025: 29 },
    workingDays: 5,
    paidDays: 3,
    amount: 900_000,
  },
];

describe('computeSickPay (hand-computed)', () => {
  it.each(rows)('$name', (r) => {
    const result = computeSickPay({
      from: r.from,
      to: r.to,
      monthlySalary: r.salary,
      contributionMonths: r.months,
      heavyWork: r.heavy ?? false,
      usedDays: r.used ?? {},
    });
    expect({ workingDays: result.workingDays, paidDays: result.paidDays, amount: result.amount }).toEqual({
      workingDays: r.workingDays,
      paidDays: r.paidDays,
      amount: r.amount,
    });
  });

  it('splits a leave across years and names its source', () => {
    const r = computeSickPay({
      from: '2025-12-29',
      to: '2026-01-06',
      monthlySalary: 9_600_000,
      contributionMonths: 60,
      heavyWork: false,
      usedDays: { 2025: 29 },
    });
    expect(r.years).toEqual([
      { year: 2025, workingDays: 3, limit: 30, used: 29, paidDays: 1 },
      { year: 2026, workingDays: 2, limit: 30, used: 0, paidDays: 2 },
    ]);
    expect(r.source).toContain('41/2024/QH15');
    expect(
      computeSickPay({
        from: '2024-03-11',
        to: '2024-03-11',
        monthlySalary: 2_400_000,
        contributionMonths: 1,
        heavyWork: false,
        usedDays: {},
      }).source,
    ).toContain('58/2014');
  });
});

describe('the rule pieces', () => {
  it('yearly limits by contribution years', () => {
    const rule = SICKNESS_RULES[1]!.value;
    expect([0, 179, 180, 359, 360, 500].map((m) => yearlySicknessLimit(rule, m, false))).toEqual([
      30, 30, 40, 40, 60, 60,
    ]);
    expect([0, 179, 180, 359, 360].map((m) => yearlySicknessLimit(rule, m, true))).toEqual([
      40, 40, 50, 50, 70,
    ]);
  });

  it('counts working days without weekends and holidays', () => {
    expect([...workingDaysByYear('2026-02-14', '2026-02-22')]).toEqual([]);
    expect([...workingDaysByYear('2026-03-07', '2026-03-08')]).toEqual([]);
  });

  it('takes the salary of the month before the leave, else of its own month', () => {
    const periods = [
      { from: '2025-01', to: '2026-01', salary: 8_000_000 },
      { from: '2026-02', to: '2026-12', salary: 9_000_000 },
    ];
    expect(sicknessSalaryBasis(periods, '2026-03-10')).toEqual({ month: '2026-02', salary: 9_000_000 });
    expect(sicknessSalaryBasis(periods, '2026-02-03')).toEqual({ month: '2026-01', salary: 8_000_000 });
    // A new worker falling ill in their first month: that month's salary (Art. 45(1)).
    expect(
      sicknessSalaryBasis([{ from: '2026-05', to: '2026-12', salary: 7_000_000 }], '2026-05-12'),
    ).toEqual({ month: '2026-05', salary: 7_000_000 });
    expect(sicknessSalaryBasis(periods, '2024-06-01')).toBeNull();
  });

  it('ends a certificate without DEN_NGAY after its days', () => {
    expect(sickLeaveEnd('2026-03-09', 5)).toBe('2026-03-13');
    expect(sickLeaveEnd('2026-03-09', 5, '2026-03-10')).toBe('2026-03-10');
  });
});
