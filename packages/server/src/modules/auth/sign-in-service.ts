import type { CallContext } from '../../context';
import type { OtpPurpose } from '../../db/schema-auth';
import { AppError } from '../../http/problem';
import { type AuthCore, deviceOf } from './core';
import {
  type IssuedSession,
  isStaff,
  LIMITS,
  LOCKOUT,
  passwordMatches,
  type SignInOutcome,
} from './credentials';
import type { OtpService } from './otp-service';
import { windowStartOf } from './rate-limit';
import * as repo from './repository';
import type { AccountRow } from './repository';
import type { SessionService } from './session-service';

const invalidCredentials = () => new AppError(401, 'invalid_credentials', 'auth.invalidCredentials');

function lockedError(until: Date) {
  const retryAfterSeconds = Math.max(1, Math.ceil((until.getTime() - Date.now()) / 1000));
  return new AppError(
    423,
    'account_locked',
    'auth.accountLocked',
    { minutes: Math.ceil(retryAfterSeconds / 60) },
    [],
    { retryAfterSeconds },
  );
}

/**
 * Signing in with a password (issue "Sign-in" §1–3): limits per address and account, a growing
 * lockout after wrong passwords, and an OTP on a device the citizen has not used and for every
 * staff sign-in.
 */
export function createSignInService(core: AuthCore, otp: OtpService, sessions: SessionService) {
  const { db, deps, limiter } = core;

  async function lockoutAfterFailure(account: AccountRow, ctx: CallContext): Promise<AppError> {
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
      await core.audit(trx, ctx, account, lockedUntil ? 'auth.account.locked' : 'auth.sign_in.failed', {
        reason: 'wrong_password',
        ...(lockedUntil ? { lockedUntil: lockedUntil.toISOString() } : {}),
      });
    });
    return lockedUntil ? lockedError(lockedUntil) : invalidCredentials();
  }

  return {
    /**
     * A sign-in whose inputs the contract refused (a NUL, broken Unicode, a missing field): still
     * a failed sign-in in the audit, under the caller's address (issue #22 item 4).
     */
    async auditInvalidSignIn(ctx: CallContext): Promise<void> {
      await core.audit(db, ctx, null, 'auth.sign_in.failed', { reason: 'invalid_input' });
    },

    /** Step one of signing in: the password. A new device (citizen) or any staff sign-in then needs an OTP. */
    async signIn(ctx: CallContext, input: { username: string; password: string }): Promise<SignInOutcome> {
      const device = deviceOf(ctx);
      const username = input.username.trim().toLowerCase();
      const limits = [
        { key: `signin:ip:${ctx.client.ip}`, max: deps.signInPerIp ?? 30, windowSeconds: 600 },
        { key: `signin:user:${username}`, ...LIMITS.signInPerAccount },
      ];
      // The attempt is counted and the account read in one statement (both limits count in the
      // same 10-minute window).
      const now = Date.now();
      const found = await repo.findAccountForSignIn(db, username, device.id, {
        keys: limits.map((l) => l.key),
        windowStart: windowStartOf(LIMITS.signInPerAccount.windowSeconds, now),
      });
      await limiter.judge(limits, found.counts, now);
      const account = found.account;
      const valid = await passwordMatches(account?.password_hash ?? core.dummyHash, input.password);
      if (!account) {
        await core.audit(db, ctx, null, 'auth.sign_in.failed', {
          reason: 'unknown_account',
          username: username.slice(0, 64),
        });
        throw invalidCredentials();
      }
      if (account.locked_until && account.locked_until.getTime() > Date.now()) {
        await core.audit(db, ctx, account, 'auth.sign_in.refused', { reason: 'locked' });
        throw lockedError(account.locked_until);
      }
      if (!valid) throw await lockoutAfterFailure(account, ctx);
      if (account.status === 'disabled') {
        await core.audit(db, ctx, account, 'auth.sign_in.refused', { reason: 'disabled' });
        throw new AppError(403, 'account_disabled', 'auth.accountDisabled');
      }
      if (account.failed_attempts > 0 || account.locked_until)
        await repo.updateAccount(db, account.id, { failed_attempts: 0, locked_until: null });

      const staff = isStaff(account.role);
      const trusted = !staff && account.device_trusted;
      if (trusted) {
        // One statement, atomic by itself: no transaction round trips around it.
        const opened = await sessions.openSession(db, account, 'password', ctx);
        return { status: 'signed_in', session: await sessions.issueSession(opened) };
      }
      const purpose: OtpPurpose = staff ? 'staff_sign_in' : 'new_device';
      const channel = account.phone ? 'sms' : 'email';
      if (!account.phone && !account.email)
        throw new AppError(409, 'no_otp_destination', 'auth.noOtpDestination');
      const sent = await db.transaction().execute(async (trx) => {
        await repo.upsertDevice(trx, { account_id: account.id, id: device.id, label: device.label });
        await core.audit(trx, ctx, account, 'auth.otp.sent', { purpose });
        return otp.sendOtp(trx, account, purpose, channel, { deviceId: device.id }, ctx.language);
      });
      return { status: 'otp_required', reason: staff ? 'staff_second_factor' : 'new_device', ...sent };
    },

    /** Step two: the OTP sent at sign-in, from the same device. */
    async completeSignIn(
      ctx: CallContext,
      input: { challengeId: string; code: string },
    ): Promise<IssuedSession> {
      await limiter.hit([{ key: `otp:ip:${ctx.client.ip}`, max: 60, windowSeconds: 600 }]);
      const opened = await otp.withOtp(
        input.challengeId,
        input.code,
        ['new_device', 'staff_sign_in'],
        async (trx, row) => {
          if (row.context.deviceId !== ctx.client.deviceId)
            throw new AppError(410, 'otp_expired', 'auth.otpExpired');
          const account = await repo.findAccountById(trx, row.account_id ?? '');
          if (!account || account.status !== 'active')
            throw new AppError(403, 'account_disabled', 'auth.accountDisabled');
          return sessions.openSession(trx, account, 'otp', ctx);
        },
      );
      return sessions.issueSession(opened);
    },
  };
}
