import { useTranslation } from 'react-i18next';
import { Link, Navigate, useLocation, useNavigate, useSearchParams } from 'react-router';
import { Card, Icon, type IconName, Notice, PageHeader } from '../../design';
import { PATHS, type StaffGroup } from '../../shared/paths';
import { landingAfterSignIn, staffGroupOfPath, useSession } from '../../app/session';
import { SignInFlow } from './sign-in-flow';

const PORTALS = [
  { group: 'officer', icon: 'dossier' },
  { group: 'employer', icon: 'building' },
  { group: 'clinic', icon: 'clinic' },
] as const satisfies readonly { group: StaffGroup; icon: IconName }[];

/** Notices another screen leaves for the sign-in page (router state `{ notice }`). */
type SignInNotice = 'signedOut' | 'signedOutEverywhere' | 'passwordReset';

function noticeOf(state: unknown): SignInNotice | null {
  if (typeof state !== 'object' || state === null || !('notice' in state)) return null;
  const notice = state.notice;
  return notice === 'signedOut' || notice === 'signedOutEverywhere' || notice === 'passwordReset'
    ? notice
    : null;
}

/** `/sign-in?next=`: the citizen app's sign-in (with the staff hint when `next` is a back office). */
export function SignInPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const [params] = useSearchParams();
  const { session, signedIn } = useSession();
  const next = params.get('next');
  const group = next ? staffGroupOfPath(next.split(/[?#]/)[0] ?? '') : null;
  const notice = noticeOf(location.state);

  if (session) return <Navigate replace to={landingAfterSignIn(session, next)} />;

  return (
    <>
      <PageHeader title={t('auth.signIn.title')} lead={t('auth.signIn.lead')} />
      {notice ? (
        <Notice tone="ok" live>
          {t(`auth.signIn.notices.${notice}`)}
        </Notice>
      ) : null}
      <Card>
        <SignInFlow
          group={group}
          onSignedIn={(s) => {
            signedIn(s);
            void navigate(landingAfterSignIn(s, next), { replace: true });
          }}
        />
      </Card>
      <Card title={t('auth.signIn.noAccountTitle')}>
        <p>{t('auth.signIn.noAccount')}</p>
        <Link to={PATHS.services}>{t('auth.signIn.register')}</Link>
      </Card>
      <Card title={t('profile.staffTitle')}>
        <ul className="link-list">
          {PORTALS.map((portal) => (
            <li key={portal.group}>
              <Link to={PATHS[portal.group]}>
                <Icon name={portal.icon} />
                {t(`staff.${portal.group}.title`)}
              </Link>
            </li>
          ))}
        </ul>
      </Card>
    </>
  );
}
