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
  ])('rejects %s', (text, code) => {
    expect(parseBhxhCode(text)).toMatchObject({ ok: false, error: { code, field: 'bhxhCode' } });
  });
  it('has a predicate', () => {
    expect(isBhxhCode('0123456789')).toBe(true);
    expect(isBhxhCode('123')).toBe(false);
  });
});
