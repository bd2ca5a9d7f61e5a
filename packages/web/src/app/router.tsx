import type { ReactNode } from 'react';
import { createBrowserRouter, type RouteObject } from 'react-router';
import {
  AuthRoot,
  ChangePasswordPage,
  ForgotPasswordPage,
  NewPasswordPage,
  RequireSession,
  RequireStaff,
  SignedOutPage,
  SignInPage,
} from '../features/auth';
import { BenefitsPage } from '../features/benefits';
import { BulkImportPage } from '../features/bulk-import';
import { CardPage, VerifyPage } from '../features/card';
import { HistoryPage } from '../features/history';
import { HomePage } from '../features/home';
import { LookupPage } from '../features/lookup';
import { MedicalPage, MedicalVisitPage } from '../features/medical';
import { NotFoundPage } from '../features/not-found';
import { DossierPage, OfficersPage, PersonCardPage, QueuePage } from '../features/officer';
import { ProfilePage } from '../features/profile';
import { ChildRegistrationPage, RegisterPage } from '../features/registration';
import { ServicesPage } from '../features/services';
import { StaffHomePage } from '../features/staff';
import { StatsPage } from '../features/stats';
import { SupportPage } from '../features/support';
import { VneidFailedPage, VneidNoAccountPage } from '../features/vneid';
import { PATHS, STAFF_GROUPS, type StaffGroup } from '../shared/paths';
import { CitizenShell } from './citizen-shell';
import type { RouteHandle } from './route-handle';
import { RouteError } from './route-error';
import { StaffShell } from './staff-shell';

const page = (path: string, element: ReactNode, titleKey: RouteHandle['titleKey']): RouteObject => ({
  path: path.replace(/^\//, ''),
  element,
  handle: { titleKey } satisfies RouteHandle,
});

/** Citizen pages that show a person's own data: anonymous visitors are sent to `/sign-in?next=`. */
const sessionPages: RouteObject[] = [
  page(PATHS.card, <CardPage />, 'card.title'),
  page(PATHS.history, <HistoryPage />, 'history.title'),
  page(PATHS.benefits, <BenefitsPage />, 'benefits.title'),
  page(PATHS.medical, <MedicalPage />, 'medical.title'),
  page(`${PATHS.medical}/:maLk`, <MedicalVisitPage />, 'medical.visitTitle'),
  page(PATHS.profile, <ProfilePage />, 'profile.title'),
  page(PATHS.changePassword, <ChangePasswordPage />, 'auth.change.title'),
  page(PATHS.registerChild, <ChildRegistrationPage />, 'childRegistration.title'),
];

const citizenPages: RouteObject[] = [
  { index: true, element: <HomePage /> },
  { element: <RequireSession />, children: sessionPages },
  page(PATHS.services, <ServicesPage />, 'services.title'),
  page(PATHS.signIn, <SignInPage />, 'auth.signIn.title'),
  page(PATHS.signedOut, <SignedOutPage />, 'auth.signedOut.title'),
  page(PATHS.forgotPassword, <ForgotPasswordPage />, 'auth.forgot.title'),
  page(PATHS.newPassword, <NewPasswordPage />, 'auth.initial.title'),
  page(PATHS.vneidNoAccount, <VneidNoAccountPage />, 'vneid.noAccount.title'),
  page(PATHS.vneidFailed, <VneidFailedPage />, 'vneid.failed.title'),
  {
    // Development only (the page says so elsewhere); its own chunk, downloaded when visited.
    path: PATHS.devInbox.slice(1),
    handle: { titleKey: 'devInbox.title' } satisfies RouteHandle,
    lazy: async () => ({ Component: (await import('../features/dev-inbox')).DevInboxPage }),
  },
  page(PATHS.lookup, <LookupPage />, 'lookup.title'),
  page(PATHS.support, <SupportPage />, 'support.title'),
  page(PATHS.register, <RegisterPage />, 'registration.title'),
  page('*', <NotFoundPage home={PATHS.home} />, 'notFound.title'),
];

/** A back office's pages, behind its role check (its own sign-in for anyone else). */
const staffPages = (group: StaffGroup): RouteObject[] => [
  {
    element: <RequireStaff group={group} />,
    children: [
      { index: true, element: <StaffHomePage group={group} />, handle: { titleKey: `staff.${group}.title` } },
      ...(group === 'clinic' ? [page('verify', <VerifyPage />, 'clinicVerify.title')] : []),
      // Registration back office (issue 5): queue, dossier, unit lists, statistics (agency admins);
      // a person's card within the agency's scope; the agency's officers (agency admins).
      ...(group === 'officer'
        ? [
            page('dossiers', <QueuePage />, 'officer.queue.title'),
            page('dossiers/:number', <DossierPage />, 'officer.queue.title'),
            page('cards', <PersonCardPage />, 'officer.card.title'),
            page('officers', <OfficersPage />, 'officer.accounts.title'),
            page('bulk-imports', <BulkImportPage />, 'bulkImport.title'),
            page('stats', <StatsPage />, 'stats.title'),
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
      // The session (features/auth) for every group: the signed-out screen, the forced change.
      element: <AuthRoot />,
      children: [
        {
          element: <CitizenShell />,
          children: [{ errorElement: <RouteError />, children: citizenPages }],
        },
        ...STAFF_GROUPS.map((group): RouteObject => ({
          path: PATHS[group],
          element: <StaffShell group={group} />,
          children: [{ errorElement: <RouteError />, children: staffPages(group) }],
        })),
      ],
    },
  ]);
}
