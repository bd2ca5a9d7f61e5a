import {
  registrationStats,
  registrationStatsCsv,
  setRegistrationTarget,
} from '@vssid/domain/api/back-office';
import type { FastifyPluginAsync } from 'fastify';
import { route } from '../../http/contract-route';
import type { StatsService } from './stats-service';

/** Statistics and targets for agency admins, under `/api/v1/admin` (contracts: `@vssid/domain/api/back-office`). */
export const statsRoutes: FastifyPluginAsync<{ stats: StatsService }> = async (app, { stats }) => {
  route(app, registrationStats, async ({ ctx, query }) => stats.stats(ctx, query.year, query.groupBy));

  route(app, registrationStatsCsv, async ({ ctx, query, reply }) => {
    const body = await stats.csv(ctx, query.year, query.groupBy);
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header(
        'content-disposition',
        `attachment; filename="registration-stats-${query.year}-${query.groupBy}.csv"`,
      )
      .send(body);
  });

  route(app, setRegistrationTarget, async ({ ctx, params, body }) =>
    stats.setTarget(ctx, params.agencyCode, params.year, body.target),
  );
};
