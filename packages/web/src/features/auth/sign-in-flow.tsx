import { type SubmitEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Field, Notice } from '../../design';
import { ApiError } from '../../shared/api';
import { PATHS, type StaffGroup } from '../../shared/paths';
import { completeSignIn, type OtpSent, signIn } from './api';
import { messageOf, otpProblemOf, problemNumber } from './errors';
import { FormError, PasswordField, SubmitButton } from './form-parts';
import { OtpField } from './otp-field';
import { PasskeyButton } from './passkey-button';
import { VneidButton } from './vneid-button';
import type { Session } from '../../app/session';
import { OTP_LENGTH } from './otp-logic';
import './auth.css';
import { withProofOfWork } from '../../shared/proof';

type Step =
  { kind: 'credentials' } | { kind: 'otp'; challenge: OtpSent; reason: 'new_device' | 'staff_second_factor' };

/**
 * The whole sign-in: user name and password, then (on a new device, and for staff every time) the
 * OTP sent by SMS, with the warning that the device in use will be signed out. Calls `onSignedIn`
 * with the session once the server opened one.
 */
export function SignInFlow({
  group,
  onSignedIn,
}: {
  /** Signing in to a back office: the staff hint is shown. */
  group?: StaffGroup | null | undefined;
  onSignedIn: (session: Session, replacedDevice: boolean) => void;
}) {
  const { t } = useTranslation();
  const [step, setStep] = useState<Step>({ kind: 'credentials' });
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [fieldErrors, setFieldErrors] = useState<{ username?: string; password?: string; otp?: string }>({});
  const [formError, setFormError] = useState<string | null>(null);

  const submitCredentials = async (event: SubmitEvent) => {
    event.preventDefault();
    const missing = {
      ...(username.trim() ? {} : { username: t('auth.signIn.usernameMissing') }),
      ...(password ? {} : { password: t('auth.signIn.passwordMissing') }),
    };
    setFieldErrors(missing);
    setFormError(null);
    if (Object.keys(missing).length) return;
    setBusy(true);
    try {
      // After failures the server asks for a proof of work first (428): solved here, then resent.
      const result = await withProofOfWork((proof) =>
        signIn({ body: { username: username.trim(), password, ...proof } }),
      );
      if (result.status === 'signed_in') {
        onSignedIn(result.session, false);
        return;
      }
      setCode('');
      setStep({ kind: 'otp', challenge: result, reason: result.reason });
    } catch (error) {
      if (error instanceof ApiError) {
        const fields = {
          ...(error.fieldMessage('username') ? { username: error.fieldMessage('username') } : {}),
          ...(error.fieldMessage('password') ? { password: error.fieldMessage('password') } : {}),
        };
        setFieldErrors(fields);
        if (error.code === 'rate_limited') {
          const seconds = problemNumber(error, 'retryAfterSeconds');
          setFormError(
            seconds === null
              ? error.problem.title
              : t('auth.signIn.tooMany', { minutes: Math.max(1, Math.ceil(seconds / 60)) }),
          );
        } else if (!Object.keys(fields).length) setFormError(error.problem.title);
      } else setFormError(messageOf(t, error));
    } finally {
      setBusy(false);
    }
  };

  const submitOtp = async (event: SubmitEvent, challenge: OtpSent) => {
    event.preventDefault();
    setFormError(null);
    if (code.length !== OTP_LENGTH) {
      setFieldErrors({ otp: t('auth.otp.incomplete') });
      return;
    }
    setFieldErrors({});
    setBusy(true);
    try {
      const result = await completeSignIn({ body: { challengeId: challenge.challengeId, code } });
      onSignedIn(result.session, result.replacedDevice);
    } catch (error) {
      const problem = otpProblemOf(t, error);
      if (problem?.restart) {
        setStep({ kind: 'credentials' });
        setPassword('');
        setFormError(problem.message);
      } else if (problem) setFieldErrors({ otp: problem.message });
      else setFormError(messageOf(t, error));
    } finally {
      setBusy(false);
    }
  };

  if (step.kind === 'otp') {
    return (
      <form
        className="auth-form"
        noValidate
        data-testid="sign-in-otp"
        onSubmit={(e) => void submitOtp(e, step.challenge)}
      >
        {step.reason === 'new_device' ? (
          <Notice tone="warn" live>
            <strong>{t('auth.newDevice.title')}</strong> {t('auth.newDevice.warning')}
          </Notice>
        ) : (
          <Notice live icon="lock">
            {t('auth.otp.staffReason')}
          </Notice>
        )}
        <OtpField
          challenge={step.challenge}
          value={code}
          onChange={setCode}
          onResent={(challenge) => {
            setStep({ ...step, challenge });
          }}
          error={fieldErrors.otp}
        />
        <FormError message={formError} />
        <div className="auth-actions">
          <SubmitButton busy={busy}>{t('auth.otp.confirm')}</SubmitButton>
          <button
            type="button"
            className="button button--secondary button--block"
            onClick={() => {
              setStep({ kind: 'credentials' });
              setFieldErrors({});
              setFormError(null);
            }}
          >
            {t('auth.otp.back')}
          </button>
        </div>
      </form>
    );
  }

  return (
    <form
      className="auth-form"
      noValidate
      data-testid="sign-in-form"
      onSubmit={(e) => void submitCredentials(e)}
    >
      {group ? <Notice icon="lock">{t(`staff.${group}.signIn`)}</Notice> : null}
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
        error={fieldErrors.username}
      />
      <PasswordField
        label={t('auth.signIn.password')}
        name="password"
        autoComplete="current-password"
        value={password}
        onChange={(e) => {
          setPassword(e.target.value);
        }}
        error={fieldErrors.password}
      />
      <FormError message={formError} />
      <div className="auth-actions">
        <SubmitButton busy={busy}>{t('auth.signIn.submit')}</SubmitButton>
        <PasskeyButton
          username={username.trim()}
          onSignedIn={(session) => {
            onSignedIn(session, false);
          }}
        />
        <VneidButton group={group ?? null} />
        <div className="auth-actions__row">
          <Link to={PATHS.forgotPassword}>{t('auth.signIn.forgot')}</Link>
          {group ? null : (
            <Link to={PATHS.register} data-testid="sign-in-register">
              {t('registration.entry')}
            </Link>
          )}
        </div>
      </div>
    </form>
  );
}
