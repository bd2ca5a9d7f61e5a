import { describe, expect, it } from 'vitest';
import { cccdGenderCenturyDigit, describeCccd, isCmnd, validateCccd } from './cccd';

describe('CCCD numbers', () => {
  it('describes what the number encodes', () => {
    expect(describeCccd('001090123456')).toEqual({
      ok: true,
      value: {
        provinceCode: '001',
        gender: 'male',
        century: 1900,
        birthYearSuffix: '90',
        birthYear: 1990,
        serial: '123456',
      },
    });
    expect(describeCccd('079305000001')).toMatchObject({
      ok: true,
      value: { provinceCode: '079', gender: 'female', birthYear: 2005 },
    });
  });

  it.each([
    ['male', 1990, '0'],
    ['female', 1990, '1'],
    ['male', 2005, '2'],
    ['female', 2010, '3'],
    ['male', 2100, '4'],
  ] as const)('the %s %s digit is %s', (gender, year, digit) => {
    expect(cccdGenderCenturyDigit(gender, year)).toBe(digit);
  });

  it.each([
    ['001090123456', { dateOfBirth: '1990-05-01', gender: 'male' as const }],
    ['001190123456', { dateOfBirth: '1990', gender: 'female' as const }],
    ['092208000123', { dateOfBirth: '2008-01-01' }],
    ['001090123456', {}],
  ])('accepts %s for %j', (n, person) => {
    expect(validateCccd(n, person).ok).toBe(true);
  });

  it.each([
    ['00109012345', {}, 'cccd.format'],
    ['00109012345a', {}, 'cccd.format'],
    ['003090123456', {}, 'cccd.province'],
    ['099090123456', {}, 'cccd.province'],
    ['001090123456', { gender: 'female' as const }, 'cccd.gender_mismatch'],
    ['001090123456', { dateOfBirth: '1991-01-01' }, 'cccd.birth_year_mismatch'],
    ['001290123456', { dateOfBirth: '1990-01-01' }, 'cccd.birth_year_mismatch'],
  ])('rejects %s for %j (%s)', (n, person, code) => {
    expect(validateCccd(n, person)).toMatchObject({ ok: false, error: { code, field: 'idNumber' } });
  });

  it('knows old CMND numbers', () => {
    expect(isCmnd('012345678')).toBe(true);
    expect(isCmnd('012345678901')).toBe(true);
    expect(isCmnd('0123456789')).toBe(false);
  });
});
