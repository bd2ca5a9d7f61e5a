import { listAdminAgencies, setAgencyReceiving } from '@vssid/domain/api/back-office';
import type { FastifyPluginAsync } from 'fastify';
import { route } from '../../http/contract-route';
import type { ReceivingAdmin } from './receiving-service';

/**
 * Agency admins say which agencies of their scope (their own and those below it) receive
 * registration dossiers (issue 20), under `/api/v1/admin/agencies`. Changes are audited.
 */
export const receivingAdminRoutes: FastifyPluginAsync<{ receiving: ReceivingAdmin }> = async (
  app,
  { receiving },
) => {
  route(app, listAdminAgencies, async ({ ctx }) => receiving.listForAdmin(ctx));

  route(app, setAgencyReceiving, async ({ ctx, params, body }) =>
    receiving.setReceiving(ctx, params.code, body.receivesDossiers),
  );
};
