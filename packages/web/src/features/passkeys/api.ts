import type {
  AuthenticationResponseJSON,
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
  RegistrationResponseJSON,
} from '@simplewebauthn/browser';
import { api } from '../../shared/api';
import type { Passkey, Session } from '../auth';

const BASE = '/api/v1/auth/passkeys';

/** The passkey routes of the server (packages/server/src/modules/auth/passkey-routes.ts). */
export const passkeysApi = {
  registrationOptions: () =>
    api<{ challengeId: string; options: PublicKeyCredentialCreationOptionsJSON }>(
      `${BASE}/registration/options`,
      { method: 'POST' },
    ),
  register: (challengeId: string, response: RegistrationResponseJSON, name?: string) =>
    api<Passkey>(`${BASE}/registration`, {
      method: 'POST',
      body: { challengeId, response, ...(name ? { name } : {}) },
    }),
  authenticationOptions: (username?: string) =>
    api<{ challengeId: string; options: PublicKeyCredentialRequestOptionsJSON }>(
      `${BASE}/authentication/options`,
      { method: 'POST', body: username ? { username } : {} },
    ),
  authenticate: (challengeId: string, response: AuthenticationResponseJSON) =>
    api<{ status: 'signed_in'; session: Session; replacedDevice: boolean }>(`${BASE}/authentication`, {
      method: 'POST',
      body: { challengeId, response, client: 'web' },
    }),
};

/** The person closed the system dialog, or it timed out (not an error worth a red message). */
export function isCancelled(error: unknown): boolean {
  return error instanceof Error && (error.name === 'NotAllowedError' || error.name === 'AbortError');
}
