/**
 * The pure rules of the session: where to go after signing in, who may enter which back office,
 * what a failed `/session` call means. No React, no fetch: unit-tested in session-logic.test.ts.
 */
import { ApiError } from '../../shared/api';
import { PATHS, STAFF_GROUPS, type StaffGroup } from '../../shared/paths';
import { type Role, type Session, SESSION_END_REASONS, type SessionEndReason } from './api';

/** The roles each back office admits (architecture.md "Security model"). */
export const ROLES_OF_GROUP = {
  officer: ['officer', 'agency_admin', 'communications'],
  employer: ['employer'],
  clinic: ['clinic'],
} as const satisfies Record<StaffGroup, readonly Role[]>;

/** The back office of a staff role; null for citizens. */
export function staffGroupOf(role: Role): StaffGroup | null {
  for (const group of STAFF_GROUPS) {
    if ((ROLES_OF_GROUP[group] as readonly Role[]).includes(role)) return group;
  }
  return null;
}

/** The back office a path belongs to (`/officer/dossiers` → officer), or null for the citizen app. */
export function staffGroupOfPath(pathname: string): StaffGroup | null {
  for (const group of STAFF_GROUPS) {
    const base = PATHS[group];
    if (pathname === base || pathname.startsWith(`${base}/`)) return group;
  }
  return null;
}

/** Paths that must never be a destination after signing in (they would loop or make no sense). */
const NOT_A_DESTINATION = [PATHS.signIn, PATHS.signedOut, PATHS.newPassword, PATHS.forgotPassword];

/**
 * `?next=` made safe: only a path of this app (`/card?x=1#y`), never another site (`//evil.example`,
 * `https://…`, `/\evil`), never the sign-in screens themselves. Anything else gives `fallback`.
 */
export function safeNext(next: string | null | undefined, fallback: string = PATHS.home): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return fallback;
  // Control characters (a tab or newline inside a URL) are dropped by URL parsers: refuse them.
  for (let i = 0; i < next.length; i++) {
    const c = next.charCodeAt(i);
    if (c < 0x20 || c === 0x7f) return fallback;
  }
  let url: URL;
  try {
    url = new URL(next, 'https://app.invalid');
  } catch {
    return fallback;
  }
  if (url.origin !== 'https://app.invalid') return fallback;
  if (NOT_A_DESTINATION.some((p) => url.pathname === p)) return fallback;
  return `${url.pathname}${url.search}${url.hash}`;
}

/** `/sign-in?next=<path>`: where a page that needs a session sends an anonymous visitor. */
export function signInPath(next: string): string {
  return next === PATHS.home ? PATHS.signIn : `${PATHS.signIn}?next=${encodeURIComponent(next)}`;
}

/**
 * Where to go once signed in: the forced password change first, then `next` when this role may
 * see it; staff asked for the citizen app land in their own back office, and nobody lands in a
 * back office that is not theirs.
 */
export function landingAfterSignIn(session: Session, next: string | null | undefined): string {
  const role = session.account.role;
  const own = staffGroupOf(role);
  let target = safeNext(next, own ? PATHS[own] : PATHS.home);
  const targetGroup = staffGroupOfPath(target.split(/[?#]/)[0] ?? '/');
  if (targetGroup && targetGroup !== own) target = own ? PATHS[own] : PATHS.home;
  // Assumption: staff use the citizen app only through their back office, so a staff member who
  // signed in from a citizen page (`/card`) is taken to the back office instead.
  if (own && !targetGroup) target = PATHS[own];
  if (session.mustChangePassword) return `${PATHS.newPassword}?next=${encodeURIComponent(target)}`;
  return target;
}

/** What a failed `GET /session` says about the session. */
type SessionProbe =
  | { kind: 'anonymous' }
  | { kind: 'ended'; reason: SessionEndReason }
  /** The access token expired and could not be renewed: the reason must be asked for. */
  | { kind: 'refresh_failed' }
  | { kind: 'other' };

export function isSessionEndReason(value: unknown): value is SessionEndReason {
  return typeof value === 'string' && (SESSION_END_REASONS as readonly string[]).includes(value);
}

export function probeOf(error: unknown): SessionProbe {
  if (!(error instanceof ApiError) || error.status !== 401) return { kind: 'other' };
  if (error.code === 'session_ended') {
    const reason = error.problem.reason;
    // Assumption: a session_ended without a known reason is reported as expired.
    return { kind: 'ended', reason: isSessionEndReason(reason) ? reason : 'expired' };
  }
  if (error.code === 'token_expired') return { kind: 'refresh_failed' };
  return { kind: 'anonymous' };
}
