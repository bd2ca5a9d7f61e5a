import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeVnPhone, toE164 } from './phone';

describe('normalizeVnPhone', () => {
  it.each([
    ['0912345678', '0912345678'],
    ['+84 912 345 678', '0912345678'],
    ['84912345678', '0912345678'],
    ['0912.345.678', '0912345678'],
    ['(091) 234-5678', '0912345678'],
    ['0321234567', '0321234567'],
    ['0701234567', '0701234567'],
    ['0861234567', '0861234567'],
    ['0561234567', '0561234567'],
    ['0591234567', '0591234567'],
    ['0871234567', '0871234567'],
    ['0891234567', '0891234567'],
    ['0991234567', '0991234567'],
    ['+84 (0) 912 345 678', '0912345678'],
    ['+840912345678', '0912345678'],
    ['0084 912 345 678', '0912345678'],
    [' 0912 345 678 ', '0912345678'],
  ])('%s → %s', (input, expected) => {
    expect(normalizeVnPhone(input)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ['091234567', 'phone.length'],
    ['09123456789', 'phone.length'],
    ['0212345678', 'phone.prefix'],
    ['0112345678', 'phone.prefix'],
    ['+1 415 555 0100', 'phone.country'],
    ['09x2345678', 'phone.format'],
    ['', 'phone.format'],
    ['0912 345 678 ext 1', 'phone.format'],
    ['+84-91234567', 'phone.length'],
    ['0301234567', 'phone.prefix'],
    ['0501234567', 'phone.prefix'],
    ['0711234567', 'phone.prefix'],
    ['0801234567', 'phone.prefix'],
    ['02438253535', 'phone.length'],
    ['0243825353', 'phone.prefix'],
    ['001 415 555 0100', 'phone.country'],
    ['+85 912 345 678', 'phone.country'],
  ])('rejects %s (%s)', (input, code) => {
    expect(normalizeVnPhone(input)).toMatchObject({ ok: false, error: { code, field: 'phone' } });
  });

  it('writes E.164', () => {
    expect(toE164('0912345678')).toBe('+84912345678');
  });

  const mobile = fc
    .tuple(
      fc.constantFrom(
        ...[
          '32',
          '33',
          '34',
          '35',
          '36',
          '37',
          '38',
          '39',
          '52',
          '56',
          '58',
          '59',
          '70',
          '76',
          '77',
          '78',
          '79',
        ],
        ...[
          '81',
          '82',
          '83',
          '84',
          '85',
          '86',
          '87',
          '88',
          '89',
          '90',
          '91',
          '93',
          '94',
          '96',
          '97',
          '98',
          '99',
        ],
      ),
      fc.stringMatching(/^\d{7}$/),
    )
    .map(([prefix, rest]) => `0${prefix}${rest}`);

  it('keeps a national number and reads back its E.164 form', () => {
    fc.assert(
      fc.property(mobile, (n) => {
        expect(normalizeVnPhone(n)).toEqual({ ok: true, value: n });
        expect(toE164(n)).toMatch(/^\+84[35789]\d{8}$/);
        expect(normalizeVnPhone(toE164(n))).toEqual({ ok: true, value: n });
        expect(normalizeVnPhone(`${n.slice(0, 4)}.${n.slice(4, 7)}.${n.slice(7)}`)).toEqual({
          ok: true,
          value: n,
        });
      }),
    );
  });

  it('never throws and codes every refusal', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.stringMatching(/^[+\d ().-]{0,16}$/)), (text) => {
        const r = normalizeVnPhone(text);
        if (r.ok) expect(r.value).toMatch(/^0\d{9}$/);
        else expect(r.error.code).toMatch(/^phone\.[a-z]+$/);
      }),
    );
  });
});
