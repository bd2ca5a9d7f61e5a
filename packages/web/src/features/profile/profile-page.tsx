import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router';
import { Button, ButtonLink, Card, Notice, PageHeader } from '../../design';
import { LanguageSwitcher } from '../../i18n';
import { PATHS } from '../../shared/paths';
import { messageOf, SignOutButton } from '../auth';
import { useSession } from '../../app/session';
import { DataAccessSection } from '../history';
import { DevicesCard } from './devices-card';
import { PasskeysCard } from './passkeys-card';
import { SignInHistoryCard } from './sign-in-history-card';

function passwordChanged(state: unknown): boolean {
  return (
    typeof state === 'object' && state !== null && 'notice' in state && state.notice === 'passwordChanged'
  );
}

/** Sign out of every device, this one included; asked twice. */
function SignOutEverywhere() {
  const { t } = useTranslation();
  const { signOut } = useSession();
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (!confirming) {
    return (
      <Button
        variant="secondary"
        onClick={() => {
          setConfirming(true);
        }}
      >
        {t('profile.security.everywhere')}
      </Button>
    );
  }
  return (
    <Notice tone="warn" live>
      <p>{t('profile.security.everywhereWarning')}</p>
      <div className="auth-actions__row">
        <Button
          onClick={() => {
            setError(null);
            // Once signed out, the page's guard goes to the sign-in page, which says so.
            signOut({ everywhere: true }).catch((e: unknown) => {
              setError(messageOf(t, e));
            });
          }}
        >
          {t('profile.security.everywhereConfirm')}
        </Button>
        <Button
          variant="secondary"
          onClick={() => {
            setConfirming(false);
          }}
        >
          {t('profile.cancel')}
        </Button>
      </div>
      {error ? <p className="form-error">{error}</p> : null}
    </Notice>
  );
}

/** Cá nhân: the account, its devices and sign-ins, passkeys, password and sign-out, and settings. */
export function ProfilePage() {
  const { t } = useTranslation();
  const location = useLocation();
  const { session } = useSession();
  // The route is behind RequireSession: a session is there; nothing to show in the instant it ends.
  if (!session) return null;
  const { account } = session;
  const facts: [string, string | null][] = [
    [t('profile.account.name'), account.displayName],
    [t('profile.account.username'), account.username],
    [t('profile.account.bhxhCode'), account.bhxhCode],
    [t('profile.account.phone'), account.phoneMasked],
    [t('profile.account.email'), account.emailMasked],
    [t('profile.account.role'), t(`profile.roles.${account.role}`)],
  ];
  return (
    <>
      <PageHeader title={t('profile.title')} lead={t('profile.lead')} />
      {passwordChanged(location.state) ? (
        <Notice tone="ok" live>
          {t('profile.security.changed')}
        </Notice>
      ) : null}
      {session.passwordReminder ? (
        <div data-testid="password-reminder">
          <Notice tone="warn">
            <p>{t('profile.security.reminder')}</p>
            <ButtonLink to={PATHS.changePassword} variant="secondary">
              {t('profile.security.change')}
            </ButtonLink>
          </Notice>
        </div>
      ) : null}
      <Card title={t('profile.account.title')}>
        <dl className="facts" data-testid="account-summary">
          {facts
            .filter((f): f is [string, string] => !!f[1])
            .map(([label, value]) => (
              <div key={label}>
                <dt>{label}</dt>
                <dd>{value}</dd>
              </div>
            ))}
        </dl>
        {account.role === 'citizen' ? (
          <ButtonLink to={PATHS.documents} variant="secondary" icon="services">
            {t('documents.title')}
          </ButtonLink>
        ) : null}
      </Card>
      <Card title={t('profile.security.title')}>
        <div className="auth-actions">
          <ButtonLink to={PATHS.changePassword} block>
            {t('profile.security.change')}
          </ButtonLink>
          <SignOutButton />
          <SignOutEverywhere />
        </div>
      </Card>
      <DevicesCard />
      <SignInHistoryCard />
      <PasskeysCard />
      <Card title={t('profile.settingsTitle')}>
        <LanguageSwitcher hideLabel={false} hint={t('profile.languageHint')} testId="profile-language" />
      </Card>
      <DataAccessSection />
    </>
  );
}
