/**
 * The sign-in API (`/api/v1/auth`, contract of issue 4), one function per call. Cookies carry the
 * session (HttpOnly access and refresh tokens, a readable CSRF token that `shared/api.ts` echoes).
 */
import { api } from '../../shared/api';

export const AUTH_API = '/api/v1/auth';

export type Role = 'citizen' | 'officer' | 'agency_admin' | 'employer' | 'clinic';

export interface Account {
  id: string;
  role: Role;
  username: string;
  displayName: string;
  bhxhCode: string | null;
  agencyCode: string | null;
  unitCode: string | null;
  clinicCode: string | null;
  phoneMasked: string | null;
  emailMasked: string | null;
}

export interface Session {
  account: Account;
  /** Signed in with an issued password: it must be replaced before anything else. */
  mustChangePassword: boolean;
  /** 180 days or more since the password was last changed. */
  passwordReminder: boolean;
  device: { id: string; label: string; current: true };
  signedInAt: string;
}

/**
 * Why the server ended a session (`401 session_ended`, extra field `reason`): the domain's list,
 * from its own entry (the domain's index would bring zod and every rule into the first download).
 */
export { SESSION_END_REASONS, type SessionEndReason } from '@vssid/domain/session';

/** An OTP sent to the person: where (masked), until when it is valid, and when another may be asked for. */
export interface OtpChallenge {
  challengeId: string;
  /** Masked phone or email; null for a password reset (the server never says whether the account exists). */
  destination: string | null;
  expiresAt: string;
  resendAt: string;
}

export type SignInResult =
  | { status: 'signed_in'; session: Session }
  | (OtpChallenge & { status: 'otp_required'; reason: 'new_device' | 'staff_second_factor' });

export interface Device {
  id: string;
  label: string;
  lastSeenAt: string;
  current: boolean;
}

export interface SignInEvent {
  at: string;
  outcome: 'success' | 'failure' | 'locked' | 'otp_failed';
  method: 'password' | 'otp' | 'passkey' | 'vneid';
  ip: string | null;
  deviceLabel: string | null;
}

export interface Passkey {
  id: string;
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
}

const post = <T>(path: string, body: unknown = {}) => api<T>(`${AUTH_API}${path}`, { method: 'POST', body });

export const authApi = {
  session: () => api<Session>(`${AUTH_API}/session`),
  signIn: (username: string, password: string) => post<SignInResult>('/sign-in', { username, password }),
  signInOtp: (challengeId: string, code: string) =>
    post<{ status: 'signed_in'; session: Session; replacedDevice: boolean }>('/sign-in/otp', {
      challengeId,
      code,
    }),
  resendOtp: (challengeId: string) => post<Omit<OtpChallenge, 'challengeId'>>('/otp/resend', { challengeId }),
  signOut: () => post<undefined>('/sign-out'),
  signOutEverywhere: () => post<undefined>('/sign-out-everywhere'),
  initialPassword: (newPassword: string) =>
    post<{ status: 'signed_in'; session: Session }>('/password/initial', { newPassword }),
  startPasswordChange: (currentPassword: string) =>
    post<OtpChallenge>('/password/change/start', { currentPassword }),
  changePassword: (challengeId: string, code: string, newPassword: string) =>
    post<undefined>('/password/change', { challengeId, code, newPassword }),
  startPasswordReset: (username: string, channel: 'sms' | 'email') =>
    post<OtpChallenge>('/password/reset/start', { username, channel }),
  resetPassword: (challengeId: string, code: string, newPassword: string) =>
    post<undefined>('/password/reset', { challengeId, code, newPassword }),
  devices: () => api<{ devices: Device[] }>(`${AUTH_API}/devices`),
  signIns: (limit = 20) => api<{ events: SignInEvent[] }>(`${AUTH_API}/sign-ins?limit=${limit}`),
  passkeys: () => api<{ passkeys: Passkey[] }>(`${AUTH_API}/passkeys`),
  removePasskey: (id: string) =>
    api<undefined>(`${AUTH_API}/passkeys/${encodeURIComponent(id)}`, { method: 'DELETE' }),
};
