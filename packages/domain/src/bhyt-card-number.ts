import { type BenefitLevel, parameterEntryAt, parameterHistory } from './parameters';
import { err, ok, type Result } from './result';

/**
 * Object codes (mã đối tượng) printed on legacy BHYT cards, from the benefit-level table of
 * QĐ 1351/QĐ-BHXH (2015) as amended by QĐ 1018/QĐ-BHXH (2024); LH (people aged 75+ on a social
 * pension) is listed from Resolution 261/2025/QH15. See benefit-levels.ts for their levels.
 */
export const BHYT_OBJECT_CODES = [
  'CC', 'TE',
  'CK', 'CB', 'KC', 'HN', 'DT', 'DK', 'XD', 'BT', 'TS', 'AK', 'CT',
  'HT', 'TC', 'CN', 'PV', 'TG', 'DS', 'HK',
  'DN', 'HX', 'CH', 'NN', 'TK', 'HC', 'XK', 'TB', 'NO', 'XB', 'TN', 'CS', 'XN', 'MS', 'HD', 'TQ', 'TA', 'TY', 'HG', 'LS', 'HS', 'SV', 'GB', 'GD',
  'LH',
  'QN', 'CA', 'CY',
] as const; // prettier-ignore
export type BhytObjectCode = (typeof BHYT_OBJECT_CODES)[number];

/** True when `code` is one of `BHYT_OBJECT_CODES` (upper case, as printed). */
export function isBhytObjectCode(code: string): code is BhytObjectCode {
  return (BHYT_OBJECT_CODES as readonly string[]).includes(code);
}

export interface BhytCardNumber {
  /** Null on cards issued under QĐ 1666/QĐ-BHXH (2021), which print only the BHXH code. */
  objectCode: BhytObjectCode | null;
  benefitLevel: 1 | 2 | 3 | 4 | 5 | null;
  provinceCode: string | null;
  bhxhCode: string;
}

/**
 * Reads a BHYT card number: the legacy 15-character `XX Y ZZ NNNNNNNNNN` (object code, benefit
 * level 1–5, province code, BHXH code; QĐ 1351/QĐ-BHXH 2015, Art. 2 as amended by QĐ 1018/QĐ-BHXH
 * 2024), or the 10-digit code printed on cards issued under QĐ 1666/QĐ-BHXH (2021), for which
 * object code, level and province are null. Lower case, spaces and hyphens are accepted; output is
 * upper case. The benefit level must be one the object code has in the benefit-level table
 * (`bhytBenefitLevels` in parameter-table.ts; Luật BHYT Art. 22 §1): on `options.on` (`yyyy-mm-dd`)
 * when given, otherwise on any date of the table, since a card may be older than a change (CN is
 * 3 before 2026 and 2 from 2026-01-01, NQ 261/2025/QH15). A DN card at level 5 is
 * `bhyt_card.level_mismatch` (issue #19, item 3).
 */
export function parseBhytCardNumber(text: string, options: { on?: string } = {}): Result<BhytCardNumber> {
  const t = text.replace(/[\s-]+/g, '').toUpperCase();
  if (/^\d{10}$/.test(t))
    return ok({ objectCode: null, benefitLevel: null, provinceCode: null, bhxhCode: t });
  if (t.length !== 15)
    return err(
      'bhyt_card.length',
      `a card number has 15 characters (or 10 digits), not ${t.length}`,
      'cardNumber',
    );
  const m = /^([A-Z]{2})(\d)(\d{2})(\d{10})$/.exec(t);
  if (!m)
    return err(
      'bhyt_card.format',
      'a card number is 2 letters, 1 digit, 2 digits and a 10-digit BHXH code',
      'cardNumber',
    );
  const [, objectCode = '', level = '', provinceCode = '', bhxhCode = ''] = m;
  if (!isBhytObjectCode(objectCode))
    return err('bhyt_card.unknown_object_code', `unknown object code ${objectCode}`, 'cardNumber');
  const benefitLevel = Number(level);
  if (benefitLevel < 1 || benefitLevel > 5)
    return err('bhyt_card.benefit_level', `benefit level ${level} is not 1–5`, 'cardNumber');
  const allowed = levelsOf(objectCode, options.on);
  if (!allowed.includes(benefitLevel as BenefitLevel))
    return err(
      'bhyt_card.level_mismatch',
      `object code ${objectCode} has benefit level ${allowed.join(' or ') || 'none'}${options.on ? ` on ${options.on}` : ''}, not ${level}`,
      'cardNumber',
    );
  return ok({ objectCode, benefitLevel: benefitLevel as BenefitLevel, provinceCode, bhxhCode });
}

/** The benefit levels an object code has on a date, or on any date of the table (sorted). */
export function levelsOf(objectCode: string, on?: string): BenefitLevel[] {
  const rows =
    on === undefined ? parameterHistory('bhytBenefitLevels') : [parameterEntryAt('bhytBenefitLevels', on)];
  const levels = new Set<BenefitLevel>();
  for (const row of rows)
    for (const level of [1, 2, 3, 4, 5] as const)
      if (row.value[level].includes(objectCode)) levels.add(level);
  return [...levels].sort();
}

/** Writes the legacy 15-character card number `XX Y ZZ NNNNNNNNNN` (QĐ 1351/QĐ-BHXH, Art. 2). */
export function formatBhytCardNumber(card: {
  objectCode: string;
  benefitLevel: number;
  provinceCode: string;
  bhxhCode: string;
}): string {
  return `${card.objectCode}${card.benefitLevel}${card.provinceCode}${card.bhxhCode}`;
}
