import { hash, randomBytes, randomInt, randomUUID, timingSafeEqual } from 'node:crypto';
import { hash as argonHash, verify as argonVerify } from '@node-rs/argon2';
import type { Kysely } from 'kysely';
import { type AuditAction, checkPasswordPolicy, passwordReminderDue } from '@vssid/domain';
import type { Language } from '@vssid/domain/i18n';
import type { Database } from '../../db/schema';
import type { OtpPurpose, SessionEndReason, SignInMethod } from '../../db/schema-auth';
import { AppError } from '../../http/problem';
import type { Translator } from '../../i18n';
import { type NewAuditEvent, auditService } from '../audit/service';
import { enqueueMessage } from '../outbox/service';
import type { Principal, Role } from './guard';
import { argon2Slots, createArgon2Gate } from './argon2-slots';
import { PASSWORD_HASH_OPTIONS } from './password-params';
import { RateLimiter, windowStartOf } from './rate-limit';
import * as repo from './repository';
import { SessionStates, type Subscribe } from './session-states';
import type { AccountRow } from './repository';
import { ACCESS_TOKEN_SECONDS, type AccessTokens } from './tokens';

/** Where a request comes from: for device binding, rate limits and the audit log. */
export interface ClientContext {
  ip: string;
  userAgent: string;
  deviceId: string;
  deviceLabel: string;
  requestId: string;
  language: Language;
}

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
} as const;
/** Growing lockout: after 5 consecutive failures, 5 min, then 10, 20 … capped at 24 h. */
export const LOCKOUT = { failures: 5, firstSeconds: 300, maxSeconds: 86_400 } as const;
/** Session lifetimes: a phone stays signed in for 30 days of use; staff for one working day. */
const SESSION_SECONDS: Record<'citizen' | 'staff', number> = { citizen: 30 * 86_400, staff: 12 * 3600 };
/** Limits that hold across API nodes (database counters). */
const LIMITS = {
  signInPerAccount: { max: 15, windowSeconds: 600 },
  resetPerAccount: { max: 5, windowSeconds: 3600 },
  resetPerIp: { max: 20, windowSeconds: 3600 },
} as const;

/** One-shot SHA-256 (`crypto.hash`, Node >= 21.7): no Hash object per token. */
const sha256 = (text: string | Buffer) => hash('sha256', text, 'buffer');
export const hashRefreshToken = (token: string) => sha256(`refresh:${token}`);
const otpHash = (challengeId: string, code: string) => sha256(`otp:${challengeId}:${code}`);
/**
 * OTP purposes of a person without an account (withdrawing a registration dossier): the
 * challenge carries no account; its phone is in its context (`recipient`).
 */
export const PHONE_OTP_PURPOSES = ['dossier_withdrawal'] as const satisfies readonly OtpPurpose[];
export type PhoneOtpPurpose = (typeof PHONE_OTP_PURPOSES)[number];
const isPhoneOtp = (purpose: OtpPurpose) => (PHONE_OTP_PURPOSES as readonly OtpPurpose[]).includes(purpose);

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

function isStaff(role: Role): boolean {
  return role !== 'citizen';
}

function principalFor(account: AccountRow, sessionId: string): Principal {
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

export interface AuthServiceDeps {
  db: Kysely<Database>;
  tokens: AccessTokens;
  translator: Translator;
  /**
   * Without a subscription to session ends (`listen`), a session's state as seen by this node is
   * re-read after this long (revocations elsewhere show up within it).
   */
  sessionCacheMs?: number;
  /** The database's notification subscription (DatabaseHandle.listen): session ends arrive live. */
  listen?: Subscribe;
  /** Password sign-ins per client IP per 10 minutes (SIGNIN_RATE_LIMIT_PER_IP). */
  signInPerIp?: number;
}

export type AuthService = Awaited<ReturnType<typeof createAuthService>>;

/**
 * Accounts, sign-in, OTP, devices, sessions and passwords (issue "Sign-in"). Rules live here; SQL
 * in repository.ts; HTTP in routes.ts.
 */
export async function createAuthService(deps: AuthServiceDeps) {
  const { db, tokens, translator } = deps;
  const limiter = new RateLimiter(db);
  // Unknown accounts are verified against this hash, so they cost the same time as a wrong password.
  const dummyHash = await hashPassword(randomBytes(16).toString('hex'));
  const sessions = new SessionStates((id) => repo.findSession(db, id), deps.sessionCacheMs ?? 2000);
  const unsubscribe = deps.listen ? await sessions.subscribe(deps.listen) : async () => undefined;

  const auditEvent = (
    ctx: Pick<ClientContext, 'ip' | 'requestId'>,
    actor: AccountRow | null,
    action: AuditAction,
    details: Record<string, unknown> = {},
  ): NewAuditEvent => ({
    actor_type: actor ? actor.role : 'anonymous',
    actor_id: actor?.id ?? null,
    subject_bhxh_code: actor?.bhxh_code ?? null,
    action,
    target_type: 'account',
    target_id: actor?.id ?? null,
    purpose: null,
    ip: ctx.ip || null,
    request_id: ctx.requestId,
    details,
  });
  const audit = (
    trx: Kysely<Database>,
    ctx: Pick<ClientContext, 'ip' | 'requestId'>,
    actor: AccountRow | null,
    action: AuditAction,
    details: Record<string, unknown> = {},
  ) => auditService.record(trx, auditEvent(ctx, actor, action, details));

  /** Sends an OTP for this purpose (superseding a live one) through the outbox, in `trx`. */
  async function sendOtp(
    trx: Kysely<Database>,
    account: AccountRow | null,
    purpose: OtpPurpose,
    channel: 'sms' | 'email',
    context: Record<string, unknown>,
    language: Language,
  ): Promise<OtpSent> {
    const id = randomUUID();
    const now = Date.now();
    const expiresAt = new Date(now + OTP.lifetimeSeconds * 1000);
    const resendAt = new Date(now + OTP.resendSeconds * 1000);
    const recipient = account ? (channel === 'sms' ? account.phone : account.email) : null;
    if (account) await repo.supersedeLiveOtps(trx, account.id, purpose);
    const code = String(randomInt(10 ** OTP.digits)).padStart(OTP.digits, '0');
    await repo.insertOtp(trx, {
      id,
      account_id: account && recipient ? account.id : null,
      purpose,
      // With no account (or nowhere to send), the challenge exists but no code can match it.
      code_hash: recipient ? otpHash(id, code) : randomBytes(32),
      channel,
      destination: recipient ? (channel === 'sms' ? maskPhone(recipient) : maskEmail(recipient)) : '',
      context,
      expires_at: expiresAt,
      resend_available_at: resendAt,
    });
    if (account && recipient) await enqueueOtp(trx, id, 1, recipient, channel, purpose, code, language);
    return {
      challengeId: id,
      destination: recipient ? (channel === 'sms' ? maskPhone(recipient) : maskEmail(recipient)) : null,
      expiresAt,
      resendAt,
    };
  }

  async function enqueueOtp(
    trx: Kysely<Database>,
    challengeId: string,
    send: number,
    recipient: string,
    channel: 'sms' | 'email',
    purpose: OtpPurpose,
    code: string,
    language: Language,
  ) {
    const params = { code, minutes: OTP.lifetimeSeconds / 60 };
    const text = translator.t(language, `messages:auth.otp.${purpose}`, params);
    await enqueueMessage(trx, {
      idempotency_key: `otp:${challengeId}:${send}`,
      channel,
      recipient,
      template: `otp.${purpose}`,
      language,
      payload:
        channel === 'sms' ? { text } : { subject: translator.t(language, 'messages:auth.otp.subject'), text },
    });
  }

  type OtpCheck = { ok: true; row: repo.OtpRow } | { ok: false; error: AppError };

  /** Checks a code against a live challenge of one of these purposes; counts the attempt (in `trx`). */
  async function checkOtp(
    trx: Kysely<Database>,
    challengeId: string,
    code: string,
    purposes: OtpPurpose[],
  ): Promise<OtpCheck> {
    const row = await repo.lockOtp(trx, challengeId);
    const gone = new AppError(410, 'otp_expired', 'auth.otpExpired');
    if (!row || !purposes.includes(row.purpose)) return { ok: false, error: gone };
    if (row.consumed_at || row.superseded_at || row.expires_at.getTime() < Date.now())
      return { ok: false, error: gone };
    if (row.attempts >= OTP.maxAttempts)
      return { ok: false, error: new AppError(429, 'otp_attempts_exceeded', 'auth.otpAttemptsExceeded') };
    const given = otpHash(row.id, code);
    if (
      (row.account_id !== null || isPhoneOtp(row.purpose)) &&
      given.length === row.code_hash.length &&
      timingSafeEqual(given, row.code_hash)
    ) {
      await repo.updateOtp(trx, row.id, { consumed_at: new Date(), attempts: row.attempts + 1 });
      return { ok: true, row };
    }
    const attempts = row.attempts + 1;
    await repo.updateOtp(trx, row.id, { attempts });
    const attemptsLeft = OTP.maxAttempts - attempts;
    return {
      ok: false,
      error:
        attemptsLeft <= 0
          ? new AppError(429, 'otp_attempts_exceeded', 'auth.otpAttemptsExceeded')
          : new AppError(400, 'otp_invalid', 'auth.otpInvalid', { attemptsLeft }, [], { attemptsLeft }),
    };
  }

  /** Runs `work` in a transaction; an OTP failure is committed (the attempt counts) and then thrown. */
  async function withOtp<T>(
    challengeId: string,
    code: string,
    purposes: OtpPurpose[],
    work: (trx: Kysely<Database>, row: repo.OtpRow) => Promise<T>,
  ): Promise<T> {
    const outcome = await db.transaction().execute(async (trx) => {
      const check = await checkOtp(trx, challengeId, code, purposes);
      if (!check.ok) return { ok: false as const, error: check.error };
      return { ok: true as const, value: await work(trx, check.row) };
    });
    if (!outcome.ok) throw outcome.error;
    return outcome.value;
  }

  /**
   * Opens a session on this device: trusts it and, for a citizen, ends the sessions of every other
   * device (one device at a time) and takes their trust away.
   */
  async function openSession(
    trx: Kysely<Database>,
    account: AccountRow,
    method: SignInMethod,
    ctx: ClientContext,
  ): Promise<OpenedSession> {
    const exclusive = account.role === 'citizen';
    const sessionId = randomUUID();
    const sessionExpiresAt = new Date(
      Date.now() + SESSION_SECONDS[isStaff(account.role) ? 'staff' : 'citizen'] * 1000,
    );
    const refreshToken = randomBytes(32).toString('base64url');
    // Device, other devices' trust, other sessions, this session and its refresh token: one statement.
    const ended = await repo.openSessionRows(trx, {
      accountId: account.id,
      deviceId: ctx.deviceId,
      deviceLabel: ctx.deviceLabel,
      exclusive,
      sessionId,
      method,
      expiresAt: sessionExpiresAt,
      ip: ctx.ip || null,
      userAgent: ctx.userAgent.slice(0, 400),
      refreshHash: hashRefreshToken(refreshToken),
      audit: auditEvent(ctx, account, 'auth.sign_in.succeeded', { method, device: ctx.deviceLabel }),
    });
    sessions.forget(ended);
    return {
      principal: principalFor(account, sessionId),
      refreshToken,
      accessExpiresIn: ACCESS_TOKEN_SECONDS,
      sessionExpiresAt,
      replacedDevice: ended.length > 0,
      view: sessionView(account, { id: ctx.deviceId, label: ctx.deviceLabel }, new Date()),
    };
  }

  /** Signs the access token of an opened session (after its transaction has committed). */
  async function issueSession(opened: OpenedSession): Promise<IssuedSession> {
    return { ...opened, accessToken: await tokens.sign(opened.principal) };
  }

  async function lockoutAfterFailure(account: AccountRow, ctx: ClientContext): Promise<AppError> {
    let failed = account.failed_attempts + 1;
    let lockouts = account.lockouts;
    let lockedUntil: Date | null = null;
    if (failed >= LOCKOUT.failures) {
      lockouts += 1;
      const seconds = Math.min(LOCKOUT.maxSeconds, LOCKOUT.firstSeconds * 2 ** (lockouts - 1));
      lockedUntil = new Date(Date.now() + seconds * 1000);
      failed = 0;
    }
    await db.transaction().execute(async (trx) => {
      await repo.updateAccount(trx, account.id, {
        failed_attempts: failed,
        lockouts,
        ...(lockedUntil ? { locked_until: lockedUntil } : {}),
      });
      await audit(trx, ctx, account, lockedUntil ? 'auth.account.locked' : 'auth.sign_in.failed', {
        reason: 'wrong_password',
        ...(lockedUntil ? { lockedUntil: lockedUntil.toISOString() } : {}),
      });
    });
    return lockedUntil ? lockedError(lockedUntil) : invalidCredentials();
  }

  const invalidCredentials = () => new AppError(401, 'invalid_credentials', 'auth.invalidCredentials');
  const lockedError = (until: Date) => {
    const retryAfterSeconds = Math.max(1, Math.ceil((until.getTime() - Date.now()) / 1000));
    return new AppError(
      423,
      'account_locked',
      'auth.accountLocked',
      { minutes: Math.ceil(retryAfterSeconds / 60) },
      [],
      {
        retryAfterSeconds,
      },
    );
  };

  async function policyCheck(
    account: AccountRow,
    password: string,
    conn: Kysely<Database> = db,
    field = 'newPassword',
  ) {
    const person = account.bhxh_code ? await repo.findPersonForAccount(conn, account.bhxh_code) : undefined;
    const result = checkPasswordPolicy(password, {
      bhxhCode: account.bhxh_code,
      phone: account.phone ?? person?.phone ?? null,
      dateOfBirth: person?.birth_date ?? null,
    });
    if (!result.ok) {
      const message = (language: Language) => translator.t(language, result.error.code);
      return (language: Language) =>
        new AppError(400, 'validation', 'validation', {}, [
          { in: 'body', field, code: result.error.code, message: message(language) },
        ]);
    }
    return null;
  }

  async function changePasswordIn(
    trx: Kysely<Database>,
    account: AccountRow,
    /** Hashed before the transaction (argon2 must not hold a connection). */
    passwordHash: string,
    ctx: ClientContext,
    keepSession: string | null,
    action: AuditAction,
  ) {
    await repo.updateAccount(trx, account.id, {
      password_hash: passwordHash,
      password_changed_at: new Date(),
      must_change_password: false,
      failed_attempts: 0,
      locked_until: null,
    });
    const ended = await repo.endSessionsOfAccount(
      trx,
      account.id,
      'password_changed',
      keepSession ?? undefined,
    );
    sessions.forget(ended);
    await audit(trx, ctx, account, action, { endedSessions: ended.length });
  }

  async function getAccount(id: string): Promise<AccountRow> {
    const account = await repo.findAccountById(db, id);
    if (!account) throw new AppError(401, 'unauthenticated', 'auth.unauthenticated');
    return account;
  }

  /** Creates an account with an issued password, sent by SMS (the one message allowed to carry a password). */
  async function createAccountWithIssuedPassword(
    trx: Kysely<Database>,
    input: {
      role: Role;
      username: string;
      displayName: string;
      bhxhCode?: string | null;
      agencyCode?: string | null;
      unitCode?: string | null;
      clinicCode?: string | null;
      phone: string | null;
      email?: string | null;
      createdBy?: string | null;
      language?: Language;
    },
    ctx: Pick<ClientContext, 'ip' | 'requestId'>,
  ): Promise<AccountRow> {
    const password = generateInitialPassword();
    const account = await repo.insertAccount(trx, {
      role: input.role,
      username: input.username.toLowerCase(),
      display_name: input.displayName,
      bhxh_code: input.bhxhCode ?? null,
      agency_code: input.agencyCode ?? null,
      unit_code: input.unitCode ?? null,
      clinic_code: input.clinicCode ?? null,
      phone: input.phone,
      email: input.email ?? null,
      password_hash: await hashPassword(password),
      must_change_password: true,
      created_by: input.createdBy ?? null,
      language: input.language ?? 'vi',
    });
    const language = input.language ?? 'vi';
    // The issued password goes by SMS only (as the agency does: "Mật khẩu được gửi về số điện
    // thoại đã đăng ký"); the email says the account is ready and how to sign in, never the password.
    if (input.phone)
      await enqueueMessage(trx, {
        idempotency_key: `account-issued:${account.id}:sms`,
        channel: 'sms',
        recipient: input.phone,
        template: 'account.issued',
        language,
        payload: {
          text: translator.t(language, 'messages:auth.issuedPassword', {
            username: account.username,
            password,
          }),
        },
      });
    if (input.email)
      await enqueueMessage(trx, {
        idempotency_key: `account-issued:${account.id}:email`,
        channel: 'email',
        recipient: input.email,
        template: 'account.ready',
        language,
        payload: {
          subject: translator.t(language, 'messages:auth.issuedPasswordSubject'),
          text: translator.t(
            language,
            input.phone ? 'messages:auth.accountReadyEmail' : 'messages:auth.accountReadyEmailNoPhone',
            { name: input.displayName, username: account.username, phoneEnd: input.phone?.slice(-3) ?? '' },
          ),
        },
      });
    await audit(trx, ctx, account, 'auth.account.created', {
      role: input.role,
      createdBy: input.createdBy ?? null,
    });
    return account;
  }

  return {
    tokens,
    limiter,
    openSession,
    issueSession,

    /** Step one of signing in: the password. A new device (citizen) or any staff sign-in then needs an OTP. */
    async signIn(input: { username: string; password: string }, ctx: ClientContext): Promise<SignInOutcome> {
      const username = input.username.trim().toLowerCase();
      const limits = [
        { key: `signin:ip:${ctx.ip}`, max: deps.signInPerIp ?? 30, windowSeconds: 600 },
        { key: `signin:user:${username}`, ...LIMITS.signInPerAccount },
      ];
      // The attempt is counted and the account read in one statement (both limits count in the
      // same 10-minute window).
      const now = Date.now();
      const found = await repo.findAccountForSignIn(db, username, ctx.deviceId, {
        keys: limits.map((l) => l.key),
        windowStart: windowStartOf(LIMITS.signInPerAccount.windowSeconds, now),
      });
      await limiter.judge(limits, found.counts, now);
      const account = found.account;
      const valid = await passwordMatches(account?.password_hash ?? dummyHash, input.password);
      if (!account) {
        await audit(db, ctx, null, 'auth.sign_in.failed', {
          reason: 'unknown_account',
          username: username.slice(0, 64),
        });
        throw invalidCredentials();
      }
      if (account.locked_until && account.locked_until.getTime() > Date.now()) {
        await audit(db, ctx, account, 'auth.sign_in.refused', { reason: 'locked' });
        throw lockedError(account.locked_until);
      }
      if (!valid) throw await lockoutAfterFailure(account, ctx);
      if (account.status === 'disabled') {
        await audit(db, ctx, account, 'auth.sign_in.refused', { reason: 'disabled' });
        throw new AppError(403, 'account_disabled', 'auth.accountDisabled');
      }
      if (account.failed_attempts > 0 || account.locked_until)
        await repo.updateAccount(db, account.id, { failed_attempts: 0, locked_until: null });

      const staff = isStaff(account.role);
      const trusted = !staff && account.device_trusted;
      if (trusted) {
        // One statement, atomic by itself: no transaction round trips around it.
        const opened = await openSession(db, account, 'password', ctx);
        return { status: 'signed_in', session: await issueSession(opened) };
      }
      const purpose: OtpPurpose = staff ? 'staff_sign_in' : 'new_device';
      const channel = account.phone ? 'sms' : 'email';
      if (!account.phone && !account.email)
        throw new AppError(409, 'no_otp_destination', 'auth.noOtpDestination');
      const sent = await db.transaction().execute(async (trx) => {
        await repo.upsertDevice(trx, { account_id: account.id, id: ctx.deviceId, label: ctx.deviceLabel });
        await audit(trx, ctx, account, 'auth.otp.sent', { purpose });
        return sendOtp(trx, account, purpose, channel, { deviceId: ctx.deviceId }, ctx.language);
      });
      return { status: 'otp_required', reason: staff ? 'staff_second_factor' : 'new_device', ...sent };
    },

    /** Step two: the OTP sent at sign-in, from the same device. */
    async completeSignIn(
      input: { challengeId: string; code: string },
      ctx: ClientContext,
    ): Promise<IssuedSession> {
      await limiter.hit([{ key: `otp:ip:${ctx.ip}`, max: 60, windowSeconds: 600 }]);
      const opened = await withOtp(
        input.challengeId,
        input.code,
        ['new_device', 'staff_sign_in'],
        async (trx, row) => {
          if (row.context.deviceId !== ctx.deviceId)
            throw new AppError(410, 'otp_expired', 'auth.otpExpired');
          const account = await repo.findAccountById(trx, row.account_id ?? '');
          if (!account || account.status !== 'active')
            throw new AppError(403, 'account_disabled', 'auth.accountDisabled');
          return openSession(trx, account, 'otp', ctx);
        },
      );
      return issueSession(opened);
    },

    /** A new code for a live challenge, after the cooldown, at most 5 sends. */
    async resendOtp(challengeId: string, ctx: ClientContext): Promise<OtpSent> {
      const outcome = await db.transaction().execute(async (trx) => {
        const row = await repo.lockOtp(trx, challengeId);
        if (!row || row.consumed_at || row.superseded_at)
          return new AppError(410, 'otp_expired', 'auth.otpExpired');
        const wait = Math.ceil((row.resend_available_at.getTime() - Date.now()) / 1000);
        if (wait > 0)
          return new AppError(429, 'otp_resend_too_soon', 'auth.otpResendTooSoon', { seconds: wait }, [], {
            retryAfterSeconds: wait,
          });
        if (row.sends >= OTP.maxSends) return new AppError(429, 'otp_resend_limit', 'auth.otpResendLimit');
        const now = Date.now();
        const expiresAt = new Date(now + OTP.lifetimeSeconds * 1000);
        const resendAt = new Date(now + OTP.resendSeconds * 1000);
        const account = row.account_id ? await repo.findAccountById(trx, row.account_id) : undefined;
        const code = String(randomInt(10 ** OTP.digits)).padStart(OTP.digits, '0');
        const sends = row.sends + 1;
        const phoneRecipient =
          isPhoneOtp(row.purpose) && typeof row.context.recipient === 'string' ? row.context.recipient : null;
        const recipient = account ? (row.channel === 'sms' ? account.phone : account.email) : phoneRecipient;
        await repo.updateOtp(trx, row.id, {
          code_hash: recipient ? otpHash(row.id, code) : randomBytes(32),
          expires_at: expiresAt,
          resend_available_at: resendAt,
          sends,
          attempts: 0,
        });
        if (recipient)
          await enqueueOtp(trx, row.id, sends, recipient, row.channel, row.purpose, code, ctx.language);
        return {
          challengeId: row.id,
          destination: row.purpose === 'password_reset' || !row.destination ? null : row.destination,
          expiresAt,
          resendAt,
        } satisfies OtpSent;
      });
      if (outcome instanceof AppError) throw outcome;
      return outcome;
    },

    /** Rotates the refresh token. A token used twice ends its whole session (reuse detection). */
    async refresh(refreshToken: string, ctx: ClientContext): Promise<IssuedSession> {
      const tokenHash = hashRefreshToken(refreshToken);
      const outcome = await db.transaction().execute(async (trx) => {
        const found = await repo.findRefreshToken(trx, tokenHash);
        if (!found) return new AppError(401, 'unauthenticated', 'auth.unauthenticated');
        const session = await repo.findSession(trx, found.session_id);
        if (!session) return new AppError(401, 'unauthenticated', 'auth.unauthenticated');
        const account = await repo.findAccountById(trx, session.account_id);
        if (!account) return new AppError(401, 'unauthenticated', 'auth.unauthenticated');
        if (session.ended_at) return sessionEnded(session.end_reason ?? 'expired');
        const firstUse = found.used_at === null && (await repo.useRefreshToken(trx, tokenHash));
        if (!firstUse) {
          await repo.endSession(trx, session.id, 'reuse_detected');
          sessions.forget([session.id]);
          await audit(trx, ctx, account, 'auth.refresh_token.reused', { session: session.id });
          return sessionEnded('reuse_detected');
        }
        if (session.expires_at.getTime() < Date.now()) {
          await repo.endSession(trx, session.id, 'expired');
          return sessionEnded('expired');
        }
        if (account.status !== 'active') {
          await repo.endSession(trx, session.id, 'account_disabled');
          return sessionEnded('account_disabled');
        }
        const next = randomBytes(32).toString('base64url');
        await repo.insertRefreshToken(trx, hashRefreshToken(next), session.id);
        await repo.touchSession(trx, session.id);
        return {
          principal: principalFor(account, session.id),
          refreshToken: next,
          accessExpiresIn: ACCESS_TOKEN_SECONDS,
          sessionExpiresAt: session.expires_at,
          replacedDevice: false,
        } satisfies OpenedSession;
      });
      if (outcome instanceof AppError) throw outcome;
      return issueSession(outcome);
    },

    /** Whether the session behind a token is still open (known in memory; see SessionStates). */
    sessionState(sessionId: string): Promise<SessionEndReason | null> {
      return sessions.state(sessionId);
    },

    /** Ends the subscription to session ends (the app's onClose). */
    close: unsubscribe,

    async signOut(principal: Principal, ctx: ClientContext): Promise<void> {
      await db.transaction().execute(async (trx) => {
        await repo.endSession(trx, principal.sessionId, 'signed_out');
        await audit(trx, ctx, await getAccountIn(trx, principal.accountId), 'auth.signed_out');
      });
      sessions.forget([principal.sessionId]);
    },

    async signOutEverywhere(principal: Principal, ctx: ClientContext): Promise<void> {
      await db.transaction().execute(async (trx) => {
        const ended = await repo.endSessionsOfAccount(trx, principal.accountId, 'signed_out_everywhere');
        sessions.forget(ended);
        await audit(trx, ctx, await getAccountIn(trx, principal.accountId), 'auth.signed_out_everywhere', {
          endedSessions: ended.length,
        });
      });
    },

    /** The session as the app shows it: account, flags and this device. */
    async describeSession(principal: Principal): Promise<SessionView> {
      const account = await getAccount(principal.accountId);
      const session = await repo.findSession(db, principal.sessionId);
      const devices = await repo.findDevices(db, account.id);
      const device = devices.find((d) => d.id === session?.device_id);
      return sessionView(
        account,
        { id: device?.id ?? session?.device_id ?? '', label: device?.label ?? '' },
        session?.created_at ?? new Date(),
      );
    },

    async listDevices(principal: Principal) {
      const session = await repo.findSession(db, principal.sessionId);
      const devices = await repo.findDevices(db, principal.accountId);
      return devices.map((d) => ({
        id: d.id,
        label: d.label,
        lastSeenAt: d.last_seen_at.toISOString(),
        current: d.id === session?.device_id,
        trusted: d.trusted_at !== null,
      }));
    },

    async signInHistory(principal: Principal, limit: number) {
      const rows = await auditService.listForActor(db, principal.role, principal.accountId, {
        actions: [
          'auth.sign_in.succeeded',
          'auth.sign_in.failed',
          'auth.sign_in.refused',
          'auth.account.locked',
          'auth.otp.failed',
        ],
        limit,
      });
      return rows.map((r) => ({
        at: r.at.toISOString(),
        outcome:
          r.action === 'auth.sign_in.succeeded'
            ? ('success' as const)
            : r.action === 'auth.account.locked' || r.details.reason === 'locked'
              ? ('locked' as const)
              : r.action === 'auth.otp.failed'
                ? ('otp_failed' as const)
                : ('failure' as const),
        method: (typeof r.details.method === 'string' ? r.details.method : 'password') as SignInMethod,
        ip: r.ip,
        deviceLabel: typeof r.details.device === 'string' ? r.details.device : null,
      }));
    },

    /** First sign-in with an issued password: choose one's own (no OTP: the session just proved the phone). */
    async setInitialPassword(
      principal: Principal,
      newPassword: string,
      ctx: ClientContext,
    ): Promise<IssuedSession> {
      const account = await getAccount(principal.accountId);
      if (!account.must_change_password)
        throw new AppError(409, 'password_already_set', 'auth.passwordAlreadySet');
      const policy = await policyCheck(account, newPassword);
      if (policy) throw policy(ctx.language);
      if (await passwordMatches(account.password_hash, newPassword))
        throw new AppError(400, 'validation', 'validation', {}, [
          {
            in: 'body',
            field: 'newPassword',
            code: 'password.same_as_issued',
            message: translator.t(ctx.language, 'auth.sameAsIssued'),
          },
        ]);
      const passwordHash = await hashPassword(newPassword);
      const opened = await db.transaction().execute(async (trx): Promise<OpenedSession> => {
        await changePasswordIn(
          trx,
          account,
          passwordHash,
          ctx,
          principal.sessionId,
          'auth.password.initial_set',
        );
        const updated = await getAccountIn(trx, account.id);
        const next = randomBytes(32).toString('base64url');
        await repo.insertRefreshToken(trx, hashRefreshToken(next), principal.sessionId);
        const session = await repo.findSession(trx, principal.sessionId);
        return {
          principal: principalFor(updated, principal.sessionId),
          refreshToken: next,
          accessExpiresIn: ACCESS_TOKEN_SECONDS,
          sessionExpiresAt: session?.expires_at ?? new Date(),
          replacedDevice: false,
        };
      });
      return issueSession(opened);
    },

    /** Password change, step one: the current password; an OTP goes to the phone. */
    async startPasswordChange(
      principal: Principal,
      currentPassword: string,
      ctx: ClientContext,
    ): Promise<OtpSent> {
      const account = await getAccount(principal.accountId);
      await limiter.hit([{ key: `pwchange:${account.id}`, max: 10, windowSeconds: 3600 }]);
      if (!(await passwordMatches(account.password_hash, currentPassword))) {
        await audit(db, ctx, account, 'auth.password.change_refused', { reason: 'wrong_current_password' });
        throw new AppError(400, 'validation', 'validation', {}, [
          {
            in: 'body',
            field: 'currentPassword',
            code: 'auth.current_password_wrong',
            message: translator.t(ctx.language, 'auth.currentPasswordWrong'),
          },
        ]);
      }
      if (!account.phone && !account.email)
        throw new AppError(409, 'no_otp_destination', 'auth.noOtpDestination');
      return db
        .transaction()
        .execute((trx) =>
          sendOtp(
            trx,
            account,
            'password_change',
            account.phone ? 'sms' : 'email',
            { sessionId: principal.sessionId },
            ctx.language,
          ),
        );
    },

    /** Password change, step two: OTP and the new password. Other sessions end. */
    async completePasswordChange(
      principal: Principal,
      input: { challengeId: string; code: string; newPassword: string },
      ctx: ClientContext,
    ): Promise<void> {
      const account = await getAccount(principal.accountId);
      const policy = await policyCheck(account, input.newPassword);
      if (policy) throw policy(ctx.language);
      const passwordHash = await hashPassword(input.newPassword);
      await withOtp(input.challengeId, input.code, ['password_change'], async (trx, row) => {
        if (row.account_id !== account.id) throw new AppError(410, 'otp_expired', 'auth.otpExpired');
        await changePasswordIn(trx, account, passwordHash, ctx, principal.sessionId, 'auth.password.changed');
      });
    },

    /** Forgotten password, step one: an OTP to the registered phone or email; the same answer whether or not the account exists. */
    async startPasswordReset(
      input: { username: string; channel: 'sms' | 'email' },
      ctx: ClientContext,
    ): Promise<OtpSent> {
      const username = input.username.trim().toLowerCase();
      await limiter.hit([
        { key: `reset:ip:${ctx.ip}`, ...LIMITS.resetPerIp },
        { key: `reset:user:${username}`, ...LIMITS.resetPerAccount },
      ]);
      const account = (await repo.findAccountByUsername(db, username)) ?? null;
      const usable = account && account.status === 'active' ? account : null;
      const sent = await db.transaction().execute(async (trx) => {
        await audit(trx, ctx, usable, 'auth.password.reset_requested', {
          channel: input.channel,
          known: !!usable,
        });
        return sendOtp(trx, usable, 'password_reset', input.channel, {}, ctx.language);
      });
      return { ...sent, destination: null };
    },

    /** Forgotten password, step two: OTP and a new password chosen by the person; every session ends. */
    async completePasswordReset(
      input: { challengeId: string; code: string; newPassword: string },
      ctx: ClientContext,
    ): Promise<void> {
      await limiter.hit([{ key: `otp:ip:${ctx.ip}`, max: 60, windowSeconds: 600 }]);
      const passwordHash = await hashPassword(input.newPassword);
      await withOtp(input.challengeId, input.code, ['password_reset'], async (trx, row) => {
        const account = await getAccountIn(trx, row.account_id ?? '');
        const policy = await policyCheck(account, input.newPassword, trx);
        if (policy) throw policy(ctx.language);
        await changePasswordIn(trx, account, passwordHash, ctx, null, 'auth.password.reset');
        // The person proved the phone: the lockout is lifted.
        await repo.updateAccount(trx, account.id, { lockouts: 0 });
      });
    },

    createAccountWithIssuedPassword,

    /**
     * An OTP by SMS to a phone that belongs to no account (withdrawing a registration dossier),
     * in the caller's transaction `trx` (the outbox message commits with the caller's change).
     * `context` says what the challenge allows; the phone is kept in it for a resend. `binding`
     * names what it acts on (a dossier): a new challenge supersedes the live ones of that binding.
     */
    async sendPhoneOtp(
      trx: Kysely<Database>,
      input: {
        purpose: PhoneOtpPurpose;
        phone: string;
        binding: string;
        context: Record<string, unknown>;
        language: Language;
      },
    ): Promise<OtpSent> {
      await repo.supersedeLivePhoneOtps(trx, input.purpose, input.binding);
      const id = randomUUID();
      const now = Date.now();
      const code = String(randomInt(10 ** OTP.digits)).padStart(OTP.digits, '0');
      const sent: OtpSent = {
        challengeId: id,
        destination: maskPhone(input.phone),
        expiresAt: new Date(now + OTP.lifetimeSeconds * 1000),
        resendAt: new Date(now + OTP.resendSeconds * 1000),
      };
      await repo.insertOtp(trx, {
        id,
        account_id: null,
        purpose: input.purpose,
        code_hash: otpHash(id, code),
        channel: 'sms',
        destination: sent.destination ?? '',
        context: { ...input.context, binding: input.binding, recipient: input.phone },
        expires_at: sent.expiresAt,
        resend_available_at: sent.resendAt,
      });
      await enqueueOtp(trx, id, 1, input.phone, 'sms', input.purpose, code, input.language);
      return sent;
    },

    /**
     * Checks the code of a phone OTP (`sendPhoneOtp`) and runs `work` with the challenge's context
     * in the same transaction; a wrong code is counted (and committed) and thrown. Per-IP limited
     * like every OTP check.
     */
    async withPhoneOtp<T>(
      input: { challengeId: string; code: string; purpose: PhoneOtpPurpose },
      ctx: Pick<ClientContext, 'ip'>,
      work: (trx: Kysely<Database>, context: Record<string, unknown>) => Promise<T>,
    ): Promise<T> {
      await limiter.hit([{ key: `otp:ip:${ctx.ip}`, max: 60, windowSeconds: 600 }]);
      return withOtp(input.challengeId, input.code, [input.purpose], (trx, row) => work(trx, row.context));
    },

    /** Counts a request against database-held limits (429 with Retry-After when one is over). */
    rateLimit(limits: { key: string; max: number; windowSeconds: number }[]): Promise<void> {
      return limiter.hit(limits);
    },

    /** An agency admin's officers. */
    async listOfficers(admin: Principal) {
      const rows = await repo.findStaffOfAgency(db, admin.agencyCode ?? '');
      return rows.map((r) => ({
        id: r.id,
        username: r.username,
        displayName: r.display_name,
        role: r.role,
        status: r.status,
        phoneMasked: r.phone ? maskPhone(r.phone) : null,
        createdAt: r.created_at.toISOString(),
      }));
    },

    async createOfficer(
      admin: Principal,
      input: { username: string; displayName: string; phone: string; email?: string | undefined },
      ctx: ClientContext,
    ) {
      if (!admin.agencyCode) throw new AppError(403, 'forbidden', 'auth.forbidden');
      const taken = await repo.findAccountByUsername(db, input.username.toLowerCase());
      if (taken)
        throw new AppError(409, 'username_taken', 'auth.usernameTaken', {}, [
          {
            in: 'body',
            field: 'username',
            code: 'auth.username_taken',
            message: translator.t(ctx.language, 'auth.usernameTaken'),
          },
        ]);
      const account = await db.transaction().execute(async (trx) => {
        const created = await createAccountWithIssuedPassword(
          trx,
          {
            role: 'officer',
            username: input.username,
            displayName: input.displayName,
            agencyCode: admin.agencyCode,
            phone: input.phone,
            email: input.email ?? null,
            createdBy: admin.accountId,
            language: ctx.language,
          },
          ctx,
        );
        await audit(trx, ctx, await getAccountIn(trx, admin.accountId), 'staff.officer.created', {
          officer: created.id,
        });
        return created;
      });
      return {
        id: account.id,
        username: account.username,
        displayName: account.display_name,
        role: account.role,
        status: account.status,
      };
    },

    /** Disables an officer of the admin's own agency (another agency's: 404) and ends their sessions. */
    async setOfficerStatus(
      admin: Principal,
      officerId: string,
      status: 'active' | 'disabled',
      ctx: ClientContext,
    ) {
      const officer = /^\d{1,18}$/.test(officerId) ? await repo.findAccountById(db, officerId) : undefined;
      if (!officer || officer.agency_code !== admin.agencyCode || officer.role !== 'officer')
        throw new AppError(404, 'not_found', 'notFound');
      await db.transaction().execute(async (trx) => {
        await repo.updateAccount(trx, officer.id, { status });
        if (status === 'disabled')
          sessions.forget(await repo.endSessionsOfAccount(trx, officer.id, 'account_disabled'));
        await audit(
          trx,
          ctx,
          await getAccountIn(trx, admin.accountId),
          `staff.officer.${status === 'disabled' ? 'disabled' : 'enabled'}`,
          {
            officer: officer.id,
          },
        );
      });
    },

    async auditOtpFailure(challengeId: string, ctx: ClientContext) {
      const row = await db
        .selectFrom('otp_challenges')
        .select('account_id')
        .where('id', '=', challengeId)
        .executeTakeFirst();
      const account = row?.account_id ? await repo.findAccountById(db, row.account_id) : undefined;
      await audit(db, ctx, account ?? null, 'auth.otp.failed', { challenge: challengeId });
    },
  };

  function sessionEnded(reason: SessionEndReason) {
    return new AppError(401, 'session_ended', `auth.sessionEnded.${reason}`, {}, [], { reason });
  }

  async function getAccountIn(trx: Kysely<Database>, id: string): Promise<AccountRow> {
    const account = await repo.findAccountById(trx, id);
    if (!account) throw new AppError(401, 'unauthenticated', 'auth.unauthenticated');
    return account;
  }
}
