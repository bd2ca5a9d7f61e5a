import type {
  AuthenticationResponseJSON,
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
  RegistrationResponseJSON,
} from '@simplewebauthn/browser';
import * as auth from '@vssid/domain/api/auth';
import type { PasskeyChallenge } from '@vssid/domain/api/auth';
import { fetcher } from '../../../shared/api-call';

/** The passkey calls (contracts: `@vssid/domain/api/auth`; the server's rules in auth/passkey-service.ts). */

/** Add a passkey, step 1: creation options and a challenge. */
export const passkeyRegistrationOptions = fetcher(auth.passkeyRegistrationOptions);
/** Add a passkey, step 2: the authenticator's answer. */
export const registerPasskey = fetcher(auth.registerPasskey);
/** Sign in with a passkey, step 1: request options and a challenge. */
export const passkeyAuthenticationOptions = fetcher(auth.passkeyAuthenticationOptions);
/** Sign in with a passkey, step 2: the signed challenge. */
export const authenticateWithPasskey = fetcher(auth.authenticateWithPasskey);

/**
 * The contract checks only the challenge of the options (the rest is WebAuthn's, passed through
 * from @simplewebauthn/server to @simplewebauthn/browser): these name what they are.
 */
export const creationOptions = (challenge: PasskeyChallenge) =>
  challenge.options as unknown as PublicKeyCredentialCreationOptionsJSON;
export const requestOptions = (challenge: PasskeyChallenge) =>
  challenge.options as unknown as PublicKeyCredentialRequestOptionsJSON;

/** The authenticator's answer as the contract's body (its extension results are a plain record). */
export function credentialJson<R extends RegistrationResponseJSON | AuthenticationResponseJSON>(
  response: R,
): Omit<R, 'clientExtensionResults'> & { clientExtensionResults: Record<string, unknown> } {
  return {
    ...response,
    clientExtensionResults: Object.fromEntries(Object.entries(response.clientExtensionResults)),
  };
}

/** The person closed the system dialog, or it timed out (not an error worth a red message). */
export function isCancelled(error: unknown): boolean {
  return error instanceof Error && (error.name === 'NotAllowedError' || error.name === 'AbortError');
}
