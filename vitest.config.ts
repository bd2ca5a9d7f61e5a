import { defineConfig } from 'vitest/config';
import { findChromium } from './scripts/chromium.ts';

/**
 * Test tiers (style guide §9):
 * - unit:          `*.test.ts` next to the code, pure, fast;
 * - int-pglite:    `*.int.test.ts` against a fresh embedded PGlite per test file;
 * - int-postgres:  the same files against PostgreSQL, when TEST_DATABASE_URL is set (CI sets it);
 * - e2e:           browser journeys in Chromium (playwright-core), when a Chromium is found
 *                  (CI installs one and fails if it is missing).
 */
const integration = ['packages/*/src/**/*.int.test.ts'];
/** PostgreSQL-only integration tests (COPY, server features PGlite lacks): `*.pg.int.test.ts`. */
const postgresOnly = ['packages/*/src/**/*.pg.int.test.ts'];
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
          exclude: ['**/node_modules/**', ...postgresOnly],
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
                env: { TEST_ENGINE: 'postgres' },
                testTimeout: 30_000,
                hookTimeout: 60_000,
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
              },
            },
          ]
        : []),
    ],
  },
});
