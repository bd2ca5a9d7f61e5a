import { BENCH_PASSWORD } from './lib/accounts';

/**
 * The scenarios of the benchmark (names fixed by the Benchmark harness issue). Each names the
 * endpoint it drives once that endpoint exists; until then it is reported as not measured, with
 * the reason, and `--check` fails on it.
 */
export interface Scenario {
  name: string;
  /** Why it cannot run yet; null once its endpoint exists. */
  missing: string | null;
  /** Path with `{code}` replaced by a sampled BHXH code. */
  pathTemplate?: string;
  /**
   * Who calls. `citizen`: before the scenario, run.ts gives a few thousand sampled persons an
   * account (the shared bench password), a trusted device and an open session
   * (`bench/lib/accounts.ts`); request i then uses line i: `{code}` is that person, `{token}` their
   * access token (sent as `Authorization: Bearer`), `{device}` their device id.
   */
  auth?: 'citizen';
  method?: 'GET' | 'POST';
  /** Request body with `{code}`, `{token}`, `{device}` filled per request. */
  bodyTemplate?: string;
  /** Extra headers, templated the same way. */
  headerTemplates?: Record<string, string>;
}

export const SCENARIOS: readonly Scenario[] = [
  {
    // A password sign-in on the person's own (trusted) device: argon2id verification, the
    // database limits, a new session and refresh token, the audit entry.
    name: 'signin',
    missing: null,
    method: 'POST',
    pathTemplate: '/api/v1/auth/sign-in',
    bodyTemplate: `{"username":"{code}","password":"${BENCH_PASSWORD}","client":"app"}`,
    headerTemplates: { 'x-device-id': '{device}' },
    auth: 'citizen',
  },
  {
    // The person's own current card: one statement (person + current card + clinic + agency),
    // the official QR and the signed credential (ES256, kept per card per day on each node).
    name: 'card-view',
    missing: null,
    pathTemplate: '/api/v1/me/cards/{code}',
    auth: 'citizen',
  },
  {
    name: 'participation',
    missing: null,
    pathTemplate: '/api/v1/me/participation',
    auth: 'citizen',
  },
  {
    name: 'benefits',
    missing: null,
    pathTemplate: '/api/v1/me/benefits',
    auth: 'citizen',
  },
  {
    name: 'medical-history',
    missing: null,
    pathTemplate: '/api/v1/me/medical-visits?limit=20',
    auth: 'citizen',
  },
  { name: 'bhxh-code-lookup', missing: 'BHXH code look-up not built yet (issue: Look-ups)' },
  { name: 'directory-search', missing: 'directory search not built yet (issue: Look-ups)' },
  { name: 'registration-submit', missing: 'registration endpoint not built yet (issue: Registration)' },
  { name: 'officer-queue', missing: 'officer queue not built yet (issue: Registration)' },
];

/** Budgets from the issues, checked by `npm run bench -- --check`. */
export const BUDGETS = {
  historyP95Ms: 20,
  cardToDbRatioMin: 0.5,
  cardToDbRatioGoal: 0.8,
  signinToArgon2Min: 0.85,
  lookupP95Ms: 50,
  directoryP95Ms: 20,
  registrationRpsMin: 50,
} as const;
