import type { ComponentType, ReactNode } from 'react';
import { createBrowserRouter, type RouteObject } from 'react-router';
import { RequireSession } from '../features/auth';
import { AuthRoot } from './session';
import { HomePage } from '../features/home';
import { NotFoundPage } from '../features/not-found';
import { PATHS, STAFF_GROUPS, type StaffGroup } from '../shared/paths';
import { CITIZEN_PAGES, type LazyPage } from './citizen-pages';
import { CitizenShell } from './citizen-shell';
import type { RouteHandle } from './route-handle';
import { RouteError } from './route-error';

/*
 * Route-level code splitting (issue #20, item 11): the router, the citizen shell, the session and
 * the home page are the first download; every other page, the back offices' shell and guard are
 * chunks of their own, fetched when a route needs them (a fresh tab's page and catalogs are asked
 * for by boot.ts before this file has even arrived). A citizen's pages never download back-office
 * code (e2e/deep-links.e2e.test.ts).
 */

const page = (path: string, element: ReactNode, titleKey: RouteHandle['titleKey']): RouteObject => ({
  path: path.replace(/^\//, ''),
  element,
  handle: { titleKey } satisfies RouteHandle,
});

/** A page whose component is downloaded when the route is first matched. */
const lazyPage = (
  path: string,
  load: () => Promise<ComponentType>,
  titleKey: RouteHandle['titleKey'],
): RouteObject => ({
  path: path.replace(/^\//, ''),
  lazy: async () => ({ Component: await load() }),
  handle: { titleKey } satisfies RouteHandle,
});

const fromTable = (p: LazyPage) => lazyPage(p.path, p.load, p.titleKey);
const officer = () => import('../features/officer');
const employer = () => import('../features/employer');

/** Citizen pages that show a person's own data: anonymous visitors are sent to `/sign-in?next=`. */
const sessionPages: RouteObject[] = [
  fromTable(CITIZEN_PAGES.card),
  fromTable(CITIZEN_PAGES.history),
  fromTable(CITIZEN_PAGES.benefits),
  fromTable(CITIZEN_PAGES.medical),
  lazyPage(
    `${PATHS.medical}/:maLk`,
    async () => (await import('../features/medical')).MedicalVisitPage,
    'medical.visitTitle',
  ),
  fromTable(CITIZEN_PAGES.profile),
  fromTable(CITIZEN_PAGES.changePassword),
  fromTable(CITIZEN_PAGES.registerChild),
  // Online public services (issue 23): a service's form and one request's page.
  lazyPage(
    `${PATHS.serviceForm}/:type`,
    async () => (await import('../features/services')).RequestFormPage,
    'services.title',
  ),
  lazyPage(
    `${PATHS.serviceRequests}/:number`,
    async () => (await import('../features/services')).RequestPage,
    'services.title',
  ),
  // Payments (issue #26): where the gateway's return leads; the state is read from the server.
  lazyPage(
    `${PATHS.payments}/:id`,
    async () => (await import('../features/payments')).PaymentPage,
    'payments.title',
  ),
  // Giấy tờ của tôi (issue 23): receipts, book notices, Form 01 PDFs and visit documents.
  fromTable(CITIZEN_PAGES.documents),
  fromTable(CITIZEN_PAGES.notifications),
];

const citizenPages: RouteObject[] = [
  { index: true, element: <HomePage /> },
  { element: <RequireSession />, children: sessionPages },
  fromTable(CITIZEN_PAGES.services),
  fromTable(CITIZEN_PAGES.signIn),
  fromTable(CITIZEN_PAGES.signedOut),
  fromTable(CITIZEN_PAGES.forgotPassword),
  fromTable(CITIZEN_PAGES.newPassword),
  fromTable(CITIZEN_PAGES.vneidNoAccount),
  fromTable(CITIZEN_PAGES.vneidFailed),
  {
    // Development only (the page says so elsewhere); its own chunk, downloaded when visited.
    path: PATHS.devInbox.slice(1),
    handle: { titleKey: 'devInbox.title' } satisfies RouteHandle,
    lazy: async () => ({ Component: (await import('../features/dev-inbox')).DevInboxPage }),
  },
  fromTable(CITIZEN_PAGES.lookup),
  fromTable(CITIZEN_PAGES.support),
  fromTable(CITIZEN_PAGES.register),
  page('*', <NotFoundPage home={PATHS.home} />, 'notFound.title'),
];

/** A back office's pages, behind its role check (its own sign-in for anyone else). */
const staffPages = (group: StaffGroup): RouteObject[] => [
  {
    lazy: async () => {
      const { RequireStaff } = await import('../features/auth/staff-guard');
      return { element: <RequireStaff group={group} /> };
    },
    children: [
      {
        index: true,
        lazy: async () => {
          if (group === 'employer') return { Component: (await employer()).EmployerHomePage };
          const { StaffHomePage } = await import('../features/staff');
          return { element: <StaffHomePage group={group} /> };
        },
        handle: { titleKey: `staff.${group}.title` },
      },
      // The employer and school portal (issue #27): the unit's people, its accounts, its batches.
      // Declarations (600/600a/600b), the C12-TS notice and sick-pay claims (630a) add their pages here.
      ...(group === 'employer'
        ? [
            lazyPage('employees', async () => (await employer()).PeoplePage, 'unit.people.title'),
            lazyPage('employees/:bhxhCode', async () => (await employer()).PersonPage, 'unit.person.title'),
            lazyPage('batches/:id', async () => (await employer()).BatchPage, 'unit.batch.title'),
            lazyPage('accounts', async () => (await employer()).AccountsPage, 'unit.accounts.title'),
            lazyPage(
              'declarations',
              async () => (await import('../features/employer-declarations')).DeclarationsPage,
              'employerDeclarations.title',
            ),
            lazyPage(
              'statement',
              async () => (await import('../features/employer-declarations')).StatementPage,
              'employerDeclarations.statement.title',
            ),
            lazyPage(
              'sick-leave',
              async () => (await import('../features/employer-sick-pay')).SickLeavePage,
              'employerSickPay.title',
            ),
          ]
        : []),
      ...(group === 'clinic'
        ? [
            lazyPage(
              'verify',
              async () => (await import('../features/card/verify-page')).VerifyPage,
              'clinicVerify.title',
            ),
            // The clinic gateway's screens (issue #24).
            lazyPage(
              'check',
              async () => (await import('../features/clinic')).ClinicCheckPage,
              'clinicGateway.check.title',
            ),
            lazyPage(
              'visit-files',
              async () => (await import('../features/clinic')).ClinicFilesPage,
              'clinicGateway.files.title',
            ),
            lazyPage(
              'clerks',
              async () => (await import('../features/clinic')).ClinicClerksPage,
              'clinicGateway.clerks.title',
            ),
          ]
        : []),
      // Registration back office (issue 5): queue, dossier, unit lists, statistics (agency admins);
      // a person's card within the agency's scope; the agency's officers (agency admins).
      ...(group === 'officer'
        ? [
            lazyPage('dossiers', async () => (await officer()).QueuePage, 'officer.queue.title'),
            lazyPage('dossiers/:number', async () => (await officer()).DossierPage, 'officer.queue.title'),
            lazyPage('cards', async () => (await officer()).PersonCardPage, 'officer.card.title'),
            lazyPage('requests', async () => (await officer()).RequestsQueuePage, 'officer.requests.title'),
            lazyPage(
              'requests/:number',
              async () => (await officer()).ServiceRequestPage,
              'officer.requests.title',
            ),
            lazyPage('officers', async () => (await officer()).OfficersPage, 'officer.accounts.title'),
            lazyPage(
              'clinic-credentials',
              async () => (await officer()).ClinicCredentialsPage,
              'officer.gateway.title',
            ),
            lazyPage(
              'bulk-imports',
              async () => (await import('../features/bulk-import')).BulkImportPage,
              'bulkImport.title',
            ),
            lazyPage('stats', async () => (await import('../features/stats')).StatsPage, 'stats.title'),
            // Issue #26: the payment reconciliation's differences and refunds due.
            lazyPage(
              'payments',
              async () => (await import('../features/payments')).ReconciliationPage,
              'payments.reconciliation.title',
            ),
            // Issue 25: the support tickets of the agency; policy news, by the communications role.
            lazyPage(
              'tickets',
              async () => (await import('../features/support')).ticketQueuePage(),
              'tickets.queue',
            ),
            lazyPage(
              'news',
              async () => (await import('../features/notifications')).newsPage(),
              'news.title',
            ),
            lazyPage(
              'help',
              async () => (await import('../features/support')).helpEditorPage(),
              'helpEditor.title',
            ),
          ]
        : []),
      page('*', <NotFoundPage home={PATHS[group]} />, 'notFound.title'),
    ],
  },
];

/**
 * Route groups: the citizen app at `/` and one back office per staff group. Each shell stays on
 * screen when a page fails (the error boundary sits on a pathless route inside it).
 */
export function createAppRouter() {
  return createBrowserRouter([
    {
      // The session (app/session) for every group: the signed-out screen, the forced change.
      element: <AuthRoot />,
      children: [
        {
          element: <CitizenShell />,
          children: [{ errorElement: <RouteError />, children: citizenPages }],
        },
        ...STAFF_GROUPS.map((group): RouteObject => ({
          path: PATHS[group],
          lazy: async () => {
            const { StaffShell } = await import('./staff-shell');
            return { element: <StaffShell group={group} /> };
          },
          children: [{ errorElement: <RouteError />, children: staffPages(group) }],
        })),
      ],
    },
  ]);
}
