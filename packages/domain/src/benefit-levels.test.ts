import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { benefitLevelOf, fundShare, objectCodesAt } from './benefit-levels';
import { BHYT_OBJECT_CODES } from './bhyt-card-number';

describe('benefit levels', () => {
  it.each([
    ['CC', '2025-01-01', 1],
    ['TE', '2025-01-01', 1],
    ['CK', '2025-01-01', 2],
    ['CT', '2025-01-01', 2],
    ['HT', '2025-01-01', 3],
    ['HK', '2025-01-01', 3],
    ['CN', '2025-12-31', 3],
    ['CN', '2026-01-01', 2],
    ['LH', '2025-07-01', 4],
    ['LH', '2025-12-31', 4],
    ['LH', '2026-01-01', 2],
    ['DN', '2026-01-01', 4],
    ['HS', '2018-03-01', 4],
    ['gd', '2026-01-01', 4],
    [' sv ', '2026-01-01', 4],
    ['QN', '2026-01-01', 5],
    ['CY', '2016-01-01', 5],
  ])('%s on %s is level %i', (code, date, level) => {
    expect(benefitLevelOf(code, date)).toEqual({ ok: true, value: level });
  });

  it('refuses unknown codes instead of defaulting to level 4', () => {
    expect(benefitLevelOf('ZZ', '2026-01-01')).toMatchObject({
      ok: false,
      error: { code: 'bhyt.unknown_object_code', field: 'objectCode' },
    });
    expect(benefitLevelOf('LH', '2025-06-30')).toMatchObject({
      ok: false,
      error: { code: 'bhyt.unknown_object_code' },
    });
    expect(benefitLevelOf('D1', '2026-01-01')).toMatchObject({
      ok: false,
      error: { code: 'bhyt.bad_object_code' },
    });
    expect(benefitLevelOf('', '2026-01-01')).toMatchObject({
      ok: false,
      error: { code: 'bhyt.bad_object_code' },
    });
  });

  it('knows every object code the card-number parser accepts', () => {
    const known = new Set(objectCodesAt('2026-01-01'));
    expect([...BHYT_OBJECT_CODES].filter((code) => !known.has(code))).toEqual([]);
    expect([...known].filter((code) => !(BHYT_OBJECT_CODES as readonly string[]).includes(code))).toEqual([]);
  });

  it('gives a level to every listed code on any date', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2015, max: 2030 }), fc.integer({ min: 1, max: 12 }), (year, month) => {
        const date = `${year}-${String(month).padStart(2, '0')}-15`;
        for (const code of objectCodesAt(date)) expect(benefitLevelOf(code, date).ok).toBe(true);
      }),
      { numRuns: 40 },
    );
  });

  it('describes what each level pays', () => {
    expect(([1, 2, 3, 4, 5] as const).map((l) => fundShare(l).percent)).toEqual([100, 100, 95, 80, 100]);
    expect(fundShare(1)).toMatchObject({ capOnTechnicalServices: false, includesOutOfScopeCosts: false });
    expect(fundShare(2)).toMatchObject({
      capOnTechnicalServices: true,
      fullForSmallVisitsAndCommuneCare: false,
    });
    expect(fundShare(4)).toMatchObject({ shareBp: 8000, fullForSmallVisitsAndCommuneCare: true });
    expect(fundShare(5)).toMatchObject({ capOnTechnicalServices: false, includesOutOfScopeCosts: true });
  });
});
