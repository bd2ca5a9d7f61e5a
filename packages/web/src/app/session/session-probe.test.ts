import { describe, expect, it } from 'vitest';
import { NetworkError } from '../../shared/api';
import type { Session } from './api';
import { type ProbeCalls, probeSession, type SessionState } from './session-probe';
import { apiProblem } from '../../shared/api-testing';

const session = { account: { id: 'a1', role: 'citizen' } } as unknown as Session;
function calls(answer: Session | Error, cookie = true): ProbeCalls & { asked: number } {
  const out = {
    asked: 0,
    hasSessionCookie: () => cookie,
    fetchSession: () => {
      out.asked++;
      return answer instanceof Error ? Promise.reject(answer) : Promise.resolve(answer);
    },
  };
  return out;
}

const loading: SessionState = { status: 'loading' };
const signedIn: SessionState = { status: 'signed_in', session };

describe('probeSession', () => {
  it('asks nothing without the session cookie', async () => {
    const c = calls(session, false);
    expect(await probeSession(loading, c)).toEqual({ status: 'anonymous' });
    expect(c.asked).toBe(0);
    // The cookies vanished under a signed-in screen: another window signed out.
    expect(await probeSession(signedIn, c)).toEqual({ status: 'ended', reason: 'signed_out' });
  });

  it('opens the session the server describes', async () => {
    expect(await probeSession(loading, calls(session))).toEqual({ status: 'signed_in', session });
  });

  it('ends with the reason the server gives, from /session or from the refused refresh', async () => {
    const replaced = apiProblem(401, 'session_ended', { reason: 'replaced_by_new_device' });
    expect(await probeSession(signedIn, calls(replaced))).toEqual({
      status: 'ended',
      reason: 'replaced_by_new_device',
    });
    // At start too: a phone reopened the next day is told.
    expect(await probeSession(loading, calls(replaced))).toEqual({
      status: 'ended',
      reason: 'replaced_by_new_device',
    });
  });

  it('tells an expired session from a visitor who never had one', async () => {
    const anonymous = apiProblem(401, 'unauthenticated');
    expect(await probeSession(signedIn, calls(anonymous))).toEqual({ status: 'ended', reason: 'expired' });
    expect(await probeSession(loading, calls(anonymous))).toEqual({ status: 'anonymous' });
  });

  it('keeps what it believed when the answer says nothing about the session', async () => {
    for (const error of [
      new NetworkError(new TypeError('offline')),
      apiProblem(503, 'unavailable'),
      apiProblem(429, 'rate_limited'),
      apiProblem(401, 'token_expired'),
    ]) {
      expect(await probeSession(signedIn, calls(error))).toBe(signedIn);
    }
    expect(await probeSession(loading, calls(new NetworkError(new TypeError('offline'))))).toEqual({
      status: 'offline',
    });
    expect(await probeSession(loading, calls(apiProblem(500, 'internal')))).toEqual({ status: 'anonymous' });
  });
});
