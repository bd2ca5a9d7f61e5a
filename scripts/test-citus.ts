/**
 * `npm run test:citus` (issue #28 item 5): starts a local Citus cluster (scripts/citus.sh: a
 * coordinator and two workers on loopback, in a fresh directory), runs the vitest project
 * `int-citus` against it — the integration tests of the records, card, registration, services,
 * clinic gateway and declarations modules, each file on its own database created on the three nodes and placed
 * by the Citus step (packages/server/src/db/citus.ts) — then stops the cluster and removes its
 * data, whatever the result. Bounded: the run is stopped after CITUS_TEST_TIMEOUT_S (default
 * 1800 s). Needs Citus built and installed (`npm run citus -- build`) and root (the servers run
 * as `postgres`). CITUS_PORT (default 57010) moves the cluster's ports.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const here = path.dirname(new URL(import.meta.url).pathname);
const script = path.join(here, 'citus.sh');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vssid-citus-test-'));
const timeoutS = Number(process.env.CITUS_TEST_TIMEOUT_S ?? 1800);
const started = Date.now();
const seconds = () => Math.round((Date.now() - started) / 1000);

const start = spawnSync('bash', [script, 'start', dir], {
  encoding: 'utf8',
  stdio: ['ignore', 'pipe', 'inherit'],
});
const url = start.stdout.trim().split('\n').pop() ?? '';
let code = 1;
try {
  if (start.status !== 0 || !url.startsWith('postgres://')) {
    console.error('error: the Citus cluster did not start (is Citus built? npm run citus -- build)');
  } else {
    console.log(`citus: cluster up in ${seconds()} s at ${url}`);
    const run = spawnSync('npx', ['vitest', 'run', '--project', 'int-citus', ...process.argv.slice(2)], {
      stdio: 'inherit',
      env: { ...process.env, CITUS_DATABASE_URL: url },
      timeout: timeoutS * 1000,
      killSignal: 'SIGTERM',
    });
    if (run.error) console.error(`error: ${run.error.message} (limit ${timeoutS} s)`);
    code = run.status ?? 1;
  }
} finally {
  spawnSync('bash', [script, 'stop', dir], { stdio: 'inherit' });
  // On a failure, the servers' own errors before their logs go with the directory.
  if (code !== 0)
    for (const node of ['node0', 'node1', 'node2']) {
      const file = path.join(dir, `${node}.log`);
      if (!fs.existsSync(file)) continue;
      const errors = fs
        .readFileSync(file, 'utf8')
        .split('\n')
        .filter((line) => / (ERROR|FATAL|PANIC): /.test(line))
        .slice(-20);
      if (errors.length) console.error(`--- ${node} (last errors) ---\n${errors.join('\n')}`);
    }
  fs.rmSync(dir, { recursive: true, force: true });
  console.log(`citus: ${code === 0 ? 'passed' : 'FAILED'} in ${seconds()} s`);
}
process.exit(code);
