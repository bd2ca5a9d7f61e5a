import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runJsonWorker } from './processes';

export interface LoadResult {
  rps: number;
  total: number;
  p50_ms: number;
  p95_ms: number;
  p99_ms: number;
  errors: number;
  /** CPU time the load generator itself used (user + system), on the cores it shares with the server. */
  generator_cpu_ms: number;
}

/**
 * What the load generator runs: one URL pattern, optionally with sampled BHXH codes in the path.
 * @public load-worker.ts (started by path, which knip does not follow) reads it.
 */
export interface LoadJob {
  url: string;
  pathTemplate?: string;
  codesFile?: string;
  connections: number;
  durationSeconds: number;
  method?: 'GET' | 'POST';
  body?: string;
  headers?: Record<string, string>;
  /** Per-request body and headers with `{code}`, `{token}`, `{device}` from the codes file's line. */
  bodyTemplate?: string;
  headerTemplates?: Record<string, string>;
  /**
   * A request sent before each templated one on the same connection, whose JSON answer's
   * `capture` field fills `{prelude}` in the next request (the look-up's single-use challenge).
   * Only the templated request is measured: latencies, `total` and `rps` count it alone.
   */
  prelude?: { method: 'POST' | 'GET'; path: string; body?: string; capture: string };
  /** `{name}` in the body template is replaced by the contents of that file (large bodies: photos). */
  templateFiles?: Record<string, string>;
  /** Seconds before an unanswered request counts as an error (autocannon's default: 10). */
  timeoutSeconds?: number;
  /**
   * An open load at this many measured requests a second over all connections (a soak), instead
   * of each connection sending its next request as soon as the last is answered.
   */
  rate?: number;
  /**
   * Every this many seconds, a JSON line `{"interval":i,…}` with that interval's answers, errors
   * and latency histogram (HdrHistogram, compressed base64) before the final line (a soak).
   */
  intervalSeconds?: number;
  /** Re-read the codes file every this many seconds (a soak longer than an access token lives). */
  reloadSeconds?: number;
  /** The line of the codes file the first request uses (a sample another run already used up to there). */
  startLine?: number;
}

const worker = path.join(path.dirname(fileURLToPath(import.meta.url)), 'load-worker.ts');

/** Runs one load from a separate process (loopback only) and returns its figures. */
export function runLoad(job: LoadJob): Promise<LoadResult> {
  if (!/^http:\/\/(127\.\d+\.\d+\.\d+|localhost|\[::1\])[:/]/.test(job.url))
    throw new Error('load tests target loopback addresses only');
  return runJsonWorker<LoadResult>(
    worker,
    job,
    (job.durationSeconds + 60 + (job.timeoutSeconds ?? 0)) * 1000,
    'load generator',
  );
}
