import path from 'node:path';
import { ESLint, type Linter } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';
import vssid, { runtimeImports } from './eslint-rules/index.js';

/**
 * The web app's import rules (issue #21 item 6), on fixtures that break them on purpose
 * (scripts/eslint-rules/fixtures/, which the repository's own lint ignores). Configured as in
 * eslint.config.js: every file gets both rules, and app/ may import a feature's page modules.
 */
const fixtures = path.join(import.meta.dirname, 'eslint-rules', 'fixtures');

const config: Linter.Config[] = [
  {
    files: ['**/*.ts'],
    languageOptions: { parser: tseslint.parser },
    plugins: { vssid },
    rules: {
      'vssid/no-import-cycle': 'error',
      'vssid/feature-boundaries': 'error',
    },
  },
  {
    files: ['src/app/**'],
    rules: { 'vssid/feature-boundaries': ['error', { allowPages: true }] },
  },
];

async function lint(file: string): Promise<{ rule: string | null; line: number; message: string }[]> {
  const eslint = new ESLint({
    cwd: fixtures,
    overrideConfigFile: true,
    overrideConfig: config,
    ignore: false,
  });
  const [result] = await eslint.lintFiles([file]);
  return (result?.messages ?? []).map((m) => ({ rule: m.ruleId, line: m.line, message: m.message }));
}

describe('vssid/no-import-cycle', () => {
  it('reports a two-file import cycle, on both files', async () => {
    expect(await lint('cycle/a.ts')).toEqual([
      {
        rule: 'vssid/no-import-cycle',
        line: 1,
        message: 'Import cycle: cycle/a.ts → cycle/b.ts → cycle/a.ts.',
      },
    ]);
    expect(await lint('cycle/b.ts')).toEqual([
      {
        rule: 'vssid/no-import-cycle',
        line: 1,
        message: 'Import cycle: cycle/b.ts → cycle/a.ts → cycle/b.ts.',
      },
    ]);
  });

  it('does not count an `import type`, which TypeScript erases', async () => {
    expect(await lint('type-only/a.ts')).toEqual([]);
    expect(await lint('type-only/b.ts')).toEqual([]);
  });

  it('counts what verbatimModuleSyntax keeps: `import { type A }` still loads the module', () => {
    expect(
      runtimeImports(
        [
          "import type { A } from './a';",
          "export type { B } from './b';",
          "import { type C } from './c';",
          "export { D, type E } from './d';",
          "import './e.css';",
          "// import f from './f';",
          "export * from './g';",
        ].join('\n'),
      ),
    ).toEqual(['./c', './d', './e.css', './g']);
  });
});

describe('vssid/feature-boundaries', () => {
  it("reports a feature reaching into another feature's files", async () => {
    expect(await lint('src/features/beta/deep.ts')).toEqual([
      {
        rule: 'vssid/feature-boundaries',
        line: 2,
        message:
          "'../alpha/internal' reaches into feature 'alpha': import from its index.ts ('../alpha') instead.",
      },
    ]);
  });

  it('lets a feature use another through its index.ts, and its own files', async () => {
    expect(await lint('src/features/beta/clean.ts')).toEqual([]);
    expect(await lint('src/features/alpha/alpha-page.ts')).toEqual([]);
  });

  it("lets the router import a page module, but no other feature's file", async () => {
    expect(await lint('src/app/router.ts')).toEqual([
      {
        rule: 'vssid/feature-boundaries',
        line: 3,
        message:
          "'../features/alpha/internal' reaches into feature 'alpha': import from its index.ts ('../features/alpha') instead, or a page or guard module.",
      },
    ]);
  });
});

const serverConfig: Linter.Config[] = [
  {
    files: ['**/*.ts'],
    languageOptions: { parser: tseslint.parser },
    plugins: { vssid },
    rules: { 'vssid/sql-in-repositories': 'error', 'vssid/no-http-in-services': 'error' },
  },
];

async function lintServer(file: string): Promise<{ rule: string | null; line: number }[]> {
  const eslint = new ESLint({
    cwd: path.join(fixtures, 'server'),
    overrideConfigFile: true,
    overrideConfig: serverConfig,
    ignore: false,
  });
  const [result] = await eslint.lintFiles([file]);
  return (result?.messages ?? []).map((m) => ({ rule: m.ruleId, line: m.line }));
}

describe('vssid/sql-in-repositories (issue #21 item 3)', () => {
  it('reports a sql template, a query builder and SQL text in a route file', async () => {
    expect(await lintServer('src/modules/things/routes.ts')).toEqual([
      { rule: 'vssid/sql-in-repositories', line: 1 },
      { rule: 'vssid/sql-in-repositories', line: 10 },
      { rule: 'vssid/sql-in-repositories', line: 13 },
    ]);
  });

  it('reports queries in jobs too, but not text that is not SQL', async () => {
    expect(await lintServer('src/jobs/sweep.ts')).toEqual([
      { rule: 'vssid/sql-in-repositories', line: 5 },
      { rule: 'vssid/sql-in-repositories', line: 6 },
    ]);
  });

  it('accepts the same queries in a repository', async () => {
    expect(await lintServer('src/modules/things/repository.ts')).toEqual([]);
  });
});

describe('vssid/no-http-in-services (issue #21 item 2)', () => {
  it('reports Fastify imported by service.ts and by a *-service.ts', async () => {
    expect(await lintServer('src/modules/things/service.ts')).toEqual([
      { rule: 'vssid/no-http-in-services', line: 1 },
    ]);
    expect(await lintServer('src/modules/things/thing-service.ts')).toEqual([
      { rule: 'vssid/no-http-in-services', line: 1 },
    ]);
  });

  it('lets routes import Fastify', async () => {
    expect(await lintServer('src/modules/things/routes.ts')).not.toContainEqual(
      expect.objectContaining({ rule: 'vssid/no-http-in-services' }),
    );
  });
});
