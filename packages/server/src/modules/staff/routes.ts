import { createOfficer, listOfficers, setOfficerStatus } from '@vssid/domain/api/staff';
import type { FastifyPluginAsync } from 'fastify';
import { route } from '../../http/contract-route';
import { authContext } from '../auth/plugin';
import { createStaffService } from './service';

/** An agency admin manages the officers of their own agency, under `/api/v1/staff`. */
export const staffRoutes: FastifyPluginAsync<{ secureCookies: boolean }> = async (app, { secureCookies }) => {
  const staff = createStaffService({ db: app.database.db, auth: app.auth, translator: app.translator });

  route(app, listOfficers, async ({ ctx }) => ({ officers: await staff.listOfficers(ctx) }));

  route(app, createOfficer, async ({ body, request, reply }) =>
    reply.status(201).send(await staff.createOfficer(authContext(request, reply, secureCookies), body)),
  );

  route(app, setOfficerStatus, async ({ params, body, request, reply }) => {
    await staff.setOfficerStatus(authContext(request, reply, secureCookies), params.id, body.status);
    return reply.status(204).send(null);
  });
};
