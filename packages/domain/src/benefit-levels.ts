import type { Effective } from './parameters';
import { err, ok, type Result } from './result';

export type BenefitLevel = 1 | 2 | 3 | 4 | 5;

/**
 * Object code → benefit level (mức hưởng), effective-dated. Source: QĐ 1351/QĐ-BHXH (2015),
 * Art. 2 as amended by QĐ 1018/QĐ-BHXH (2024); the 2026-01-01 changes (CN 3 → 2, LH 4 → 2) from
 * Resolution 261/2025/QH15 are UNCONFIRMED (domain reference).
 */
const BASE: Record<BenefitLevel, readonly string[]> = {
  1: ['CC', 'TE'],
  2: ['CK', 'CB', 'KC', 'HN', 'DT', 'DK', 'XD', 'BT', 'TS', 'AK', 'CT'],
  3: ['HT', 'TC', 'CN', 'PV', 'TG', 'DS', 'HK'],
  4: [
    'DN',
    'HX',
    'CH',
    'NN',
    'TK',
    'HC',
    'XK',
    'TB',
    'NO',
    'XB',
    'TN',
    'CS',
    'XN',
    'MS',
    'HD',
    'TQ',
    'TA',
    'TY',
    'HG',
    'LS',
    'HS',
    'SV',
    'GB',
    'GD',
    'LH',
  ],
  5: ['QN', 'CA', 'CY'],
};
const levelsOf = (table: Record<BenefitLevel, readonly string[]>) =>
  Object.fromEntries(
    Object.entries(table).flatMap(([level, codes]) => codes.map((c) => [c, Number(level) as BenefitLevel])),
  );

export const BENEFIT_LEVELS: readonly Effective<Record<string, BenefitLevel>>[] = [
  { from: '2015-01-01', value: levelsOf(BASE), source: 'QĐ 1351/QĐ-BHXH (2015); QĐ 1018/QĐ-BHXH (2024)' },
  {
    from: '2026-01-01',
    value: { ...levelsOf(BASE), CN: 2, LH: 2 },
    source: 'NQ 261/2025/QH15',
    unconfirmed: true,
  },
];

/** The benefit level of an object code on a date. Unknown codes are an error, not a default. */
export function benefitLevelOf(objectCode: string, isoDate: string): Result<BenefitLevel> {
  let table = BENEFIT_LEVELS[0]?.value ?? {};
  for (const row of BENEFIT_LEVELS) if (row.from <= isoDate) table = row.value;
  const level = table[objectCode.toUpperCase()];
  return level === undefined
    ? err('bhyt.unknown_object_code', `unknown object code ${objectCode}`, 'objectCode')
    : ok(level);
}

export interface FundShare {
  /** Share of covered costs the fund pays, in basis points. */
  shareBp: number;
  /** Level 1: no cap on high-tech services; level 2: with caps. */
  capOnTechnicalServices: boolean;
  /** Level 5: some costs outside the benefit package are paid too. */
  includesOutOfScope: boolean;
}

/** What a benefit level means (Luật BHYT 46/2014/QH13, Art. 22). */
export function fundShare(level: BenefitLevel): FundShare {
  switch (level) {
    case 1:
      return { shareBp: 10_000, capOnTechnicalServices: false, includesOutOfScope: false };
    case 2:
      return { shareBp: 10_000, capOnTechnicalServices: true, includesOutOfScope: false };
    case 3:
      return { shareBp: 9_500, capOnTechnicalServices: true, includesOutOfScope: false };
    case 4:
      return { shareBp: 8_000, capOnTechnicalServices: true, includesOutOfScope: false };
    case 5:
      return { shareBp: 10_000, capOnTechnicalServices: false, includesOutOfScope: true };
  }
}
