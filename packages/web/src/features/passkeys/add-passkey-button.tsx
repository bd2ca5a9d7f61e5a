import { browserSupportsWebAuthn, startRegistration } from '@simplewebauthn/browser';
import { type SubmitEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Field } from '../../design';
import { messageOf } from '../auth';
import {
  creationOptions,
  credentialJson,
  isCancelled,
  passkeyRegistrationOptions,
  registerPasskey,
} from './api';

/**
 * "Thêm vân tay / khuôn mặt" on the profile's passkeys card: registers a passkey of this device
 * (user verification required) under an optional name, then lets the card reload its list.
 */
export function AddPasskeyButton({ onAdded }: { onAdded: () => void }) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [added, setAdded] = useState<string | null>(null);

  if (!browserSupportsWebAuthn()) return <p className="field__hint">{t('passkeys.unsupported')}</p>;

  const add = async (event: SubmitEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setAdded(null);
    try {
      const challenge = await passkeyRegistrationOptions({});
      const response = await startRegistration({ optionsJSON: creationOptions(challenge) });
      const passkey = await registerPasskey({
        body: {
          challengeId: challenge.challengeId,
          response: credentialJson(response),
          ...(name.trim() ? { name: name.trim() } : {}),
        },
      });
      setAdded(passkey.name);
      setName('');
      onAdded();
    } catch (e) {
      setError(isCancelled(e) ? t('passkeys.cancelled') : messageOf(t, e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      className="auth-actions"
      onSubmit={(event) => {
        void add(event);
      }}
    >
      <p className="field__hint">{t('passkeys.addLead')}</p>
      <Field
        label={t('passkeys.name')}
        hint={t('passkeys.nameHint')}
        name="passkeyName"
        maxLength={60}
        autoComplete="off"
        value={name}
        onChange={(e) => {
          setName(e.target.value);
        }}
      />
      <button type="submit" className="button button--primary button--block" disabled={busy} aria-busy={busy}>
        {busy ? t('passkeys.waiting') : t('passkeys.add')}
      </button>
      {added ? (
        <p role="status" className="field__hint">
          {t('passkeys.added', { name: added })}
        </p>
      ) : null}
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
    </form>
  );
}
