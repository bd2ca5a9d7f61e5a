import { describe, expect, it } from 'vitest';
import { formatBhytCardNumber, parseBhytCardNumber } from './bhyt-card-number';

describe('parseBhytCardNumber', () => {
  it.each([
    ['HS4010120878837', { objectCode: 'HS', benefitLevel: 4, provinceCode: '01', bhxhCode: '0120878837' }],
    ['hs4 01 0120878837', { objectCode: 'HS', benefitLevel: 4, provinceCode: '01', bhxhCode: '0120878837' }],
    ['TE1790123456789', { objectCode: 'TE', benefitLevel: 1, provinceCode: '79', bhxhCode: '0123456789' }],
    ['DN4797912345678', { objectCode: 'DN', benefitLevel: 4, provinceCode: '79', bhxhCode: '7912345678' }],
    ['0123456789', { objectCode: null, benefitLevel: null, provinceCode: null, bhxhCode: '0123456789' }],
  ])('%s', (text, value) => {
    expect(parseBhytCardNumber(text)).toEqual({ ok: true, value });
  });

  it.each([
    ['HS401012087883', 'bhyt_card.length'],
    ['H54010120878837', 'bhyt_card.format'],
    ['ZZ4010120878837', 'bhyt_card.unknown_object_code'],
    ['HS6010120878837', 'bhyt_card.benefit_level'],
    ['HS0010120878837', 'bhyt_card.benefit_level'],
    ['', 'bhyt_card.length'],
  ])('rejects %s', (text, code) => {
    expect(parseBhytCardNumber(text)).toMatchObject({ ok: false, error: { code, field: 'cardNumber' } });
  });

  it('formats the legacy number', () => {
    expect(
      formatBhytCardNumber({ objectCode: 'GD', benefitLevel: 4, provinceCode: '01', bhxhCode: '0112345678' }),
    ).toBe('GD4010112345678');
  });
});
