import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { listRecentMessages } from './service';

const InboxMessage = z
  .object({
    id: z.string(),
    channel: z.enum(['sms', 'email', 'push']),
    recipient: z.string(),
    template: z.string(),
    language: z.string(),
    payload: z.record(z.string(), z.unknown()),
    createdAt: z.string(),
    deliveredAt: z.string().nullable(),
  })
  .meta({ id: 'InboxMessage' });

/**
 * The development inbox (`DEV_INBOX=true`, never in production): the SMS and emails the system
 * sent, so that OTPs and initial passwords can be read on a laptop. Registered only when enabled.
 */
export const devInboxRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/dev/inbox/messages',
    {
      schema: {
        tags: ['development'],
        summary: 'Messages the system sent (development inbox)',
        querystring: z.object({
          recipient: z.string().min(3).max(200).optional(),
          limit: z.coerce.number().int().min(1).max(200).default(50),
        }),
        response: { 200: z.object({ messages: z.array(InboxMessage) }) },
      },
    },
    async (request) => {
      const rows = await listRecentMessages(app.database.db, request.query);
      return {
        messages: rows.map((m) => ({
          id: m.id,
          channel: m.channel,
          recipient: m.recipient,
          template: m.template,
          language: m.language,
          payload: m.payload,
          createdAt: m.created_at.toISOString(),
          deliveredAt: m.delivered_at ? m.delivered_at.toISOString() : null,
        })),
      };
    },
  );
};
