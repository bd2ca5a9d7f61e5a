import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isBhxhCode, parseBhxhCode } from './bhxh-code';

describe('parseBhxhCode', () => {
  it.each([
    ['0123456789', '0123456789'],
    [' 01234 56789 ', '0123456789'],
  ])('%s', (text, code) => {
    expect(parseBhxhCode(text)).toEqual({ ok: true, value: code });
  });
  it.each([
    ['012345678', 'bhxh_code.length'],
    ['01234567890', 'bhxh_code.length'],
    ['01234a6789', 'bhxh_code.not_digits'],
    ['', 'bhxh_code.not_digits'],
    ['HS4010120878837', 'bhxh_code.not_digits'],
    ['０１２３４５６７８９', 'bhxh_code.not_digits'],
  ])('rejects %s', (text, code) => {
    expect(parseBhxhCode(text)).toMatchObject({ ok: false, error: { code, field: 'bhxhCode' } });
  });
  it('has a predicate', () => {
    expect(isBhxhCode('0123456789')).toBe(true);
    expect(isBhxhCode('123')).toBe(false);
    expect(isBhxhCode('0123 456789')).toBe(false);
    expect(isBhxhCode('012345678a')).toBe(false);
  });
  it('accepts every 10-digit string and nothing that is not one', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{10}$/), (code) => {
        expect(parseBhxhCode(code)).toEqual({ ok: true, value: code });
        expect(isBhxhCode(code)).toBe(true);
      }),
    );
    fc.assert(
      fc.property(fc.string(), (text) => {
        const r = parseBhxhCode(text);
        expect(r.ok).toBe(/^\d{10}$/.test(text.replace(/\s+/g, '')));
      }),
    );
  });
});
