import * as z from 'zod/mini';
import {
  CORRECTABLE_FIELD_NAMES,
  OTP_TICKET_CATEGORIES,
  TICKET_ATTACHMENTS,
  TICKET_CATEGORIES,
} from '../support';
import { defineContract, problems } from './contract';
import { StaffPurpose } from './common';
import { Photo } from './registration';

/**
 * Support tickets (issue 25): a signed-in person opens a ticket (or asks to be called back); a
 * wrong-data ticket points at the exact record; it goes to the responsible agency, whose officers
 * answer, correct the record (audited; the person sees the old and the corrected value), and
 * close it; the person replies, closes, reopens and rates. Someone not signed in opens one with an
 * OTP to the phone on record (`startOtpTicket`, `confirmOtpTicket`). Tickets and replies carry
 * attachments (photos re-encoded, PDFs checked by content), read by the person, their guardian
 * (a minor's) and the responsible agency's officers (audited).
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

export const TicketAttachmentSchema = z
  .object({
    id: z.string(),
    messageId: z.nullable(z.string()).check(d('The reply it came with; null: with the ticket itself')),
    author: z.enum(['person', 'officer']),
    contentType: z.enum(['image/jpeg', 'application/pdf']),
    byteSize: z.int(),
    at: z.string(),
  })
  .check(z.meta({ id: 'TicketAttachment' }));
export type TicketAttachment = z.infer<typeof TicketAttachmentSchema>;

/** Files sent with a ticket or a reply, base64 in JSON. */
const Attachments = z
  .optional(z.array(z.object({ data: Photo })).check(z.maxLength(TICKET_ATTACHMENTS.perMessage)))
  .check(
    d(
      `At most ${String(TICKET_ATTACHMENTS.perMessage)} photos (JPEG, PNG or WebP; re-encoded without metadata) or PDFs (checked by content: at most 20 pages, no JavaScript, launch actions or embedded files), ${String(TICKET_ATTACHMENTS.maxBytes / 1024 / 1024)} MB each, ${String(TICKET_ATTACHMENTS.perTicket)} on a ticket; a refused file is a 422 naming \`attachments.<i>.data\``,
    ),
  );

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
  attachments: z.array(TicketAttachmentSchema),
});
export type TicketDetail = z.infer<typeof TicketDetailSchema>;

const TicketParams = z.object({ id: Id });
const CITIZEN = { roles: ['citizen'] } as const;
const OFFICERS = { roles: ['officer', 'agency_admin'] } as const;

export const NewTicketSchema = z.object({
  category: z.enum(['account', 'wrong_data', 'benefits', 'services', 'other']),
  text: Text,
  record: z.optional(TicketRecordSchema),
  attachments: Attachments,
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
  responses: { 201: TicketSchema, ...problems(400, 401, 403, 422, 429) },
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
  summary: 'Reply on one’s ticket, with attachments (a closed one is reopened; the officers see it unread)',
  params: TicketParams,
  body: z.object({ text: Text, attachments: Attachments }),
  responses: { 200: TicketDetailSchema, ...problems(400, 401, 403, 404, 409, 422, 429) },
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

const AttachmentParams = z.object({ id: Id, attachmentId: Id });
const ATTACHMENT_FILE = { kind: 'file', contentType: 'application/octet-stream' } as const;

export const readMyTicketAttachment = defineContract({
  method: 'GET',
  path: '/api/v1/me/tickets/:id/attachments/:attachmentId',
  access: CITIZEN,
  scope: 'self-or-ward',
  tags: TAGS,
  summary: 'A file attached to one’s ticket (or to a minor ward’s: the guardian’s read is audited)',
  description:
    'The stored bytes: a re-encoded JPEG or a checked PDF, with its type. Anybody else’s ticket or file answers 404.',
  params: AttachmentParams,
  responses: { 200: ATTACHMENT_FILE, ...problems(400, 401, 403, 404, 429) },
});

// ------------------------------------------------------------ not signed in

const OtpTicketCategorySchema = z.enum(OTP_TICKET_CATEGORIES);

export const OtpTicketSentSchema = z
  .object({
    challengeId: z.string(),
    expiresAt: z.string(),
    resendAt: z.string(),
  })
  .check(z.meta({ id: 'OtpTicketSent' }));
export type OtpTicketSent = z.infer<typeof OtpTicketSentSchema>;

export const startOtpTicket = defineContract({
  method: 'POST',
  path: '/api/v1/support/tickets',
  access: 'public',
  scope: 'any',
  tags: TAGS,
  summary: 'Open a ticket without signing in, step one: an OTP by SMS to the phone on record with BHXH',
  description:
    'Names the person by BHXH code or by the phone registered with BHXH, behind the look-up’s proof of work (`challengeId`, `nonce` from POST /api/v1/lookup/challenge) and limited per code or phone and per address. The answer is the same 202 whether or not the code or phone is on record (nothing tells who exists): when it is, a code goes by SMS to the phone on record; when it is not, nothing is sent and no code will ever match the challenge. The resend is `POST /api/v1/auth/otp/resend`. ' +
    'Design (issue 25): the ticket is opened by step two for the person on record, routed as a signed-in person’s ticket is; there is no token to follow it: the number and the officers’ answers come by SMS to the phone on record, and the ticket is among the person’s own in the app once they sign in (where they reply, close and rate).',
  body: z.object({
    bhxhCode: z.optional(z.string().check(z.regex(/^\d{10}$/))),
    phone: z.optional(z.string().check(z.regex(/^0\d{9}$/))),
    challengeId: z.uuid().check(d('From POST /api/v1/lookup/challenge; single use')),
    nonce: z.string().check(z.regex(/^\d{1,16}$/), d('Decimal nonce solving the challenge')),
  }),
  responses: { 202: OtpTicketSentSchema, ...problems(400, 429) },
});

export const confirmOtpTicket = defineContract({
  method: 'POST',
  path: '/api/v1/support/tickets/confirm',
  access: 'public',
  scope: 'any',
  tags: TAGS,
  summary:
    'Open a ticket without signing in, step two: the OTP and the ticket (a retry after success answers the same ticket)',
  description:
    'A wrong code answers 400 `otp_invalid` with the attempts left, an expired or used challenge 410, too many attempts 429, whether or not the step-one code or phone was on record. On success the ticket is opened for the person on record (a wrong-data ticket needs signing in: it names one of one’s records), an SMS confirms its number, and the officers’ answers also go by SMS.',
  body: z.object({
    challengeId: z.uuid(),
    code: z.string().check(z.regex(/^\d{6}$/)),
    category: OtpTicketCategorySchema,
    text: Text,
    attachments: Attachments,
  }),
  responses: { 201: TicketSchema, ...problems(400, 410, 422, 429) },
});

// ------------------------------------------------------------------ officers

export const listTicketQueue = defineContract({
  method: 'GET',
  path: '/api/v1/officer/tickets',
  access: OFFICERS,
  scope: 'agency',
  tags: TAGS,
  summary: "The tickets of the officer's agency and its local offices, most urgent first, with SLA colours",
  description:
    'Tickets waiting for the agency (`open`: new, or written to again by the person) come before those answered; `unread` marks those the person opened or wrote to since an officer of the agency last opened or answered them.',
  query: z.object({ status: z.optional(z.enum(['open', 'answered', 'closed'])) }),
  responses: {
    200: z.object({ items: z.array(z.extend(TicketSchema, { unread: z.boolean() })) }),
    ...problems(400, 401, 403, 429),
  },
});

export const countUnreadTickets = defineContract({
  method: 'GET',
  path: '/api/v1/officer/tickets/unread-count',
  access: OFFICERS,
  scope: 'agency',
  tags: TAGS,
  summary: 'How many tickets of the agency and its local offices are unread (the tickets menu’s marker)',
  responses: { 200: z.object({ count: z.int() }), ...problems(401, 403, 429) },
});

export const CorrectableFieldSchema = z.enum(CORRECTABLE_FIELD_NAMES);
export type CorrectableFieldName = z.infer<typeof CorrectableFieldSchema>;

export const TicketRecordViewSchema = z
  .object({
    type: z.enum(RECORD_TYPES),
    id: z.string(),
    fields: z
      .array(z.object({ field: z.string(), value: z.nullable(z.string()) }))
      .check(
        d('The record’s values as shown to the officer (months yyyy-mm, days yyyy-mm-dd, amounts in đồng)'),
      ),
    correctable: z.array(CorrectableFieldSchema),
  })
  .check(z.meta({ id: 'TicketRecordView' }));
export type TicketRecordView = z.infer<typeof TicketRecordViewSchema>;

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
      record: z.nullable(TicketRecordViewSchema),
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
  summary: 'Answer a ticket, with attachments (the person is notified); `close` also closes it',
  description:
    'The person gets one inbox message (and a push where they allow system messages) per answer; a ticket opened with an OTP also gets the answer by SMS.',
  params: TicketParams,
  body: z.object({ text: Text, close: z._default(z.boolean(), false), attachments: Attachments }),
  responses: { 200: TicketDetailSchema, ...problems(400, 401, 403, 404, 409, 422, 429) },
});

export const readTicketAttachment = defineContract({
  method: 'GET',
  path: '/api/v1/officer/tickets/:id/attachments/:attachmentId',
  access: OFFICERS,
  scope: 'agency',
  tags: TAGS,
  summary: 'A file attached to a ticket of the agency (read audited, with the purpose)',
  description: "Another agency's ticket, or a file not on this ticket, answers 404.",
  params: AttachmentParams,
  query: z.object({ purpose: StaffPurpose }),
  responses: { 200: ATTACHMENT_FILE, ...problems(400, 401, 403, 404, 429) },
});

export const correctTicketRecord = defineContract({
  method: 'POST',
  path: '/api/v1/officer/tickets/:id/corrections',
  access: OFFICERS,
  scope: 'agency',
  tags: TAGS,
  summary:
    'Correct the record a wrong-data ticket names: a participation period, a card, a visit or a benefit payment (audited; the person sees old and new)',
  description:
    'The fields allowed per record type: participation `fromMonth`, `toMonth` (yyyy-mm), `salary` (đồng); card `registeredClinicCode` (a clinic code), `validFrom`, `validTo` (yyyy-mm-dd), `benefitLevel` (1–5); visit `diagnosisIn`, `diagnosisOut` (text), `admittedOn`, `dischargedOn` (yyyy-mm-dd, the time of day kept); benefit `amount` (đồng), `periodFrom`, `periodTo` (yyyy-mm-dd). Another field for the type, or a value out of shape or order, is a 400 naming `field` or `value`. Audited as `records.<type>.corrected`.',
  params: TicketParams,
  body: z.object({
    field: CorrectableFieldSchema,
    value: z.string().check(z.trim(), z.minLength(1), z.maxLength(500)),
    purpose: StaffPurpose,
  }),
  responses: { 200: TicketDetailSchema, ...problems(400, 401, 403, 404, 409, 429) },
});
