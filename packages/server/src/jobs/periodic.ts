import type { FastifyBaseLogger } from 'fastify';

interface PeriodicJob<Args extends unknown[], Result> {
  /** One pass; a call while a pass is running gets that pass's result. */
  runOnce(...args: Args): Promise<Result>;
  /** Stops the timer and waits for the running pass (its failure is ignored). */
  stop(): Promise<void>;
}

/**
 * Runs `pass` every `intervalMs` (0: never; tests call `runOnce`), one pass at a time. A failed
 * timed pass is logged with `failure` as its message; the timer does not keep the process alive.
 */
export function startPeriodicJob<Args extends unknown[], Result>(
  pass: (...args: Args) => Promise<Result>,
  options: { intervalMs: number; log: FastifyBaseLogger; failure: string },
): PeriodicJob<Args, Result> {
  let running: Promise<Result> | null = null;
  const runOnce = (...args: Args) => {
    running ??= pass(...args).finally(() => {
      running = null;
    });
    return running;
  };
  const timer =
    options.intervalMs > 0
      ? setInterval(() => {
          runOnce(...([] as unknown[] as Args)).catch((error: unknown) => {
            options.log.error({ err: error }, options.failure);
          });
        }, options.intervalMs)
      : null;
  timer?.unref();
  return {
    runOnce,
    async stop() {
      if (timer) clearInterval(timer);
      await running?.catch(() => undefined);
    },
  };
}
