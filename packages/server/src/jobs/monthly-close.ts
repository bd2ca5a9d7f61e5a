import type { FastifyBaseLogger } from 'fastify';
import type { Kysely } from 'kysely';
import { vietnamToday } from '@vssid/domain/vietnam-time';
import type { Database } from '../db/schema';
import { closeMonth } from '../modules/declarations/monthly-close';
import { type JobCluster, startPeriodicJob } from './periodic';

interface MonthlyCloseJob {
  /** One pass for `today` (Vietnam time): the running periods extended to its month. */
  runOnce(today?: string): Promise<{ periods: number; cards: number }>;
  stop(): Promise<void>;
}

/**
 * The monthly close of running participation periods (issue #27;
 * `modules/declarations/monthly-close.ts`), checked hourly: the first pass of a month extends
 * every running period to it, in batches; later passes find nothing left (one index probe). Once
 * per tick across the nodes (`periodic.ts`); a pass on two nodes at once would still change each
 * period once (each write is guarded by the period's end as read).
 */
export function startMonthlyCloseJob(options: {
  db: Kysely<Database>;
  intervalMs: number;
  log: FastifyBaseLogger;
  /** Several API nodes: once per tick across them, and the job's run counts (periodic.ts). */
  cluster?: JobCluster;
}): MonthlyCloseJob {
  return startPeriodicJob((today: string = vietnamToday()) => closeMonth(options.db, today), {
    intervalMs: options.intervalMs,
    log: options.log,
    failure: 'monthly close failed',
    name: 'monthly-close',
    cluster: options.cluster,
  });
}

declare module 'fastify' {
  interface FastifyInstance {
    monthlyClose: MonthlyCloseJob;
  }
}
