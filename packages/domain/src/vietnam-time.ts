/**
 * Vietnam time (Asia/Ho_Chi_Minh: ICT, UTC+7 all year, no daylight saving), the one place the
 * offset is written: today's date there, the day an instant falls on there and the part of that
 * day, for greetings and "due today". The formatter (format.ts) reads wall clocks with it too.
 */
export const VIETNAM_OFFSET_MS = 7 * 3_600_000;
const DAY_MS = 86_400_000;

/** Today's date in Vietnam, `yyyy-mm-dd`: the UTC date seven hours later. */
export function vietnamToday(now: Date = new Date()): string {
  return new Date(now.getTime() + VIETNAM_OFFSET_MS).toISOString().slice(0, 10);
}

/** The instant the Vietnamese day of `at` started (00:00 UTC+7). */
export function startOfVietnamDay(at: Date): Date {
  const shifted = at.getTime() + VIETNAM_OFFSET_MS;
  return new Date(shifted - (((shifted % DAY_MS) + DAY_MS) % DAY_MS) - VIETNAM_OFFSET_MS);
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
