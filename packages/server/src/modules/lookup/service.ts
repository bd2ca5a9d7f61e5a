import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import {
  type Commune2025,
  findCommune2025,
  findProvince2025,
  findUnits,
  leadingZeroBits,
  maskMiddle,
  nameInitials,
  newProvinceForOldProvince,
  newUnitsForOldCommune,
  parseIsoDate,
  type PlaceKind,
  placeKind,
  proofText,
  provincesPre2025,
  type Unit2025,
  withinOneEdit,
} from '@vssid/domain';
import type { Language } from '@vssid/domain/i18n';
import type { DatabaseHandle } from '../../db/database';
import type { Database } from '../../db/schema';
import { AppError, type FieldError } from '../../http/problem';
import type { Translator } from '../../i18n';
import { auditService } from '../audit/service';
import type { Principal } from '../auth/guard';
import { enqueueMessage } from '../outbox/service';
import { lookupKey, lookupWords } from './keys';
import { Catalog, type PlacedRow, UnitWordIndex } from './catalogs';
import * as repo from './repository';

/** How long a challenge may be used after it is issued. */
export const CHALLENGE_TTL_MS = 5 * 60_000;
/** How long a masked answer's token may be used to ask for the SMS. */
export const MATCH_TOKEN_TTL_MS = 15 * 60_000;
/**
 * At most this many masked matches are answered; more means the query is too broad (the person
 * is asked for the commune or the full date of birth), so a look-up never lists a crowd.
 */
export const MAX_MATCHES = 3;
/** SMS with the full code per person per day, whoever asks: a phone cannot be flooded. */
export const SMS_PER_PERSON_PER_DAY = 3;
const DAY_MS = 86_400_000;

export interface LookupSettings {
  /** At most one rebuild of the employer units' word index per this many ms (catalogs.ts). */
  unitIndexReloadMs: number;
  powBits: number;
  rateLimitMax: number;
  rateLimitWindowMs: number;
}

export interface CallContext {
  ip: string;
  requestId: string;
  language: Language;
  principal: Principal | null;
}

export interface CodeQuery {
  challengeId: string;
  nonce: string;
  fullName?: string | undefined;
  birthDate?: string | undefined;
  provinceCode?: string | undefined;
  communeCode?: string | undefined;
  idNumber?: string | undefined;
}

export interface MaskedMatch {
  token: string;
  maskedCode: string;
  initials: string;
  birthYear: number;
  gender: 'male' | 'female';
  /** Found with one typo in the name (no exact name matched). */
  similarName: boolean;
  /** The registered phone, masked; null when none is registered (no SMS possible). */
  maskedPhone: string | null;
}

export interface PlaceInfo {
  provinceCode: string;
  provinceName: string;
  communeCode: string | null;
  communeName: string | null;
}

export interface ResolvedPlace {
  code: string;
  level: 'province' | 'commune';
  /** What the name typed named: the unit itself, or the old unit it was found through. */
  kind: PlaceKind;
  name: string;
  provinceCode: string;
  provinceName: string;
  /** The old (pre-2025) unit whose name was typed, when the place was found through it. */
  matchedOld: { name: string; address: string } | null;
}

export interface PageQuery {
  page: number;
  pageSize: number;
}

export interface DirectoryQuery extends PageQuery {
  province?: string | undefined;
  commune?: string | undefined;
  /** Free text: a 2025 unit's name, or an old province, district or commune name. */
  place?: string | undefined;
  /** Words of the name (no tone marks needed). */
  q?: string | undefined;
  lat?: number | undefined;
  lng?: number | undefined;
}

const fieldError = (
  translator: Translator,
  language: Language,
  field: string,
  code: string,
  key: string,
  location = 'body',
): FieldError => ({ in: location, field, code, message: translator.t(language, key, { field }) });

/** Unit names: Vietnamese, or the data's English name for English readers. */
function unitName(unit: { name: string; nameEn?: string }, language: Language): string {
  return language === 'en' && unit.nameEn ? unit.nameEn : unit.name;
}

export function placeOf(provinceCode: string, communeCode: string | null, language: Language): PlaceInfo {
  const province = findProvince2025(provinceCode);
  const commune = communeCode ? findCommune2025(communeCode) : undefined;
  return {
    provinceCode,
    provinceName: province ? unitName(province, language) : provinceCode,
    communeCode,
    communeName: commune ? unitName(commune, language) : null,
  };
}

/** The pre-2025 provinces that became (part of) this 2025 province. */
function oldProvincesOf(provinceCode: string): string[] {
  return provincesPre2025()
    .filter((p) => newProvinceForOldProvince(p.code)?.code === provinceCode)
    .map((p) => p.code);
}

/** Where the database announces a change of a directory (migration 0010); the payload is the table. */
const CATALOG_CHANNEL = 'vssid_catalog_changed';

const LEVELS = { central: 0, province: 1, district: 2, commune: 3, local: 2 } as const;
const levelRank = (r: { level: keyof typeof LEVELS }) => LEVELS[r.level];

export function createLookupService(db: Kysely<Database>, translator: Translator, settings: LookupSettings) {
  let lastCleanup = 0;
  // The small directories, searched in this node's memory (catalogs.ts keeps them current).
  const agencyCatalog = new Catalog('bhxh_agencies', repo.loadAgencies, levelRank);
  const clinicCatalog = new Catalog('clinics', repo.loadContractedClinics, levelRank);
  const agentCatalog = new Catalog('collection_agents', repo.loadAgents);
  const unitIndex = new UnitWordIndex(repo.loadUnitIndex, repo.unitsByCode, settings.unitIndexReloadMs);
  const announced: Partial<Record<string, Pick<Catalog<PlacedRow>, 'changed' | 'setLive'>>> = {
    bhxh_agencies: agencyCatalog,
    clinics: clinicCatalog,
    collection_agents: agentCatalog,
    employer_units: unitIndex,
  };

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

  /** The per-IP count and the challenge, in one statement: 429 over the limit, 400 when unsolved. */
  /**
   * Counts the look-up against the per-IP limit, takes the challenge out and checks its proof of
   * work; throws when any fails. With `exact`, the exact name search runs in the same round trip
   * and its people are returned only once all three held.
   */
  async function limitAndVerify(
    ctx: CallContext,
    challengeId: string,
    nonce: string,
    exact?: Omit<repo.ExactSearch, 'maxHits'>,
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
      `ip:${ctx.ip}`,
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
    const digest = createHash('sha256').update(proofText(challenge.salt, nonce), 'ascii').digest();
    if (leadingZeroBits(digest) < challenge.bits)
      throw new AppError(400, 'challenge_failed', 'lookup.challengeFailed', {}, [
        fieldError(translator, ctx.language, 'nonce', 'challenge_failed', 'lookup.challengeFailed'),
      ]);
    return found;
  }

  function actorOf(ctx: CallContext) {
    return ctx.principal
      ? { actor_type: ctx.principal.role, actor_id: ctx.principal.accountId }
      : { actor_type: 'anonymous' as const, actor_id: null };
  }

  /** The query's place and date, checked; field errors name what is wrong. */
  function readNameQuery(query: CodeQuery, language: Language) {
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

  const service = {
    /**
     * Subscribes the small catalogs to the announcements of their changes (DatabaseHandle.listen),
     * so a search needs no query while nothing changes; resolves with the unsubscribe function.
     * Without it every search reads the catalog's version first.
     */
    subscribe(listen: DatabaseHandle['listen']): Promise<() => Promise<void>> {
      return listen(
        CATALOG_CHANNEL,
        (table) => announced[table]?.changed(),
        (live) => {
          for (const catalog of Object.values(announced)) catalog?.setLive(live);
        },
      );
    },

    settings,

    /** A fresh single-use challenge. */
    async issueChallenge() {
      await cleanupNowAndThen();
      const challenge = {
        id: randomUUID(),
        salt: randomBytes(16).toString('hex'),
        bits: settings.powBits,
        expiresAt: new Date(Date.now() + CHALLENGE_TTL_MS),
      };
      await repo.insertChallenge(db, challenge);
      return challenge;
    },

    /**
     * BHXH code look-up: by name + date (or year) of birth + province (optionally commune), or by
     * CCCD/CMND number. Rate-limited per IP, a solved challenge per request, at most
     * MAX_MATCHES masked answers, each audited as a read of that person's data.
     */
    async lookupCode(query: CodeQuery, ctx: CallContext) {
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
      const matches: MaskedMatch[] = shown.map((p, i) => {
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
        ip: ctx.ip,
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
    async sendCodeBySms(
      token: string,
      ctx: CallContext,
    ): Promise<{ maskedPhone: string; alreadySent: boolean }> {
      await limitIp(ctx.ip);
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
          ip: ctx.ip,
          request_id: ctx.requestId,
          details: {},
        });
        return true;
      });
      return { maskedPhone: maskMiddle(phone), alreadySent: !sent };
    },

    /** The signed-in citizen's own code, in full. */
    async myCode(principal: Principal) {
      if (!principal.bhxhCode) throw new AppError(404, 'not_found', 'notFound');
      const person = await repo.findPersonName(db, principal.bhxhCode);
      if (!person) throw new AppError(404, 'not_found', 'notFound');
      return { bhxhCode: principal.bhxhCode, fullName: person.full_name };
    },

    /**
     * The 2025 units a directory query means: the province and commune codes given, refined by
     * free text that may name a 2025 unit or an old province, district or commune (an old name
     * finds the unit(s) it became). Unknown codes are 400.
     */
    resolvePlace(query: DirectoryQuery, language: Language) {
      const errors: FieldError[] = [];
      if (query.province && !findProvince2025(query.province))
        errors.push(
          fieldError(
            translator,
            language,
            'province',
            'unknown_unit',
            'lookup.unknownProvince',
            'querystring',
          ),
        );
      const commune = query.commune ? findCommune2025(query.commune) : undefined;
      if (query.commune && (!commune || (query.province && commune.provinceCode !== query.province)))
        errors.push(
          fieldError(translator, language, 'commune', 'unknown_unit', 'lookup.unknownCommune', 'querystring'),
        );
      if (errors.length) throw new AppError(400, 'validation', 'validation', {}, errors);

      let provinceCode = query.province ?? commune?.provinceCode;
      let communeCodes: string[] | undefined = commune ? [commune.code] : undefined;
      let places: ResolvedPlace[] = [];
      if (query.place && query.place.trim() !== '') {
        const matches = findUnits(query.place, {
          generation: 'both',
          limit: 60,
          ...(provinceCode ? { provinceCode } : {}),
        }).filter((m): m is Extract<typeof m, { unit: Unit2025 }> => m.unit.generation === '2025');
        const first = matches[0];
        const same = matches.filter(
          (m) =>
            first !== undefined &&
            m.match === first.match &&
            m.unit.level === first.unit.level &&
            (m.matchedOld?.unit.code ?? null) === (first.matchedOld?.unit.code ?? null) &&
            (first.matchedOld !== undefined || m.unit.code === first.unit.code),
        );
        places = same.map((m) => {
          const provCode = m.unit.level === 'province' ? m.unit.code : m.unit.provinceCode;
          const province = findProvince2025(provCode);
          return {
            code: m.unit.code,
            level: m.unit.level,
            kind: placeKind(m.matchedOld?.unit ?? m.unit),
            name: unitName(m.unit, language),
            provinceCode: provCode,
            provinceName: province ? unitName(province, language) : provCode,
            matchedOld: m.matchedOld
              ? { name: m.matchedOld.unit.fullName, address: m.matchedOld.address }
              : null,
          };
        });
        const top = places[0];
        // An old province now part of larger one(s) (Bình Dương in Hồ Chí Minh; Sông Bé in Hồ Chí
        // Minh and Đồng Nai): its own land only.
        const territory = first?.matchedOld?.territory?.map((c) => c.code);
        if (!top) communeCodes = [];
        else if (top.level === 'province' && territory) {
          if (places.length === 1) provinceCode = top.provinceCode;
          communeCodes = communeCodes ? communeCodes.filter((c) => territory.includes(c)) : territory;
        } else if (top.level === 'province') provinceCode = top.provinceCode;
        else {
          const codes = places.map((p) => p.code);
          communeCodes = communeCodes ? communeCodes.filter((c) => codes.includes(c)) : codes;
        }
      }
      return { provinceCode, communeCodes, places };
    },

    async agencies(query: DirectoryQuery, language: Language) {
      const { provinceCode, communeCodes, places } = service.resolvePlace(query, language);
      const filter = {
        provinceCode,
        words: wordsOf(query.q),
        near: nearOf(query),
        ...pageOf(query),
      };
      let result = await agencyCatalog.search(db, { ...filter, communeCodes });
      // Offices sit in some communes only: with none in the chosen commune(s), the offices of
      // their province (the people of a commune are served by one of them).
      let widened = false;
      if (result.total === 0 && communeCodes?.length) {
        const province =
          provinceCode ?? findCommune2025(communeCodes[0] ?? '')?.provinceCode ?? places[0]?.provinceCode;
        if (province) {
          result = await agencyCatalog.search(db, { ...filter, provinceCode: province });
          widened = true;
        }
      }
      return {
        ...listing(query, result, language, (r) => ({
          level: r.level,
          email: r.email,
          openingHours: r.opening_hours,
          ...position(r),
        })),
        places,
        widenedToProvince: widened,
      };
    },

    async clinics(
      query: DirectoryQuery & {
        level?: 'central' | 'province' | 'district' | 'commune';
        sickLeave?: boolean;
      },
      language: Language,
    ) {
      const { provinceCode, communeCodes, places } = service.resolvePlace(query, language);
      const text = query.q?.trim() ?? '';
      const code = /^[0-9]{2}[0-9A-Za-z]{3}$/.test(text) ? text.toUpperCase() : undefined;
      const { level, sickLeave } = query;
      const result = await clinicCatalog.search(db, {
        provinceCode,
        communeCodes,
        ...(code ? {} : { words: wordsOf(query.q) }),
        where: (r) =>
          (!level || r.level === level) && (!code || r.code === code) && (!sickLeave || r.issues_sick_leave),
        near: nearOf(query),
        ...pageOf(query),
      });
      return {
        ...listing(query, result, language, (r) => ({
          level: r.level,
          issuesSickLeave: r.issues_sick_leave,
          ...position(r),
        })),
        places,
      };
    },

    async units(query: PageQuery & { taxCode?: string; q?: string; province?: string }, language: Language) {
      if (query.province && !findProvince2025(query.province))
        throw new AppError(400, 'validation', 'validation', {}, [
          fieldError(
            translator,
            language,
            'province',
            'unknown_unit',
            'lookup.unknownProvince',
            'querystring',
          ),
        ]);
      const words = wordsOf(query.q);
      if (!query.taxCode && !words)
        throw new AppError(400, 'lookup_query_needed', 'lookup.unitQueryNeeded', {}, [
          fieldError(translator, language, 'q', 'required', 'lookup.unitQueryNeeded', 'querystring'),
        ]);
      const filter = { taxCode: query.taxCode, words, provinceCode: query.province, ...pageOf(query) };
      // By words alone (the usual search) from the index while it is current; a tax code (unique,
      // indexed) and a stale index go to SQL.
      const result =
        (!query.taxCode && words ? await unitIndex.search(db, { ...filter, words }) : null) ??
        (await repo.searchUnits(db, filter));
      return listing(query, result, language, (r) => ({
        taxCode: r.tax_code,
        representativeName: r.representative_name,
        email: r.email,
      }));
    },

    async agents(query: DirectoryQuery, language: Language) {
      const { provinceCode, communeCodes, places } = service.resolvePlace(query, language);
      const result = await agentCatalog.search(db, {
        provinceCode,
        communeCodes,
        words: wordsOf(query.q),
        near: nearOf(query),
        ...pageOf(query),
      });
      return {
        ...listing(query, result, language, (r) => ({ kind: r.kind, ...position(r) })),
        places,
      };
    },
  };
  return service;
}

function wordsOf(q: string | undefined): string[] | undefined {
  const words = q ? lookupWords(q) : [];
  return words.length ? words : undefined;
}

function nearOf(query: { lat?: number | undefined; lng?: number | undefined }): repo.Near | undefined {
  return query.lat !== undefined && query.lng !== undefined ? { lat: query.lat, lng: query.lng } : undefined;
}

function pageOf(query: PageQuery) {
  return { limit: query.pageSize, offset: (query.page - 1) * query.pageSize };
}

function pageInfo(query: PageQuery, total: number) {
  return { page: query.page, pageSize: query.pageSize, total, pages: Math.ceil(total / query.pageSize) };
}

/**
 * A page of a directory: its rows with what every directory has (code, name, address, place named
 * in `language`, phone) and what `more` adds.
 */
function listing<R extends ListedRow, More>(
  query: PageQuery,
  result: repo.Page<R>,
  language: Language,
  more: (row: R) => More,
) {
  return {
    ...pageInfo(query, result.total),
    items: result.rows.map((r) => ({
      code: r.code,
      name: r.name,
      address: r.address,
      ...placeOf(r.province_code, r.commune_code, language),
      phone: r.phone,
      ...more(r),
    })),
  };
}

interface ListedRow {
  code: string;
  name: string;
  address: string;
  province_code: string;
  commune_code: string | null;
  phone: string | null;
}

function position(r: { latitude: number | null; longitude: number | null; distance_km: number | null }) {
  return {
    latitude: r.latitude,
    longitude: r.longitude,
    // Metres are as precise as a phone's position gets.
    distanceKm: r.distance_km === null ? null : Math.round(r.distance_km * 1000) / 1000,
  };
}

export type LookupService = ReturnType<typeof createLookupService>;
