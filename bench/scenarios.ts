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
}

export const SCENARIOS: readonly Scenario[] = [
  { name: 'signin', missing: 'sign-in endpoint not built yet (issue: Sign-in)' },
  { name: 'card-view', missing: 'card endpoint not built yet (issue: Records)' },
  { name: 'participation', missing: 'participation endpoint not built yet (issue: Records)' },
  { name: 'benefits', missing: 'benefits endpoint not built yet (issue: Records)' },
  { name: 'medical-history', missing: 'medical history endpoint not built yet (issue: Records)' },
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
