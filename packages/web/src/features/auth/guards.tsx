import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, Outlet, useLocation } from 'react-router';
import { Button, Notice } from '../../design';
import { signInPath, useSession } from '../../app/session';

/** While `/session` is being asked (first load), or could not be reached. */
export function Pending() {
  const { t } = useTranslation();
  const { state, reload } = useSession();
  if (state.status === 'offline') {
    return (
      <Notice tone="warn">
        <p>{t('auth.errors.network')}</p>
        <Button
          variant="secondary"
          onClick={() => {
            void reload();
          }}
        >
          {t('auth.retry')}
        </Button>
      </Notice>
    );
  }
  return (
    <p role="status" className="field__hint">
      {t('auth.checking')}
    </p>
  );
}

/**
 * A layout route for citizen pages that need a session: anonymous visitors go to `/sign-in?next=`.
 * Offline, the page opens anyway: it may show the copy it kept (the card at a clinic without
 * network) and handles its own 401 once the network is back.
 */
export function RequireSession() {
  const { state } = useSession();
  const { pathname, search, hash } = useLocation();
  switch (state.status) {
    case 'loading':
      return <Pending />;
    case 'offline':
      return <Outlet />;
    case 'anonymous':
    case 'ended':
      // Just signed out on this screen (`farewell`): the sign-in page says so.
      return (
        <Navigate
          replace
          to={signInPath(pathname + search + hash)}
          state={state.status === 'anonymous' && state.farewell ? { notice: state.farewell } : null}
        />
      );
    case 'signed_in':
      return <Outlet />;
  }
}

/**
 * Sign out, for the back offices and the profile. Where to go next is the guards' business: a
 * page that needs a session sends to the sign-in page (which says "you have signed out"), a back
 * office shows its own sign-in.
 */
export function SignOutButton({ variant = 'secondary' }: { variant?: 'primary' | 'secondary' }) {
  const { t } = useTranslation();
  const { signOut } = useSession();
  const [busy, setBusy] = useState(false);
  return (
    <Button
      variant={variant}
      onClick={() => {
        if (busy) return;
        setBusy(true);
        // The state becomes anonymous even when the call fails (offline): the cookies then expire.
        void signOut()
          .catch(() => undefined)
          .finally(() => {
            setBusy(false);
          });
      }}
    >
      {t('auth.signOut')}
    </Button>
  );
}
