import { describe, expect, it } from 'vitest';
import { findIcd10, ICD10_CODE, ICD10_COMMON, icd10Name } from './icd10';

describe('ICD-10 names', () => {
  it('names a code in each language, and in English for a language it does not know', () => {
    expect(icd10Name('I10', 'vi')).toBe('Bệnh lý tăng huyết áp vô căn (nguyên phát)');
    expect(icd10Name('I10', 'en')).toBe('Essential (primary) hypertension');
    expect(icd10Name('i10', 'zh')).toBe('特发性（原发性）高血压');
    expect(icd10Name('K35', 'ja')).toBe('急性虫垂炎');
    expect(icd10Name('K35', 'ko')).toBe('급성 충수염');
    expect(icd10Name('K35', 'fr')).toBe('Acute appendicitis');
  });

  it('falls back to the three-character category, and knows the exact sub-code first', () => {
    expect(icd10Name('J18.9', 'vi')).toBe('Viêm phổi, tác nhân không xác định');
    expect(icd10Name('U07.1', 'en')).toBe('COVID-19, virus identified');
  });

  it('answers null for a malformed or unknown code', () => {
    expect(icd10Name('XYZ', 'vi')).toBeNull();
    expect(icd10Name('Q99', 'vi')).toBeNull();
    expect(icd10Name('', 'vi')).toBeNull();
  });

  it('every catalog entry is a well-formed code with a name in all five languages, and codes are unique', () => {
    for (const e of ICD10_COMMON) {
      expect(e.code).toMatch(ICD10_CODE);
      for (const name of [e.vi, e.en, e.zh, e.ja, e.ko]) expect(name.trim().length).toBeGreaterThan(0);
      // Chinese, Japanese and Korean names are translations, not the English left in place.
      for (const name of [e.zh, e.ja, e.ko]) expect(name).not.toBe(e.en);
      expect(findIcd10(e.code)).toBe(e);
    }
    expect(new Set(ICD10_COMMON.map((e) => e.code)).size).toBe(ICD10_COMMON.length);
  });
});
