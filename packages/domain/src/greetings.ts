import { tetDay } from './working-days';

/**
 * Greeting occasions (issue 25; CV 2578/BHXH-TT §2.4: greetings on holidays, Tết and birthdays
 * made by the customer-care centre). The calendar is the one of working-days.ts (lunar Tết from
 * `tetDay`), not a second one.
 */
export const GREETING_OCCASIONS = [
  'tet',
  'reunification',
  'national_day',
  'womens_day',
  'vietnam_womens_day',
  'birthday',
] as const;
export type GreetingOccasion = (typeof GREETING_OCCASIONS)[number];

/** Who an occasion is for: everyone, women only, or the persons born on that day. */
export type GreetingAudience = 'everyone' | 'women' | 'birthday';

export const OCCASION_AUDIENCE: Record<GreetingOccasion, GreetingAudience> = {
  tet: 'everyone',
  // 30/4 (Reunification Day) and 1/5 (Labour Day) are one holiday and one greeting, sent on 30/4.
  reunification: 'everyone',
  national_day: 'everyone',
  womens_day: 'women',
  vietnam_womens_day: 'women',
  birthday: 'birthday',
};

/** The occasions of a day (`yyyy-mm-dd`, Vietnam's calendar): birthdays every day, holidays on theirs. */
export function occasionsOn(day: string): GreetingOccasion[] {
  const year = Number(day.slice(0, 4));
  const md = day.slice(5);
  const out: GreetingOccasion[] = [];
  if (day === tetDay(year)) out.push('tet');
  if (md === '04-30') out.push('reunification');
  if (md === '09-02') out.push('national_day');
  if (md === '03-08') out.push('womens_day');
  if (md === '10-20') out.push('vietnam_womens_day');
  out.push('birthday');
  return out;
}

/**
 * The idempotency key of a greeting to one account: one per person and occasion. Holidays are
 * once a year (Tết by its lunar year's first day), birthdays once a year.
 */
export function greetingKey(occasion: GreetingOccasion, day: string): string {
  return `greeting:${occasion}:${day.slice(0, 4)}`;
}

/**
 * The month-day whose persons have their birthday on `day`: themselves, and in a common year on
 * 28 February also those born on 29 February (assumption: they are greeted on the 28th).
 */
export function birthdayMonthDays(day: string): string[] {
  const year = Number(day.slice(0, 4));
  const md = day.slice(5);
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return md === '02-28' && !leap ? ['02-28', '02-29'] : [md];
}

/** The civil hour greetings go out from (Vietnam time): nobody is woken at midnight. */
export const GREETING_HOUR = 8;
