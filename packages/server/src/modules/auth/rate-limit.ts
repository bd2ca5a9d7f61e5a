import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { AppError } from '../../http/problem';
import { deleteOldCounters, hitCounters } from './repository';

export interface Limit {
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
    let retryAfterSeconds = 0;
    for (const [windowSeconds, group] of byWindow) {
      const windowMs = windowSeconds * 1000;
      const windowStart = new Date(Math.floor(now / windowMs) * windowMs);
      const counts = await hitCounters(
        this.db,
        group.map((l) => l.key),
        windowStart,
      );
      for (const limit of group)
        if ((counts.get(limit.key) ?? 0) > limit.max)
          retryAfterSeconds = Math.max(
            retryAfterSeconds,
            Math.ceil((windowStart.getTime() + windowMs - now) / 1000),
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
