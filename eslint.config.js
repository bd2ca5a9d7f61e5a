// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import vssid from './scripts/eslint-rules/index.js';

/**
 * ESLint's cache is keyed by each file and the configuration, not by a plugin's code: the local
 * rules' hash, put in the settings, makes a change to a rule lint every file again.
 */
const localRulesHash = createHash('sha256')
  .update(readFileSync(new URL('./scripts/eslint-rules/index.js', import.meta.url)))
  .digest('hex');

/**
 * Import boundaries (architecture.md "Layout"):
 * - domain is pure: it imports neither server, web, datagen nor Node built-ins that do I/O;
 * - web never imports server (nor datagen);
 * - features (web) and modules (server) do not reach into each other's internals:
 *   another feature/module is used only through its public `index.ts`;
 * - web modules import no circle (issue #21): `vssid/no-import-cycle`, scripts/eslint-rules/;
 * - the session (`web/src/app/session/`) imports no feature: features depend on it, not the reverse.
 */

/**
 * Modules of a web feature, besides its index.ts, that other features may import
 * (`vssid/feature-boundaries`). A public sub-entry exists where the index would pull a feature's
 * pages into whatever imports it: list it here with the reason.
 */
const featurePublicEntries = [
  // Style sheets that pages of other features share: the back office's tables and forms (bulk
  // import, statistics), the sign-in screens' layout (the VNeID pages). A style sheet carries no
  // script, so importing it pulls no page into anyone's chunk.
  'officer/officer.css',
  'auth/auth.css',
  // The look-ups' calls (provinces and communes for the registration form and the officers'
  // redirect): a module of fetchers, no page.
  'lookup/api/index',
];
const noIo = [
  'node:fs',
  'node:fs/promises',
  'fs',
  'fs/promises',
  'node:net',
  'node:http',
  'node:child_process',
  'pg',
];

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      'data/**',
      'e2e/artifacts/**',
      'bench/results/**',
      'bench/.cache/**',
      'packages/web/dev-dist/**',
      // Code that breaks the import rules on purpose, linted by scripts/eslint-rules.test.ts.
      'scripts/eslint-rules/fixtures/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    settings: { vssidRulesHash: localRulesHash },
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ['*.js'] },
        tsconfigRootDir: import.meta.dirname,
      },
      globals: { ...globals.node },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      // Fastify plugins and hooks are async by contract, with or without an await inside.
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    extends: [tseslint.configs.disableTypeChecked],
  },
  {
    files: ['packages/web/public/**/*.js'],
    languageOptions: { globals: { ...globals.browser }, sourceType: 'script' },
  },
  {
    files: ['packages/domain/src/**'],
    // Tests may read files (catalogs, fixtures); the library itself may not.
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: noIo.map((name) => ({ name, message: 'The domain package is pure: no I/O.' })),
          patterns: [
            {
              group: [
                '@vssid/server',
                '@vssid/server/*',
                '@vssid/web',
                '@vssid/web/*',
                '@vssid/datagen',
                '**/server/**',
                '**/web/**',
              ],
              message: 'The domain package imports neither server nor web.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['packages/web/src/**'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks, vssid },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@vssid/server', '@vssid/server/*', '@vssid/datagen', '**/packages/server/**'],
              message: 'The web app never imports the server: talk to it over HTTP.',
            },
            {
              // Issue #21: every call goes through its contract's fetcher (shared/api-call.ts), which
              // types and checks the answer; the untyped transport is for that module and its tests.
              group: ['**/shared/api'],
              importNames: ['api'],
              message: 'Call the API through a fetcher of its contract (fetcher() in shared/api-call.ts).',
            },
          ],
        },
      ],
      'vssid/no-import-cycle': 'error',
      'vssid/feature-boundaries': ['error', { publicEntries: featurePublicEntries }],
    },
  },
  {
    // The router downloads each page on demand (issue #20): it imports a page module itself
    // (`*-page`, the back offices' `*-guard`), never through a feature's index.ts, which the first
    // download may already hold and which would pull every page of the feature into it.
    files: ['packages/web/src/app/**'],
    rules: {
      'vssid/feature-boundaries': ['error', { publicEntries: featurePublicEntries, allowPages: true }],
    },
  },
  {
    // The session (issue #21 item 6) sits below every feature: features and shells import it, it
    // imports no feature, so no import circle can run through it.
    files: ['packages/web/src/app/session/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@vssid/server', '@vssid/server/*', '@vssid/datagen', '**/packages/server/**'],
              message: 'The web app never imports the server: talk to it over HTTP.',
            },
            {
              group: ['**/features', '**/features/**'],
              message: 'app/session imports no feature: features import the session, not the reverse.',
            },
          ],
        },
      ],
    },
  },
  {
    // Issue #21: SQL only in repositories, services without HTTP, no import circles.
    files: ['packages/server/src/**', 'packages/domain/src/**'],
    plugins: { vssid },
    rules: {
      'vssid/no-import-cycle': 'error',
    },
  },
  {
    files: ['packages/server/src/**'],
    rules: {
      'vssid/sql-in-repositories': 'error',
      'vssid/no-http-in-services': 'error',
    },
  },
  {
    files: ['packages/server/src/modules/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['../*/repository', '../*/repository.ts', '**/modules/*/repository'],
              message: "A module never uses another module's repository: call its service.",
            },
            { group: ['@vssid/web', '@vssid/web/*'], message: 'The server never imports the web app.' },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.test.ts', '**/*.test.tsx'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
);
