/**
 * Action-log state machines (style guide §3): a workflow's status is folded from its accepted
 * actions; a typed table says which actions each status allows and where they lead.
 */
export type TransitionTable<S extends string, A extends string> = Record<S, Partial<Record<A, S>>>;

export type ApplyResult<S extends string, A extends string> =
  | { ok: true; status: S }
  | { ok: false; error: { code: 'workflow.action_not_allowed'; status: S; action: A; allowed: A[] } };

export interface Workflow<S extends string, A extends string> {
  initial: S;
  transitions: TransitionTable<S, A>;
  allowedActions(status: S): A[];
  apply(status: S, action: A): ApplyResult<S, A>;
  /** The status after the actions, in order; a refused action is an error (an accepted log never holds one). */
  foldStatus(actions: readonly A[]): ApplyResult<S, A>;
}

export function defineWorkflow<S extends string, A extends string>(definition: {
  initial: S;
  transitions: TransitionTable<S, A>;
}): Workflow<S, A> {
  const { initial, transitions } = definition;
  const allowedActions = (status: S) => Object.keys(transitions[status]) as A[];
  const apply = (status: S, action: A): ApplyResult<S, A> => {
    const next = transitions[status][action];
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
    allowedActions,
    apply,
    foldStatus(actions) {
      let status = initial;
      for (const action of actions) {
        const r = apply(status, action);
        if (!r.ok) return r;
        status = r.status;
      }
      return { ok: true, status };
    },
  };
}
