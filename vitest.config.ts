import { defineConfig } from 'vitest/config';
import { findChromium } from './scripts/chromium.ts';

/**
 * Test tiers (style guide §9):
 * - unit:          `*.test.ts` next to the code, pure, fast;
 * - int-pglite:    `*.int.test.ts` against a fresh embedded PGlite per test file;
 * - int-postgres:  the same files against PostgreSQL, when TEST_DATABASE_URL is set (CI sets it);
 * - e2e:           browser journeys in Chromium (playwright-core), when a Chromium is found
 *                  (CI installs one and fails if it is missing);
 * - int-citus:     the integration tests of the records, card, registration, services, clinic
 *                  gateway and declarations modules on a Citus cluster, when CITUS_DATABASE_URL names its
 *                  coordinator (`npm run test:citus` starts one, runs this project, stops it).
 */
const integration = ['packages/*/src/**/*.int.test.ts'];
/** PostgreSQL-only integration tests (COPY, server features PGlite lacks): `*.pg.int.test.ts`. */
const postgresOnly = ['packages/*/src/**/*.pg.int.test.ts'];
/** Citus-only integration tests (the Citus step itself): `*.citus.int.test.ts`. */
const citusOnly = ['packages/*/src/**/*.citus.int.test.ts'];
/**
 * On Citus (issue #28 item 5): the integration tests of these modules, the session ends heard
 * by every node (NOTIFY), and the Citus-only tests.
 */
const onCitus = [
  ...['records', 'card', 'registration', 'services', 'gateway', 'declarations'].map(
    (module) => `packages/server/src/modules/${module}/**/*.int.test.ts`,
  ),
  'packages/server/src/modules/auth/session-end.int.test.ts',
  ...citusOnly,
];
const chromium = findChromium();

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: [
            'packages/*/src/**/*.test.{ts,tsx}',
            'packages/*/scripts/**/*.test.ts',
            'scripts/**/*.test.ts',
          ],
          exclude: ['**/node_modules/**', ...integration],
        },
      },
      {
        test: {
          name: 'int-pglite',
          include: integration,
          exclude: ['**/node_modules/**', ...postgresOnly, ...citusOnly],
          env: { TEST_ENGINE: 'pglite' },
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      ...(process.env.TEST_DATABASE_URL
        ? [
            {
              test: {
                name: 'int-postgres',
                include: integration,
                exclude: ['**/node_modules/**', ...citusOnly],
                env: { TEST_ENGINE: 'postgres' },
                testTimeout: 30_000,
                hookTimeout: 60_000,
              },
            },
          ]
        : []),
      ...(process.env.CITUS_DATABASE_URL
        ? [
            {
              test: {
                name: 'int-citus',
                include: onCitus,
                exclude: ['**/node_modules/**', ...postgresOnly],
                env: { TEST_ENGINE: 'citus', TEST_DATABASE_URL: process.env.CITUS_DATABASE_URL },
                // A database per file on three nodes: two files at a time on a small machine.
                maxWorkers: 2,
                testTimeout: 60_000,
                hookTimeout: 120_000,
              },
            },
          ]
        : []),
      ...(chromium
        ? [
            {
              test: {
                name: 'e2e',
                include: ['e2e/**/*.e2e.test.ts'],
                env: { CHROMIUM_PATH: chromium },
                globalSetup: ['e2e/global-setup.ts'],
                fileParallelism: false,
                testTimeout: 60_000,
                hookTimeout: 120_000,
                // A page polled for a text waits up to 10 s, not vitest's 1 s: on a loaded 2-core
                // machine (CI beside other work) the first render of a back-office page can take longer.
                expect: { poll: { timeout: 10_000 } },
              },
            },
          ]
        : []),
    ],
  },
});
