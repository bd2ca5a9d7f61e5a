import type { Kysely } from 'kysely';
import { formatVnDate, vietnamToday } from '@vssid/domain';
import { isLanguage, type Language } from '@vssid/domain/i18n';
import {
  isRequestLate,
  isUnitServiceType,
  type ServiceRequestAction,
  serviceRequestWorkflow,
} from '@vssid/domain/service-requests';
import type { Database } from '../../db/schema';
import type { Translator } from '../../i18n';
import { notify } from '../notifications/inbox-service';
import { enqueueMessage } from '../outbox/service';
import {
  findFilerContact,
  listRequestActions,
  listRequestFiles,
  type RequestActionRow,
  type RequestFileRow,
  type RequestRow,
} from './repository';
import { clockOf } from './engine';

/** The actions the person is told about by SMS and email (each once: keyed by request and seq). */
const TOLD: readonly ServiceRequestAction[] = [
  'submit',
  'receive',
  'ask_supplement',
  'supplement',
  'approve',
  'reject',
  'withdraw',
];

/**
 * Tells the filer (the person, or the guardian who filed for a child; for a unit's request the
 * worker it is about) about one step of their
 * request, in their inbox (and a push where allowed) and by SMS and email through the outbox, in the language of their account (Vietnamese
 * without one), in the step's transaction. Keys `service-request:<number>:<seq>:<channel>`.
 */
export async function notifyStep(
  trx: Kysely<Database>,
  translator: Translator,
  request: RequestRow,
  action: ServiceRequestAction,
  seq: number,
  reason: { code?: string | undefined; text?: string | undefined } = {},
): Promise<void> {
  // A unit's declaration: the unit follows it in its portal; the worker hears of the result
  // (modules/declarations/effects.ts).
  if (!TOLD.includes(action) || request.filed_by_bhxh_code === null) return;
  // A unit's request is about the worker, who is told of it; the exchanges between the officer
  // and the unit (a supplement asked for and given) are the unit's, in its portal.
  if (isUnitServiceType(request.type) && (action === 'ask_supplement' || action === 'supplement')) return;
  const contact = await findFilerContact(trx, request.filed_by_bhxh_code);
  const language: Language = contact && isLanguage(contact.language) ? contact.language : 'vi';
  const phone = contact?.account_phone ?? contact?.phone ?? null;
  const email = contact?.account_email ?? contact?.email ?? null;
  const params = {
    number: request.number,
    service: translator.t(language, `messages:services.types.${request.type}`),
    dueOn: formatVnDate(request.due_on),
    // A listed reason in the filer's language; "other" (or a supplement asked for) in the officer's words.
    reason:
      reason.code && reason.code !== 'other'
        ? translator.t(language, `messages:services.reasons.${reason.code}`)
        : (reason.text ?? ''),
  };
  // The inbox too (issue 25, system messages): the filer's copy, rendered in the language the app
  // is read in; the reason as the filer's language gives it (an officer's words stay as written).
  await notify(
    trx,
    { bhxhCode: request.filed_by_bhxh_code },
    {
      template: `services.inbox.${action}`,
      params: { number: params.number, dueOn: params.dueOn, reason: params.reason },
      idempotencyKey: `service-request:${request.number}:${seq}`,
    },
  );
  const text = translator.t(language, `messages:services.sms.${action}`, params);
  if (phone)
    await enqueueMessage(trx, {
      idempotency_key: `service-request:${request.number}:${seq}:sms`,
      channel: 'sms',
      recipient: phone,
      template: `services.${action}`,
      language,
      payload: { text },
    });
  if (email)
    await enqueueMessage(trx, {
      idempotency_key: `service-request:${request.number}:${seq}:email`,
      channel: 'email',
      recipient: email,
      template: `services.${action}`,
      language,
      payload: { subject: translator.t(language, 'messages:services.email.subject', params), text },
    });
}

/** A request as the API answers it: status, clock, late, allowed actions, timeline, files. */
export async function requestView(
  db: Kysely<Database>,
  row: RequestRow,
  now: Date,
  /** The log and files when the caller has them (a request just created): not read again. */
  known?: {
    actions: RequestActionRow[];
    files: Pick<RequestFileRow, 'seq' | 'position' | 'kind' | 'content_type' | 'byte_size'>[];
  },
) {
  const [actions, files] = known
    ? [known.actions, known.files]
    : await Promise.all([
        listRequestActions(db, row.bhxh_code, row.id),
        listRequestFiles(db, row.bhxh_code, row.id),
      ]);
  const clock = clockOf(row);
  const decidedOn = row.decided_at ? vietnamToday(new Date(row.decided_at)) : null;
  return {
    number: row.number,
    type: row.type,
    bhxhCode: row.bhxh_code,
    filedByBhxhCode: row.filed_by_bhxh_code,
    filedByUnitCode: row.filed_by_unit_code,
    agencyCode: row.agency_code,
    status: row.status,
    form: row.form,
    submittedAt: new Date(row.submitted_at).toISOString(),
    workingDays: row.working_days,
    dueOn: row.due_on,
    clockStopped: row.running_since === null,
    late: isRequestLate(clock, row.status, vietnamToday(now), decidedOn),
    decidedAt: row.decided_at ? new Date(row.decided_at).toISOString() : null,
    allowedActions: serviceRequestWorkflow.allowedActions(row.status),
    attachments: files.map((f) => ({
      seq: f.seq,
      position: f.position,
      kind: f.kind,
      contentType: f.content_type,
      byteSize: f.byte_size,
    })),
    events: actions.map((a) => ({
      seq: a.seq,
      action: a.action,
      actorType: a.actor_type,
      at: new Date(a.at).toISOString(),
      reasonCode: a.reason_code,
      reasonText: a.reason_text,
    })),
  };
}
