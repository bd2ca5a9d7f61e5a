import { ApiError } from './api';

/** A solved challenge to send with the call (empty until the server asked for one). */
interface Proof {
  challengeId?: string;
  nonce?: string;
}

/**
 * Runs `call`; when the server answers 428 `challenge_required` (sign-in and password reset
 * after failures, issue #22), solves the challenge it sent — the look-up's solver, loaded only
 * then — and calls again with the proof. The person sees the button busy a moment longer.
 */
export async function withProofOfWork<T>(call: (proof: Proof) => Promise<T>): Promise<T> {
  let proof: Proof = {};
  for (let attempt = 0; ; attempt++) {
    try {
      return await call(proof);
    } catch (error) {
      if (!(error instanceof ApiError) || error.code !== 'challenge_required' || attempt >= 3) throw error;
      const { challengeId, salt, bits } = error.problem;
      if (typeof challengeId !== 'string' || typeof salt !== 'string' || typeof bits !== 'number')
        throw error;
      const { solveChallenge } = await import('./pow');
      proof = { challengeId, nonce: await solveChallenge(salt, bits) };
    }
  }
}
