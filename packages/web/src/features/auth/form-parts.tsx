import { type ComponentProps, type ReactNode, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';

/** A submit button that says it is working and cannot be pressed twice. */
export function SubmitButton({ busy, children }: { busy: boolean; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <button type="submit" className="button button--primary button--block" disabled={busy} aria-busy={busy}>
      {busy ? t('auth.working') : children}
    </button>
  );
}

/** A message about the whole form (not one field), announced when it appears. */
export function FormError({ message }: { message: string | null | undefined }) {
  if (!message) return null;
  return (
    <p className="form-error" role="alert">
      {message}
    </p>
  );
}

type PasswordInputProps = Omit<
  ComponentProps<'input'>,
  'id' | 'type' | 'className' | 'aria-describedby' | 'aria-invalid'
>;

/** A password with its label and a show/hide button (the button is a real, labelled toggle). */
export function PasswordField({
  label,
  hint,
  error,
  ...input
}: PasswordInputProps & { label: string; hint?: string | undefined; error?: string | undefined }) {
  const { t } = useTranslation();
  const id = useId();
  const [shown, setShown] = useState(false);
  const described = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ');
  return (
    <div className="field password-field">
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      {hint ? (
        <span id={`${id}-hint`} className="field__hint">
          {hint}
        </span>
      ) : null}
      {error ? (
        <span id={`${id}-error`} className="field__error">
          {error}
        </span>
      ) : null}
      <div className="password-field__control">
        <input
          {...input}
          id={id}
          type={shown ? 'text' : 'password'}
          autoCapitalize="none"
          spellCheck={false}
          aria-describedby={described || undefined}
          aria-invalid={error ? true : undefined}
        />
        <button
          type="button"
          className="password-field__toggle"
          aria-pressed={shown}
          aria-controls={id}
          onClick={() => {
            setShown((s) => !s);
          }}
        >
          {shown ? t('auth.password.hide') : t('auth.password.show')}
        </button>
      </div>
    </div>
  );
}

/** What a new password must be, shown before it is typed (the server checks it again). */
export function PasswordPolicy() {
  const { t } = useTranslation();
  return (
    <div>
      <p className="field__label">{t('auth.policy.title')}</p>
      <ul className="checklist" data-testid="password-policy">
        <li>{t('auth.policy.length')}</li>
        <li>{t('auth.policy.personal')}</li>
        <li>{t('auth.policy.common')}</li>
      </ul>
    </div>
  );
}
