import { browserSupportsWebAuthn, startAuthentication } from '@simplewebauthn/browser';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { messageOf } from '../auth';
import type { Session } from '../../app/session';
import {
  authenticateWithPasskey,
  credentialJson,
  isCancelled,
  passkeyAuthenticationOptions,
  requestOptions,
} from './api';

/**
 * "Đăng nhập bằng vân tay / khuôn mặt" on the sign-in screen: asks the device for a passkey of
 * this site (the typed user name narrows the choice; without one the device offers its own) and
 * hands the session the server opened to the screen. No OTP: the passkey proved the device and
 * the person (fingerprint, face or screen lock).
 */
export function PasskeySignInButton({
  username,
  onSignedIn,
}: {
  username: string;
  onSignedIn: (session: Session) => void;
}) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  if (!browserSupportsWebAuthn()) return null;

  const signIn = async () => {
    setBusy(true);
    setMessage(null);
    try {
      const challenge = await passkeyAuthenticationOptions({ body: username ? { username } : {} });
      const response = await startAuthentication({ optionsJSON: requestOptions(challenge) });
      const result = await authenticateWithPasskey({
        body: { challengeId: challenge.challengeId, response: credentialJson(response), client: 'web' },
      });
      onSignedIn(result.session);
    } catch (error) {
      setMessage(isCancelled(error) ? t('passkeys.cancelled') : messageOf(t, error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <button
        type="button"
        className="button button--secondary button--block"
        disabled={busy}
        aria-busy={busy}
        onClick={() => {
          void signIn();
        }}
      >
        {busy ? t('passkeys.waiting') : t('passkeys.signIn')}
      </button>
      {message ? (
        <p className="form-error" role="alert">
          {message}
        </p>
      ) : null}
    </>
  );
}
