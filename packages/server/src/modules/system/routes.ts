import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { LANGUAGES } from '@vssid/domain/i18n';
import type { Translator } from '../../i18n';
import { AppError, ProblemSchema } from '../../http/problem';
import type { SystemService } from './service';

const HealthSchema = z.object({ status: z.literal('ok') }).meta({ id: 'Health' });
const ReadySchema = z
  .object({
    status: z.literal('ready'),
    database: z.enum(['pglite', 'postgres']),
    migrations: z.number().int().describe('Migrations applied'),
  })
  .meta({ id: 'Readiness' });
const MetaSchema = z
  .object({
    name: z.string().describe("The system's name in the caller's language"),
    agency: z.string(),
    version: z.string(),
    language: z.enum(LANGUAGES).describe('The language this answer is in'),
    languages: z.array(z.enum(LANGUAGES)),
  })
  .meta({ id: 'SystemInfo' });

/** Liveness and readiness probes (outside `/api/v1`, as load balancers expect). */
export const probeRoutes: FastifyPluginAsyncZod<{ system: SystemService }> = async (app, { system }) => {
  app.get(
    '/healthz',
    {
      config: { rateLimit: false },
      schema: { tags: ['system'], summary: 'Liveness: the process answers', response: { 200: HealthSchema } },
    },
    () => ({ status: 'ok' as const }),
  );
  app.get(
    '/readyz',
    {
      config: { rateLimit: false },
      schema: {
        tags: ['system'],
        summary: 'Readiness: the database answers and every migration is applied',
        response: { 200: ReadySchema, 503: ProblemSchema },
      },
    },
    async () => {
      const readiness = await system.readiness();
      if (!readiness.ready) throw new AppError(503, 'unavailable', 'unavailable');
      return { status: 'ready' as const, database: readiness.engine, migrations: readiness.applied };
    },
  );
};

/** `/api/v1/meta`: what the web app needs to know about the system before anyone signs in. */
export const metaRoutes: FastifyPluginAsyncZod<{ translator: Translator; version: string }> = async (
  app,
  { translator, version },
) => {
  app.get(
    '/meta',
    {
      schema: {
        tags: ['system'],
        summary: 'System name, version and languages',
        response: { 200: MetaSchema },
      },
    },
    (request) => ({
      name: translator.t(request.language, 'common:appName'),
      agency: translator.t(request.language, 'common:agency'),
      version,
      language: request.language,
      languages: [...LANGUAGES],
    }),
  );
};
