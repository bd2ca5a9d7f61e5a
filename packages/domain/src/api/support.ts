import * as z from 'zod/mini';
import { TICKET_CATEGORIES } from '../support';
import { defineContract, problems } from './contract';
import { StaffPurpose } from './common';

/**
 * Support tickets (issue 25): a signed-in person opens a ticket (or asks to be called back); a
 * wrong-data ticket points at the exact record; it goes to the responsible agency, whose officers
 * answer, correct the record (audited; the person sees the old and the corrected value), and
 * close it; the person replies, closes, reopens and rates.
 */

const TAGS = ['support'];
const d = z.describe;
const Id = z.string().check(z.regex(/^[1-9]\d{0,17}$/));
const Text = z.string().check(z.trim(), z.minLength(5), z.maxLength(4000));

export const TicketCategorySchema = z.enum(TICKET_CATEGORIES);
export const RECORD_TYPES = ['participation', 'card', 'visit', 'benefit'] as const;
export const TicketRecordSchema = z.object({
  type: z.enum(RECORD_TYPES),
  id: z.string().check(z.maxLength(40)),
});

export const TicketStatusSchema = z.enum(['open', 'answered', 'closed']);
export const SlaColourSchema = z.enum(['green', 'amber', 'red', 'done']);

export const TicketMessageSchema = z.object({
  id: z.string(),
  author: z.enum(['person', 'officer', 'system']),
  authorName: z.nullable(z.string()),
  text: z.string(),
  at: z.string(),
});

export const CorrectionSchema = z
  .object({
    id: z.string(),
    recordType: z.enum(RECORD_TYPES),
    recordId: z.string(),
    field: z.string(),
    oldValue: z.string(),
    newValue: z.string(),
    at: z.string(),
  })
  .check(d('A correction of the record: the value before and after'));

export const TicketSchema = z
  .object({
    id: z.string(),
    category: TicketCategorySchema,
    status: TicketStatusSchema,
    text: z.string(),
    record: z.nullable(TicketRecordSchema),
    agencyCode: z.string(),
    phone: z.nullable(z.string()),
    createdAt: z.string(),
    firstAnswerDue: z.string(),
    resolutionDue: z.string(),
    sla: SlaColourSchema,
    rating: z.nullable(z.int()),
  })
  .check(z.meta({ id: 'Ticket' }));
export type Ticket = z.infer<typeof TicketSchema>;

export const TicketDetailSchema = z.object({
  ticket: TicketSchema,
  messages: z.array(TicketMessageSchema),
  corrections: z.array(CorrectionSchema),
});
export type TicketDetail = z.infer<typeof TicketDetailSchema>;

const TicketParams = z.object({ id: Id });
const CITIZEN = { roles: ['citizen'] } as const;
const OFFICERS = { roles: ['officer', 'agency_admin'] } as const;

export const NewTicketSchema = z.object({
  category: z.enum(['account', 'wrong_data', 'benefits', 'services', 'other']),
  text: Text,
  record: z.optional(TicketRecordSchema),
});
export type NewTicket = z.input<typeof NewTicketSchema>;

export const openTicket = defineContract({
  method: 'POST',
  path: '/api/v1/me/tickets',
  access: CITIZEN,
  scope: 'self',
  tags: TAGS,
  summary: 'Open a ticket; a wrong-data ticket names the record (one of the caller’s own, else 400)',
  body: NewTicketSchema,
  responses: { 201: TicketSchema, ...problems(400, 401, 403, 429) },
});

export const requestCallback = defineContract({
  method: 'POST',
  path: '/api/v1/me/callbacks',
  access: CITIZEN,
  scope: 'self',
  tags: TAGS,
  summary: 'Ask the hotline to call back: a ticket of category `callback` in the same queue',
  body: z.object({
    phone: z.string().check(z.regex(/^0\d{9}$/)),
    text: z.optional(z.string().check(z.trim(), z.maxLength(500))),
  }),
  responses: { 201: TicketSchema, ...problems(400, 401, 403, 429) },
});

export const listMyTickets = defineContract({
  method: 'GET',
  path: '/api/v1/me/tickets',
  access: CITIZEN,
  scope: 'self',
  tags: TAGS,
  summary: "The caller's tickets, newest first",
  responses: { 200: z.object({ items: z.array(TicketSchema) }), ...problems(401, 403, 429) },
});

export const getMyTicket = defineContract({
  method: 'GET',
  path: '/api/v1/me/tickets/:id',
  access: CITIZEN,
  scope: 'self',
  tags: TAGS,
  summary: 'One of the caller’s tickets with its messages and the corrections made (old and new values)',
  params: TicketParams,
  responses: { 200: TicketDetailSchema, ...problems(400, 401, 403, 404, 429) },
});

export const replyMyTicket = defineContract({
  method: 'POST',
  path: '/api/v1/me/tickets/:id/messages',
  access: CITIZEN,
  scope: 'self',
  tags: TAGS,
  summary: 'Reply on one’s ticket (a closed one is reopened)',
  params: TicketParams,
  body: z.object({ text: Text }),
  responses: { 200: TicketDetailSchema, ...problems(400, 401, 403, 404, 429) },
});

export const setMyTicketStatus = defineContract({
  method: 'POST',
  path: '/api/v1/me/tickets/:id/status',
  access: CITIZEN,
  scope: 'self',
  tags: TAGS,
  summary: 'Close or reopen one’s ticket',
  params: TicketParams,
  body: z.object({ status: z.enum(['closed', 'open']) }),
  responses: { 200: TicketDetailSchema, ...problems(400, 401, 403, 404, 429) },
});

export const rateMyTicket = defineContract({
  method: 'POST',
  path: '/api/v1/me/tickets/:id/rating',
  access: CITIZEN,
  scope: 'self',
  tags: TAGS,
  summary: 'Rate the handling of a closed ticket (1–5)',
  params: TicketParams,
  body: z.object({ rating: z.int().check(z.minimum(1), z.maximum(5)) }),
  responses: { 200: TicketDetailSchema, ...problems(400, 401, 403, 404, 409, 429) },
});

// ------------------------------------------------------------------ officers

export const listTicketQueue = defineContract({
  method: 'GET',
  path: '/api/v1/officer/tickets',
  access: OFFICERS,
  scope: 'agency',
  tags: TAGS,
  summary: "The tickets of the officer's agency and its local offices, most urgent first, with SLA colours",
  query: z.object({ status: z.optional(z.enum(['open', 'answered', 'closed'])) }),
  responses: { 200: z.object({ items: z.array(TicketSchema) }), ...problems(400, 401, 403, 429) },
});

export const ParticipationRecordSchema = z.object({
  id: z.string(),
  scheme: z.string(),
  fromMonth: z.string(),
  toMonth: z.string(),
  salary: z.int(),
  unitCode: z.nullable(z.string()),
  status: z.string(),
});

export const getTicket = defineContract({
  method: 'GET',
  path: '/api/v1/officer/tickets/:id',
  access: OFFICERS,
  scope: 'agency',
  tags: TAGS,
  summary: 'A ticket of the agency with the record it names beside it (read audited, with the purpose)',
  description: "Another agency's ticket answers 404. The record is read through the records' audited access.",
  params: TicketParams,
  query: z.object({ purpose: StaffPurpose }),
  responses: {
    200: z.object({
      detail: TicketDetailSchema,
      personName: z.string(),
      bhxhCode: z.string(),
      record: z.nullable(ParticipationRecordSchema),
    }),
    ...problems(400, 401, 403, 404, 429),
  },
});

export const answerTicket = defineContract({
  method: 'POST',
  path: '/api/v1/officer/tickets/:id/messages',
  access: OFFICERS,
  scope: 'agency',
  tags: TAGS,
  summary: 'Answer a ticket (the person is notified); `close` also closes it',
  params: TicketParams,
  body: z.object({ text: Text, close: z._default(z.boolean(), false) }),
  responses: { 200: TicketDetailSchema, ...problems(400, 401, 403, 404, 429) },
});

export const correctTicketRecord = defineContract({
  method: 'POST',
  path: '/api/v1/officer/tickets/:id/corrections',
  access: OFFICERS,
  scope: 'agency',
  tags: TAGS,
  summary:
    'Correct the participation period a wrong-data ticket names (audited; the person sees old and new)',
  params: TicketParams,
  body: z.object({
    field: z.enum(['fromMonth', 'toMonth', 'salary']),
    value: z.string().check(z.trim(), z.minLength(1), z.maxLength(20)),
    purpose: StaffPurpose,
  }),
  responses: { 200: TicketDetailSchema, ...problems(400, 401, 403, 404, 409, 429) },
});
