import { ageOn } from '@vssid/domain';
import { pad } from '../permute';

/** The calendar of generated histories: the day they run up to, and month and day arithmetic. */

/** The day the generated history runs up to. */
export const AS_OF = '2026-11-01';
export const AS_OF_YEAR = 2026;

export const iso = (y: number, m: number, d: number) => `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`;
export const monthStart = (index: number) => iso(Math.floor(index / 12), (index % 12) + 1, 1);
export const monthIndexOf = (isoDate: string) =>
  Number(isoDate.slice(0, 4)) * 12 + Number(isoDate.slice(5, 7)) - 1;
export const addYears = (isoDate: string, years: number) =>
  `${pad(Number(isoDate.slice(0, 4)) + years, 4)}${isoDate.slice(4)}`.replace('-02-29', '-02-28');
export const lastDayOfMonth = (index: number) => {
  const y = Math.floor(index / 12);
  const m = (index % 12) + 1;
  return iso(y, m, new Date(Date.UTC(y, m, 0)).getUTCDate());
};
/** Whole years of age on a date, by the domain's `ageOn` (0 before birth). */
export const yearsOn = (birth: string, on: string) => ageOn(birth, on)?.years ?? 0;

function shiftDays(isoDate: string, days: number): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
export const dayAfter = (isoDate: string) => shiftDays(isoDate, 1);
export const dayBefore = (isoDate: string) => shiftDays(isoDate, -1);
