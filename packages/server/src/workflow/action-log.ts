import type { Workflow } from '@vssid/domain';

/**
 * THE append step of every action-log workflow (registration dossiers, online service requests):
 * the record is locked, its log folded with its workflow (the log is the truth, not the cached
 * status), a disallowed action refused, then the entry written with the next `seq` and the
 * cached status updated — all in the caller's transaction. Two concurrent actions serialize on
 * the row lock; should one slip past, the (record, seq) primary key refuses it. Each workflow
 * gives its storage (`ActionLogStore`, SQL in its module's repository) and its 409.
 */

/** @public The storage a workflow gives the append step. */
export interface ActionLogStore<Row, Entry extends { action: string }, S extends string, A extends string> {
  /** The record under a row lock (FOR UPDATE), or undefined when it does not exist. */
  lock(): Promise<Row | undefined>;
  /** Its log, in `seq` order. */
  entries(row: Row): Promise<Entry[]>;
  /** Writes the entry `seq` for `action`. */
  insert(row: Row, seq: number, action: A): Promise<Entry>;
  /** Writes the new cached status. */
  setStatus(row: Row, status: S): Promise<Row>;
}

/** @public What the append step answers. */
export interface Appended<Row, Entry, S> {
  row: Row;
  entry: Entry;
  /** The status before the action. */
  previous: S;
  status: S;
}

export async function appendToLog<Row, Entry extends { action: string }, S extends string, A extends string>(
  workflow: Workflow<S, A>,
  store: ActionLogStore<Row, Entry, S, A>,
  action: A,
  errors: {
    notFound: () => Error;
    /** The 409 naming the current status and the allowed actions. */
    notAllowed: (status: S, action: A, allowed: A[]) => Error;
    /** The name of the record in the error of a corrupt log. */
    name: (row: Row) => string;
  },
): Promise<Appended<Row, Entry, S>> {
  const locked = await store.lock();
  if (locked === undefined) throw errors.notFound();
  const log = await store.entries(locked);
  const folded = workflow.foldStatus(log.map((e) => e.action as A));
  // A log that does not fold is corrupt: refuse to build on it (never reached through the engine).
  if (!folded.ok)
    throw new Error(`${errors.name(locked)}: its action log does not fold (${folded.error.action})`);
  const current = folded.status;
  const next = workflow.apply(current, action);
  if (!next.ok) throw errors.notAllowed(current, action, workflow.allowedActions(current));
  const entry = await store.insert(locked, log.length + 1, action);
  const row = await store.setStatus(locked, next.status);
  return { row, entry, previous: current, status: next.status };
}
