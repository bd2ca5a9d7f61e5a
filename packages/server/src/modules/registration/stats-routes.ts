import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ProblemSchema } from '../../http/problem';
import { principalOf, requireRole } from '../auth/guard';
import type { StatsService } from './stats-service';

/** Statistics and targets for agency admins, under `/api/v1/admin`. */

const Query = z.object({
  year: z.coerce.number().int().min(2015).max(2100),
  groupBy: z.enum(['agency', 'province']).default('agency'),
});
const Counts = {
  received: z.number().int(),
  approved: z.number().int(),
  rejected: z.number().int(),
  expired: z.number().int(),
  target: z.number().int().nullable(),
  progress: z.number().nullable().describe('approved / target, percent'),
};
const StatsSchema = z
  .object({
    year: z.number().int(),
    groupBy: z.enum(['agency', 'province']),
    rows: z.array(z.object({ key: z.string(), name: z.string(), provinceCode: z.string(), ...Counts })),
    totals: z.object(Counts),
  })
  .meta({ id: 'RegistrationStats' });
const errors = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema };

export const statsRoutes: FastifyPluginAsyncZod<{ stats: StatsService }> = async (app, { stats }) => {
  const admin = requireRole('agency_admin');

  app.get(
    '/registration-stats',
    {
      preHandler: admin,
      schema: {
        tags: ['registration'],
        summary: 'Dossiers received, approved, rejected and expired per agency or province, against targets',
        querystring: Query,
        response: { 200: StatsSchema, ...errors },
      },
    },
    async (request) => stats.stats(principalOf(request), request.query.year, request.query.groupBy),
  );

  app.get(
    '/registration-stats.csv',
    {
      preHandler: admin,
      schema: {
        tags: ['registration'],
        summary: 'The statistics as CSV',
        querystring: Query,
        response: { 200: z.string().describe('text/csv'), ...errors },
      },
    },
    async (request, reply) => {
      const body = await stats.csv(
        principalOf(request),
        request.query.year,
        request.query.groupBy,
        request.language,
      );
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header(
          'content-disposition',
          `attachment; filename="registration-stats-${request.query.year}-${request.query.groupBy}.csv"`,
        )
        .send(body);
    },
  );

  app.put(
    '/registration-targets/:agencyCode/:year',
    {
      preHandler: admin,
      schema: {
        tags: ['registration'],
        summary: "Set an agency's registration target for a year",
        params: z.object({
          agencyCode: z.string().regex(/^[0-9A-Z]{2,8}$/),
          year: z.coerce.number().int().min(2015).max(2100),
        }),
        body: z.object({ target: z.number().int().min(0).max(100_000_000) }),
        response: {
          200: z.object({ agencyCode: z.string(), year: z.number().int(), target: z.number().int() }),
          ...errors,
        },
      },
    },
    async (request) =>
      stats.setTarget(
        principalOf(request),
        request.params.agencyCode,
        request.params.year,
        request.body.target,
        {
          ip: request.ip,
          requestId: request.id,
        },
      ),
  );
};
