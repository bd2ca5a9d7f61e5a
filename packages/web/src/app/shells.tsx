import { Link, NavLink, Outlet } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Icon, type IconName } from '../design/icons';
import { LanguageSwitcher } from '../design/components';
import { UpdatePrompt } from './update-prompt';

function SkipLink() {
  const { t } = useTranslation();
  return (
    <a className="skip-link" href="#main">
      {t('shell.skipToContent')}
    </a>
  );
}

function TopBar({ title, home }: { title: string; home: string }) {
  return (
    <header className="top-bar">
      <Link className="top-bar__brand" to={home}>
        <img src="/pwa-192x192.png" alt="" width="32" height="32" />
        <span>{title}</span>
      </Link>
      <LanguageSwitcher />
    </header>
  );
}

const TABS: { to: string; key: string; icon: IconName }[] = [
  { to: '/', key: 'tabs.home', icon: 'home' },
  { to: '/card', key: 'tabs.card', icon: 'card' },
  { to: '/history', key: 'tabs.history', icon: 'history' },
  { to: '/services', key: 'tabs.services', icon: 'services' },
  { to: '/profile', key: 'tabs.profile', icon: 'profile' },
];

/** The insured person's app: top bar, the page, and a bottom tab bar (mobile first). */
export function CitizenShell() {
  const { t } = useTranslation();
  return (
    <div className="citizen">
      <SkipLink />
      <TopBar title={t('common:appShortName')} home="/" />
      <main id="main" className="page" tabIndex={-1}>
        <Outlet />
      </main>
      <nav className="tab-bar" data-testid="tab-bar" aria-label={t('shell.tabBarLabel')}>
        {TABS.map((tab) => (
          <NavLink key={tab.to} to={tab.to} end={tab.to === '/'}>
            <Icon name={tab.icon} />
            <span>{t(tab.key)}</span>
          </NavLink>
        ))}
      </nav>
      <UpdatePrompt />
    </div>
  );
}

export type StaffGroup = 'officer' | 'employer' | 'clinic';

/** The back offices (officers, employers, clinics): a side navigation beside the page (desktop). */
export function StaffShell({ group }: { group: StaffGroup }) {
  const { t } = useTranslation();
  return (
    <div className="staff">
      <SkipLink />
      <TopBar title={t(`staff.${group}.portal`)} home={`/${group}`} />
      <nav className="side-nav" data-testid="side-nav" aria-label={t('shell.sideNavLabel')}>
        <ul>
          <li>
            <NavLink to={`/${group}`} end>
              {t('staff.overview')}
            </NavLink>
          </li>
          <li>
            <Link to="/">{t('staff.citizenApp')}</Link>
          </li>
        </ul>
      </nav>
      <main id="main" tabIndex={-1}>
        <Outlet />
      </main>
      <UpdatePrompt />
    </div>
  );
}
