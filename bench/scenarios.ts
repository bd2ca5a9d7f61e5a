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
   * Who calls. `citizen`: each request carries `Authorization: Bearer <token>` of the SAMPLED
   * person (the one whose code fills `{code}`), so `/me/...` reads that person's rows. Proposed
   * mechanism (bench/run.ts and bench/lib, not built yet): before the authenticated scenarios,
   * run.ts creates a citizen account for each of a few thousand sampled codes (one argon2 hash
   * reused for all: hashing is not what these scenarios measure), opens a session for each
   * through the auth service as `signInAs` does in tests, and writes `code<TAB>token` lines to a
   * tokens file; the load worker takes line i for request i, fills `{code}` and sets the header.
   * Tokens are minted right before each scenario (access tokens live ACCESS_TOKEN_SECONDS).
   */
  auth?: 'citizen';
}

/** Until the harness sends a token per sampled person, an authenticated scenario would only measure 401s. */
const NEEDS_CITIZEN_TOKENS =
  'endpoint built; the harness does not send a bearer token per sampled person yet (Scenario.auth)';

export const SCENARIOS: readonly Scenario[] = [
  { name: 'signin', missing: 'sign-in endpoint not built yet (issue: Sign-in)' },
  { name: 'card-view', missing: 'card endpoint not built yet (issue: Records)' },
  {
    name: 'participation',
    missing: NEEDS_CITIZEN_TOKENS,
    pathTemplate: '/api/v1/me/participation',
    auth: 'citizen',
  },
  {
    name: 'benefits',
    missing: NEEDS_CITIZEN_TOKENS,
    pathTemplate: '/api/v1/me/benefits',
    auth: 'citizen',
  },
  {
    name: 'medical-history',
    missing: NEEDS_CITIZEN_TOKENS,
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
