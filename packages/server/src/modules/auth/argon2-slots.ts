import os from 'node:os';

/**
 * How many argon2 jobs may be in libuv's thread pool at once: one per core, and always at least
 * one pool thread left for the short jobs (card signatures, DEFLATE, file reads) that would
 * otherwise queue behind every waiting sign-in: each argon2id verification holds a thread for
 * about 10 to 25 ms, and under load dozens wait. The pool's size is UV_THREADPOOL_SIZE
 * (thread-pool.ts sets cores + 2; libuv's default is 4).
 */
export function argon2Slots(
  cores = os.availableParallelism(),
  poolSize = Number(process.env.UV_THREADPOOL_SIZE) || 4,
): number {
  return Math.max(1, Math.min(Math.max(2, cores), poolSize - 1));
}

/**
 * Runs argon2 jobs at most `slots` at a time, first come first served; the others wait here, in
 * JavaScript, instead of in libuv's queue ahead of everybody else's jobs.
 */
export function createArgon2Gate(slots: number) {
  let running = 0;
  const waiting: (() => void)[] = [];
  const release = () => {
    const next = waiting.shift();
    if (next) next();
    else running -= 1;
  };
  return {
    run<T>(job: () => Promise<T>): Promise<T> {
      // async: a job that throws before its promise still frees its slot.
      const start = async () => {
        try {
          return await job();
        } finally {
          release();
        }
      };
      if (running < slots) {
        running += 1;
        return start();
      }
      return new Promise<T>((resolve, reject) => {
        waiting.push(() => {
          start().then(resolve, reject);
        });
      });
    },
    /** Jobs running and waiting (tests, metrics). */
    get load() {
      return { running, waiting: waiting.length };
    },
  };
}
