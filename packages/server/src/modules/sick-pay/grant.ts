import type { Kysely } from 'kysely';
import { formatMoney, formatVnDate, monthNumber, monthString, summarizeScheme } from '@vssid/domain';
import {
  computeSickPay,
  type SickPayResult,
  sicknessSalaryBasis,
  workingDaysByYear,
} from '@vssid/domain/sick-pay';
import type { Database } from '../../db/schema';
import { AppError } from '../../http/problem';
import { notify } from '../notifications/inbox-service';
import {
  findCompulsoryPeriods,
  findSicknessBenefits,
  insertSicknessBenefit,
  lockClaim,
  updateClaim,
} from './repository';

/**
 * The allowance of one claim, computed from the records as they are now (the pure rule is
 * `@vssid/domain/sick-pay`): the contribution salary at the unit in the month before the leave
 * (else the leave's month; a worker with no period at the unit then: any unit's), the paid months
 * of compulsory BHXH before the leave's month, and the working days of sickness benefits already
 * granted in each year the leave touches. Null when no compulsory period gives a salary.
 */
export async function computeClaim(
  db: Kysely<Database>,
  input: { bhxhCode: string; unitCode: string; from: string; to: string; heavyWork: boolean },
): Promise<
  (SickPayResult & { salaryMonth: string; monthlySalary: number; contributionMonths: number }) | null
> {
  const periods = await findCompulsoryPeriods(db, input.bhxhCode);
  const month = (d: string) => d.slice(0, 7);
  const toSalary = (p: (typeof periods)[number]) => ({
    from: month(p.from_month),
    to: month(p.to_month),
    salary: Number(p.salary),
  });
  const basis =
    sicknessSalaryBasis(periods.filter((p) => p.unit_code === input.unitCode).map(toSalary), input.from) ??
    sicknessSalaryBasis(periods.map(toSalary), input.from);
  if (!basis) return null;
  // Paid months before the leave's month, overlapping periods counted once.
  const lastBefore = monthString(monthNumber(month(input.from)) - 1);
  const before = periods
    .filter((p) => month(p.from_month) <= lastBefore)
    .map((p) => ({
      scheme: 'bhxh_compulsory' as const,
      from: month(p.from_month),
      to: month(p.to_month) < lastBefore ? month(p.to_month) : lastBefore,
      status: p.status,
      unitCode: p.unit_code,
    }));
  const contributionMonths = summarizeScheme('bhxh_compulsory', before).months;
  const fromYear = Number(input.from.slice(0, 4));
  const toYear = Number(input.to.slice(0, 4));
  const usedDays: Record<number, number> = {};
  for (const b of await findSicknessBenefits(db, input.bhxhCode, fromYear, toYear))
    for (const [year, days] of workingDaysByYear(b.period_from, b.period_to))
      usedDays[year] = (usedDays[year] ?? 0) + days;
  const result = computeSickPay({
    from: input.from,
    to: input.to,
    monthlySalary: basis.salary,
    contributionMonths,
    heavyWork: input.heavyWork,
    usedDays,
  });
  return { ...result, salaryMonth: basis.month, monthlySalary: basis.salary, contributionMonths };
}

/**
 * An approved claim (in the approval's transaction, once: the engine's `result_applied_at`):
 * the allowance computed now, a sickness benefit in the worker's benefits history (the period of
 * the certificate, the request's number as the decision, not yet paid), the claim's days and
 * amount, and a message in the worker's inbox. Nothing left of the yearly limit: 422, nothing
 * written (the officer rejects it as not eligible).
 */
export async function grantSickPay(
  trx: Kysely<Database>,
  request: { bhxh_code: string; id: string; number: string },
): Promise<{ amount: number; paidDays: number; benefitId: string }> {
  const claim = await lockClaim(trx, request.bhxh_code, request.id);
  if (!claim) throw new AppError(404, 'not_found', 'notFound');
  const computed = await computeClaim(trx, {
    bhxhCode: claim.bhxh_code,
    unitCode: claim.unit_code,
    from: claim.leave_from,
    to: claim.leave_to,
    heavyWork: claim.heavy_work,
  });
  if (!computed) throw new AppError(422, 'sick_pay_not_insured', 'sickPay.notInsured');
  if (computed.paidDays === 0) throw new AppError(422, 'sick_pay_limit_reached', 'sickPay.limitReached');
  const benefitId = await insertSicknessBenefit(trx, {
    bhxh_code: claim.bhxh_code,
    period_from: claim.leave_from,
    period_to: claim.leave_to,
    amount: computed.amount,
    decision_number: request.number,
  });
  await updateClaim(trx, claim, {
    paid_days: computed.paidDays,
    amount: computed.amount,
    benefit_id: benefitId,
  });
  await notify(
    trx,
    { bhxhCode: claim.bhxh_code },
    {
      template: 'sickPay.granted',
      params: {
        number: request.number,
        from: formatVnDate(claim.leave_from),
        to: formatVnDate(claim.leave_to),
        days: String(computed.paidDays),
        // Fixed when the message is made, as its dates are (dd/mm/yyyy): đồng written the Vietnamese way.
        amount: formatMoney(computed.amount, 'vi'),
      },
      idempotencyKey: `sick-pay-granted:${claim.bhxh_code}:${request.id}`,
    },
  );
  return { amount: computed.amount, paidDays: computed.paidDays, benefitId };
}

/** A rejected or withdrawn claim frees its certificate, which the unit may claim again. */
export async function releaseClaim(
  trx: Kysely<Database>,
  request: { bhxh_code: string; id: string },
): Promise<void> {
  const claim = await lockClaim(trx, request.bhxh_code, request.id);
  if (claim) await updateClaim(trx, claim, { active: false });
}
