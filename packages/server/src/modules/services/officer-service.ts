import type { Kysely } from 'kysely';
import { type AuditAction, dateOfBirthOf, vietnamToday } from '@vssid/domain';
import type { BodyOf, ParsedQueryOf } from '@vssid/domain/api';
import type { actOnRequest, requestQueue } from '@vssid/domain/api/services';
import { isPaidService, OPEN_REQUEST_STATUSES, requestSla } from '@vssid/domain/service-requests';
import { type CallContext, type Principal, signedIn } from '../../context';
import type { FileStorage } from '../../adapters/storage';
import type { Database } from '../../db/schema';
import { AppError } from '../../http/problem';
import type { Translator } from '../../i18n';
import { readAudited } from '../audit/data-access';
import { auditService } from '../audit/service';
import type { PaymentsModule } from '../payments';
import { agencyScope } from '../registration';
import { readRequestFile } from './attachments';
import { type AccountEffects, applyResult, releaseResult } from './effects';
import { appendRequestAction } from './engine';
import { notifyStep, requestView } from './notify';
import { readRecordsBeside } from './records-beside';
import { findActionByKey, findPerson, findRequestByNumber, lockRequest, type RequestRow } from './repository';
import { findRequestQueue } from './queue-repository';

/**
 * The officers' side of the online public services (issue 23): one queue for every request type
 * of their agency and the agencies below it (SLA colours: due today, overdue), a request with the
 * person's record beside it (an audited read of the person's data, through `readAudited`), and the
 * actions. Another agency's request answers 404 like an unknown number. Each action is one
 * transaction: the log entry, the clock, the result on the records (approval, exactly once), the
 * messages and the audit entry; a retried action (same Idempotency-Key) answers without acting.
 */

type ActInput = BodyOf<typeof actOnRequest>;
type QueueInput = ParsedQueryOf<typeof requestQueue>;

const notFound = () => new AppError(404, 'not_found', 'notFound');

export function createOfficerServices(deps: {
  db: Kysely<Database>;
  translator: Translator;
  accounts: AccountEffects;
  storage: FileStorage;
  /** The payment of a voluntary BHXH or household BHYT request (issue #26), shown beside it. */
  payments: Pick<PaymentsModule, 'listForReference'>;
  /** On a Citus coordinator (the queue's statement takes the form Citus plans). */
  distributed?: boolean | undefined;
  now?: (() => Date) | undefined;
}) {
  const { db, translator, accounts, storage, payments } = deps;
  const now = deps.now ?? (() => new Date());

  /**
   * The agencies an officer's agency covers (itself and those below it), kept a minute per agency
   * on this node: the queue is read on every page and the agency tree changes rarely. Assumption:
   * a new local office appears in its parent's queue within a minute.
   */
  const scopes = new Map<string, { at: number; codes: Promise<string[]> }>();
  async function scopeOf(principal: Principal): Promise<string[]> {
    const code = principal.agencyCode;
    if (!code) return [];
    const cached = scopes.get(code);
    if (cached && Date.now() - cached.at < 60_000) return cached.codes;
    const codes = agencyScope(db, code);
    scopes.set(code, { at: Date.now(), codes });
    codes.catch(() => {
      scopes.delete(code);
    });
    return codes;
  }

  /** The request when the caller's scope (read before any transaction) holds its agency; else 404. */
  async function inScope(
    db: Kysely<Database>,
    scope: readonly string[],
    number: string,
  ): Promise<RequestRow> {
    const row = await findRequestByNumber(db, number);
    if (!row || !scope.includes(row.agency_code)) throw notFound();
    return row;
  }

  function fieldError(ctx: CallContext, field: string, key: string) {
    return new AppError(400, 'validation_failed', 'validation', {}, [
      { in: 'body', field, code: 'required', message: translator.t(ctx.language, key) },
    ]);
  }

  return {
    async queue(ctx: CallContext, query: QueueInput) {
      const scope = await scopeOf(signedIn(ctx));
      const today = vietnamToday(now());
      const { rows, total } = await findRequestQueue(db, {
        scope,
        distributed: deps.distributed === true,
        statuses: query.status ? [query.status] : OPEN_REQUEST_STATUSES,
        type: query.type,
        due:
          query.sla === 'due_today' ? { on: today } : query.sla === 'overdue' ? { before: today } : undefined,
        q: query.q,
        limit: query.limit,
        offset: query.offset,
      });
      return {
        total,
        items: rows.map((r) => ({
          number: r.number,
          type: r.type,
          bhxhCode: r.bhxh_code,
          fullName: r.full_name,
          agencyCode: r.agency_code,
          status: r.status,
          submittedAt: new Date(r.submitted_at).toISOString(),
          dueOn: r.due_on,
          sla: requestSla({ dueOn: r.due_on, runningSince: r.running_since }, r.status, today),
        })),
      };
    },

    /**
     * The request and the person beside it: their contact (audited as `service_request.opened`)
     * and their records (cards, participation, benefits, other open requests and dossiers:
     * read through the records' data-access layer, audited as `records.overview.read`).
     */
    async open(ctx: CallContext, number: string) {
      const principal = signedIn(ctx);
      const row = await inScope(db, await scopeOf(principal), number);
      const view = await readAudited(
        db,
        ctx,
        async () => {
          const person = await findPerson(db, row.bhxh_code);
          if (!person) throw notFound();
          return {
            ...(await requestView(db, row, now())),
            person: {
              fullName: person.full_name,
              dateOfBirth: dateOfBirthOf(person),
              gender: person.gender,
              addressLine: person.address_line,
              phone: person.phone,
            },
          };
        },
        () => ({
          reader: principal,
          subject: row.bhxh_code,
          action: 'service_request.opened',
          purpose: 'services.review',
          target: { type: 'service_request', id: row.number },
        }),
      );
      const latest = isPaidService(row.type)
        ? (await payments.listForReference(row.type, row.id))[0]
        : undefined;
      return {
        ...view,
        records: await readRecordsBeside({ db, translator }, ctx, row, now()),
        ...(isPaidService(row.type)
          ? {
              payment: latest
                ? {
                    id: latest.id,
                    status: latest.status,
                    amountVnd: latest.amountVnd,
                    refundDue: latest.refundDue,
                  }
                : null,
            }
          : {}),
      };
    },

    /**
     * A file attached to a request of the caller's scope (the same rule as `open`), the read
     * audited with the stated purpose. Another agency's request, or no such file: 404.
     */
    async readFile(ctx: CallContext, number: string, at: { seq: number; position: number }, purpose: string) {
      const row = await inScope(db, await scopeOf(signedIn(ctx)), number);
      return readRequestFile({ db, storage }, ctx, row, at, { via: 'staff', purpose });
    },

    async act(ctx: CallContext, number: string, input: ActInput, key: string) {
      const principal = signedIn(ctx);
      const actor = {
        type: principal.role === 'agency_admin' ? ('agency_admin' as const) : ('officer' as const),
        id: principal.accountId,
      };
      let reasonCode: string | undefined;
      const reasonText = input.reasonText?.trim() || undefined;
      if (input.action === 'reject') {
        reasonCode = input.reasonCode ?? (reasonText ? 'other' : undefined);
        if (!reasonCode) throw fieldError(ctx, 'reasonCode', 'services.reasonRequired');
        if (reasonCode === 'other' && !reasonText)
          throw fieldError(ctx, 'reasonText', 'services.reasonTextRequired');
      }
      if (input.action === 'ask_supplement' && !reasonText)
        throw fieldError(ctx, 'reasonText', 'services.supplementWhat');
      const at = now();
      const scope = await scopeOf(principal);
      const row = await db.transaction().execute(async (trx) => {
        const found = await inScope(trx, scope, number);
        const request = await lockRequest(trx, found.bhxh_code, found.id);
        if (!request) throw notFound();
        // A retried action: the entry of its key is there; nothing is done again.
        if (await findActionByKey(trx, request, key)) return request;
        // A paid service (issue #26) is approved by its payment's credit, never by hand.
        if (input.action === 'approve' && isPaidService(request.type))
          throw new AppError(409, 'awaiting_payment', 'services.awaitingPayment');
        const { row, entry } = await appendRequestAction(trx, request, input.action, actor, at, {
          reasonCode,
          reasonText,
          idempotencyKey: key,
        });
        const result =
          input.action === 'approve'
            ? await applyResult(trx, row, at, accounts, { ip: ctx.client.ip, requestId: ctx.requestId })
            : undefined;
        if (input.action === 'reject') await releaseResult(trx, row);
        await notifyStep(trx, translator, row, input.action, entry.seq, {
          code: reasonCode,
          text: reasonText,
        });
        await auditService.record(trx, {
          actor_type: principal.role,
          actor_id: principal.accountId,
          subject_bhxh_code: row.bhxh_code,
          action: `service_request.${input.action}` as AuditAction,
          target_type: 'service_request',
          target_id: row.number,
          purpose: 'services.review',
          ip: ctx.client.ip,
          request_id: ctx.requestId,
          details: {
            seq: entry.seq,
            ...(reasonCode ? { reasonCode } : {}),
            ...(result?.cardId ? { cardId: result.cardId } : {}),
            ...(result?.amount !== undefined ? { amount: result.amount } : {}),
          },
        });
        return row;
      });
      return requestView(db, (await findRequestByNumber(db, row.number)) ?? row, at);
    },
  };
}
