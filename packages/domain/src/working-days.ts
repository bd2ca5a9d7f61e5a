/**
 * Working days of the BHXH agencies (issue 23): Monday to Friday, less Vietnam's public holidays
 * (the Labour Code's rule, the lunar ones converted with `@dqcai/vn-lunar`, which computes the
 * Vietnamese calendar at UTC+7 — it differs from the Chinese one in some years, e.g. Tết 1985 and
 * 2007), plus the days the government announces each year (`holiday-table.ts`). Days are
 * `yyyy-mm-dd` in Asia/Ho_Chi_Minh. Kept out of the package index: the web imports it by path.
 */

import { getSolarDate } from '@dqcai/vn-lunar';
import { HOLIDAY_ANNOUNCEMENTS, HOLIDAY_RULES, type HolidayRule } from './holiday-table';
import type { Effective } from './parameter-types';
import { vietnamToday } from './vietnam-time';

export { HOLIDAY_ANNOUNCEMENTS, HOLIDAY_RULES } from './holiday-table';

export type HolidayName =
  | 'new_year'
  | 'tet'
  | 'hung_kings'
  | 'reunification'
  | 'labour'
  | 'national_day'
  | 'culture_day'
  | 'compensatory'
  | 'announced';

export interface Holiday {
  date: string;
  name: HolidayName;
}

const DAY_MS = 86_400_000;

/** The day `n` calendar days after `day` (negative: before). */
export function shiftDay(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}

function weekday(day: string): number {
  return new Date(`${day}T00:00:00Z`).getUTCDay();
}

function isWeekend(day: string): boolean {
  const d = weekday(day);
  return d === 0 || d === 6;
}

const iso = (y: number, m: number, d: number): string =>
  `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

/** Mùng 1 Tết (the first day of the lunar year that starts in solar year `year`), Vietnamese calendar. */
export function tetDay(year: number): string {
  const s = getSolarDate(1, 1, year);
  return iso(s.year, s.month, s.day);
}

/** Giỗ Tổ Hùng Vương: the 10th day of the 3rd lunar month (never a leap month for the holiday). */
export function hungKingsDay(year: number): string {
  const s = getSolarDate(10, 3, year);
  return iso(s.year, s.month, s.day);
}

/** The rule in force on `day` (each holiday is decided by the rule in force on its own date). */
function ruleOn(day: string): HolidayRule {
  let found: Effective<HolidayRule> | undefined;
  for (const row of HOLIDAY_RULES) if (row.from <= day) found = row;
  if (found === undefined) throw new Error(`no holiday rule on ${day}`);
  return found.value;
}

const cache = new Map<number, ReadonlyMap<string, HolidayName>>();

/** Every day off (other than ordinary weekends) of a year, with why. */
export function holidaysOf(year: number): Holiday[] {
  return [...holidayMap(year)]
    .map(([date, name]) => ({ date, name }))
    .sort((a, b) => (a.date < b.date ? -1 : 1));
}

function holidayMap(year: number): ReadonlyMap<string, HolidayName> {
  const cached = cache.get(year);
  if (cached) return cached;
  const announcement = HOLIDAY_ANNOUNCEMENTS[year];
  const days = new Map<string, HolidayName>();
  const nationalDay = iso(year, 9, 2);
  const neighbour = announcement?.nationalDayNeighbour ?? ruleOn(nationalDay).nationalDayNeighbour;
  /** Fixed holidays; those on a weekend give the next free weekday (Labour Code Art. 111(3)). */
  const fixed: Holiday[] = [
    { date: iso(year, 1, 1), name: 'new_year' },
    { date: hungKingsDay(year), name: 'hung_kings' },
    { date: iso(year, 4, 30), name: 'reunification' },
    { date: iso(year, 5, 1), name: 'labour' },
    { date: nationalDay, name: 'national_day' },
    { date: shiftDay(nationalDay, neighbour === 'before' ? -1 : 1), name: 'national_day' },
  ];
  const cultureDay = iso(year, 11, 24);
  if (ruleOn(cultureDay).cultureDay) fixed.push({ date: cultureDay, name: 'culture_day' });
  if (announcement?.tet) {
    for (const date of announcement.tet) days.set(date, 'tet');
  } else {
    const first = tetDay(year);
    const rule = ruleOn(first);
    for (let i = -rule.tetDaysBefore; i < rule.tetDaysAfter; i++)
      fixed.push({ date: shiftDay(first, i), name: 'tet' });
  }
  for (const h of fixed) days.set(h.date, h.name);
  for (const h of fixed) {
    if (!isWeekend(h.date)) continue;
    let next = shiftDay(h.date, 1);
    while (isWeekend(next) || days.has(next)) next = shiftDay(next, 1);
    days.set(next, 'compensatory');
  }
  for (const date of announcement?.off ?? []) if (!days.has(date)) days.set(date, 'announced');
  cache.set(year, days);
  return days;
}

/** True when the agencies work on that day. */
export function isWorkingDay(day: string): boolean {
  const year = Number(day.slice(0, 4));
  if ((HOLIDAY_ANNOUNCEMENTS[year]?.work ?? []).includes(day)) return true;
  return !isWeekend(day) && !holidayMap(year).has(day);
}

/**
 * The day `n` working days after `day` (the day itself not counted). With `n = 0`: `day` when it is
 * a working day, else the next working day ("same day" for a request filed on a holiday).
 * Assumption (issue silent): a request filed at any hour of a day counts from that day.
 */
export function addWorkingDays(day: string, n: number): string {
  if (!Number.isInteger(n) || n < 0)
    throw new RangeError(`addWorkingDays: n must be a whole number ≥ 0, got ${n}`);
  let current = day;
  if (n === 0) {
    while (!isWorkingDay(current)) current = shiftDay(current, 1);
    return current;
  }
  let left = n;
  while (left > 0) {
    current = shiftDay(current, 1);
    if (isWorkingDay(current)) left--;
  }
  return current;
}

/** The working days after `from` up to and including `to` (0 when `to` ≤ `from`). */
export function workingDaysBetween(from: string, to: string): number {
  let count = 0;
  for (let d = shiftDay(from, 1); d <= to; d = shiftDay(d, 1)) if (isWorkingDay(d)) count++;
  return count;
}

/** `addWorkingDays` from an instant's day in Vietnam. */
export function addWorkingDaysFrom(at: Date, n: number): string {
  return addWorkingDays(vietnamToday(at), n);
}
