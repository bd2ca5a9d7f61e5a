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
import { loadWithCopy } from '@vssid/datagen';
import { keySealer, migrate, openDatabase, resolveKeyEncryptionKey } from '@vssid/server';
import { BENCH_PASSWORD, prepareCitizens } from './lib/accounts';
import { prepareOfficers } from './lib/officers';
import { measureArgon2 } from './lib/argon2';
import { benchPhotos } from './lib/photos';
import { type FloorResult, measureRegistrationFloor } from './lib/registration-floor';
import { runLoad, type LoadResult } from './lib/load';
import { startCluster } from './lib/postgres';
import { cpuMs, postgresCpuMs, postgresCpuSince, rssMb, startProcess, stopProcess } from './lib/processes';
import { BUDGET_NOTES, BUDGETS, SCENARIOS } from './scenarios';

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
  },
});
const only = values.only ? new Set(values.only.split(',').map((n) => n.trim())) : null;
const duration = Math.max(5, Number(values.duration));
const connections = Number(values.connections);
const warmup = Math.max(0, Number(values.warmup));
const persons = Number(values.persons);
const started = Date.now();
const log = (line: string) => {
  process.stderr.write(`[bench ${Math.round((Date.now() - started) / 1000)}s] ${line}\n`);
};

const cluster = process.env.BENCH_DATABASE_URL
  ? null
  : startCluster(path.join(here, '.cache/postgres'), Number(process.env.BENCH_PG_PORT ?? 55_440));
const adminUrl = process.env.BENCH_DATABASE_URL ?? cluster?.url ?? '';
const databaseUrl = await ensureDataset(adminUrl);
const children: { kill: () => Promise<void> }[] = [];
try {
  const codesFile = path.join(os.tmpdir(), `vssid-bench-codes-${process.pid}.txt`);
  const tokensFile = path.join(os.tmpdir(), `vssid-bench-tokens-${process.pid}.txt`);
  /** Persons given an account and session for the authenticated scenarios. */
  const AUTH_SAMPLE = 5000;
  const sample = new pg.Client({ connectionString: databaseUrl });
  await sample.connect();
  const codes = await sample.query<{ bhxh_code: string }>(
    'SELECT bhxh_code FROM persons TABLESAMPLE SYSTEM (2) LIMIT 20000',
  );
  const dataset = await sample.query<{ persons: string; size: string; rows: string }>(
    `SELECT (SELECT count(*) FROM persons) AS persons, pg_size_pretty(pg_database_size(current_database())) AS size,
            (SELECT sum(n_live_tup) FROM pg_stat_user_tables) AS rows`,
  );
  await sample.end();
  fs.writeFileSync(codesFile, codes.rows.map((r) => r.bhxh_code).join('\n'));

  log('argon2id verifications per second (all cores)…');
  const argon2AtStart = await measureArgon2(5);
  /** Measured again just before and just after the sign-in run (this machine drifts within minutes). */
  let argon2BesideSignin: [number, number] | null = null;
  let registrationFloor: Baselines['registration_floor'] = null;
  /** The sign-in scenario's load, kept to drive the sign-in floor with the same requests. */
  let signinJob: Parameters<typeof runLoad>[0] | null = null;
  /** The registration scenario's load, kept to drive the registration floor server with the same requests. */
  let registrationJob: Parameters<typeof runLoad>[0] | null = null;
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

  log('server in production mode…');
  // The server keeps its key-encryption key in its DATA_DIR; the tokens made here for the
  // authenticated scenarios are signed with keys sealed by the same one.
  const serverDataDir = path.join(here, '.cache/server-data');
  const sealer = keySealer(
    await resolveKeyEncryptionKey({
      keyEncryptionKey: null,
      databaseInMemory: false,
      dataDir: serverDataDir,
    }),
  );
  const server = await startProcess(path.join(root, 'packages/server/src/main.ts'), {
    NODE_ENV: 'production',
    DATABASE_URL: databaseUrl,
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
    let file = codesFile;
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
    if (s.name === 'registration-submit') await prepareOfficers(databaseUrl, tokensFile, sealer);
    if (s.auth === 'officer') {
      file = tokensFile;
      await prepareOfficers(databaseUrl, tokensFile, sealer);
    }
    if (s.auth === 'citizen') {
      // Fresh sessions for each authenticated scenario (a sign-in ends the person's other sessions).
      file = tokensFile;
      await prepareCitizens(
        databaseUrl,
        codes.rows.slice(0, AUTH_SAMPLE).map((r) => r.bhxh_code),
        tokensFile,
        sealer,
      );
    }
    const job = {
      url: `http://127.0.0.1:${server.port}`,
      pathTemplate: s.pathTemplate,
      codesFile: file,
      connections,
      durationSeconds: duration,
      ...(s.method ? { method: s.method } : {}),
      ...(s.bodyTemplate ? { bodyTemplate: s.bodyTemplate } : {}),
      ...(s.prelude ? { prelude: s.prelude } : {}),
      ...(s.timeoutSeconds ? { timeoutSeconds: s.timeoutSeconds } : {}),
      ...(s.templateFiles ? { templateFiles: await s.templateFiles() } : {}),
      headerTemplates: {
        ...((s.auth === 'citizen' && s.name !== 'signin') || s.auth === 'officer'
          ? { authorization: 'Bearer {token}' }
          : {}),
        ...s.headerTemplates,
      },
    };
    if (s.name === 'signin') signinJob = job;
    if (s.name === 'registration-submit') registrationJob = job;
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

  const report = {
    commit: execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim(),
    date: new Date().toISOString(),
    machine: {
      cpus: os.cpus().length,
      cpu: os.cpus()[0]?.model ?? 'unknown',
      memory_gb: Math.round(os.totalmem() / 2 ** 30),
      node: process.version,
      postgres: '15',
    },
    dataset: {
      persons: Number(dataset.rows[0]?.persons ?? 0),
      rows: Number(dataset.rows[0]?.rows ?? 0),
      size: dataset.rows[0]?.size ?? '?',
    },
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
    },
    scenarios,
  };
  const failures = checkBudgets(report);
  if (only) {
    console.log(
      JSON.stringify({ baselines: report.baselines, scenarios: report.scenarios, failures }, null, 2),
    );
  } else {
    fs.mkdirSync(path.join(here, 'results'), { recursive: true });
    fs.writeFileSync(
      path.join(here, 'results/latest.json'),
      `${JSON.stringify({ ...report, budgets: { failures } }, null, 2)}\n`,
    );
    fs.writeFileSync(path.join(here, 'results/latest.md'), markdown(report, failures));
    log(`done: bench/results/latest.json and latest.md (${failures.length} budget(s) not met)`);
  }
  if (!only && values.check && failures.length) {
    for (const f of failures) console.error(`budget: ${f}`);
    process.exitCode = 1;
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

async function ensureDataset(admin: string): Promise<string> {
  const url = new URL(admin);
  url.pathname = '/vssid_bench';
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  const exists = await client.query("SELECT 1 FROM pg_database WHERE datname = 'vssid_bench'");
  if (!exists.rowCount) await client.query('CREATE DATABASE vssid_bench');
  await client.end();
  const handle = await openDatabase({
    databaseUrl: url.toString(),
    databaseInMemory: false,
    dataDir: '.',
    databasePoolMax: 1,
  });
  await migrate(handle.db);
  const count = Number(
    (
      await handle.db
        .selectFrom('persons')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
  await handle.close();
  if (count === persons) return url.toString();
  if (count !== 0)
    throw new Error(
      `the benchmark database holds ${count} persons, not ${persons}: drop vssid_bench (or bench/.cache) to reload`,
    );
  log(`loading ${persons} persons (once; kept in the benchmark database)…`);
  const pool = new pg.Pool({ connectionString: url.toString(), max: 1 });
  const report = await loadWithCopy(pool, {
    seed: 'vssid',
    persons,
    onProgress: (p) => {
      if (p.persons % 100_000 === 0) log(`  ${p.persons} persons, ${p.rows} rows`);
    },
  });
  await pool.end();
  log(`loaded ${report.rows} rows in ${Math.round(report.elapsedMs / 1000)} s`);
  return url.toString();
}

/** CPU time per measured request, by process (ms): what the machine's cores were spent on. */
type CpuAccount = { server: number | null; postgres: number | null; load_generator: number | null };

type Baselines = {
  db: { rps: number };
  argon2_verify_per_s: number;
  argon2_verify_per_s_at_start?: number;
  argon2_verify_per_s_beside_signin?: [number, number] | null;
  /** Three photos cleaned and the Form 01 PDF, nothing else: with the scenario's photos and camera-like ones. */
  registration_floor?: { dense: FloorResult; camera: FloorResult } | null;
  /** The sign-in's requests answered with HTTP and argon2id alone (measured when signin is). */
  signin_floor?: SigninFloor | null;
  /** The registration's requests answered by a server doing only multipart, photos and PDF. */
  registration_server_floor?: ServerFloor | null;
};
type ServerFloor = {
  rps: number;
  p50_ms: number;
  p95_ms: number;
  p99_ms: number;
  errors: number;
  cpu_ms_per_request: { server: number | null; load_generator: number | null };
};
type SigninFloor = ServerFloor & {
  argon2_verify_per_s_beside: [number, number];
  ratio_to_argon2: number;
};
type Report = {
  baselines: Baselines;
  scenarios: {
    name: string;
    missing: string | null;
    rps?: number;
    p95_ms?: number;
    errors?: number;
    ratio_to_db: number | null;
    cpu_ms_per_request?: CpuAccount;
  }[];
};

function checkBudgets(report: Report): string[] {
  const failures: string[] = [];
  const get = (name: string) => report.scenarios.find((s) => s.name === name);
  for (const s of report.scenarios) {
    if (s.missing) failures.push(`${s.name}: not measured (${s.missing})`);
    else if ((s.errors ?? 0) > 0) failures.push(`${s.name}: ${s.errors} errors`);
  }
  for (const name of ['card-view', 'participation', 'benefits', 'medical-history']) {
    const s = get(name);
    if (s && !s.missing && (s.p95_ms ?? Infinity) > BUDGETS.historyP95Ms)
      failures.push(`${name}: p95 ${s.p95_ms} ms > ${BUDGETS.historyP95Ms} ms`);
  }
  const card = get('card-view');
  if (card && !card.missing && (card.ratio_to_db ?? 0) < BUDGETS.cardToDbRatioMin)
    failures.push(`card-view: ${card.ratio_to_db} × db < ${BUDGETS.cardToDbRatioMin}`);
  // Floor-relative budgets: each scenario against its floor measured in the same run.
  const againstFloor = (
    name: string,
    min: number,
    floor: { rps: number; errors: number } | null | undefined,
  ) => {
    const s = get(name);
    if (!s || s.missing) return;
    if (!floor) failures.push(`${name}: its floor was not measured`);
    else if (floor.errors > 0) failures.push(`${name}: its floor had ${floor.errors} errors`);
    else if ((s.rps ?? 0) < min * floor.rps)
      failures.push(
        `${name}: ${s.rps}/s < ${min} × its floor's ${floor.rps}/s (${ratio(s.rps, floor.rps)} ×)`,
      );
  };
  againstFloor('signin', BUDGETS.signinToFloorMin, report.baselines.signin_floor);
  const lookup = get('bhxh-code-lookup');
  if (lookup && !lookup.missing && (lookup.p95_ms ?? Infinity) > BUDGETS.lookupP95Ms)
    failures.push(`bhxh-code-lookup: p95 ${lookup.p95_ms} ms > ${BUDGETS.lookupP95Ms} ms`);
  const directory = get('directory-search');
  if (directory && !directory.missing && (directory.p95_ms ?? Infinity) > BUDGETS.directoryP95Ms)
    failures.push(`directory-search: p95 ${directory.p95_ms} ms > ${BUDGETS.directoryP95Ms} ms`);
  againstFloor(
    'registration-submit',
    BUDGETS.registrationToFloorMin,
    report.baselines.registration_server_floor,
  );
  return failures;
}

/** `a / b` to the hundredth. */
function ratio(a: number | undefined, b: number): number {
  return b ? Math.round(((a ?? 0) / b) * 100) / 100 : 0;
}

/** Where the argon2 rate the sign-in budget uses comes from. */
function argon2Note(b: Baselines): string {
  const beside = b.argon2_verify_per_s_beside_signin;
  return beside
    ? `production parameters; mean of ${beside[0]} just before and ${beside[1]} just after the sign-in run (${b.argon2_verify_per_s_at_start ?? '—'} at the start)`
    : 'production parameters';
}

/** The floors' rows: the sign-in floor's rate, the rate the cores allow for the photos and the PDF alone. */
function floorRows(b: Baselines): string[] {
  const s = b.signin_floor;
  const signin = s
    ? [
        `| sign-in floor: HTTP and argon2id alone | ${s.rps} | ${s.p50_ms} | ${s.p95_ms} | ${s.p99_ms} | ${s.errors} | ${s.ratio_to_argon2} × argon2 (mean of ${s.argon2_verify_per_s_beside[0]} just before and ${s.argon2_verify_per_s_beside[1]} just after it); the sign-in's requests, JSON read, the server's argon2 path, a constant answer: no database, limits, session or audit; CPU a request: server ${s.cpu_ms_per_request.server ?? '—'} ms, load generator ${s.cpu_ms_per_request.load_generator ?? '—'} ms |`,
      ]
    : [];
  const g = b.registration_server_floor;
  const server = g
    ? [
        `| registration floor server: multipart, photos and PDF alone | ${g.rps} | ${g.p50_ms} | ${g.p95_ms} | ${g.p99_ms} | ${g.errors} | the registration's requests (the same multipart bodies), parsed by @fastify/multipart, three photos re-encoded by the server's cleaner, the Form 01 PDF rendered, a constant answer: no schema, database, storage or outbox; CPU a request: server ${g.cpu_ms_per_request.server ?? '—'} ms, load generator ${g.cpu_ms_per_request.load_generator ?? '—'} ms |`,
      ]
    : [];
  const f = b.registration_floor;
  if (!f) return [...signin, ...server];
  const row = (what: string, r: FloorResult) =>
    `| registration floor, ${what} (submissions/s the cores allow) | ${r.rate_allowed_per_s} | | | | | ${r.cpu_ms} ms of CPU a submission (three photos re-encoded ${r.photos_cpu_ms} ms, the Form 01 PDF ${r.pdf_cpu_ms} ms) and nothing else: no HTTP, JSON, database or load generator |`;
  return [
    ...signin,
    ...server,
    row("the scenario's dense photos", f.dense),
    row('camera-like photos of the same size', f.camera),
  ];
}

/**
 * The ratio a scenario's budget is about: sign-in and registration to their floors measured in the
 * same run (sign-in also to argon2, for the record), the others to the db baseline.
 */
function scenarioNote(s: Report['scenarios'][number], b: Baselines): string {
  const floor = (f: { rps: number } | null | undefined, min: number) =>
    f ? `${ratio(s.rps, f.rps)} × floor (budget ${min})` : 'floor not measured';
  if (s.name === 'signin')
    return `${floor(b.signin_floor, BUDGETS.signinToFloorMin)}; ${ratio(s.rps, b.argon2_verify_per_s)} × argon2`;
  if (s.name === 'registration-submit')
    return floor(b.registration_server_floor, BUDGETS.registrationToFloorMin);
  return `${s.ratio_to_db} × db`;
}

function markdown(
  report: Report & {
    commit: string;
    date: string;
    machine: { cpus: number; cpu: string; memory_gb: number; node: string };
    dataset: { persons: number; rows: number; size: string };
    baselines: {
      http: LoadResult | { rps: number; p50_ms: number; p95_ms: number; p99_ms: number; errors: number };
      db: { rps: number; p50_ms: number; p95_ms: number; p99_ms: number; errors: number };
    };
  },
  failures: string[],
): string {
  const row = (
    name: string,
    r: { rps?: number; p50_ms?: number; p95_ms?: number; p99_ms?: number; errors?: number },
    extra = '',
  ) =>
    `| ${name} | ${r.rps ?? '—'} | ${r.p50_ms ?? '—'} | ${r.p95_ms ?? '—'} | ${r.p99_ms ?? '—'} | ${r.errors ?? '—'} | ${extra} |`;
  const measured = [
    { name: 'http', rps: report.baselines.http.rps },
    { name: 'db', rps: report.baselines.db.rps },
    ...report.scenarios.filter((s) => !s.missing).map((s) => ({ name: s.name, rps: s.rps ?? 0 })),
  ];
  return [
    '# Benchmark report',
    '',
    `Commit ${report.commit}, ${report.date}. Machine: ${report.machine.cpus} × ${report.machine.cpu}, ${report.machine.memory_gb} GiB, Node ${report.machine.node}, PostgreSQL 15 on the same machine.`,
    `Dataset: ${report.dataset.persons.toLocaleString('en-US')} persons, ${report.dataset.rows.toLocaleString('en-US')} rows, ${report.dataset.size}. Load: 50 connections from a separate process, ${duration} s each after ${warmup} s of unmeasured warm-up (none for registration-submit, whose requests use up their sample). PostgreSQL through its Unix socket.`,
    '',
    '| what | req/s | p50 ms | p95 ms | p99 ms | errors | notes |',
    '|---|---:|---:|---:|---:|---:|---|',
    row('baseline http (constant card-sized JSON)', report.baselines.http),
    row('baseline db (one primary-key SELECT)', report.baselines.db),
    `| argon2id verifications/s (all cores) | ${report.baselines.argon2_verify_per_s} | | | | | ${argon2Note(report.baselines)} |`,
    ...floorRows(report.baselines),
    ...report.scenarios.map((s) =>
      s.missing
        ? `| ${s.name} | — | — | — | — | — | not measured: ${s.missing} |`
        : row(s.name, s, scenarioNote(s, report.baselines)),
    ),
    '',
    '```mermaid',
    'xychart-beta',
    '  title "Requests per second"',
    `  x-axis [${measured.map((m) => `"${m.name}"`).join(', ')}]`,
    '  y-axis "req/s"',
    `  bar [${measured.map((m) => m.rps).join(', ')}]`,
    '```',
    '',
    cpuSection(report),
    failures.length
      ? `## Budgets not met\n\n${failures.map((f) => `- ${f}`).join('\n')}\n\n### Why\n\n${[
          ...new Set(failures.map((f) => f.split(':')[0] ?? '')),
        ]
          .filter((name) => BUDGET_NOTES[name])
          .map((name) => `- **${name}**: ${BUDGET_NOTES[name] ?? ''}`)
          .join('\n')}\n`
      : '## Budgets\n\nAll budgets hold.\n',
    profilingSection(),
  ].join('\n');
}

/**
 * Where the cores went, per request: the server process, PostgreSQL's processes and the load
 * generator, from /proc before and after each run; beside it what the machine's cores allow at that
 * cost (cores × 1000 / total ms), against the measured rate.
 */
function cpuSection(report: Report & { machine: { cpus: number } }): string {
  const rows = report.scenarios.filter((s) => !s.missing && s.cpu_ms_per_request);
  if (!rows.length) return '';
  const f = (n: number | null | undefined) => (n === null || n === undefined ? '—' : n.toFixed(2));
  return [
    '## CPU per request',
    '',
    'CPU time (user + system) per measured request, by process, read from /proc before and after each run (PostgreSQL: its processes alive at the end; one that ended during the run, such as an autovacuum worker, is not counted).',
    '',
    '| scenario | server ms | PostgreSQL ms | load generator ms | total ms | cores allow req/s | measured req/s |',
    '|---|---:|---:|---:|---:|---:|---:|',
    ...rows.map((s) => {
      const c = s.cpu_ms_per_request as CpuAccount;
      const total = (c.server ?? 0) + (c.postgres ?? 0) + (c.load_generator ?? 0);
      const allows = total > 0 ? Math.round((report.machine.cpus * 1000) / total) : null;
      return `| ${s.name} | ${f(c.server)} | ${f(c.postgres)} | ${f(c.load_generator)} | ${f(total)} | ${allows ?? '—'} | ${s.rps ?? '—'} |`;
    }),
    '',
  ].join('\n');
}

/** The before/after figures of each round of profiling work (`results/profiling.json`, kept by hand). */
function profilingSection(): string {
  const file = path.join(here, 'results/profiling.json');
  if (!fs.existsSync(file)) return '';
  const p = JSON.parse(fs.readFileSync(file, 'utf8')) as {
    rounds: {
      about: string;
      changes: string[];
      scenarios: {
        name: string;
        before: { rps: number; p95_ms?: number };
        after: { rps: number; p95_ms?: number };
      }[];
    }[];
  };
  return [
    '## Profiling: before and after',
    '',
    ...p.rounds.flatMap((round, i) => [
      `### Round ${i + 1}`,
      '',
      round.about,
      '',
      ...round.changes.map((c) => `- ${c}`),
      '',
      '| scenario | req/s before | req/s after | p95 ms before | p95 ms after |',
      '|---|---:|---:|---:|---:|',
      ...round.scenarios.map(
        (s) =>
          `| ${s.name} | ${s.before.rps} | ${s.after.rps} | ${s.before.p95_ms ?? '—'} | ${s.after.p95_ms ?? '—'} |`,
      ),
      '',
    ]),
  ].join('\n');
}
