import { solveProofOfWork } from '@vssid/domain';
import type { FastifyInstance } from 'fastify';

/**
 * Tests only: a look-up challenge (POST /api/v1/lookup/challenge) solved, as the web app does
 * before a registration (issue #22 item 1). Test configurations keep the difficulty small.
 */
export async function solvedProof(app: FastifyInstance): Promise<{ challengeId: string; nonce: string }> {
  const res = await app.inject({ method: 'POST', url: '/api/v1/lookup/challenge' });
  const c = res.json<{ challengeId: string; salt: string; bits: number }>();
  return { challengeId: c.challengeId, nonce: String(solveProofOfWork(c.salt, c.bits)) };
}
