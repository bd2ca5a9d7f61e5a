import { LANGUAGES } from '@vssid/domain/i18n';
import { liveness, readiness, reportClientProblem, systemInfo } from '@vssid/domain/api/system';
import type { FastifyPluginAsync } from 'fastify';
import type { Translator } from '../../i18n';
import { route } from '../../http/contract-route';
import { AppError } from '../../http/problem';
import type { SystemService } from './service';

/** Liveness and readiness probes (outside `/api/v1`, as load balancers expect). */
export const probeRoutes: FastifyPluginAsync<{ system: SystemService }> = async (app, { system }) => {
  route(app, liveness, async () => ({ status: 'ok' as const }), { config: { rateLimit: false } });
  route(
    app,
    readiness,
    async () => {
      const ready = await system.readiness();
      if (!ready.ready) throw new AppError(503, 'unavailable', 'unavailable');
      return { status: 'ready' as const, database: ready.engine, migrations: ready.applied };
    },
    { config: { rateLimit: false } },
  );
};

/** `/api/v1/meta` and the clients' reports. */
export const metaRoutes: FastifyPluginAsync<{
  translator: Translator;
  version: string;
  demo: boolean;
}> = async (app, { translator, version, demo }) => {
  route(app, systemInfo, async ({ ctx }) => ({
    name: translator.t(ctx.language, 'common:appName'),
    agency: translator.t(ctx.language, 'common:agency'),
    version,
    language: ctx.language,
    languages: [...LANGUAGES],
    demo,
  }));

  // A client's contract did not match an answer: a bug of one side, logged for the operators.
  // No personal data: the report names the call and the schema paths, never values.
  route(
    app,
    reportClientProblem,
    async ({ body, ctx, reply, request }) => {
      request.log.warn(
        { clientReport: body, userAgent: ctx.client.userAgent },
        'client reports an answer that broke its contract',
      );
      return reply.status(204).send(null);
    },
    { config: { rateLimit: { max: 10, timeWindow: 60_000 } } },
  );
};
