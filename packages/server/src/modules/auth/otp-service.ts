import { randomBytes, randomInt, randomUUID, timingSafeEqual } from 'node:crypto';
import type { Language } from '@vssid/domain/i18n';
import type { Kysely } from 'kysely';
import type { CallContext } from '../../context';
import type { Database } from '../../db/schema';
import type { OtpPurpose } from '../../db/schema-auth';
import { AppError } from '../../http/problem';
import { enqueueMessage } from '../outbox/service';
import type { AuthCore } from './core';
import {
  isPhoneOtp,
  maskEmail,
  maskPhone,
  OTP,
  otpHash,
  type OtpSent,
  type PhoneOtpPurpose,
} from './credentials';
import { windowStartOf } from './rate-limit';
import * as repo from './repository';
import type { AccountRow } from './repository';

/**
 * One-time codes (issue "Sign-in" §3): sent through the outbox by SMS or email, checked with
 * counted attempts, resent after a cooldown; and the phone OTPs of people without an account
 * (withdrawing a registration dossier).
 */
export function createOtpService(core: AuthCore) {
  const { db, translator, limiter } = core;

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
    // The hourly cap per account and purpose (#22 item 3), counted in `trx`: committed with the
    // attempt, whether the code is right or wrong.
    const now = Date.now();
    const binding = row.context.binding;
    const subject = row.account_id ?? (typeof binding === 'string' ? binding : row.id);
    const key = `otp:guesses:${row.purpose}:${subject}`;
    const windowStart = windowStartOf(3600, now);
    const guesses = (await repo.hitCounters(trx, [key], windowStart)).get(key) ?? 0;
    if (guesses > OTP.maxGuessesPerHour) {
      const retryAfterSeconds = Math.max(1, Math.ceil((windowStart.getTime() + 3_600_000 - now) / 1000));
      return {
        ok: false,
        error: new AppError(429, 'otp_attempts_exceeded', 'auth.otpAttemptsExceeded', {}, [], {
          retryAfterSeconds,
        }),
      };
    }
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

  /** The calls other parts and modules make (the service's own `sendOtp` and `withOtp` stay inside auth). */
  const calls = {
    /** A new code for a live challenge, after the cooldown, at most 5 sends. */
    async resendOtp(ctx: CallContext, challengeId: string): Promise<OtpSent> {
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
          // The attempts are not reset (#22 item 3): a resend gives a new code, not new guesses.
          sends,
        });
        if (recipient)
          await enqueueOtp(trx, row.id, sends, recipient, row.channel, row.purpose, code, ctx.language);
        return {
          challengeId: row.id,
          // A reset and a ticket opened without signing in tell nothing of who is on record (#22, #25).
          destination:
            row.purpose === 'password_reset' || row.purpose === 'support_ticket' || !row.destination
              ? null
              : row.destination,
          expiresAt,
          resendAt,
        } satisfies OtpSent;
      });
      if (outcome instanceof AppError) throw outcome;
      return outcome;
    },

    /**
     * An OTP by SMS to a phone that belongs to no account (withdrawing a registration dossier),
     * in the caller's transaction `trx` (the outbox message commits with the caller's change).
     * `context` says what the challenge allows; the phone is kept in it for a resend. `binding`
     * names what it acts on (a dossier): a new challenge supersedes the live ones of that binding.
     * `phone` null (nobody on record: a ticket opened without signing in, issue 25): the challenge
     * is made all the same, but no code is sent and none can match it, so the caller's answer is
     * the same as for someone on record.
     */
    async sendPhoneOtp(
      trx: Kysely<Database>,
      input: {
        purpose: PhoneOtpPurpose;
        phone: string | null;
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
        destination: input.phone ? maskPhone(input.phone) : null,
        expiresAt: new Date(now + OTP.lifetimeSeconds * 1000),
        resendAt: new Date(now + OTP.resendSeconds * 1000),
      };
      await repo.insertOtp(trx, {
        id,
        account_id: null,
        purpose: input.purpose,
        code_hash: input.phone ? otpHash(id, code) : randomBytes(32),
        channel: 'sms',
        destination: sent.destination ?? '',
        context: {
          ...input.context,
          binding: input.binding,
          ...(input.phone ? { recipient: input.phone } : {}),
        },
        expires_at: sent.expiresAt,
        resend_available_at: sent.resendAt,
      });
      if (input.phone) await enqueueOtp(trx, id, 1, input.phone, 'sms', input.purpose, code, input.language);
      return sent;
    },

    /**
     * Checks the code of a phone OTP (`sendPhoneOtp`) and runs `work` with the challenge's context
     * in the same transaction; a wrong code is counted (and committed) and thrown. Per-IP limited
     * like every OTP check (`client`: the caller's `CallContext.client`).
     */
    async withPhoneOtp<T>(
      input: { challengeId: string; code: string; purpose: PhoneOtpPurpose },
      client: Pick<CallContext['client'], 'ip'>,
      work: (trx: Kysely<Database>, context: Record<string, unknown>) => Promise<T>,
    ): Promise<T> {
      await limiter.hit([{ key: `otp:ip:${client.ip}`, max: 60, windowSeconds: 600 }]);
      return withOtp(input.challengeId, input.code, [input.purpose], (trx, row) => work(trx, row.context));
    },

    /** The audit entry of a wrong or expired code given at sign-in. */
    async auditOtpFailure(ctx: CallContext, challengeId: string) {
      const accountId = await repo.findOtpAccountId(db, challengeId);
      const account = accountId ? await repo.findAccountById(db, accountId) : undefined;
      await core.audit(db, ctx, account ?? null, 'auth.otp.failed', { challenge: challengeId });
    },
  };

  return { sendOtp, withOtp, calls };
}

export type OtpService = ReturnType<typeof createOtpService>;
