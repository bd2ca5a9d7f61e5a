import { err, ok, type Result } from './result';
import { vietnamToday } from './vietnam-time';

/** An ISO date `yyyy-mm-dd`, or `yyyy` when only the year is known. */
export type IsoDateOrYear = string;

/** Gregorian leap year: divisible by 4, except centuries not divisible by 400. */
export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Days in `month` (1–12) of `year`, Gregorian; 0 for a month that does not exist. */
export function daysInMonth(year: number, month: number): number {
  return [31, isLeapYear(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
}

function isoOf(year: number, month: number, day: number): Result<string> {
  if (year < 1800 || year > 2200) return err('date.out_of_range', `year ${year} is out of range`);
  if (month < 1 || month > 12) return err('date.impossible', `month ${month} does not exist`);
  if (day < 1 || day > daysInMonth(year, month))
    return err('date.impossible', `${day}/${month}/${year} does not exist`);
  return ok(
    `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
  );
}

/**
 * Reads the dates of Vietnamese documents into ISO `yyyy-mm-dd`: `dd/MM/yyyy` (BHYT card QR),
 * `ddMMyyyy` (CCCD QR), or, with `allowYearOnly`, a year alone `yyyy` (people whose day and month
 * of birth are unknown; the BHYT QR date of birth may be "a year alone"). Rule: domain reference,
 * "QR payloads to read". Only real calendar dates pass (no 31/02; 29/02 in leap years only);
 * years 1800–2200 (a bound for the birth and card dates of living people, not a legal rule).
 */
export function parseVnDate(text: string, options: { allowYearOnly?: boolean } = {}): Result<IsoDateOrYear> {
  const t = text.trim();
  let m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(t) ?? /^(\d{2})(\d{2})(\d{4})$/.exec(t);
  if (m) return isoOf(Number(m[3]), Number(m[2]), Number(m[1]));
  m = /^(\d{4})$/.exec(t);
  if (m && options.allowYearOnly) {
    const year = Number(m[1]);
    return year >= 1800 && year <= 2200
      ? ok(String(year))
      : err('date.out_of_range', `year ${year} is out of range`);
  }
  return err(
    'date.bad_format',
    `"${t}" is not a date (dd/MM/yyyy${options.allowYearOnly ? ' or yyyy' : ''})`,
  );
}

/**
 * Checks an ISO `yyyy-mm-dd` date (or, with `allowYearOnly`, a year `yyyy`), with the same
 * calendar and range rules as `parseVnDate`.
 */
export function parseIsoDate(text: string, options: { allowYearOnly?: boolean } = {}): Result<IsoDateOrYear> {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (m) return isoOf(Number(m[1]), Number(m[2]), Number(m[3]));
  if (options.allowYearOnly && /^\d{4}$/.test(text)) return parseVnDate(text, options);
  return err('date.bad_format', `"${text}" is not an ISO date`);
}

/**
 * ISO back to the `dd/MM/yyyy` of Vietnamese documents and the BHYT card QR: `2024-03-05` →
 * `05/03/2024`; a year alone stays `1990`.
 */
export function formatVnDate(iso: IsoDateOrYear): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : iso;
}

/** The year of an ISO date or year (`1990-05-01` → 1990, `1990` → 1990). */
export function yearOf(iso: IsoDateOrYear): number {
  return Number(iso.slice(0, 4));
}

/** The last day of a month (`month` 1–12), ISO. */
export function lastDayOfMonth(year: number, month: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(daysInMonth(year, month)).padStart(2, '0')}`;
}

/** Whole months from `birth` to `on` (both `yyyy-mm-dd`): a month is reached on the same day number. */
export function monthsBetween(birth: string, on: string): number {
  const [by, bm, bd] = [Number(birth.slice(0, 4)), Number(birth.slice(5, 7)), Number(birth.slice(8, 10))];
  const [y, m, d] = [Number(on.slice(0, 4)), Number(on.slice(5, 7)), Number(on.slice(8, 10))];
  // Born on the 31st, the month is reached on the last day of a shorter month.
  const reached = d >= Math.min(bd, daysInMonth(y, m));
  return (y - by) * 12 + (m - bm) - (reached ? 0 : 1);
}

/** Age in years and months. */
export interface Age {
  years: number;
  months: number;
  /** Whole months in all (`years * 12 + months`). */
  totalMonths: number;
}

/**
 * A person's age on a date (`yyyy-mm-dd`; by default today in Vietnam) in whole years and
 * months: born 2020-02-09, on 2026-12-06 they are 6 years 9 months (81 months). With a year of
 * birth alone, the age is counted from 1 January of that year (the oldest the person can be).
 * Null when the date of birth is not a date or is after `on`.
 */
export function ageOn(dateOfBirth: IsoDateOrYear, on: string = vietnamToday()): Age | null {
  const birth = /^\d{4}$/.test(dateOfBirth) ? `${dateOfBirth}-01-01` : dateOfBirth;
  if (!parseIsoDate(birth).ok || !parseIsoDate(on).ok || birth > on) return null;
  const totalMonths = monthsBetween(birth, on);
  return { years: Math.floor(totalMonths / 12), months: totalMonths % 12, totalMonths };
}

/** The age at which a person is no longer a minor (Bộ luật Dân sự 2015, Art. 20 and 21). */
export const ADULT_AGE_YEARS = 18;

/**
 * THE minor rule: whether a person born on `dateOfBirth` is under 18 on `today` (`yyyy-mm-dd`; by
 * default today in Vietnam). Card access by a guardian, the card's guardian line and child
 * registration all ask this one function.
 *
 * - A full date of birth: a minor until the day before the 18th birthday; born on 29 February,
 *   a minor until 28 February and an adult from 1 March of a common year.
 * - A year of birth alone (`yyyy`, day and month unknown): counted from 31 December of that year,
 *   the youngest the person can be, so a child is never cut off from a guardian early: born 2008,
 *   a minor until 30 December 2026, an adult from 31 December 2026 (ASSUMPTION; `ageOn` counts such
 *   a person from 1 January, the oldest, because a card that must end by an age ends earliest).
 *
 * A date of birth that is not one is not a minor (nothing is granted on a bad record).
 */
export function isMinor(dateOfBirth: IsoDateOrYear, today: string = vietnamToday()): boolean {
  const birth = /^\d{4}$/.test(dateOfBirth) ? `${dateOfBirth}-12-31` : dateOfBirth;
  if (!parseIsoDate(birth).ok) return false;
  // String order: "2026-02-29" (born on 29 February) sorts after 28 February and before 1 March.
  const adultOn = `${String(yearOf(birth) + ADULT_AGE_YEARS).padStart(4, '0')}${birth.slice(4)}`;
  return today < adultOn;
}

/** A person's date of birth as stored (`birth_date`, or null with `birth_year` alone) as `IsoDateOrYear`. */
export function dateOfBirthOf(person: { birth_date: string | null; birth_year: number }): IsoDateOrYear {
  return person.birth_date ?? String(person.birth_year).padStart(4, '0');
}
