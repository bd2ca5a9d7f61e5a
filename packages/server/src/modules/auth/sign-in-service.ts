import type { CallContext } from '../../context';
import type { OtpPurpose } from '../../db/schema-auth';
import { AppError } from '../../http/problem';
import { type AuthCore, deviceOf } from './core';
import { type IssuedSession, isStaff, passwordMatches, type SignInOutcome } from './credentials';
import type { OtpService } from './otp-service';
import { bitsAfter, cappedUntilWindowEnd, requireProof, SIGN_IN_PROTECTION } from './protection';
import { windowStartOf } from './rate-limit';
import * as repo from './repository';
import type { SessionService } from './session-service';

const invalidCredentials = () => new AppError(401, 'invalid_credentials', 'auth.invalidCredentials');

/**
 * Signing in with a password (issue "Sign-in" §1–3, issue #22 item 2): a per-address limit, then
 * the sign-in protection (protection.ts: a growing proof of work after failures and a hard cap
 * per hour, the same for known and unknown user names, none of it triggered against a device the
 * owner used before), and an OTP on a device the citizen has not used and for every staff
 * sign-in. There is no lockout: a stranger's wrong passwords never keep the owner out.
 */
export function createSignInService(core: AuthCore, otp: OtpService, sessions: SessionService) {
  const { db, deps, limiter, challenges } = core;
  const P = SIGN_IN_PROTECTION;

  return {
    /**
     * A sign-in whose inputs the contract refused (a NUL, broken Unicode, a missing field): still
     * a failed sign-in in the audit, under the caller's address (issue #22 item 4).
     */
    async auditInvalidSignIn(ctx: CallContext): Promise<void> {
      await core.audit(db, ctx, null, 'auth.sign_in.failed', { reason: 'invalid_input' });
    },

    /** Step one of signing in: the password. A new device (citizen) or any staff sign-in then needs an OTP. */
    async signIn(
      ctx: CallContext,
      input: {
        username: string;
        password: string;
        challengeId?: string | undefined;
        nonce?: string | undefined;
      },
    ): Promise<SignInOutcome> {
      const device = deviceOf(ctx);
      const username = input.username.trim().toLowerCase();
      const ipLimit = { key: `signin:ip:${ctx.client.ip}`, max: deps.signInPerIp ?? 30, windowSeconds: 600 };
      const keys = {
        user: `signin:fail:user:${username}`,
        ip: `signin:fail:ip:${ctx.client.ip}`,
        device: `signin:fail:device:${username}:${device.id}`,
      };
      // The attempt is counted, the failures of this hour read and the account read in one statement.
      const now = Date.now();
      const hour = windowStartOf(P.windowSeconds, now);
      const found = await repo.findAccountForSignIn(
        db,
        username,
        device.id,
        { keys: [ipLimit.key], windowStart: windowStartOf(ipLimit.windowSeconds, now) },
        { keys: Object.values(keys), windowStart: hour },
      );
      const account = found.account;
      const failures = (key: string) => found.failures.get(key) ?? 0;
      // A device that signed in to this account before: only its own failures count against it
      // (not the address's attempts either: a stranger behind the same NAT does not slow it).
      const knownDevice = account?.device_trusted === true;
      if (!knownDevice) await limiter.judge([ipLimit], found.counts, now);
      if (knownDevice) {
        if (failures(keys.device) >= P.capPerKnownDevice)
          throw cappedUntilWindowEnd(hour, P.windowSeconds, now);
      } else {
        if (failures(keys.user) >= P.capPerAccount) throw cappedUntilWindowEnd(hour, P.windowSeconds, now);
        const bits = Math.max(
          bitsAfter(failures(keys.user), P.freePerAccount, deps.powBits ?? 0),
          bitsAfter(failures(keys.ip), P.freePerIp, deps.powBits ?? 0),
        );
        await requireProof(challenges, input, bits);
      }
      // Unknown names are checked against a dummy hash: the same time as a wrong password.
      const valid = await passwordMatches(account?.password_hash ?? core.dummyHash, input.password);
      if (!account || !valid) {
        await db.transaction().execute(async (trx) => {
          await repo.hitCounters(trx, knownDevice ? [keys.device] : [keys.user, keys.ip], hour);
          await core.audit(
            trx,
            ctx,
            account ?? null,
            'auth.sign_in.failed',
            account
              ? { reason: 'wrong_password' }
              : { reason: 'unknown_account', username: username.slice(0, 64) },
          );
        });
        throw invalidCredentials();
      }
      if (account.status !== 'active') {
        await core.audit(db, ctx, account, 'auth.sign_in.refused', { reason: 'disabled' });
        throw new AppError(403, 'account_disabled', 'auth.accountDisabled');
      }

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
