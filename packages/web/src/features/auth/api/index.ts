/**
 * The sign-in area's calls, one fetcher each (contracts: `@vssid/domain/api/auth`). Cookies carry
 * the session (HttpOnly access and refresh tokens, a readable CSRF token that `shared/api.ts`
 * echoes); the web always signs in as client `web`. The session's own calls (who is signed in,
 * renewal, sign-out) are in `app/session/api.ts`.
 */
import * as auth from '@vssid/domain/api/auth';
import { fetcher } from '../../../shared/api-call';

export type { OtpSent } from '@vssid/domain/api/auth';
/** User name and password: signed in, or an OTP sent (new device, staff). */
export const signIn = fetcher(auth.signIn);
/** The OTP of a sign-in. */
export const completeSignIn = fetcher(auth.completeSignIn);
export const resendOtp = fetcher(auth.resendOtp);
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
