import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ageOn,
  dateOfBirthOf,
  daysInMonth,
  formatVnDate,
  isLeapYear,
  isMinor,
  parseIsoDate,
  parseVnDate,
  yearOf,
} from './dates';
import {
  VIETNAM_TIME_ZONE,
  vietnamDayStart,
  vietnamToday,
  vietnamYear,
  withVietnamOffset,
} from './vietnam-time';

describe('parseVnDate', () => {
  it.each([
    ['01/01/1990', '1990-01-01'],
    ['1/2/1990', '1990-02-01'],
    ['29/02/2024', '2024-02-29'],
    ['31122025', '2025-12-31'],
    [' 15/04/2021 ', '2021-04-15'],
  ])('%s → %s', (text, iso) => {
    expect(parseVnDate(text)).toEqual({ ok: true, value: iso });
  });

  it('reads a year alone only when allowed', () => {
    expect(parseVnDate('1955', { allowYearOnly: true })).toEqual({ ok: true, value: '1955' });
    expect(parseVnDate(' 1955 ', { allowYearOnly: true })).toEqual({ ok: true, value: '1955' });
    expect(parseVnDate('1955')).toMatchObject({ ok: false, error: { code: 'date.bad_format' } });
    expect(parseVnDate('1700', { allowYearOnly: true })).toMatchObject({
      ok: false,
      error: { code: 'date.out_of_range' },
    });
    expect(parseVnDate('955', { allowYearOnly: true })).toMatchObject({
      ok: false,
      error: { code: 'date.bad_format' },
    });
  });

  it.each([
    ['29/02/2023', 'date.impossible'],
    ['31/04/2020', 'date.impossible'],
    ['00/01/2020', 'date.impossible'],
    ['01/13/2020', 'date.impossible'],
    ['29/02/1900', 'date.impossible'],
    ['31022021', 'date.impossible'],
    ['29022100', 'date.impossible'],
    ['01/01/1700', 'date.out_of_range'],
    ['01/01/2201', 'date.out_of_range'],
    ['1/1/90', 'date.bad_format'],
    ['0101199', 'date.bad_format'],
    ['01-01-1990', 'date.bad_format'],
    ['', 'date.bad_format'],
    ['2020-01-01', 'date.bad_format'],
    ['abc', 'date.bad_format'],
  ])('rejects %s (%s)', (text, code) => {
    const r = parseVnDate(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe(code);
  });
});

describe('ISO dates', () => {
  it('validates and formats', () => {
    expect(parseIsoDate('2000-02-29')).toEqual({ ok: true, value: '2000-02-29' });
    expect(parseIsoDate('2001-02-29')).toMatchObject({ ok: false, error: { code: 'date.impossible' } });
    expect(parseIsoDate('1990')).toMatchObject({ ok: false, error: { code: 'date.bad_format' } });
    expect(parseIsoDate('1990', { allowYearOnly: true })).toEqual({ ok: true, value: '1990' });
    expect(parseIsoDate('1990-1-1')).toMatchObject({ ok: false, error: { code: 'date.bad_format' } });
    expect(formatVnDate('2024-03-05')).toBe('05/03/2024');
    expect(formatVnDate('1990')).toBe('1990');
    expect(yearOf('1990-05-01')).toBe(1990);
    expect(yearOf('1948')).toBe(1948);
  });

  it.each([
    [2000, true],
    [2024, true],
    [1900, false],
    [2100, false],
    [2023, false],
    [1804, true],
  ])('%i is a leap year: %s', (year, leap) => {
    expect(isLeapYear(year)).toBe(leap);
    expect(daysInMonth(year, 2)).toBe(leap ? 29 : 28);
  });

  it('knows the length of months', () => {
    expect([1, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].map((m) => daysInMonth(2023, m))).toEqual([
      31, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31,
    ]);
    expect(daysInMonth(2023, 13)).toBe(0);
    expect(daysInMonth(2023, 0)).toBe(0);
  });

  it('agrees with the calendar of Date for every day (dd/MM/yyyy and ddMMyyyy)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1800, max: 2200 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 31 }),
        (year, month, day) => {
          const d = new Date(Date.UTC(2000, month - 1, day));
          d.setUTCFullYear(year, month - 1, day);
          const real = d.getUTCDate() === day && d.getUTCMonth() === month - 1;
          const pad = (n: number, w = 2) => String(n).padStart(w, '0');
          const slashed = parseVnDate(`${pad(day)}/${pad(month)}/${year}`);
          const compact = parseVnDate(`${pad(day)}${pad(month)}${year}`);
          expect(slashed.ok).toBe(real);
          expect(compact).toEqual(slashed);
          if (slashed.ok) {
            expect(slashed.value).toBe(`${year}-${pad(month)}-${pad(day)}`);
            expect(formatVnDate(slashed.value)).toBe(`${pad(day)}/${pad(month)}/${year}`);
            expect(parseIsoDate(slashed.value)).toEqual(slashed);
          }
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe('vietnamToday and ageOn', () => {
  it('is the date at UTC+7', () => {
    expect(vietnamToday(new Date('2026-12-01T16:59:59Z'))).toBe('2026-12-01');
    expect(vietnamToday(new Date('2026-12-01T17:00:00Z'))).toBe('2026-12-02');
    expect(vietnamToday(new Date('2026-12-31T17:00:00Z'))).toBe('2027-01-01');
  });

  it.each([
    ['2020-02-09', '2026-12-06', { years: 6, months: 9, totalMonths: 81 }],
    ['2020-02-09', '2026-02-08', { years: 5, months: 11, totalMonths: 71 }],
    ['2020-02-09', '2026-02-09', { years: 6, months: 0, totalMonths: 72 }],
    ['2020-01-31', '2020-02-29', { years: 0, months: 1, totalMonths: 1 }],
    ['2020-01-31', '2020-02-28', { years: 0, months: 0, totalMonths: 0 }],
    ['2020-02-29', '2021-02-28', { years: 1, months: 0, totalMonths: 12 }],
    ['2020', '2026-12-06', { years: 6, months: 11, totalMonths: 83 }],
    ['2026-12-06', '2026-12-06', { years: 0, months: 0, totalMonths: 0 }],
  ])('born %s, on %s: %j', (birth, on, age) => {
    expect(ageOn(birth, on)).toEqual(age);
  });

  it('has no age before birth or for a date that is not one', () => {
    expect(ageOn('2026-12-07', '2026-12-06')).toBeNull();
    expect(ageOn('2020-02-30', '2026-12-06')).toBeNull();
  });

  it('counts from today in Vietnam by default', () => {
    expect(ageOn('2000-01-01')?.years).toBe(ageOn('2000-01-01', vietnamToday())?.years);
  });
});

describe('Vietnam time', () => {
  it('gives the year, the start of a day and wall times in Vietnam', () => {
    expect(vietnamYear(new Date('2026-12-31T16:59:59Z'))).toBe(2026);
    expect(vietnamYear(new Date('2026-12-31T17:00:00Z'))).toBe(2027);
    expect(vietnamDayStart('2026-12-02').toISOString()).toBe('2026-12-01T17:00:00.000Z');
    expect(withVietnamOffset('2025-03-20T08:15:00')).toBe('2025-03-20T08:15:00+07:00');
    expect(new Date(withVietnamOffset('2025-03-20T08:15:00')).toISOString()).toBe('2025-03-20T01:15:00.000Z');
  });

  it('agrees with the IANA zone Intl knows', () => {
    const at = new Date('2026-06-30T17:30:00Z');
    const intl = new Intl.DateTimeFormat('en-CA', { timeZone: VIETNAM_TIME_ZONE }).format(at);
    expect(vietnamToday(at)).toBe(intl);
  });
});

describe('isMinor: the one minor rule', () => {
  it.each([
    ['2008-12-02', '2026-12-01', true],
    ['2008-12-02', '2026-12-02', false],
    ['2008-02-29', '2026-02-28', true],
    ['2008-02-29', '2026-03-01', false],
    ['2026-12-06', '2026-12-06', true],
  ])('born %s, on %s: %s', (birth, today, minor) => {
    expect(isMinor(birth, today)).toBe(minor);
  });

  it('with a year of birth alone, counts from 31 December of that year (born 2008: a minor to 30 December 2026)', () => {
    expect(isMinor('2008', '2026-01-01')).toBe(true);
    expect(isMinor('2008', '2026-12-30')).toBe(true);
    expect(isMinor('2008', '2026-12-31')).toBe(false);
    expect(isMinor(dateOfBirthOf({ birth_date: null, birth_year: 2008 }), '2026-12-30')).toBe(true);
  });

  it('grants nothing on a date of birth that is not one', () => {
    expect(isMinor('2008-02-30', '2020-01-01')).toBe(false);
    expect(isMinor('', '2020-01-01')).toBe(false);
  });
});
