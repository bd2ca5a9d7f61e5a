import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { AppError } from '../../http/problem';
import { deleteOldCounters, hitCounters } from './repository';

interface Limit {
  key: string;
  max: number;
  windowSeconds: number;
}

/**
 * Fixed-window limits kept in the database, so they hold across API nodes (the global
 * per-node limit of @fastify/rate-limit does not). One statement per distinct window length.
 * Over a limit: 429 `rate_limited` with `retryAfterSeconds`.
 */
export class RateLimiter {
  private lastCleanup = 0;

  constructor(private readonly db: Kysely<Database>) {}

  async hit(limits: Limit[]): Promise<void> {
    const now = Date.now();
    const byWindow = new Map<number, Limit[]>();
    for (const limit of limits)
      byWindow.set(limit.windowSeconds, [...(byWindow.get(limit.windowSeconds) ?? []), limit]);
    const counts = new Map<string, number>();
    for (const [windowSeconds, group] of byWindow) {
      const found = await hitCounters(
        this.db,
        group.map((l) => l.key),
        windowStartOf(windowSeconds, now),
      );
      for (const [key, n] of found) counts.set(key, n);
    }
    await this.judge(limits, counts, now);
  }

  /**
   * For callers that counted the hits themselves, in one statement with their own query (at
   * `windowStartOf(windowSeconds, now)`): throws 429 when a count is over its limit.
   */
  async judge(limits: Limit[], counts: ReadonlyMap<string, number>, now: number): Promise<void> {
    let retryAfterSeconds = 0;
    for (const limit of limits) {
      const windowMs = limit.windowSeconds * 1000;
      if ((counts.get(limit.key) ?? 0) > limit.max)
        retryAfterSeconds = Math.max(
          retryAfterSeconds,
          Math.ceil((windowStartOf(limit.windowSeconds, now).getTime() + windowMs - now) / 1000),
        );
    }
    if (now - this.lastCleanup > 600_000) {
      this.lastCleanup = now;
      await deleteOldCounters(this.db, new Date(now - 86_400_000));
    }
    if (retryAfterSeconds > 0)
      throw new AppError(429, 'rate_limited', 'rateLimited', { seconds: retryAfterSeconds }, [], {
        retryAfterSeconds,
      });
  }
}

/** The start of the fixed window of this length that `now` is in. */
export function windowStartOf(windowSeconds: number, now: number): Date {
  const windowMs = windowSeconds * 1000;
  return new Date(Math.floor(now / windowMs) * windowMs);
}
