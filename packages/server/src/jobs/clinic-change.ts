import type { FastifyBaseLogger } from 'fastify';
import type { Kysely } from 'kysely';
import { vietnamToday } from '@vssid/domain/vietnam-time';
import type { Database } from '../db/schema';
import { type JobCluster, startPeriodicJob } from './periodic';
import { moveDueClinicChanges } from './repository';

interface ClinicChangeJob {
  /** One pass: every card whose approved clinic change is due on `today` or before now has it. */
  runOnce(today?: string): Promise<{ moved: number }>;
  stop(): Promise<void>;
}

/**
 * An approved change of initial clinic (issue #23) is kept as `next_clinic_code` from
 * `next_clinic_from` (the first day of the next period). The card screen shows it from that day
 * at read time; every other reader (the clinic gateway's `maDKBD`, the clinic screen, FHIR, the
 * visit checks) reads `registered_clinic_code`, so this job moves the change there once it is due:
 * at start and every hour, in batches of `batch` cards, each batch one statement (a second node
 * running it at once finds nothing left to move: the condition is re-checked under the row lock).
 * The approval itself is audited; the move is its effect, not a new decision.
 */
export function startClinicChangeJob(options: {
  db: Kysely<Database>;
  intervalMs: number;
  log: FastifyBaseLogger;
  /** Several API nodes: once per tick across them, and the job's run counts (periodic.ts). */
  cluster?: JobCluster;
  batch?: number;
}): ClinicChangeJob {
  const batch = options.batch ?? 1000;
  const pass = async (today: string = vietnamToday()) => {
    let moved = 0;
    for (;;) {
      const n = await moveDueClinicChanges(options.db, today, batch);
      moved += n;
      if (n < batch) return { moved };
    }
  };
  const job = startPeriodicJob(pass, {
    intervalMs: options.intervalMs,
    log: options.log,
    failure: 'initial clinic change failed',
    name: 'clinic-change',
    cluster: options.cluster,
  });
  if (options.intervalMs > 0)
    job.runOnce().catch((error: unknown) => {
      options.log.error({ err: error }, 'initial clinic change failed');
    });
  return job;
}

declare module 'fastify' {
  interface FastifyInstance {
    clinicChange: ClinicChangeJob;
  }
}
