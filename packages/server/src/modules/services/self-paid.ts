import type { Kysely } from 'kysely';
import {
  ageOn,
  benefitLevelOf,
  cardEndDate,
  CHILD_UNDER_SIX_OBJECT_CODE,
  dateOfBirthOf,
  type DomainError,
  householdCardPeriod,
  parameterAt,
  parseBhytCardNumber,
  quoteHousehold,
  quoteVoluntary,
  addMonthsToMonth,
  teCardEndDate,
} from '@vssid/domain';
import type { PaidServiceForm, ServiceQuote } from '@vssid/domain/api/services';
import { vietnamToday } from '@vssid/domain/vietnam-time';
import type { ServiceRequestStatus } from '@vssid/domain/service-requests';
import type { Language } from '@vssid/domain/i18n';
import type { Database } from '../../db/schema';
import type { Translator } from '../../i18n';
import { auditService } from '../audit/service';
import { notify } from '../notifications/inbox-service';
import type { PaymentPurpose, PaymentRow } from '../payments';
import { appendRequestAction } from './engine';
import { notifyStep } from './notify';
import { findRequestById, lockRequest, markResultApplied, type RequestRow } from './repository';
import {
  findFirstClinicOf,
  findLatestCards,
  findOpenRequestOfType,
  findPersonsByCodes,
  findVoluntaryHistory,
  hasCompulsoryPeriodIn,
  insertCard,
  insertParticipationPeriod,
} from './self-paid-repository';

/**
 * Voluntary BHXH (602e) and household BHYT (issue #26) on the request engine: the quote (the same
 * computation for the quote endpoint and the filing, from the domain functions and the parameter
 * table), the checks against the records, and the effect once the payment is credited.
 *
 * Checks ("registry check" of the issue, on our records, which the population registry fed):
 * - voluntary: the person is at least 15 (Luật BHXH 41/2024/QH15, Art. 2 §4: citizens from 15 not
 *   in compulsory BHXH) and has no compulsory BHXH period in the first month to be paid;
 * - household: every member is found by BHXH code or card number, with the same name and date of
 *   birth as the records; a member holding a card of another scheme in force is excluded with
 *   the reason (object code and end), as is one whose household card is already paid ahead, and
 *   a child under 6 (insured free by the state, object TE, whether or not a card is recorded);
 * - one open request of each type per person at a time (its payment covers the same months).
 */

/** Throws the caller's translated 4xx for a field (`fail(field, code, messageKey, status)`). */
export type Fail = (field: string, code: string, key: string, status?: number) => never;

const norm = (v: string) => v.normalize('NFC').trim().replace(/\s+/g, ' ').toLocaleLowerCase('vi');
const monthStart = (month: string) => `${month}-01`;

function failDomain(fail: Fail, error: DomainError, prefix: string): never {
  return fail(`${prefix}${error.field ?? 'type'}`, error.code.split('.')[1] ?? error.code, error.code, 422);
}

/** The quote of a paid service for `bhxhCode` on `today`, or a translated 4xx. */
export async function quoteFor(
  db: Kysely<Database>,
  bhxhCode: string,
  form: PaidServiceForm,
  today: string,
  fail: Fail,
  prefix = 'form.',
): Promise<ServiceQuote> {
  if (form.type === 'voluntary_si_register') {
    const person = (await findPersonsByCodes(db, [bhxhCode]))[0];
    if (!person) return fail(`${prefix}type`, 'not_found', 'notFound', 404);
    const age = ageOn(dateOfBirthOf(person), today);
    if (age === null || age.years < 15)
      return fail(`${prefix}type`, 'too_young', 'services.voluntaryTooYoung', 422);
    const history = await findVoluntaryHistory(db, bhxhCode);
    const thisMonth = today.slice(0, 7);
    const next = history.lastMonth ? addMonthsToMonth(history.lastMonth.slice(0, 7), 1) : thisMonth;
    const fromMonth = next > thisMonth ? next : thisMonth;
    if (await hasCompulsoryPeriodIn(db, bhxhCode, monthStart(fromMonth)))
      return fail(`${prefix}type`, 'compulsory', 'services.voluntaryCompulsory', 422);
    const q = quoteVoluntary({
      chosenIncome: form.chosenIncome,
      group: form.supportGroup,
      mode: form.mode,
      years: form.years,
      fromMonth,
      monthsSupportedSoFar: history.supportedMonths,
    });
    if (!q.ok) return failDomain(fail, q.error, prefix);
    const limit = parameterAt('voluntarySupport', `${fromMonth}-01`).maxMonths;
    return {
      type: form.type,
      amountVnd: q.value.totals.personPays,
      voluntary: {
        kind: history.periods > 0 ? 'continue' : 'register',
        ...q.value,
        supportMonthsLeft: limit === null ? null : Math.max(0, limit - history.supportedMonths),
      },
      household: null,
    };
  }

  // Household BHYT: find every member, check them, then the ladder over those who pay.
  const codes: string[] = [];
  for (const [i, m] of form.members.entries()) {
    let code = m.bhxhCode;
    if (m.cardNumber !== undefined) {
      const parsed = parseBhytCardNumber(m.cardNumber);
      if (!parsed.ok) return fail(`${prefix}members.${i}.cardNumber`, 'bad_card', parsed.error.code, 422);
      if (code !== undefined && code !== parsed.value.bhxhCode)
        return fail(`${prefix}members.${i}.cardNumber`, 'mismatch', 'services.householdCardMismatch', 422);
      code = parsed.value.bhxhCode;
    }
    if (code === undefined)
      return fail(`${prefix}members.${i}.bhxhCode`, 'required', 'services.householdMemberCode', 400);
    if (codes.includes(code))
      return fail(`${prefix}members.${i}.bhxhCode`, 'duplicate', 'services.householdDuplicate', 422);
    codes.push(code);
  }
  const persons = new Map((await findPersonsByCodes(db, codes)).map((p) => [p.bhxh_code, p]));
  const cards = new Map((await findLatestCards(db, codes)).map((c) => [c.bhxh_code, c]));
  for (const [i, m] of form.members.entries()) {
    const person = persons.get(codes[i] ?? '');
    if (!person)
      return fail(`${prefix}members.${i}.bhxhCode`, 'not_found', 'services.householdNotFound', 422);
    if (norm(person.full_name) !== norm(m.fullName))
      return fail(`${prefix}members.${i}.fullName`, 'mismatch', 'services.householdNameMismatch', 422);
    const born = dateOfBirthOf(person);
    if (born.length === 4 ? born !== m.dateOfBirth.slice(0, 4) : born !== m.dateOfBirth)
      return fail(`${prefix}members.${i}.dateOfBirth`, 'mismatch', 'services.householdBirthMismatch', 422);
  }
  const excluded = form.members.map((_, i) => {
    const person = persons.get(codes[i] ?? '');
    const born = person ? dateOfBirthOf(person) : null;
    // A child under 6 is insured by the state budget (object TE, Luật BHYT Art. 12 §3 (e)), card
    // or not in our records: never a paying household member while the TE cover lasts
    // (`teCardEndDate`: to 72 months, or 30 September of that year).
    const teEnd = born ? teCardEndDate(born) : null;
    if (teEnd?.ok && teEnd.value >= today)
      return { code: 'under_six' as const, objectCode: CHILD_UNDER_SIX_OBJECT_CODE, validTo: teEnd.value };
    const card = cards.get(codes[i] ?? '');
    if (!card || card.status !== 'active') return null;
    // A TE card recorded past the child's legal end (legacy data) ends when the law says.
    const end = cardEndDate({ objectCode: card.object_code, validTo: card.valid_to, dateOfBirth: born });
    const inForce = end === null || end >= today;
    if (card.object_code !== 'GD' && inForce)
      return { code: 'covered' as const, objectCode: card.object_code, validTo: end };
    if (card.object_code === 'GD' && card.valid_from > today)
      return { code: 'already_renewed' as const, objectCode: card.object_code, validTo: card.valid_to };
    return null;
  });
  const paying = excluded.filter((e) => e === null).length;
  if (paying === 0) return fail(`${prefix}members`, 'nothing_to_pay', 'services.householdNothingToPay', 422);
  const q = quoteHousehold({ memberCount: paying, months: form.months, on: today });
  if (!q.ok) return failDomain(fail, q.error, prefix);
  let rung = 0;
  const members = form.members.map((m, i) => {
    const code = codes[i] ?? '';
    const reason = excluded[i] ?? null;
    const base = {
      bhxhCode: code,
      fullName: persons.get(code)?.full_name ?? m.fullName,
      relation: m.relation,
    };
    if (reason)
      return {
        ...base,
        status: 'excluded' as const,
        excludedReason: reason,
        position: null,
        shareBp: null,
        monthly: 0,
        total: 0,
        card: null,
      };
    const amount = q.value.members[rung++];
    const card = householdCardPeriod({
      paidOn: today,
      months: form.months,
      previousValidTo: cards.get(code)?.valid_to ?? null,
    });
    return {
      ...base,
      status: 'pays' as const,
      excludedReason: null,
      position: amount?.position ?? null,
      shareBp: amount?.shareBp ?? null,
      monthly: amount?.monthly ?? 0,
      total: amount?.total ?? 0,
      card: { continuity: card.continuity, validFrom: card.validFrom, validTo: card.validTo },
    };
  });
  return {
    type: form.type,
    amountVnd: q.value.total,
    voluntary: null,
    household: {
      months: q.value.months,
      baseSalary: q.value.baseSalary,
      members,
      total: q.value.total,
      sources: q.value.sources,
    },
  };
}

/** Refuses a second open request of the same paid service for the person. */
export async function checkNoOpenRequest(
  db: Kysely<Database>,
  bhxhCode: string,
  form: PaidServiceForm,
  fail: Fail,
) {
  if (await findOpenRequestOfType(db, bhxhCode, form.type))
    fail('form.type', 'pending_request', 'services.paidRequestPending', 409);
}

/**
 * The effect of a paid request, in the transaction that credits the payment (`paidOn`: the day the
 * money arrived, Vietnam time). Voluntary: one paid period with the quoted months, income and
 * amounts. Household: for each paying member a GD card whose validity is computed again on the day
 * of payment (their last card may have changed since the quote), at the benefit level of GD,
 * at the clinic of their last card (else the first clinic of their province — assumption), issued
 * by the agency that received the request; each member is told in their inbox.
 */
async function applyPaidResult(trx: Kysely<Database>, request: RequestRow, paidOn: string) {
  const quote = request.form.quote as ServiceQuote | undefined;
  if (!quote) throw new Error(`request ${request.number} has no quote`);
  if (quote.voluntary) {
    const v = quote.voluntary;
    await insertParticipationPeriod(trx, {
      bhxh_code: request.bhxh_code,
      scheme: 'bhxh_voluntary',
      from_month: monthStart(v.fromMonth),
      to_month: monthStart(v.toMonth),
      unit_code: null,
      position: null,
      salary: Number(request.form.chosenIncome),
      employee_rate_bp: v.rateBp,
      employer_rate_bp: 0,
      employee_amount: v.totals.personPays,
      employer_amount: 0,
      state_support: v.totals.stateSupport,
      status: 'paid',
    });
    return;
  }
  if (!quote.household) return;
  const payers = quote.household.members.filter((m) => m.status === 'pays');
  const codes = payers.map((m) => m.bhxhCode);
  const cards = new Map((await findLatestCards(trx, codes)).map((c) => [c.bhxh_code, c]));
  const persons = new Map((await findPersonsByCodes(trx, codes)).map((p) => [p.bhxh_code, p]));
  const level = benefitLevelOf('GD', paidOn);
  for (const m of payers) {
    const last = cards.get(m.bhxhCode);
    const period = householdCardPeriod({
      paidOn,
      months: quote.household.months,
      previousValidTo: last?.valid_to ?? null,
    });
    const clinic =
      last?.registered_clinic_code ??
      (await findFirstClinicOf(trx, persons.get(m.bhxhCode)?.province_code ?? ''));
    if (!clinic) throw new Error(`no clinic for ${m.bhxhCode}`);
    const card = await insertCard(trx, {
      bhxh_code: m.bhxhCode,
      // Cards issued since QĐ 1666/QĐ-BHXH (2021) print the BHXH code as their number.
      card_number: m.bhxhCode,
      object_code: 'GD',
      benefit_level: level.ok ? level.value : 4,
      registered_clinic_code: clinic,
      valid_from: period.validFrom,
      valid_to: period.validTo,
      five_year_date: null,
      issued_on: paidOn,
      issuing_agency_code: request.agency_code,
      status: 'active',
      replaced_by_id: null,
    });
    await notify(
      trx,
      { bhxhCode: m.bhxhCode },
      {
        template: 'services.householdCardIssued',
        params: { validFrom: period.validFrom, validTo: period.validTo },
        idempotencyKey: `household-card:${m.bhxhCode}:${card.id}`,
      },
    );
  }
}

/**
 * Statuses in which a paid request can take money: the system can still approve it when the money
 * arrives. A request withdrawn, rejected or waiting for the citizen's supplement cannot (the money
 * is then recorded with `refund_due` for officers).
 */
export function isPayableStatus(status: ServiceRequestStatus): boolean {
  return status === 'submitted' || status === 'received' || status === 'supplemented';
}

/**
 * The payment purposes of the two paid services (registered at start-up by the services routes).
 * DECISION (issue #26 leaves it open): the credited payment completes the request — the system
 * receives and approves it in the transaction that credits the money, and the effect (the
 * voluntary period, the household cards) is applied there, exactly once (`result_applied_at`).
 * The checks an officer would make are the ones made at filing (the records, the quote), so
 * nobody has to approve after the payment; officers see these requests in their queue, may take
 * them up or reject an unpaid one, but cannot approve one by hand.
 */
export function paidServicePurposes(deps: { translator: Translator }): PaymentPurpose[] {
  const onPaid = async (trx: Kysely<Database>, payment: PaymentRow) => {
    const at = payment.settled_at ?? new Date();
    const found = await lockRequest(trx, payment.bhxh_code, payment.reference_id);
    if (!found) throw new Error(`payment ${payment.id}: no request ${payment.reference_id}`);
    const system = { type: 'system' as const, id: null };
    let request = found;
    if (request.status === 'submitted') {
      const received = await appendRequestAction(trx, request, 'receive', system, at);
      request = received.row;
    }
    const { row, entry } = await appendRequestAction(trx, request, 'approve', system, at, {
      details: { paymentId: payment.id, txnRef: payment.txn_ref },
    });
    if (await markResultApplied(trx, row, at)) await applyPaidResult(trx, row, vietnamToday(at));
    await notifyStep(trx, deps.translator, row, 'approve', entry.seq);
    await auditService.record(trx, {
      actor_type: 'system',
      actor_id: 'payment',
      subject_bhxh_code: row.bhxh_code,
      action: 'service_request.approve',
      target_type: 'service_request',
      target_id: row.number,
      purpose: null,
      ip: null,
      request_id: null,
      details: { seq: entry.seq, paymentId: payment.id },
    });
  };
  const isPayable = async (trx: Kysely<Database>, referenceId: string) => {
    const row = await findRequestById(trx, referenceId);
    return row !== undefined && isPayableStatus(row.status);
  };
  // The receipt names the service and the request in the reader's language.
  const describe = async (db: Kysely<Database>, payment: PaymentRow, language: Language) => {
    const row = await findRequestById(db, payment.reference_id);
    return row
      ? `${deps.translator.t(language, `messages:services.types.${row.type}`)} – ${row.number}`
      : null;
  };
  return (['voluntary_si_register', 'household_hi'] as const).map((purpose) => ({
    purpose,
    onPaid,
    isPayable,
    describe,
  }));
}
