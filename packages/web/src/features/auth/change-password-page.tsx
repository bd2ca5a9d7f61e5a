import { type SubmitEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { Card, PageHeader } from '../../design';
import { ApiError } from '../../shared/api';
import { PATHS } from '../../shared/paths';
import { changePassword, type OtpSent, startPasswordChange } from './api';
import { messageOf } from './errors';
import { FormError, PasswordField, SubmitButton } from './form-parts';
import { type NewPasswordValue } from './new-password-fields';
import { OtpPasswordForm } from './otp-password-form';
import { useSession } from '../../app/session';
import './auth.css';

/** Router state the profile reads to say that the password was changed. */
const PASSWORD_CHANGED_STATE = { notice: 'passwordChanged' } as const;

/**
 * `/profile/password`: current password, then the OTP sent to the phone with the new password.
 * The other devices are signed out by the server; this one stays.
 */
export function ChangePasswordPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { reload } = useSession();
  const [challenge, setChallenge] = useState<OtpSent | null>(null);
  const [current, setCurrent] = useState('');
  const [value, setValue] = useState<NewPasswordValue>({ password: '', confirm: '' });
  const [errors, setErrors] = useState<{ current?: string }>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const start = async (event: SubmitEvent) => {
    event.preventDefault();
    setFormError(null);
    if (!current) {
      setErrors({ current: t('auth.password.missing') });
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      setChallenge(await startPasswordChange({ body: { currentPassword: current } }));
    } catch (error) {
      if (
        error instanceof ApiError &&
        (error.code === 'invalid_credentials' || error.fieldMessage('currentPassword'))
      ) {
        setErrors({ current: error.fieldMessage('currentPassword') ?? t('auth.change.wrongCurrent') });
      } else setFormError(messageOf(t, error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <PageHeader title={t('auth.change.title')} lead={t('auth.change.lead')} />
      <Card>
        {challenge ? (
          <OtpPasswordForm
            challenge={challenge}
            onResent={setChallenge}
            onRestart={(message) => {
              setChallenge(null);
              setCurrent('');
              setFormError(message);
            }}
            submit={async (challengeId, code, password) => {
              await changePassword({ body: { challengeId, code, newPassword: password } });
              await reload();
              void navigate(PATHS.profile, { replace: true, state: PASSWORD_CHANGED_STATE });
            }}
            value={value}
            onValueChange={setValue}
            testId="change-password-form"
            submitLabel={t('auth.change.submit')}
            after={<p className="field__hint">{t('auth.change.othersSignedOut')}</p>}
          />
        ) : (
          <form
            className="auth-form"
            noValidate
            data-testid="change-password-start"
            onSubmit={(e) => void start(e)}
          >
            <PasswordField
              label={t('auth.password.current')}
              name="current-password"
              autoComplete="current-password"
              value={current}
              onChange={(e) => {
                setCurrent(e.target.value);
              }}
              error={errors.current}
            />
            <FormError message={formError} />
            <SubmitButton busy={busy}>{t('auth.change.sendCode')}</SubmitButton>
          </form>
        )}
      </Card>
      <Link to={PATHS.profile}>{t('auth.change.back')}</Link>
    </>
  );
}
