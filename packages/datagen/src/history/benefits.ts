import { estimateOneTimeBhxh, estimatePension, parameterAt } from '@vssid/domain';
import { pad, permute } from '../permute';
import type { Random } from '../random';
import type { BenefitRow } from '../rows';
import { AS_OF, lastDayOfMonth, monthIndexOf, monthStart } from './calendar';
import { type PersonPlan, regionOf } from './context';
import type { WorkingLife } from './work';

/** Benefits paid: sickness and maternity from visits, unemployment allowance, pension or one-time BHXH. */

/**
 * ASSUMPTION: the day of the month BHXH pays monthly benefits (pensions, unemployment allowance)
 * for that month. Provinces set their own schedules in the first days of the month (through the
 * post office or to a bank account); the 5th stands for them all. With AS_OF on the 1st, the
 * month of AS_OF is not paid yet: it shows as pending.
 */
const MONTHLY_PAYMENT_DAY = 5;
/** Benefit payment ids are `seq × this + n`: room for a pension paid monthly since 1995. */
const BENEFIT_IDS_PER_PERSON = 1024;
const REFORM = '2025-07-01';

export function benefitHistory(
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
