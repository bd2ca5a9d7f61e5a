import { describe, expect, it } from 'vitest';
import { formatDate, formatMonth, formatRate, withFor } from './format';

describe('record formats', () => {
  it('writes months and dates the way Vietnamese records do', () => {
    expect(formatMonth('2024-07')).toBe('07/2024');
    expect(formatDate('2022-08-05', 'vi')).toBe('05/08/2022');
    expect(formatDate('2022-08-05T10:00:00', 'vi')).toBe('05/08/2022');
  });

  it('writes rates in the screen language', () => {
    expect(formatRate(2200, 'vi')).toBe('22 %');
    expect(formatRate(1050, 'vi')).toBe('10,5 %');
    expect(formatRate(1050, 'en')).toBe('10.5 %');
  });

  it('adds the child a guardian follows to an API path', () => {
    expect(withFor('/api/v1/me/benefits', null)).toBe('/api/v1/me/benefits');
    expect(withFor('/api/v1/me/benefits', '0100000002')).toBe('/api/v1/me/benefits?for=0100000002');
    expect(withFor('/api/v1/me/medical-visits?limit=20', '0100000002')).toBe(
      '/api/v1/me/medical-visits?limit=20&for=0100000002',
    );
  });
});
