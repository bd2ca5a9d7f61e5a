import { listInboxMessages } from '@vssid/domain/api/dev-inbox';
import type { FastifyPluginAsync } from 'fastify';
import { route } from '../../http/contract-route';
import { listRecentMessages } from './service';

/**
 * The development inbox (`DEV_INBOX=true`, in demo mode only: `DEMO`): the SMS and emails the system
 * sent, so that OTPs and initial passwords can be read on a laptop. Registered only when enabled.
 */
export const devInboxRoutes: FastifyPluginAsync = async (app) => {
  route(app, listInboxMessages, async ({ query }) => ({
    messages: await listRecentMessages(app.database.db, query),
  }));
};
