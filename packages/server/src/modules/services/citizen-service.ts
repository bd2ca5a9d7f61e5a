import type { Kysely } from 'kysely';
import { dateOfBirthOf, isMinor, vietnamToday } from '@vssid/domain';
import type { BodyOf } from '@vssid/domain/api';
import type {
  actOnMyRequest,
  fileServiceRequest,
  PaidServiceForm,
  ServiceForm,
  ServiceQuote,
} from '@vssid/domain/api/services';
import {
  CITIZEN_SERVICE_TYPES,
  SERVICE_CATALOGUE,
  clinicChangeWindowOpen,
  isPaidService,
  isServiceType,
  isUnitServiceType,
} from '@vssid/domain/service-requests';
import { shiftDay } from '@vssid/domain/working-days';
import { cleanImage } from '../../adapters/images';
import { checkPdf, isPdf, PDF_LIMITS } from '../../adapters/pdf-check';
import type { FileStorage } from '../../adapters/storage';
import { type CallContext, signedIn } from '../../context';
import type { Database } from '../../db/schema';
import { AppError, type FieldError } from '../../http/problem';
import type { Translator } from '../../i18n';
import { auditService } from '../audit/service';
import type { AuthService } from '../auth/service';
import { createReceivingAgencies, isUniqueViolation } from '../registration';
import { readRequestFile } from './attachments';
import { appendRequestAction, createRequest } from './engine';
import { notifyStep, requestView } from './notify';
import { receiptPdf } from './receipt-pdf';
import { bookNoticePdf } from './book-notice-pdf';
import type { PaymentsModule } from '../payments';
import { checkNoOpenRequest, type Fail, isPayableStatus, quoteFor } from './self-paid';
import {
  clinicExists,
  findActionByKey,
  findPerson,
  findRequestByKey,
  findRequestByNumber,
  insertRequestFiles,
  listRequestsOf,
  lockCurrentCard,
  lockRequest,
  receivesMonthlyBenefit,
  type RequestRow,
} from './repository';

/**
 * The citizen's side of the online public services (issue 23): the catalogue, filing a request
 * (for oneself, or for one's minor child where the service allows it), following it, adding a
 * supplement, withdrawing. A citizen reaches the requests for them and those they filed; any
 * other number answers 404. Submission and actions are idempotent by their `Idempotency-Key`.
 */

type FileInput = BodyOf<typeof fileServiceRequest>;
type ActInput = BodyOf<typeof actOnMyRequest>;
type Attachment = NonNullable<FileInput['attachments']>[number];

const notFound = () => new AppError(404, 'not_found', 'notFound');

export function createCitizenServices(deps: {
  db: Kysely<Database>;
  translator: Translator;
  storage: FileStorage;
  /** The auth service's phone OTP (a new phone of an e-transaction information change). */
  otp: Pick<AuthService, 'sendPhoneOtp' | 'withPhoneOtp' | 'rateLimit'>;
  /** Voluntary BHXH and household BHYT (issue #26) are paid through the payments module. */
  payments: Pick<PaymentsModule, 'createPayment' | 'openPayment' | 'listForReference'>;
  now?: (() => Date) | undefined;
}) {
  const { db, translator, storage, otp, payments } = deps;
  const now = deps.now ?? (() => new Date());
  const receiving = createReceivingAgencies({ db, translator });

  function fieldError(
    ctx: CallContext,
    field: string,
    code: string,
    key: string,
    status = 400,
    params: Record<string, unknown> = {},
  ) {
    const error: FieldError = { in: 'body', field, code, message: translator.t(ctx.language, key, params) };
    return new AppError(status, 'validation_failed', 'validation', {}, [error]);
  }

  /**
   * Cleans the photos (re-encoded JPEG, no metadata), as registration does, and checks the PDFs by
   * their content (adapters/pdf-check.ts: kept as sent when they pass); stored by hash.
   */
  async function storeAttachments(ctx: CallContext, attachments: readonly Attachment[]) {
    const out = [];
    for (const [i, a] of attachments.entries()) {
      if (isPdf(a.data)) {
        const check = checkPdf(a.data);
        if (!check.ok)
          throw fieldError(ctx, `attachments.${i}.data`, check.code, `services.pdf.${check.code}`, 422, {
            maxPages: PDF_LIMITS.maxPages,
            maxKb: PDF_LIMITS.maxBytes / 1024,
          });
        out.push({
          kind: a.kind,
          content_type: 'application/pdf',
          byte_size: a.data.length,
          sha256: await storage.put(Buffer.from(a.data)),
        });
        continue;
      }
      const result = await cleanImage(a.data);
      if (!result.ok)
        throw fieldError(
          ctx,
          `attachments.${i}.data`,
          result.problem.code,
          `registration.image.${imageKey(result.problem.code)}`,
          422,
          { maxKb: 2048, min: 200, kind: translator.t(ctx.language, 'services.attachment') },
        );
      out.push({
        kind: a.kind,
        content_type: result.image.contentType,
        byte_size: result.image.bytes.length,
        sha256: await storage.put(result.image.bytes),
      });
    }
    return out;
  }

  /** Checks a form against the person's records; returns the working days it takes. */
  async function checkForm(
    ctx: CallContext,
    trx: Kysely<Database>,
    bhxhCode: string,
    fullName: string,
    form: ServiceForm,
    attachments: number,
  ): Promise<number> {
    const def = SERVICE_CATALOGUE[form.type];
    let changed = false;
    if (form.type === 'bhyt_card_reissue' || form.type === 'bhxh_book_reissue') {
      changed = Object.values(form.changes ?? {}).some((v) => (v as unknown) !== undefined);
      if (changed && attachments === 0 && def.attachmentsWithChanges.length > 0)
        throw fieldError(ctx, 'attachments', 'required', 'services.evidenceRequired');
      if (form.type === 'bhxh_book_reissue') changed ||= form.otherProvinces;
    }
    if (form.type === 'bhyt_card_reissue' && !(await lockCurrentCard(trx, bhxhCode)))
      throw fieldError(ctx, 'form.type', 'no_card', 'services.noCard', 422);
    // ASSUMPTION: "receives" is a monthly payment (pension, monthly allowance) for a month ending
    // in the last 3 months: the records have no separate "in payment" status.
    if (
      form.type === 'pension_payment_change' &&
      !(await receivesMonthlyBenefit(trx, bhxhCode, shiftDay(vietnamToday(now()), -92)))
    )
      throw fieldError(ctx, 'form.type', 'not_eligible', 'services.notReceivingMonthly', 422);
    if (form.type === 'pension_payment_change' && form.method === 'bank_account') {
      for (const f of ['bankName', 'accountNumber', 'accountHolder'] as const)
        if (!form[f]) throw fieldError(ctx, `form.${f}`, 'required', 'services.bankRequired');
      if (norm(form.accountHolder ?? '') !== norm(fullName))
        throw fieldError(ctx, 'form.accountHolder', 'not_own_account', 'services.ownAccount');
    }
    if (form.type === 'etx_info_change') {
      if (form.phone === undefined && form.email === undefined && form.addressLine === undefined)
        throw fieldError(ctx, 'form', 'required', 'services.etxNothingChanged');
      if (form.phone !== undefined && !form.phoneOtp)
        throw fieldError(ctx, 'form.phoneOtp', 'required', 'services.etxPhoneOtpRequired');
    }
    if (form.type === 'initial_clinic_change') {
      if (!(await clinicExists(trx, form.clinicCode)))
        throw fieldError(ctx, 'form.clinicCode', 'unknown', 'services.unknownClinic');
      if (!clinicChangeWindowOpen(vietnamToday(now())))
        throw fieldError(ctx, 'form.clinicCode', 'outside_period', 'services.clinicWindow', 422);
    }
    return changed ? def.workingDays.withChanges : def.workingDays.plain;
  }

  /** The translated 4xx of a paid service's checks, on a field of the form. */
  const failOn =
    (ctx: CallContext): Fail =>
    (field, code, key, status = 422) => {
      throw fieldError(ctx, field, code, key, status);
    };

  /** The quote of a paid service (issue #26) for the caller, as filing would compute it. */
  async function quote(ctx: CallContext, form: PaidServiceForm): Promise<ServiceQuote> {
    const me = signedIn(ctx).bhxhCode;
    if (!me) throw notFound();
    return quoteFor(db, me, form, vietnamToday(now()), failOn(ctx));
  }

  /** The newest payment of a paid service's request (null before any, or for another service). */
  async function paymentOf(row: RequestRow, executor: Kysely<Database> = db) {
    if (!isPaidService(row.type)) return undefined;
    const latest = (await payments.listForReference(row.type, row.id, executor))[0];
    return latest
      ? { id: latest.id, status: latest.status, amountVnd: latest.amountVnd, refundDue: latest.refundDue }
      : null;
  }

  /**
   * A payment of a paid request's quoted amount, in the caller's transaction: a new one (at
   * filing), or (`open`, paying from the request) the one still open at the gateway if any.
   */
  function startPayment(
    trx: Kysely<Database>,
    ctx: CallContext,
    row: RequestRow,
    payer: string,
    mode: 'new' | 'open' = 'new',
  ) {
    const amountVnd = (row.form.quote as ServiceQuote).amountVnd;
    const input = {
      purpose: row.type,
      referenceId: row.id,
      bhxhCode: payer,
      amountVnd,
      orderInfo: `${translator.t('vi', `messages:services.types.${row.type}`)} ${row.number}`,
      locale: ctx.language,
      returnPath: `/services/requests/${row.number}`,
      ipAddr: ctx.client.ip,
    };
    return (mode === 'open' ? payments.openPayment(trx, input) : payments.createPayment(trx, input)).then(
      (p) => ({ ...p, amountVnd }),
    );
  }

  async function reachable(ctx: CallContext, number: string): Promise<RequestRow> {
    const me = signedIn(ctx).bhxhCode;
    const row = await findRequestByNumber(db, number);
    // A unit's declaration about the person is the unit's, not theirs to follow or withdraw.
    if (!row || !me || row.filed_by_unit_code !== null) throw notFound();
    if (row.bhxh_code !== me && row.filed_by_bhxh_code !== me) throw notFound();
    return row;
  }

  /**
   * A request whose documents (receipt, result) the caller may download: one they may follow, or
   * one of a minor whose guardian they are, as "Giấy tờ của tôi" lists them for the child.
   */
  async function documentsReachable(ctx: CallContext, number: string): Promise<RequestRow> {
    const me = signedIn(ctx).bhxhCode;
    const row = await findRequestByNumber(db, number);
    if (!row || !me || row.filed_by_unit_code !== null) throw notFound();
    if (row.bhxh_code === me || row.filed_by_bhxh_code === me) return row;
    const subject = await findPerson(db, row.bhxh_code);
    if (subject?.guardian_bhxh_code !== me || !isMinor(dateOfBirthOf(subject), vietnamToday(now())))
      throw notFound();
    return row;
  }

  return {
    catalogue() {
      return {
        services: CITIZEN_SERVICE_TYPES.map((t) => ({
          ...SERVICE_CATALOGUE[t],
          attachmentsWithChanges: [...SERVICE_CATALOGUE[t].attachmentsWithChanges],
        })),
      };
    },

    /** Files a request; `created` false when the key was seen (the same request, not a second). */
    async file(ctx: CallContext, input: FileInput, key: string) {
      const principal = signedIn(ctx);
      const me = principal.bhxhCode;
      if (!me) throw notFound();
      const scopedKey = `${me}:${key}`;
      const existing = await findRequestByKey(db, scopedKey);
      if (existing)
        return {
          created: false,
          result: { ...(await requestView(db, existing, now())), payment: await paymentOf(existing) },
        };
      const subjectCode = input.forBhxhCode ?? me;
      const subject = await findPerson(db, subjectCode);
      if (!subject) throw notFound();
      if (subjectCode !== me) {
        // A guardian for their minor child, where the service allows it; anyone else: 404.
        const minor = isMinor(dateOfBirthOf(subject), vietnamToday(now()));
        if (subject.guardian_bhxh_code !== me || !minor) throw notFound();
        if (!SERVICE_CATALOGUE[input.form.type].guardianMayFile)
          throw fieldError(ctx, 'forBhxhCode', 'not_allowed', 'services.guardianNotAllowed', 422);
      }
      const agency = await receiving.getReceiving(input.agencyCode, 'agencyCode', ctx.language);
      const files = await storeAttachments(ctx, input.attachments ?? []);
      const at = now();
      const form = input.form;
      // A new phone: the filing commits with the OTP's use (a wrong code is counted and thrown).
      const inTransaction = <T>(work: (trx: Kysely<Database>) => Promise<T>): Promise<T> =>
        form.type === 'etx_info_change' && form.phone !== undefined && form.phoneOtp
          ? otp.withPhoneOtp({ ...form.phoneOtp, purpose: 'phone_change' }, ctx.client, (trx, context) => {
              if (context.account !== principal.accountId || context.phone !== form.phone)
                throw fieldError(ctx, 'form.phoneOtp', 'mismatch', 'services.etxPhoneOtpMismatch', 422);
              return work(trx);
            })
          : db.transaction().execute(work);
      // The code is not kept with the request.
      let stored: Record<string, unknown> =
        form.type === 'etx_info_change' ? { ...form, phoneOtp: undefined } : form;
      try {
        const row = await inTransaction(async (trx) => {
          const workingDays = await checkForm(
            ctx,
            trx,
            subjectCode,
            subject.full_name,
            input.form,
            files.length,
          );
          // A paid service keeps the quote it was filed with: its payment's amount and its effect.
          if (form.type === 'voluntary_si_register' || form.type === 'household_hi') {
            await checkNoOpenRequest(trx, subjectCode, form, failOn(ctx));
            stored = {
              ...form,
              quote: await quoteFor(trx, subjectCode, form, vietnamToday(at), failOn(ctx)),
            };
          }
          const { request, submit } = await createRequest(trx, {
            bhxhCode: subjectCode,
            filedBy: me,
            type: input.form.type,
            agencyCode: agency.code,
            form: stored,
            workingDays,
            idempotencyKey: scopedKey,
            actor: { type: 'citizen', id: principal.accountId },
            now: at,
          });
          const fileRows = files.map((f, position) => ({
            ...f,
            bhxh_code: subjectCode,
            request_id: request.id,
            seq: submit.seq,
            position,
          }));
          await insertRequestFiles(trx, fileRows);
          const payment = isPaidService(request.type) ? await startPayment(trx, ctx, request, me) : null;
          await notifyStep(trx, translator, request, 'submit', submit.seq);
          await auditService.record(trx, {
            actor_type: 'citizen',
            actor_id: principal.accountId,
            subject_bhxh_code: subjectCode,
            action: 'service_request.submitted',
            target_type: 'service_request',
            target_id: request.number,
            purpose: null,
            ip: ctx.client.ip,
            request_id: ctx.requestId,
            details: { type: request.type, dueOn: request.due_on },
          });
          return { request, submit, fileRows, payment };
        });
        // The answer from what was just written: the log is its `submit`, the files these.
        const view = await requestView(db, row.request, at, { actions: [row.submit], files: row.fileRows });
        const p = row.payment;
        const result = p
          ? {
              ...view,
              payment: {
                id: p.paymentId,
                status: 'pending' as const,
                amountVnd: p.amountVnd,
                refundDue: false,
                payUrl: p.payUrl,
              },
            }
          : view;
        return { created: true, result };
      } catch (error) {
        // A concurrent twin with the same key won: answer with its request.
        if (!isUniqueViolation(error)) throw error;
        const twin = await findRequestByKey(db, scopedKey);
        if (!twin) throw error;
        return {
          created: false,
          result: { ...(await requestView(db, twin, now())), payment: await paymentOf(twin) },
        };
      }
    },

    /**
     * An OTP by SMS to the new phone of an e-transaction information change, bound to the caller's
     * account (a new one supersedes the live one); at most 5 an hour per account.
     */
    quote,

    async sendPhoneChangeOtp(ctx: CallContext, phone: string) {
      const principal = signedIn(ctx);
      await otp.rateLimit([{ key: `phone-change:${principal.accountId}`, max: 5, windowSeconds: 3600 }]);
      const sent = await db.transaction().execute((trx) =>
        otp.sendPhoneOtp(trx, {
          purpose: 'phone_change',
          phone,
          binding: `phone-change:${principal.accountId}`,
          context: { account: principal.accountId, phone },
          language: ctx.language,
        }),
      );
      return {
        challengeId: sent.challengeId,
        destination: sent.destination ?? '',
        expiresAt: sent.expiresAt.toISOString(),
        resendAt: sent.resendAt.toISOString(),
      };
    },

    async mine(ctx: CallContext) {
      const me = signedIn(ctx).bhxhCode;
      if (!me) return { items: [] };
      const rows = await listRequestsOf(db, me);
      const items = await Promise.all(rows.map((r) => requestView(db, r, now())));
      return {
        items: items.flatMap((v) =>
          isServiceType(v.type)
            ? [
                {
                  number: v.number,
                  type: v.type,
                  bhxhCode: v.bhxhCode,
                  status: v.status,
                  submittedAt: v.submittedAt,
                  dueOn: v.dueOn,
                  late: v.late,
                },
              ]
            : [],
        ),
      };
    },

    /** The receipt PDF in the caller's language. */
    async receipt(ctx: CallContext, number: string) {
      const row = await documentsReachable(ctx, number);
      const person = await findPerson(db, row.bhxh_code);
      return receiptPdf(translator, ctx.language, {
        number: row.number,
        service: translator.t(ctx.language, `messages:services.types.${row.type}`),
        personName: person?.full_name ?? row.bhxh_code,
        bhxhCode: row.bhxh_code,
        agencyCode: row.agency_code,
        submittedAt: new Date(row.submitted_at),
        dueOn: row.due_on,
      });
    },

    /** The result document of an approved book reissue (the electronic book notice); else 404. */
    async result(ctx: CallContext, number: string) {
      const row = await documentsReachable(ctx, number);
      if (row.status !== 'approved' || row.type !== 'bhxh_book_reissue' || !row.decided_at) throw notFound();
      const person = await findPerson(db, row.bhxh_code);
      if (!person) throw notFound();
      return bookNoticePdf(translator, ctx.language, {
        requestNumber: row.number,
        personName: person.full_name,
        bhxhCode: row.bhxh_code,
        dateOfBirth: dateOfBirthOf(person),
        agencyCode: row.agency_code,
        decidedAt: new Date(row.decided_at),
      });
    },

    async get(ctx: CallContext, number: string) {
      const row = await reachable(ctx, number);
      return { ...forCitizen(await requestView(db, row, now())), payment: await paymentOf(row) };
    },

    /**
     * Pay (again) for a paid service's request: a new payment of the quoted amount. Refused while
     * the request cannot take money (decided, withdrawn, waiting for a supplement) or once paid.
     */
    async pay(ctx: CallContext, number: string) {
      const me = signedIn(ctx).bhxhCode ?? '';
      const found = await reachable(ctx, number);
      if (!isPaidService(found.type)) throw notFound();
      return db.transaction().execute(async (trx) => {
        // Under the request's lock (as the crediting notification and a withdrawal take it): its
        // state and payments cannot change between this check and the payment opened.
        const row = (await lockRequest(trx, found.bhxh_code, found.id)) ?? found;
        if (!isPayableStatus(row.status) || (await paymentOf(row, trx))?.status === 'paid')
          throw new AppError(409, 'not_payable', 'services.notPayable', { status: row.status });
        const p = await startPayment(trx, ctx, row, me, 'open');
        return { paymentId: p.paymentId, amountVnd: p.amountVnd, payUrl: p.payUrl };
      });
    },

    /**
     * A file attached to a request: the person it is for reads it unaudited; the guardian who filed
     * it, or the guardian of the minor it is for, reads it audited. Anybody else, or no such file: 404.
     */
    async readFile(ctx: CallContext, number: string, at: { seq: number; position: number }) {
      const row = await documentsReachable(ctx, number);
      const own = row.bhxh_code === signedIn(ctx).bhxhCode;
      return readRequestFile({ db, storage }, ctx, row, at, own ? null : { via: 'guardian', purpose: null });
    },

    /** Supplement (with photos) or withdraw; a retried key answers the request as it is. */
    async act(ctx: CallContext, number: string, input: ActInput, key: string) {
      const principal = signedIn(ctx);
      const request = await reachable(ctx, number);
      // A unit's request (a sick-pay claim) is followed by the worker, acted on by the unit only.
      if (isUnitServiceType(request.type))
        throw new AppError(
          409,
          'action_not_allowed',
          'services.actionNotAllowed',
          { status: request.status, action: input.action, allowed: '—' },
          [],
          { currentStatus: request.status, allowed: '' },
        );
      const files = input.action === 'supplement' ? await storeAttachments(ctx, input.attachments ?? []) : [];
      const at = now();
      const row = await db.transaction().execute(async (trx) => {
        await lockRequest(trx, request.bhxh_code, request.id);
        if (await findActionByKey(trx, request, key)) return request;
        const { row, entry } = await appendRequestAction(
          trx,
          request,
          input.action,
          { type: 'citizen', id: principal.accountId },
          at,
          { reasonText: input.note, idempotencyKey: key },
        );
        await insertRequestFiles(
          trx,
          files.map((f, position) => ({
            ...f,
            bhxh_code: row.bhxh_code,
            request_id: row.id,
            seq: entry.seq,
            position,
          })),
        );
        await notifyStep(trx, translator, row, input.action, entry.seq);
        return row;
      });
      return forCitizen(await requestView(db, (await findRequestByNumber(db, row.number)) ?? row, at));
    },
  };
}

/** The request as its person sees it: a unit's request offers them no action. */
function forCitizen<V extends { type: string; allowedActions: unknown[] }>(view: V): V {
  return isUnitServiceType(view.type) ? { ...view, allowedActions: [] } : view;
}

const norm = (v: string) => v.normalize('NFC').trim().replace(/\s+/g, ' ').toLocaleLowerCase('vi');

function imageKey(code: string): string {
  return code === 'too_large'
    ? 'tooLarge'
    : code === 'too_small'
      ? 'tooSmall'
      : code === 'unsupported'
        ? 'unsupported'
        : 'unreadable';
}
