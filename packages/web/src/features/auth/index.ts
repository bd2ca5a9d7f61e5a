/**
 * Sign-in (issue 4): the session for the whole app (`SessionProvider`, `useSession`, `AuthRoot`),
 * route guards, and the screens: sign-in with OTP on a new device, signed out by another device,
 * forced and voluntary password change, forgot password.
 */
export {
  type Account,
  type Device,
  type Passkey,
  type Role,
  type Session,
  type SessionEndReason,
  type SignInEvent,
  fetchDevices,
  fetchPasskeys,
  fetchSignIns,
  removePasskey,
} from './api';
export { AuthRoot, SESSION_POLL_MS, SessionProvider, type SessionState, useSession } from './session';
export { RequireSession, SignOutButton } from './guards';
export type { SignInNotice } from './sign-in-page';
export { SignInNeededNotice } from './sign-in-needed';
export { messageOf } from './errors';
export { signInPath, staffGroupOf } from './session-logic';
