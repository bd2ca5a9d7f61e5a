/**
 * The one effective-dated table of social insurance parameters. Each entry holds from its date
 * until the next entry's date. Values are integer VND or basis points (1 bp = 0.01 %), each with
 * its source; `unconfirmed` marks what the domain reference lists as UNCONFIRMED. History is
 * computed with the rules of its time, so to correct a value, edit its row here: nothing else.
 */
export interface Effective<V> {
  from: string;
  value: V;
  source: string;
  unconfirmed?: true;
  /** What is approximated (e.g. a value used for months before the table's first real row). */
  note?: string;
}

export type Region = 1 | 2 | 3 | 4;

/** Contribution rates per fund, employee / employer, in basis points of the salary. */
export interface CompulsoryRates {
  /** Hưu trí, tử tuất: pension and survivorship. */
  pension: { employee: number; employer: number };
  /** Ốm đau, thai sản: sickness and maternity. */
  sicknessMaternity: { employee: number; employer: number };
  /** BHTNLĐ-BNN: occupational accident and disease (employer; reduced rate for qualifying employers). */
  occupational: { employee: number; employer: number; employerReduced: number };
  /** BHYT. */
  health: { employee: number; employer: number };
  /** BHTN: unemployment. */
  unemployment: { employee: number; employer: number };
}

export interface VoluntarySupport {
  /** State support as a share (bp) of the contribution on the minimum income. */
  poor: number;
  nearPoor: number;
  /** Ethnic minority people (a group of its own from 2025-07-01). */
  ethnicMinority: number;
  other: number;
  /** Months of support at most; null when unlimited. */
  maxMonths: number | null;
}

export interface ParameterTypes {
  /** Mức lương cơ sở, from 2025-07-01 mức tham chiếu: the base salary / reference level. */
  baseSalary: number;
  /** Regional minimum monthly wage by region I–IV. */
  regionalMinimumWage: Record<Region, number>;
  compulsoryRates: CompulsoryRates;
  /** Caps on the salary contributions are paid on, as multiples of what they are based on. */
  salaryCaps: {
    bhxhBhytTimesBase: number;
    bhtnTimesRegionalMinimum: number | null;
    bhtnTimesBase: number | null;
  };
  /** Voluntary BHXH: rate (bp) of the chosen income, minimum income (VND), maximum as multiple of base. */
  voluntary: { rateBp: number; minimumIncome: number; maximumTimesBase: number };
  voluntarySupport: VoluntarySupport;
  /** BHYT co-payment thresholds. */
  healthThresholds: { smallVisitShareOfBase: number; fiveYearCapMonthsOfBase: number };
}

export type ParameterName = keyof ParameterTypes;

const rates = (pensionEmp: number, pensionEr: number, smEr: number, occEr: number, occReduced: number, healthEmp: number, healthEr: number, uEmp: number, uEr: number): CompulsoryRates => ({
  pension: { employee: pensionEmp, employer: pensionEr },
  sicknessMaternity: { employee: 0, employer: smEr },
  occupational: { employee: 0, employer: occEr, employerReduced: occReduced },
  health: { employee: healthEmp, employer: healthEr },
  unemployment: { employee: uEmp, employer: uEr },
}); // prettier-ignore

export const PARAMETERS: { [K in ParameterName]: readonly Effective<ParameterTypes[K]>[] } = {
  baseSalary: [
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
    { from: '2024-07-01', value: 2_340_000, source: 'NĐ 73/2024/NĐ-CP' },
    { from: '2026-07-01', value: 2_530_000, source: 'domain reference', unconfirmed: true },
  ],
  regionalMinimumWage: [
    // Before 2015 the BHTN cap was based on the base salary; these rows serve 2015 onwards.
    {
      from: '2015-01-01',
      value: { 1: 3_100_000, 2: 2_750_000, 3: 2_400_000, 4: 2_150_000 },
      source: 'NĐ 103/2014/NĐ-CP',
    },
    {
      from: '2016-01-01',
      value: { 1: 3_500_000, 2: 3_100_000, 3: 2_700_000, 4: 2_400_000 },
      source: 'NĐ 122/2015/NĐ-CP',
    },
    {
      from: '2017-01-01',
      value: { 1: 3_750_000, 2: 3_320_000, 3: 2_900_000, 4: 2_580_000 },
      source: 'NĐ 153/2016/NĐ-CP',
    },
    {
      from: '2018-01-01',
      value: { 1: 3_980_000, 2: 3_530_000, 3: 3_090_000, 4: 2_760_000 },
      source: 'NĐ 141/2017/NĐ-CP',
    },
    {
      from: '2019-01-01',
      value: { 1: 4_180_000, 2: 3_710_000, 3: 3_250_000, 4: 2_920_000 },
      source: 'NĐ 157/2018/NĐ-CP',
    },
    {
      from: '2020-01-01',
      value: { 1: 4_420_000, 2: 3_920_000, 3: 3_430_000, 4: 3_070_000 },
      source: 'NĐ 90/2019/NĐ-CP',
    },
    {
      from: '2022-07-01',
      value: { 1: 4_680_000, 2: 4_160_000, 3: 3_640_000, 4: 3_250_000 },
      source: 'NĐ 38/2022/NĐ-CP',
    },
    {
      from: '2024-07-01',
      value: { 1: 4_960_000, 2: 4_410_000, 3: 3_860_000, 4: 3_450_000 },
      source: 'NĐ 74/2024/NĐ-CP',
    },
    // Region I from the domain reference; regions II–IV from NĐ 293/2025/NĐ-CP as recalled, to be checked.
    {
      from: '2026-01-01',
      value: { 1: 5_310_000, 2: 4_730_000, 3: 4_140_000, 4: 3_700_000 },
      source: 'NĐ 293/2025/NĐ-CP',
      unconfirmed: true,
    },
  ],
  compulsoryRates: [
    {
      from: '1995-01-01',
      value: rates(500, 1000, 300, 100, 100, 100, 200, 0, 0),
      source: 'Điều lệ BHXH (NĐ 12/CP, 1995)',
      note: 'pension share of the 15 % employer total as split from 2007',
    },
    {
      from: '2007-01-01',
      value: rates(500, 1100, 300, 100, 100, 100, 200, 0, 0),
      source: 'Luật BHXH 71/2006/QH11',
    },
    {
      from: '2009-01-01',
      value: rates(500, 1100, 300, 100, 100, 100, 200, 100, 100),
      source: 'Luật BHXH 71/2006/QH11 (BHTN from 2009)',
    },
    {
      from: '2010-01-01',
      value: rates(600, 1200, 300, 100, 100, 150, 300, 100, 100),
      source: 'Luật BHXH 71/2006/QH11 roadmap; Luật BHYT 25/2008/QH12',
    },
    {
      from: '2012-01-01',
      value: rates(700, 1300, 300, 100, 100, 150, 300, 100, 100),
      source: 'Luật BHXH 71/2006/QH11 roadmap',
    },
    {
      from: '2014-01-01',
      value: rates(800, 1400, 300, 100, 100, 150, 300, 100, 100),
      source: 'Luật BHXH 71/2006/QH11 roadmap; Luật Việc làm 38/2013/QH13',
    },
    {
      from: '2017-06-01',
      value: rates(800, 1400, 300, 50, 50, 150, 300, 100, 100),
      source: 'NĐ 44/2017/NĐ-CP',
    },
    {
      from: '2021-07-01',
      value: rates(800, 1400, 300, 0, 0, 150, 300, 100, 100),
      source: 'NQ 68/NQ-CP (2021): BHTNLĐ-BNN paused for 12 months',
    },
    {
      from: '2021-10-01',
      value: rates(800, 1400, 300, 0, 0, 150, 300, 100, 0),
      source: 'NQ 116/NQ-CP (2021): employer BHTN paused until 2022-09-30',
    },
    {
      from: '2022-07-01',
      value: rates(800, 1400, 300, 50, 30, 150, 300, 100, 0),
      source: 'NĐ 58/2020/NĐ-CP (0.3 % for qualifying employers)',
    },
    {
      from: '2022-10-01',
      value: rates(800, 1400, 300, 50, 30, 150, 300, 100, 100),
      source: 'NĐ 58/2020/NĐ-CP; Luật Việc làm 38/2013/QH13',
    },
    {
      from: '2025-07-01',
      value: rates(800, 1400, 300, 50, 30, 150, 300, 100, 100),
      source: 'Luật BHXH 41/2024/QH15',
    },
  ],
  salaryCaps: [
    {
      from: '1995-01-01',
      value: { bhxhBhytTimesBase: 20, bhtnTimesRegionalMinimum: null, bhtnTimesBase: 20 },
      source: 'Luật BHXH 71/2006/QH11',
    },
    {
      from: '2015-01-01',
      value: { bhxhBhytTimesBase: 20, bhtnTimesRegionalMinimum: 20, bhtnTimesBase: null },
      source: 'Luật Việc làm 38/2013/QH13, Art. 58',
    },
  ],
  voluntary: [
    {
      from: '2008-01-01',
      value: { rateBp: 1600, minimumIncome: 540_000, maximumTimesBase: 20 },
      source: 'Luật BHXH 71/2006/QH11 (16 %, rising)',
      note: 'earlier rate roadmap simplified',
    },
    {
      from: '2014-01-01',
      value: { rateBp: 2200, minimumIncome: 1_150_000, maximumTimesBase: 20 },
      source: 'Luật BHXH 71/2006/QH11 (22 % from 2014), minimum = base salary',
    },
    {
      from: '2018-01-01',
      value: { rateBp: 2200, minimumIncome: 700_000, maximumTimesBase: 20 },
      source: 'Luật BHXH 58/2014/QH13; NĐ 134/2015/NĐ-CP (rural poverty line)',
    },
    {
      from: '2022-01-01',
      value: { rateBp: 2200, minimumIncome: 1_500_000, maximumTimesBase: 20 },
      source: 'NĐ 07/2021/NĐ-CP (rural poverty line 2022–2025)',
    },
    {
      from: '2025-07-01',
      value: { rateBp: 2200, minimumIncome: 1_500_000, maximumTimesBase: 20 },
      source: 'Luật BHXH 41/2024/QH15; NĐ 159/2025/NĐ-CP',
    },
  ],
  voluntarySupport: [
    {
      from: '2018-01-01',
      value: { poor: 3000, nearPoor: 2500, ethnicMinority: 1000, other: 1000, maxMonths: null },
      source: 'NĐ 134/2015/NĐ-CP as amended',
    },
    {
      from: '2025-07-01',
      value: { poor: 5000, nearPoor: 4000, ethnicMinority: 3000, other: 2000, maxMonths: 120 },
      source: 'NĐ 159/2025/NĐ-CP',
    },
  ],
  healthThresholds: [
    {
      from: '2015-01-01',
      value: { smallVisitShareOfBase: 0.15, fiveYearCapMonthsOfBase: 6 },
      source: 'Luật BHYT 46/2014/QH13, Art. 22',
    },
  ],
};

/** The value of a parameter in force on an ISO date (or the earliest value for earlier dates). */
export function parameterAt<K extends ParameterName>(name: K, isoDate: string): ParameterTypes[K] {
  return entryAt(name, isoDate).value;
}

/** The whole row in force on a date, with its source. */
export function entryAt<K extends ParameterName>(name: K, isoDate: string): Effective<ParameterTypes[K]> {
  const rows = PARAMETERS[name];
  let found = rows[0];
  for (const row of rows) {
    if (row.from <= isoDate) found = row;
    else break;
  }
  if (!found) throw new Error(`no values for parameter ${name}`);
  return found;
}

export function parameterHistory<K extends ParameterName>(name: K): readonly Effective<ParameterTypes[K]>[] {
  return PARAMETERS[name];
}
