/**
 * The session's own calls, one fetcher each (contracts: `@vssid/domain/api/auth`): who is signed
 * in, renewing the cookies, signing out here or everywhere. The sign-in screens' calls stay in
 * `features/auth/api/`; a call has exactly one fetcher, here or there.
 */
import * as auth from '@vssid/domain/api/auth';
import { fetcher } from '../../shared/api-call';

export type { Session } from '@vssid/domain/api/auth';
export type { Role } from '@vssid/domain/api/contract';
/**
 * Why the server ended a session (`401 session_ended`, extra field `reason`): the domain's list,
 * from its own entry (the domain's index would bring every rule into the first download).
 */
export { SESSION_END_REASONS, type SessionEndReason } from '@vssid/domain/session';

/** The signed-in account and this session. */
export const fetchSession = fetcher(auth.readSession);
/** Renews the session's cookies (an ended session's answer clears them). */
export const refreshSession = fetcher(auth.refreshSession);
export const signOut = fetcher(auth.signOut);
export const signOutEverywhere = fetcher(auth.signOutEverywhere);
