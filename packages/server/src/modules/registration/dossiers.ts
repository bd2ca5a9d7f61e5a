import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import {
  type DossierAction,
  type DossierStatus,
  dossierWorkflow,
  formatDossierNumber,
  paperFormDeadline,
  vietnamYear,
} from '@vssid/domain';
import type { Database } from '../../db/schema';
import type { DossierActionTable } from '../../db/schema-registration';
import { AppError } from '../../http/problem';
import { appendToLog } from '../../workflow/action-log';
import {
  type DossierActionRow,
  type DossierFileRow,
  type DossierRow,
  findDossierById,
  findDossierByNumber,
  incrementSequence,
  insertDossier,
  insertDossierAction,
  listDossierActions,
  listDossierFiles,
  lockDossierById,
  type NewDossier,
  updateDossierStatus,
} from './repository';

/**
 * The dossier core (issue 5), shared by the citizen side (submit, expiry) and the officers' back
 * office (record paper, approve, reject, bulk). A dossier is an append-only log of actions
 * (`dossier_actions`, ordered by `seq`); `dossiers.status` caches the fold of that log and is
 * written in the same transaction as every action. Every change goes through `appendAction`.
 */

export type { DossierActionRow, DossierFileRow, DossierRow };

/** Who performs an action: a citizen / officer / agency admin / employer account id, or the system. */
interface DossierActor {
  type: DossierActionTable['actor_type'];
  /** The account id (or a job name for `system`). */
  id: string | null;
}

interface AppendActionOptions {
  reasonCode?: string;
  reasonText?: string;
  details?: Record<string, unknown>;
}

interface AppendedAction {
  /** The dossier after the action (its status updated). */
  dossier: DossierRow;
  action: DossierActionRow;
}

/**
 * Appends one action to the dossier's log, inside the caller's transaction `trx`, through the
 * shared action-log step (`workflow/action-log.ts`): locks the dossier row, folds its log with
 * `dossierWorkflow` (the log is the truth, not the cached status), refuses a disallowed action with 409 `action_not_allowed` (extensions: `currentStatus`,
 * the dossier's status (`status` is the HTTP status), and `allowed`, the allowed actions comma-separated), then writes the next
 * `seq` and the new cached status. Two concurrent actions serialize on the row lock; should one
 * slip past (another writer without the lock), the (dossier, seq) primary key refuses it.
 */
export async function appendAction(
  trx: Kysely<Database>,
  dossier: Pick<DossierRow, 'bhxh_code' | 'id'>,
  action: DossierAction,
  actor: DossierActor,
  options: AppendActionOptions = {},
): Promise<AppendedAction> {
  const appended = await appendToLog(
    dossierWorkflow,
    {
      lock: () => lockDossierById(trx, dossier.bhxh_code, dossier.id),
      entries: (row) => listDossierActions(trx, row.bhxh_code, row.id),
      insert: (row, seq, a) =>
        insertDossierAction(trx, {
          bhxh_code: row.bhxh_code,
          dossier_id: row.id,
          seq,
          action: a,
          actor_type: actor.type,
          actor_id: actor.id,
          reason_code: options.reasonCode ?? null,
          reason_text: options.reasonText ?? null,
          details: options.details ?? {},
        }),
      setStatus: (row, status) => updateDossierStatus(trx, row.bhxh_code, row.id, status),
    },
    action,
    {
      notFound: () => new AppError(404, 'not_found', 'notFound'),
      notAllowed: (status, a) => actionNotAllowed(status, a),
      name: (row) => `dossier ${row.number}`,
    },
  );
  return { dossier: appended.row, action: appended.entry };
}

/** The 409 of a refused action, naming the current status and what it allows. */
function actionNotAllowed(status: DossierStatus, action: DossierAction): AppError {
  const allowed = dossierWorkflow.allowedActions(status);
  return new AppError(
    409,
    'action_not_allowed',
    'registration.actionNotAllowed',
    { status, action, allowed: allowed.join(', ') || '—' },
    [],
    { currentStatus: status, allowed: allowed.join(',') },
  );
}

/**
 * The next dossier number of an agency for a year ("00264.GD_2026_091"): one atomic
 * `INSERT … ON CONFLICT DO UPDATE SET last_value = last_value + 1 RETURNING`, so concurrent
 * submissions never share a number. A rolled-back transaction gives its number back.
 */
async function nextDossierNumber(trx: Kysely<Database>, agencyCode: string, year: number): Promise<string> {
  const sequence = await incrementSequence(trx, agencyCode, year);
  return formatDossierNumber(sequence, year, agencyCode);
}

/**
 * Creates a dossier in `draft` (the workflow's initial status) with a fresh id and number; its
 * log is empty. The citizen side then appends `submit`; a bulk import leaves it as a draft.
 * The deadline is 10 days from `submittedAt` (for a draft: refreshed when it is submitted by
 * the caller if it wishes; the expiry job only looks at `submitted` dossiers).
 * Throws the database's unique violation (23505) on a second open dossier for the same person
 * (`dossiers_one_open_idx`) or a reused idempotency key: callers translate it.
 */
export async function createDossier(
  trx: Kysely<Database>,
  input: Omit<NewDossier, 'id' | 'number' | 'status' | 'deadline_at' | 'submitted_at'> & {
    submittedAt?: Date;
  },
): Promise<DossierRow> {
  const submittedAt = input.submittedAt ?? new Date();
  const { submittedAt: _ignored, ...rest } = input;
  const number = await nextDossierNumber(
    trx,
    input.agency_code,
    vietnamYear(submittedAt) /* numbers follow Vietnam's calendar year */,
  );
  return insertDossier(trx, {
    ...rest,
    id: randomUUID(),
    number,
    status: dossierWorkflow.initial,
    submitted_at: submittedAt,
    deadline_at: paperFormDeadline(submittedAt),
  });
}

interface DossierDetail extends DossierRow {
  actions: DossierActionRow[];
  files: DossierFileRow[];
}

/** One dossier with its log and files, by number or by (BHXH code, id); undefined when unknown. */
export async function getDossier(
  db: Kysely<Database>,
  key: { number: string } | { bhxhCode: string; id: string },
): Promise<DossierDetail | undefined> {
  const row =
    'number' in key
      ? await findDossierByNumber(db, key.number)
      : await findDossierById(db, key.bhxhCode, key.id);
  if (!row) return undefined;
  const [actions, files] = await Promise.all([
    listDossierActions(db, row.bhxh_code, row.id),
    listDossierFiles(db, row.bhxh_code, row.id),
  ]);
  return { ...row, actions, files };
}

/** True when a database error is a unique violation (on that constraint or index, when named). */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const e = error as { code?: unknown; constraint?: unknown; message?: unknown };
  if (e.code !== '23505') return false;
  if (!constraint) return true;
  return e.constraint === constraint || (typeof e.message === 'string' && e.message.includes(constraint));
}
