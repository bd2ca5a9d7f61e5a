import type { FastifyBaseLogger } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { runFanOut, startGreetings, type BatchReport } from '../modules/notifications/fan-out';
import { type JobCluster, startPeriodicJob } from './periodic';

export interface FanOutJob {
  /** One pass: starts today's greetings once it is the civil hour, then runs the campaigns' batches. */
  runOnce(now?: Date): Promise<BatchReport>;
  stop(): Promise<void>;
}

/**
 * The national fan-out (issue 25): every `intervalMs` (0: never; tests call `runOnce`), today's
 * greeting campaigns are started (from 08:00 Vietnam time, once per occasion and day) and the
 * running campaigns advance by the pass's budget: `ratePerSecond × intervalMs` accounts, in
 * batches of `batchSize`. The rate is the inbox channel's (how fast the database takes inbox
 * rows beside the traffic of the day). ASSUMPTION: 20,000 accounts a second and batches of 1,000
 * by default: a national greeting to ~10 million accounts then takes under ten minutes.
 */
export function startFanOutJob(options: {
  db: Kysely<Database>;
  intervalMs: number;
  log: FastifyBaseLogger;
  /** Several API nodes: once per tick across them, and the job's run counts (periodic.ts). */
  cluster?: JobCluster;
  batchSize?: number;
  ratePerSecond?: number;
}): FanOutJob {
  const batchSize = options.batchSize ?? 1000;
  const rate = options.ratePerSecond ?? 20_000;
  const maxBatches = Math.max(1, Math.floor((rate * Math.max(options.intervalMs, 1000)) / 1000 / batchSize));
  const job = startPeriodicJob(
    async (now: Date = new Date()) => {
      await startGreetings(options.db, now);
      return runFanOut(options.db, { batchSize, maxBatches });
    },
    {
      intervalMs: options.intervalMs,
      log: options.log,
      failure: 'fan-out pass failed',
      name: 'fan-out',
      cluster: options.cluster,
    },
  );
  return { runOnce: (now?: Date) => job.runOnce(now), stop: () => job.stop() };
}
