import type { CardCheckBody, CardCheckCode, CardCheckResult } from '@vssid/domain/api/gateway';
import { formatVnDate } from '@vssid/domain/dates';
import { vietnamToday } from '@vssid/domain/vietnam-time';
import type { Kysely } from 'kysely';
import type { CallContext } from '../../context';
import type { Database } from '../../db/schema';
import type { Translator } from '../../i18n';
import { readAudited } from '../audit/data-access';
import { type GatewayAuth, type GatewayCaller, GATEWAY_LIMITS, gatewayReader } from './auth';
import {
  birthMatches,
  cardResult,
  clerkNameMatches,
  isUnderSix,
  nameResult,
  readCheckInput,
  wrongCardCode,
  type CheckInput,
} from './check-rules';
import * as repo from './repository';

/** How many recent visits and checks the answer lists (ASSUMPTION: the gateway's count is not published). */
const HISTORY = 10;

type Person = NonNullable<Awaited<ReturnType<typeof repo.findPersonBy>>>;
type Card = Awaited<ReturnType<typeof repo.findCardsOf>>[number];

const EMPTY = {
  maThe: null,
  hoTen: null,
  ngaySinh: null,
  gioiTinh: null,
  diaChi: null,
  maDKBD: null,
  cqBHXH: null,
  gtTheTu: null,
  gtTheDen: null,
  maKV: null,
  ngayDu5Nam: null,
  maSoBHXH: null,
  maTheCu: null,
  maTheMoi: null,
  gtTheTuMoi: null,
  gtTheDenMoi: null,
  maDKBDMoi: null,
  tenDKBDMoi: null,
  dsLichSuKCB2018: null,
  dsLichSuKT2018: null,
} satisfies Omit<CardCheckResult, 'maKetQua' | 'ghiChu'>;

const date = (iso: string | null) => (iso ? formatVnDate(iso) : null);

/** `yyyyMMddHHmm` in Vietnam's time. */
function gatewayMinute(at: Date): string {
  return new Date(at.getTime() + 7 * 3_600_000).toISOString().replace(/[-T:]/g, '').slice(0, 12);
}

/** What one check decided: the code, and the person and card when the identity was established. */
interface Decision {
  code: CardCheckCode;
  person: Person | null;
  /** Set when the identity matched: the clinic may see the card. */
  card: Card | null;
  replacement: Card | null;
}

export function createCheckService(deps: {
  db: Kysely<Database>;
  translator: Translator;
  auth: GatewayAuth;
  now?: () => Date;
  log?: { error(details: object, message: string): void };
}) {
  const { db, translator, auth } = deps;
  const now = deps.now ?? (() => new Date());

  async function decide(input: CheckInput, clinicCode: string, today: string): Promise<Decision> {
    const none = { person: null, card: null, replacement: null };
    const clerk = await repo.findClerk(db, clinicCode, input.clerkCccd);
    if (!clerk) return { code: '054', ...none };
    if (!clerkNameMatches(clerk.full_name, input.clerkName)) return { code: '055', ...none };
    const key = input.key;
    const person = await repo.findPersonBy(
      db,
      key.kind === 'cccd' ? { cccd: key.cccd } : { bhxhCode: key.bhxhCode },
    );
    if (!person) return { code: '050', ...none };
    const cards = await repo.findCardsOf(db, person.bhxh_code);
    const current = cards.find((c) => c.status !== 'replaced') ?? cards[0];
    if (!current)
      return { code: isUnderSix(person, today) ? '130' : '050', person, card: null, replacement: null };
    let card = current;
    if (key.kind === 'legacy_card') {
      const named = cards.find((c) => c.card_number === key.number);
      if (!named)
        return {
          code: wrongCardCode(key.number, current, person.bhxh_code),
          person,
          card: null,
          replacement: null,
        };
      card = named;
    }
    const name = nameResult(person.full_name, input.fullName);
    if (name !== '000') return { code: name, person, card: null, replacement: null };
    if (!birthMatches(person, input.birth)) return { code: '070', person, card: null, replacement: null };
    const replacement = card.replaced_by_id
      ? (cards.find((c) => c.id === card.replaced_by_id) ?? null)
      : null;
    return { code: cardResult(card, replacement, today), person, card, replacement };
  }

  async function answer(
    trx: Kysely<Database>,
    ctx: CallContext,
    decision: Decision,
  ): Promise<CardCheckResult> {
    const ghiChu = translator.t(ctx.language, `messages:gateway.results.${decision.code}`);
    const { person, card, replacement } = decision;
    if (!person || !card) return { maKetQua: decision.code, ghiChu, ...EMPTY };
    const visits = await repo.findRecentVisits(trx, person.bhxh_code, HISTORY);
    const checks = await repo.findRecentChecks(trx, person.bhxh_code, HISTORY);
    return {
      maKetQua: decision.code,
      ghiChu,
      maThe: card.card_number,
      hoTen: person.full_name,
      ngaySinh: person.birth_date ? formatVnDate(person.birth_date) : String(person.birth_year),
      gioiTinh: person.gender === 'male' ? 'Nam' : 'Nữ',
      diaChi: person.address_line,
      maDKBD: card.registered_clinic_code,
      cqBHXH: card.agency_name ?? card.issuing_agency_code,
      gtTheTu: date(card.valid_from),
      gtTheDen: date(card.valid_to),
      // ASSUMPTION: the card record holds no living-area code (K1/K2/K3): none is answered.
      maKV: null,
      ngayDu5Nam: date(card.five_year_date),
      maSoBHXH: person.bhxh_code,
      maTheCu: replacement ? card.card_number : null,
      maTheMoi: replacement?.card_number ?? null,
      gtTheTuMoi: date(replacement?.valid_from ?? null),
      gtTheDenMoi: date(replacement?.valid_to ?? null),
      maDKBDMoi: replacement?.registered_clinic_code ?? null,
      tenDKBDMoi: replacement?.clinic_name ?? null,
      dsLichSuKCB2018: visits.map((v) => ({
        maHoSo: v.ma_lk,
        maCSKCB: v.clinic_code,
        ngayVao: gatewayMinute(v.admitted_at),
        ngayRa: gatewayMinute(v.discharged_at),
        tenBenh: v.diagnosis_out ?? v.icd10_main,
        tinhTrang: v.outcome === null ? '' : String(v.outcome),
        kqDieuTri: v.outcome === null ? '' : String(v.outcome),
        lyDoVV: String(v.route),
      })),
      dsLichSuKT2018: checks.map((k) => ({
        userKT: `${k.clinic_name} (${k.clinic_code}) – ${k.clerk_name}`,
        thoiGianKT: gatewayMinute(k.checked_at),
        thongBao: translator.t(ctx.language, `messages:gateway.results.${k.result_code}`),
        maLoi: k.result_code,
      })),
    };
  }

  /**
   * One check by a clinic (the gateway, or the clinic's own screen): decided, logged with the
   * clinic's checks, and, when it names a person, audited through `readAudited` with the clinic's
   * name and the clerk (the person sees it under "who viewed my data"), in one transaction.
   */
  async function check(
    ctx: CallContext,
    caller: GatewayCaller,
    body: CardCheckBody,
    channel: 'gateway' | 'screen',
  ): Promise<CardCheckResult> {
    const read = readCheckInput(body);
    const fail = (code: CardCheckCode): CardCheckResult => ({
      maKetQua: code,
      ghiChu: translator.t(ctx.language, `messages:gateway.results.${code}`),
      ...EMPTY,
    });
    if (!read.ok) return { ...fail('205'), ghiChu: `${fail('205').ghiChu} (${read.field})` };
    const input = read.input;
    await auth.limiter.hit([
      { key: `gateway.check:${caller.clinicCode}`, max: GATEWAY_LIMITS.checksPerMinute, windowSeconds: 60 },
    ]);
    const at = now();
    try {
      const decision = await decide(input, caller.clinicCode, vietnamToday(at));
      return await db.transaction().execute(async (trx) => {
        await repo.insertCheck(trx, {
          clinic_code: caller.clinicCode,
          bhxh_code: decision.person?.bhxh_code ?? null,
          query_code: body.maThe.trim().toUpperCase(),
          result_code: decision.code,
          clerk_cccd: input.clerkCccd,
          clerk_name: input.clerkName,
          channel,
        });
        return readAudited(
          trx,
          ctx,
          () => answer(trx, ctx, decision),
          () =>
            decision.person
              ? {
                  reader: gatewayReader(caller, input.clerkName),
                  subject: decision.person.bhxh_code,
                  action: 'records.card_check.read',
                  purpose: null,
                  target: { type: 'card_check', id: decision.code },
                  details: {
                    clinicCode: caller.clinicCode,
                    clinicName: caller.clinicName,
                    displayName: input.clerkName,
                    resultCode: decision.code,
                    channel,
                  },
                }
              : null,
        );
      });
    } catch (error) {
      // 101: the gateway's own failure, said as the gateway says it (never a 500 to the clinic).
      deps.log?.error({ requestId: ctx.requestId, err: error }, 'card check failed');
      return fail('101');
    }
  }

  return {
    check,
    /** The gateway call: the token's clinic, or 401 in `maKetQua`. */
    async checkByGateway(
      ctx: CallContext,
      query: { token?: string; id_token?: string; username?: string },
      body: CardCheckBody,
    ): Promise<CardCheckResult> {
      const caller = await auth.caller(query);
      if (!caller)
        return {
          maKetQua: '401',
          ghiChu: translator.t(ctx.language, 'messages:gateway.results.401'),
          ...EMPTY,
        };
      return check(ctx, caller, body, 'gateway');
    },
  };
}
export type CheckService = ReturnType<typeof createCheckService>;
