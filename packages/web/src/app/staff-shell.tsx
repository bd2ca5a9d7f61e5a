import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Outlet, ScrollRestoration, useLocation } from 'react-router';
import { type NavItem, SideNav, SkipLink, TopBar } from '../design';
import { useSession } from './session';
import { StaffAccount } from '../features/auth/staff-guard';
import { managesOfficers } from '../features/officer';
import { LanguageSwitcher } from '../i18n';
import { PATHS, type StaffGroup } from '../shared/paths';
import { useDocumentTitle, useFocusOnNavigation } from './shell-hooks';
import { DemoRibbon } from './demo-ribbon';
import { UpdatePrompt } from './update-prompt';

/** A back office (officers, employers, clinics): header, side navigation beside the page (desktop first). */
export function StaffShell({ group }: { group: StaffGroup }) {
  const { t } = useTranslation(['web', 'common']);
  const main = useRef<HTMLElement>(null);
  const { session } = useSession();
  useDocumentTitle();
  useFocusOnNavigation(main);
  const unreadTickets = useUnreadTickets(group === 'officer' && session?.account.role !== 'communications');
  const items: NavItem[] = [
    { to: PATHS[group], label: t('staff.overview'), icon: 'overview', end: true },
    ...(group === 'employer'
      ? [{ to: PATHS.employerSickLeave, label: t('employerSickPay.title'), icon: 'services' as const }]
      : []),
    ...(group === 'clinic'
      ? [
          { to: PATHS.clinicCheck, label: t('clinicGateway.nav.check'), icon: 'card' as const },
          { to: PATHS.clinicVerify, label: t('clinicVerify.nav'), icon: 'card' as const },
          { to: PATHS.clinicFiles, label: t('clinicGateway.nav.files'), icon: 'dossier' as const },
          { to: PATHS.clinicClerks, label: t('clinicGateway.nav.clerks'), icon: 'profile' as const },
        ]
      : []),
    // The employer and school portal (issue #27). Declarations ("Khai báo": 600/600a/600b), the
    // C12-TS notice ("Thông báo C12-TS") and sick-pay claims ("Ốm đau 630a") add their entries here.
    ...(group === 'employer'
      ? [
          { to: PATHS.employerPeople, label: t('unit.nav.people'), icon: 'profile' as const },
          { to: PATHS.employerAccounts, label: t('unit.nav.accounts'), icon: 'building' as const },
          {
            to: PATHS.employerDeclarations,
            label: t('employerDeclarations.nav'),
            icon: 'dossier' as const,
          },
          {
            to: PATHS.employerStatement,
            label: t('employerDeclarations.statement.nav'),
            icon: 'overview' as const,
          },
        ]
      : []),
    ...(group === 'officer' && session?.account.role === 'communications'
      ? [
          { to: PATHS.officerNews, label: t('news.nav'), icon: 'support' as const },
          { to: PATHS.officerHelp, label: t('helpEditor.nav'), icon: 'info' as const },
        ]
      : []),
    ...(group === 'officer' && session?.account.role !== 'communications'
      ? [
          { to: PATHS.officerDossiers, label: t('officer.nav.queue'), icon: 'dossier' as const },
          { to: PATHS.officerRequests, label: t('officer.nav.requests'), icon: 'services' as const },
          { to: PATHS.officerCards, label: t('officer.nav.cards'), icon: 'card' as const },
          {
            to: PATHS.officerTickets,
            label: t('tickets.queueNav'),
            icon: 'support' as const,
            badge:
              unreadTickets > 0
                ? { count: unreadTickets, label: t('tickets.unreadBadge', { count: unreadTickets }) }
                : undefined,
          },
          { to: PATHS.officerBulkImports, label: t('officer.nav.bulk'), icon: 'building' as const },
          { to: PATHS.officerStats, label: t('officer.nav.stats'), icon: 'overview' as const },
          { to: PATHS.officerPayments, label: t('payments.reconciliation.nav'), icon: 'dossier' as const },
          ...(managesOfficers(session?.account.role)
            ? [
                { to: PATHS.officerAccounts, label: t('officer.nav.officers'), icon: 'profile' as const },
                {
                  to: PATHS.officerClinicCredentials,
                  label: t('officer.nav.clinicCredentials'),
                  icon: 'clinic' as const,
                },
              ]
            : []),
        ]
      : []),
    { to: PATHS.home, label: t('staff.citizenApp'), icon: 'home', end: true, separated: true },
  ];
  return (
    <div className="staff" data-group={group}>
      <DemoRibbon />
      <SkipLink target="main">{t('shell.skipToContent')}</SkipLink>
      <TopBar title={t(`staff.${group}.name`)} subtitle={t('common:appName')} homeTo={PATHS[group]}>
        <StaffAccount />
        <LanguageSwitcher />
      </TopBar>
      <SideNav label={t('shell.sideNavLabel')} testId="side-nav" items={items} />
      <main id="main" ref={main} tabIndex={-1}>
        <UpdatePrompt />
        <Outlet />
      </main>
      <ScrollRestoration />
    </div>
  );
}

/**
 * Issue 25: the officers' unread tickets (opened or written to by the person since an officer of
 * the agency last looked), counted again on every navigation; fetched by the support feature.
 */
function useUnreadTickets(enabled: boolean): number {
  const [count, setCount] = useState(0);
  const { pathname } = useLocation();
  useEffect(() => {
    if (!enabled) return;
    let live = true;
    import('../features/support')
      .then((m) => m.fetchUnreadCount({}))
      .then(
        (a) => {
          if (live) setCount(a.count);
        },
        () => undefined,
      );
    return () => {
      live = false;
    };
  }, [enabled, pathname]);
  return enabled ? count : 0;
}
