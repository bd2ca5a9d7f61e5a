import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BUDGET_NOTES, BUDGETS } from '../scenarios';
import { ratio, unreachableBudgets } from './budgets';
import type { LoadResult } from './load';
import type { FanOutResult } from './fan-out';
import type { FloorResult } from './registration-floor';

/** The report of a run: its shape, and bench/results/latest.md written from it. */

const here = path.dirname(fileURLToPath(import.meta.url));

/** CPU time per measured request, by process (ms): what the machine's cores were spent on. */
export type CpuAccount = { server: number | null; postgres: number | null; load_generator: number | null };

export type Baselines = {
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
  /** The gateway card check's requests answered by one statement doing only its data work (issue #24). */
  gateway_check_floor?: ServerFloor | null;
  /** The service request's submissions answered by one statement doing only their writes (issue #23). */
  service_request_floor?: ServerFloor | null;
  /** The officers' request queue answered by one statement (page and total), no auth (issue #23). */
  request_queue_floor?: ServerFloor | null;
  /** The inbox's first page answered by one statement (page and unread count), no auth (issue #25). */
  inbox_floor?: ServerFloor | null;
};
export type ServerFloor = {
  rps: number;
  p50_ms: number;
  p95_ms: number;
  p99_ms: number;
  errors: number;
  cpu_ms_per_request: { server: number | null; load_generator: number | null };
};
export type SigninFloor = ServerFloor & {
  argon2_verify_per_s_beside: [number, number];
  ratio_to_argon2: number;
};
export type Report = {
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
  const k = b.gateway_check_floor;
  const gateway = k
    ? [
        `| gateway card check floor: one statement | ${k.rps} | ${k.p50_ms} | ${k.p95_ms} | ${k.p99_ms} | ${k.errors} | ${ratio(k.rps, b.db.rps)} × db; the card check's requests, JSON read, ONE statement (clerk, person, card, recent visits and checks, the check row and the audit entry inserted), the answer built from its rows: no token, limit, rules, translation or zod; CPU a request: server ${k.cpu_ms_per_request.server ?? '—'} ms, load generator ${k.cpu_ms_per_request.load_generator ?? '—'} ms |`,
      ]
    : [];
  const q = b.service_request_floor;
  const serviceRequest = q
    ? [
        `| service request floor: one statement | ${q.rps} | ${q.p50_ms} | ${q.p95_ms} | ${q.p99_ms} | ${q.errors} | ${ratio(q.rps, b.db.rps)} × db; the submissions' requests, JSON read, the person from the token unverified, ONE statement (the agency's counter, the request, its action log entry, the SMS in the outbox, the audit entry): no session, idempotency look-up, schema, checks, clock, e-mail or inbox; CPU a request: server ${q.cpu_ms_per_request.server ?? '—'} ms, load generator ${q.cpu_ms_per_request.load_generator ?? '—'} ms |`,
      ]
    : [];
  const o = b.request_queue_floor;
  const queue = o
    ? [
        `| request queue floor: one statement | ${o.rps} | ${o.p50_ms} | ${o.p95_ms} | ${o.p99_ms} | ${o.errors} | the queue's requests, the agency from the token unverified, its covered agencies kept in memory, ONE statement (each agency's first 20 open requests in due order merged, names joined, and the total): no session, zod, colours or translation; CPU a request: server ${o.cpu_ms_per_request.server ?? '—'} ms, load generator ${o.cpu_ms_per_request.load_generator ?? '—'} ms |`,
      ]
    : [];
  const i = b.inbox_floor;
  const inbox = i
    ? [
        `| inbox floor: one statement | ${i.rps} | ${i.p50_ms} | ${i.p95_ms} | ${i.p99_ms} | ${i.errors} | the inbox's requests, the account from the token unverified, ONE statement (the 20 newest with news content, published news only, and the unread count): no session, zod or translation; CPU a request: server ${i.cpu_ms_per_request.server ?? '—'} ms, load generator ${i.cpu_ms_per_request.load_generator ?? '—'} ms |`,
      ]
    : [];
  const f = b.registration_floor;
  if (!f) return [...signin, ...server, ...gateway, ...serviceRequest, ...queue, ...inbox];
  const row = (what: string, r: FloorResult) =>
    `| registration floor, ${what} (submissions/s the cores allow) | ${r.rate_allowed_per_s} | | | | | ${r.cpu_ms} ms of CPU a submission (three photos re-encoded ${r.photos_cpu_ms} ms, the Form 01 PDF ${r.pdf_cpu_ms} ms) and nothing else: no HTTP, JSON, database or load generator |`;
  return [
    ...signin,
    ...server,
    ...gateway,
    ...serviceRequest,
    ...queue,
    ...inbox,
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
  if (s.name === 'service-request-submit' && b.service_request_floor)
    return `${s.ratio_to_db} × db; ${ratio(s.rps, b.service_request_floor.rps)} × its floor, which is itself ${ratio(b.service_request_floor.rps, b.db.rps)} × db`;
  if (s.name === 'gateway-card-check' && b.gateway_check_floor)
    return `${s.ratio_to_db} × db; ${ratio(s.rps, b.gateway_check_floor.rps)} × its floor, which is itself ${ratio(b.gateway_check_floor.rps, b.db.rps)} × db`;
  return `${s.ratio_to_db} × db`;
}

export function markdown(
  report: Report & {
    commit: string;
    date: string;
    machine: { cpus: number; cpu: string; memory_gb: number; node: string };
    dataset: { persons: number; rows: number; size: string };
    /** Issue 25: one policy article fanned out to every person with an account. */
    fan_out?: FanOutResult | null;
    baselines: {
      http: LoadResult | { rps: number; p50_ms: number; p95_ms: number; p99_ms: number; errors: number };
      db: { rps: number; p50_ms: number; p95_ms: number; p99_ms: number; errors: number };
    };
  },
  failures: string[],
  settings: { duration: number; warmup: number },
): string {
  const { duration, warmup } = settings;
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
    ...(report.fan_out
      ? [
          `Fan-out (issue 25): one article to ${report.fan_out.accounts.toLocaleString('en-US')} accounts, ${report.fan_out.rows.toLocaleString('en-US')} inbox rows in ${report.fan_out.seconds} s (${report.fan_out.rows_per_s.toLocaleString('en-US')} rows/s, batches of ${report.fan_out.batch_size}, one transaction each).`,
        ]
      : []),
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
    unreachableSection(report),
    profilingSection(),
  ].join('\n');
}

/** The budgets this run's floors show out of reach on this machine: not failures, shown with the floor's figures. */
function unreachableSection(report: Report): string {
  const lines = unreachableBudgets(report);
  return lines.length
    ? `## Budgets out of reach here\n\nTheir floor (the same requests, answered by a server doing only the work the issue requires) does not meet them in this run, so no implementation can on this machine:\n\n${lines.map((l) => `- ${l}`).join('\n')}\n`
    : '';
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
  const file = path.join(here, '../results/profiling.json');
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
