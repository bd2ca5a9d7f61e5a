import type { Kysely } from 'kysely';
import { validateCccd, vietnamToday } from '@vssid/domain';
import type { BodyOf, ParsedQueryOf } from '@vssid/domain/api';
import type { DeclarationForm, fileDeclaration, listDeclarations } from '@vssid/domain/api/declarations';
import {
  addMonths,
  computeStatement,
  DECLARATION_WORKING_DAYS,
  endOfMonth,
  fundRates,
  isLateDeclaration,
  monthCaps,
  monthInWindow,
  monthOf,
  regionOfProvince,
  STATEMENT_FROM,
} from '@vssid/domain/declarations';
import { type DeclarationType, isDeclarationType } from '@vssid/domain/service-requests';
import { type CallContext, signedIn } from '../../context';
import type { Database } from '../../db/schema';
import { AppError, type FieldError } from '../../http/problem';
import type { Translator } from '../../i18n';
import { auditService } from '../audit/service';
import { isUniqueViolation } from '../registration';
import type { SubmissionSigning } from '../employer/signing';
import { createRequest, type EngineRequest, findRequest, requestLog } from '../services/engine';
import {
  clinicExists,
  findPersonByCccd,
  findPersonName,
  findUnit,
  insertPerson,
  listMonthWorkers,
  listPayments,
  listUnitDeclarations,
  lockCurrentCard,
  lockCurrentPeriods,
  monthSalaryFunds,
  nextBhxhCode,
} from './repository';

/**
 * The unit's side of the declarations (issue #27 item 3) and its monthly statement (item 4). A
 * unit user reaches the unit's own declarations and workers; another unit's worker or
 * declaration answers 404. A declaration is a request of the engine (`services/engine.ts`),
 * filed by the unit for the worker, received by the unit's managing agency and decided by its
 * officers in their one queue; its effect on the records is `effects.ts`.
 */

type FileInput = BodyOf<typeof fileDeclaration>;
type ListInput = ParsedQueryOf<typeof listDeclarations>;
const notFound = () => new AppError(404, 'not_found', 'notFound');

/** The kind a declaration is signed as (the dossier's number). */
const SIGNED_KIND: Record<DeclarationType, string> = {
  declaration_600: '600',
  declaration_600a: '600a',
  declaration_600b: '600b',
};

export function createDeclarationService(deps: {
  db: Kysely<Database>;
  translator: Translator;
  signing: Pick<SubmissionSigning, 'verifySignedSubmission'>;
  now?: (() => Date) | undefined;
}) {
  const { db, translator, signing } = deps;
  const now = deps.now ?? (() => new Date());

  function fieldError(ctx: CallContext, field: string, code: string, key: string, status = 422) {
    const error: FieldError = {
      in: 'body',
      field,
      code,
      message: translator.t(ctx.language, `declarations.${key}`),
    };
    return new AppError(status, 'validation_failed', 'validation', {}, [error]);
  }

  function unitOf(ctx: CallContext): string {
    const unit = signedIn(ctx).unitCode;
    if (!unit) throw notFound();
    return unit;
  }

  /** The worker a 600a/600b names: one with compulsory months at the unit since last month; else 404. */
  async function currentWorker(trx: Kysely<Database>, unitCode: string, bhxhCode: string, today: string) {
    const periods = await lockCurrentPeriods(trx, bhxhCode, unitCode, `${addMonths(monthOf(today), -1)}-01`);
    const first = periods.find((p) => p.scheme === 'bhxh_compulsory');
    if (!first) throw notFound();
    return first;
  }

  /**
   * Checks the form against the records, in the filing's transaction; returns the worker's BHXH
   * code (for a worker declared with TK1-TS: the code issued now, with their person record) and
   * whether the declaration is late (D01-TS).
   */
  async function check(
    ctx: CallContext,
    trx: Kysely<Database>,
    unit: { code: string },
    form: DeclarationForm,
    today: string,
  ): Promise<{ bhxhCode: string; late: boolean }> {
    if (form.type === 'declaration_600') {
      if ((form.bhxhCode === undefined) === (form.person === undefined))
        throw fieldError(ctx, 'form.bhxhCode', 'required', 'codeOrPerson', 400);
      if (!monthInWindow('add', form.startMonth, today))
        throw fieldError(ctx, 'form.startMonth', 'out_of_range', 'startMonthRange');
      if (form.clinicCode !== undefined && !(await clinicExists(trx, form.clinicCode)))
        throw fieldError(ctx, 'form.clinicCode', 'unknown', 'unknownClinic');
      const late = isLateDeclaration(form.startMonth, today);
      if (form.bhxhCode !== undefined) {
        if (!(await findPersonName(trx, form.bhxhCode)))
          throw fieldError(ctx, 'form.bhxhCode', 'unknown', 'unknownCode');
        const since = `${addMonths(monthOf(today), -1)}-01`;
        if ((await lockCurrentPeriods(trx, form.bhxhCode, unit.code, since)).length > 0)
          throw fieldError(ctx, 'form.bhxhCode', 'already_declared', 'alreadyAtUnit', 409);
        if (form.clinicCode === undefined && !(await lockCurrentCard(trx, form.bhxhCode)))
          throw fieldError(ctx, 'form.clinicCode', 'required', 'clinicRequired', 400);
        return { bhxhCode: form.bhxhCode, late };
      }
      const person = form.person;
      if (!person) throw fieldError(ctx, 'form.person', 'required', 'codeOrPerson', 400);
      const cccd = validateCccd(person.cccd, { dateOfBirth: person.dateOfBirth, gender: person.gender });
      if (!cccd.ok) throw fieldError(ctx, 'form.person.cccd', cccd.error.code, 'cccdMismatch');
      if (await findPersonByCccd(trx, cccd.value))
        throw fieldError(ctx, 'form.person.cccd', 'has_code', 'cccdHasCode', 409);
      if (form.clinicCode === undefined)
        throw fieldError(ctx, 'form.clinicCode', 'required', 'clinicRequired', 400);
      // A BHXH code for the new worker (the province of their address, as codes start with the
      // issuing province): it keys the request and the person's record; it is given to the worker
      // with the card when the declaration is approved.
      const bhxhCode = await nextBhxhCode(trx, person.provinceCode);
      await insertPerson(trx, {
        bhxh_code: bhxhCode,
        full_name: person.fullName,
        birth_date: person.dateOfBirth,
        gender: person.gender,
        cccd: cccd.value,
        phone: person.phone ?? null,
        address_line: person.addressLine,
        province_code: person.provinceCode,
        commune_code: person.communeCode ?? null,
      });
      return { bhxhCode, late };
    }
    const period = await currentWorker(trx, unit.code, form.bhxhCode, today);
    const month = form.type === 'declaration_600a' ? form.endMonth : form.fromMonth;
    const field = form.type === 'declaration_600a' ? 'form.endMonth' : 'form.fromMonth';
    if (!monthInWindow(form.type === 'declaration_600a' ? 'remove' : 'adjust', month, today))
      throw fieldError(ctx, field, 'out_of_range', 'monthRange');
    if (month < period.from_month.slice(0, 7))
      throw fieldError(ctx, field, 'before_start', 'monthBeforeStart');
    if (form.type === 'declaration_600b' && form.salary === undefined && form.position === undefined)
      throw fieldError(ctx, 'form.salary', 'required', 'nothingToAdjust', 400);
    return { bhxhCode: form.bhxhCode, late: false };
  }

  async function view(row: EngineRequest) {
    if (!isDeclarationType(row.type)) throw notFound();
    const [person, events] = await Promise.all([findPersonName(db, row.bhxh_code), requestLog(db, row)]);
    return {
      number: row.number,
      type: row.type,
      unitCode: row.filed_by_unit_code ?? '',
      bhxhCode: row.bhxh_code,
      fullName: person?.full_name ?? '',
      status: row.status,
      form: row.form,
      late: row.form.late === true,
      submittedAt: new Date(row.submitted_at).toISOString(),
      dueOn: row.due_on,
      decidedAt: row.decided_at ? new Date(row.decided_at).toISOString() : null,
      events: events.map((a) => ({
        seq: a.seq,
        action: a.action,
        actorType: a.actor_type,
        at: new Date(a.at).toISOString(),
        reasonCode: a.reason_code,
        reasonText: a.reason_text,
      })),
    };
  }

  async function statementData(ctx: CallContext, month: string) {
    const unit = await findUnit(db, unitOf(ctx));
    if (!unit) throw notFound();
    const today = vietnamToday(now());
    if (month < STATEMENT_FROM || month > monthOf(today))
      throw new AppError(422, 'validation_failed', 'validation', {}, [
        {
          in: 'params',
          field: 'month',
          code: 'out_of_range',
          message: translator.t(ctx.language, 'declarations.statementRange', { from: STATEMENT_FROM }),
        },
      ]);
    const region = regionOfProvince(unit.province_code);
    const months: { month: string; capBhxhBhyt: number; capBhtn: number }[] = [];
    for (let m = STATEMENT_FROM; m <= month; m = addMonths(m, 1)) {
      const caps = monthCaps(m, region);
      months.push({ month: m, capBhxhBhyt: caps.bhxhBhyt, capBhtn: caps.bhtn });
    }
    const [funds, payments] = await Promise.all([
      monthSalaryFunds(db, unit.code, months),
      listPayments(db, unit.code, endOfMonth(month)),
    ]);
    const s = computeStatement(month, funds, payments);
    const { rates, source } = fundRates(month);
    return {
      unit: { code: unit.code, name: unit.name, taxCode: unit.tax_code, kind: unit.kind },
      month,
      people: s.people,
      salaryFund: s.salaryFund,
      rates: { ...rates, source },
      due: s.due,
      dueTotal: s.dueTotal,
      opening: s.opening,
      paid: s.paid,
      interest: s.interest,
      interestRule: s.interestRule,
      closing: s.closing,
      owedByFund: s.owedByFund,
      unpaidMonths: s.unpaidMonths,
    };
  }

  return {
    async file(ctx: CallContext, input: FileInput, key: string) {
      const principal = signedIn(ctx);
      const unitCode = unitOf(ctx);
      const unit = await findUnit(db, unitCode);
      if (!unit) throw notFound();
      const scopedKey = `unit:${unitCode}:${key}`;
      const existing = await findRequest.byKey(db, scopedKey);
      if (existing) return { created: false, result: await view(existing) };
      const at = now();
      const today = vietnamToday(at);
      try {
        const row = await db.transaction().execute(async (trx) => {
          // The unit admin's signature over exactly this form (an altered form: 422 `signature`).
          const signature = await signing.verifySignedSubmission(trx, {
            ctx,
            unitCode,
            kind: SIGNED_KIND[input.form.type],
            payload: input.form,
            assertion: input.signature,
          });
          const { bhxhCode, late } = await check(ctx, trx, unit, input.form, today);
          const { request } = await createRequest(trx, {
            bhxhCode,
            filedBy: null,
            filedByUnit: unitCode,
            type: input.form.type,
            agencyCode: unit.managing_agency,
            // The signature is kept with the submission, so it can be checked again.
            form: {
              ...input.form,
              late,
              signature: { ...signature, signedAt: signature.signedAt.toISOString() },
            },
            workingDays: DECLARATION_WORKING_DAYS,
            idempotencyKey: scopedKey,
            actor: { type: 'employer', id: principal.accountId },
            now: at,
          });
          await auditService.record(trx, {
            actor_type: 'employer',
            actor_id: principal.accountId,
            subject_bhxh_code: bhxhCode,
            action: 'service_request.submitted',
            target_type: 'service_request',
            target_id: request.number,
            purpose: null,
            ip: ctx.client.ip,
            request_id: ctx.requestId,
            details: { type: request.type, unit: unitCode, late },
          });
          return request;
        });
        return { created: true, result: await view(row) };
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        const twin = await findRequest.byKey(db, scopedKey);
        if (!twin) throw error;
        return { created: false, result: await view(twin) };
      }
    },

    async list(ctx: CallContext, query: ListInput) {
      const { rows, total } = await listUnitDeclarations(db, unitOf(ctx), query.limit, query.offset);
      return {
        total,
        items: rows.map((r) => ({
          number: r.number,
          type: r.type as DeclarationType,
          bhxhCode: r.bhxh_code,
          fullName: r.full_name,
          status: r.status,
          submittedAt: new Date(r.submitted_at).toISOString(),
          dueOn: r.due_on,
        })),
      };
    },

    async get(ctx: CallContext, number: string) {
      const row = await findRequest.byNumber(db, number);
      if (!row || row.filed_by_unit_code !== unitOf(ctx)) throw notFound();
      return view(row);
    },

    statement: statementData,

    /** The month's workers (the spreadsheet's second sheet). */
    async statementWorkers(ctx: CallContext, month: string) {
      const rows = await listMonthWorkers(db, unitOf(ctx), month);
      return rows.map((r) => ({
        bhxhCode: r.bhxh_code,
        fullName: r.full_name,
        position: r.position ?? '',
        salary: Number(r.salary),
      }));
    },
  };
}
