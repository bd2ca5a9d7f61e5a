import {
  ageOn,
  benefitLevelOf,
  cardEndDate,
  type CareLevel,
  cccdGenderCenturyDigit,
  computeCompulsoryContributions,
  computeVisitCoPayment,
  computeVoluntaryContribution,
  estimateOneTimeBhxh,
  estimatePension,
  findCommunePre2025,
  ICD10_COMMON,
  parameterAt,
  type Province2025,
  type Region,
  type Route,
  teCardEndDate,
} from '@vssid/domain';
import { familyNameOf, fullName, type Gender } from './names';
import { pad, permute } from './permute';
import { places, streetLine } from './places';
import { Random, WeightedList } from './random';
import type {
  BenefitRow,
  CardRow,
  Catalogs,
  ClinicRow,
  DocumentRow,
  EmployerUnitRow,
  PeriodRow,
  PersonBundle,
  VisitRow,
} from './rows';

/** The day the generated history runs up to. */
export const AS_OF = '2026-11-01';
/**
 * ASSUMPTION: the day of the month BHXH pays monthly benefits (pensions, unemployment allowance)
 * for that month. Provinces set their own schedules in the first days of the month (through the
 * post office or to a bank account); the 5th stands for them all. With AS_OF on the 1st, the
 * month of AS_OF is not paid yet: it shows as pending.
 */
const MONTHLY_PAYMENT_DAY = 5;
/** Benefit payment ids are `seq × this + n`: room for a pension paid monthly since 1995. */
const BENEFIT_IDS_PER_PERSON = 1024;
const AS_OF_YEAR = 2026;
const RECORDS_FROM = 1995;
const VISITS_FROM = '2017-01-01';
const REFORM = '2025-07-01';
/** CCCD serials are 6 digits: unique numbers are guaranteed up to this many persons per run. */
export const MAX_PERSONS = 1_000_000;

const MOBILE_PREFIXES = [
  '032',
  '033',
  '034',
  '035',
  '036',
  '037',
  '038',
  '039',
  '070',
  '076',
  '077',
  '078',
  '079',
  '081',
  '082',
  '083',
  '084',
  '085',
  '086',
  '088',
  '089',
  '090',
  '091',
  '093',
  '094',
  '096',
  '097',
  '098',
];

/** Age weights in 5-year bands from 0–4 to 90–94 (shape of Vietnam's 2019 census pyramid). */
const AGE_BANDS = [
  7.6, 8.0, 7.4, 6.7, 7.1, 8.2, 8.3, 8.0, 7.6, 7.0, 6.3, 5.6, 4.6, 3.4, 2.3, 1.5, 1.1, 0.7, 0.4,
];

interface Context {
  catalogs: Catalogs;
  clinicsByProvince: Map<string, ClinicRow[]>;
  /** Employers weighted by size: bigger units employ more of the people generated. */
  unitsByProvince: Map<string, WeightedList<EmployerUnitRow>>;
  allUnits: WeightedList<EmployerUnitRow>;
  officesByProvince: Map<string, string[]>;
}

function makeContext(catalogs: Catalogs): Context {
  const group = <T extends { province_code: string }>(rows: T[]) => {
    const m = new Map<string, T[]>();
    for (const row of rows) {
      const list = m.get(row.province_code);
      if (list) list.push(row);
      else m.set(row.province_code, [row]);
    }
    return m;
  };
  const offices = new Map<string, string[]>();
  for (const a of catalogs.agencies) {
    if (a.level !== 'local' || !a.code) continue;
    const list = offices.get(a.province_code);
    if (list) list.push(a.code);
    else offices.set(a.province_code, [a.code]);
  }
  const bySize = (units: EmployerUnitRow[]) => new WeightedList(units, (u) => 1 + u.employee_count);
  const unitsByProvince = new Map([...group(catalogs.units)].map(([code, units]) => [code, bySize(units)]));
  return {
    catalogs,
    clinicsByProvince: group(catalogs.clinics),
    unitsByProvince,
    allUnits: bySize(catalogs.units),
    officesByProvince: offices,
  };
}

const iso = (y: number, m: number, d: number) => `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`;
const monthStart = (index: number) => iso(Math.floor(index / 12), (index % 12) + 1, 1);
const monthIndexOf = (isoDate: string) => Number(isoDate.slice(0, 4)) * 12 + Number(isoDate.slice(5, 7)) - 1;
const addYears = (isoDate: string, years: number) =>
  `${pad(Number(isoDate.slice(0, 4)) + years, 4)}${isoDate.slice(4)}`.replace('-02-29', '-02-28');
const lastDayOfMonth = (index: number) => {
  const y = Math.floor(index / 12);
  const m = (index % 12) + 1;
  return iso(y, m, new Date(Date.UTC(y, m, 0)).getUTCDate());
};
/** Whole years of age on a date, by the domain's `ageOn` (0 before birth). */
const yearsOn = (birth: string, on: string) => ageOn(birth, on)?.years ?? 0;

/** Region of the regional minimum wage: big cities I, provincial cities II, the rest III–IV (simplified). */
const regionOf = (provinceCode: string): Region =>
  ['01', '79', '31', '48'].includes(provinceCode)
    ? 1
    : ['22', '24', '75', '92', '56'].includes(provinceCode)
      ? 2
      : 3;

interface Member {
  seq: number;
  gender: Gender;
  birth: string;
  yearOnly: boolean;
  name: string;
}

/**
 * Generates people household by household: the same seed and count always give the same people
 * in the same order. Each household is generated from its own random stream, so the output does
 * not depend on how a consumer batches it.
 */
export function* generatePeople(seed: string, persons: number, catalogs: Catalogs): Generator<PersonBundle> {
  if (persons > MAX_PERSONS)
    throw new Error(`at most ${MAX_PERSONS} persons per run (CCCD serials are 6 digits)`);
  const ctx = makeContext(catalogs);
  let seq = 0;
  for (let household = 0; seq < persons; household++) {
    const r = new Random(`${seed}:household:${household}`);
    for (const bundle of generateHousehold(r, ctx, () => seq++, persons - seq)) yield bundle;
  }
}

const AGE_BAND_WEIGHTS = AGE_BANDS.map((w, i) => [i, w] as const);

function sampleAge(r: Random, min: number, max: number): number {
  for (;;) {
    const band = r.weighted(AGE_BAND_WEIGHTS);
    const age = band * 5 + r.int(0, 4);
    if (age >= min && age <= max) return age;
  }
}

function birthDate(r: Random, age: number): string {
  const year = AS_OF_YEAR - age - (r.chance(0.83) ? 0 : 1);
  const month = r.int(1, 12);
  return iso(year, month, r.int(1, new Date(Date.UTC(year, month, 0)).getUTCDate()));
}

function* generateHousehold(
  r: Random,
  ctx: Context,
  nextSeq: () => number,
  room: number,
): Generator<PersonBundle> {
  const { provinceWeights, communesOf, oldCommunesOf } = places();
  const province: Province2025 = r.weighted(provinceWeights);
  const commune = r.pick(communesOf(province.code));
  const olds = oldCommunesOf(commune.code);
  const oldCommune = olds.length ? findCommunePre2025(r.pick(olds)) : undefined;
  const street = streetLine(r, commune);

  const headAge = sampleAge(r, 18, 94);
  const headGender: Gender = r.chance(0.5) ? 'male' : 'female';
  const members: Member[] = [];
  const add = (gender: Gender, age: number, family?: string) => {
    const birth = birthDate(r, age);
    const yearOnly = age >= 70 && r.chance(0.04);
    members.push({ seq: nextSeq(), gender, birth, yearOnly, name: fullName(r, gender, family) });
  };
  add(headGender, headAge);
  if (room > 1 && headAge >= 22 && r.chance(0.7))
    add(headGender === 'male' ? 'female' : 'male', Math.max(18, Math.min(94, headAge + r.int(-6, 4))));
  const father = members.find((m) => m.gender === 'male');
  const mother = members.find((m) => m.gender === 'female');
  const youngestParentAge = Math.min(...members.map((p) => yearsOn(p.birth, AS_OF)));
  if (youngestParentAge >= 21 && headAge <= 58) {
    const children = r.weighted([
      [0, 28],
      [1, 30],
      [2, 32],
      [3, 10],
    ] as const);
    for (let i = 0; i < children && members.length < room; i++) {
      // Parents are at least 20 years older than their children (birth years, not just ages).
      add(
        r.chance(0.51) ? 'male' : 'female',
        r.int(0, Math.min(17, youngestParentAge - 21)),
        familyNameOf((father ?? members[0])?.name ?? 'Nguyễn'),
      );
    }
  }
  const guardian = mother ?? father ?? members[0];

  for (const m of members) {
    const age = yearsOn(m.birth, AS_OF);
    const isChild = age < 18;
    const pr = r.fork(m.seq);
    yield generatePerson(pr, ctx, {
      member: m,
      age,
      province,
      communeCode: commune.code,
      oldCommune,
      street,
      guardianSeq: isChild && guardian && guardian !== m ? guardian.seq : null,
    });
  }
}

interface PersonPlan {
  member: Member;
  age: number;
  province: Province2025;
  communeCode: string;
  oldCommune: ReturnType<typeof findCommunePre2025>;
  street: string;
  guardianSeq: number | null;
}

/** The 10-digit BHXH code of a person: the issuing province, then 8 digits spread over the range. */
export function bhxhCodeOf(seq: number, provinceCode: string): string {
  return `${provinceCode}${pad(permute(seq, 8, 7_777), 8)}`;
}

function generatePerson(r: Random, ctx: Context, plan: PersonPlan): PersonBundle {
  const { member: m, age, province } = plan;
  const oldProvinceCode = plan.oldCommune?.provinceCode ?? province.code;
  const bhxhCode = bhxhCodeOf(m.seq, oldProvinceCode);
  const birthYear = Number(m.birth.slice(0, 4));
  const hasCccd = age >= 14 ? r.chance(0.97) : r.chance(0.3);
  const cccd = hasCccd
    ? `0${oldProvinceCode}${cccdGenderCenturyDigit(m.gender, birthYear)}${m.birth.slice(2, 4)}${pad(permute(m.seq % MAX_PERSONS, 6, 4_242), 6)}`
    : null;
  const oldCmnd = age >= 14 && birthYear < 2006 && r.chance(0.6) ? pad(permute(m.seq, 9, 99_991), 9) : null;
  const phone =
    age >= 16 && r.chance(0.92)
      ? `${MOBILE_PREFIXES[m.seq % MOBILE_PREFIXES.length] ?? '090'}${pad(permute(Math.floor(m.seq / MOBILE_PREFIXES.length), 7, 313), 7)}`
      : null;
  const ascii = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/gi, 'd').toLowerCase();
  const parts = m.name.split(' ');
  const email =
    phone && r.chance(0.35)
      ? `${ascii(parts[parts.length - 1] ?? 'ban')}.${ascii(parts[0] ?? 'vn')}${m.seq % 1000}@vssid-demo.example`
      : null;
  // Most addresses were recorded before the 2025 reform, with the three old levels.
  const recordedBeforeReform = plan.oldCommune !== undefined && r.chance(0.85);
  const provinceFullName = province.fullName;
  const person = {
    bhxh_code: bhxhCode,
    full_name: m.name,
    birth_date: m.yearOnly ? null : m.birth,
    birth_year: birthYear,
    gender: m.gender,
    cccd,
    old_cmnd: oldCmnd,
    phone,
    email,
    address_line: plan.street,
    province_code: province.code,
    commune_code: plan.communeCode,
    old_province_code: recordedBeforeReform ? (plan.oldCommune?.provinceCode ?? null) : null,
    old_district_code: recordedBeforeReform ? (plan.oldCommune?.districtCode ?? null) : null,
    old_commune_code: recordedBeforeReform ? (plan.oldCommune?.code ?? null) : null,
    guardian_bhxh_code: plan.guardianSeq === null ? null : bhxhCodeOf(plan.guardianSeq, oldProvinceCode),
  } satisfies PersonBundle['person'];

  // The population registry knows everyone with a CCCD; about 1 % of records differ a little
  // (spelling, a missing tone mark), as real registries do.
  const registry =
    cccd === null
      ? null
      : {
          cccd,
          old_cmnd: oldCmnd,
          full_name: r.chance(0.01)
            ? m.name
                .normalize('NFD')
                .replace(/\u0300/g, '')
                .normalize('NFC')
            : m.name,
          birth_date: person.birth_date,
          birth_year: birthYear,
          gender: m.gender,
          address: `${plan.street}, ${provinceAddress(plan, provinceFullName)}`,
        };

  const life = workingLife(r, ctx, plan, bhxhCode);
  const cards = cardHistory(r, ctx, plan, bhxhCode, life);
  const { visits, documents, sickDays, births } = visitHistory(r, ctx, plan, bhxhCode, cards, life);
  const benefits = benefitHistory(r, plan, bhxhCode, life, sickDays, births);
  return { person, registry, cards, periods: life.periods, benefits, visits, documents };
}

function provinceAddress(plan: PersonPlan, provinceFullName: string): string {
  const commune = places()
    .communesOf(plan.province.code)
    .find((c) => c.code === plan.communeCode);
  return `${commune?.fullName ?? ''}, ${provinceFullName}`;
}

interface Spell {
  from: number;
  to: number;
  unit: EmployerUnitRow;
  salary: number;
  voluntary: boolean;
  owedFrom: number | null;
}

interface WorkingLife {
  periods: PeriodRow[];
  spells: Spell[];
  retiredAt: number | null;
  employedAt(monthIndex: number): Spell | undefined;
}

const POSITIONS = [
  'Nhân viên',
  'Công nhân',
  'Kỹ sư',
  'Kế toán',
  'Giáo viên',
  'Chuyên viên',
  'Lái xe',
  'Bảo vệ',
  'Trưởng phòng',
  'Cán bộ',
];

function workingLife(r: Random, ctx: Context, plan: PersonPlan, bhxhCode: string): WorkingLife {
  const { member: m, age, province } = plan;
  const spells: Spell[] = [];
  const birthIndex = monthIndexOf(m.birth);
  const asOfIndex = monthIndexOf(AS_OF);
  const retireAge = m.gender === 'male' ? r.int(60, 62) : r.int(55, 60);
  const retireIndex = birthIndex + retireAge * 12;
  const worked = age >= 20 && birthYearOf(m) >= 1940 && r.chance(0.68);
  if (worked) {
    const units = ctx.unitsByProvince.get(province.code) ?? ctx.allUnits;
    let cursor = Math.max(birthIndex + r.int(18, 26) * 12, RECORDS_FROM * 12);
    let salaryFactor = 1.3 + r.next() * 2;
    const end = Math.min(asOfIndex, retireIndex - 1);
    while (cursor <= end) {
      const length = r.int(6, 96);
      const to = Math.min(end, cursor + length - 1);
      const unit = units.pick(r);
      const date = monthStart(cursor);
      const floor =
        date >= '2015-01-01'
          ? parameterAt('regionalMinimumWage', date)[regionOf(province.code)]
          : parameterAt('baseSalary', date) * 1.1;
      const salary = Math.round((floor * salaryFactor) / 1000) * 1000;
      const owedFrom =
        to === asOfIndex && r.chance(0.06)
          ? Math.max(cursor, to - r.int(0, 5))
          : r.chance(0.03)
            ? Math.max(cursor, to - r.int(0, 5))
            : null;
      spells.push({ from: cursor, to, unit, salary, voluntary: false, owedFrom });
      salaryFactor *= 1.05 + r.next() * 0.25;
      const gap = r.weighted([
        [0, 55],
        [r.int(1, 12), 30],
        [r.int(13, 60), 15],
      ] as const);
      if (gap >= 13 && r.chance(0.25) && to + 1 + gap <= end + 1 && monthStart(to + 1) >= '2008-01-01') {
        const income = Math.max(
          parameterAt('voluntary', monthStart(to + 1)).minimumIncome,
          Math.round(r.int(15, 50) / 10) * 1_000_000,
        );
        spells.push({
          from: to + 1,
          to: Math.min(end, to + gap),
          unit,
          salary: income,
          voluntary: true,
          owedFrom: null,
        });
      }
      cursor = to + 1 + gap;
    }
  }
  const periods: PeriodRow[] = [];
  let id = 1;
  const idOf = () => String(plan.member.seq * 64 + id++);
  for (const s of spells) {
    const segments: [number, number, 'paid' | 'owed'][] =
      s.owedFrom === null
        ? [[s.from, s.to, 'paid']]
        : [
            [s.from, s.owedFrom - 1, 'paid'],
            [s.owedFrom, s.to, 'owed'],
          ];
    for (const [from, to, status] of segments) {
      if (to < from) continue;
      if (s.voluntary) periods.push(voluntaryPeriod(idOf(), bhxhCode, from, to, s.salary));
      else
        periods.push(
          ...compulsoryPeriods(idOf, bhxhCode, from, to, s, regionOf(plan.province.code), status, r),
        );
    }
  }
  const retiredAt = retireIndex <= asOfIndex && spells.some((s) => !s.voluntary) ? retireIndex : null;
  return {
    periods,
    spells,
    retiredAt,
    employedAt: (i) => spells.find((s) => !s.voluntary && s.from <= i && i <= s.to),
  };
}

const birthYearOf = (m: Member) => Number(m.birth.slice(0, 4));

/** Contribution amounts computed year by year with the rules of each year. */
function compulsoryPeriods(
  idOf: () => string,
  bhxhCode: string,
  from: number,
  to: number,
  s: Spell,
  region: Region,
  status: 'paid' | 'owed',
  r: Random,
): PeriodRow[] {
  const sums = { bhxh: [0, 0], bhtn: [0, 0], occupational: [0, 0], bhyt: [0, 0] };
  let rates = { bhxh: [0, 0], bhtn: [0, 0], occupational: [0, 0], bhyt: [0, 0] };
  for (let i = from; i <= to;) {
    const yearEnd = Math.min(to, Math.floor(i / 12) * 12 + 11);
    const months = yearEnd - i + 1;
    const c = computeCompulsoryContributions({ salary: s.salary, month: monthStart(i).slice(0, 7), region });
    if (c.ok) {
      const f = c.value.funds;
      sums.bhxh[0] = (sums.bhxh[0] ?? 0) + (f.pension.employee + f.sicknessMaternity.employee) * months;
      sums.bhxh[1] = (sums.bhxh[1] ?? 0) + (f.pension.employer + f.sicknessMaternity.employer) * months;
      sums.bhtn[0] = (sums.bhtn[0] ?? 0) + f.unemployment.employee * months;
      sums.bhtn[1] = (sums.bhtn[1] ?? 0) + f.unemployment.employer * months;
      sums.occupational[1] = (sums.occupational[1] ?? 0) + f.occupational.employer * months;
      sums.bhyt[0] = (sums.bhyt[0] ?? 0) + f.health.employee * months;
      sums.bhyt[1] = (sums.bhyt[1] ?? 0) + f.health.employer * months;
      if (i === from) {
        const basis = c.value.basis.bhxhBhyt || 1;
        const bp = (n: number, b = basis) => Math.round((n * 10_000) / b);
        rates = {
          bhxh: [
            bp(f.pension.employee + f.sicknessMaternity.employee),
            bp(f.pension.employer + f.sicknessMaternity.employer),
          ],
          bhtn: [
            bp(f.unemployment.employee, c.value.basis.bhtn || 1),
            bp(f.unemployment.employer, c.value.basis.bhtn || 1),
          ],
          occupational: [0, bp(f.occupational.employer)],
          bhyt: [bp(f.health.employee), bp(f.health.employer)],
        };
      }
    }
    i = yearEnd + 1;
  }
  const position = r.pick(POSITIONS);
  const row = (scheme: PeriodRow['scheme'], key: keyof typeof sums, start: number): PeriodRow | null =>
    start > to
      ? null
      : {
          bhxh_code: bhxhCode,
          id: idOf(),
          scheme,
          from_month: monthStart(Math.max(from, start)),
          to_month: monthStart(to),
          unit_code: s.unit.code,
          position,
          salary: s.salary,
          employee_rate_bp: rates[key][0] ?? 0,
          employer_rate_bp: rates[key][1] ?? 0,
          employee_amount: sums[key][0] ?? 0,
          employer_amount: sums[key][1] ?? 0,
          state_support: 0,
          status,
        };
  return [
    row('bhxh_compulsory', 'bhxh', from),
    row('bhtn', 'bhtn', monthIndexOf('2009-01-01')),
    row('bhtnld_bnn', 'occupational', monthIndexOf('2016-07-01')),
    row('bhyt', 'bhyt', from),
  ].filter((p): p is PeriodRow => p !== null);
}

function voluntaryPeriod(id: string, bhxhCode: string, from: number, to: number, income: number): PeriodRow {
  let contribution = 0;
  let support = 0;
  for (let i = from; i <= to; i++) {
    const c = computeVoluntaryContribution({
      chosenIncome: income,
      month: monthStart(i).slice(0, 7),
      group: 'other',
      monthsSupportedSoFar: i - from,
    });
    if (c.ok) {
      contribution += c.value.contribution;
      support += c.value.stateSupport;
    }
  }
  const rate = parameterAt('voluntary', monthStart(from)).rateBp;
  return {
    bhxh_code: bhxhCode,
    id,
    scheme: 'bhxh_voluntary',
    from_month: monthStart(from),
    to_month: monthStart(to),
    unit_code: null,
    position: null,
    salary: income,
    employee_rate_bp: rate,
    employer_rate_bp: 0,
    employee_amount: contribution - support,
    employer_amount: 0,
    state_support: support,
    status: 'paid',
  };
}

interface CardStage {
  from: string;
  objectCode: string;
}

function cardHistory(
  r: Random,
  ctx: Context,
  plan: PersonPlan,
  bhxhCode: string,
  life: WorkingLife,
): CardRow[] {
  const { member: m } = plan;
  const stages: CardStage[] = [];
  const push = (from: string, objectCode: string) => {
    const last = stages[stages.length - 1];
    if (last && last.objectCode === objectCode) return;
    if (last && last.from >= from) stages.pop();
    stages.push({ from, objectCode });
  };
  const start = m.birth > '2009-01-01' ? m.birth : '2009-01-01';
  const special = r.weighted([
    [null, 93],
    ['DT', 3],
    ['HN', 2],
    ['CB', 1],
    ['CN', 1],
  ] as const);
  // The TE card ends when the law says (Luật BHYT Art. 16 §3; NĐ 146/2018 Art. 13 §2): at 72
  // months, or 30 September of that year for children born January–September. From the next day
  // the child, at primary school by then, has an HS card (or a special code, as adults do).
  const teEnd = teCardEndDate(m.birth);
  const stageAt = (date: string): string | null => {
    const a = yearsOn(m.birth, date);
    const i = monthIndexOf(date);
    if (teEnd.ok ? date <= teEnd.value : a < 6) return 'TE';
    if (life.retiredAt !== null && i >= life.retiredAt) return 'HT';
    const job = life.employedAt(i);
    if (job) return job.unit.kind === 'state_agency' || job.unit.kind === 'school' ? 'HC' : 'DN';
    if (special) return special;
    if (a < 18) return 'HS';
    if (a < 22 && r.chance(0.4)) return 'SV';
    if (a >= 80) return 'BT';
    return 'GD';
  };
  const stageDates: string[] = [];
  for (let y = Number(start.slice(0, 4)); y <= AS_OF_YEAR; y++)
    stageDates.push(y === Number(start.slice(0, 4)) ? start : `${y}-01-01`);
  const afterTe = teEnd.ok ? dayAfter(teEnd.value) : null;
  if (afterTe && afterTe > start && afterTe <= AS_OF) stageDates.push(afterTe);
  stageDates.sort();
  for (const date of stageDates) {
    const code = stageAt(date);
    if (code) push(date, code);
  }
  const clinics = ctx.clinicsByProvince.get(plan.province.code) ?? ctx.catalogs.clinics;
  const primary = clinics.filter((c) => c.level === 'commune' || c.level === 'district');
  const registered = r.pick(primary.length ? primary : clinics).code;
  const offices = ctx.officesByProvince.get(plan.province.code) ?? [plan.province.code];
  const rows: CardRow[] = [];
  // Uninsured households: about 7 % of people have no card in force (no GD card bought).
  const insuredNow = !(stages[stages.length - 1]?.objectCode === 'GD' && r.chance(0.25));
  const continuousFrom = stages[0]?.from ?? start;
  for (let i = stages.length - 1; i >= 0; i--) {
    const s = stages[i];
    if (!s) continue;
    const next = stages[i + 1];
    const current = next === undefined;
    // Not insured now: the last card ran out at the end of last year.
    const lapsed = current && !insuredNow && s.from <= `${AS_OF_YEAR - 1}-12-31`;
    const level = benefitLevelOf(s.objectCode, s.from);
    const recordedTo = current
      ? lapsed
        ? `${AS_OF_YEAR - 1}-12-31`
        : `${AS_OF_YEAR}-12-31`
      : dayBefore(next.from);
    // A current TE card ends on the legal date when that comes before the end of the year.
    const validTo =
      cardEndDate({ objectCode: s.objectCode, validTo: recordedTo, dateOfBirth: m.birth }) ?? recordedTo;
    const fiveYear = addYears(continuousFrom, 5);
    const issued = s.from;
    const id = String(m.seq * 64 + 32 + i);
    rows.push({
      bhxh_code: bhxhCode,
      id,
      card_number:
        issued >= '2021-04-01'
          ? bhxhCode
          : `${s.objectCode}${level.ok ? level.value : 4}${bhxhCode.slice(0, 2)}${bhxhCode}`,
      object_code: s.objectCode,
      benefit_level: level.ok ? level.value : 4,
      registered_clinic_code: registered,
      valid_from: s.from,
      valid_to: validTo,
      five_year_date: fiveYear <= validTo ? fiveYear : null,
      issued_on: issued,
      issuing_agency_code: r.pick(offices),
      status: current ? 'active' : 'replaced',
      replaced_by_id: rows.length && !current ? (rows[rows.length - 1]?.id ?? null) : null,
    });
  }
  return rows;
}

function shiftDays(isoDate: string, days: number): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
const dayAfter = (isoDate: string) => shiftDays(isoDate, 1);
const dayBefore = (isoDate: string) => shiftDays(isoDate, -1);

const ICD_WEIGHTS: readonly (readonly [string, number])[] = ICD10_COMMON.filter(
  (e) => !['O80', 'O82', 'Z34'].includes(e.code),
).map((e) => [e.code, ['J00', 'J02', 'J06', 'I10', 'K29', 'M54', 'E11'].includes(e.code) ? 6 : 1] as const);

function visitHistory(
  r: Random,
  ctx: Context,
  plan: PersonPlan,
  bhxhCode: string,
  cards: CardRow[],
  life: WorkingLife,
) {
  const { member: m, age } = plan;
  const visits: VisitRow[] = [];
  const documents: DocumentRow[] = [];
  const sickDays: { from: string; days: number }[] = [];
  const births: string[] = [];
  if (cards.length === 0) return { visits, documents, sickDays, births };
  const from = m.birth > VISITS_FROM ? m.birth : VISITS_FROM;
  const years = Math.max(0, (monthIndexOf(AS_OF) - monthIndexOf(from)) / 12);
  const perYear = age < 6 ? 1.6 : age < 18 ? 0.5 : age < 60 ? 0.45 : 1.4;
  const count = Math.round(years * perYear * (0.4 + r.next() * 1.2));
  const clinics = ctx.clinicsByProvince.get(plan.province.code) ?? ctx.catalogs.clinics;
  const hospitals = clinics.filter((c) => c.level === 'province' || c.level === 'central');
  const centralAll = ctx.catalogs.clinics.filter((c) => c.level === 'central');
  const coPaidByYear = new Map<number, number>();
  const span = Math.max(1, Math.floor(years * 365));
  const dates: string[] = [];
  for (let i = 0; i < count; i++) {
    const d = new Date(`${from}T00:00:00Z`);
    d.setUTCDate(d.getUTCDate() + r.int(0, span));
    dates.push(d.toISOString().slice(0, 10));
  }
  // Births: women of 20–40 with a compulsory job have had children in the period.
  const birthVisit = m.gender === 'female' && age >= 22 && age <= 45 && r.chance(0.25);
  if (birthVisit) dates.push(addYears(AS_OF, -r.int(1, 8)).slice(0, 8) + pad(r.int(1, 28), 2));
  dates.sort();
  for (const [n, date] of dates.entries()) {
    if (date < from || date > AS_OF) continue;
    const card = cards.find(
      (c) => c.valid_from <= date && (c.valid_to === null || c.valid_to === undefined || date <= c.valid_to),
    );
    if (!card) continue;
    const isBirth = birthVisit && n === dates.length - 1 && !births.length && yearsOn(m.birth, date) >= 20;
    const registered = clinics.find((c) => c.code === card.registered_clinic_code);
    const pick = r.next();
    const clinic = isBirth
      ? (hospitals[0] ?? registered)
      : pick < 0.62
        ? registered
        : pick < 0.95
          ? r.pick(hospitals.length ? hospitals : clinics)
          : r.pick(centralAll.length ? centralAll : clinics);
    if (!clinic) continue;
    const inpatient = isBirth || r.chance(age >= 60 ? 0.16 : 0.09);
    const days = isBirth ? r.int(2, 4) : inpatient ? r.int(2, 14) : 0;
    const route: Route =
      clinic.code === card.registered_clinic_code || clinic.level === 'commune' || clinic.level === 'district'
        ? 'correct'
        : r.chance(0.12)
          ? 'emergency'
          : r.chance(0.6)
            ? 'correct'
            : 'outside';
    const icd = isBirth ? r.pick(['O80', 'O80', 'O82']) : r.weighted(ICD_WEIGHTS);
    const covered =
      Math.round(
        (inpatient ? r.int(1_500, 30_000) : r.int(60, 900)) * (clinic.level === 'central' ? 1.8 : 1),
      ) * 1000;
    const outOfScope = r.chance(0.3) ? Math.round((covered * r.int(1, 12)) / 100 / 1000) * 1000 : 0;
    const year = Number(date.slice(0, 4));
    const payment = computeVisitCoPayment({
      totalCoveredCost: covered,
      benefitLevel: card.benefit_level as 1 | 2 | 3 | 4 | 5,
      visitDate: date,
      careLevel: clinic.level satisfies CareLevel,
      route,
      inpatient,
      fiveYearCertificate: { reachedOn: card.five_year_date ?? null },
      coPaidThisYear: coPaidByYear.get(year) ?? 0,
    });
    if (!payment.ok)
      throw new Error(`generated visit rejected by the co-payment rules: ${payment.error.message}`);
    const pay = payment.value;
    coPaidByYear.set(year, (coPaidByYear.get(year) ?? 0) + pay.patientPays);
    const hour = r.int(7, 16);
    const admitted = `${date} ${pad(hour, 2)}:${pad(r.int(0, 59), 2)}:00`;
    const discharge = new Date(`${date}T00:00:00Z`);
    discharge.setUTCDate(discharge.getUTCDate() + days);
    const dischargedDate = discharge.toISOString().slice(0, 10);
    const discharged = inpatient
      ? `${dischargedDate} ${pad(r.int(8, 16), 2)}:00:00`
      : `${date} ${pad(Math.min(hour + r.int(1, 3), 20), 2)}:${pad(r.int(0, 59), 2)}:00`;
    const maLk = `${clinic.code}${date.replace(/-/g, '')}${pad(n, 3)}`;
    const diagnosis = ICD10_COMMON.find((e) => e.code === icd)?.vi ?? icd;
    visits.push({
      bhxh_code: bhxhCode,
      ma_lk: maLk,
      clinic_code: clinic.code,
      card_number: card.card_number,
      registered_clinic_code: card.registered_clinic_code,
      visit_kind: inpatient ? '03' : '01',
      route: route === 'correct' ? 1 : route === 'emergency' ? 2 : 3,
      admitted_at: admitted,
      discharged_at: discharged,
      treatment_days: days,
      diagnosis_in: diagnosis,
      diagnosis_out: diagnosis,
      icd10_main: icd,
      icd10_other: r.chance(0.15) ? r.weighted(ICD_WEIGHTS) : null,
      outcome: r.chance(0.85) ? 1 : 2,
      total_cost: covered + outOfScope,
      covered_cost: covered,
      co_payment: pay.patientPays,
      fund_paid: pay.fundPays,
      five_year_date: card.five_year_date ?? null,
    });
    const employed = life.employedAt(monthIndexOf(date)) !== undefined;
    if (inpatient)
      documents.push({
        bhxh_code: bhxhCode,
        ma_lk: maLk,
        kind: 'discharge',
        number: `RV${maLk.slice(-8)}`,
        issued_on: dischargedDate,
        content: { days, outcome: 'Khỏi', advice: 'Tái khám sau 2 tuần' },
      });
    if (isBirth) {
      births.push(date);
      documents.push({
        bhxh_code: bhxhCode,
        ma_lk: maLk,
        kind: 'birth_certificate',
        number: `CS${maLk.slice(-8)}`,
        issued_on: dischargedDate,
        content: { children: 1, method: icd === 'O82' ? 'Mổ lấy thai' : 'Đẻ thường' },
      });
    } else if (employed && r.chance(inpatient ? 0.7 : 0.2)) {
      const leave = inpatient ? days + r.int(0, 7) : r.int(1, 5);
      sickDays.push({ from: date, days: leave });
      documents.push({
        bhxh_code: bhxhCode,
        ma_lk: maLk,
        kind: 'sick_leave',
        number: `NV${maLk.slice(-8)}`,
        issued_on: date,
        content: { days: leave, from: date },
      });
    }
    if (!inpatient && r.chance(0.08))
      documents.push({
        bhxh_code: bhxhCode,
        ma_lk: maLk,
        kind: 'revisit',
        number: `HK${maLk.slice(-8)}`,
        issued_on: date,
        content: { after_days: r.int(7, 30) },
      });
  }
  return { visits, documents, sickDays, births };
}

function benefitHistory(
  r: Random,
  plan: PersonPlan,
  bhxhCode: string,
  life: WorkingLife,
  sickDays: { from: string; days: number }[],
  births: string[],
): BenefitRow[] {
  const rows: BenefitRow[] = [];
  let id = 1;
  let decisions = 1;
  const nextDecision = () => `${pad(permute(plan.member.seq * 8 + decisions++, 6, 55), 6)}/QĐ-BHXH`;
  const add = (
    kind: BenefitRow['kind'],
    from: string,
    to: string,
    amount: number,
    decision = nextDecision(),
    paidOn: string | null = to <= AS_OF ? to : null,
  ) => {
    if (id >= BENEFIT_IDS_PER_PERSON)
      throw new Error(`more than ${BENEFIT_IDS_PER_PERSON} benefit rows for one person`);
    rows.push({
      bhxh_code: bhxhCode,
      id: String(plan.member.seq * BENEFIT_IDS_PER_PERSON + id++),
      kind,
      period_from: from,
      period_to: to,
      amount: Math.max(0, Math.round(amount)),
      decision_number: decision,
      paid_on: paidOn,
    });
  };
  /**
   * A benefit paid month by month (pension, unemployment allowance), as BHXH pays them: one row
   * per month under one decision, paid on the month's payment day, not yet paid (pending) when
   * that day is after AS_OF.
   */
  const addMonthly = (kind: BenefitRow['kind'], fromIndex: number, toIndex: number, monthly: number) => {
    const decision = nextDecision();
    for (let m = fromIndex; m <= toIndex; m++) {
      const payDay = `${monthStart(m).slice(0, 8)}${String(MONTHLY_PAYMENT_DAY).padStart(2, '0')}`;
      add(kind, monthStart(m), lastDayOfMonth(m), monthly, decision, payDay <= AS_OF ? payDay : null);
    }
  };
  const salaryAt = (date: string) => life.employedAt(monthIndexOf(date))?.salary ?? 0;
  for (const s of sickDays) {
    const salary = salaryAt(s.from);
    if (salary > 0) add('sickness', s.from, s.from, ((salary * 0.75) / 24) * s.days);
  }
  for (const b of births) {
    const salary = salaryAt(b);
    if (salary > 0)
      add('maternity', b, lastDayOfMonth(monthIndexOf(b) + 5), salary * 6 + 2 * parameterAt('baseSalary', b));
  }
  const compulsory = life.spells.filter((s) => !s.voluntary);
  for (const [i, s] of compulsory.entries()) {
    const next = compulsory[i + 1];
    const gap = (next ? next.from : monthIndexOf(AS_OF) + 1) - s.to - 1;
    if (gap >= 3 && s.to - s.from >= 11 && monthStart(s.to) >= '2009-06-01' && r.chance(0.35)) {
      const months = Math.min(12, Math.max(3, Math.floor((s.to - s.from + 1) / 12)));
      const date = monthStart(s.to + 1);
      const cap =
        date >= '2015-01-01'
          ? 5 * parameterAt('regionalMinimumWage', date)[regionOf(plan.province.code)]
          : 5 * parameterAt('baseSalary', date);
      // The allowance is paid monthly (Luật Việc làm 2013, art. 50): from the month after the job ended.
      addMonthly(
        'unemployment',
        s.to + 1,
        Math.min(s.to + months, monthIndexOf(AS_OF)),
        Math.min(s.salary * 0.6, cap),
      );
    }
  }
  const paidMonths = life.periods
    .filter((p) => p.scheme === 'bhxh_compulsory' || p.scheme === 'bhxh_voluntary')
    .reduce((n, p) => n + monthIndexOf(p.to_month) - monthIndexOf(p.from_month) + 1, 0);
  const last = compulsory[compulsory.length - 1];
  if (life.retiredAt !== null && last) {
    const est = estimatePension({
      gender: plan.member.gender,
      contributionMonths: paidMonths,
      averageSalary: last.salary * 0.9,
    });
    if (est.eligible) {
      // Lương hưu hằng tháng: one payment a month from retirement to the data's date.
      addMonthly('pension', life.retiredAt, monthIndexOf(AS_OF), est.monthlyAmount);
    } else if (r.chance(0.6)) {
      const one = estimateOneTimeBhxh({
        periods: compulsory.map((s) => ({
          from: monthStart(s.from).slice(0, 7),
          to: monthStart(s.to).slice(0, 7),
        })),
        averageSalary: last.salary * 0.9,
      });
      const date = monthStart(life.retiredAt);
      add('one_time', date, date, one.amount);
    }
  } else if (
    last &&
    last.to < monthIndexOf(REFORM) - 12 &&
    paidMonths < 240 &&
    paidMonths >= 12 &&
    r.chance(0.15)
  ) {
    const one = estimateOneTimeBhxh({
      periods: compulsory.map((s) => ({
        from: monthStart(s.from).slice(0, 7),
        to: monthStart(s.to).slice(0, 7),
      })),
      averageSalary: last.salary * 0.9,
    });
    const date = monthStart(last.to + 13);
    add('one_time', date, date, one.amount);
  }
  if (compulsory.length && r.chance(0.003)) {
    const s = r.pick(compulsory);
    const date = monthStart(s.from);
    add('tnld_bnn', date, date, s.salary * r.int(5, 30));
  }
  return rows;
}
