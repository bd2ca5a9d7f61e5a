import type { ReactNode } from 'react';
import { createBrowserRouter, type RouteObject } from 'react-router';
import { BenefitsPage } from '../features/benefits';
import { CardPage } from '../features/card';
import { HistoryPage } from '../features/history';
import { HomePage } from '../features/home';
import { LookupPage } from '../features/lookup';
import { MedicalPage, MedicalVisitPage } from '../features/medical';
import { NotFoundPage } from '../features/not-found';
import { ProfilePage } from '../features/profile';
import { ServicesPage } from '../features/services';
import { StaffHomePage } from '../features/staff';
import { SupportPage } from '../features/support';
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

const citizenPages: RouteObject[] = [
  { index: true, element: <HomePage /> },
  page(PATHS.card, <CardPage />, 'card.title'),
  page(PATHS.history, <HistoryPage />, 'history.title'),
  page(PATHS.benefits, <BenefitsPage />, 'benefits.title'),
  page(PATHS.medical, <MedicalPage />, 'medical.title'),
  page(`${PATHS.medical}/:maLk`, <MedicalVisitPage />, 'medical.visitTitle'),
  page(PATHS.services, <ServicesPage />, 'services.title'),
  page(PATHS.profile, <ProfilePage />, 'profile.title'),
  page(PATHS.lookup, <LookupPage />, 'lookup.title'),
  page(PATHS.support, <SupportPage />, 'support.title'),
  page('*', <NotFoundPage home={PATHS.home} />, 'notFound.title'),
];

const staffPages = (group: StaffGroup): RouteObject[] => [
  { index: true, element: <StaffHomePage group={group} />, handle: { titleKey: `staff.${group}.title` } },
  page('*', <NotFoundPage home={PATHS[group]} />, 'notFound.title'),
];

/**
 * Route groups: the citizen app at `/` and one back office per staff group. Each shell stays on
 * screen when a page fails (the error boundary sits on a pathless route inside it).
 */
export function createAppRouter() {
  return createBrowserRouter([
    {
      element: <CitizenShell />,
      children: [{ errorElement: <RouteError />, children: citizenPages }],
    },
    ...STAFF_GROUPS.map((group): RouteObject => ({
      path: PATHS[group],
      element: <StaffShell group={group} />,
      children: [{ errorElement: <RouteError />, children: staffPages(group) }],
    })),
  ]);
}
