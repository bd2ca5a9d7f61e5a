import fc from 'fast-check';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { type ActionOf, defineWorkflow, type StatusOf, type TransitionTable } from './workflow';

type Status = 'draft' | 'submitted' | 'checked' | 'approved' | 'rejected' | 'withdrawn';
type Action = 'submit' | 'check' | 'approve' | 'reject' | 'withdraw' | 'return';

const DOSSIER = {
  draft: { submit: 'submitted', withdraw: 'withdrawn' },
  submitted: { check: 'checked', reject: 'rejected', withdraw: 'withdrawn' },
  checked: { approve: 'approved', reject: 'rejected', return: 'draft' },
  approved: {},
  rejected: {},
  withdrawn: {},
} as const satisfies TransitionTable<Status, Action>;

const dossier = defineWorkflow({ initial: 'draft', transitions: DOSSIER });
const ACTIONS: readonly Action[] = ['submit', 'check', 'approve', 'reject', 'withdraw', 'return'];

describe('workflow', () => {
  it('infers its status and action types from the table', () => {
    expectTypeOf<StatusOf<typeof dossier>>().toEqualTypeOf<Status>();
    expectTypeOf<ActionOf<typeof dossier>>().toEqualTypeOf<Action>();
    // @ts-expect-error a target that is not a status
    defineWorkflow({ initial: 'a', transitions: { a: { go: 'nowhere' } } });
    // @ts-expect-error an initial status without a row
    defineWorkflow({ initial: 'b', transitions: { a: { go: 'a' } } });
  });

  it('folds accepted actions into a status', () => {
    expect(dossier.foldStatus([])).toEqual({ ok: true, status: 'draft' });
    expect(dossier.foldStatus(['submit', 'check', 'approve'])).toEqual({ ok: true, status: 'approved' });
    expect(dossier.foldStatus(['submit', 'check', 'return', 'submit'])).toEqual({
      ok: true,
      status: 'submitted',
    });
  });

  it('refuses an action the status does not allow, naming the status and the allowed actions', () => {
    expect(dossier.apply('submitted', 'approve')).toEqual({
      ok: false,
      error: {
        code: 'workflow.action_not_allowed',
        status: 'submitted',
        action: 'approve',
        allowed: ['check', 'reject', 'withdraw'],
      },
    });
    expect(dossier.foldStatus(['submit', 'approve', 'check'])).toEqual({
      ok: false,
      error: {
        code: 'workflow.action_not_allowed',
        status: 'submitted',
        action: 'approve',
        allowed: ['check', 'reject', 'withdraw'],
        index: 1,
      },
    });
  });

  it('lists statuses, allowed actions and final statuses', () => {
    expect(dossier.statuses).toEqual(['draft', 'submitted', 'checked', 'approved', 'rejected', 'withdrawn']);
    expect(dossier.allowedActions('checked')).toEqual(['approve', 'reject', 'return']);
    expect(dossier.allowedActions('approved')).toEqual([]);
    expect(dossier.statuses.filter((s) => dossier.isFinal(s))).toEqual(['approved', 'rejected', 'withdrawn']);
  });

  it('does not treat inherited object keys as actions', () => {
    expect(dossier.apply('draft', 'toString' as Action).ok).toBe(false);
    expect(dossier.apply('nope' as Status, 'submit')).toMatchObject({ ok: false, error: { allowed: [] } });
  });

  it('never reaches a status outside the table when folding allowed actions', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(), { maxLength: 30 }), (choices) => {
        let status: Status = dossier.initial;
        const log: Action[] = [];
        for (const choice of choices) {
          const allowed = dossier.allowedActions(status);
          const action = allowed[choice % Math.max(1, allowed.length)];
          if (action === undefined) break; // a final status
          const r = dossier.apply(status, action);
          expect(r.ok).toBe(true);
          if (r.ok) status = r.status;
          log.push(action);
          expect(dossier.statuses).toContain(status);
        }
        expect(dossier.foldStatus(log)).toEqual({ ok: true, status });
      }),
    );
  });

  it('leaves the status unchanged when an action is refused', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...ACTIONS), { maxLength: 30 }), (actions) => {
        let status: Status = dossier.initial;
        for (const action of actions) {
          const before = status;
          const r = dossier.apply(status, action);
          if (r.ok) {
            expect(dossier.allowedActions(before)).toContain(action);
            status = r.status;
          } else {
            expect(r.error.status).toBe(before);
            expect(r.error.allowed).toEqual(dossier.allowedActions(before));
            expect(r.error.allowed).not.toContain(action);
          }
          expect(dossier.statuses).toContain(status);
        }
      }),
    );
  });
});
