import {
  checkCard,
  checkCardOnScreen,
  listTodayChecks,
  listVisitFiles,
  listClerks,
  listClinicCredentials,
  registerClerk,
  removeClerk,
  rotateGatewayCredential,
  submitVisitFiles,
  takeToken,
  VISIT_ENVELOPE_BYTES,
} from '@vssid/domain/api/gateway';
import type { FastifyPluginAsync } from 'fastify';
import { route } from '../../http/contract-route';
import { GATEWAY_LIMITS } from './auth';
import type { GatewayModule } from './index';

/** The clinic gateway under `/api` (issue #24): the national gateway's paths, and its administration. */
export const gatewayRoutes: FastifyPluginAsync<{ gateway: GatewayModule }> = async (app, { gateway }) => {
  const noStore = { 'cache-control': 'no-store' };
  // A clinic's software calls from one address at the rate of its counters: the global per-address
  // limit (RATE_LIMIT_MAX, 600 a minute) would stop it far below the per-clinic limits the calls
  // are counted against (GATEWAY_LIMITS, after the token is checked). Per address here: those
  // limits and a margin, against floods of calls with forged tokens.
  const perAddress = {
    config: {
      rateLimit: { max: GATEWAY_LIMITS.checksPerMinute + GATEWAY_LIMITS.visitsPerMinute, timeWindow: 60_000 },
    },
  };

  route(app, takeToken, async ({ body, reply }) => {
    void reply.headers(noStore);
    return gateway.admin.takeToken(body);
  });

  route(
    app,
    checkCard,
    async ({ ctx, query, body, reply }) => {
      void reply.headers(noStore);
      return gateway.checks.checkByGateway(ctx, query, body);
    },
    perAddress,
  );

  // The envelope in base64 inside JSON: 4/3 of its bytes, and room for the other fields.
  route(
    app,
    submitVisitFiles,
    async ({ ctx, query, body }) => gateway.visits.submitByGateway(ctx, query, body),
    {
      ...perAddress,
      bodyLimit: Math.ceil((VISIT_ENVELOPE_BYTES * 4) / 3) + 64 * 1024,
    },
  );

  route(app, listClinicCredentials, async ({ ctx, query }) => gateway.admin.listCredentials(ctx, query.q));

  route(app, rotateGatewayCredential, async ({ ctx, params, reply }) => {
    void reply.headers(noStore);
    return gateway.admin.rotateCredential(ctx, params.clinicCode);
  });

  route(app, checkCardOnScreen, async ({ ctx, body, reply }) => {
    void reply.headers(noStore);
    return gateway.screen.check(ctx, body);
  });
  route(app, listTodayChecks, async ({ ctx }) => gateway.screen.today(ctx));
  route(app, listVisitFiles, async ({ ctx }) => gateway.screen.visitFiles(ctx));

  route(app, listClerks, async ({ ctx }) => gateway.admin.listClerks(ctx));
  route(app, registerClerk, async ({ ctx, body }) => gateway.admin.registerClerk(ctx, body));
  route(app, removeClerk, async ({ ctx, params, reply }) => {
    await gateway.admin.removeClerk(ctx, params.cccd);
    return reply.status(204).send();
  });
};
