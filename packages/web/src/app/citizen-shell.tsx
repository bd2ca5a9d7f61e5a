import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Outlet, ScrollRestoration } from 'react-router';
import { type IconName, SkipLink, TabBar, TopBar } from '../design';
import { LanguageSwitcher, type WebKey } from '../i18n';
import { PATHS } from '../shared/paths';
import { useUnread } from '../shared/unread';
import { useSession } from './session';
import { useDocumentTitle, useFocusOnNavigation } from './shell-hooks';
import { DemoRibbon } from './demo-ribbon';
import { UpdatePrompt } from './update-prompt';

/** The five tabs of the official app, in its order. */
const TABS = [
  { to: PATHS.home, key: 'tabs.home', icon: 'home', end: true },
  { to: PATHS.card, key: 'tabs.card', icon: 'card' },
  { to: PATHS.history, key: 'tabs.history', icon: 'history' },
  { to: PATHS.services, key: 'tabs.services', icon: 'services' },
  { to: PATHS.profile, key: 'tabs.profile', icon: 'profile' },
] as const satisfies readonly { to: string; key: WebKey; icon: IconName; end?: boolean }[];

/** The insured person's app: top bar, the page, and the bottom tab bar (mobile first). */
export function CitizenShell() {
  const { t } = useTranslation(['web', 'common']);
  const main = useRef<HTMLElement>(null);
  useDocumentTitle();
  useFocusOnNavigation(main);
  // Issue 25: the unread count on the home tab, fetched through the notifications feature's own
  // chunk (downloaded after the page) once a citizen is signed in.
  const { session } = useSession();
  const citizen = session?.account.role === 'citizen';
  const unread = useUnread();
  useEffect(() => {
    if (!citizen) return;
    import('../features/notifications').then((m) => m.refreshUnread()).catch(() => undefined);
  }, [citizen]);
  return (
    <div className="citizen-frame">
      <div className="citizen">
        <DemoRibbon />
        <SkipLink target="main">{t('shell.skipToContent')}</SkipLink>
        <TopBar title={t('common:appShortName')} subtitle={t('shell.tagline')} homeTo={PATHS.home}>
          <LanguageSwitcher />
        </TopBar>
        <main id="main" ref={main} tabIndex={-1}>
          <UpdatePrompt />
          <Outlet />
        </main>
        <TabBar
          label={t('shell.tabBarLabel')}
          testId="tab-bar"
          items={TABS.map((tab) => ({
            ...tab,
            label: t(tab.key),
            badge:
              tab.to === PATHS.home && citizen
                ? { count: unread, label: t('notifications.badgeLabel', { count: unread }) }
                : undefined,
          }))}
        />
      </div>
      <ScrollRestoration />
    </div>
  );
}
