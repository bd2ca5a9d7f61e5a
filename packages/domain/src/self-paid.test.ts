import { describe, expect, it } from 'vitest';
import { householdCardPeriod, quoteHousehold, quoteVoluntary } from './self-paid';

/**
 * Hand-computed tables (issue #26). Sources: voluntary BHXH 22 % of the chosen income between
 * 1,500,000 VND (rural poverty line) and 20 × 2,340,000 = 46,800,000 VND, state support on the
 * minimum: 22 % × 1,500,000 = 330,000 a month, of which poor 50 % = 165,000, near-poor 40 % =
 * 132,000, ethnic minority 30 % = 99,000, others 20 % = 66,000, for at most 120 months
 * (NĐ 159/2025/NĐ-CP, domain reference "Voluntary BHXH"); modes monthly, 3, 6, 12 months, up to
 * 5 years in advance (Luật BHXH 41/2024/QH15, Art. 36 §1; no discount applied, see self-paid.ts).
 */
describe('voluntary BHXH amounts (602e)', () => {
  // income, group, mode, years, months supported before → months, of them supported, person pays, state, source
  const rows: [
    number,
    'poor' | 'near_poor' | 'ethnic_minority' | 'other',
    string,
    number | undefined,
    number,
    number,
    number,
    number,
    number,
    string,
  ][] = [
    [1_500_000, 'other', 'monthly', undefined, 0, 1, 1, 264_000, 66_000, '330,000 − 20 % × 330,000'],
    [1_500_000, 'poor', 'monthly', undefined, 0, 1, 1, 165_000, 165_000, '330,000 − 50 % × 330,000'],
    [1_500_000, 'near_poor', 'monthly', undefined, 0, 1, 1, 198_000, 132_000, '330,000 − 40 % × 330,000'],
    [
      1_500_000,
      'ethnic_minority',
      'monthly',
      undefined,
      0,
      1,
      1,
      231_000,
      99_000,
      '330,000 − 30 % × 330,000',
    ],
    [5_000_000, 'other', 'quarterly', undefined, 0, 3, 3, 3_102_000, 198_000, '3 × (1,100,000 − 66,000)'],
    [3_000_000, 'poor', 'half_yearly', undefined, 0, 6, 6, 2_970_000, 990_000, '6 × (660,000 − 165,000)'],
    [
      2_000_000,
      'near_poor',
      'yearly',
      undefined,
      0,
      12,
      12,
      3_696_000,
      1_584_000,
      '12 × (440,000 − 132,000)',
    ],
    [
      46_800_000,
      'other',
      'monthly',
      undefined,
      0,
      1,
      1,
      10_230_000,
      66_000,
      '22 % × 46,800,000 = 10,296,000 − 66,000 (the maximum income)',
    ],
    [
      1_500_000,
      'other',
      'advance_years',
      2,
      110,
      24,
      10,
      7_260_000,
      660_000,
      '10 × 264,000 + 14 × 330,000: support ends at 120 months',
    ],
    [1_500_000, 'poor', 'advance_years', 5, 0, 60, 60, 9_900_000, 9_900_000, '60 × 165,000'],
    [
      1_500_000,
      'other',
      'yearly',
      undefined,
      120,
      12,
      0,
      3_960_000,
      0,
      '12 × 330,000: the 120 months of support used up',
    ],
  ];
  it.each(rows)(
    '%i VND, %s, %s (%s years), %i months supported before → %i months, %i supported, pays %i (state %i): %s',
    (income, group, mode, years, before, months, supported, pays, state) => {
      const q = quoteVoluntary({
        chosenIncome: income,
        group,
        mode: mode as 'monthly',
        years,
        fromMonth: '2026-01',
        monthsSupportedSoFar: before,
      });
      if (!q.ok) throw new Error(q.error.message);
      expect(q.value.months).toBe(months);
      expect(q.value.supportedMonths).toBe(supported);
      expect(q.value.totals.personPays).toBe(pays);
      expect(q.value.totals.stateSupport).toBe(state);
      expect(q.value.totals.contribution).toBe(pays + state);
    },
  );

  it('names the period paid for', () => {
    const q = quoteVoluntary({
      chosenIncome: 1_500_000,
      group: 'other',
      mode: 'half_yearly',
      fromMonth: '2026-11',
      monthsSupportedSoFar: 0,
    });
    expect(q.ok && [q.value.fromMonth, q.value.toMonth, q.value.months]).toEqual(['2026-11', '2027-04', 6]);
  });

  it('refuses an income outside the bounds and too many years', () => {
    const low = quoteVoluntary({
      chosenIncome: 1_499_999,
      group: 'other',
      mode: 'monthly',
      fromMonth: '2026-01',
      monthsSupportedSoFar: 0,
    });
    expect(!low.ok && low.error.code).toBe('voluntary.income_too_low');
    const high = quoteVoluntary({
      chosenIncome: 46_800_001,
      group: 'other',
      mode: 'monthly',
      fromMonth: '2026-01',
      monthsSupportedSoFar: 0,
    });
    expect(!high.ok && high.error.code).toBe('voluntary.income_too_high');
    const years = quoteVoluntary({
      chosenIncome: 1_500_000,
      group: 'other',
      mode: 'advance_years',
      years: 6,
      fromMonth: '2026-01',
      monthsSupportedSoFar: 0,
    });
    expect(!years.ok && years.error.field).toBe('years');
  });
});

/**
 * Household BHYT at the base salary 2,340,000 VND (NĐ 73/2024/NĐ-CP): the first member 4.5 % =
 * 105,300 a month; the 2nd 70 % = 73,710; the 3rd 60 % = 63,180; the 4th 50 % = 52,650; the 5th and
 * later 40 % = 42,120 (Luật BHYT Art. 13; NĐ 146/2018/NĐ-CP, Art. 7 §1 (e); domain reference).
 */
describe('household BHYT amounts', () => {
  // members → total for 12 months (and 3 months), hand-computed
  const rows: [number, number, number, string][] = [
    [1, 1_263_600, 315_900, '12 × 105,300'],
    [2, 2_148_120, 537_030, '12 × (105,300 + 73,710)'],
    [3, 2_906_280, 726_570, '12 × (105,300 + 73,710 + 63,180)'],
    [4, 3_538_080, 884_520, '12 × (… + 52,650)'],
    [5, 4_043_520, 1_010_880, '12 × (… + 42,120)'],
    [6, 4_548_960, 1_137_240, '12 × (… + 42,120 + 42,120)'],
  ];
  it.each(rows)('%i members: %i VND for 12 months, %i for 3 (%s)', (n, year, quarter) => {
    const q12 = quoteHousehold({ memberCount: n, months: 12, on: '2026-12-07' });
    const q3 = quoteHousehold({ memberCount: n, months: 3, on: '2026-12-07' });
    if (!q12.ok || !q3.ok) throw new Error('refused');
    expect(q12.value.total).toBe(year);
    expect(q3.value.total).toBe(quarter);
  });

  it('gives each member their rung of the ladder', () => {
    const q = quoteHousehold({ memberCount: 6, months: 6, on: '2026-12-07' });
    if (!q.ok) throw new Error('refused');
    expect(q.value.members.map((m) => [m.shareBp, m.monthly, m.total])).toEqual([
      [10_000, 105_300, 631_800],
      [7000, 73_710, 442_260],
      [6000, 63_180, 379_080],
      [5000, 52_650, 315_900],
      [4000, 42_120, 252_720],
      [4000, 42_120, 252_720],
    ]);
  });

  it('refuses periods other than 3, 6 or 12 months, and no members', () => {
    const months = quoteHousehold({ memberCount: 1, months: 2, on: '2026-12-07' });
    expect(!months.ok && months.error.field).toBe('months');
    const none = quoteHousehold({ memberCount: 0, months: 3, on: '2026-12-07' });
    expect(!none.ok && none.error.field).toBe('members');
  });
});

/**
 * When a household card is valid (Luật BHYT Art. 16 §3 as amended by Luật 46/2014/QH13: first-time
 * or interrupted participants 30 days after paying; an interruption is 3 months or more; see the
 * `bhytWaiting` row, marked as our reading).
 */
describe('household card validity', () => {
  // paid on, months, previous card's end → continuity, valid from, valid to
  const rows: [string, number, string | null, string, string, string, string][] = [
    [
      '2026-12-07',
      12,
      null,
      'first_time',
      '2027-01-06',
      '2028-01-05',
      'never insured: paid + 30 days, then 12 months',
    ],
    [
      '2026-12-07',
      12,
      '2026-12-31',
      'continuing',
      '2027-01-01',
      '2027-12-31',
      'renewed before the end: no gap',
    ],
    ['2026-12-07', 3, '2026-12-07', 'continuing', '2026-12-08', '2027-03-07', 'renewed on the last day'],
    [
      '2026-12-07',
      6,
      '2026-10-31',
      'resumed',
      '2026-12-07',
      '2027-06-06',
      'a gap of 1 month: from the payment day',
    ],
    [
      '2026-12-07',
      12,
      '2026-09-06',
      'interrupted',
      '2027-01-06',
      '2028-01-05',
      'a gap of 3 months and a day: + 30 days',
    ],
    [
      '2026-12-07',
      12,
      '2026-09-07',
      'resumed',
      '2026-12-07',
      '2027-12-06',
      'gap from 2026-09-08: 3 months end 2026-12-08, not reached',
    ],
    [
      '2027-01-31',
      3,
      null,
      'first_time',
      '2027-03-02',
      '2027-06-01',
      'paid 31 January: + 30 days is 2 March',
    ],
  ];
  it.each(rows)(
    'paid %s for %i months after a card ending %s → %s, %s to %s (%s)',
    (paidOn, months, prev, continuity, from, to) => {
      expect(householdCardPeriod({ paidOn, months, previousValidTo: prev })).toMatchObject({
        continuity,
        validFrom: from,
        validTo: to,
      });
    },
  );
});
