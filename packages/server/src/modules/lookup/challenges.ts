import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { leadingZeroBits, proofText } from '@vssid/domain';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import * as repo from './repository';

/** How long a challenge may be used after it is issued. */
const CHALLENGE_TTL_MS = 5 * 60_000;

/** Whether `nonce` solves the challenge: SHA-256(salt + nonce) starts with `bits` zero bits. */
export function proofHolds(challenge: { salt: string; bits: number }, nonce: string): boolean {
  const digest = createHash('sha256').update(proofText(challenge.salt, nonce), 'ascii').digest();
  return leadingZeroBits(digest) >= challenge.bits;
}

/**
 * The proof-of-work challenges of the BHXH code look-up (issue "Look-ups"), the one mechanism
 * every anonymous, guessable call sits behind (issue #22): the look-up itself (code-service.ts,
 * which takes its challenge in the statement that counts its limit), registration and sign-in
 * (which ask for a harder one as failures grow). Single use, 5 minutes, kept in the database so
 * any API node accepts them.
 */
export function createChallenges(db: Kysely<Database>) {
  return {
    /** A fresh single-use challenge of this difficulty. */
    async issue(bits: number): Promise<{ id: string; salt: string; bits: number; expiresAt: Date }> {
      const challenge = {
        id: randomUUID(),
        salt: randomBytes(16).toString('hex'),
        bits,
        expiresAt: new Date(Date.now() + CHALLENGE_TTL_MS),
      };
      await repo.insertChallenge(db, challenge);
      return challenge;
    },

    /**
     * Takes the challenge out (single use, solved or not) and says whether `nonce` solves it at
     * `minBits` or more: false for an unknown, expired or too easy challenge.
     */
    async redeem(challengeId: string, nonce: string, minBits: number): Promise<boolean> {
      const challenge = await repo.consumeChallenge(db, challengeId);
      return challenge !== null && challenge.bits >= minBits && proofHolds(challenge, nonce);
    },
  };
}

export type Challenges = ReturnType<typeof createChallenges>;
