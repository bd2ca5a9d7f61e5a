import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defineWorkflow } from './workflow';

type Status = 'submitted' | 'checked' | 'approved' | 'rejected' | 'expired';
type Action = 'check' | 'approve' | 'reject' | 'expire';
const dossier = defineWorkflow<Status, Action>({
  initial: 'submitted',
  transitions: {
    submitted: { check: 'checked', reject: 'rejected', expire: 'expired' },
    checked: { approve: 'approved', reject: 'rejected' },
    approved: {},
    rejected: {},
    expired: {},
  },
});

describe('workflow', () => {
  it('folds accepted actions into a status', () => {
    expect(dossier.foldStatus([])).toEqual({ ok: true, status: 'submitted' });
    expect(dossier.foldStatus(['check', 'approve'])).toEqual({ ok: true, status: 'approved' });
  });

  it('refuses an action the status does not allow, naming the allowed ones', () => {
    expect(dossier.apply('submitted', 'approve')).toEqual({
      ok: false,
      error: {
        code: 'workflow.action_not_allowed',
        status: 'submitted',
        action: 'approve',
        allowed: ['check', 'reject', 'expire'],
      },
    });
    expect(dossier.allowedActions('approved')).toEqual([]);
  });

  it('only ever reaches a status of the table, and a refused action changes nothing', () => {
    const statuses = Object.keys(dossier.transitions);
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom<Action>('check', 'approve', 'reject', 'expire'), { maxLength: 8 }),
        (actions) => {
          let status: Status = dossier.initial;
          for (const a of actions) {
            const r = dossier.apply(status, a);
            if (r.ok) status = r.status;
            else expect(r.error.status).toBe(status);
            expect(statuses).toContain(status);
          }
        },
      ),
    );
  });
});
