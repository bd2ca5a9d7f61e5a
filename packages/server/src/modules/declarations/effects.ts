import type { Kysely } from 'kysely';
import { benefitLevelOf, formatMoney, formatVnDate, vietnamToday } from '@vssid/domain';
import {
  addMonths,
  cardEndOnRemoval,
  EMPLOYEE_SCHEMES,
  employeeCardObjectCode,
  monthOf,
  periodFigures,
  regionOfProvince,
  runningCardValidTo,
} from '@vssid/domain/declarations';
import type { RequestType } from '@vssid/domain/service-requests';
import type { Database } from '../../db/schema';
import { AppError } from '../../http/problem';
import { notify } from '../notifications/inbox-service';
import {
  deletePeriod,
  endCard,
  findUnit,
  insertPeriods,
  issueCard,
  lockCurrentCard,
  lockCurrentPeriods,
  type PeriodRow,
  updatePeriod,
} from './repository';

/**
 * What an approved declaration changes (issue #27 item 3), in the approval's transaction (the
 * request engine calls it once: `services/effects.ts` guards it with `result_applied_at`):
 *
 * - 600 (a new worker): four running periods at the unit (BHXH, BHTN, BHTNLĐ-BNN, BHYT) from the
 *   start month through the month of approval (or the start month when later; the periods are
 *   recorded through the current month as the data generator records them, and the monthly close
 *   extends them while they run: `monthly-close.ts`), owed until the unit's payments cover
 *   them; a BHYT card as a compulsory employee (object code by the kind of
 *   unit, `employeeCardObjectCode`), valid from the first day of the start month or the day of
 *   approval when later (a card is not valid before it is issued: ASSUMPTION), to the end of the
 *   year like the generator's cards (`runningCardValidTo`); the current card (a household card, another unit's card) is
 *   replaced by it.
 * - 600a (a worker leaves): the unit's running periods end with the end month (extended to it,
 *   or cut back) and stop running; periods after it are removed; parts that ended before it (the
 *   old part of a 600b split) are left; the current card, when it is the unit's (same object
 *   code), is valid to the end of the end month (`cardEndOnRemoval`).
 * - 600b (salary or position from a month): each running period at the unit (or one still
 *   covering the month) is split there: the old part ends the month before and stops running, a
 *   new one carries the new salary and position (and runs when the old one did).
 *
 * Amounts are recomputed month by month with the rules of each month (`periodFigures`). The
 * worker is told in their inbox (a push where allowed), keyed by the declaration.
 */
export async function applyDeclaration(
  trx: Kysely<Database>,
  request: {
    bhxh_code: string;
    number: string;
    type: RequestType;
    filed_by_unit_code: string | null;
    form: Record<string, unknown>;
    agency_code: string;
  },
  now: Date,
): Promise<{ cardId?: string }> {
  const unitCode = request.filed_by_unit_code;
  if (!unitCode) throw new Error(`declaration ${request.number} has no unit`);
  const unit = await findUnit(trx, unitCode);
  if (!unit) throw new Error(`unit ${unitCode} not found`);
  const today = vietnamToday(now);
  const region = regionOfProvince(unit.province_code);
  const form = request.form;
  const code = request.bhxh_code;

  if (request.type === 'declaration_600') {
    const startMonth = String(form.startMonth);
    const salary = Number(form.salary);
    const toMonth = startMonth > monthOf(today) ? startMonth : monthOf(today);
    await insertPeriods(
      trx,
      EMPLOYEE_SCHEMES.map((scheme) => {
        const f = periodFigures(scheme, salary, startMonth, toMonth, region);
        return {
          bhxh_code: code,
          scheme,
          from_month: `${startMonth}-01`,
          to_month: `${toMonth}-01`,
          unit_code: unitCode,
          position: String(form.position),
          salary,
          employee_rate_bp: f.employeeRateBp,
          employer_rate_bp: f.employerRateBp,
          employee_amount: f.employeeAmount,
          employer_amount: f.employerAmount,
          state_support: 0,
          status: 'owed' as const,
          running: true,
        };
      }),
    );
    const current = await lockCurrentCard(trx, code);
    const clinic = typeof form.clinicCode === 'string' ? form.clinicCode : current?.registered_clinic_code;
    if (!clinic) throw new AppError(409, 'no_clinic', 'declarations.clinicRequired');
    const objectCode = employeeCardObjectCode(unit.kind);
    const level = benefitLevelOf(objectCode, today);
    if (!level.ok) throw new Error(level.error.message);
    const startDay = `${startMonth}-01`;
    const validFrom = startDay > today ? startDay : today;
    const cardId = await issueCard(
      trx,
      {
        bhxh_code: code,
        // Cards issued since QĐ 1666/QĐ-BHXH (2021) print only the BHXH code (domain reference).
        card_number: code,
        object_code: objectCode,
        benefit_level: level.value,
        registered_clinic_code: clinic,
        valid_from: validFrom,
        valid_to: runningCardValidTo(monthOf(validFrom)),
        five_year_date: current?.five_year_date ?? null,
        issued_on: today,
        issuing_agency_code: request.agency_code,
      },
      current,
    );
    await notify(
      trx,
      { bhxhCode: code },
      {
        template: 'declarations.inbox.added',
        params: {
          unit: unit.name,
          month: monthLabel(startMonth),
          card: code,
          validFrom: formatVnDate(validFrom),
        },
        idempotencyKey: `declaration:${request.number}:approved`,
      },
    );
    return { cardId };
  }

  if (request.type === 'declaration_600a') {
    const endMonth = String(form.endMonth);
    const periods = await lockCurrentPeriods(trx, code, unitCode, `${addMonths(endMonth, -1)}-01`);
    for (const p of periods) {
      const from = p.from_month.slice(0, 7);
      if (from > endMonth) {
        await deletePeriod(trx, p);
        continue;
      }
      // A part that ended before the end month (not running) is past: left as it is.
      if (!p.running && p.to_month.slice(0, 7) <= endMonth) continue;
      await updatePeriod(trx, p, {
        to_month: `${endMonth}-01`,
        running: false,
        ...amounts(p, from, endMonth, region),
      });
    }
    const card = await lockCurrentCard(trx, code);
    let cardId: string | undefined;
    if (card && card.object_code === employeeCardObjectCode(unit.kind) && card.status === 'active') {
      await endCard(trx, card, cardEndOnRemoval(endMonth, today));
      cardId = card.id;
    }
    await notify(
      trx,
      { bhxhCode: code },
      {
        template: 'declarations.inbox.removed',
        params: { unit: unit.name, month: monthLabel(endMonth) },
        idempotencyKey: `declaration:${request.number}:approved`,
      },
    );
    return cardId ? { cardId } : {};
  }

  // 600b: split every running period at the unit at the month of the change.
  const fromMonth = String(form.fromMonth);
  const periods = await lockCurrentPeriods(trx, code, unitCode, `${addMonths(fromMonth, -1)}-01`);
  const salaryChange = typeof form.salary === 'number' ? form.salary : null;
  const positionChange = typeof form.position === 'string' ? form.position : null;
  for (const p of periods) {
    const from = p.from_month.slice(0, 7);
    const to = p.to_month.slice(0, 7);
    // A part that ended before the change (not running) is past: left as it is.
    if (!p.running && to < fromMonth) continue;
    const newTo = p.running && to < fromMonth ? fromMonth : to;
    const salary = salaryChange ?? Number(p.salary);
    const position = positionChange ?? p.position;
    if (from < fromMonth) {
      await updatePeriod(trx, p, {
        to_month: `${addMonths(fromMonth, -1)}-01`,
        running: false,
        ...amounts(p, from, addMonths(fromMonth, -1), region),
      });
    } else {
      await deletePeriod(trx, p);
    }
    const f = periodFigures(p.scheme as (typeof EMPLOYEE_SCHEMES)[number], salary, fromMonth, newTo, region);
    await insertPeriods(trx, [
      {
        bhxh_code: code,
        scheme: p.scheme,
        from_month: `${fromMonth}-01`,
        to_month: `${newTo}-01`,
        unit_code: unitCode,
        position,
        salary,
        employee_rate_bp: f.employeeRateBp,
        employer_rate_bp: f.employerRateBp,
        employee_amount: f.employeeAmount,
        employer_amount: f.employerAmount,
        state_support: 0,
        status: 'owed',
        running: p.running,
      },
    ]);
  }
  await notify(
    trx,
    { bhxhCode: code },
    {
      template: 'declarations.inbox.adjusted',
      params: {
        unit: unit.name,
        month: monthLabel(fromMonth),
        salary: salaryChange === null ? '—' : formatMoney(salaryChange, 'vi'),
        position: positionChange ?? '—',
      },
      idempotencyKey: `declaration:${request.number}:approved`,
    },
  );
  return {};
}

/** A period's amounts recomputed for its new months (the rules of each month). */
function amounts(p: PeriodRow, from: string, to: string, region: ReturnType<typeof regionOfProvince>) {
  const f = periodFigures(p.scheme as (typeof EMPLOYEE_SCHEMES)[number], Number(p.salary), from, to, region);
  return { employee_amount: f.employeeAmount, employer_amount: f.employerAmount };
}

const monthLabel = (month: string) => `${month.slice(5, 7)}/${month.slice(0, 4)}`;
