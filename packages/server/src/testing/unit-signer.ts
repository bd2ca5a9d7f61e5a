import type { FastifyInstance } from 'fastify';
import { submissionChallenge } from '@vssid/domain/signing';
import { type CreationOptions, SoftAuthenticator } from './webauthn';

/**
 * Tests only: a unit admin's device for signed submissions (issue #27 item 6). Registers a
 * device-bound passkey on a software authenticator for the signed-in unit admin of `headers`
 * (through the passkey routes, as the profile page does) and signs as the web's
 * `signSubmission` does: an assertion over `submissionChallenge(kind, payload)`, a new one (its
 * counter grown) at every call.
 */
export async function unitSigner(
  app: FastifyInstance,
  headers: Record<string, string>,
): Promise<{ sign: (kind: string, payload: unknown) => Record<string, unknown> }> {
  const url = new URL(app.config.publicUrl);
  const authenticator = new SoftAuthenticator(url.origin);
  const options = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/passkeys/registration/options',
    headers,
  });
  if (options.statusCode !== 200) throw new Error(`passkey options: ${options.statusCode} ${options.body}`);
  const { challengeId, options: creation } = options.json<{
    challengeId: string;
    options: CreationOptions;
  }>();
  const added = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/passkeys/registration',
    headers,
    payload: { challengeId, response: authenticator.create(creation) },
  });
  if (added.statusCode !== 201) throw new Error(`passkey registration: ${added.statusCode} ${added.body}`);
  return {
    sign: (kind, payload) =>
      authenticator.get({ challenge: submissionChallenge(kind, payload), rpId: url.hostname }),
  };
}
