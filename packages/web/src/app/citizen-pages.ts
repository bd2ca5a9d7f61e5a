import type { ComponentType } from 'react';
import { PATHS } from '../shared/paths';
import type { RouteHandle } from './route-handle';

export interface LazyPage {
  path: string;
  load: () => Promise<ComponentType>;
  titleKey: RouteHandle['titleKey'];
}

/**
 * The citizen app's pages at fixed paths, each a chunk of its own (issue #20, item 11): the router
 * downloads one when it is first shown, and boot.ts starts downloading the one a fresh tab opens
 * on while the app's larger scripts are still arriving.
 */
export const CITIZEN_PAGES = {
  card: {
    path: PATHS.card,
    load: async () => (await import('../features/card/card-page')).CardPage,
    titleKey: 'card.title',
  },
  history: {
    path: PATHS.history,
    load: async () => (await import('../features/history')).HistoryPage,
    titleKey: 'history.title',
  },
  benefits: {
    path: PATHS.benefits,
    load: async () => (await import('../features/benefits')).BenefitsPage,
    titleKey: 'benefits.title',
  },
  medical: {
    path: PATHS.medical,
    load: async () => (await import('../features/medical')).MedicalPage,
    titleKey: 'medical.title',
  },
  profile: {
    path: PATHS.profile,
    load: async () => (await import('../features/profile')).ProfilePage,
    titleKey: 'profile.title',
  },
  changePassword: {
    path: PATHS.changePassword,
    load: async () => (await import('../features/auth/change-password-page')).ChangePasswordPage,
    titleKey: 'auth.change.title',
  },
  registerChild: {
    path: PATHS.registerChild,
    load: async () => (await import('../features/registration')).ChildRegistrationPage,
    titleKey: 'childRegistration.title',
  },
  documents: {
    path: PATHS.documents,
    load: async () => (await import('../features/documents')).DocumentsPage,
    titleKey: 'documents.title',
  },
  services: {
    path: PATHS.services,
    load: async () => (await import('../features/services')).ServicesPage,
    titleKey: 'services.title',
  },
  signIn: {
    path: PATHS.signIn,
    load: async () => (await import('../features/auth/sign-in-page')).SignInPage,
    titleKey: 'auth.signIn.title',
  },
  signedOut: {
    path: PATHS.signedOut,
    load: async () => (await import('../features/auth/signed-out-page')).SignedOutPage,
    titleKey: 'auth.signedOut.title',
  },
  forgotPassword: {
    path: PATHS.forgotPassword,
    load: async () => (await import('../features/auth/forgot-password-page')).ForgotPasswordPage,
    titleKey: 'auth.forgot.title',
  },
  newPassword: {
    path: PATHS.newPassword,
    load: async () => (await import('../features/auth/new-password-page')).NewPasswordPage,
    titleKey: 'auth.initial.title',
  },
  vneidNoAccount: {
    path: PATHS.vneidNoAccount,
    load: async () => (await import('../features/vneid')).VneidNoAccountPage,
    titleKey: 'vneid.noAccount.title',
  },
  vneidFailed: {
    path: PATHS.vneidFailed,
    load: async () => (await import('../features/vneid')).VneidFailedPage,
    titleKey: 'vneid.failed.title',
  },
  lookup: {
    path: PATHS.lookup,
    load: async () => (await import('../features/lookup')).LookupPage,
    titleKey: 'lookup.title',
  },
  notifications: {
    path: PATHS.notifications,
    load: async () => (await import('../features/notifications')).inboxPage(),
    titleKey: 'notifications.title',
  },
  support: {
    path: PATHS.support,
    load: async () => (await import('../features/support')).supportPage(),
    titleKey: 'support.title',
  },
  register: {
    path: PATHS.register,
    load: async () => (await import('../features/registration')).RegisterPage,
    titleKey: 'registration.title',
  },
} as const satisfies Record<string, LazyPage>;

/**
 * Starts downloading the chunk of the citizen page at `pathname`, if it is one.
 * @public boot.ts (an entry of its own, which knip does not follow) calls it.
 */
export function preloadCitizenPage(pathname: string): void {
  const path = pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname;
  const page = Object.values(CITIZEN_PAGES).find((p) => p.path === path);
  // A failed download is the router's to report, when it needs the page.
  if (page) page.load().catch(() => undefined);
}
