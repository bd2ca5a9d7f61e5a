import { randomBytes } from 'node:crypto';
import { type AuditAction, checkPasswordPolicy } from '@vssid/domain';
import type { Language } from '@vssid/domain/i18n';
import type { Kysely } from 'kysely';
import { type CallContext, signedIn } from '../../context';
import type { Database } from '../../db/schema';
import { AppError } from '../../http/problem';
import { enqueueMessage } from '../outbox/service';
import type { AuditOrigin, AuthCore } from './core';
import {
  generateInitialPassword,
  hashPassword,
  hashRefreshToken,
  LIMITS,
  type IssuedSession,
  type OpenedSession,
  type OtpSent,
  passwordMatches,
  principalFor,
} from './credentials';
import type { Role } from './guard';
import type { OtpService } from './otp-service';
import { bitsAfter, requireProof, SIGN_IN_PROTECTION } from './protection';
import { windowStartOf } from './rate-limit';
import * as repo from './repository';
import type { AccountRow } from './repository';
import type { SessionService } from './session-service';
import { ACCESS_TOKEN_SECONDS } from './tokens';

/**
 * An account to create with an issued password (an approved registration, an admin's officer).
 * @public named by the auth service's declarations (tsc's declaration output needs the export).
 */
export interface NewAccount {
  role: Role;
  username: string;
  displayName: string;
  bhxhCode?: string | null;
  agencyCode?: string | null;
  unitCode?: string | null;
  /** Employer users: the unit's admin rather than unit staff (issue #27). */
  unitAdmin?: boolean;
  clinicCode?: string | null;
  phone: string | null;
  email?: string | null;
  createdBy?: string | null;
  language?: Language;
}

/**
 * Passwords (issue "Sign-in" §7–8): issued ones sent by SMS with a new account and replaced at the
 * first sign-in, changed with the current password and an OTP, reset with an OTP. A new password
 * follows the policy and ends the other sessions.
 */
export function createPasswordService(core: AuthCore, otp: OtpService, sessions: SessionService) {
  const { db, translator, limiter } = core;

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
    ctx: CallContext,
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
    core.sessions.forget(ended);
    await core.audit(trx, ctx, account, action, { endedSessions: ended.length });
  }

  /** Creates an account with an issued password, sent by SMS (the one message allowed to carry a password). */
  async function createAccountWithIssuedPassword(
    trx: Kysely<Database>,
    input: NewAccount,
    origin: AuditOrigin,
  ): Promise<AccountRow> {
    const password = generateInitialPassword();
    const account = await repo.insertAccount(trx, {
      role: input.role,
      username: input.username.toLowerCase(),
      display_name: input.displayName,
      bhxh_code: input.bhxhCode ?? null,
      agency_code: input.agencyCode ?? null,
      unit_code: input.unitCode ?? null,
      unit_admin: input.unitAdmin ?? false,
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
    await core.audit(trx, origin, account, 'auth.account.created', {
      role: input.role,
      createdBy: input.createdBy ?? null,
    });
    return account;
  }

  return {
    createAccountWithIssuedPassword,

    /** First sign-in with an issued password: choose one's own (no OTP: the session just proved the phone). */
    async setInitialPassword(ctx: CallContext, newPassword: string): Promise<IssuedSession> {
      const principal = signedIn(ctx);
      const account = await core.getAccount(principal.accountId);
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
        const updated = await core.getAccountIn(trx, account.id);
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
      return sessions.issueSession(opened);
    },

    /** Password change, step one: the current password; an OTP goes to the phone. */
    async startPasswordChange(ctx: CallContext, currentPassword: string): Promise<OtpSent> {
      const principal = signedIn(ctx);
      const account = await core.getAccount(principal.accountId);
      await limiter.hit([{ key: `pwchange:${account.id}`, max: 10, windowSeconds: 3600 }]);
      if (!(await passwordMatches(account.password_hash, currentPassword))) {
        await core.audit(db, ctx, account, 'auth.password.change_refused', {
          reason: 'wrong_current_password',
        });
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
          otp.sendOtp(
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
      ctx: CallContext,
      input: { challengeId: string; code: string; newPassword: string },
    ): Promise<void> {
      const principal = signedIn(ctx);
      const account = await core.getAccount(principal.accountId);
      const policy = await policyCheck(account, input.newPassword);
      if (policy) throw policy(ctx.language);
      const passwordHash = await hashPassword(input.newPassword);
      await otp.withOtp(input.challengeId, input.code, ['password_change'], async (trx, row) => {
        if (row.account_id !== account.id) throw new AppError(410, 'otp_expired', 'auth.otpExpired');
        await changePasswordIn(trx, account, passwordHash, ctx, principal.sessionId, 'auth.password.changed');
      });
    },

    /** Forgotten password, step one: an OTP to the registered phone or email; the same answer whether or not the account exists. */
    async startPasswordReset(
      ctx: CallContext,
      input: {
        username: string;
        channel: 'sms' | 'email';
        challengeId?: string | undefined;
        nonce?: string | undefined;
      },
    ): Promise<OtpSent> {
      const username = input.username.trim().toLowerCase();
      // Past a few requests for one user name in the hour, each needs a proof of work (the same
      // for known and unknown names; README "Sign-in protection"); the hourly cap still holds.
      const userKey = `reset:user:${username}`;
      const hour = windowStartOf(LIMITS.resetPerAccount.windowSeconds, Date.now());
      const requested = (await repo.readCounters(db, [userKey], hour)).get(userKey) ?? 0;
      if (requested < LIMITS.resetPerAccount.max)
        await requireProof(
          core.challenges,
          input,
          bitsAfter(requested, SIGN_IN_PROTECTION.freeResetsPerAccount, core.deps.powBits ?? 0),
        );
      await limiter.hit([
        { key: `reset:ip:${ctx.client.ip}`, ...LIMITS.resetPerIp },
        { key: userKey, ...LIMITS.resetPerAccount },
      ]);
      const account = (await repo.findAccountByUsername(db, username)) ?? null;
      const usable = account && account.status === 'active' ? account : null;
      const sent = await db.transaction().execute(async (trx) => {
        await core.audit(trx, ctx, usable, 'auth.password.reset_requested', {
          channel: input.channel,
          known: !!usable,
        });
        return otp.sendOtp(trx, usable, 'password_reset', input.channel, {}, ctx.language);
      });
      return { ...sent, destination: null };
    },

    /** Forgotten password, step two: OTP and a new password chosen by the person; every session ends. */
    async completePasswordReset(
      ctx: CallContext,
      input: { challengeId: string; code: string; newPassword: string },
    ): Promise<void> {
      await limiter.hit([{ key: `otp:ip:${ctx.client.ip}`, max: 60, windowSeconds: 600 }]);
      const passwordHash = await hashPassword(input.newPassword);
      await otp.withOtp(input.challengeId, input.code, ['password_reset'], async (trx, row) => {
        const account = await core.getAccountIn(trx, row.account_id ?? '');
        const policy = await policyCheck(account, input.newPassword, trx);
        if (policy) throw policy(ctx.language);
        await changePasswordIn(trx, account, passwordHash, ctx, null, 'auth.password.reset');
      });
    },
  };
}
