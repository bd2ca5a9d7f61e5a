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

  it("keeps the officials' calendar announced for 2024, 2025 and 2026", () => {
    const days = (year: number) => holidaysOf(year).map((h) => `${h.date} ${h.name}`);
    // 2024: Tết 08–14/02; 29/04 swapped with Sat 04/05; National Day 2 and 3 September.
    expect(days(2024)).toEqual([
      '2024-01-01 new_year',
      '2024-02-08 tet',
      '2024-02-09 tet',
      '2024-02-12 tet',
      '2024-02-13 tet',
      '2024-02-14 tet',
      '2024-04-18 hung_kings',
      '2024-04-29 announced',
      '2024-04-30 reunification',
      '2024-05-01 labour',
      '2024-09-02 national_day',
      '2024-09-03 national_day',
    ]);
    expect(isWorkingDay('2024-05-04')).toBe(true);
    // 2025: Tết 25/01–02/02; 02/05 swapped with Sat 26/04; National Day 1 and 2 September.
    expect(days(2025)).toEqual([
      '2025-01-01 new_year',
      '2025-01-27 tet',
      '2025-01-28 tet',
      '2025-01-29 tet',
      '2025-01-30 tet',
      '2025-01-31 tet',
      '2025-04-07 hung_kings',
      '2025-04-30 reunification',
      '2025-05-01 labour',
      '2025-05-02 announced',
      '2025-09-01 national_day',
      '2025-09-02 national_day',
    ]);
    expect(isWorkingDay('2025-04-26')).toBe(true);
    // 2026: 02/01 swapped with Sat 10/01; Tết 14–22/02; Giỗ Tổ on Sunday 26/04 given back on
    // Monday 27/04; 31/08 swapped with Sat 22/08; 24/11, Ngày Văn hóa Việt Nam (from 01/07/2026).
    expect(days(2026)).toEqual([
      '2026-01-01 new_year',
      '2026-01-02 announced',
      '2026-02-16 tet',
      '2026-02-17 tet',
      '2026-02-18 tet',
      '2026-02-19 tet',
      '2026-02-20 tet',
      '2026-04-26 hung_kings',
      '2026-04-27 compensatory',
      '2026-04-30 reunification',
      '2026-05-01 labour',
      '2026-08-31 announced',
      '2026-09-01 national_day',
      '2026-09-02 national_day',
      '2026-11-24 culture_day',
    ]);
    expect(isWorkingDay('2026-01-10')).toBe(true);
    expect(isWorkingDay('2026-08-22')).toBe(true);
  });

  it('adds Ngày Văn hóa Việt Nam from 2026 only', () => {
    expect(isWorkingDay('2025-11-24')).toBe(true); // Monday, before Nghị quyết 28/2026/QH16
    expect(isWorkingDay('2026-11-24')).toBe(false); // Tuesday
    expect(isWorkingDay('2027-11-24')).toBe(false); // Wednesday
    expect(addWorkingDays('2026-11-20', 3)).toBe('2026-11-26'); // Fri: Mon 23, (Tue 24 off), Wed 25, Thu 26
  });

  it('counts deadlines across the announced swaps', () => {
    // Tết 2026 and its weekends: Thu 12/02 + 3 = Fri 13, Mon 23, Tue 24.
    expect(addWorkingDays('2026-02-12', 3)).toBe('2026-02-24');
    // Saturday 22/08/2026 is worked; 29/08–02/09 off.
    expect(addWorkingDays('2026-08-20', 5)).toBe('2026-08-26');
    expect(addWorkingDays('2026-08-27', 2)).toBe('2026-09-03');
    // Tết 2025: Fri 24/01 + 1 = Mon 03/02.
    expect(addWorkingDays('2025-01-24', 1)).toBe('2025-02-03');
    // Saturday 26/04/2025 is worked; 30/04–04/05 off.
    expect(addWorkingDays('2025-04-25', 1)).toBe('2025-04-26');
    expect(addWorkingDays('2025-04-29', 1)).toBe('2025-05-05');
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
