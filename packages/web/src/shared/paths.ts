/** Every address of the app, in one place: routes, tabs, tiles and links use these. */
export const PATHS = {
  home: '/',
  card: '/card',
  history: '/history',
  benefits: '/benefits',
  medical: '/medical',
  services: '/services',
  profile: '/profile',
  lookup: '/lookup',
  support: '/support',
  notifications: '/notifications',
  register: '/register',
  registerChild: '/services/register-child',
  signIn: '/sign-in',
  signedOut: '/signed-out',
  forgotPassword: '/forgot-password',
  newPassword: '/new-password',
  changePassword: '/profile/password',
  vneidNoAccount: '/vneid/no-account',
  vneidFailed: '/vneid/failed',
  devInbox: '/dev-inbox',
  officer: '/officer',
  officerDossiers: '/officer/dossiers',
  officerBulkImports: '/officer/bulk-imports',
  officerStats: '/officer/stats',
  officerAccounts: '/officer/officers',
  officerCards: '/officer/cards',
  officerNews: '/officer/news',
  officerTickets: '/officer/tickets',
  officerHelp: '/officer/help',
  employer: '/employer',
  clinic: '/clinic',
  clinicVerify: '/clinic/verify',
} as const;

/** The back offices, each a route group with its own shell at `/<group>`. */
export const STAFF_GROUPS = ['officer', 'employer', 'clinic'] as const;
export type StaffGroup = (typeof STAFF_GROUPS)[number];
