/**
 * The one effective-dated table of social insurance parameters (bảng tham số theo thời gian).
 *
 * Each row holds from its `from` date until the next row's date. Money is integer VND, rates are
 * basis points (1 bp = 0.01 %, so 8 % = 800). Every row names its `source`;
 * - `unconfirmed: true` marks what the domain reference lists as UNCONFIRMED;
 * - `assumption: true` marks our own reading or recollection, not in the domain reference.
 * History is computed with the rules of its time, so to correct a value, edit its row here:
 * no code changes. The row shapes are in `parameter-types.ts`; the lookup API in `parameters.ts`.
 */

import type {
  BenefitLevel,
  BenefitLevelTable,
  CompulsoryRates,
  Effective,
  ExpectedParameterChange,
  OutsideRouteCover,
  ParameterName,
  ParameterTypes,
  PensionAccrual,
} from './parameter-types';

/** One contribution-rate row; see the column legend above `compulsoryRates`. */
const rates = (
  pension: [number, number],
  sicknessMaternity: number,
  occupational: [number, number],
  health: [number, number],
  unemployment: [number, number],
): CompulsoryRates => ({
  pension: { employee: pension[0], employer: pension[1] },
  sicknessMaternity: { employee: 0, employer: sicknessMaternity },
  occupational: { employee: 0, employer: occupational[0], employerReduced: occupational[1] },
  health: { employee: health[0], employer: health[1] },
  unemployment: { employee: unemployment[0], employer: unemployment[1] },
});

/**
 * Benefit levels by object code: Luật BHYT 46/2014/QH13, Art. 22; codes as in the domain reference
 * (QĐ 1351/QĐ-BHXH (2015), Art. 2, as amended by QĐ 1018/QĐ-BHXH (2024)). The reference's "and
 * others" at level 4 is deliberately NOT a default: an unlisted code is an error.
 */
// prettier-ignore
const LEVELS_QD_1351: BenefitLevelTable = {
  1: ['CC', 'TE'],
  2: ['CK', 'CB', 'KC', 'HN', 'DT', 'DK', 'XD', 'BT', 'TS', 'AK', 'CT'],
  3: ['HT', 'TC', 'CN', 'PV', 'TG', 'DS', 'HK'],
  4: ['DN', 'HX', 'CH', 'NN', 'TK', 'HC', 'XK', 'TB', 'NO', 'XB', 'TN', 'CS', 'XN', 'MS', 'HD', 'TQ', 'TA', 'TY', 'HG', 'LS', 'HS', 'SV', 'GB', 'GD'],
  5: ['QN', 'CA', 'CY'],
};

/** The table with some codes placed at other levels (added when missing). */
function withCodesAt(
  table: BenefitLevelTable,
  moves: Readonly<Record<string, BenefitLevel>>,
): BenefitLevelTable {
  const out = {} as Record<BenefitLevel, readonly string[]>;
  for (const level of [1, 2, 3, 4, 5] as const) {
    const kept = table[level].filter((code) => moves[code] === undefined);
    const added = Object.entries(moves).flatMap(([code, to]) => (to === level ? [code] : []));
    out[level] = [...kept, ...added];
  }
  return out;
}

const COVER_FULL: OutsideRouteCover = { asCorrectRoute: true, shareBp: 10_000 };
const NOT_COVERED: OutsideRouteCover = { asCorrectRoute: false, shareBp: 0 };
const share = (shareBp: number): OutsideRouteCover => ({ asCorrectRoute: false, shareBp });

/** Law 58/2014 from 2018: men need one more year for 45 % each year until 20 years in 2022. */
const accrualLaw58 = (maleBaseYears: number): PensionAccrual => ({
  minimumYears: 20,
  female: { baseYears: 15, baseRateBp: 4500, perYearBp: 200 },
  male: { baseYears: maleBaseYears, baseRateBp: 4500, perYearBp: 200 },
  maleShort: null,
  capBp: 7500,
  lumpSumMonthsPerYearBeyondCap: 0.5,
});

export const PARAMETERS: { readonly [K in ParameterName]: readonly Effective<ParameterTypes[K]>[] } = {
  // prettier-ignore
  baseSalary: [
    { from: '1993-04-01', value: 120_000, source: 'NĐ 25/CP and 26/CP (1993)', assumption: true, note: 'as recalled' },
    { from: '1997-01-01', value: 144_000, source: 'NĐ 06/CP (1997)' },
    { from: '1999-01-01', value: 180_000, source: 'NĐ 175/1999/NĐ-CP' },
    { from: '2001-01-01', value: 210_000, source: 'NĐ 77/2000/NĐ-CP' },
    { from: '2003-01-01', value: 290_000, source: 'NĐ 03/2003/NĐ-CP' },
    { from: '2004-10-01', value: 350_000, source: 'NĐ 203/2004/NĐ-CP' },
    { from: '2006-10-01', value: 450_000, source: 'NĐ 94/2006/NĐ-CP' },
    { from: '2008-01-01', value: 540_000, source: 'NĐ 166/2007/NĐ-CP' },
    { from: '2009-05-01', value: 650_000, source: 'NĐ 33/2009/NĐ-CP' },
    { from: '2010-05-01', value: 730_000, source: 'NĐ 28/2010/NĐ-CP' },
    { from: '2011-05-01', value: 830_000, source: 'NĐ 22/2011/NĐ-CP' },
    { from: '2012-05-01', value: 1_050_000, source: 'NĐ 31/2012/NĐ-CP' },
    { from: '2013-07-01', value: 1_150_000, source: 'NĐ 66/2013/NĐ-CP' },
    { from: '2016-05-01', value: 1_210_000, source: 'NĐ 47/2016/NĐ-CP' },
    { from: '2017-07-01', value: 1_300_000, source: 'NĐ 47/2017/NĐ-CP' },
    { from: '2018-07-01', value: 1_390_000, source: 'NĐ 72/2018/NĐ-CP' },
    { from: '2019-07-01', value: 1_490_000, source: 'NĐ 38/2019/NĐ-CP' },
    { from: '2023-07-01', value: 1_800_000, source: 'NĐ 24/2023/NĐ-CP' },
    { from: '2024-07-01', value: 2_340_000, source: 'NĐ 73/2024/NĐ-CP (domain reference)', note: 'from 2025-07-01 also the mức tham chiếu of Luật BHXH 41/2024/QH15' },
    // 2,530,000 from 2026-07-01 is expected (domain reference) but no decree setting it could be
    // found (December 2026): it is NOT a row here, so caps, the 5-year amount and the small-visit
    // limit keep 2,340,000. It is listed in EXPECTED_PARAMETER_CHANGES below, not in force.
  ],
  // Only the BHTN cap (from 2015) uses regional minimum wages, so the table starts in 2015.
  // prettier-ignore
  regionalMinimumWage: [
    { from: '2015-01-01', value: { 1: 3_100_000, 2: 2_750_000, 3: 2_400_000, 4: 2_150_000 }, source: 'NĐ 103/2014/NĐ-CP' },
    { from: '2016-01-01', value: { 1: 3_500_000, 2: 3_100_000, 3: 2_700_000, 4: 2_400_000 }, source: 'NĐ 122/2015/NĐ-CP' },
    { from: '2017-01-01', value: { 1: 3_750_000, 2: 3_320_000, 3: 2_900_000, 4: 2_580_000 }, source: 'NĐ 153/2016/NĐ-CP' },
    { from: '2018-01-01', value: { 1: 3_980_000, 2: 3_530_000, 3: 3_090_000, 4: 2_760_000 }, source: 'NĐ 141/2017/NĐ-CP' },
    { from: '2019-01-01', value: { 1: 4_180_000, 2: 3_710_000, 3: 3_250_000, 4: 2_920_000 }, source: 'NĐ 157/2018/NĐ-CP' },
    { from: '2020-01-01', value: { 1: 4_420_000, 2: 3_920_000, 3: 3_430_000, 4: 3_070_000 }, source: 'NĐ 90/2019/NĐ-CP' },
    { from: '2022-07-01', value: { 1: 4_680_000, 2: 4_160_000, 3: 3_640_000, 4: 3_250_000 }, source: 'NĐ 38/2022/NĐ-CP' },
    { from: '2024-07-01', value: { 1: 4_960_000, 2: 4_410_000, 3: 3_860_000, 4: 3_450_000 }, source: 'NĐ 74/2024/NĐ-CP' },
    {
      from: '2026-01-01',
      value: { 1: 5_310_000, 2: 4_730_000, 3: 4_140_000, 4: 3_700_000 },
      source: 'NĐ 293/2025/NĐ-CP, Art. 3 §1 (from 2026-01-01)',
      note: 'confirmed (issue #19): regions I–IV as set by the decree',
    },
  ],
  // rates(pension [employee, employer], sickness-maternity employer, occupational [employer, reduced],
  //       BHYT [employee, employer], BHTN [employee, employer]) — basis points.
  // prettier-ignore
  compulsoryRates: [
    {
      from: '1995-01-01',
      value: rates([500, 1000], 400, [100, 100], [100, 200], [0, 0]),
      source: 'Điều lệ BHXH (NĐ 12/CP, 1995); BHYT: NĐ 299/HĐBT (1992), NĐ 58/1998/NĐ-CP',
      note: 'the employer 5 % for sickness, maternity and occupational risks was one pool; split 4 + 1 here',
    },
    { from: '2007-01-01', value: rates([500, 1100], 300, [100, 100], [100, 200], [0, 0]), source: 'Luật BHXH 71/2006/QH11, Art. 91–92' },
    { from: '2009-01-01', value: rates([500, 1100], 300, [100, 100], [100, 200], [100, 100]), source: 'Luật BHXH 71/2006/QH11, Art. 102 (BHTN from 2009)' },
    { from: '2010-01-01', value: rates([600, 1200], 300, [100, 100], [150, 300], [100, 100]), source: 'Luật BHXH 71/2006/QH11 roadmap; Luật BHYT 25/2008/QH12; NĐ 62/2009/NĐ-CP' },
    { from: '2012-01-01', value: rates([700, 1300], 300, [100, 100], [150, 300], [100, 100]), source: 'Luật BHXH 71/2006/QH11 roadmap' },
    { from: '2014-01-01', value: rates([800, 1400], 300, [100, 100], [150, 300], [100, 100]), source: 'Luật BHXH 71/2006/QH11 roadmap; Luật BHXH 58/2014/QH13, Art. 85–86' },
    { from: '2017-06-01', value: rates([800, 1400], 300, [50, 50], [150, 300], [100, 100]), source: 'NĐ 44/2017/NĐ-CP' },
    { from: '2020-07-15', value: rates([800, 1400], 300, [50, 30], [150, 300], [100, 100]), source: 'NĐ 58/2020/NĐ-CP (0.3 % for qualifying employers)' },
    { from: '2021-07-01', value: rates([800, 1400], 300, [0, 0], [150, 300], [100, 100]), source: 'NQ 68/NQ-CP (2021): BHTNLĐ-BNN 0 % for 12 months' },
    { from: '2021-10-01', value: rates([800, 1400], 300, [0, 0], [150, 300], [100, 0]), source: 'NQ 116/NQ-CP (2021): employer BHTN 0 % until 2022-09-30' },
    { from: '2022-07-01', value: rates([800, 1400], 300, [50, 30], [150, 300], [100, 0]), source: 'NĐ 58/2020/NĐ-CP; NQ 116/NQ-CP (2021)' },
    { from: '2022-10-01', value: rates([800, 1400], 300, [50, 30], [150, 300], [100, 100]), source: 'NĐ 58/2020/NĐ-CP; Luật Việc làm 38/2013/QH13, Art. 57' },
    { from: '2025-07-01', value: rates([800, 1400], 300, [50, 30], [150, 300], [100, 100]), source: 'Luật BHXH 41/2024/QH15 (domain reference): 10.5 % + 21.5 %' },
  ],
  salaryCaps: [
    {
      from: '1995-01-01',
      value: { bhxhBhytTimesBase: 20, bhtnTimesRegionalMinimum: null, bhtnTimesBase: 20 },
      source: 'Luật BHXH 71/2006/QH11, Art. 94, 102; Luật BHYT 25/2008/QH12',
      note: 'applied to months before 2007 too (assumption)',
    },
    {
      from: '2015-01-01',
      value: { bhxhBhytTimesBase: 20, bhtnTimesRegionalMinimum: 20, bhtnTimesBase: null },
      source: 'Luật BHXH 58/2014/QH13, Art. 89; Luật Việc làm 38/2013/QH13, Art. 58',
      note: 'BHTN for salaries set by the State stays capped at 20 × base salary: not modelled',
    },
    {
      from: '2025-07-01',
      value: { bhxhBhytTimesBase: 20, bhtnTimesRegionalMinimum: 20, bhtnTimesBase: null },
      source: 'Luật BHXH 41/2024/QH15 (20 × mức tham chiếu); domain reference',
    },
  ],
  // prettier-ignore
  voluntary: [
    // Luật BHXH 71/2006/QH11, Art. 100: 16 % from 2008, +2 % every two years to 22 %, of an income
    // at least the general minimum wage (= the base salary rows above).
    { from: '2008-01-01', value: { rateBp: 1600, minimumIncome: 540_000, maximumTimesBase: 20 }, source: 'Luật BHXH 71/2006/QH11, Art. 100; NĐ 190/2007/NĐ-CP' },
    { from: '2009-05-01', value: { rateBp: 1600, minimumIncome: 650_000, maximumTimesBase: 20 }, source: 'Luật BHXH 71/2006/QH11; NĐ 33/2009/NĐ-CP' },
    { from: '2010-01-01', value: { rateBp: 1800, minimumIncome: 650_000, maximumTimesBase: 20 }, source: 'Luật BHXH 71/2006/QH11, Art. 100' },
    { from: '2010-05-01', value: { rateBp: 1800, minimumIncome: 730_000, maximumTimesBase: 20 }, source: 'Luật BHXH 71/2006/QH11; NĐ 28/2010/NĐ-CP' },
    { from: '2011-05-01', value: { rateBp: 1800, minimumIncome: 830_000, maximumTimesBase: 20 }, source: 'Luật BHXH 71/2006/QH11; NĐ 22/2011/NĐ-CP' },
    { from: '2012-01-01', value: { rateBp: 2000, minimumIncome: 830_000, maximumTimesBase: 20 }, source: 'Luật BHXH 71/2006/QH11, Art. 100' },
    { from: '2012-05-01', value: { rateBp: 2000, minimumIncome: 1_050_000, maximumTimesBase: 20 }, source: 'Luật BHXH 71/2006/QH11; NĐ 31/2012/NĐ-CP' },
    { from: '2013-07-01', value: { rateBp: 2000, minimumIncome: 1_150_000, maximumTimesBase: 20 }, source: 'Luật BHXH 71/2006/QH11; NĐ 66/2013/NĐ-CP' },
    { from: '2014-01-01', value: { rateBp: 2200, minimumIncome: 1_150_000, maximumTimesBase: 20 }, source: 'Luật BHXH 71/2006/QH11, Art. 100 (22 % from 2014)' },
    { from: '2016-01-01', value: { rateBp: 2200, minimumIncome: 700_000, maximumTimesBase: 20 }, source: 'Luật BHXH 58/2014/QH13, Art. 87; NĐ 134/2015/NĐ-CP (rural poverty line 700,000)' },
    { from: '2022-01-01', value: { rateBp: 2200, minimumIncome: 1_500_000, maximumTimesBase: 20 }, source: 'NĐ 07/2021/NĐ-CP (rural poverty line 1,500,000 for 2022–2025)' },
    { from: '2025-07-01', value: { rateBp: 2200, minimumIncome: 1_500_000, maximumTimesBase: 20 }, source: 'Luật BHXH 41/2024/QH15; NĐ 159/2025/NĐ-CP (domain reference)' },
  ],
  voluntarySupport: [
    {
      from: '2008-01-01',
      value: { poor: 0, nearPoor: 0, ethnicMinority: 0, other: 0, maxMonths: null },
      source: 'Luật BHXH 71/2006/QH11 (no state support)',
    },
    {
      from: '2018-01-01',
      value: { poor: 3000, nearPoor: 2500, ethnicMinority: 1000, other: 1000, maxMonths: 120 },
      source: 'NĐ 134/2015/NĐ-CP, Art. 14 (support from 2018-01-01)',
      assumption: true,
      note: 'the 120-month limit is recalled from Art. 14 §3, to be checked',
    },
    {
      from: '2025-07-01',
      value: { poor: 5000, nearPoor: 4000, ethnicMinority: 3000, other: 2000, maxMonths: 120 },
      source: 'NĐ 159/2025/NĐ-CP (domain reference)',
    },
  ],
  voluntaryPaymentModes: [
    {
      from: '2016-01-01',
      value: { periodMonths: [1, 3, 6, 12], maxAdvanceYears: 5 },
      source: 'Luật BHXH 58/2014/QH13, Art. 87 §2; NĐ 134/2015/NĐ-CP, Art. 9',
      assumption: true,
      note: 'not in the domain reference: as recalled',
    },
    {
      from: '2025-07-01',
      value: { periodMonths: [1, 3, 6, 12], maxAdvanceYears: 5 },
      source:
        'Luật BHXH 41/2024/QH15, Art. 36 §1 (hằng tháng, 3, 6, 12 tháng; nhiều năm về sau, không quá 5 năm một lần)',
      assumption: true,
      note: 'not in the domain reference: as recalled; the discount of an advance payment (chiết khấu) is not applied — see quoteVoluntary in self-paid.ts (the screen says so)',
    },
  ],
  householdBhyt: [
    {
      from: '2018-12-01',
      value: { firstMemberBp: 450, ladderBp: [7000, 6000, 5000, 4000], periodMonths: [3, 6, 12] },
      source:
        'Luật BHYT 25/2008/QH12 as amended by Luật 46/2014/QH13, Art. 13 §1 (g) and §4; NĐ 146/2018/NĐ-CP, Art. 7 §1 (e) (first member 4.5 % of the base salary; the 2nd, 3rd, 4th 70 %, 60 %, 50 % of the first, from the 5th 40 %); periods of 3, 6 or 12 months (domain reference)',
      note: 'domain reference (Household BHYT); the decree replacing NĐ 146/2018 after Luật 51/2024/QH15 is taken to keep the ladder: not verified against its text',
    },
  ],
  bhytWaiting: [
    {
      from: '2015-01-01',
      value: { waitingDays: 30, interruptionMonths: 3 },
      source:
        'Luật BHYT 25/2008/QH12, Art. 16 §3 as amended by Luật 46/2014/QH13 (household members joining for the first time or not continuously: the card is valid 30 days after the payment); NĐ 146/2018/NĐ-CP (an interruption of 3 months or more in a fiscal year)',
      assumption: true,
      note: 'not in the domain reference: our reading of the law as recalled; the 3-month interruption is to be checked against the decree in force',
    },
  ],
  bhytBenefitLevels: [
    {
      from: '2015-01-01',
      value: LEVELS_QD_1351,
      source: 'Luật BHYT 46/2014/QH13, Art. 22; QĐ 1351/QĐ-BHXH (2015), QĐ 1018/QĐ-BHXH (2024)',
      assumption: true,
      note: 'the 2024 code list is applied back to 2015',
    },
    {
      from: '2025-07-01',
      value: withCodesAt(LEVELS_QD_1351, { LH: 4 }),
      source: 'domain reference ("LH 4 -> 2" from 2026)',
      assumption: true,
      note: 'LH (75+ on a social pension, Luật BHXH 41/2024/QH15) at level 4 until 2025-12-31 is inferred',
    },
    {
      from: '2026-01-01',
      value: withCodesAt(LEVELS_QD_1351, { CN: 2, LH: 2 }),
      source: 'NQ 261/2025/QH15 (from 2026-01-01): CN 3 → 2, LH 4 → 2',
      note: 'confirmed (issue #19)',
    },
  ],
  // ASSUMPTION (the whole table): Luật BHYT 46/2014/QH13, Art. 22 §3–4, and from 2025-07-01 Art. 22
  // as amended by Luật 51/2024/QH15, as we read them. Emergency visits count as the correct route.
  // The care levels here are the old tuyến; Law 51/2024 names levels of care (ban đầu, cơ bản,
  // chuyên sâu) and keys its outpatient share to facilities that were provincial before 2025-01-01:
  // commune/district ≈ primary level or former district hospitals, province ≈ basic level formerly
  // provincial, central ≈ specialised level.
  bhytOutsideRoute: [
    {
      from: '2015-01-01',
      value: {
        commune: { inpatient: share(7000), outpatient: share(7000) },
        district: { inpatient: share(7000), outpatient: share(7000) },
        province: { inpatient: share(6000), outpatient: NOT_COVERED },
        central: { inpatient: share(4000), outpatient: NOT_COVERED },
      },
      source: 'Luật BHYT 46/2014/QH13, Art. 22 §3',
      assumption: true,
      note: 'commune level taken as district level',
    },
    {
      from: '2016-01-01',
      value: {
        commune: { inpatient: COVER_FULL, outpatient: COVER_FULL },
        district: { inpatient: COVER_FULL, outpatient: COVER_FULL },
        province: { inpatient: share(6000), outpatient: NOT_COVERED },
        central: { inpatient: share(4000), outpatient: NOT_COVERED },
      },
      source: 'Luật BHYT 46/2014/QH13, Art. 22 §3–4 (thông tuyến huyện from 2016)',
      assumption: true,
    },
    {
      from: '2021-01-01',
      value: {
        commune: { inpatient: COVER_FULL, outpatient: COVER_FULL },
        district: { inpatient: COVER_FULL, outpatient: COVER_FULL },
        province: { inpatient: COVER_FULL, outpatient: NOT_COVERED },
        central: { inpatient: share(4000), outpatient: NOT_COVERED },
      },
      source: 'Luật BHYT 46/2014/QH13, Art. 22 §3 (provincial inpatient as correct route from 2021)',
      assumption: true,
    },
    {
      from: '2025-07-01',
      value: {
        commune: { inpatient: COVER_FULL, outpatient: COVER_FULL },
        district: { inpatient: COVER_FULL, outpatient: COVER_FULL },
        province: { inpatient: COVER_FULL, outpatient: share(5000) },
        central: { inpatient: share(4000), outpatient: NOT_COVERED },
      },
      source:
        'Luật BHYT Art. 22 §3–4 as amended by Luật 51/2024/QH15, Art. 1 (from 2025-07-01): primary level and former district hospitals 100 %; basic level 100 % inpatient, 50 % outpatient at facilities that were provincial before 2025-01-01; specialised level 40 % inpatient',
      assumption: true,
      note: 'care levels mapped from the old tuyến; the exceptions of §4–5 (rare or severe illness, remote areas) are not modelled',
    },
  ],
  bhytSmallVisitBpOfBase: [
    {
      from: '2015-01-01',
      value: 1500,
      source: 'Luật BHYT 46/2014/QH13, Art. 22 §1; NĐ 105/2014/NĐ-CP; NĐ 146/2018/NĐ-CP, Art. 14',
    },
  ],
  bhytFiveYearCapMonthsOfBase: [
    { from: '2015-01-01', value: 6, source: 'Luật BHYT 46/2014/QH13, Art. 22 §1' },
  ],
  bhytChildCardEnd: [
    {
      from: '2015-01-01',
      value: { months: 72, untilSchoolIntake: '09-30' },
      source:
        'Luật BHYT 25/2008/QH12, Art. 16 §3 as amended by Luật 46/2014/QH13, Art. 1 §10 (72 months; not yet at school: 30 September of that year); NĐ 146/2018/NĐ-CP, Art. 13 §2 (born by 30 September: 30 September of the year of 72 months; born later: the last day of the month of 72 months)',
      assumption: true,
      note: 'applied from 2015; Luật 51/2024/QH15 and the decree replacing NĐ 146/2018 are taken to keep the rule (no change found)',
    },
  ],
  pensionAccrual: [
    {
      from: '2007-01-01',
      value: {
        minimumYears: 20,
        female: { baseYears: 15, baseRateBp: 4500, perYearBp: 300 },
        male: { baseYears: 15, baseRateBp: 4500, perYearBp: 200 },
        maleShort: null,
        capBp: 7500,
        lumpSumMonthsPerYearBeyondCap: 0.5,
      },
      source: 'Luật BHXH 71/2006/QH11, Art. 50, 52, 54; Luật BHXH 58/2014/QH13, Art. 56 §1 (to 2017)',
    },
    { from: '2018-01-01', value: accrualLaw58(16), source: 'Luật BHXH 58/2014/QH13, Art. 56 §2' },
    { from: '2019-01-01', value: accrualLaw58(17), source: 'Luật BHXH 58/2014/QH13, Art. 56 §2' },
    { from: '2020-01-01', value: accrualLaw58(18), source: 'Luật BHXH 58/2014/QH13, Art. 56 §2' },
    { from: '2021-01-01', value: accrualLaw58(19), source: 'Luật BHXH 58/2014/QH13, Art. 56 §2' },
    { from: '2022-01-01', value: accrualLaw58(20), source: 'Luật BHXH 58/2014/QH13, Art. 56 §2' },
    {
      from: '2025-07-01',
      value: {
        minimumYears: 15,
        female: { baseYears: 15, baseRateBp: 4500, perYearBp: 200 },
        male: { baseYears: 20, baseRateBp: 4500, perYearBp: 200 },
        maleShort: { fromYears: 15, baseRateBp: 4000, perYearBp: 100 },
        capBp: 7500,
        lumpSumMonthsPerYearBeyondCap: 0.5,
      },
      source: 'Luật BHXH 41/2024/QH15, Art. 64, 66, 68 (domain reference)',
    },
  ],
  oneTimeBhxhMonthsPerYear: [
    {
      from: '1995-01-01',
      value: 1.5,
      source: 'Luật BHXH 58/2014/QH13, Art. 60 §2; Luật BHXH 41/2024/QH15, Art. 72',
    },
    {
      from: '2014-01-01',
      value: 2,
      source: 'Luật BHXH 58/2014/QH13, Art. 60 §2; Luật BHXH 41/2024/QH15, Art. 72',
    },
  ],
  oneTimeBhxhUnderOneYear: [
    {
      from: '2016-01-01',
      value: { rateBp: 2200, capMonths: 2 },
      source: 'Luật BHXH 58/2014/QH13, Art. 60 §2; Luật BHXH 41/2024/QH15, Art. 72',
      assumption: true,
      note: 'contributions paid back (8 % + 14 %), at most 2 months of average salary: as recalled',
    },
  ],
  // UNCONFIRMED in the domain reference: correct the rows, not the code.
  oneTimeBhxhConditions: [
    {
      from: '2016-01-01',
      value: [
        { code: 'retirement_age_without_pension', belowYears: 20 },
        { code: 'settling_abroad' },
        { code: 'life_threatening_illness' },
        { code: 'out_of_scheme', monthsOut: 12, belowYears: 20, participatedBefore: null },
      ],
      source: 'Luật BHXH 58/2014/QH13, Art. 60; NQ 93/2015/QH13',
      unconfirmed: true,
    },
    {
      from: '2025-07-01',
      value: [
        { code: 'retirement_age_without_pension', belowYears: 15 },
        { code: 'settling_abroad' },
        { code: 'life_threatening_illness' },
        { code: 'out_of_scheme', monthsOut: 12, belowYears: 20, participatedBefore: '2025-07-01' },
      ],
      source: 'Luật BHXH 41/2024/QH15, Art. 70',
      unconfirmed: true,
    },
  ],
};

/**
 * Changes expected but NOT applied. To put one in force, add a row to its table above, with the
 * decree as its source, and remove it here.
 */
export const EXPECTED_PARAMETER_CHANGES: readonly ExpectedParameterChange[] = [
  {
    name: 'baseSalary',
    from: '2026-07-01',
    value: 2_530_000,
    source: 'domain reference (UNCONFIRMED)',
    inForce: false,
    note: 'no decree setting 2,530,000 from 2026-07-01 could be found (December 2026); 2,340,000 of NĐ 73/2024/NĐ-CP stays in force',
  },
];
