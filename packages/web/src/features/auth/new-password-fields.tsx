import { useTranslation } from 'react-i18next';
import { PasswordField, PasswordPolicy } from './form-parts';

export interface NewPasswordValue {
  password: string;
  confirm: string;
}

/** The new password twice, under the policy; `error` is the server's (translated) policy message. */
export function NewPasswordFields({
  value,
  onChange,
  error,
  confirmError,
}: {
  value: NewPasswordValue;
  onChange: (value: NewPasswordValue) => void;
  error?: string | undefined;
  confirmError?: string | undefined;
}) {
  const { t } = useTranslation();
  return (
    <>
      <PasswordPolicy />
      <PasswordField
        label={t('auth.password.new')}
        name="new-password"
        autoComplete="new-password"
        value={value.password}
        onChange={(e) => {
          onChange({ ...value, password: e.target.value });
        }}
        error={error}
      />
      <PasswordField
        label={t('auth.password.confirm')}
        name="confirm-password"
        autoComplete="new-password"
        value={value.confirm}
        onChange={(e) => {
          onChange({ ...value, confirm: e.target.value });
        }}
        error={confirmError}
      />
    </>
  );
}

/** Checks done before asking the server: something typed, and the same twice. */
export function checkNewPassword(
  value: NewPasswordValue,
  t: (key: 'auth.password.missing' | 'auth.password.mismatch') => string,
): { password?: string; confirm?: string } {
  if (!value.password) return { password: t('auth.password.missing') };
  if (value.password !== value.confirm) return { confirm: t('auth.password.mismatch') };
  return {};
}
