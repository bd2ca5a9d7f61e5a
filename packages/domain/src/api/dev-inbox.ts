import * as z from 'zod/mini';
import { defineContract } from './contract';

/** The development inbox: what the system "sent" on a development machine (demo mode only). */

export const InboxMessageSchema = z
  .object({
    id: z.string(),
    channel: z.enum(['sms', 'email', 'push']),
    recipient: z.string(),
    template: z.string(),
    language: z.string(),
    payload: z.record(z.string(), z.unknown()),
    createdAt: z.string(),
    deliveredAt: z.nullable(z.string()),
  })
  .check(z.meta({ id: 'InboxMessage' }));
export type InboxMessage = z.infer<typeof InboxMessageSchema>;

export const listInboxMessages = defineContract({
  method: 'GET',
  path: '/dev/inbox/messages',
  access: 'public',
  scope: 'any',
  tags: ['development'],
  summary: 'Messages the system sent (development inbox)',
  description:
    'Exists only in demo mode (`DEV_INBOX=true`, which `npm start` sets on the embedded database; never in production): the SMS and emails the system sent, newest first, so that OTPs and initial passwords can be read on a laptop. Without it the route is not registered and the call answers 404.',
  query: z.object({
    recipient: z.optional(z.string().check(z.minLength(3), z.maxLength(200))),
    limit: z._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(200)), 50),
  }),
  responses: { 200: z.object({ messages: z.array(InboxMessageSchema) }) },
});
