import { type CareLevel, computeVisitCoPayment, ICD10_COMMON, type Route } from '@vssid/domain';
import { pad } from '../permute';
import type { Random } from '../random';
import type { CardRow, DocumentRow, VisitRow } from '../rows';
import { addYears, AS_OF, monthIndexOf, yearsOn } from './calendar';
import type { Context, PersonPlan } from './context';
import type { WorkingLife } from './work';

/** Medical visits on the person's cards, their co-payments, and the documents they give (sick leave, births). */

const VISITS_FROM = '2017-01-01';

const ICD_WEIGHTS: readonly (readonly [string, number])[] = ICD10_COMMON.filter(
  (e) => !['O80', 'O82', 'Z34'].includes(e.code),
).map((e) => [e.code, ['J00', 'J02', 'J06', 'I10', 'K29', 'M54', 'E11'].includes(e.code) ? 6 : 1] as const);

export function visitHistory(
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
