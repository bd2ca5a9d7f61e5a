import { communes2025, findProvince2025, provinces2025 } from '@vssid/domain';
import {
  findBhxhCode,
  issueLookupChallenge,
  listCommunes,
  listProvinces,
  readMyBhxhCode,
  searchAgencies,
  searchAgents,
  searchClinics,
  searchUnits,
  sendBhxhCodeBySms,
} from '@vssid/domain/api/lookup';
import type { FastifyPluginAsync } from 'fastify';
import { route } from '../../http/contract-route';
import { AppError } from '../../http/problem';
import type { LookupService } from './service';

/**
 * Look-ups (Tra cứu), open before and after sign-in: the BHXH code (masked, behind a proof-of-work
 * challenge and per-IP limits; in full only to its owner or by SMS to the registered phone), and
 * the directories: BHXH agencies, contracted clinics, employer units, collection agents.
 */
export const lookupRoutes: FastifyPluginAsync<{ lookup: LookupService }> = async (app, { lookup }) => {
  route(app, issueLookupChallenge, async () => {
    const c = await lookup.issueChallenge();
    return { challengeId: c.id, salt: c.salt, bits: c.bits, expiresAt: c.expiresAt.toISOString() };
  });

  route(app, findBhxhCode, ({ ctx, body }) => lookup.lookupCode(ctx, body));

  route(app, sendBhxhCodeBySms, ({ ctx, body }) => lookup.sendCodeBySms(ctx, body.token));

  route(app, readMyBhxhCode, ({ ctx }) => lookup.myCode(ctx));

  route(app, listProvinces, async ({ ctx }) => ({
    items: provinces2025().map((p) => ({
      code: p.code,
      name: ctx.language === 'en' ? p.nameEn : p.fullName,
    })),
  }));

  route(app, listCommunes, async ({ ctx, params }) => {
    if (!findProvince2025(params.code)) throw new AppError(404, 'not_found', 'notFound');
    return {
      items: communes2025(params.code).map((c) => ({
        code: c.code,
        name: ctx.language === 'en' ? c.nameEn : c.fullName,
      })),
    };
  });

  route(app, searchAgencies, ({ ctx, query }) => lookup.agencies(ctx, query));
  route(app, searchClinics, ({ ctx, query }) => lookup.clinics(ctx, query));
  route(app, searchUnits, ({ ctx, query }) => lookup.units(ctx, query));
  route(app, searchAgents, ({ ctx, query }) => lookup.agents(ctx, query));
};
