import { useTranslation } from 'react-i18next';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { Button, Card, Notice, PageHeader } from '../../design';
import { PATHS, type StaffGroup } from '../../shared/paths';
import { Pending, SignOutButton } from './guards';
import { ROLES_OF_GROUP, staffGroupOf, useSession } from '../../app/session';
import { SignInFlow } from './sign-in-flow';

// The back offices' guard, apart from the citizen's (guards.tsx): it carries the staff sign-in,
// which a citizen's first load does not download.

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
