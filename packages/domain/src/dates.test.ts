import { describe, expect, it } from 'vitest';
import { formatVnDate, parseIsoDate, parseVnDate } from './dates';

describe('parseVnDate', () => {
  it.each([
    ['01/01/1990', '1990-01-01'],
    ['1/2/1990', '1990-02-01'],
    ['29/02/2024', '2024-02-29'],
    ['31122025', '2025-12-31'],
    [' 15/04/2021 ', '2021-04-15'],
  ])('%s → %s', (text, iso) => {
    expect(parseVnDate(text)).toEqual({ ok: true, value: iso });
  });

  it('reads a year alone only when allowed', () => {
    expect(parseVnDate('1955', { allowYearOnly: true })).toEqual({ ok: true, value: '1955' });
    expect(parseVnDate('1955').ok).toBe(false);
  });

  it.each([
    ['29/02/2023', 'date.impossible'],
    ['31/04/2020', 'date.impossible'],
    ['00/01/2020', 'date.impossible'],
    ['01/13/2020', 'date.impossible'],
    ['29/02/1900', 'date.impossible'],
    ['01/01/1700', 'date.out_of_range'],
    ['2020-01-01', 'date.bad_format'],
    ['abc', 'date.bad_format'],
  ])('rejects %s (%s)', (text, code) => {
    const r = parseVnDate(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe(code);
  });
});

describe('ISO dates', () => {
  it('validates and formats', () => {
    expect(parseIsoDate('2000-02-29')).toEqual({ ok: true, value: '2000-02-29' });
    expect(parseIsoDate('2001-02-29').ok).toBe(false);
    expect(formatVnDate('2024-03-05')).toBe('05/03/2024');
    expect(formatVnDate('1990')).toBe('1990');
  });
});
