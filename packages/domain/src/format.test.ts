import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime, formatMoney, formatMonth, formatNumber, formatPercent } from './format';
import { LANGUAGES } from './i18n/languages';

// 22:39 in Vietnam on 6 December 2026 is 15:39 UTC.
const INSTANT = '2026-12-06T15:39:12.345Z';

describe('the one formatter, per language', () => {
  it('writes Vietnamese as the agency does', () => {
    expect(formatDate('2026-12-06', 'vi')).toBe('06/12/2026');
    expect(formatDate(INSTANT, 'vi')).toBe('06/12/2026');
    expect(formatDateTime(INSTANT, 'vi')).toBe('22:39 06/12/2026');
    expect(formatDateTime(new Date(INSTANT), 'vi')).toBe('22:39 06/12/2026');
    expect(formatMonth('2026-12', 'vi')).toBe('12/2026');
    expect(formatMoney(1_234_567, 'vi')).toBe('1.234.567 ₫');
    expect(formatNumber(1_234_567.5, 'vi')).toBe('1.234.567,5');
    expect(formatPercent(1050, 'vi')).toBe('10,5 %');
  });

  it('writes English with the month by name, so 06/12 is never read as 12 June', () => {
    expect(formatDate('2026-12-06', 'en')).toBe('6 Dec 2026');
    expect(formatDateTime(INSTANT, 'en')).toBe('6 Dec 2026, 22:39');
    expect(formatMonth('2026-12', 'en')).toBe('Dec 2026');
    expect(formatMoney(1_234_567, 'en')).toBe('₫1,234,567');
    expect(formatNumber(1_234_567.5, 'en')).toBe('1,234,567.5');
  });

  it('writes Chinese and Japanese with 年月日', () => {
    for (const lang of ['zh', 'ja'] as const) {
      expect(formatDate('2026-12-06', lang)).toBe('2026年12月6日');
      expect(formatDateTime(INSTANT, lang)).toBe('2026年12月6日 22:39');
      expect(formatMonth('2026-12', lang)).toBe('2026年12月');
      expect(formatMoney(1_234_567, lang)).toBe('1,234,567 ₫');
      expect(formatNumber(0.25, lang)).toBe('0.25');
    }
  });

  it('writes Korean with 년월일', () => {
    expect(formatDate('2026-12-06', 'ko')).toBe('2026년 12월 6일');
    expect(formatDateTime(INSTANT, 'ko')).toBe('2026년 12월 6일 22:39');
    expect(formatMonth('2026-12', 'ko')).toBe('2026년 12월');
    expect(formatMoney(1_234_567, 'ko')).toBe('1,234,567 ₫');
  });

  it("takes instants in Vietnam's time whatever the machine's zone, and wall-clock times as they are", () => {
    // 17:30 UTC on 31 December is already New Year's Day in Vietnam.
    expect(formatDate('2026-12-31T17:30:00Z', 'vi')).toBe('01/01/2027');
    expect(formatDateTime('2026-12-31T17:30:00+00:00', 'vi')).toBe('00:30 01/01/2027');
    expect(formatDateTime('2024-03-05T08:30:00', 'vi')).toBe('08:30 05/03/2024');
  });

  it('keeps a year alone, rounds money to the đồng and keeps signs', () => {
    for (const lang of LANGUAGES) expect(formatDate('1990', lang)).toBe('1990');
    expect(formatMoney(999.6, 'vi')).toBe('1.000 ₫');
    expect(formatMoney(-1500, 'vi')).toBe('-1.500 ₫');
    expect(formatMoney(-1500, 'en')).toBe('-₫1,500');
    expect(formatMoney(0, 'vi')).toBe('0 ₫');
    expect(formatNumber(-0.001, 'vi')).toBe('0');
    expect(formatNumber(100, 'vi')).toBe('100');
    expect(formatNumber(1000, 'vi')).toBe('1.000');
  });

  it('refuses what is not a date or a number', () => {
    expect(() => formatDate('6/12/2026', 'vi')).toThrow(RangeError);
    expect(() => formatNumber(Number.NaN, 'vi')).toThrow(RangeError);
  });
});
