import type { FastifyBaseLogger } from 'fastify';
import type { Kysely } from 'kysely';
import { vietnamToday } from '@vssid/domain/vietnam-time';
import type { Database } from '../db/schema';
import { sendOwingNotices } from '../modules/declarations/notices';
import { type JobCluster, startPeriodicJob } from './periodic';

interface ContributionNoticeJob {
  /** One pass for `today` (Vietnam time): the month's notices, once, from the 10th. */
  runOnce(today?: string): Promise<{ units: number; notices: number; skipped: boolean }>;
  stop(): Promise<void>;
}

/**
 * The notice to workers of units owing contributions 30 days or more (issue #27 item 4;
 * `modules/declarations/notices.ts`), checked hourly: the month's run happens on the first pass
 * on or after the 10th, and a run finished for the month is not repeated (the messages are
 * idempotent per worker, unit and month besides).
 */
export function startContributionNoticeJob(options: {
  db: Kysely<Database>;
  intervalMs: number;
  log: FastifyBaseLogger;
  /** Several API nodes: once per tick across them, and the job's run counts (periodic.ts). */
  cluster?: JobCluster;
}): ContributionNoticeJob {
  return startPeriodicJob(
    (today: string = vietnamToday()) => sendOwingNotices(options.db, today, new Date()),
    {
      intervalMs: options.intervalMs,
      log: options.log,
      failure: 'contribution notice failed',
      name: 'contribution-notice',
      cluster: options.cluster,
    },
  );
}

declare module 'fastify' {
  interface FastifyInstance {
    contributionNotice: ContributionNoticeJob;
  }
}
