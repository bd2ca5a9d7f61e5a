import { startAuthentication } from '@simplewebauthn/browser';
import type * as z from 'zod/mini';
import type { AuthenticationResponseSchema } from '@vssid/domain/api/auth';
import { submissionChallenge } from '@vssid/domain/signing';

/** The signature sent with a unit's submission (its body's `signature`). */
export type SubmissionAssertion = z.infer<typeof AuthenticationResponseSchema>;

/** How long the device's dialog waits for the admin (the server keeps no challenge of its own). */
const SIGNING_TIMEOUT_MS = 120_000;

/**
 * Signs a unit's submission (issue #27 item 6) with the unit admin's device-bound passkey: the
 * device signs `submissionChallenge(kind, payload)`, derived from the submission itself, after
 * the admin's fingerprint, face or PIN. Send `payload` exactly as signed, with the returned
 * assertion as `signature`; the server recomputes the challenge from what it received.
 * Throws the browser's `NotAllowedError` when the admin closes the dialog.
 */
export async function signSubmission(kind: string, payload: unknown): Promise<SubmissionAssertion> {
  const response = await startAuthentication({
    optionsJSON: {
      challenge: submissionChallenge(kind, payload),
      rpId: window.location.hostname,
      userVerification: 'required',
      timeout: SIGNING_TIMEOUT_MS,
    },
  });
  return {
    ...response,
    clientExtensionResults: Object.fromEntries(Object.entries(response.clientExtensionResults)),
  };
}
