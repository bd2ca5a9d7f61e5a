import { type SubmitEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { Card, Field, Notice, PageHeader } from '../../design';
import { ApiError } from '../../shared/api';
import { PATHS } from '../../shared/paths';
import { type OtpSent, resetPassword, startPasswordReset } from './api';
import { messageOf } from './errors';
import { FormError, SubmitButton } from './form-parts';
import { type NewPasswordValue } from './new-password-fields';
import { OtpPasswordForm } from './otp-password-form';
import './auth.css';
import { withProofOfWork } from '../../shared/proof';

type Channel = 'sms' | 'email';
const CHANNELS = ['sms', 'email'] as const satisfies readonly Channel[];

/**
 * `/forgot-password`: user name and where to send the code (SMS or email), then the code with a
 * new password. The server answers the same for unknown accounts, so the screen never says
 * whether an account exists.
 */
export function ForgotPasswordPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [username, setUsername] = useState('');
  const [channel, setChannel] = useState<Channel>('sms');
  const [challenge, setChallenge] = useState<OtpSent | null>(null);
  const [value, setValue] = useState<NewPasswordValue>({ password: '', confirm: '' });
  const [errors, setErrors] = useState<{ username?: string }>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const start = async (event: SubmitEvent) => {
    event.preventDefault();
    setFormError(null);
    if (!username.trim()) {
      setErrors({ username: t('auth.signIn.usernameMissing') });
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      setChallenge(
        await withProofOfWork((proof) =>
          startPasswordReset({ body: { username: username.trim(), channel, ...proof } }),
        ),
      );
    } catch (error) {
      const field = error instanceof ApiError ? error.fieldMessage('username') : undefined;
      if (field) setErrors({ username: field });
      else setFormError(messageOf(t, error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <PageHeader title={t('auth.forgot.title')} lead={t('auth.forgot.lead')} />
      <Card>
        {challenge ? (
          <OtpPasswordForm
            challenge={challenge}
            onResent={setChallenge}
            onRestart={(message) => {
              setChallenge(null);
              setFormError(message);
            }}
            submit={async (challengeId, code, password) => {
              await resetPassword({ body: { challengeId, code, newPassword: password } });
              void navigate(PATHS.signIn, { replace: true, state: { notice: 'passwordReset' } });
            }}
            value={value}
            onValueChange={setValue}
            testId="reset-password-form"
            submitLabel={t('auth.forgot.submit')}
            before={
              <Notice>
                {challenge.destination
                  ? t('auth.forgot.sentIfKnown', { destination: challenge.destination })
                  : t('auth.forgot.sentIfKnownRegistered')}
              </Notice>
            }
          />
        ) : (
          <form
            className="auth-form"
            noValidate
            data-testid="reset-password-start"
            onSubmit={(e) => void start(e)}
          >
            <Field
              label={t('auth.signIn.username')}
              name="username"
              autoComplete="username"
              autoCapitalize="none"
              spellCheck={false}
              value={username}
              onChange={(e) => {
                setUsername(e.target.value);
              }}
              error={errors.username}
            />
            <fieldset className="choices">
              <legend>{t('auth.forgot.channel')}</legend>
              {CHANNELS.map((c) => (
                <label key={c}>
                  <input
                    type="radio"
                    name="channel"
                    value={c}
                    checked={channel === c}
                    onChange={() => {
                      setChannel(c);
                    }}
                  />
                  {t(`auth.forgot.channels.${c}`)}
                </label>
              ))}
            </fieldset>
            <FormError message={formError} />
            <SubmitButton busy={busy}>{t('auth.forgot.sendCode')}</SubmitButton>
          </form>
        )}
      </Card>
      <Link to={PATHS.signIn}>{t('auth.forgot.back')}</Link>
    </>
  );
}
