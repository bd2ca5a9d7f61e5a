import { type BenefitLevel, type Effective, parameterEntryAt } from './parameters';
import { err, ok, type Result } from './result';

/**
 * BHYT benefit levels (mức hưởng) by object code (mã đối tượng). The table itself is the
 * effective-dated parameter `bhytBenefitLevels` in parameter-table.ts (with its sources; the 2026 moves
 * CN 3 → 2 and LH 4 → 2 of NQ 261/2025/QH15 are confirmed).
 */

/**
 * The benefit level of an object code on a date (`yyyy-mm-dd`). Case and surrounding spaces are
 * ignored. A code that is not in the table on that date is an error (`bhyt.unknown_object_code`):
 * there is no default level.
 */
export function benefitLevelOf(objectCode: string, isoDate: string): Result<BenefitLevel> {
  const code = objectCode.trim().toUpperCase();
  if (!/^[A-Z]{2}$/.test(code))
    return err('bhyt.bad_object_code', `"${objectCode}" is not a two-letter object code`, 'objectCode');
  const level = levelIn(parameterEntryAt('bhytBenefitLevels', isoDate), code);
  return level === undefined
    ? err('bhyt.unknown_object_code', `object code ${code} has no benefit level on ${isoDate}`, 'objectCode')
    : ok(level);
}

function levelIn(row: Effective<Readonly<Record<BenefitLevel, readonly string[]>>>, code: string) {
  for (const level of [1, 2, 3, 4, 5] as const) if (row.value[level].includes(code)) return level;
  return undefined;
}

/** Every object code with a level on a date, sorted. */
export function objectCodesAt(isoDate: string): string[] {
  const table = parameterEntryAt('bhytBenefitLevels', isoDate).value;
  return [1, 2, 3, 4, 5].flatMap((level) => table[level as BenefitLevel]).sort();
}

export function isBenefitLevel(value: unknown): value is BenefitLevel {
  return value === 1 || value === 2 || value === 3 || value === 4 || value === 5;
}

/** What a benefit level means for the fund's share of covered costs. */
export interface FundShare {
  level: BenefitLevel;
  /** Share of covered costs the fund pays on the correct route, in percent (100, 95 or 80). */
  percent: number;
  /** The same share in basis points. */
  shareBp: number;
  /** Levels 2–4: high-tech services are paid up to a cap (level 1 and 5: no cap). */
  capOnTechnicalServices: boolean;
  /** Level 5: some costs outside the benefit package are paid too. */
  includesOutOfScopeCosts: boolean;
  /** Levels 3–4: paid in full for a visit under 15 % of the base salary, and at commune level. */
  fullForSmallVisitsAndCommuneCare: boolean;
}

/** The fund's share for a benefit level (Luật BHYT 46/2014/QH13, Art. 22 §1; domain reference). */
export function fundShare(level: BenefitLevel): FundShare {
  const make = (shareBp: number, capOnTechnicalServices: boolean, includesOutOfScopeCosts: boolean) => ({
    level,
    percent: shareBp / 100,
    shareBp,
    capOnTechnicalServices,
    includesOutOfScopeCosts,
    fullForSmallVisitsAndCommuneCare: shareBp < 10_000,
  });
  switch (level) {
    case 1:
      return make(10_000, false, false);
    case 2:
      return make(10_000, true, false);
    case 3:
      return make(9_500, true, false);
    case 4:
      return make(8_000, true, false);
    case 5:
      return make(10_000, false, true);
  }
}
