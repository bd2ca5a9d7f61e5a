import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ProblemSchema } from '../../http/problem';
import { principalOf, requireRole } from '../auth/guard';
import type { ReceivingAgencies } from './receiving';

/**
 * Agency admins say which agencies of their scope (their own and those below it) receive
 * registration dossiers (issue 20), under `/api/v1/admin/agencies`. Changes are audited.
 */
const AdminAgency = z
  .object({
    code: z.string(),
    name: z.string(),
    level: z.enum(['central', 'province', 'local']),
    receivesDossiers: z.boolean(),
    officers: z.number().int().describe('Its own active officers'),
    offered: z.boolean().describe('Citizens may file to it now: it receives and an officer sees its queue'),
  })
  .meta({ id: 'AdminAgency' });
const errors = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema };

export const receivingAdminRoutes: FastifyPluginAsyncZod<{ receiving: ReceivingAgencies }> = async (
  app,
  { receiving },
) => {
  const admin = requireRole('agency_admin');

  app.get(
    '/',
    {
      preHandler: admin,
      schema: {
        tags: ['registration'],
        summary: "The admin's agency and those below it: whether each receives registration dossiers",
        response: { 200: z.object({ agencies: z.array(AdminAgency) }), ...errors },
      },
    },
    (request) => receiving.listForAdmin(principalOf(request)),
  );

  app.put(
    '/:code/receiving',
    {
      preHandler: admin,
      schema: {
        tags: ['registration'],
        summary: "Whether an agency of the admin's scope receives registration dossiers (audited)",
        params: z.object({ code: z.string().regex(/^[0-9A-Z]{2,8}$/) }),
        body: z.object({ receivesDossiers: z.boolean() }),
        response: { 200: AdminAgency, 422: ProblemSchema, ...errors },
      },
    },
    (request) =>
      receiving.setReceiving(principalOf(request), request.params.code, request.body.receivesDossiers, {
        ip: request.ip,
        requestId: request.id,
        language: request.language,
      }),
  );
};
