import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  BHYT_OBJECT_CODES,
  formatBhytCardNumber,
  isBhytObjectCode,
  levelsOf,
  parseBhytCardNumber,
} from './bhyt-card-number';

/** The object codes of the domain reference's benefit-level table, level by level. */
const REFERENCE_OBJECT_CODES = {
  1: 'CC TE',
  2: 'CK CB KC HN DT DK XD BT TS AK CT',
  3: 'HT TC CN PV TG DS HK',
  4: 'DN HX CH NN TK HC XK TB NO XB TN CS XN MS HD TQ TA TY HG LS HS SV GB GD',
  5: 'QN CA CY',
  'LH (Resolution 261/2025/QH15)': 'LH',
};

describe('parseBhytCardNumber', () => {
  it.each([
    ['HS4010120878837', { objectCode: 'HS', benefitLevel: 4, provinceCode: '01', bhxhCode: '0120878837' }],
    ['hs4 01 0120878837', { objectCode: 'HS', benefitLevel: 4, provinceCode: '01', bhxhCode: '0120878837' }],
    ['TE1790123456789', { objectCode: 'TE', benefitLevel: 1, provinceCode: '79', bhxhCode: '0123456789' }],
    ['DN4797912345678', { objectCode: 'DN', benefitLevel: 4, provinceCode: '79', bhxhCode: '7912345678' }],
    ['0123456789', { objectCode: null, benefitLevel: null, provinceCode: null, bhxhCode: '0123456789' }],
    [' 0123 456 789 ', { objectCode: null, benefitLevel: null, provinceCode: null, bhxhCode: '0123456789' }],
    ['LH2010120878837', { objectCode: 'LH', benefitLevel: 2, provinceCode: '01', bhxhCode: '0120878837' }],
    ['QN5-97-9712345678', { objectCode: 'QN', benefitLevel: 5, provinceCode: '97', bhxhCode: '9712345678' }],
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
    ['012345678', 'bhyt_card.length'],
    ['HS40101208788370', 'bhyt_card.length'],
    ['HS401012087883X', 'bhyt_card.format'],
    ['234010120878837', 'bhyt_card.format'],
    ['HSA010120878837', 'bhyt_card.format'],
    // The level must fit the object code (benefit-level table; issue #19, item 3).
    ['DN5797912345678', 'bhyt_card.level_mismatch'],
    ['DN1797912345678', 'bhyt_card.level_mismatch'],
    ['TE4790123456789', 'bhyt_card.level_mismatch'],
    ['HS1010120878837', 'bhyt_card.level_mismatch'],
    ['GD2010120878837', 'bhyt_card.level_mismatch'],
    ['QN4979712345678', 'bhyt_card.level_mismatch'],
    ['HT4010120878837', 'bhyt_card.level_mismatch'],
    ['CC2010120878837', 'bhyt_card.level_mismatch'],
    ['CN4010120878837', 'bhyt_card.level_mismatch'],
    ['LH5010120878837', 'bhyt_card.level_mismatch'],
  ])('rejects %s', (text, code) => {
    expect(parseBhytCardNumber(text)).toMatchObject({ ok: false, error: { code, field: 'cardNumber' } });
  });

  it.each([
    ['CN3010120878837', undefined, true],
    ['CN2010120878837', undefined, true],
    ['CN3010120878837', '2025-12-31', true],
    ['CN3010120878837', '2026-01-01', false],
    ['CN2010120878837', '2025-12-31', false],
    ['LH4010120878837', '2025-12-31', true],
    ['LH2010120878837', '2026-01-01', true],
    ['LH4010120878837', '2026-01-01', false],
    ['DN4797912345678', '2026-01-01', true],
  ] as const)('checks %s against the levels of %s', (text, on, accepted) => {
    const r = parseBhytCardNumber(text, on === undefined ? {} : { on });
    expect(r.ok).toBe(accepted);
    if (!r.ok) expect(r.error).toMatchObject({ code: 'bhyt_card.level_mismatch', field: 'cardNumber' });
  });

  it('names the levels allowed', () => {
    expect(levelsOf('DN')).toEqual([4]);
    expect(levelsOf('CN')).toEqual([2, 3]);
    expect(levelsOf('CN', '2026-01-01')).toEqual([2]);
    expect(levelsOf('ZZ')).toEqual([]);
    expect(parseBhytCardNumber('DN5797912345678')).toMatchObject({
      ok: false,
      error: { message: 'object code DN has benefit level 4, not 5' },
    });
  });

  it('knows exactly the object codes of the reference table', () => {
    const expected = Object.values(REFERENCE_OBJECT_CODES).flatMap((codes) => codes.split(' '));
    expect([...BHYT_OBJECT_CODES].sort()).toEqual([...expected].sort());
    expect(new Set(BHYT_OBJECT_CODES).size).toBe(BHYT_OBJECT_CODES.length);
    for (const code of expected) expect(isBhytObjectCode(code)).toBe(true);
    expect(isBhytObjectCode('hs')).toBe(false);
    expect(isBhytObjectCode('ZZ')).toBe(false);
  });

  it('reads every object code, level and province, and formats them back', () => {
    fc.assert(
      fc.property(
        fc
          .constantFrom(...BHYT_OBJECT_CODES)
          .chain((code) => fc.tuple(fc.constant(code), fc.constantFrom(...levelsOf(code)))),
        fc.stringMatching(/^\d{2}$/),
        fc.stringMatching(/^\d{10}$/),
        fc.boolean(),
        ([objectCode, benefitLevel], provinceCode, bhxhCode, lower) => {
          const printed = formatBhytCardNumber({ objectCode, benefitLevel, provinceCode, bhxhCode });
          const typed = lower
            ? `${printed.slice(0, 2).toLowerCase()} ${printed.slice(2, 3)} ${printed.slice(3, 5)} ${printed.slice(5)}`
            : printed;
          expect(parseBhytCardNumber(typed)).toEqual({
            ok: true,
            value: { objectCode, benefitLevel, provinceCode, bhxhCode },
          });
        },
      ),
    );
  });

  it('never throws and codes every refusal', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.stringMatching(/^[A-Za-z0-9 -]{0,20}$/)), (text) => {
        const r = parseBhytCardNumber(text);
        if (!r.ok) expect(r.error.code).toMatch(/^bhyt_card\.[a-z_]+$/);
      }),
    );
  });

  it('formats the legacy number', () => {
    expect(
      formatBhytCardNumber({ objectCode: 'GD', benefitLevel: 4, provinceCode: '01', bhxhCode: '0112345678' }),
    ).toBe('GD4010112345678');
  });
});
