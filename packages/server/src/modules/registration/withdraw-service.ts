import type { Kysely } from 'kysely';
import { normalizeForSearch } from '@vssid/domain';
import type { CallContext } from '../../context';
import type { Database } from '../../db/schema';
import { AppError } from '../../http/problem';
import type { Translator } from '../../i18n';
import { auditService } from '../audit/service';
import type { AuthService } from '../auth/service';
import { enqueueMessage } from '../outbox/service';
import { appendAction } from './dossiers';
import { dataMismatch, fieldProblem } from './field-problem';
import { dossierContact } from './contact';
import { findDossierById, findOpenDossier, findPerson, findWithdrawalByChallenge } from './repository';

/**
 * Withdrawing a pending dossier (issue 20, item 1): the way out of "đang có hồ sơ … chờ xử lý".
 * The person has no account yet, so they name the dossier's person (BHXH code and full name, what
 * the submission itself asks) and prove the dossier's phone with an OTP sent there through the
 * outbox (for a child's dossier: the guardian's phone). The `withdraw` action closes the dossier
 * (status `withdrawn`), which frees the person to file again. Asking is limited per person and per
 * address; checking, like every OTP, per address and by the challenge's attempts. Confirming twice
 * with the same challenge answers the same (idempotent).
 */

/** Withdrawal OTP requests: per BHXH code and per client address, per hour. */
const LIMITS = { perPerson: { max: 5, windowSeconds: 3600 }, perIp: { max: 20, windowSeconds: 3600 } };

export function createWithdrawService(deps: {
  db: Kysely<Database>;
  translator: Translator;
  auth: AuthService;
}) {
  const { db, translator, auth } = deps;
  const noPending = (ctx: CallContext) =>
    fieldProblem(translator, ctx.language, {
      status: 404,
      code: 'no_pending_dossier',
      key: 'registration.noPendingDossier',
      field: 'bhxhCode',
      fieldCode: 'no_pending_dossier',
    });

  return {
    /**
     * Step one: an OTP to the phone on record (issue #22 item 1). An unknown person or another
     * name: the registration's one 422 `data_mismatch`. A matched person gets the same answer whether a dossier is pending or not (the
     * caller has proved only the code and the name): the challenge then names the dossier or
     * nothing, and step two, once the OTP proves the phone, withdraws it or answers 404.
     */
    async start(ctx: CallContext, input: { bhxhCode: string; fullName: string }) {
      await auth.rateLimit([
        { key: `withdraw:code:${input.bhxhCode}`, ...LIMITS.perPerson },
        { key: `withdraw:ip:${ctx.client.ip}`, ...LIMITS.perIp },
      ]);
      const person = await findPerson(db, input.bhxhCode);
      // The same answer for an unknown code and another name (nothing revealed).
      if (!person || normalizeForSearch(person.full_name) !== normalizeForSearch(input.fullName))
        throw dataMismatch(translator, ctx.language);
      const open = await findOpenDossier(db, input.bhxhCode);
      // ASSUMPTION: the OTP goes to the phone on record with BHXH (`persons`; a child's: its
      // guardian's), the same whether a dossier is pending or not, not to the phone declared in
      // a dossier (which would differ only when there is one). Without one: 409, which depends on
      // the person only.
      const guardian = person.guardian_bhxh_code
        ? await findPerson(db, person.guardian_bhxh_code)
        : undefined;
      const phone = (person.guardian_bhxh_code ? guardian?.phone : person.phone)?.trim();
      if (!phone)
        throw fieldProblem(translator, ctx.language, {
          status: 409,
          code: 'no_otp_destination',
          key: 'registration.withdrawNoPhone',
          field: 'bhxhCode',
          fieldCode: 'no_otp_destination',
        });
      const sent = await db.transaction().execute(async (trx) => {
        await auditService.record(trx, {
          actor_type: 'anonymous',
          actor_id: null,
          subject_bhxh_code: person.bhxh_code,
          action: 'registration.withdrawal_requested',
          target_type: open ? 'dossier' : 'person',
          target_id: open ? open.number : person.bhxh_code,
          purpose: null,
          ip: ctx.client.ip,
          request_id: ctx.requestId,
          details: {},
        });
        return auth.sendPhoneOtp(trx, {
          purpose: 'dossier_withdrawal',
          phone,
          binding: open ? `dossier:${open.id}` : `person:${person.bhxh_code}`,
          context: open ? { bhxhCode: open.bhxh_code, dossierId: open.id } : { bhxhCode: person.bhxh_code },
          language: ctx.language,
        });
      });
      return {
        challengeId: sent.challengeId,
        destination: sent.destination ?? '',
        expiresAt: sent.expiresAt.toISOString(),
        resendAt: sent.resendAt.toISOString(),
      };
    },

    /**
     * Step two: the code withdraws the dossier the challenge was made for, in one transaction with
     * its log entry, an SMS saying so and the audit entry. A replay of a confirmed challenge finds
     * the withdrawal it made and answers the same.
     */
    async confirm(ctx: CallContext, input: { bhxhCode: string; challengeId: string; code: string }) {
      try {
        return await auth.withPhoneOtp(
          { challengeId: input.challengeId, code: input.code, purpose: 'dossier_withdrawal' },
          { ip: ctx.client.ip },
          async (trx, context) => {
            const dossierId = typeof context.dossierId === 'string' ? context.dossierId : '';
            // A challenge made for a person with nothing pending names no dossier (see `start`).
            if (context.bhxhCode !== input.bhxhCode || !dossierId) throw noPending(ctx);
            const dossier = await findDossierById(trx, input.bhxhCode, dossierId);
            if (!dossier) throw noPending(ctx);
            const { dossier: withdrawn, action } = await appendAction(
              trx,
              dossier,
              'withdraw',
              { type: 'citizen', id: null },
              { details: { challengeId: input.challengeId, ip: ctx.client.ip, language: ctx.language } },
            );
            const contact = await dossierContact(trx, withdrawn);
            if (contact.phone)
              await enqueueMessage(trx, {
                idempotency_key: `dossier-withdrawn:${withdrawn.number}:sms`,
                channel: 'sms',
                recipient: contact.phone,
                template: 'registration.withdrawn',
                language: contact.language,
                payload: {
                  text: translator.t(contact.language, 'messages:registration.sms.withdrawn', {
                    number: withdrawn.number,
                  }),
                },
              });
            await auditService.record(trx, {
              actor_type: 'anonymous',
              actor_id: null,
              subject_bhxh_code: withdrawn.bhxh_code,
              action: 'registration.withdrawn',
              target_type: 'dossier',
              target_id: withdrawn.number,
              purpose: null,
              ip: ctx.client.ip,
              request_id: ctx.requestId,
              details: { seq: action.seq },
            });
            return { number: withdrawn.number, status: withdrawn.status };
          },
        );
      } catch (error) {
        if (error instanceof AppError && error.code === 'otp_expired') {
          const done = await findWithdrawalByChallenge(db, input.bhxhCode, input.challengeId);
          const dossier = done ? await findDossierById(db, done.bhxh_code, done.dossier_id) : undefined;
          if (dossier) return { number: dossier.number, status: dossier.status };
        }
        throw error;
      }
    },
  };
}

export type WithdrawService = ReturnType<typeof createWithdrawService>;
