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
  ])('rejects %s (%s)', (input, code) => {
    expect(normalizeVnPhone(input)).toMatchObject({ ok: false, error: { code, field: 'phone' } });
  });

  it('writes E.164', () => {
    expect(toE164('0912345678')).toBe('+84912345678');
  });
});
