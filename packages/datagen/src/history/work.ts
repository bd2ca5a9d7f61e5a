import {
  computeCompulsoryContributions,
  computeVoluntaryContribution,
  parameterAt,
  type Region,
} from '@vssid/domain';
import type { Random } from '../random';
import type { EmployerUnitRow, PeriodRow } from '../rows';
import { AS_OF, monthIndexOf, monthStart } from './calendar';
import { type Context, type Member, type PersonPlan, regionOf } from './context';

/** A working life: jobs and voluntary spells, and the contribution periods they give, year by year. */

const RECORDS_FROM = 1995;

export interface Spell {
  from: number;
  to: number;
  unit: EmployerUnitRow;
  salary: number;
  voluntary: boolean;
  owedFrom: number | null;
}

export interface WorkingLife {
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

export function workingLife(r: Random, ctx: Context, plan: PersonPlan, bhxhCode: string): WorkingLife {
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
          // Employment that reaches the as-of month is current: the monthly close extends it.
          running: to === s.to && s.to === monthIndexOf(AS_OF),
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
    running: false,
  };
}
