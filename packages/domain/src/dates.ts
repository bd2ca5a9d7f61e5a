import { err, ok, type Result } from './result';

/** An ISO date `yyyy-mm-dd`, or `yyyy` when only the year is known. */
export type IsoDateOrYear = string;

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

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
 * Reads the dates of Vietnamese documents: `dd/MM/yyyy` (BHYT QR), `ddMMyyyy` (CCCD QR), or a
 * year alone `yyyy` (people whose day and month of birth are unknown).
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

/** Checks an ISO `yyyy-mm-dd` date (or `yyyy`). */
export function parseIsoDate(text: string, options: { allowYearOnly?: boolean } = {}): Result<IsoDateOrYear> {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (m) return isoOf(Number(m[1]), Number(m[2]), Number(m[3]));
  if (options.allowYearOnly && /^\d{4}$/.test(text)) return parseVnDate(text, options);
  return err('date.bad_format', `"${text}" is not an ISO date`);
}

/** `2024-03-05` → `05/03/2024`; `1990` → `1990`. */
export function formatVnDate(iso: IsoDateOrYear): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : iso;
}

/** The year of an ISO date or year. */
export function yearOf(iso: IsoDateOrYear): number {
  return Number(iso.slice(0, 4));
}
