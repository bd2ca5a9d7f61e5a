import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import {
  type Commune2025,
  findCommune2025,
  findProvince2025,
  maskMiddle,
  nameInitials,
  newProvinceForOldProvince,
  newUnitsForOldCommune,
  parseIsoDate,
  provincesPre2025,
  withinOneEdit,
} from '@vssid/domain';
import type {
  BhxhCodeAnswer,
  BhxhCodeMatch,
  BhxhCodeQuery,
  BhxhCodeSms,
  OwnBhxhCode,
} from '@vssid/domain/api/lookup';
import type { Language } from '@vssid/domain/i18n';
import { type CallContext, signedIn } from '../../context';
import type { Database } from '../../db/schema';
import { AppError, type FieldError } from '../../http/problem';
import type { Translator } from '../../i18n';
import { auditService } from '../audit/service';
import { enqueueMessage } from '../outbox/service';
import { createChallenges, proofHolds } from './challenges';
import { fieldError } from './field-error';
import { lookupKey } from './keys';
import * as repo from './repository';

/** How long a masked answer's token may be used to ask for the SMS. */
const MATCH_TOKEN_TTL_MS = 15 * 60_000;
/**
 * At most this many masked matches are answered; more means the query is too broad (the person
 * is asked for the commune or the full date of birth), so a look-up never lists a crowd.
 */
const MAX_MATCHES = 3;
/** SMS with the full code per person per day, whoever asks: a phone cannot be flooded. */
const SMS_PER_PERSON_PER_DAY = 3;
const DAY_MS = 86_400_000;

export interface CodeLookupSettings {
  powBits: number;
  rateLimitMax: number;
  rateLimitWindowMs: number;
}

/** The pre-2025 provinces that became (part of) this 2025 province. */
function oldProvincesOf(provinceCode: string): string[] {
  return provincesPre2025()
    .filter((p) => newProvinceForOldProvince(p.code)?.code === provinceCode)
    .map((p) => p.code);
}

function actorOf(ctx: CallContext) {
  return ctx.principal
    ? { actor_type: ctx.principal.role, actor_id: ctx.principal.accountId }
    : { actor_type: 'anonymous' as const, actor_id: null };
}

/**
 * The BHXH code look-up: a proof-of-work challenge per look-up, per-IP limits, masked answers
 * (each audited as a read of that person's data), the full code by SMS to the registered phone,
 * and the signed-in citizen's own code.
 */
export function createCodeLookup(db: Kysely<Database>, translator: Translator, settings: CodeLookupSettings) {
  let lastCleanup = 0;
  const challenges = createChallenges(db);

  /** Counts one use of `bucket`; 429 with the seconds to wait when the window's limit is passed. */
  async function limit(bucket: string, max: number, windowMs: number): Promise<void> {
    const now = Date.now();
    const start = Math.floor(now / windowMs) * windowMs;
    const hits = await repo.hitCounter(db, bucket, new Date(start), new Date(start + windowMs));
    if (hits > max)
      throw new AppError(429, 'rate_limited', 'rateLimited', {
        seconds: Math.max(1, Math.ceil((start + windowMs - now) / 1000)),
      });
  }
  const limitIp = (ip: string) => limit(`ip:${ip}`, settings.rateLimitMax, settings.rateLimitWindowMs);

  async function cleanupNowAndThen(): Promise<void> {
    if (Date.now() - lastCleanup < 60_000) return;
    lastCleanup = Date.now();
    await repo.deleteExpired(db);
  }

  /**
   * Counts the look-up against the per-IP limit, takes the challenge out and checks its proof of
   * work, in one statement; throws when any fails (429 over the limit, 400 when unsolved). With
   * `exact`, the exact name search runs in the same round trip and its people are returned only
   * once all three held.
   */
  async function limitAndVerify(
    ctx: CallContext,
    challengeId: string,
    nonce: string,
    exact?: Omit<repo.ExactSearch, 'maxHits'>,
    bucket = `ip:${ctx.client.ip}`,
  ): Promise<repo.ExactCandidate[] | null> {
    const now = Date.now();
    const windowMs = settings.rateLimitWindowMs;
    const start = Math.floor(now / windowMs) * windowMs;
    const {
      hits,
      challenge,
      exact: found,
    } = await repo.hitAndConsumeChallenge(
      db,
      bucket,
      new Date(start),
      new Date(start + windowMs),
      challengeId,
      exact ? { ...exact, maxHits: settings.rateLimitMax } : undefined,
    );
    if (hits > settings.rateLimitMax)
      throw new AppError(429, 'rate_limited', 'rateLimited', {
        seconds: Math.max(1, Math.ceil((start + windowMs - now) / 1000)),
      });
    if (!challenge)
      throw new AppError(400, 'challenge_invalid', 'lookup.challengeInvalid', {}, [
        fieldError(translator, ctx.language, 'challengeId', 'challenge_invalid', 'lookup.challengeInvalid'),
      ]);
    if (!proofHolds(challenge, nonce))
      throw new AppError(400, 'challenge_failed', 'lookup.challengeFailed', {}, [
        fieldError(translator, ctx.language, 'nonce', 'challenge_failed', 'lookup.challengeFailed'),
      ]);
    return found;
  }

  /** The query's place and date, checked; field errors name what is wrong. */
  function readNameQuery(query: BhxhCodeQuery, language: Language) {
    const errors: FieldError[] = [];
    const required = (field: string) =>
      errors.push(fieldError(translator, language, field, 'required', 'field.required'));
    const fullName = query.fullName?.trim() ?? '';
    if (lookupKey(fullName).length < 2) required('fullName');
    let birth: string | undefined;
    if (!query.birthDate) required('birthDate');
    else {
      const parsed = parseIsoDate(query.birthDate, { allowYearOnly: true });
      if (!parsed.ok || Number(parsed.value.slice(0, 4)) > new Date().getUTCFullYear())
        errors.push(fieldError(translator, language, 'birthDate', 'invalid', 'lookup.birthDateInvalid'));
      else birth = parsed.value;
    }
    const province = query.provinceCode ? findProvince2025(query.provinceCode) : undefined;
    if (!query.provinceCode) required('provinceCode');
    else if (!province)
      errors.push(fieldError(translator, language, 'provinceCode', 'unknown_unit', 'lookup.unknownProvince'));
    let commune: Commune2025 | undefined;
    if (query.communeCode) {
      commune = findCommune2025(query.communeCode);
      if (!commune || (province && commune.provinceCode !== province.code))
        errors.push(fieldError(translator, language, 'communeCode', 'unknown_unit', 'lookup.unknownCommune'));
    }
    if (errors.length || !birth || !province) throw new AppError(400, 'validation', 'validation', {}, errors);
    return { fullName, birth, province, commune };
  }

  return {
    /**
     * The look-up's gate for another anonymous call (issue #22: registration): counts the call
     * against the same per-IP limit (LOOKUP_RATE_LIMIT_MAX per window), in its own bucket
     * (`scope`), and checks the solved challenge, in one statement; 429 / 400 naming the field.
     */
    async verifyProof(ctx: CallContext, scope: string, challengeId: string, nonce: string): Promise<void> {
      await limitAndVerify(ctx, challengeId, nonce, undefined, `${scope}:ip:${ctx.client.ip}`);
    },

    /** A fresh single-use challenge. */
    async issueChallenge() {
      await cleanupNowAndThen();
      return challenges.issue(settings.powBits);
    },

    /**
     * BHXH code look-up: by name + date (or year) of birth + province (optionally commune), or by
     * CCCD/CMND number. Rate-limited per IP, a solved challenge per request, at most
     * MAX_MATCHES masked answers, each audited as a read of that person's data.
     */
    async lookupCode(ctx: CallContext, query: BhxhCodeQuery): Promise<BhxhCodeAnswer> {
      const byId = query.idNumber !== undefined && query.idNumber !== '';
      const nameQuery = byId ? null : readNameQuery(query, ctx.language);
      // A name look-up's exact search rides in the round trip that checks the limit and the challenge.
      const exactSearch = nameQuery
        ? {
            birthYear: Number(nameQuery.birth.slice(0, 4)),
            provinceCode: nameQuery.province.code,
            oldProvinceCodes: oldProvincesOf(nameQuery.province.code),
            key: lookupKey(nameQuery.fullName),
          }
        : undefined;
      const exactFound = await limitAndVerify(ctx, query.challengeId, query.nonce, exactSearch);

      type Found = Awaited<ReturnType<typeof repo.findByIdNumber>>[number] & {
        similar: boolean;
        phone?: string | null;
      };
      let found: Found[];
      if (!nameQuery || !exactSearch) {
        found = (await repo.findByIdNumber(db, query.idNumber ?? '')).map((p) => ({ ...p, similar: false }));
      } else {
        const { birth, province, commune } = nameQuery;
        const { birthYear: year, oldProvinceCodes: olds, key: wanted } = exactSearch;
        const fits = (p: Omit<repo.PersonCandidate, 'has_phone'>) => {
          // A full date must agree when the person's is known; a year alone matched already.
          if (birth.length === 10 && p.birth_date !== null && p.birth_date !== birth) return false;
          if (commune) {
            if (p.commune_code !== null) return p.commune_code === commune.code;
            if (p.old_commune_code !== null)
              return newUnitsForOldCommune(p.old_commune_code).some((u) => u.code === commune.code);
          }
          return true;
        };
        const exact = (
          exactFound ?? (await repo.findExactCandidates(db, year, province.code, olds, wanted))
        ).filter(fits);
        if (exact.length) found = exact.map((p) => ({ ...p, similar: false }));
        else {
          // Nothing exact: one typo, among everyone born that year in the province.
          const candidates = await repo.findCandidatesByYearAndProvince(db, year, province.code, olds);
          found = candidates
            .filter((p) => fits(p) && withinOneEdit(lookupKey(p.full_name), wanted))
            .map((p) => ({ ...p, similar: true }));
        }
      }
      found.sort((a, b) => a.bhxh_code.localeCompare(b.bhxh_code));
      const tooMany = found.length > MAX_MATCHES;
      const shown = tooMany ? [] : found;
      const known = shown.every((p) => p.phone !== undefined);
      const phones = known
        ? new Map(shown.map((p) => [p.bhxh_code, p.phone ?? null]))
        : await repo.findPhones(
            db,
            shown.map((p) => p.bhxh_code),
          );
      const expiresAt = new Date(Date.now() + MATCH_TOKEN_TTL_MS);
      const tokens = shown.map((p) => ({
        token: randomBytes(24).toString('base64url'),
        bhxhCode: p.bhxh_code,
        expiresAt,
      }));
      const matches: BhxhCodeMatch[] = shown.map((p, i) => {
        const phone = phones.get(p.bhxh_code) ?? null;
        return {
          token: tokens[i]?.token ?? '',
          maskedCode: maskMiddle(p.bhxh_code),
          initials: nameInitials(p.full_name),
          birthYear: p.birth_year,
          gender: p.gender,
          similarName: p.similar,
          maskedPhone: phone ? maskMiddle(phone) : null,
        };
      });
      const event = {
        ...actorOf(ctx),
        action: 'lookup.bhxh_code' as const,
        purpose: 'lookup.public' as const,
        ip: ctx.client.ip,
        request_id: ctx.requestId,
      };
      const details = { by: byId ? 'id_number' : 'name', matches: found.length, tooMany };
      // One audit entry per answer (a read of that person's data), or one for none.
      const events = shown.length
        ? shown.map((p) => ({
            ...event,
            subject_bhxh_code: p.bhxh_code,
            target_type: 'person',
            target_id: p.bhxh_code,
            details: { ...details, similarName: p.similar },
          }))
        : [{ ...event, subject_bhxh_code: null, target_type: null, target_id: null, details }];
      await repo.insertMatchTokensAndAudit(db, tokens, events);
      return { matches, tooMany };
    },

    /**
     * Sends the full code by SMS to the phone registered for the person a masked answer stands
     * for; answers with that phone, masked. One SMS per answer (asking again resends nothing),
     * at most SMS_PER_PERSON_PER_DAY per person, and the per-IP look-up limit.
     */
    async sendCodeBySms(ctx: CallContext, token: string): Promise<BhxhCodeSms> {
      await limitIp(ctx.client.ip);
      const match = await repo.findMatchToken(db, token);
      if (!match) throw new AppError(404, 'lookup_token_expired', 'lookup.tokenExpired');
      const phone = (await repo.findPhones(db, [match.bhxhCode])).get(match.bhxhCode) ?? null;
      if (!phone) throw new AppError(409, 'no_registered_phone', 'lookup.noPhone');
      if (match.smsSentAt) return { maskedPhone: maskMiddle(phone), alreadySent: true };
      await limit(`sms:${match.bhxhCode}`, SMS_PER_PERSON_PER_DAY, DAY_MS);
      const person = await repo.findPersonName(db, match.bhxhCode);
      const sent = await db.transaction().execute(async (trx) => {
        if (!(await repo.markSmsSent(trx, token))) return false;
        await enqueueMessage(trx, {
          idempotency_key: `lookup-sms:${token}`,
          channel: 'sms',
          recipient: phone,
          template: 'lookup.bhxhCode',
          language: ctx.language,
          payload: {
            text: translator.t(ctx.language, 'messages:lookup.bhxhCodeSms', {
              name: person?.full_name ?? '',
              code: match.bhxhCode,
            }),
          },
        });
        await auditService.record(trx, {
          ...actorOf(ctx),
          subject_bhxh_code: match.bhxhCode,
          action: 'lookup.bhxh_code_sms',
          target_type: 'person',
          target_id: match.bhxhCode,
          purpose: 'lookup.sms',
          ip: ctx.client.ip,
          request_id: ctx.requestId,
          details: {},
        });
        return true;
      });
      return { maskedPhone: maskMiddle(phone), alreadySent: !sent };
    },

    /** The signed-in citizen's own code, in full. */
    async myCode(ctx: CallContext): Promise<OwnBhxhCode> {
      const principal = signedIn(ctx);
      if (!principal.bhxhCode) throw new AppError(404, 'not_found', 'notFound');
      const person = await repo.findPersonName(db, principal.bhxhCode);
      if (!person) throw new AppError(404, 'not_found', 'notFound');
      return { bhxhCode: principal.bhxhCode, fullName: person.full_name };
    },
  };
}
