import { describe, expect, it } from 'vitest';
import {
  addWorkingDays,
  holidaysOf,
  hungKingsDay,
  isWorkingDay,
  tetDay,
  workingDaysBetween,
} from './working-days';

describe('working days', () => {
  it('finds Tết by the Vietnamese (UTC+7) lunar calendar', () => {
    expect(tetDay(2024)).toBe('2024-02-10');
    expect(tetDay(2025)).toBe('2025-01-29');
    expect(tetDay(2026)).toBe('2026-02-17');
    expect(tetDay(2027)).toBe('2027-02-06');
    // Years where the Vietnamese calendar differs from the Chinese one (China: 1985-02-20, 2007-02-18).
    expect(tetDay(1985)).toBe('1985-01-21');
    expect(tetDay(2007)).toBe('2007-02-17');
  });

  it('finds Giỗ Tổ Hùng Vương (10/3 lunar)', () => {
    expect(hungKingsDay(2025)).toBe('2025-04-07');
    expect(hungKingsDay(2026)).toBe('2026-04-26');
  });

  it('takes weekends and holidays off, and gives a weekend holiday back on the next weekday', () => {
    expect(isWorkingDay('2026-12-07')).toBe(true); // Monday
    expect(isWorkingDay('2026-12-12')).toBe(false); // Saturday
    expect(isWorkingDay('2027-01-01')).toBe(false); // New Year
    expect(isWorkingDay('2026-04-27')).toBe(false); // Giỗ Tổ fell on Sunday 26/4
    expect(isWorkingDay('2026-09-02')).toBe(false);
    expect(isWorkingDay('2026-01-10')).toBe(true); // a Saturday worked in exchange for 02/01
    expect(isWorkingDay('2026-01-02')).toBe(false);
  });

  it('keeps the announced Tết days where there is an announcement, the rule elsewhere', () => {
    const tet2025 = holidaysOf(2025)
      .filter((h) => h.name === 'tet')
      .map((h) => h.date);
    expect(tet2025).toEqual(['2025-01-27', '2025-01-28', '2025-01-29', '2025-01-30', '2025-01-31']);
    // 2027 (no announcement yet): 05/02 (last day of the year) + 06–09/02; the 6th and 7th are a
    // weekend, so 10 and 11 February are given back.
    const off2027 = holidaysOf(2027)
      .filter((h) => h.date.startsWith('2027-02'))
      .map((h) => h.date);
    expect(off2027).toEqual([
      '2027-02-05',
      '2027-02-06',
      '2027-02-07',
      '2027-02-08',
      '2027-02-09',
      '2027-02-10',
      '2027-02-11',
    ]);
  });

  it('adds working days across a weekend and across Tết', () => {
    expect(addWorkingDays('2026-12-07', 0)).toBe('2026-12-07');
    expect(addWorkingDays('2026-12-12', 0)).toBe('2026-12-14'); // filed on Saturday: Monday
    expect(addWorkingDays('2026-12-10', 3)).toBe('2026-12-15'); // Thu + 3 across the weekend
    expect(addWorkingDays('2027-02-03', 3)).toBe('2027-02-15'); // Wed: Thu 4, Fri 12, Mon 15
    expect(addWorkingDays('2026-12-07', 10)).toBe('2026-12-21');
    expect(addWorkingDays('2026-12-31', 1)).toBe('2027-01-04');
  });

  it('counts the working days between two days', () => {
    expect(workingDaysBetween('2026-12-07', '2026-12-14')).toBe(5);
    expect(workingDaysBetween('2026-12-14', '2026-12-07')).toBe(0);
    for (const [day, n] of [
      ['2027-02-03', 7],
      ['2026-12-24', 12],
    ] as const)
      expect(workingDaysBetween(day, addWorkingDays(day, n))).toBe(n);
  });

  it('refuses a negative or fractional count', () => {
    expect(() => addWorkingDays('2026-12-07', -1)).toThrow(RangeError);
    expect(() => addWorkingDays('2026-12-07', 1.5)).toThrow(RangeError);
  });
});
