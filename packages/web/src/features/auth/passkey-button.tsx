import type { Session } from '../../app/session';
import { PasskeySignInButton } from '../passkeys';

/** What the sign-in screen gives the passkey button. */
interface PasskeyButtonProps {
  /** The user name typed so far (may be empty: discoverable credentials need none). */
  username: string;
  /** The server answered a passkey sign-in with this session. */
  onSignedIn: (session: Session) => void;
}

/**
 * Slot for the passkey (WebAuthn) sign-in button, filled by the passkeys work (features/passkeys).
 * The sign-in screen already places it under the password form,
 * above the "forgot password" link, and passes the user name typed so far and what to do once
 * the server answered with a session. The VNeID button (vneid-button.tsx) comes right after it.
 */
export function PasskeyButton(props: PasskeyButtonProps) {
  return <PasskeySignInButton {...props} />;
}
