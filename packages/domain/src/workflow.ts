/**
 * Action-log state machines (style guide §3). A record (a registration dossier, a service request)
 * keeps the log of its accepted actions; its status is the fold of that log from the initial
 * status. A typed table says, per status, which actions are allowed and the status each leads to:
 *
 * ```ts
 * type Status = 'submitted' | 'approved' | 'rejected';
 * type Action = 'approve' | 'reject';
 * const DOSSIER = {
 *   submitted: { approve: 'approved', reject: 'rejected' },
 *   approved: {},
 *   rejected: {},
 * } as const satisfies TransitionTable<Status, Action>;
 * const dossier = defineWorkflow({ initial: 'submitted', transitions: DOSSIER });
 * ```
 *
 * Every status must have a row (an empty row = final status), and every target must be a status:
 * the compiler checks both. A refused action is answered with the current status and what is
 * allowed (HTTP 409 at the edge).
 */

/** Per status, the allowed actions and the status each leads to. */
export type TransitionTable<S extends string, A extends string> = {
  readonly [K in S]: { readonly [B in A]?: S };
};

export interface ActionNotAllowed<S extends string, A extends string> {
  code: 'workflow.action_not_allowed';
  /** The status the action was refused in (unchanged). */
  status: S;
  action: A;
  /** The actions that status allows. */
  allowed: A[];
}

export type ApplyResult<S extends string, A extends string> =
  { ok: true; status: S } | { ok: false; error: ActionNotAllowed<S, A> };

export type FoldResult<S extends string, A extends string> =
  | { ok: true; status: S }
  | {
      ok: false;
      error: ActionNotAllowed<S, A> & { /** Position of the refused action in the log. */ index: number };
    };

export interface Workflow<S extends string, A extends string> {
  readonly initial: S;
  readonly transitions: TransitionTable<S, A>;
  /** Every status of the table, in table order. */
  readonly statuses: readonly S[];
  /** The actions a status allows, in table order. */
  allowedActions(status: S): A[];
  /** True when no action is allowed any more. */
  isFinal(status: S): boolean;
  /** The status after one action, or the refusal (the status stays as it was). */
  apply(status: S, action: A): ApplyResult<S, A>;
  /**
   * The status after a log of actions, applied in order from the initial status. An accepted log
   * never holds a refused action; if one does, the fold stops there and names it.
   */
  foldStatus(actions: Iterable<A>): FoldResult<S, A>;
}

/**
 * Defines a workflow from its initial status and transition table. Status and action types are
 * inferred from the table, or given explicitly: `defineWorkflow<Status, Action>({ ... })`.
 */
export function defineWorkflow<S extends string, A extends string>(definition: {
  initial: NoInfer<S>;
  transitions: { readonly [K in S]: { readonly [B in A]?: NoInfer<S> } };
}): Workflow<S, A> {
  const transitions: TransitionTable<S, A> = definition.transitions;
  const { initial } = definition;
  const statuses = Object.keys(transitions) as S[];
  // A status read from storage may not be in the table: look rows up defensively.
  const rowOf = (status: S): Partial<Record<A, S>> | undefined =>
    Object.hasOwn(transitions, status) ? transitions[status] : undefined;
  const allowedActions = (status: S): A[] => {
    const row = rowOf(status);
    return row === undefined ? [] : (Object.keys(row) as A[]).filter((a) => row[a] !== undefined);
  };
  const apply = (status: S, action: A): ApplyResult<S, A> => {
    const row = rowOf(status);
    const next = row !== undefined && Object.hasOwn(row, action) ? row[action] : undefined;
    return next === undefined
      ? {
          ok: false,
          error: { code: 'workflow.action_not_allowed', status, action, allowed: allowedActions(status) },
        }
      : { ok: true, status: next };
  };
  return {
    initial,
    transitions,
    statuses,
    allowedActions,
    isFinal: (status) => allowedActions(status).length === 0,
    apply,
    foldStatus(actions) {
      let status = initial;
      let index = 0;
      for (const action of actions) {
        const result = apply(status, action);
        if (!result.ok) return { ok: false, error: { ...result.error, index } };
        status = result.status;
        index++;
      }
      return { ok: true, status };
    },
  };
}

/** The status type of a workflow. */
export type StatusOf<W> = W extends Workflow<infer S, string> ? S : never;
/** The action type of a workflow. */
export type ActionOf<W> = W extends Workflow<string, infer A> ? A : never;
