/**
 * The session for the whole app (issue #21 item 6): who is signed in (`useSession`), the router's
 * root that holds it and sends to the signed-out screen or the forced password change
 * (`AuthRoot`), and the rules of where a session may go. Features and shells take the session
 * from here; this folder imports no feature (only `shared/` and the domain's contracts), so no
 * import circle runs through it.
 */
export type { Role, Session } from './api';
export { AuthRoot, useSession } from './session';
export {
  isSessionEndReason,
  landingAfterSignIn,
  ROLES_OF_GROUP,
  safeNext,
  signInPath,
  staffGroupOf,
  staffGroupOfPath,
} from './session-logic';
