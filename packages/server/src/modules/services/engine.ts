import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { vietnamToday, vietnamYear } from '@vssid/domain';
import {
  formatRequestNumber,
  type RequestClock,
  restartClock,
  type ServiceRequestAction,
  type RequestType,
  type ServiceRequestStatus,
  serviceRequestWorkflow,
  startClock,
  stopClock,
} from '@vssid/domain/service-requests';
import type { Database } from '../../db/schema';
import type { ServiceRequestActionTable } from '../../db/schema-services';
import { AppError } from '../../http/problem';
import { appendToLog } from '../../workflow/action-log';
import {
  findRequestByKey,
  findActionByKey,
  findRequestByNumber,
  incrementRequestSequence,
  insertRequest,
  insertRequestAction,
  listRequestActions,
  lockRequest,
  setRequestStatus,
  type RequestActionRow,
  type RequestRow,
  updateRequest,
} from './repository';

/**
 * The request engine (issue 23): a request of any service type is an action log folded by
 * `serviceRequestWorkflow`, appended through the same step as a registration dossier
 * (`workflow/action-log.ts`). Beside the status, each action moves the processing clock: it stops
 * when the officer asks the citizen for a supplement and restarts (with the working days left)
 * when the citizen supplies it.
 */

interface RequestActor {
  type: ServiceRequestActionTable['actor_type'];
  id: string | null;
}

interface ActionOptions {
  reasonCode?: string | undefined;
  reasonText?: string | undefined;
  details?: Record<string, unknown>;
  idempotencyKey?: string | undefined;
}

export function clockOf(row: RequestRow): RequestClock {
  return {
    workingDays: row.working_days,
    usedDays: row.used_days,
    runningSince: row.running_since,
    dueOn: row.due_on,
  };
}

/** The 409 of a refused action: the current status and what it allows. */
function requestActionNotAllowed(
  status: ServiceRequestStatus,
  action: ServiceRequestAction,
  allowed: ServiceRequestAction[],
): AppError {
  return new AppError(
    409,
    'action_not_allowed',
    'services.actionNotAllowed',
    { status, action, allowed: allowed.join(', ') || '—' },
    [],
    { currentStatus: status, allowed: allowed.join(',') },
  );
}

/**
 * Creates a request (status `submitted`, its log's first entry `submit`) with its number and its
 * clock started on the day of `now` in Vietnam. The caller's transaction holds it with its files,
 * messages and audit. Throws the unique violation of a reused idempotency key: callers translate.
 */
export async function createRequest(
  trx: Kysely<Database>,
  input: {
    bhxhCode: string;
    /** The person who files it; null for a unit's declaration (`filedByUnit`). */
    filedBy: string | null;
    filedByUnit?: string | undefined;
    type: RequestType;
    agencyCode: string;
    form: Record<string, unknown>;
    workingDays: number;
    idempotencyKey: string;
    actor: RequestActor;
    now: Date;
  },
): Promise<{ request: RequestRow; submit: RequestActionRow }> {
  const sequence = await incrementRequestSequence(trx, input.agencyCode, vietnamYear(input.now));
  const clock = startClock(vietnamToday(input.now), input.workingDays);
  // A new row has an empty log: its first entry is `submit`, the workflow's one action from the
  // initial status, written with the row (no lock or fold needed for a row no one else can see).
  const submitted = serviceRequestWorkflow.apply(serviceRequestWorkflow.initial, 'submit');
  if (!submitted.ok) throw new Error('the request workflow does not start with submit');
  const request = await insertRequest(trx, {
    bhxh_code: input.bhxhCode,
    id: randomUUID(),
    number: formatRequestNumber(sequence, vietnamYear(input.now), input.agencyCode),
    type: input.type,
    agency_code: input.agencyCode,
    filed_by_bhxh_code: input.filedBy,
    filed_by_unit_code: input.filedByUnit ?? null,
    form: input.form,
    status: submitted.status,
    submitted_at: input.now,
    working_days: clock.workingDays,
    used_days: 0,
    running_since: clock.runningSince,
    due_on: clock.dueOn,
    idempotency_key: input.idempotencyKey,
  });
  const submit = await insertRequestAction(trx, {
    bhxh_code: request.bhxh_code,
    request_id: request.id,
    seq: 1,
    action: 'submit',
    actor_type: input.actor.type,
    actor_id: input.actor.id,
    at: input.now,
    reason_code: null,
    reason_text: null,
    details: { dueOn: clock.dueOn },
    idempotency_key: null,
  });
  return { request, submit };
}

/**
 * Appends one action to a request's log in the caller's transaction, and moves its clock:
 * `ask_supplement` stops it, `supplement` restarts it, `approve`/`reject` record the decision.
 */
export async function appendRequestAction(
  trx: Kysely<Database>,
  request: Pick<RequestRow, 'bhxh_code' | 'id'>,
  action: ServiceRequestAction,
  actor: RequestActor,
  now: Date,
  options: ActionOptions = {},
): Promise<{ row: RequestRow; entry: RequestActionRow; previous: ServiceRequestStatus }> {
  const appended = await appendToLog(
    serviceRequestWorkflow,
    {
      lock: () => lockRequest(trx, request.bhxh_code, request.id),
      entries: (row) => listRequestActions(trx, row.bhxh_code, row.id),
      insert: (row, seq, a) =>
        insertRequestAction(trx, {
          bhxh_code: row.bhxh_code,
          request_id: row.id,
          seq,
          action: a,
          actor_type: actor.type,
          actor_id: actor.id,
          at: now,
          reason_code: options.reasonCode ?? null,
          reason_text: options.reasonText ?? null,
          details: options.details ?? {},
          idempotency_key: options.idempotencyKey ?? null,
        }),
      setStatus: (row, status) => setRequestStatus(trx, row, status),
    },
    action,
    {
      notFound: () => new AppError(404, 'not_found', 'notFound'),
      notAllowed: requestActionNotAllowed,
      name: (row) => `service request ${row.number}`,
    },
  );
  const today = vietnamToday(now);
  let row = appended.row;
  if (action === 'ask_supplement') {
    const c = stopClock(clockOf(row), today);
    row = await updateRequest(trx, row, { used_days: c.usedDays, running_since: c.runningSince });
  } else if (action === 'supplement') {
    const c = restartClock(clockOf(row), today);
    row = await updateRequest(trx, row, { running_since: c.runningSince, due_on: c.dueOn });
  } else if (action === 'approve' || action === 'reject' || action === 'withdraw') {
    row = await updateRequest(trx, row, { decided_at: now });
  }
  return { row, entry: appended.entry, previous: appended.previous };
}

/** A request row, for the modules that file requests of their own. */
export type EngineRequest = RequestRow;

/**
 * The engine's reads for the modules that file requests of their own (the units' declarations,
 * issue #27): a request by its idempotency key or number, and its log.
 */
export const findRequest = {
  byKey: (db: Kysely<Database>, key: string) => findRequestByKey(db, key),
  byNumber: (db: Kysely<Database>, number: string) => findRequestByNumber(db, number),
};
export const requestLog = (db: Kysely<Database>, request: Pick<RequestRow, 'bhxh_code' | 'id'>) =>
  listRequestActions(db, request.bhxh_code, request.id);

/**
 * `appendRequestAction` once per idempotency key: the request locked, and nothing done when an
 * entry of `options.idempotencyKey` is there already (a retried call; null is answered).
 */
export async function appendRequestActionOnce(
  trx: Kysely<Database>,
  request: Pick<RequestRow, 'bhxh_code' | 'id'>,
  action: ServiceRequestAction,
  actor: RequestActor,
  now: Date,
  options: ActionOptions & { idempotencyKey: string },
): Promise<{ row: RequestRow; entry: RequestActionRow } | null> {
  const locked = await lockRequest(trx, request.bhxh_code, request.id);
  if (!locked) throw new AppError(404, 'not_found', 'notFound');
  if (await findActionByKey(trx, locked, options.idempotencyKey)) return null;
  return appendRequestAction(trx, locked, action, actor, now, options);
}
