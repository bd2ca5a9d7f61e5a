import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, Outlet, useLocation, useNavigate } from 'react-router';
import { Button, Card, Notice, PageHeader } from '../../design';
import { PATHS, type StaffGroup } from '../../shared/paths';
import { useSession } from './session';
import { ROLES_OF_GROUP, signInPath, staffGroupOf } from './session-logic';
import { SignInFlow } from './sign-in-flow';

/** While `/session` is being asked (first load), or could not be reached. */
function Pending() {
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

/**
 * A layout route for a back office: only its roles enter (officers and agency admins the officers'
 * office, employer users the employers', clinics the clinics'). Anyone else gets the office's own
 * sign-in, in its shell; a signed-in person of another role is told whose office it is.
 */
export function RequireStaff({ group }: { group: StaffGroup }) {
  const { t } = useTranslation();
  const { state, signedIn } = useSession();
  const navigate = useNavigate();
  const { pathname, search } = useLocation();
  switch (state.status) {
    case 'loading':
    case 'offline':
      return <Pending />;
    case 'anonymous':
    case 'ended':
      return (
        <>
          <PageHeader title={t('auth.staff.title', { office: t(`staff.${group}.title`) })} />
          <div className="staff-sign-in">
            <Card>
              <SignInFlow
                group={group}
                onSignedIn={(session) => {
                  signedIn(session);
                  // The forced change is a redirect of AuthRoot; a wrong role sees the notice below.
                  if (session.mustChangePassword) {
                    void navigate(`${PATHS.newPassword}?next=${encodeURIComponent(pathname + search)}`);
                  }
                }}
              />
            </Card>
          </div>
        </>
      );
    case 'signed_in': {
      const { account } = state.session;
      if ((ROLES_OF_GROUP[group] as readonly string[]).includes(account.role)) return <Outlet />;
      const own = staffGroupOf(account.role);
      return (
        <>
          <PageHeader title={t(`staff.${group}.title`)} />
          <Notice tone="warn">
            {t('auth.staff.wrongRole', { name: account.displayName, office: t(`staff.${group}.title`) })}
          </Notice>
          <div className="auth-actions">
            {own ? (
              <Button
                onClick={() => {
                  void navigate(PATHS[own]);
                }}
              >
                {t('auth.staff.goOwn', { office: t(`staff.${own}.title`) })}
              </Button>
            ) : null}
            <SignOutButton />
          </div>
        </>
      );
    }
  }
}

/** Who is signed in to a back office, and the way out: for the back offices' top bar. */
export function StaffAccount() {
  const { session } = useSession();
  if (!session) return null;
  return (
    <div className="staff-account" data-testid="staff-account">
      <span className="staff-account__name">{session.account.displayName}</span>
      <SignOutButton />
    </div>
  );
}
