import type { FastifyBaseLogger } from 'fastify';
import type { Reconciliation } from '../modules/payments/reconciliation';
import { type JobCluster, startPeriodicJob } from './periodic';

interface PaymentReconciliationJob {
  /** One pass: reconciles `day` (default: the oldest open of the last three days) unless done already. */
  runOnce(day?: string): Promise<{ day: string; differences: number; unqueried: number } | null>;
  stop(): Promise<void>;
}

/**
 * The daily payment reconciliation (issue #26 item 3): every tick (hourly) reconciles the oldest
 * open day of the last three (up to yesterday) once, asking the gateway about each payment (querydr) — the day's run row, written when every
 * call succeeded, makes later ticks and other nodes skip it — so a day left open by an
 * unreachable gateway is asked again at the next tick.
 */
export function startPaymentReconciliationJob(options: {
  reconciliation: Reconciliation;
  intervalMs: number;
  log: FastifyBaseLogger;
  /** Several API nodes: once per tick across them, and the job's run counts (periodic.ts). */
  cluster?: JobCluster;
}): PaymentReconciliationJob {
  const job = startPeriodicJob((day?: string) => options.reconciliation.reconcile(day), {
    intervalMs: options.intervalMs,
    log: options.log,
    failure: 'payment reconciliation failed',
    name: 'payment-reconciliation',
    cluster: options.cluster,
  });
  return { runOnce: (day?: string) => job.runOnce(day), stop: () => job.stop() };
}

declare module 'fastify' {
  interface FastifyInstance {
    paymentReconciliation: PaymentReconciliationJob;
  }
}
