/**
 * `npm test`: every test tier through vitest (see vitest.config.ts), then a summary line.
 * With CI=true: the PostgreSQL and browser tiers must be present, and any skipped or todo test
 * fails the run (a skipped test in CI hides a broken promise).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { findChromium } from './chromium';

const ci = process.env.CI === 'true' || process.env.CI === '1';
const problems: string[] = [];
if (ci && !process.env.TEST_DATABASE_URL)
  problems.push('CI needs TEST_DATABASE_URL (the PostgreSQL integration tier)');
if (ci && !findChromium())
  problems.push('CI needs Chromium (CHROMIUM_PATH or /usr/bin/chromium) for the browser tier');
if (!ci && !process.env.TEST_DATABASE_URL)
  console.log('note: TEST_DATABASE_URL not set: integration tests run on PGlite only.');
if (!ci && !findChromium())
  console.log('note: no Chromium found (apt-get install chromium): browser tests are not run.');
if (problems.length) {
  for (const p of problems) console.error(`error: ${p}`);
  process.exit(1);
}

const report = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'vssid-test-')), 'report.json');
const result = spawnSync(
  'npx',
  [
    'vitest',
    'run',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${report}`,
    ...process.argv.slice(2),
  ],
  { stdio: 'inherit', env: process.env },
);

interface JsonReport {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
  testResults: { name: string; assertionResults: { fullName: string; status: string }[] }[];
}
let summary: JsonReport | null = null;
try {
  summary = JSON.parse(fs.readFileSync(report, 'utf8')) as JsonReport;
} catch {
  console.error('error: vitest wrote no report');
}
let code = result.status ?? 1;
if (summary) {
  const skipped = summary.numPendingTests + summary.numTodoTests;
  if (ci && skipped > 0) {
    console.error(`error: ${skipped} test(s) skipped or todo; CI allows none:`);
    for (const file of summary.testResults) {
      for (const t of file.assertionResults) {
        if (t.status !== 'passed' && t.status !== 'failed')
          console.error(`  - ${path.relative(process.cwd(), file.name)}: ${t.fullName}`);
      }
    }
    code = 1;
  }
  if (summary.numPassedTests === 0) {
    console.error('error: no test ran');
    code = 1;
  }
  console.log(`\n${summary.numPassedTests} passed, ${summary.numFailedTests} failed, ${skipped} skipped`);
}
process.exit(code);
