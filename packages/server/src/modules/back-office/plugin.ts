import type { FastifyPluginAsync } from 'fastify';
import type { FileStorage } from '../../adapters/storage';
import type { Translator } from '../../i18n';
import type { AuthService } from '../auth/service';
import { bulkRoutes } from './bulk-routes';
import { createBulkService } from './bulk-service';
import { officerRoutes } from './officer-routes';
import { createOfficerService } from './officer-service';
import { receivingAdminRoutes } from './receiving-routes';
import { createReceivingAdmin } from './receiving-service';
import { statsRoutes } from './stats-routes';
import { createStatsService } from './stats-service';

/**
 * The registration back office, registered once in app.ts: `/officer/dossiers` (queue, dossier,
 * photos, actions), `/officer/bulk-imports` (unit and school lists), `/admin/registration-*`
 * (statistics and targets) and `/admin/agencies` (which agencies receive dossiers). It uses the
 * registration core (dossiers, their log, the receiving agencies) through `../registration`.
 */
export const officerBackOffice: FastifyPluginAsync<{
  auth: AuthService;
  translator: Translator;
  /** The photos' storage (the same the citizen side writes to). */
  files: FileStorage;
}> = async (app, options) => {
  const db = app.database.db;
  const officer = createOfficerService({ db, translator: options.translator, auth: options.auth });
  await app.register(officerRoutes, {
    prefix: '/officer/dossiers',
    officer,
    files: options.files,
  });
  await app.register(bulkRoutes, {
    prefix: '/officer/bulk-imports',
    bulk: createBulkService({ db, translator: options.translator }),
  });
  await app.register(receivingAdminRoutes, {
    prefix: '/admin/agencies',
    receiving: createReceivingAdmin({ db, translator: options.translator }),
  });
  await app.register(statsRoutes, {
    prefix: '/admin',
    stats: createStatsService({ db, translator: options.translator }),
  });
};
