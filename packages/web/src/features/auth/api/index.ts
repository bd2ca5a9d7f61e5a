/**
 * The sign-in area's calls, one fetcher each (contracts: `@vssid/domain/api/auth`). Cookies carry
 * the session (HttpOnly access and refresh tokens, a readable CSRF token that `shared/api.ts`
 * echoes); the web always signs in as client `web`.
 */
import * as auth from '@vssid/domain/api/auth';
import { fetcher } from '../../../shared/api-call';

export type { OtpSent, Session } from '@vssid/domain/api/auth';
export type { Role } from '@vssid/domain/api/contract';
/**
 * Why the server ended a session (`401 session_ended`, extra field `reason`): the domain's list,
 * from its own entry (the domain's index would bring every rule into the first download).
 */
export { SESSION_END_REASONS, type SessionEndReason } from '@vssid/domain/session';

/** The signed-in account and this session. */
export const fetchSession = fetcher(auth.readSession);
/** User name and password: signed in, or an OTP sent (new device, staff). */
export const signIn = fetcher(auth.signIn);
/** The OTP of a sign-in. */
export const completeSignIn = fetcher(auth.completeSignIn);
export const resendOtp = fetcher(auth.resendOtp);
/** Renews the session's cookies (an ended session's answer clears them). */
export const refreshSession = fetcher(auth.refreshSession);
export const signOut = fetcher(auth.signOut);
export const signOutEverywhere = fetcher(auth.signOutEverywhere);
/** Replaces an issued password at the first sign-in. */
export const setInitialPassword = fetcher(auth.setInitialPassword);
export const startPasswordChange = fetcher(auth.startPasswordChange);
export const changePassword = fetcher(auth.changePassword);
export const startPasswordReset = fetcher(auth.startPasswordReset);
export const resetPassword = fetcher(auth.resetPassword);
export const fetchDevices = fetcher(auth.listDevices);
export const fetchSignIns = fetcher(auth.listSignIns);
export const fetchPasskeys = fetcher(auth.listPasskeys);
export const removePasskey = fetcher(auth.removePasskey);
