import { setTimeout as sleep } from 'node:timers/promises';
import { measureArgon2 } from './argon2';
import { type LoadJob, runLoad } from './load';
import { cpuMs } from './processes';

/** One sign-in slice and the raw argon2id rate measured just before and just after it. */
export interface SigninPair {
  signin_per_s: number;
  argon2_before: number;
  argon2_after: number;
  ratio: number;
}

export interface SigninRatio {
  slice_s: number;
  argon2_s: number;
  pairs: SigninPair[];
  /** The median of the pairs' ratios. */
  median_ratio: number;
}

/**
 * Sign-in throughput against raw argon2id, alternated in short slices. This machine's speed
 * drifts within a minute: two 5-s argon2 samples taken 30 s apart differed by up to a fifth
 * (111 and 91/s in one run), so one long sign-in run between them is compared with a rate the
 * machine did not have during it. Here each sign-in slice sits between two argon2 samples taken
 * seconds before and after it; the pairs show how far the ratio moves within a minute. Between a slice and
 * the next argon2 sample, the server first finishes the sign-ins still queued when the load
 * stopped (its CPU falls idle), so they are not counted against argon2.
 */
export async function measureSigninRatio(
  job: LoadJob,
  serverPid: number | undefined,
  options: { cycles: number; sliceSeconds: number; argon2Seconds: number },
): Promise<SigninRatio> {
  const pairs: SigninPair[] = [];
  let before = await measureArgon2(options.argon2Seconds);
  for (let i = 0; i < options.cycles; i++) {
    const load = await runLoad({ ...job, durationSeconds: options.sliceSeconds });
    await untilIdle(serverPid);
    const after = await measureArgon2(options.argon2Seconds);
    // Answers over the time the generator ran: autocannon's per-second average counts whole
    // seconds only, which a 4-s slice makes coarse.
    const rate = load.duration_s > 0 ? load.total / load.duration_s : load.rps;
    pairs.push({
      signin_per_s: Math.round(rate * 10) / 10,
      argon2_before: before,
      argon2_after: after,
      ratio: Math.round((rate / ((before + after) / 2)) * 1000) / 1000,
    });
    before = after;
  }
  return {
    slice_s: options.sliceSeconds,
    argon2_s: options.argon2Seconds,
    pairs,
    median_ratio: median(pairs.map((p) => p.ratio)),
  };
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? Number.NaN) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/** Waits until the server used under 5 % of one core over 200 ms (at most 10 s). */
async function untilIdle(pid: number | undefined): Promise<void> {
  const deadline = Date.now() + 10_000;
  let last = cpuMs(pid);
  while (last !== null && Date.now() < deadline) {
    await sleep(200);
    const now = cpuMs(pid);
    if (now === null || now - last < 10) return;
    last = now;
  }
}
