import type { FastifyBaseLogger } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { holdTickLock } from './repository';

interface PeriodicJob<Args extends unknown[], Result> {
  /** One pass; a call while a pass is running gets that pass's result. */
  runOnce(...args: Args): Promise<Result>;
  /** Stops the timer and waits for the running pass (its failure is ignored). */
  stop(): Promise<void>;
}

/** How a timed pass ended on this node: it ran, failed, or another node had the tick. */
type JobOutcome = 'ran' | 'failed' | 'skipped';

/**
 * Several API nodes on one PostgreSQL (issue 28): the timed passes of a job run once per tick
 * across the nodes, and each node counts its passes (the metrics).
 */
export interface JobCluster {
  /** The database that holds the ticks' locks; null: a single node (the embedded database). */
  db: Kysely<Database> | null;
  record(job: string, outcome: JobOutcome, seconds: number): void;
}

/**
 * Runs `pass` every `intervalMs` (0: never; tests call `runOnce`), one pass at a time. A failed
 * timed pass is logged with `failure` as its message; the timer does not keep the process alive.
 *
 * With `cluster.db` (several nodes possible), the `exclusive` timed passes run once per tick across
 * the nodes: the timers fire at the multiples of `intervalMs` since the epoch, the same instants on
 * every node, and the node whose transaction-level advisory lock (`pg_try_advisory_xact_lock`,
 * which works through PgBouncer's transaction mode) comes first runs the pass; it keeps the lock
 * until half the interval (at most 10 s) after the tick's start, so a node whose timer fires late
 * (a busy event loop, a clock a few seconds off) still finds it taken and skips. The passes
 * themselves stay safe to run twice (row locks), which is what a node a whole half interval late
 * would do. The outbox worker is not exclusive: every node drains it (`FOR UPDATE SKIP LOCKED`).
 */
export function startPeriodicJob<Args extends unknown[], Result>(
  pass: (...args: Args) => Promise<Result>,
  options: {
    intervalMs: number;
    log: FastifyBaseLogger;
    failure: string;
    /** The job's name in the locks and the metrics. */
    name: string;
    cluster?: JobCluster;
    /** Once per tick across nodes (see above); default true. */
    exclusive?: boolean;
  },
): PeriodicJob<Args, Result> {
  let running: Promise<Result> | null = null;
  let stopped = false;
  const runOnce = (...args: Args) => {
    running ??= pass(...args).finally(() => {
      running = null;
    });
    return running;
  };
  const { cluster, intervalMs } = options;
  const lockDb = options.exclusive === false ? null : (cluster?.db ?? null);
  /** Ends the wait of a node holding a tick's lock when the job stops. */
  const stopping = new AbortController();
  let timed: Promise<void> | null = null;
  const timedPass = async (tickStart: number) => {
    const started = performance.now();
    let outcome: JobOutcome = 'ran';
    try {
      if (lockDb) {
        const holdUntil = tickStart + Math.min(intervalMs / 2, 10_000);
        const ran = await holdTickLock(
          lockDb,
          `job:${options.name}`,
          { until: holdUntil, signal: stopping.signal },
          () => runOnce(...([] as unknown[] as Args)),
        );
        if (!ran) outcome = 'skipped';
      } else {
        await runOnce(...([] as unknown[] as Args));
      }
    } catch (error: unknown) {
      outcome = 'failed';
      options.log.error({ err: error }, options.failure);
    }
    cluster?.record(options.name, outcome, (performance.now() - started) / 1000);
  };
  let timer: NodeJS.Timeout | null = null;
  const schedule = () => {
    if (stopped || intervalMs <= 0) return;
    // The next multiple of the interval: the same instant on every node.
    const next = (Math.floor(Date.now() / intervalMs) + 1) * intervalMs;
    timer = setTimeout(
      () => {
        timer = null;
        timed = timedPass(next).finally(() => {
          timed = null;
          schedule();
        });
      },
      Math.max(0, next - Date.now()),
    );
    timer.unref();
  };
  schedule();
  return {
    runOnce,
    async stop() {
      stopped = true;
      stopping.abort();
      if (timer) clearTimeout(timer);
      await running?.catch(() => undefined);
      await timed;
    },
  };
}
