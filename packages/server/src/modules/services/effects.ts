import type { Kysely } from 'kysely';
import { formatVnDate, vietnamToday } from '@vssid/domain';
import { isDeclarationType, nextPeriodStart } from '@vssid/domain/service-requests';
import type { Database } from '../../db/schema';
import { AppError } from '../../http/problem';
import type { AuditOrigin } from '../auth/core';
import type { AuthService } from '../auth/service';
import { applyDeclaration } from '../declarations/effects';
import { notify } from '../notifications/inbox-service';
import { grantSickPay, releaseClaim } from '../sick-pay/grant';
import {
  findOpenCitizenAccount,
  insertPaymentArrangement,
  setNextClinic,
  lockCurrentCard,
  markResultApplied,
  reissueCard,
  type RequestRow,
  updatePersonData,
} from './repository';

/**
 * The result of an approved request on the person's records, applied in the approval's
 * transaction and exactly once: `result_applied_at` is set by a guarded update (only while NULL),
 * and only the caller that set it writes the records. A retried or concurrent approval finds it
 * set (or is refused by the workflow before) and writes nothing.
 *
 * - BHYT card reissue: a new card row (same number and cover, issued today by the approving
 *   agency), the old one marked replaced by it; the card screen reads the current card, and its
 *   signed credential is issued for the new card id. Changed data are written to the person's
 *   record (the officer checked the evidence).
 * - Change of initial clinic: from the next period (`nextPeriodStart`, the first day of
 *   the next month): the card keeps its clinic until then and shows the new one "from dd/mm/yyyy".
 * - BHXH book reissue: nothing written here; its result is the electronic book notice (PDF),
 *   rendered from the approved request (`GET …/service-requests/:number/result`).
 * - Payment place or method: an arrangement effective from the first day of the next month
 *   (Vietnam time) — the payments from the next month on go to the new place or method, and the
 *   benefits history shows it per month. Assumption: the current month's payment is already
 *   prepared when the change is approved (the issue: "from the next month on").
 * - E-transaction information (Form 01): the new phone (confirmed by OTP at filing), email and
 *   address on the person's record and their account.
 * - Stop using e-transactions (Form 01): the account closed by the auth service (sessions ended,
 *   passkeys and VNeID link removed, the row and all records kept); the person may register again.
 * - Sick-pay claim (630a, issue #27): the allowance computed from the records as they are at
 *   approval, written as a sickness benefit in the worker's benefits history (`sick-pay/grant.ts`).
 */

/** What the e-transaction requests change of an account: the auth service's own calls. */
export type AccountEffects = Pick<AuthService, 'closeAccount' | 'changeAccountContact'>;
export async function applyResult(
  trx: Kysely<Database>,
  request: RequestRow,
  now: Date,
  accounts: AccountEffects,
  origin: AuditOrigin,
): Promise<{ applied: boolean; cardId?: string; amount?: number }> {
  if (!(await markResultApplied(trx, request, now))) return { applied: false };
  // A unit's declaration (issue #27): periods, card and the worker's message.
  if (isDeclarationType(request.type))
    return { applied: true, ...(await applyDeclaration(trx, request, now)) };
  const form = request.form;
  if (request.type === 'sick_pay_claim') {
    const granted = await grantSickPay(trx, request);
    return { applied: true, amount: granted.amount };
  }
  if (request.type === 'etx_info_change') {
    const contact = {
      ...(typeof form.phone === 'string' ? { phone: form.phone } : {}),
      ...(typeof form.email === 'string' ? { email: form.email } : {}),
    };
    await updatePersonData(trx, request.bhxh_code, {
      ...contact,
      ...(typeof form.addressLine === 'string' ? { address_line: form.addressLine } : {}),
    });
    const account = await findOpenCitizenAccount(trx, request.bhxh_code);
    if (account) await accounts.changeAccountContact(trx, origin, account.id, contact);
    return { applied: true };
  }
  if (request.type === 'pension_payment_change') {
    const bank = form.method === 'bank_account';
    await insertPaymentArrangement(trx, {
      bhxh_code: request.bhxh_code,
      effective_from: nextPeriodStart(vietnamToday(now)),
      method: bank ? 'bank_account' : 'cash_post_office',
      province_code: str(form.provinceCode),
      commune_code: str(form.communeCode),
      bank_name: bank ? str(form.bankName) : null,
      account_number: bank ? str(form.accountNumber) : null,
      request_number: request.number,
    });
    return { applied: true };
  }
  if (request.type === 'etx_stop') {
    const account = await findOpenCitizenAccount(trx, request.bhxh_code);
    if (account) await accounts.closeAccount(trx, origin, account.id, now);
    return { applied: true };
  }
  if (request.type === 'initial_clinic_change') {
    const card = await lockCurrentCard(trx, request.bhxh_code);
    if (!card) throw new AppError(409, 'no_card', 'services.noCard');
    await setNextClinic(trx, card, String(form.clinicCode), nextPeriodStart(vietnamToday(now)));
    return { applied: true, cardId: card.id };
  }
  if (request.type === 'bhyt_card_reissue') {
    const card = await lockCurrentCard(trx, request.bhxh_code);
    if (!card) throw new AppError(409, 'no_card', 'services.noCard');
    await updatePersonData(trx, request.bhxh_code, personChanges(form));
    const cardId = await reissueCard(trx, card, vietnamToday(now), request.agency_code);
    // The card's holder is told in their inbox (a guardian who filed hears of the request itself).
    await notify(
      trx,
      { bhxhCode: request.bhxh_code },
      {
        template: 'services.cardIssued',
        params: { card: card.card_number, issuedOn: formatVnDate(vietnamToday(now)) },
        idempotencyKey: `card-issued:${request.bhxh_code}:${cardId}`,
      },
    );
    return { applied: true, cardId };
  }
  return { applied: true };
}

function personChanges(form: Record<string, unknown>) {
  const c = (form.changes ?? {}) as Record<string, unknown>;
  const out: Parameters<typeof updatePersonData>[2] = {};
  if (typeof c.fullName === 'string') out.full_name = c.fullName;
  if (typeof c.dateOfBirth === 'string') {
    out.birth_date = c.dateOfBirth;
    out.birth_year = Number(c.dateOfBirth.slice(0, 4));
  }
  if (c.gender === 'male' || c.gender === 'female') out.gender = c.gender;
  if (typeof c.addressLine === 'string') out.address_line = c.addressLine;
  return out;
}

const str = (v: unknown): string | null => (typeof v === 'string' && v ? v : null);

/** A rejected or withdrawn request: what it held is let go (a claimed sick-leave certificate). */
export async function releaseResult(trx: Kysely<Database>, request: RequestRow): Promise<void> {
  if (request.type === 'sick_pay_claim') await releaseClaim(trx, request);
}
