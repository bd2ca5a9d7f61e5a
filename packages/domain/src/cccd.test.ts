import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { provincesPre2025 } from './admin-units';
import { CCCD_PROVINCE_CODES, cccdGenderCenturyDigit, describeCccd, isCmnd, validateCccd } from './cccd';

describe('CCCD numbers', () => {
  it('describes what the number encodes', () => {
    expect(describeCccd('001090123456')).toEqual({
      ok: true,
      value: {
        provinceCode: '001',
        birthRegistration: { kind: 'province', provinceCode: '001' },
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

  it('takes its province codes from the 63 pre-2025 provinces', () => {
    const provinces = provincesPre2025().map((p) => `0${p.code}`);
    expect(provinces).toHaveLength(63);
    expect([...CCCD_PROVINCE_CODES].sort()).toEqual(provinces.sort());
    expect(CCCD_PROVINCE_CODES).toContain('001');
    expect(CCCD_PROVINCE_CODES).toContain('079');
  });

  it.each([
    ['0', 'male', 1900],
    ['1', 'female', 1900],
    ['2', 'male', 2000],
    ['3', 'female', 2000],
    ['4', 'male', 2100],
    ['5', 'female', 2100],
    ['6', 'male', 2200],
    ['7', 'female', 2200],
    // Circular 07/2016/TT-BCA, Art. 7: 8/9 are the 2300s (an earlier version read the 1800s).
    ['8', 'male', 2300],
    ['9', 'female', 2300],
  ])('digit %s is a %s born in the century from %i', (digit, gender, century) => {
    expect(describeCccd(`079${digit}45000123`)).toEqual({
      ok: true,
      value: {
        provinceCode: '079',
        birthRegistration: { kind: 'province', provinceCode: '079' },
        gender,
        century,
        birthYearSuffix: '45',
        birthYear: century + 45,
        serial: '000123',
      },
    });
  });

  it.each([
    ['male', 1990, '0'],
    ['female', 1990, '1'],
    ['male', 2005, '2'],
    ['female', 2010, '3'],
    ['male', 2100, '4'],
    ['female', 2250, '7'],
    ['male', 2300, '8'],
    ['female', 2399, '9'],
    ['male', 1899, '0'],
  ] as const)('the %s %s digit is %s', (gender, year, digit) => {
    expect(cccdGenderCenturyDigit(gender, year)).toBe(digit);
  });

  it.each([
    ['001090123456', { dateOfBirth: '1990-05-01', gender: 'male' as const }],
    ['001190123456', { dateOfBirth: '1990', gender: 'female' as const }],
    ['092208000123', { dateOfBirth: '2008-01-01' }],
    ['001090123456', {}],
    ['001 090 123 456', { dateOfBirth: '1990-12-31', gender: 'male' as const }],
    ['096999000001', { gender: 'female' as const }],
    ['001090123456', { dateOfBirth: null, gender: null }],
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
    ['001090123456', { dateOfBirth: '1890' }, 'cccd.birth_year_mismatch'],
    ['096999000001', { dateOfBirth: '1899-01-01' }, 'cccd.birth_year_mismatch'],
    ['001890123456', { dateOfBirth: '1990' }, 'cccd.birth_year_mismatch'],
    ['', {}, 'cccd.format'],
    ['0010901234567', {}, 'cccd.format'],
    ['000090123456', {}, 'cccd.province'],
    ['097090123456', {}, 'cccd.province'],
    ['099190123456', {}, 'cccd.province'],
  ])('rejects %s for %j (%s)', (n, person, code) => {
    expect(validateCccd(n, person)).toMatchObject({ ok: false, error: { code, field: 'idNumber' } });
  });

  it.each([
    ['1990-02-30', 'date.impossible'],
    ['01/01/1990', 'date.bad_format'],
    ['abcd', 'date.bad_format'],
  ])('refuses a date of birth that is not one: %s', (dateOfBirth, code) => {
    expect(validateCccd('001090123456', { dateOfBirth })).toMatchObject({
      ok: false,
      error: { code, field: 'dateOfBirth' },
    });
  });

  it('accepts a number built from any province, gender and birth year, and only for that person', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...CCCD_PROVINCE_CODES),
        fc.constantFrom('male' as const, 'female' as const),
        fc.integer({ min: 1900, max: 2199 }),
        fc.stringMatching(/^\d{6}$/),
        (province, gender, year, serial) => {
          const n = `${province}${cccdGenderCenturyDigit(gender, year)}${String(year % 100).padStart(2, '0')}${serial}`;
          expect(validateCccd(n, { dateOfBirth: `${year}-06-15`, gender })).toEqual({ ok: true, value: n });
          expect(describeCccd(n)).toMatchObject({ ok: true, value: { gender, birthYear: year } });
          const other = gender === 'male' ? 'female' : 'male';
          expect(validateCccd(n, { gender: other })).toMatchObject({
            ok: false,
            error: { code: 'cccd.gender_mismatch' },
          });
          expect(validateCccd(n, { dateOfBirth: String(year + 1) })).toMatchObject({
            ok: false,
            error: { code: 'cccd.birth_year_mismatch' },
          });
        },
      ),
    );
  });

  it('never throws on arbitrary input', () => {
    fc.assert(
      fc.property(fc.string(), fc.option(fc.string(), { nil: undefined }), (n, dateOfBirth) => {
        const r = validateCccd(n, { dateOfBirth });
        if (!r.ok) expect(r.error.code).toMatch(/^(?:cccd|date)\.[a-z_]+$/);
      }),
    );
  });

  it.each([
    // Birth registered abroad: the first 3 digits are the country's code (Circular 59/2021/TT-BCA).
    ['840090123456', '840', 'male', 1990],
    ['392305000001', '392', 'female', 2005],
    ['410198765432', '410', 'female', 1998],
    ['999200000001', '999', 'male', 2000],
  ] as const)(
    'describes %s as a birth registered abroad (country %s)',
    (n, countryCode, gender, birthYear) => {
      expect(describeCccd(n)).toEqual({
        ok: true,
        value: {
          provinceCode: null,
          birthRegistration: { kind: 'abroad', countryCode },
          gender,
          century: Math.floor(birthYear / 100) * 100,
          birthYearSuffix: n.slice(4, 6),
          birthYear,
          serial: n.slice(6),
        },
      });
      expect(validateCccd(n, { dateOfBirth: `${birthYear}-03-01`, gender }).ok).toBe(true);
    },
  );

  it('ignores the dots and hyphens of a number typed in groups', () => {
    expect(validateCccd('001.090.123.456')).toEqual({ ok: true, value: '001090123456' });
    expect(describeCccd('001-090-123456')).toMatchObject({ ok: true, value: { birthYear: 1990 } });
  });

  it('reads 8 and 9 as the 2300s, never the 1800s', () => {
    expect(describeCccd('001800000001')).toMatchObject({
      ok: true,
      value: { gender: 'male', birthYear: 2300 },
    });
    expect(describeCccd('001999000001')).toMatchObject({
      ok: true,
      value: { gender: 'female', birthYear: 2399 },
    });
    expect(validateCccd('001850000001', { dateOfBirth: '1850' })).toMatchObject({
      ok: false,
      error: { code: 'cccd.birth_year_mismatch' },
    });
  });

  it('knows old CMND numbers', () => {
    expect(isCmnd('012345678')).toBe(true);
    expect(isCmnd('012345678901')).toBe(true);
    expect(isCmnd('0123456789')).toBe(false);
    expect(isCmnd('01234567')).toBe(false);
    expect(isCmnd('01234567a')).toBe(false);
    expect(isCmnd('012 345 678')).toBe(false);
  });
});
