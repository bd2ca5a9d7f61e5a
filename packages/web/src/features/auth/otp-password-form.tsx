import { type ReactNode, type SubmitEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../shared/api';
import type { OtpSent } from './api';
import { messageOf, otpProblemOf } from './errors';
import { FormError, SubmitButton } from './form-parts';
import { checkNewPassword, NewPasswordFields, type NewPasswordValue } from './new-password-fields';
import { OtpField } from './otp-field';
import { OTP_LENGTH } from './otp-logic';

/**
 * The second step of a password reset or change: the code sent by the server and the new
 * password (typed twice). A code that can no longer be used sends the caller back to its first
 * step through `onRestart`, with the message to show there.
 */
export function OtpPasswordForm({
  challenge,
  onResent,
  onRestart,
  submit,
  value,
  onValueChange,
  testId,
  submitLabel,
  before,
  after,
}: {
  challenge: OtpSent;
  onResent: (challenge: OtpSent) => void;
  onRestart: (message: string) => void;
  /** Sends the code and the new password; resolves once the caller has moved on. */
  submit: (challengeId: string, code: string, password: string) => Promise<void>;
  /** The new password, kept by the caller so that it survives a restart. */
  value: NewPasswordValue;
  onValueChange: (value: NewPasswordValue) => void;
  testId: string;
  submitLabel: string;
  before?: ReactNode;
  after?: ReactNode;
}) {
  const { t } = useTranslation();
  const [code, setCode] = useState('');
  const [errors, setErrors] = useState<{ otp?: string; password?: string; confirm?: string }>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const finish = async (event: SubmitEvent) => {
    event.preventDefault();
    setFormError(null);
    const local = {
      ...(code.length === OTP_LENGTH ? {} : { otp: t('auth.otp.incomplete') }),
      ...checkNewPassword(value, t),
    };
    setErrors(local);
    if (Object.keys(local).length) return;
    setBusy(true);
    try {
      await submit(challenge.challengeId, code, value.password);
    } catch (error) {
      const otp = otpProblemOf(t, error);
      const field = error instanceof ApiError ? error.fieldMessage('newPassword') : undefined;
      if (otp?.restart) onRestart(otp.message);
      else if (otp) setErrors({ otp: otp.message });
      else if (field) setErrors({ password: field });
      else setFormError(messageOf(t, error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="auth-form" noValidate data-testid={testId} onSubmit={(e) => void finish(e)}>
      {before}
      <OtpField
        challenge={challenge}
        value={code}
        onChange={setCode}
        onResent={onResent}
        error={errors.otp}
      />
      <NewPasswordFields
        value={value}
        onChange={onValueChange}
        error={errors.password}
        confirmError={errors.confirm}
      />
      <FormError message={formError} />
      <SubmitButton busy={busy}>{submitLabel}</SubmitButton>
      {after}
    </form>
  );
}
