/**
 * Vietnam time (Asia/Ho_Chi_Minh: ICT, UTC+7 all year, no daylight saving), the one place the
 * offset is written: today's date there, the day an instant falls on there and the part of that
 * day, for greetings and "due today". The formatter (format.ts) reads wall clocks with it too.
 */
export const VIETNAM_TIME_ZONE = 'Asia/Ho_Chi_Minh';
/** The UTC offset of Vietnam's wall clock as ISO 8601 writes it. */
export const VIETNAM_UTC_OFFSET = '+07:00';
/** The same offset in milliseconds. */
export const VIETNAM_UTC_OFFSET_MS = 7 * 3_600_000;

/** Today's date in Vietnam, `yyyy-mm-dd`: the UTC date seven hours later. */
export function vietnamToday(now: Date = new Date()): string {
  return new Date(now.getTime() + VIETNAM_UTC_OFFSET_MS).toISOString().slice(0, 10);
}

/** The calendar year in Vietnam at `now`. */
export function vietnamYear(now: Date = new Date()): number {
  return Number(vietnamToday(now).slice(0, 4));
}

/** The instant a day (`yyyy-mm-dd`) starts in Vietnam: `2026-12-02` → 2026-12-01T17:00:00Z. */
export function vietnamDayStart(day: string): Date {
  return new Date(`${day}T00:00:00${VIETNAM_UTC_OFFSET}`);
}

/** A Vietnam wall time without offset (`2025-03-20T08:15:00`) as ISO 8601 with its offset. */
export function withVietnamOffset(wallTime: string): string {
  return `${wallTime}${VIETNAM_UTC_OFFSET}`;
}

/** The instant the Vietnamese day of `at` started (00:00 UTC+7). */
export function startOfVietnamDay(at: Date): Date {
  return vietnamDayStart(vietnamToday(at));
}

export type PartOfDay = 'morning' | 'noon' | 'afternoon' | 'evening';

/**
 * The part of the day in Vietnam, as greetings name it: buổi sáng 04:00–10:59, buổi trưa
 * 11:00–12:59, buổi chiều 13:00–17:59, buổi tối 18:00–03:59.
 */
export function partOfDayInVietnam(at: Date): PartOfDay {
  const hour = Math.floor((at.getTime() - startOfVietnamDay(at).getTime()) / 3_600_000);
  if (hour >= 4 && hour < 11) return 'morning';
  if (hour >= 11 && hour < 13) return 'noon';
  if (hour >= 13 && hour < 18) return 'afternoon';
  return 'evening';
}
