/**
 * Sign-in (issue 4): the session for the whole app (`SessionProvider`, `useSession`, `AuthRoot`),
 * route guards, and the screens: sign-in with OTP on a new device, signed out by another device,
 * forced and voluntary password change, forgot password.
 */
export { type Role, type Session, fetchDevices, fetchPasskeys, fetchSignIns, removePasskey } from './api';
export { AuthRoot, useSession } from './session';
export { RequireSession, SignOutButton } from './guards';

export { SignInNeededNotice } from './sign-in-needed';
export { messageOf } from './errors';
