import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Card } from '../../design';
import { ApiError } from '../../shared/api';
import { fetchPasskeys, messageOf, removePasskey } from '../auth';
import { AddPasskeyButton } from './add-passkey-button';
import { useFormat } from '../../i18n/format';
import { useLoad } from './use-load';

const loadPasskeys = () => fetchPasskeys({});

/** Passkeys (khóa truy cập) of the account: list, remove one (asked twice), and add one (slot). */
export function PasskeysCard() {
  const { t } = useTranslation();
  const f = useFormat();
  const { state, reload } = useLoad(loadPasskeys);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const remove = async (id: string) => {
    setError(null);
    try {
      await removePasskey({ params: { id } });
      setConfirming(null);
      reload();
    } catch (e) {
      setError(messageOf(t, e));
    }
  };

  return (
    <Card title={t('profile.passkeys.title')}>
      <div data-testid="passkeys-card">
        <p className="field__hint">{t('profile.passkeys.lead')}</p>
        {state.status === 'loading' ? <p role="status">{t('auth.checking')}</p> : null}
        {state.status === 'failed' && state.error instanceof ApiError && state.error.status === 404 ? (
          // A server without the passkey routes (they come with the WebAuthn work).
          <p>{t('profile.passkeys.unavailable')}</p>
        ) : state.status === 'failed' ? (
          <p className="form-error">{messageOf(t, state.error)}</p>
        ) : null}
        {state.status === 'done' && state.data.passkeys.length === 0 ? (
          <p>{t('profile.passkeys.none')}</p>
        ) : null}
        {state.status === 'done' && state.data.passkeys.length > 0 ? (
          <ul className="plain-list">
            {state.data.passkeys.map((passkey) => (
              <li key={passkey.id}>
                <span>
                  <strong>{passkey.name}</strong>
                  <span className="plain-list__meta">
                    {t('profile.passkeys.created', { at: f.dateTime(passkey.createdAt) })}
                    {' · '}
                    {passkey.lastUsedAt
                      ? t('profile.passkeys.lastUsed', {
                          at: f.dateTime(passkey.lastUsedAt),
                        })
                      : t('profile.passkeys.neverUsed')}
                  </span>
                </span>
                {confirming === passkey.id ? (
                  <span className="auth-actions__row">
                    <Button
                      onClick={() => {
                        void remove(passkey.id);
                      }}
                    >
                      {t('profile.passkeys.confirmRemove', { name: passkey.name })}
                    </Button>
                    <Button
                      variant="secondary"
                      onClick={() => {
                        setConfirming(null);
                      }}
                    >
                      {t('profile.cancel')}
                    </Button>
                  </span>
                ) : (
                  <Button
                    variant="secondary"
                    onClick={() => {
                      setConfirming(passkey.id);
                    }}
                  >
                    {t('profile.passkeys.remove')}
                  </Button>
                )}
              </li>
            ))}
          </ul>
        ) : null}
        {error ? (
          <p className="form-error" role="alert">
            {error}
          </p>
        ) : null}
        <AddPasskeyButton onAdded={reload} />
      </div>
    </Card>
  );
}
