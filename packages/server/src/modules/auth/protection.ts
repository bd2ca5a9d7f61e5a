import type { Challenges } from '../lookup/challenges';
import { AppError } from '../../http/problem';

/**
 * Sign-in protection (issue #22 item 2; README "Sign-in protection"). No lockout a stranger can
 * trigger: failures slow the next attempts down with a proof of work (the look-up's challenges)
 * whose difficulty doubles with each failure, and a hard cap per hour keeps brute force bounded.
 * Counted per user name (known or not: the same answers either way) and per source address, in
 * one-hour windows; a device that signed in to the account before has its own count and is not
 * slowed by anyone else's failures.
 */
export const SIGN_IN_PROTECTION = {
  windowSeconds: 3600,
  /** Failures per user name per hour (other devices) before each attempt needs a proof of work. */
  freePerAccount: 3,
  /** Failures per source address per hour before each attempt needs a proof of work. */
  freePerIp: 10,
  /**
   * The first challenge is the look-up's difficulty (LOOKUP_POW_BITS, 18 by default) less 2:
   * 2^16 hashes, a fraction of a second on a phone; then one bit more per failure, up to the
   * look-up's plus 4: 2^22 hashes, some seconds on a phone, a cost per guess for a script.
   */
  belowLookupBits: 2,
  aboveLookupBits: 4,
  /** Failures per user name per hour from devices that never signed in to it: then 429 until the hour ends. */
  capPerAccount: 30,
  /** Failures per hour from one device the owner used before (its own count). */
  capPerKnownDevice: 20,
  /** Password-reset requests per user name per hour before each needs a proof of work. */
  freeResetsPerAccount: 2,
} as const;

/**
 * The difficulty after `failures` with `free` of them allowed without proof (0: none needed),
 * scaled on the look-up's `lookupBits` (0 there, as in the benchmark: no proof of work here either).
 */
export function bitsAfter(failures: number, free: number, lookupBits: number): number {
  if (failures < free || lookupBits <= 0) return 0;
  const base = Math.max(1, lookupBits - SIGN_IN_PROTECTION.belowLookupBits);
  return Math.min(lookupBits + SIGN_IN_PROTECTION.aboveLookupBits, base + (failures - free));
}

/** 429 until the window of `windowSeconds` that `now` is in ends. */
export function cappedUntilWindowEnd(windowStart: Date, windowSeconds: number, now: number): AppError {
  const retryAfterSeconds = Math.max(
    1,
    Math.ceil((windowStart.getTime() + windowSeconds * 1000 - now) / 1000),
  );
  return new AppError(429, 'rate_limited', 'rateLimited', { seconds: retryAfterSeconds }, [], {
    retryAfterSeconds,
  });
}

/**
 * Passes when no proof is needed (`bits` 0) or the call carries a solved challenge of at least
 * `bits` (single use); otherwise 428 `challenge_required` with a fresh challenge to solve.
 */
export async function requireProof(
  challenges: Challenges,
  input: { challengeId?: string | undefined; nonce?: string | undefined },
  bits: number,
): Promise<void> {
  if (bits <= 0) return;
  if (input.challengeId && input.nonce && (await challenges.redeem(input.challengeId, input.nonce, bits)))
    return;
  const c = await challenges.issue(bits);
  throw new AppError(428, 'challenge_required', 'challengeRequired', {}, [], {
    challengeId: c.id,
    salt: c.salt,
    bits: c.bits,
    expiresAt: c.expiresAt.toISOString(),
  });
}
