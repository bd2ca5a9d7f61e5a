import { type SubmitEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { Card, Notice, PageHeader } from '../../design';
import { ApiError } from '../../shared/api';
import { setInitialPassword } from './api';
import { messageOf } from './errors';
import { FormError, SubmitButton } from './form-parts';
import { RequireSession, SignOutButton } from './guards';
import { checkNewPassword, NewPasswordFields, type NewPasswordValue } from './new-password-fields';
import { landingAfterSignIn, safeNext, useSession } from '../../app/session';
import './auth.css';

/**
 * `/new-password?next=`: the forced change of an issued password (first sign-in with the password
 * from the SMS or the officer). Nothing else opens until it is done; the server refuses the rest
 * with `password_change_required` anyway.
 */
function ForcedPasswordChange() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const { session, signedIn } = useSession();
  const [value, setValue] = useState<NewPasswordValue>({ password: '', confirm: '' });
  const [errors, setErrors] = useState<{ password?: string; confirm?: string }>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const next = params.get('next');

  if (session && !session.mustChangePassword && !busy) return <Navigate replace to={safeNext(next)} />;

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const local = checkNewPassword(value, t);
    setErrors(local);
    setFormError(null);
    if (Object.keys(local).length) return;
    setBusy(true);
    try {
      const { session: updated } = await setInitialPassword({ body: { newPassword: value.password } });
      signedIn(updated);
      void navigate(landingAfterSignIn(updated, next), { replace: true });
    } catch (error) {
      const field = error instanceof ApiError ? error.fieldMessage('newPassword') : undefined;
      if (field) setErrors({ password: field });
      else setFormError(messageOf(t, error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <PageHeader title={t('auth.initial.title')} lead={t('auth.initial.lead')} />
      <Notice tone="warn">{t('auth.initial.why')}</Notice>
      <Card>
        <form
          className="auth-form"
          noValidate
          data-testid="new-password-form"
          onSubmit={(e) => void submit(e)}
        >
          <NewPasswordFields
            value={value}
            onChange={setValue}
            error={errors.password}
            confirmError={errors.confirm}
          />
          <FormError message={formError} />
          <SubmitButton busy={busy}>{t('auth.initial.submit')}</SubmitButton>
        </form>
      </Card>
      <SignOutButton />
    </>
  );
}

export function NewPasswordPage() {
  const { session } = useSession();
  return session ? <ForcedPasswordChange /> : <RequireSession />;
}
