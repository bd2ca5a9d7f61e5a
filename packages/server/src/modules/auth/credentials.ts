import { hash, randomInt } from 'node:crypto';
import { hash as argonHash, verify as argonVerify } from '@node-rs/argon2';
import { checkPasswordPolicy, passwordReminderDue } from '@vssid/domain';
import type { OtpPurpose } from '../../db/schema-auth';
import type { Principal, Role } from './guard';
import { argon2Slots, createArgon2Gate } from './argon2-slots';
import { PASSWORD_HASH_OPTIONS } from './password-params';
import type { AccountRow } from './repository';

/**
 * The rules and pure pieces of accounts and sessions (issue "Sign-in"): OTP and lockout rules,
 * session lifetimes, the hashes of tokens, codes and passwords, masks, and how a session is shown.
 */

export interface IssuedSession {
  principal: Principal;
  accessToken: string;
  refreshToken: string;
  accessExpiresIn: number;
  sessionExpiresAt: Date;
  /** Another device's session ended because this one signed in. */
  replacedDevice: boolean;
  /** The session as `GET /auth/session` would show it, when known without asking the database. */
  view?: SessionView;
}

/** A session written to the database whose access token is not signed yet (see `issueSession`). */
export type OpenedSession = Omit<IssuedSession, 'accessToken'>;

export interface OtpSent {
  challengeId: string;
  /** Masked phone or email ("09******23"); null for password reset, which never says whether the account exists. */
  destination: string | null;
  expiresAt: Date;
  resendAt: Date;
}

export type SignInOutcome =
  | { status: 'signed_in'; session: IssuedSession }
  | ({ status: 'otp_required'; reason: 'new_device' | 'staff_second_factor' } & OtpSent);

/** OTP rules (issue "Sign-in" §3). */
export const OTP = {
  digits: 6,
  lifetimeSeconds: 300,
  maxAttempts: 5,
  resendSeconds: 60,
  maxSends: 5,
  /**
   * Wrong or right, at most this many codes checked per account (or phone binding) and purpose
   * per clock hour, whatever the challenges and resends (issue #22 item 3): 10 = two challenges'
   * worth, so one mistyped challenge and a fresh one still fit; a guesser gets 10 / 10^6 per hour.
   */
  maxGuessesPerHour: 10,
} as const;
/** Session lifetimes: a phone stays signed in for 30 days of use; staff for one working day. */
export const SESSION_SECONDS: Record<'citizen' | 'staff', number> = {
  citizen: 30 * 86_400,
  staff: 12 * 3600,
};
/** Limits that hold across API nodes (database counters). */
export const LIMITS = {
  resetPerAccount: { max: 5, windowSeconds: 3600 },
  resetPerIp: { max: 20, windowSeconds: 3600 },
} as const;

/** One-shot SHA-256 (`crypto.hash`, Node >= 21.7): no Hash object per token. */
const sha256 = (text: string | Buffer) => hash('sha256', text, 'buffer');
export const hashRefreshToken = (token: string) => sha256(`refresh:${token}`);
export const otpHash = (challengeId: string, code: string) => sha256(`otp:${challengeId}:${code}`);
/**
 * OTP purposes of a person without an account (withdrawing a registration dossier): the
 * challenge carries no account; its phone is in its context (`recipient`).
 */
export const PHONE_OTP_PURPOSES = [
  'dossier_withdrawal',
  'phone_change',
  'support_ticket',
] as const satisfies readonly OtpPurpose[];
export type PhoneOtpPurpose = (typeof PHONE_OTP_PURPOSES)[number];
export const isPhoneOtp = (purpose: OtpPurpose) =>
  (PHONE_OTP_PURPOSES as readonly OtpPurpose[]).includes(purpose);

/** "0912345623" → "09******23"; "an.nguyen@example.vn" → "a*******@example.vn". */
export function maskPhone(phone: string): string {
  return phone.length < 5 ? '***' : `${phone.slice(0, 2)}${'*'.repeat(phone.length - 4)}${phone.slice(-2)}`;
}
export function maskEmail(email: string): string {
  const [local = '', domain = ''] = email.split('@');
  return `${local.slice(0, 1)}${'*'.repeat(Math.max(3, local.length - 1))}@${domain}`;
}

const INITIAL_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789';
/** A random initial password (10 characters without look-alikes), issued at approval or by an admin. */
export function generateInitialPassword(): string {
  for (;;) {
    let out = '';
    for (let i = 0; i < 10; i++) out += INITIAL_ALPHABET.charAt(randomInt(INITIAL_ALPHABET.length));
    if (/\d/.test(out) && /[a-z]/.test(out) && /[A-Z]/.test(out) && checkPasswordPolicy(out).ok) return out;
  }
}

/** One gate per process, as libuv's thread pool is (see argon2-slots.ts). */
const argon2Gate = createArgon2Gate(argon2Slots());

export function hashPassword(password: string): Promise<string> {
  return argon2Gate.run(() => argonHash(password, PASSWORD_HASH_OPTIONS));
}

/**
 * Whether `password` matches the stored argon2id hash; a malformed hash matches nothing. Through
 * the argon2 gate, as every sign-in (exported for the benchmark's sign-in floor).
 */
export function passwordMatches(storedHash: string, password: string): Promise<boolean> {
  return argon2Gate.run(() => argonVerify(storedHash, password)).catch(() => false);
}

export function isStaff(role: Role): boolean {
  return role !== 'citizen';
}

export function principalFor(account: AccountRow, sessionId: string): Principal {
  return {
    accountId: account.id,
    sessionId,
    role: account.role,
    bhxhCode: account.bhxh_code,
    agencyCode: account.agency_code,
    unitCode: account.unit_code,
    clinicCode: account.clinic_code,
    displayName: account.display_name,
    mustChangePassword: account.must_change_password,
  };
}

/** The session as the app shows it (`GET /auth/session`). */
export function sessionView(account: AccountRow, device: { id: string; label: string }, signedInAt: Date) {
  return {
    account: {
      id: account.id,
      role: account.role,
      username: account.username,
      displayName: account.display_name,
      bhxhCode: account.bhxh_code,
      agencyCode: account.agency_code,
      unitCode: account.unit_code,
      clinicCode: account.clinic_code,
      phoneMasked: account.phone ? maskPhone(account.phone) : null,
      emailMasked: account.email ? maskEmail(account.email) : null,
    },
    mustChangePassword: account.must_change_password,
    passwordReminder: passwordReminderDue(
      account.password_changed_at.toISOString(),
      new Date().toISOString(),
    ),
    device: { id: device.id, label: device.label, current: true as const },
    signedInAt: signedInAt.toISOString(),
  };
}
export type SessionView = ReturnType<typeof sessionView>;
