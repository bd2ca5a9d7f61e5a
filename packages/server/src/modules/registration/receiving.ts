import type { Kysely } from 'kysely';
import type { OfferedAgency, ReceivingAgenciesQuery } from '@vssid/domain/api/registration';
import type * as z from 'zod/mini';
import type { CallContext } from '../../context';
import { findCommune2025, findProvince2025, haversineKm, normalizeForSearch } from '@vssid/domain';
import type { Language } from '@vssid/domain/i18n';
import type { Database } from '../../db/schema';
import type { AppError } from '../../http/problem';
import type { Translator } from '../../i18n';
import { fieldProblem } from './field-problem';
import { findAgency, findCommunePosition, findOfferedAgencies, type OfferedAgencyRow } from './repository';

/**
 * Where a registration dossier may go (issue 20, item 1: "registration reaches an officer,
 * always"). RULE: an agency is offered to citizens, and accepts a dossier, only when it receives
 * dossiers (`bhxh_agencies.receives_dossiers`; the national head office never does) AND at least
 * one active officer can see its queue (an officer of the agency or of one above it). Both halves
 * are read in one statement at the time of asking (`findOfferedAgencies`), so an agency whose last
 * officer is disabled stops being offered at once. "Nearest" lists only the chosen province's
 * agencies, measured from the device's position when given, else from the chosen commune.
 */

type OfferQuery = z.infer<typeof ReceivingAgenciesQuery>;

type DistanceOrigin = 'position' | 'commune' | 'none';

/** 422 naming `field` (in the body): the agency is unknown, or does not receive dossiers. */
function agencyProblem(
  translator: Translator,
  language: Language,
  field: string,
  kind: 'not_found' | 'not_receiving',
): AppError {
  return kind === 'not_found'
    ? fieldProblem(translator, language, {
        status: 422,
        code: 'agency_not_found',
        key: 'registration.agencyNotFound',
        field,
        fieldCode: kind,
      })
    : fieldProblem(translator, language, {
        status: 422,
        code: 'agency_not_receiving',
        key: 'registration.agencyNotReceiving',
        field,
        fieldCode: kind,
      });
}

export function createReceivingAgencies(deps: { db: Kysely<Database>; translator: Translator }) {
  const { db, translator } = deps;
  const describe = (row: OfferedAgencyRow, distanceKm: number | null): OfferedAgency => ({
    code: row.code,
    level: row.level,
    name: row.name,
    address: row.address,
    provinceCode: row.province_code,
    communeCode: row.commune_code,
    phone: row.phone,
    distanceKm: distanceKm === null ? null : Math.round(distanceKm * 10) / 10,
    suggested: false,
  });

  return {
    /**
     * The receiving agencies of a province, nearest first when there is an origin: the device's
     * position (lat, lng), else the chosen commune (an agency in that commune first, then by the
     * distance from the commune's position, see `findCommunePosition`). Without an origin: the
     * provincial office, then the local offices by name.
     */
    async offered(
      ctx: CallContext,
      query: OfferQuery,
    ): Promise<{ origin: DistanceOrigin; items: OfferedAgency[] }> {
      if (!findProvince2025(query.province))
        throw fieldProblem(translator, ctx.language, {
          status: 400,
          code: 'validation',
          key: 'lookup.unknownProvince',
          field: 'province',
          fieldCode: 'unknown_unit',
          in: 'querystring',
        });
      const rows = await findOfferedAgencies(db, { provinceCode: query.province });
      const commune = query.commune ? findCommune2025(query.commune) : undefined;
      const inCommune = commune?.provinceCode === query.province ? commune.code : undefined;
      let origin: DistanceOrigin = 'none';
      let from: { latitude: number; longitude: number } | undefined;
      if (query.lat !== undefined && query.lng !== undefined) {
        origin = 'position';
        from = { latitude: query.lat, longitude: query.lng };
      } else if (inCommune) {
        origin = 'commune';
        from = await findCommunePosition(db, inCommune);
      }
      const words = normalizeForSearch(query.q ?? '')
        .split(' ')
        .filter(Boolean);
      const listed = rows
        .filter((r) => {
          const text = normalizeForSearch(`${r.name} ${r.address}`);
          return words.every((w) => text.includes(w));
        })
        .map((r) => {
          const km =
            from && r.latitude !== null && r.longitude !== null
              ? haversineKm(from.latitude, from.longitude, r.latitude, r.longitude)
              : null;
          // In the chosen commune: nearest by definition when no device position was given.
          const rank = origin === 'commune' && r.commune_code === inCommune ? -1 : (km ?? Infinity);
          return { row: r, km, rank };
        })
        .sort(
          (a, b) =>
            a.rank - b.rank ||
            (a.row.level === b.row.level ? 0 : a.row.level === 'province' ? -1 : 1) ||
            a.row.name.localeCompare(b.row.name, 'vi'),
        );
      const items = listed.slice(0, query.limit).map((x) => describe(x.row, x.km));
      const first = items[0];
      if (first && origin !== 'none') first.suggested = true;
      return { origin, items };
    },

    /**
     * The agency a dossier is filed or redirected to, when it may receive one; otherwise 422
     * naming `field`: `agency_not_found` (unknown code) or `agency_not_receiving` (the national
     * head office, an agency that does not receive, or one no officer can see).
     */
    async getReceiving(code: string, field: string, language: Language) {
      const [offered] = await findOfferedAgencies(db, { code });
      if (offered) return offered;
      const known = await findAgency(db, code);
      throw agencyProblem(translator, language, field, known ? 'not_receiving' : 'not_found');
    },
  };
}

export type ReceivingAgencies = ReturnType<typeof createReceivingAgencies>;
