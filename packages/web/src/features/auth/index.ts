/**
 * Sign-in (issue 4): route guards and the screens: sign-in with OTP on a new device, signed out by
 * another device, forced and voluntary password change, forgot password. The session itself
 * (`useSession`, `AuthRoot`, `Session`, `Role`) is in `app/session`.
 */
export { fetchDevices, fetchPasskeys, fetchSignIns, removePasskey } from './api';
export { RequireSession, SignOutButton } from './guards';

export { SignInNeededNotice } from './sign-in-needed';
export { messageOf } from './errors';
