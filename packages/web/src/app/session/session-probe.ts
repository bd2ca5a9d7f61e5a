/**
 * What the app believes about its session after asking the server, as a function of what it
 * believed before and of what the server answered. The calls are passed in (session-probe.test.ts
 * plays the server's answers).
 */
import { NetworkError } from '../../shared/api';
import type { Session, SessionEndReason } from './api';
import { probeOf } from './session-logic';

export type SessionState =
  | { status: 'loading' }
  /** Nobody is signed in; `farewell` when this screen just signed out (the sign-in page says so). */
  | { status: 'anonymous'; farewell?: 'signedOut' | 'signedOutEverywhere' }
  /** The server could not be reached when the app opened: nobody knows yet. */
  | { status: 'offline' }
  | { status: 'signed_in'; session: Session }
  /** The server ended this device's session (another device signed in, password changed…). */
  | { status: 'ended'; reason: SessionEndReason };

export interface ProbeCalls {
  /** Whether the readable CSRF cookie is there (the server sets it with every session). */
  hasSessionCookie: () => boolean;
  /**
   * `GET /session` through `api()`: an expired access token is renewed there, and a refused
   * renewal comes back as the refresh's own problem (session_ended with its reason).
   */
  fetchSession: () => Promise<Session>;
}

/**
 * Asks `/session`. A 401 with a reason ends the session with that reason (a phone reopened the
 * next day still learns that another device signed in); a 401 without one means a session this
 * screen had has expired, or that nobody is signed in; offline, a 5xx or a 429 say nothing about
 * the session, so what was believed stays.
 */
export async function probeSession(previous: SessionState, calls: ProbeCalls): Promise<SessionState> {
  // Without the readable cookie there is no session to ask about: a visitor who never signed in
  // costs no request (nor a 401 in the console).
  if (!calls.hasSessionCookie()) {
    // Cookies gone while signed in: signed out in another window of this browser.
    return previous.status === 'signed_in'
      ? { status: 'ended', reason: 'signed_out' }
      : { status: 'anonymous' };
  }
  try {
    return { status: 'signed_in', session: await calls.fetchSession() };
  } catch (error) {
    const probe = probeOf(error);
    switch (probe.kind) {
      case 'ended':
        return { status: 'ended', reason: probe.reason };
      case 'anonymous':
        return previous.status === 'signed_in'
          ? { status: 'ended', reason: 'expired' }
          : { status: 'anonymous' };
      // token_expired still: the renewal failed without an answer (offline, 5xx): inconclusive.
      case 'refresh_failed':
      case 'other':
        if (previous.status !== 'loading') return previous;
        return error instanceof NetworkError || probe.kind === 'refresh_failed'
          ? { status: 'offline' }
          : { status: 'anonymous' };
    }
  }
}
