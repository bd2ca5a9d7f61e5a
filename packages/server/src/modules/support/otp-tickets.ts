import type { OtpTicketSent, Ticket } from '@vssid/domain/api/support';
import type { Kysely } from 'kysely';
import type { CallContext } from '../../context';
import type { Database } from '../../db/schema';
import { AppError } from '../../http/problem';
import type { Translator } from '../../i18n';
import { auditService } from '../audit/service';
import type { AuthService } from '../auth/service';
import type { TicketFiles } from './attachments';
import { findPersonByPhone, findPersonContact, findTicketByChallenge } from './repository';
import type { SupportService, TicketOpening } from './service';

/**
 * A ticket opened by someone not signed in (issue 25): they name the person by BHXH code or by
 * the phone on record, behind the look-up's proof of work, and prove that phone with an OTP
 * (the auth module's phone OTP, purpose `support_ticket`, with its caps: attempts per challenge,
 * guesses per hour, sends, per-address checks).
 *
 * No account-existence oracle: step one does the same work and gives the same 202 for a code or
 * phone on record and for one that is not (a challenge is made either way; for nobody, no SMS
 * goes and no code can match), and step two's wrong-code answers are those of any challenge.
 *
 * Design of the follow-up (the simplest that holds): no bearer token. Step two opens the ticket
 * for the person on record, routed as a signed-in person's ticket; an SMS to the phone on record
 * confirms its number, each officer answer also goes by SMS, and the ticket is among the person's
 * own once they sign in (reply, close, rate). A retried step two with the same challenge answers
 * the ticket it opened.
 */

/** Step one: per code or phone and per client address, per hour (as a withdrawal's OTP). */
const LIMITS = { perSubject: { max: 5, windowSeconds: 3600 }, perIp: { max: 20, windowSeconds: 3600 } };

export function createOtpTickets(deps: {
  db: Kysely<Database>;
  auth: Pick<AuthService, 'sendPhoneOtp' | 'withPhoneOtp' | 'rateLimit'>;
  support: SupportService;
  files: TicketFiles;
  translator: Translator;
  /** The BHXH-code look-up's gate (lookup `verifyProof`): a solved challenge and the per-IP limit. */
  proof: (ctx: CallContext, challengeId: string, nonce: string) => Promise<void>;
}) {
  const { db, auth, support, files } = deps;

  return {
    async start(
      ctx: CallContext,
      input: {
        bhxhCode?: string | undefined;
        phone?: string | undefined;
        challengeId: string;
        nonce: string;
      },
    ): Promise<OtpTicketSent> {
      if (!input.bhxhCode === !input.phone)
        throw new AppError(400, 'validation_failed', 'validation', {}, [
          {
            in: 'body',
            field: 'bhxhCode',
            code: 'one_of',
            message: deps.translator.t(ctx.language, 'support.codeOrPhone'),
          },
        ]);
      await deps.proof(ctx, input.challengeId, input.nonce);
      const subject = input.bhxhCode ? `code:${input.bhxhCode}` : `phone:${input.phone ?? ''}`;
      await auth.rateLimit([
        { key: `support-otp:${subject}`, ...LIMITS.perSubject },
        { key: `support-otp:ip:${ctx.client.ip}`, ...LIMITS.perIp },
      ]);
      // One read either way; the phone on record is where the code goes (a code typed names the person).
      const person = input.bhxhCode
        ? await findPersonContact(db, input.bhxhCode)
        : await findPersonByPhone(db, input.phone ?? '');
      const phone = person?.phone?.trim() || null;
      const sent = await db.transaction().execute(async (trx) => {
        if (person && phone)
          await auditService.record(trx, {
            actor_type: 'anonymous',
            actor_id: null,
            subject_bhxh_code: person.bhxh_code,
            action: 'support.ticket.otp_requested',
            target_type: 'person',
            target_id: person.bhxh_code,
            purpose: null,
            ip: ctx.client.ip,
            request_id: ctx.requestId,
            details: {},
          });
        return auth.sendPhoneOtp(trx, {
          purpose: 'support_ticket',
          phone,
          binding: `support:${subject}`,
          context: person && phone ? { bhxhCode: person.bhxh_code } : {},
          language: ctx.language,
        });
      });
      return {
        challengeId: sent.challengeId,
        expiresAt: sent.expiresAt.toISOString(),
        resendAt: sent.resendAt.toISOString(),
      };
    },

    /**
     * Step two: the code opens the ticket for the person on record, with its files and the SMS
     * confirming its number, in one transaction with the OTP's consumption. The files are checked
     * after the code (nothing is stored for a wrong one); a refused file leaves the code unused.
     */
    async confirm(
      ctx: CallContext,
      input: { challengeId: string; code: string } & Pick<TicketOpening, 'category' | 'text' | 'attachments'>,
    ): Promise<Ticket> {
      try {
        const ticket = await auth.withPhoneOtp(
          { challengeId: input.challengeId, code: input.code, purpose: 'support_ticket' },
          { ip: ctx.client.ip },
          async (trx, context) => {
            const bhxhCode = typeof context.bhxhCode === 'string' ? context.bhxhCode : '';
            // Unreachable for a challenge made for nobody (no code matches it); kept as a guard.
            if (!bhxhCode) throw new AppError(410, 'otp_expired', 'auth.otpExpired');
            const stored = await files.store(ctx, input.attachments, 0);
            const opened = await support.openFor(
              trx,
              bhxhCode,
              { category: input.category, text: input.text },
              stored,
              { openedBy: null, via: 'otp', challenge: input.challengeId, language: ctx.language },
              null,
            );
            await support.smsToPerson(trx, opened, `ticket:${opened.id}:opened:sms`, 'opened');
            return opened;
          },
        );
        return support.view(ticket);
      } catch (error) {
        if (error instanceof AppError && error.code === 'otp_expired') {
          const done = await findTicketByChallenge(db, input.challengeId);
          if (done) return support.view(done);
        }
        throw error;
      }
    },
  };
}
