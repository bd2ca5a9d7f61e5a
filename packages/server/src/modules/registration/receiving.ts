import type { Kysely } from 'kysely';
import { findCommune2025, findProvince2025, haversineKm, normalizeForSearch } from '@vssid/domain';
import type { Language } from '@vssid/domain/i18n';
import type { Database } from '../../db/schema';
import { AppError } from '../../http/problem';
import type { Translator } from '../../i18n';
import { auditService } from '../audit/service';
import type { Principal } from '../auth/guard';
import { fieldProblem } from './field-problem';
import { agencyScope } from './officer-repository';
import {
  findAgenciesWithOfficers,
  findAgency,
  findCommunePosition,
  findOfferedAgencies,
  type OfferedAgencyRow,
  updateAgencyReceiving,
} from './repository';

/**
 * Where a registration dossier may go (issue 20, item 1: "registration reaches an officer,
 * always"). RULE: an agency is offered to citizens, and accepts a dossier, only when it receives
 * dossiers (`bhxh_agencies.receives_dossiers`; the national head office never does) AND at least
 * one active officer can see its queue (an officer of the agency or of one above it). Both halves
 * are read in one statement at the time of asking (`findOfferedAgencies`), so an agency whose last
 * officer is disabled stops being offered at once. "Nearest" lists only the chosen province's
 * agencies, measured from the device's position when given, else from the chosen commune.
 */

export interface OfferedAgency {
  code: string;
  level: 'province' | 'local';
  name: string;
  address: string;
  provinceCode: string;
  communeCode: string | null;
  phone: string | null;
  /** From the origin (the device's position, else the commune); null without one. */
  distanceKm: number | null;
  /** The nearest receiving agency: the one the form suggests. */
  suggested: boolean;
}

export interface OfferQuery {
  province: string;
  commune?: string | undefined;
  lat?: number | undefined;
  lng?: number | undefined;
  q?: string | undefined;
  limit: number;
}

export type DistanceOrigin = 'position' | 'commune' | 'none';

/** 422 naming `field` (in the body): the agency is unknown, or does not receive dossiers. */
export function agencyProblem(
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
      query: OfferQuery,
      language: Language,
    ): Promise<{ origin: DistanceOrigin; items: OfferedAgency[] }> {
      if (!findProvince2025(query.province))
        throw fieldProblem(translator, language, {
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

    /**
     * For an agency admin: their agency and those below it, whether each receives dossiers, its
     * own active officers, and whether citizens are offered it now (receiving and covered).
     */
    async listForAdmin(admin: Principal) {
      const scope = admin.agencyCode ? await agencyScope(db, admin.agencyCode) : [];
      const [rows, offered] = await Promise.all([
        findAgenciesWithOfficers(db, scope),
        findOfferedAgencies(db, { codes: scope }),
      ]);
      const offeredCodes = new Set(offered.map((a) => a.code));
      return {
        agencies: rows.map((r) => ({
          code: r.code,
          name: r.name,
          level: r.level,
          receivesDossiers: r.receives_dossiers,
          officers: Number(r.officers ?? 0),
          offered: offeredCodes.has(r.code),
        })),
      };
    },

    /**
     * An agency admin says whether an agency of their scope receives dossiers (audited). The
     * national head office never does (422 on `receivesDossiers`); out of scope: 404. Dossiers it
     * already holds stay in its queue.
     */
    async setReceiving(
      admin: Principal,
      code: string,
      receives: boolean,
      ctx: { ip: string; requestId: string; language: Language },
    ) {
      const scope = admin.agencyCode ? await agencyScope(db, admin.agencyCode) : [];
      const [agency] = scope.includes(code) ? await findAgenciesWithOfficers(db, [code]) : [];
      if (!agency) throw new AppError(404, 'not_found', 'notFound');
      // The national head office has no counter for registration dossiers, ever.
      if (receives && agency.level === 'central')
        throw fieldProblem(translator, ctx.language, {
          status: 422,
          code: 'central_never_receives',
          key: 'registration.centralNeverReceives',
          field: 'receivesDossiers',
          fieldCode: 'central_never_receives',
        });
      await db.transaction().execute(async (trx) => {
        await updateAgencyReceiving(trx, code, receives);
        await auditService.record(trx, {
          actor_type: admin.role,
          actor_id: admin.accountId,
          subject_bhxh_code: null,
          action: 'agency.receiving_changed',
          target_type: 'agency',
          target_id: code,
          purpose: null,
          ip: ctx.ip,
          request_id: ctx.requestId,
          details: { receivesDossiers: receives },
        });
      });
      const changed = (await this.listForAdmin(admin)).agencies.find((a) => a.code === code);
      if (!changed) throw new AppError(404, 'not_found', 'notFound');
      return changed;
    },
  };
}

export type ReceivingAgencies = ReturnType<typeof createReceivingAgencies>;
