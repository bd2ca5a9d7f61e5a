import { benefitLevelOf, cardEndDate, teCardEndDate } from '@vssid/domain';
import type { Random } from '../random';
import type { CardRow } from '../rows';
import { addYears, AS_OF, AS_OF_YEAR, dayAfter, dayBefore, monthIndexOf, yearsOn } from './calendar';
import type { Context, PersonPlan } from './context';
import type { WorkingLife } from './work';

/** The BHYT cards of a person: the object code of each stage of life, one card per stage. */

interface CardStage {
  from: string;
  objectCode: string;
}

export function cardHistory(
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
