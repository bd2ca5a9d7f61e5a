import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  mergeIntervals,
  monthNumber,
  monthString,
  paidBhxhRanges,
  PARTICIPATION_SCHEMES,
  type PeriodForSummary,
  summarizeParticipation,
  summarizeScheme,
} from './participation-summary';

const p = (
  from: string,
  to: string,
  status: 'paid' | 'owed' = 'paid',
  unitCode: string | null = 'U1',
  scheme: PeriodForSummary['scheme'] = 'bhxh_compulsory',
): PeriodForSummary => ({ scheme, from, to, status, unitCode });

describe('month numbers', () => {
  it('round-trips yyyy-mm and refuses malformed months', () => {
    expect(monthString(monthNumber('2014-01'))).toBe('2014-01');
    expect(monthNumber('2014-02') - monthNumber('2013-12')).toBe(2);
    expect(() => monthNumber('2014-13')).toThrow(RangeError);
    expect(() => monthNumber('2014-1')).toThrow(RangeError);
  });
});

describe('summarizeScheme', () => {
  it('totals in years and months, counting overlapping periods once', () => {
    // 2010-01..2012-06 (30 months) and 2012-01..2012-12 overlapping 6 months: 36 distinct months.
    const s = summarizeScheme('bhxh_compulsory', [
      p('2010-01', '2012-06'),
      p('2012-01', '2012-12', 'paid', 'U2'),
    ]);
    expect(s).toMatchObject({ months: 36, years: 3, remainderMonths: 0, owedMonths: 0, gaps: [] });
    expect(s.firstMonth).toBe('2010-01');
    expect(s.lastMonth).toBe('2012-12');
  });

  it('lists the gaps between periods, not before the first or after the last', () => {
    const s = summarizeScheme('bhxh_compulsory', [
      p('2015-03', '2015-12'),
      p('2010-01', '2010-12'),
      p('2011-01', '2011-06'),
      p('2016-02', '2016-02'),
    ]);
    expect(s.gaps).toEqual([
      { from: '2011-07', to: '2015-02', months: 44 },
      { from: '2016-01', to: '2016-01', months: 1 },
    ]);
    expect(s.months).toBe(12 + 6 + 10 + 1);
    expect(s).toMatchObject({ years: 2, remainderMonths: 5 });
  });

  it('owed months do not count, are not gaps, and are listed per responsible unit', () => {
    const s = summarizeScheme('bhxh_compulsory', [
      p('2020-01', '2020-12'),
      p('2021-01', '2021-04', 'owed', 'U1'),
      p('2021-05', '2021-08', 'owed', 'U2'),
      p('2021-09', '2021-12'),
    ]);
    expect(s.months).toBe(16);
    expect(s.owedMonths).toBe(8);
    expect(s.gaps).toEqual([]);
    expect(s.owed).toEqual([
      { from: '2021-01', to: '2021-04', months: 4, unitCode: 'U1' },
      { from: '2021-05', to: '2021-08', months: 4, unitCode: 'U2' },
    ]);
  });

  it('a month paid by one unit and owed by another counts as paid, not owed', () => {
    const s = summarizeScheme('bhxh_compulsory', [
      p('2022-01', '2022-06', 'paid', 'U1'),
      p('2022-04', '2022-09', 'owed', 'U2'),
    ]);
    expect(s).toMatchObject({ months: 6, owedMonths: 3 });
    expect(s.owed).toEqual([{ from: '2022-07', to: '2022-09', months: 3, unitCode: 'U2' }]);
  });

  it('an empty scheme has nothing', () => {
    expect(summarizeScheme('bhtn', [p('2020-01', '2020-12')])).toEqual({
      scheme: 'bhtn',
      months: 0,
      years: 0,
      remainderMonths: 0,
      owedMonths: 0,
      firstMonth: null,
      lastMonth: null,
      gaps: [],
      owed: [],
    });
  });
});

describe('summarizeParticipation', () => {
  it('summarizes every scheme in order, and BHXH compulsory with voluntary counted once', () => {
    const s = summarizeParticipation([
      p('2010-01', '2014-12'),
      p('2014-07', '2016-06', 'paid', null, 'bhxh_voluntary'),
      p('2010-01', '2014-12', 'paid', 'U1', 'bhtn'),
      p('2017-01', '2017-03', 'owed', null, 'bhxh_voluntary'),
    ]);
    expect(s.schemes.map((x) => x.scheme)).toEqual([...PARTICIPATION_SCHEMES]);
    expect(s.schemes[0]?.months).toBe(60);
    expect(s.schemes[1]?.months).toBe(24);
    expect(s.bhxhCombined).toEqual({ months: 78, years: 6, remainderMonths: 6 });
    expect(
      paidBhxhRanges([p('2010-01', '2014-12'), p('2014-07', '2016-06', 'paid', null, 'bhxh_voluntary')]),
    ).toEqual([{ from: '2010-01', to: '2016-06' }]);
  });
});

// ---------------------------------------------------------------- properties

const monthArb = fc.integer({ min: 1995 * 12, max: 2030 * 12 + 11 });
const periodArb = fc
  .record({
    a: monthArb,
    len: fc.integer({ min: 0, max: 60 }),
    status: fc.constantFrom<'paid' | 'owed'>('paid', 'owed'),
    unit: fc.constantFrom('U1', 'U2', null),
    scheme: fc.constantFrom(...PARTICIPATION_SCHEMES),
  })
  .map((r): PeriodForSummary => ({
    scheme: r.scheme,
    from: monthString(r.a),
    to: monthString(r.a + r.len),
    status: r.status,
    unitCode: r.unit,
  }));

/** The reference: every month of every period in a set. */
function monthsOf(periods: readonly PeriodForSummary[], pick: (q: PeriodForSummary) => boolean): Set<number> {
  const set = new Set<number>();
  for (const q of periods.filter(pick))
    for (let m = monthNumber(q.from); m <= monthNumber(q.to); m++) set.add(m);
  return set;
}

describe('properties', () => {
  it('paid, owed and gap months agree with a month-by-month count', () => {
    fc.assert(
      fc.property(
        fc.array(periodArb, { maxLength: 12 }),
        fc.constantFrom(...PARTICIPATION_SCHEMES),
        (periods, scheme) => {
          const s = summarizeScheme(scheme, periods);
          const paid = monthsOf(periods, (q) => q.scheme === scheme && q.status === 'paid');
          const any = monthsOf(periods, (q) => q.scheme === scheme);
          const owed = [...monthsOf(periods, (q) => q.scheme === scheme && q.status === 'owed')].filter(
            (m) => !paid.has(m),
          );
          expect(s.months).toBe(paid.size);
          expect(s.years * 12 + s.remainderMonths).toBe(s.months);
          expect(s.remainderMonths).toBeLessThan(12);
          expect(s.owedMonths).toBe(owed.length);
          if (any.size === 0) {
            expect(s.firstMonth).toBeNull();
            expect(s.gaps).toEqual([]);
            return;
          }
          const first = Math.min(...any);
          const last = Math.max(...any);
          expect(s.firstMonth).toBe(monthString(first));
          expect(s.lastMonth).toBe(monthString(last));
          const gapMonths = s.gaps.reduce((n, g) => n + g.months, 0);
          expect(gapMonths).toBe(last - first + 1 - any.size);
          for (const g of s.gaps) {
            expect(any.has(monthNumber(g.from))).toBe(false);
            expect(any.has(monthNumber(g.to))).toBe(false);
            expect(any.has(monthNumber(g.from) - 1)).toBe(true);
            expect(any.has(monthNumber(g.to) + 1)).toBe(true);
          }
          // Every owed month appears in exactly the owed runs of the units owing it.
          const listed = new Set<number>();
          for (const r of s.owed)
            for (let m = monthNumber(r.from); m <= monthNumber(r.to); m++) listed.add(m);
          expect([...listed].sort((x, y) => x - y)).toEqual(owed.sort((x, y) => x - y));
        },
      ),
    );
  });

  it('the order of the periods does not matter, and a duplicate changes nothing', () => {
    fc.assert(
      fc.property(fc.array(periodArb, { minLength: 1, maxLength: 10 }), (periods) => {
        const once = summarizeParticipation(periods);
        expect(summarizeParticipation([...periods].reverse())).toEqual(once);
        expect(summarizeParticipation([...periods, periods[0]!])).toEqual(once);
      }),
    );
  });

  it('merged intervals are sorted, disjoint, non-adjacent and cover the same months', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(monthArb, fc.integer({ min: 0, max: 30 })), { maxLength: 15 }), (raw) => {
        const ivs = raw.map(([a, l]): [number, number] => [a, a + l]);
        const merged = mergeIntervals(ivs);
        for (let i = 1; i < merged.length; i++) expect(merged[i]![0]).toBeGreaterThan(merged[i - 1]![1] + 1);
        const cover = (list: [number, number][]) => {
          const s = new Set<number>();
          for (const [a, b] of list) for (let m = a; m <= b; m++) s.add(m);
          return s;
        };
        expect(cover(merged)).toEqual(cover(ivs));
      }),
    );
  });
});
