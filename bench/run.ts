/**
 * npm run bench [-- --check] [-- --duration 20] [-- --warmup 5] [-- --persons 1000000]
 *
 * Starts (or reuses, BENCH_DATABASE_URL) a PostgreSQL 15 cluster, loads the synthetic nation once
 * (kept in bench/.cache between runs), starts the server in production mode, measures the
 * baselines and every scenario from a separate load-generator process on loopback (50
 * connections, 20 s each after 5 s of the same load unmeasured), and writes
 * bench/results/latest.json and latest.md. Every process reaches PostgreSQL through its Unix socket.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { keySealer, resolveKeyEncryptionKey } from '@vssid/server';
import { BENCH_PASSWORD, prepareCitizens } from './lib/accounts';
import { prepareEmployers } from './lib/employers';
import { prepareOfficers } from './lib/officers';
import { prepareClinics } from './lib/clinics';
import { measureArgon2 } from './lib/argon2';
import { checkBudgets, unreachableBudgets } from './lib/budgets';
import { ensureDataset } from './lib/dataset';
import { closeMonthBeforeBench } from './lib/monthly-close';
import { measureFanOut } from './lib/fan-out';
import { benchPhotos } from './lib/photos';
import { measureRegistrationFloor } from './lib/registration-floor';
import { type LoadJob, runLoad, type LoadResult } from './lib/load';
import { auditChainsOf, machineInfo } from './lib/machine';
import { runSoak, SOAK_MIX, SOAK_WRITES, type SoakScenario, soakMarkdown } from './lib/soak';
import { CITUS_SCENARIOS, citusMarkdown, citusReport } from './lib/citus';
import { startCitusCluster, startCluster } from './lib/postgres';
import { type Baselines, type CpuAccount, markdown, type ServerFloor, type SigninFloor } from './lib/report';
import { cpuMs, postgresCpuMs, postgresCpuSince, rssMb, startProcess, stopProcess } from './lib/processes';
import { SCENARIOS, STATEMENT_BENCH_MONTH } from './scenarios';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const { values } = parseArgs({
  options: {
    check: { type: 'boolean', default: false },
    duration: { type: 'string', default: '20' },
    connections: { type: 'string', default: '50' },
    /** Unmeasured seconds of the same load before each measured run (JIT, caches, plans). */
    warmup: { type: 'string', default: '5' },
    persons: { type: 'string', default: '1000000' },
    /** Comma-separated scenario names: measure only these, print them, leave the reports alone (profiling). */
    only: { type: 'string' },
    /** A soak instead of the benchmark: `10m`, `90s` (bench/lib/soak.ts). */
    soak: { type: 'string' },
    /**
     * `postgres` (one node, the default) or `citus` (issue #28): a local Citus cluster, the
     * scenarios of CITUS_SCENARIOS, reported in bench/results/citus.md with their ratios to the
     * single-node run of bench/results/latest.json.
     */
    engine: { type: 'string', default: 'postgres' },
  },
});
if (values.engine !== 'postgres' && values.engine !== 'citus')
  throw new Error(`--engine is postgres or citus, not ${values.engine}`);
const onCitus = values.engine === 'citus';
const only = values.only
  ? new Set(values.only.split(',').map((n) => n.trim()))
  : onCitus
    ? new Set(CITUS_SCENARIOS)
    : null;
const duration = Math.max(5, Number(values.duration));
const connections = Number(values.connections);
const warmup = Math.max(0, Number(values.warmup));
const persons = Number(values.persons);
const soakSeconds = values.soak ? parseDuration(values.soak) : null;
const started = Date.now();
const log = (line: string) => {
  process.stderr.write(`[bench ${Math.round((Date.now() - started) / 1000)}s] ${line}\n`);
};

// The server keeps its key-encryption key in its DATA_DIR; the tokens made here for the
// authenticated scenarios are signed with keys sealed by the same one.
// bench/.cache itself stays traversable: the cluster below runs as the `postgres` user, and the
// key file's folder (0700) would otherwise make its first creation 0700 too.
fs.mkdirSync(path.join(here, '.cache'), { recursive: true });
fs.chmodSync(path.join(here, '.cache'), 0o755);
const serverDataDir = path.join(here, '.cache/server-data');
const sealer = keySealer(
  await resolveKeyEncryptionKey({ keyEncryptionKey: null, databaseInMemory: false, dataDir: serverDataDir }),
);

const cluster = process.env.BENCH_DATABASE_URL
  ? null
  : onCitus
    ? startCitusCluster(path.join(here, '.cache/citus'), Number(process.env.BENCH_CITUS_PORT ?? 57_310))
    : startCluster(path.join(here, '.cache/postgres'), Number(process.env.BENCH_PG_PORT ?? 55_440));
const adminUrl = process.env.BENCH_DATABASE_URL ?? cluster?.url ?? '';
const databaseUrl = await ensureDataset(adminUrl, persons, log, { citus: onCitus });
await closeMonthBeforeBench(databaseUrl, log);
const children: { kill: () => Promise<void> }[] = [];
/** The scenarios answered by a one-statement floor server of `baselines/` (its header says what it does). */
const DB_FLOORS: Record<string, string> = {
  'gateway-card-check': 'gateway-check-floor-server.ts',
  'service-request-submit': 'service-request-floor-server.ts',
  'officer-request-queue': 'request-queue-floor-server.ts',
  'inbox-read': 'inbox-floor-server.ts',
};

try {
  const codesFile = path.join(os.tmpdir(), `vssid-bench-codes-${process.pid}.txt`);
  const tokensFile = path.join(os.tmpdir(), `vssid-bench-tokens-${process.pid}.txt`);
  /** Persons given an account and session for the authenticated scenarios. */
  const AUTH_SAMPLE = 5000;
  const sample = new pg.Client({ connectionString: databaseUrl });
  await sample.connect();
  // A 2 % sample of the pages; a small nation (a test of the harness) has too few pages for it.
  const codes = await sample.query<{ bhxh_code: string }>(
    persons >= 100_000
      ? 'SELECT bhxh_code FROM persons TABLESAMPLE SYSTEM (2) LIMIT 20000'
      : `SELECT bhxh_code FROM persons ORDER BY random() LIMIT ${Math.max(1, Math.floor(persons / 5))}`,
  );
  const dataset = await sample.query<{ persons: string; size: string; rows: string }>(
    `SELECT (SELECT count(*) FROM persons) AS persons, pg_size_pretty(pg_database_size(current_database())) AS size,
            (SELECT sum(n_live_tup) FROM pg_stat_user_tables) AS rows`,
  );
  await sample.end();
  fs.writeFileSync(codesFile, codes.rows.map((r) => r.bhxh_code).join('\n'));
  const citizenSample = codes.rows.slice(0, AUTH_SAMPLE).map((r) => r.bhxh_code);
  if (soakSeconds !== null) {
    await soak(soakSeconds, {
      codesFile,
      // Sign-ins end the person's other sessions: the soak's sign-ins use other persons (the
      // sample's second half when it is small).
      citizens: citizenSample.slice(0, Math.ceil(codes.rows.length / 2)),
      signinCitizens: codes.rows
        .slice(Math.min(AUTH_SAMPLE, Math.ceil(codes.rows.length / 2)), 2 * AUTH_SAMPLE)
        .map((r) => r.bhxh_code),
      dataset: dataset.rows[0],
    });
  } else {
    log('argon2id verifications per second (all cores)…');
    const argon2AtStart = await measureArgon2(5);
    /** Measured again just before and just after the sign-in run (this machine drifts within minutes). */
    let argon2BesideSignin: [number, number] | null = null;
    let registrationFloor: Baselines['registration_floor'] = null;
    /** The sign-in scenario's load, kept to drive the sign-in floor with the same requests. */
    let signinJob: Parameters<typeof runLoad>[0] | null = null;
    /** The registration scenario's load, kept to drive the registration floor server with the same requests. */
    let registrationJob: Parameters<typeof runLoad>[0] | null = null;
    /** The loads of the scenarios with a one-statement floor server (DB_FLOORS), kept to drive it. */
    const dbFloorJobs = new Map<string, { script: string; job: Parameters<typeof runLoad>[0] }>();
    if (!only || only.has('registration-submit')) {
      log('registration floor (three photos re-encoded and the PDF, alone)…');
      registrationFloor = {
        dense: await measureRegistrationFloor(6, Object.values(await benchPhotos('dense'))),
        camera: await measureRegistrationFloor(6, Object.values(await benchPhotos('camera'))),
      };
    }

    log('baseline http…');
    const http = await startProcess(path.join(here, 'baselines/http-server.ts'), {});
    children.push({ kill: () => stopProcess(http.child) });
    const httpJob = { url: `http://127.0.0.1:${http.port}/card`, connections, durationSeconds: duration };
    if (warmup > 0) await runLoad({ ...httpJob, durationSeconds: warmup });
    const httpResult = await runLoad(httpJob);
    await stopProcess(http.child);

    log('baseline db…');
    const db = await startProcess(path.join(here, 'baselines/db-server.ts'), { DATABASE_URL: databaseUrl });
    children.push({ kill: () => stopProcess(db.child) });
    const dbJob = {
      url: `http://127.0.0.1:${db.port}`,
      pathTemplate: '/person/{code}',
      codesFile,
      connections,
      durationSeconds: duration,
    };
    if (warmup > 0) await runLoad({ ...dbJob, durationSeconds: warmup });
    const dbResult = await runLoad(dbJob);
    await stopProcess(db.child);

    // Issue 25: the fan-out of one article to every person with an account (every person is given
    // one), timed; its inbox rows are what the inbox-read scenario then reads.
    let fanOut = null;
    if (!only || only.has('inbox-read')) {
      log('fan-out of one article to every person with an account…');
      fanOut = await measureFanOut(databaseUrl);
      log(`fan-out: ${fanOut.rows} rows in ${fanOut.seconds} s (${fanOut.rows_per_s} rows/s)`);
    }

    log('server in production mode…');
    const server = await startServer(databaseUrl);
    const scenarios: ({ name: string; missing: string | null } & Partial<LoadResult> & {
        rss_mb: number | null;
        ratio_to_db: number | null;
        cpu_ms_per_request?: CpuAccount;
      })[] = [];
    for (const s of SCENARIOS) {
      if (only && !only.has(s.name)) continue;
      if (s.missing !== null || !s.pathTemplate) {
        scenarios.push({
          name: s.name,
          missing: s.missing ?? 'no request defined',
          rss_mb: null,
          ratio_to_db: null,
        });
        continue;
      }
      log(`scenario ${s.name}…`);
      const job = await scenarioJob(s, server.port, {
        codes: codesFile,
        citizenTokens: tokensFile,
        officerTokens: tokensFile,
        citizens: citizenSample,
      });
      if (s.name === 'signin') signinJob = job;
      if (s.name === 'registration-submit') registrationJob = job;
      const floorScript = DB_FLOORS[s.name];
      if (floorScript) dbFloorJobs.set(s.name, { script: floorScript, job });
      // Warm up with the same requests, unmeasured, unless they use up their sample.
      if (warmup > 0 && !s.consumesSample) await runLoad({ ...job, durationSeconds: warmup });
      const before = s.name === 'signin' ? await measureArgon2(5) : null;
      const serverCpuBefore = cpuMs(server.child.pid);
      const postgresCpuBefore = postgresCpuMs();
      const r = await runLoad(job);
      const perRequest = (ms: number) => msPerRequest(ms, r.total);
      // Where the machine's CPU went, per measured request (with a prelude, its request is included).
      const cpu_ms_per_request = {
        server: perRequest((cpuMs(server.child.pid) ?? 0) - (serverCpuBefore ?? 0)),
        postgres: perRequest(postgresCpuSince(postgresCpuBefore)),
        load_generator: perRequest(r.generator_cpu_ms),
      };
      if (before !== null) argon2BesideSignin = [before, await measureArgon2(5)];
      scenarios.push({
        name: s.name,
        missing: null,
        ...r,
        cpu_ms_per_request,
        rss_mb: rssMb(server.child.pid),
        ratio_to_db: dbResult.rps ? Math.round((r.rps / dbResult.rps) * 100) / 100 : null,
      });
    }
    await stopProcess(server.child);
    const signinFloor = signinJob ? await measureSigninFloor(signinJob) : null;
    const registrationServerFloor = registrationJob
      ? await measureRegistrationServerFloor(registrationJob)
      : null;
    const dbFloors: Record<string, ServerFloor> = {};
    for (const [name, { script, job }] of dbFloorJobs)
      dbFloors[name] = await measureDbFloor(script, job, databaseUrl);

    const report = {
      commit: execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim(),
      date: new Date().toISOString(),
      machine: machineInfo(),
      dataset: {
        persons: Number(dataset.rows[0]?.persons ?? 0),
        rows: Number(dataset.rows[0]?.rows ?? 0),
        size: dataset.rows[0]?.size ?? '?',
      },
      fan_out: fanOut,
      settings: { connections, duration_s: duration },
      baselines: {
        http: {
          rps: httpResult.rps,
          p50_ms: httpResult.p50_ms,
          p95_ms: httpResult.p95_ms,
          p99_ms: httpResult.p99_ms,
          errors: httpResult.errors,
        },
        db: {
          rps: dbResult.rps,
          p50_ms: dbResult.p50_ms,
          p95_ms: dbResult.p95_ms,
          p99_ms: dbResult.p99_ms,
          errors: dbResult.errors,
        },
        // The sign-in budget compares with the rate beside the sign-in run: the mean of the two
        // measurements around it, or the one at the start when sign-in was not measured.
        argon2_verify_per_s: argon2BesideSignin
          ? Math.round((argon2BesideSignin[0] + argon2BesideSignin[1]) / 2)
          : argon2AtStart,
        argon2_verify_per_s_at_start: argon2AtStart,
        argon2_verify_per_s_beside_signin: argon2BesideSignin,
        registration_floor: registrationFloor,
        signin_floor: signinFloor,
        registration_server_floor: registrationServerFloor,
        gateway_check_floor: dbFloors['gateway-card-check'] ?? null,
        service_request_floor: dbFloors['service-request-submit'] ?? null,
        request_queue_floor: dbFloors['officer-request-queue'] ?? null,
        inbox_floor: dbFloors['inbox-read'] ?? null,
      },
      scenarios,
    };
    const failures = checkBudgets(report);
    if (onCitus) {
      const single = JSON.parse(
        fs.readFileSync(path.join(here, 'results/latest.json'), 'utf8'),
      ) as Parameters<typeof citusReport>[1];
      const citus = citusReport(report, single);
      fs.mkdirSync(path.join(here, 'results'), { recursive: true });
      fs.writeFileSync(path.join(here, 'results/citus.json'), `${JSON.stringify(citus, null, 2)}\n`);
      fs.writeFileSync(path.join(here, 'results/citus.md'), citusMarkdown(citus));
      log('done: bench/results/citus.json and citus.md');
    } else if (only) {
      console.log(
        JSON.stringify(
          {
            baselines: report.baselines,
            fan_out: report.fan_out,
            scenarios: report.scenarios,
            failures,
            unreachable: unreachableBudgets(report),
          },
          null,
          2,
        ),
      );
    } else {
      fs.mkdirSync(path.join(here, 'results'), { recursive: true });
      fs.writeFileSync(
        path.join(here, 'results/latest.json'),
        `${JSON.stringify({ ...report, budgets: { failures } }, null, 2)}\n`,
      );
      fs.writeFileSync(
        path.join(here, 'results/latest.md'),
        markdown(report, failures, { duration, warmup }),
      );
      log(`done: bench/results/latest.json and latest.md (${failures.length} budget(s) not met)`);
    }
    if (!only && values.check && failures.length) {
      for (const f of failures) console.error(`budget: ${f}`);
      process.exitCode = 1;
    }
  }
} finally {
  for (const c of children) await c.kill().catch(() => undefined);
  cluster?.stop();
}

/** CPU milliseconds per measured request, to the hundredth; null when nothing was measured. */
function msPerRequest(ms: number, total: number): number | null {
  return total ? Math.round((ms / total) * 100) / 100 : null;
}

/**
 * The sign-in floor: the sign-in scenario's requests against a server that only reads the JSON,
 * checks the password with the server's argon2 path and answers (baselines/signin-floor-server.ts),
 * between two argon2 measurements of its own, as the sign-in run is.
 */
async function measureSigninFloor(job: Parameters<typeof runLoad>[0]): Promise<SigninFloor> {
  log('sign-in floor (HTTP and argon2id alone)…');
  let argon2: [number, number] = [0, 0];
  const floor = await loadFloorServer(
    'baselines/signin-floor-server.ts',
    { FLOOR_PASSWORD: BENCH_PASSWORD },
    job,
    async (run) => {
      const before = await measureArgon2(5);
      const r = await run();
      argon2 = [before, await measureArgon2(5)];
      return r;
    },
  );
  return {
    ...floor,
    argon2_verify_per_s_beside: argon2,
    ratio_to_argon2: Math.round((floor.rps / ((argon2[0] + argon2[1]) / 2)) * 1000) / 1000,
  };
}

/**
 * A floor server (a script of `baselines/`) driven by a scenario's load, after an unmeasured
 * warm-up: its rate, latencies, errors and CPU per request. `around` may measure beside the run.
 */
async function loadFloorServer(
  script: string,
  env: Record<string, string>,
  job: Parameters<typeof runLoad>[0],
  around: (run: () => Promise<LoadResult>) => Promise<LoadResult> = (run) => run(),
): Promise<ServerFloor> {
  const floor = await startProcess(path.join(here, script), env);
  children.push({ kill: () => stopProcess(floor.child) });
  const floorJob = { ...job, url: `http://127.0.0.1:${floor.port}` };
  if (warmup > 0) await runLoad({ ...floorJob, durationSeconds: warmup });
  const cpuBefore = cpuMs(floor.child.pid);
  const r = await around(() => runLoad(floorJob));
  const serverMs = (cpuMs(floor.child.pid) ?? 0) - (cpuBefore ?? 0);
  await stopProcess(floor.child);
  const perRequest = (ms: number) => msPerRequest(ms, r.total);
  return {
    rps: r.rps,
    p50_ms: r.p50_ms,
    p95_ms: r.p95_ms,
    p99_ms: r.p99_ms,
    errors: r.errors,
    cpu_ms_per_request: { server: perRequest(serverMs), load_generator: perRequest(r.generator_cpu_ms) },
  };
}

/**
 * The registration floor server: the registration scenario's requests (the same multipart bodies)
 * against a server that only parses the multipart, re-encodes the three photos and renders the
 * Form 01 PDF (baselines/registration-floor-server.ts). Warmed up first: it uses up no sample.
 */
function measureRegistrationServerFloor(job: Parameters<typeof runLoad>[0]): Promise<ServerFloor> {
  log('registration floor server (multipart, photos and PDF alone)…');
  return loadFloorServer('baselines/registration-floor-server.ts', {}, job);
}

/** A scenario's requests against its one-statement floor server on the benchmark database. */
function measureDbFloor(script: string, job: Parameters<typeof runLoad>[0], databaseUrl: string) {
  log(`floor server ${script}…`);
  return loadFloorServer(`baselines/${script}`, { DATABASE_URL: databaseUrl }, job);
}

/** The server in production mode on the benchmark database, limits lifted, on a free loopback port. */
async function startServer(url: string) {
  const server = await startProcess(path.join(root, 'packages/server/src/main.ts'), {
    NODE_ENV: 'production',
    DATABASE_URL: url,
    PORT: '0',
    LOG_LEVEL: 'warn',
    SERVE_WEB: 'false',
    // The load comes from one address: the per-IP limits would measure the limiter, not the system.
    RATE_LIMIT_MAX: '1000000000',
    SIGNIN_RATE_LIMIT_PER_IP: '1000000000',
    // Uploaded photos (registration-submit) go to the ignored cache, not into the work tree.
    DATA_DIR: serverDataDir,
    LOOKUP_RATE_LIMIT_MAX: '1000000000',
    // The proof of work is the client's cost, not the server's: difficulty 0 (any nonce passes)
    // keeps the challenge round trip and its single-use check without measuring client hashing.
    LOOKUP_POW_BITS: '0',
  });
  children.push({ kill: () => stopProcess(server.child) });
  return server;
}

/**
 * One scenario's load against the server on `port`: its sample file written, its callers given
 * sessions (citizens: `files.citizens`, tokens in `files.citizenTokens`; officers in
 * `files.officerTokens`).
 */
async function scenarioJob(
  s: (typeof SCENARIOS)[number],
  port: number,
  files: { codes: string; citizenTokens: string; officerTokens: string; citizens: string[] },
): Promise<LoadJob> {
  let file = files.codes;
  if (s.sampleQuery) {
    // The scenario's own sample (names, places…): a header line naming the columns, then rows.
    file = path.join(os.tmpdir(), `vssid-bench-${s.name}-${process.pid}.txt`);
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    const rows = await client.query<Record<string, unknown>>(s.sampleQuery);
    await client.end();
    const columns = rows.fields.map((f) => f.name);
    fs.writeFileSync(
      file,
      [
        `#${columns.join('\t')}`,
        ...rows.rows.map((r) =>
          columns
            .map((c) => (r[c] === null || r[c] === undefined ? '' : String(r[c] as string | number)))
            .join('\t'),
        ),
      ].join('\n'),
    );
  }
  // A dossier goes only to an agency an officer can see (issue 20): the officers of the
  // provinces' offices exist before the first submission (their tokens are made again below).
  if (s.name === 'registration-submit') await prepareOfficers(databaseUrl, files.officerTokens, sealer);
  // The same for online service requests (issue 23): their agency has an officer first.
  if (s.name === 'service-request-submit') await prepareOfficers(databaseUrl, files.officerTokens, sealer);
  if (s.auth === 'officer') {
    file = files.officerTokens;
    await prepareOfficers(databaseUrl, files.officerTokens, sealer);
  }
  if (s.auth === 'employer') {
    file = files.officerTokens;
    const unit = await prepareEmployers(databaseUrl, files.officerTokens, sealer, STATEMENT_BENCH_MONTH);
    console.log(
      `employer-statement: unit ${unit.unitCode} with ${unit.workers} workers in ${STATEMENT_BENCH_MONTH}`,
    );
  }
  if (s.auth === 'clinic') {
    // The gateway's credentials, clerks and token pairs of the sampled persons' clinics.
    file = files.officerTokens;
    await prepareClinics(databaseUrl, files.officerTokens, sealer, files.citizens);
  }
  if (s.auth === 'citizen') {
    // Fresh sessions for each authenticated scenario (a sign-in ends the person's other sessions).
    file = files.citizenTokens;
    await prepareCitizens(databaseUrl, files.citizens, files.citizenTokens, sealer);
  }
  return {
    url: `http://127.0.0.1:${port}`,
    ...(s.pathTemplate ? { pathTemplate: s.pathTemplate } : {}),
    codesFile: file,
    connections,
    durationSeconds: duration,
    ...(s.method ? { method: s.method } : {}),
    ...(s.bodyTemplate ? { bodyTemplate: s.bodyTemplate } : {}),
    ...(s.prelude ? { prelude: s.prelude } : {}),
    ...(s.timeoutSeconds ? { timeoutSeconds: s.timeoutSeconds } : {}),
    ...(s.templateFiles ? { templateFiles: await s.templateFiles() } : {}),
    headerTemplates: {
      ...((s.auth === 'citizen' && s.name !== 'signin') || s.auth === 'officer' || s.auth === 'employer'
        ? { authorization: 'Bearer {token}' }
        : {}),
      ...s.headerTemplates,
    },
  };
}

/** `10m`, `90s`, `600` (seconds): the soak's duration in seconds. */
function parseDuration(text: string): number {
  const m = /^(\d+(?:\.\d+)?)(s|m)?$/.exec(text.trim());
  if (!m) throw new Error(`--soak ${text}: give a duration such as 10m or 90s`);
  return Math.round(Number(m[1]) * (m[2] === 'm' ? 60 : 1));
}

/**
 * `--soak <duration>` (bench/lib/soak.ts): the server, the capacity of each scenario of the mix,
 * then the mix at 70 % of it for the duration; bench/results/soak.json and soak.md. Exit status 1
 * when a pass criterion is not met.
 */
async function soak(
  seconds: number,
  ctx: {
    codesFile: string;
    citizens: string[];
    signinCitizens: string[];
    dataset: { persons: string; size: string; rows: string } | undefined;
  },
) {
  log('server in production mode…');
  const server = await startServer(databaseUrl);
  const tmp = (name: string) => path.join(os.tmpdir(), `vssid-soak-${name}-${process.pid}.txt`);
  const files = {
    codes: ctx.codesFile,
    citizenTokens: tmp('citizens'),
    officerTokens: tmp('officers'),
    citizens: ctx.citizens,
  };
  const mix: SoakScenario[] = [];
  for (const [name, share] of Object.entries(SOAK_MIX)) {
    const s = SCENARIOS.find((x) => x.name === name);
    if (!s || s.missing !== null) continue;
    const job =
      name === 'signin'
        ? await scenarioJob(s, server.port, {
            ...files,
            citizenTokens: tmp('signin'),
            citizens: ctx.signinCitizens,
          })
        : await scenarioJob(s, server.port, files);
    mix.push({
      name,
      kind: SOAK_WRITES.has(name) ? 'write' : 'read',
      job,
      share,
      ...(s.consumesSample ? { consumesSample: true } : {}),
    });
  }
  const result = await runSoak(mix, {
    // The citizens' and officers' sessions made again (every read scenario's file has the same,
    // current tokens); the sign-ins' file needs none (they sign in).
    renewTokens: async () => {
      await prepareCitizens(databaseUrl, ctx.citizens, files.citizenTokens, sealer);
      await prepareOfficers(databaseUrl, files.officerTokens, sealer);
    },
    durationSeconds: seconds,
    capacitySeconds: duration,
    warmupSeconds: warmup,
    serverPid: server.child.pid,
    log,
  });
  await stopProcess(server.child);
  // The audit entries written under the soak's concurrent writers: every chain must still hold.
  const audit = await auditChainsOf(databaseUrl);
  log(`audit chains: ${audit.entries} entries, ${audit.breaks} broken chains`);
  const report = {
    commit: execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim(),
    date: new Date().toISOString(),
    machine: machineInfo(),
    dataset: {
      persons: Number(ctx.dataset?.persons ?? 0),
      rows: Number(ctx.dataset?.rows ?? 0),
      size: ctx.dataset?.size ?? '?',
    },
    settings: { duration_s: seconds, capacity_run_s: duration, warmup_s: warmup, connections },
    ...result,
    audit,
    pass: { ...result.pass, audit: audit.holds, all: result.pass.all && audit.holds },
  };
  fs.mkdirSync(path.join(here, 'results'), { recursive: true });
  fs.writeFileSync(path.join(here, 'results/soak.json'), `${JSON.stringify(report, null, 2)}\n`);
  fs.writeFileSync(path.join(here, 'results/soak.md'), soakMarkdown(report));
  log(`done: bench/results/soak.json and soak.md (${report.pass.all ? 'pass' : 'FAIL'})`);
  if (!report.pass.all) process.exitCode = 1;
}
