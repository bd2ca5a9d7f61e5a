import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import * as repo from './repository';

/** A claim not answered after this long is taken over (its node died between action and answer). */
const STALE_AFTER_SECONDS = 60;
/** Keys are kept a day: a retry comes within minutes; a day covers a phone offline overnight. */
const KEEP_MS = 86_400_000;

type KeyOutcome =
  | { kind: 'proceed' }
  | { kind: 'replay'; status: number; body: string }
  | { kind: 'reused' }
  | { kind: 'in_progress' };

/**
 * Idempotency keys of officer actions (issue #22 item 8), per account: the first request with a
 * key proceeds and its answer is kept; the same key with the same request gets that answer again;
 * the same key with another request is refused (`reused`); one still running is `in_progress`.
 * Only successful answers are kept: a refused action (4xx) frees its key for a corrected retry.
 */
export function createIdempotency(db: Kysely<Database>) {
  let lastCleanup = 0;
  return {
    async begin(accountId: string, key: string, requestHash: string): Promise<KeyOutcome> {
      if (Date.now() - lastCleanup > 600_000) {
        lastCleanup = Date.now();
        await repo.deleteOlderThan(db, new Date(Date.now() - KEEP_MS));
      }
      const claim = await repo.claimKey(db, accountId, key, requestHash, STALE_AFTER_SECONDS);
      if (claim.claimed) return { kind: 'proceed' };
      const found = claim.existing;
      // Deleted in between (a refused first request): proceed as a first one would, claiming again.
      if (!found) return this.begin(accountId, key, requestHash);
      if (found.request_hash !== requestHash) return { kind: 'reused' };
      if (found.status !== null) return { kind: 'replay', status: found.status, body: found.response ?? '' };
      if (found.stale && (await repo.retakeStaleKey(db, accountId, key, STALE_AFTER_SECONDS)))
        return { kind: 'proceed' };
      return { kind: 'in_progress' };
    },

    /** After the answer: kept when successful, else the key is freed. */
    async finish(accountId: string, key: string, status: number, body: string): Promise<void> {
      if (status >= 200 && status < 300) await repo.storeAnswer(db, accountId, key, status, body);
      else await repo.releaseKey(db, accountId, key);
    },
  };
}

export type Idempotency = ReturnType<typeof createIdempotency>;
