import { describe, expect, it } from 'vitest';
import {
  clinicChangeWindowOpen,
  formatRequestNumber,
  isRequestLate,
  REQUEST_NUMBER_PATTERN,
  requestSla,
  restartClock,
  serviceRequestWorkflow,
  startClock,
  stopClock,
} from './service-requests';

describe('service request workflow', () => {
  it('follows submitted → received → waiting ↔ supplemented → approved', () => {
    const log = [
      'submit',
      'receive',
      'ask_supplement',
      'supplement',
      'ask_supplement',
      'supplement',
      'approve',
    ] as const;
    expect(serviceRequestWorkflow.foldStatus(log)).toEqual({ ok: true, status: 'approved' });
  });

  it('refuses an action the status does not allow, naming the allowed ones', () => {
    const result = serviceRequestWorkflow.apply('waiting_for_citizen', 'approve');
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'workflow.action_not_allowed',
        status: 'waiting_for_citizen',
        action: 'approve',
        allowed: ['supplement', 'reject', 'withdraw'],
      },
    });
    expect(serviceRequestWorkflow.allowedActions('approved')).toEqual([]);
  });
});

describe('the processing clock', () => {
  it('estimates in working days from submission', () => {
    expect(startClock('2026-12-07', 3).dueOn).toBe('2026-12-10');
    expect(startClock('2026-12-12', 0).dueOn).toBe('2026-12-14'); // filed on Saturday
  });

  it('stops while waiting for the citizen and restarts with the days left, across Tết', () => {
    // 10 working days from Mon 2027-01-25: 2 days used by Wed 27, waiting until Wed 2027-02-03.
    const started = startClock('2027-01-25', 10);
    const stopped = stopClock(started, '2027-01-27');
    expect(stopped).toMatchObject({ usedDays: 2, runningSince: null });
    const restarted = restartClock(stopped, '2027-02-03');
    // 8 days left from 03/02: Thu 4, Fri 12 (Tết 5–11), 15, 16, 17, 18, 19, 22.
    expect(restarted.dueOn).toBe('2027-02-22');
    expect(restartClock(restarted, '2027-03-01')).toBe(restarted); // already running
  });

  it('marks late requests and colours the queue', () => {
    const clock = { dueOn: '2026-12-10', runningSince: '2026-12-07' };
    expect(isRequestLate(clock, 'received', '2026-12-11', null)).toBe(true);
    expect(isRequestLate(clock, 'received', '2026-12-10', null)).toBe(false);
    expect(isRequestLate(clock, 'approved', '2026-12-20', '2026-12-10')).toBe(false);
    expect(isRequestLate(clock, 'approved', '2026-12-20', '2026-12-11')).toBe(true);
    expect(isRequestLate({ ...clock, runningSince: null }, 'waiting_for_citizen', '2026-12-20', null)).toBe(
      false,
    );
    expect(requestSla(clock, 'received', '2026-12-10')).toBe('due_today');
    expect(requestSla(clock, 'received', '2026-12-11')).toBe('overdue');
    expect(requestSla(clock, 'received', '2026-12-08')).toBe('on_time');
    expect(requestSla(clock, 'approved', '2026-12-11')).toBe('closed');
  });

  it('numbers requests per agency and year', () => {
    expect(formatRequestNumber(42, 2026, '0101')).toBe('DVC.0101.2026.000042');
    expect(REQUEST_NUMBER_PATTERN.test('DVC.0101.2026.000042')).toBe(true);
  });
});

describe('the clinic change window', () => {
  it('opens the first 10 days of each quarter', () => {
    expect(clinicChangeWindowOpen('2027-01-01')).toBe(true);
    expect(clinicChangeWindowOpen('2027-01-10')).toBe(true);
    expect(clinicChangeWindowOpen('2027-01-11')).toBe(false);
    expect(clinicChangeWindowOpen('2026-12-07')).toBe(false);
    expect(clinicChangeWindowOpen('2027-04-05')).toBe(true);
    expect(clinicChangeWindowOpen('2027-05-05')).toBe(false);
  });
});
