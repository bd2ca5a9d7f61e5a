import type { Language } from './i18n/languages';
import { VIETNAM_UTC_OFFSET_MS } from './vietnam-time';

/**
 * THE formatter of dates, times, months, money and numbers, one per language, used by every screen,
 * SMS, email and PDF (do not call `toLocaleDateString`, `Intl.DateTimeFormat` or
 * `Intl.NumberFormat` elsewhere). Times are shown in Vietnam's time (Asia/Ho_Chi_Minh: UTC+7 all
 * year, no daylight saving), whatever the time zone of the machine. Written out by hand rather than
 * through `Intl`, so a phone, the server and a PDF give the same characters whatever their ICU data.
 *
 * | language | date                | date and time              | month       | money         | number      |
 * | -------- | ------------------- | -------------------------- | ----------- | ------------- | ----------- |
 * | vi       | `06/12/2026`        | `22:39 06/12/2026`         | `12/2026`   | `1.234.567 ₫` | `1.234,5`   |
 * | en       | `6 Dec 2026`        | `6 Dec 2026, 22:39`        | `Dec 2026`  | `₫1,234,567`  | `1,234.5`   |
 * | zh       | `2026年12月6日`     | `2026年12月6日 22:39`      | `2026年12月` | `1,234,567 ₫` | `1,234.5`   |
 * | ja       | `2026年12月6日`     | `2026年12月6日 22:39`      | `2026年12月` | `1,234,567 ₫` | `1,234.5`   |
 * | ko       | `2026년 12월 6일`   | `2026년 12월 6일 22:39`    | `2026년 12월` | `1,234,567 ₫` | `1,234.5`   |
 *
 * Vietnamese follows the documents of the agency (dd/mm/yyyy, 24-hour time before the date, dots
 * between thousands, the đồng sign after the amount). English writes the month's short name so that
 * 06/12 is never read as 12 June; Chinese, Japanese and Korean write year, month and day with their
 * own characters. Amounts are whole đồng (rounded); a negative number keeps its minus sign.
 */

/** A calendar date `yyyy-mm-dd`, a Vietnam wall-clock time `yyyy-mm-ddTHH:MM[:SS]` (no zone), an instant with a zone (`…Z`, `…+07:00`), or a `Date`. */
export type DateInput = string | Date;

const EN_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/** The Vietnam wall clock of an input (see `DateInput`). Throws on text that is no date. */
export function vietnamWallClock(input: DateInput): WallClock {
  if (typeof input === 'string') {
    const local = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::\d{2}(?:\.\d+)?)?)?$/.exec(input);
    if (local)
      return {
        year: Number(local[1]),
        month: Number(local[2]),
        day: Number(local[3]),
        hour: Number(local[4] ?? 0),
        minute: Number(local[5] ?? 0),
      };
  }
  const iso = typeof input !== 'string' || /^\d{4}-\d{2}-\d{2}T[\d:.]+(Z|[+-]\d{2}:?\d{2})$/.test(input);
  const at = typeof input === 'string' ? new Date(input) : input;
  if (!iso || Number.isNaN(at.getTime())) throw new RangeError(`not a date: ${String(input)}`);
  const v = new Date(at.getTime() + VIETNAM_UTC_OFFSET_MS);
  return {
    year: v.getUTCFullYear(),
    month: v.getUTCMonth() + 1,
    day: v.getUTCDate(),
    hour: v.getUTCHours(),
    minute: v.getUTCMinutes(),
  };
}

function dateOf(c: WallClock, language: Language): string {
  switch (language) {
    case 'vi':
      return `${pad2(c.day)}/${pad2(c.month)}/${c.year}`;
    case 'en':
      return `${c.day} ${EN_MONTHS[c.month - 1]} ${c.year}`;
    case 'zh':
    case 'ja':
      return `${c.year}年${c.month}月${c.day}日`;
    case 'ko':
      return `${c.year}년 ${c.month}월 ${c.day}일`;
  }
}

/**
 * A date in the language's way (vi `06/12/2026`); an instant is taken in Vietnam's time. A year
 * alone (`1990`: people whose day and month of birth are unknown) stays the year.
 */
export function formatDate(input: DateInput, language: Language): string {
  if (typeof input === 'string' && /^\d{4}$/.test(input)) return input;
  return dateOf(vietnamWallClock(input), language);
}

/** A date and time in Vietnam's time (vi `22:39 06/12/2026`, 24-hour clock in every language). */
export function formatDateTime(input: DateInput, language: Language): string {
  const c = vietnamWallClock(input);
  const time = `${pad2(c.hour)}:${pad2(c.minute)}`;
  const date = dateOf(c, language);
  switch (language) {
    case 'vi':
      return `${time} ${date}`;
    case 'en':
      return `${date}, ${time}`;
    case 'zh':
    case 'ja':
    case 'ko':
      return `${date} ${time}`;
  }
}

/** A month `yyyy-mm` (or any date input's month) in the language's way (vi `12/2026`). */
export function formatMonth(input: string | Date, language: Language): string {
  const m = typeof input === 'string' ? /^(\d{4})-(\d{2})$/.exec(input) : null;
  const c = m ? { year: Number(m[1]), month: Number(m[2]) } : vietnamWallClock(input);
  switch (language) {
    case 'vi':
      return `${pad2(c.month)}/${c.year}`;
    case 'en':
      return `${EN_MONTHS[c.month - 1]} ${c.year}`;
    case 'zh':
    case 'ja':
      return `${c.year}年${c.month}月`;
    case 'ko':
      return `${c.year}년 ${c.month}월`;
  }
}

const SEPARATORS: Record<Language, { group: string; decimal: string }> = {
  vi: { group: '.', decimal: ',' },
  en: { group: ',', decimal: '.' },
  zh: { group: ',', decimal: '.' },
  ja: { group: ',', decimal: '.' },
  ko: { group: ',', decimal: '.' },
};

/** A number with the language's separators (vi `1.234.567,5`), at most `maxFractionDigits` (2) decimals, trailing zeros dropped. */
export function formatNumber(value: number, language: Language, maxFractionDigits = 2): string {
  if (!Number.isFinite(value)) throw new RangeError(`not a finite number: ${value}`);
  const { group, decimal } = SEPARATORS[language];
  const fixed = Math.abs(value).toFixed(maxFractionDigits);
  const [whole = '0', fraction = ''] = fixed.split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, group);
  const decimals = fraction.replace(/0+$/, '');
  const sign = value < 0 && (Number(whole) > 0 || decimals !== '') ? '-' : '';
  return `${sign}${grouped}${decimals ? `${decimal}${decimals}` : ''}`;
}

/** An amount in đồng, rounded to the đồng (vi `1.234.567 ₫`, en `₫1,234,567`). */
export function formatMoney(amount: number, language: Language): string {
  const n = formatNumber(Math.round(amount), language, 0);
  return language === 'en' ? (n.startsWith('-') ? `-₫${n.slice(1)}` : `₫${n}`) : `${n} ₫`;
}

/** A rate in basis points as a percentage (vi `10,5 %`). */
export function formatPercent(basisPoints: number, language: Language): string {
  return `${formatNumber(basisPoints / 100, language)} %`;
}
