import type { Kysely } from 'kysely';
import { findCommune2025, findProvince2025, findUnits, placeKind, type Unit2025 } from '@vssid/domain';
import type {
  ClinicQuery,
  DirectoryQuery,
  LookupPlace,
  searchAgencies,
  searchAgents,
  searchClinics,
  searchUnits,
  UnitQuery,
} from '@vssid/domain/api/lookup';
import type { ResultOf } from '@vssid/domain/api';
import type { Language } from '@vssid/domain/i18n';
import type { CallContext } from '../../context';
import type { DatabaseHandle } from '../../db/database';
import type { Database } from '../../db/schema';
import { AppError, type FieldError } from '../../http/problem';
import type { Translator } from '../../i18n';
import { Catalog, type PlacedRow, UnitWordIndex } from './catalogs';
import { fieldError } from './field-error';
import { lookupWords } from './keys';
import * as repo from './repository';

/** Where the database announces a change of a directory (migration 0010); the payload is the table. */
const CATALOG_CHANNEL = 'vssid_catalog_changed';

const LEVELS = { central: 0, province: 1, district: 2, commune: 3, local: 2 } as const;
const levelRank = (r: { level: keyof typeof LEVELS }) => LEVELS[r.level];

interface PageQuery {
  page: number;
  pageSize: number;
}

/** Where a directory row is: its 2025 province and commune, named in the reader's language. */
interface PlaceInfo {
  provinceCode: string;
  provinceName: string;
  communeCode: string | null;
  communeName: string | null;
}

/** Unit names: Vietnamese, or the data's English name for English readers. */
function unitName(unit: { name: string; nameEn?: string }, language: Language): string {
  return language === 'en' && unit.nameEn ? unit.nameEn : unit.name;
}

function placeOf(provinceCode: string, communeCode: string | null, language: Language): PlaceInfo {
  const province = findProvince2025(provinceCode);
  const commune = communeCode ? findCommune2025(communeCode) : undefined;
  return {
    provinceCode,
    provinceName: province ? unitName(province, language) : provinceCode,
    communeCode,
    communeName: commune ? unitName(commune, language) : null,
  };
}

/**
 * The directories of the look-ups: BHXH agencies, contracted clinics and collection agents (small
 * catalogs searched in this node's memory, catalogs.ts keeps them current) and employer units (a
 * word index in memory, SQL when it is behind), by place (2025 or old names), words, or nearest
 * to a position.
 */
export function createDirectories(db: Kysely<Database>, translator: Translator, unitIndexReloadMs: number) {
  const agencyCatalog = new Catalog('bhxh_agencies', repo.loadAgencies, levelRank);
  const clinicCatalog = new Catalog('clinics', repo.loadContractedClinics, levelRank);
  const agentCatalog = new Catalog('collection_agents', repo.loadAgents);
  const unitIndex = new UnitWordIndex(repo.loadUnitIndex, repo.unitsByCode, unitIndexReloadMs);
  const announced: Partial<Record<string, Pick<Catalog<PlacedRow>, 'changed' | 'setLive'>>> = {
    bhxh_agencies: agencyCatalog,
    clinics: clinicCatalog,
    collection_agents: agentCatalog,
    employer_units: unitIndex,
  };

  const unknownProvince = (language: Language) =>
    fieldError(translator, language, 'province', 'unknown_unit', 'lookup.unknownProvince', 'querystring');

  /** A position is both coordinates or neither: 400 otherwise. */
  function checkPosition(ctx: CallContext, query: { lat?: number | undefined; lng?: number | undefined }) {
    if ((query.lat === undefined) !== (query.lng === undefined))
      throw new AppError(400, 'validation', 'validation', {}, [
        {
          in: 'querystring',
          field: 'lng',
          code: 'required',
          message: translator.t(ctx.language, 'lookup.positionIncomplete'),
        },
      ]);
  }

  /**
   * The 2025 units a directory query means: the province and commune codes given, refined by
   * free text that may name a 2025 unit or an old province, district or commune (an old name
   * finds the unit(s) it became). Unknown codes are 400.
   */
  function resolvePlace(query: DirectoryQuery, language: Language) {
    const errors: FieldError[] = [];
    if (query.province && !findProvince2025(query.province)) errors.push(unknownProvince(language));
    const commune = query.commune ? findCommune2025(query.commune) : undefined;
    if (query.commune && (!commune || (query.province && commune.provinceCode !== query.province)))
      errors.push(
        fieldError(translator, language, 'commune', 'unknown_unit', 'lookup.unknownCommune', 'querystring'),
      );
    if (errors.length) throw new AppError(400, 'validation', 'validation', {}, errors);

    let provinceCode = query.province ?? commune?.provinceCode;
    let communeCodes: string[] | undefined = commune ? [commune.code] : undefined;
    let places: LookupPlace[] = [];
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
  }

  return {
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

    async agencies(ctx: CallContext, query: DirectoryQuery): Promise<ResultOf<typeof searchAgencies>> {
      checkPosition(ctx, query);
      const { language } = ctx;
      const { provinceCode, communeCodes, places } = resolvePlace(query, language);
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

    async clinics(ctx: CallContext, query: ClinicQuery): Promise<ResultOf<typeof searchClinics>> {
      checkPosition(ctx, query);
      const { language } = ctx;
      const { provinceCode, communeCodes, places } = resolvePlace(query, language);
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

    async units(ctx: CallContext, query: UnitQuery): Promise<ResultOf<typeof searchUnits>> {
      const { language } = ctx;
      if (query.province && !findProvince2025(query.province))
        throw new AppError(400, 'validation', 'validation', {}, [unknownProvince(language)]);
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

    async agents(ctx: CallContext, query: DirectoryQuery): Promise<ResultOf<typeof searchAgents>> {
      checkPosition(ctx, query);
      const { language } = ctx;
      const { provinceCode, communeCodes, places } = resolvePlace(query, language);
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
