import * as z from 'zod/mini';
import { CardStatusSchema } from './card';
import { BhxhCode, IsoDate, Money, Month, StaffPurpose } from './common';
import { defineContract, problems } from './contract';
import { PaymentStatusSchema } from './payments';
import { PaymentArrangementSchema, SchemeSchema } from './records';
import { IdempotencyHeaders, Photo } from './registration';
import {
  HOUSEHOLD_RELATIONS,
  OFFICER_REQUEST_ACTIONS,
  REQUEST_NUMBER_PATTERN,
  REQUEST_REJECTION_REASONS,
  SERVICE_REQUEST_STATUSES,
  REQUEST_TYPES,
  SERVICE_TYPES,
} from '../service-requests';
import { DOSSIER_STATUSES } from '../registration';

/**
 * Online public services (issue 23): the catalogue, a citizen's requests (file, follow, supplement,
 * withdraw), and the officers' one queue of requests of every type. A citizen reaches their own
 * requests and those they filed for their minor child; an officer or agency admin the requests
 * received by their agency or an agency below it. Anything else answers 404.
 */

const d = z.describe;
const TAGS = ['services'];
const CITIZEN = { roles: ['citizen'] } as const;
const STAFF = { roles: ['officer', 'agency_admin'] } as const;

export const ServiceTypeSchema = z.enum(SERVICE_TYPES);
/** Every type the engine runs: the services and the units' declarations (issue #27). */
export const RequestTypeSchema = z.enum(REQUEST_TYPES);
export const RequestStatusSchema = z.enum(SERVICE_REQUEST_STATUSES);
const RequestNumber = z.string().check(z.regex(REQUEST_NUMBER_PATTERN), d('e.g. DVC.0101.2026.000042'));
const AgencyCode = z.string().check(z.regex(/^[0-9A-Z]{2,8}$/));
const Text = (max: number) => z.string().check(z.trim(), z.minLength(1), z.maxLength(max));

// ---- The forms: ./service-forms (one shared schema per service) ----

export * from './service-forms';
import { HouseholdFormSchema, PhoneSchema, ServiceFormSchema, VoluntaryFormSchema } from './service-forms';

const Attachments = z
  .optional(z.array(z.object({ kind: z.enum(['evidence', 'portrait']), data: Photo })).check(z.maxLength(4)))
  .check(
    d(
      'Photos (JPEG, PNG or WebP) or PDFs of the documents, base64: photos re-encoded without metadata; PDFs checked by content (at most 20 pages, no JavaScript, launch actions or embedded files)',
    ),
  );

// ---- What a paid service costs (issue #26) ----

export const PaidServiceFormSchema = z.discriminatedUnion('type', [VoluntaryFormSchema, HouseholdFormSchema]);
export type PaidServiceForm = z.infer<typeof PaidServiceFormSchema>;

const VoluntaryQuoteSchema = z.object({
  kind: z.enum(['register', 'continue']).check(d('continue: the person already has voluntary periods')),
  fromMonth: Month,
  toMonth: Month,
  months: z.int(),
  firstMonth: z.object({
    contribution: Money,
    stateSupport: Money,
    personPays: Money,
    supportBp: z.int().check(d('Support share applied, basis points')),
  }),
  supportedMonths: z.int(),
  supportMonthsLeft: z.nullable(z.int()).check(d('Months of state support left before this payment')),
  totals: z.object({ contribution: Money, stateSupport: Money, personPays: Money }),
  minimumIncome: Money,
  maximumIncome: Money,
  rateBp: z.int(),
  sources: z.array(z.string()),
});

export const HouseholdQuoteMemberSchema = z.object({
  bhxhCode: BhxhCode,
  fullName: z.string(),
  relation: z.enum(HOUSEHOLD_RELATIONS),
  status: z.enum(['pays', 'excluded']),
  excludedReason: z
    .nullable(
      z.object({
        code: z.enum(['covered', 'already_renewed', 'under_six']),
        objectCode: z.string(),
        validTo: z.nullable(IsoDate),
      }),
    )
    .check(
      d(
        'Why a member does not pay: a card of another scheme in force, a household card already paid beyond this period, or a child under 6 (insured free by the state, object TE; validTo: the end of that cover)',
      ),
    ),
  position: z.nullable(z.int()).check(d('Place on the reduction ladder (1 = the first paying member)')),
  shareBp: z.nullable(z.int()),
  monthly: Money,
  total: Money,
  card: z
    .nullable(
      z.object({
        continuity: z.enum(['first_time', 'continuing', 'resumed', 'interrupted']),
        validFrom: IsoDate,
        validTo: IsoDate,
      }),
    )
    .check(d('The card if paid today')),
});

const HouseholdQuoteSchema = z.object({
  months: z.int(),
  baseSalary: Money,
  members: z.array(HouseholdQuoteMemberSchema),
  total: Money,
  sources: z.array(z.string()),
});

export const ServiceQuoteSchema = z
  .object({
    type: z.enum(['voluntary_si_register', 'household_hi']),
    amountVnd: Money.check(d('What the person pays')),
    voluntary: z.nullable(VoluntaryQuoteSchema),
    household: z.nullable(HouseholdQuoteSchema),
  })
  .check(z.meta({ id: 'ServiceQuote' }));
export type ServiceQuote = z.infer<typeof ServiceQuoteSchema>;

export const quoteService = defineContract({
  method: 'POST',
  path: '/api/v1/me/service-quotes',
  access: CITIZEN,
  scope: 'self',
  tags: TAGS,
  summary:
    'What a voluntary BHXH or household BHYT request would cost, from the parameter table (nothing saved)',
  description:
    'The same computation and checks as filing: the income bounds, the state support left, each household member found in the records (name and date of birth must match), members covered by another scheme excluded with the reason, the reduction ladder and the card validity if paid today.',
  body: z.object({ form: PaidServiceFormSchema }),
  responses: { 200: ServiceQuoteSchema, ...problems(400, 401, 403, 422) },
});

// ---- The catalogue ----

export const CatalogueSchema = z
  .object({
    services: z.array(
      z.object({
        type: ServiceTypeSchema,
        workingDays: z.object({ plain: z.int(), withChanges: z.int() }),
        source: z.string(),
        fee: z.int(),
        guardianMayFile: z.boolean(),
        attachmentsWithChanges: z.array(z.string()),
      }),
    ),
  })
  .check(z.meta({ id: 'ServiceCatalogue' }));
export type Catalogue = z.infer<typeof CatalogueSchema>;

export const serviceCatalogue = defineContract({
  method: 'GET',
  path: '/api/v1/services',
  access: 'public',
  scope: 'none',
  tags: TAGS,
  summary: 'The online public services: processing time (working days) with its legal source, fee',
  responses: { 200: CatalogueSchema },
});

// ---- A request ----

export const RequestEventSchema = z.object({
  seq: z.int(),
  action: z.string(),
  actorType: z.string(),
  at: z.string(),
  reasonCode: z.nullable(z.string()),
  reasonText: z.nullable(z.string()),
});

export const ServiceRequestSchema = z
  .object({
    number: z.string(),
    type: RequestTypeSchema,
    bhxhCode: z.string().check(d('The person the request is for')),
    filedByBhxhCode: z
      .nullable(z.string())
      .check(d('Who filed it (a guardian for a child); null: an employer unit (`filedByUnitCode`)')),
    filedByUnitCode: z.nullable(z.string()).check(d("A unit's declaration: the unit that filed it")),
    agencyCode: z.string(),
    status: RequestStatusSchema,
    form: z.record(z.string(), z.unknown()),
    submittedAt: z.string(),
    workingDays: z.int(),
    dueOn: IsoDate.check(d('Estimated completion day (working days, UTC+7)')),
    clockStopped: z.boolean().check(d('Waiting for the citizen: the clock is stopped')),
    late: z.boolean(),
    decidedAt: z.nullable(z.string()),
    allowedActions: z.array(z.string()),
    attachments: z
      .array(
        z.object({
          seq: z.int().check(d('The step (timeline entry) the file came with')),
          position: z.int().check(d("The file's place among that step's files, from 0")),
          kind: z.string(),
          contentType: z.string().check(d('image/jpeg (a re-encoded photo) or application/pdf')),
          byteSize: z.int(),
        }),
      )
      .check(d('Read one: `…/attachments/:seq/:position`')),
    events: z.array(RequestEventSchema),
    payment: z
      .optional(
        z.nullable(
          z.object({
            id: z.string(),
            status: PaymentStatusSchema,
            amountVnd: Money,
            refundDue: z.boolean(),
            payUrl: z
              .optional(z.string())
              .check(
                d('Where to send the browser (the gateway): only in the answer that created the payment'),
              ),
          }),
        ),
      )
      .check(d('Voluntary BHXH and household BHYT (issue #26): the newest payment of the request')),
  })
  .check(z.meta({ id: 'ServiceRequest' }));
export type ServiceRequest = z.infer<typeof ServiceRequestSchema>;

export const FileRequestSchema = z.object({
  form: ServiceFormSchema,
  agencyCode: AgencyCode,
  forBhxhCode: z.optional(BhxhCode).check(d("A guardian filing for their minor child: the child's code")),
  attachments: Attachments,
});

export const fileServiceRequest = defineContract({
  method: 'POST',
  path: '/api/v1/me/service-requests',
  access: CITIZEN,
  scope: 'self-or-ward',
  tags: TAGS,
  summary: 'File a request (Idempotency-Key: a retry answers 200 with the same request)',
  headers: IdempotencyHeaders,
  body: FileRequestSchema,
  responses: {
    200: ServiceRequestSchema,
    201: ServiceRequestSchema,
    ...problems(400, 401, 403, 404, 409, 422),
  },
});

export const MyRequestsSchema = z
  .object({
    items: z.array(
      z.object({
        number: z.string(),
        type: ServiceTypeSchema,
        bhxhCode: z.string(),
        status: RequestStatusSchema,
        submittedAt: z.string(),
        dueOn: IsoDate,
        late: z.boolean(),
      }),
    ),
  })
  .check(z.meta({ id: 'MyServiceRequests' }));

export const listMyRequests = defineContract({
  method: 'GET',
  path: '/api/v1/me/service-requests',
  access: CITIZEN,
  scope: 'self-or-ward',
  tags: TAGS,
  summary: "One's requests and those filed for one's children, newest first",
  responses: { 200: MyRequestsSchema, ...problems(401, 403) },
});

const NumberParams = z.object({ number: RequestNumber });

export const getMyRequest = defineContract({
  method: 'GET',
  path: '/api/v1/me/service-requests/:number',
  access: CITIZEN,
  scope: 'self-or-ward',
  tags: TAGS,
  summary: 'One of my requests with its timeline and estimated completion day',
  params: NumberParams,
  responses: { 200: ServiceRequestSchema, ...problems(400, 401, 403, 404) },
});

export const actOnMyRequest = defineContract({
  method: 'POST',
  path: '/api/v1/me/service-requests/:number/actions',
  access: CITIZEN,
  scope: 'self-or-ward',
  tags: TAGS,
  summary: 'Supplement (with photos) or withdraw a request (Idempotency-Key)',
  params: NumberParams,
  headers: IdempotencyHeaders,
  body: z.object({
    action: z.enum(['supplement', 'withdraw']),
    note: z.optional(Text(500)),
    attachments: Attachments,
  }),
  responses: { 200: ServiceRequestSchema, ...problems(400, 401, 403, 404, 409, 422) },
});

/**
 * Pay (again) for a voluntary BHXH or household BHYT request (issue #26): a new payment of the
 * quoted amount and the gateway URL to send the browser to. Refused (409) once the request is
 * decided, withdrawn or waiting for a supplement, or already paid.
 */
export const payMyRequest = defineContract({
  method: 'POST',
  path: '/api/v1/me/service-requests/:number/payment',
  access: CITIZEN,
  scope: 'self-or-ward',
  tags: TAGS,
  summary: 'Pay for a voluntary BHXH or household BHYT request: a new payment and the gateway URL',
  params: NumberParams,
  responses: {
    200: z
      .object({ paymentId: z.string(), amountVnd: Money, payUrl: z.string() })
      .check(z.meta({ id: 'RequestPayment' })),
    ...problems(400, 401, 403, 404, 409, 503),
  },
});

export const requestReceipt = defineContract({
  method: 'GET',
  path: '/api/v1/me/service-requests/:number/receipt',
  access: CITIZEN,
  scope: 'self-or-ward',
  tags: TAGS,
  summary: 'Giấy tiếp nhận hồ sơ và hẹn trả kết quả (PDF, in the caller’s language)',
  params: NumberParams,
  responses: { 200: { kind: 'file', contentType: 'application/pdf' }, ...problems(400, 401, 403, 404) },
});

export const requestResult = defineContract({
  method: 'GET',
  path: '/api/v1/me/service-requests/:number/result',
  access: CITIZEN,
  scope: 'self-or-ward',
  tags: TAGS,
  summary:
    'The result document of an approved request (BHXH book reissue: the electronic book notice, PDF, in the caller’s language); 404 before approval or for a service without one',
  params: NumberParams,
  responses: { 200: { kind: 'file', contentType: 'application/pdf' }, ...problems(400, 401, 403, 404) },
});

const AttachmentParams = z.object({
  number: RequestNumber,
  seq: z.coerce.number().check(z.int(), z.minimum(1), z.maximum(100_000)),
  position: z.coerce.number().check(z.int(), z.minimum(0), z.maximum(99)),
});
const ATTACHMENT_FILE = { kind: 'file', contentType: 'application/octet-stream' } as const;

export const readMyRequestAttachment = defineContract({
  method: 'GET',
  path: '/api/v1/me/service-requests/:number/attachments/:seq/:position',
  access: CITIZEN,
  scope: 'self-or-ward',
  tags: TAGS,
  summary:
    'A file attached to a request: one’s own, one filed for a child, or a minor ward’s (the read of another’s file audited)',
  description:
    'The stored bytes with their type (a re-encoded JPEG shown inline, a checked PDF as a download), never cached. The person the request is for reads it unaudited; the guardian who filed it, or the guardian of the minor it is for, reads it audited (`service_request.attachment.read`). Anybody else’s request, or a file not on it, answers 404.',
  params: AttachmentParams,
  responses: { 200: ATTACHMENT_FILE, ...problems(400, 401, 403, 404) },
});

/** The OTP to a new phone, before filing an e-transaction information change with it. */
export const sendPhoneChangeOtp = defineContract({
  method: 'POST',
  path: '/api/v1/me/e-transactions/phone-otp',
  access: CITIZEN,
  scope: 'self',
  tags: TAGS,
  summary: 'Send an OTP by SMS to the new phone of an e-transaction information change (Form 01)',
  description:
    "The code confirms that the person holds the new phone; it is given with the request (`form.phoneOtp`). A new code supersedes the caller's live one; limited per account. Resend: `POST /api/v1/auth/otp/resend`.",
  body: z.object({ phone: PhoneSchema }),
  responses: {
    200: z
      .object({
        challengeId: z.string(),
        destination: z.string().check(d('The new phone, masked')),
        expiresAt: z.string(),
        resendAt: z.string(),
      })
      .check(z.meta({ id: 'PhoneChangeOtpSent' })),
    ...problems(400, 401, 403, 409, 429),
  },
});

// ---- The officers' queue ----

export const RequestSlaSchema = z.enum(['on_time', 'due_today', 'overdue', 'paused', 'closed']);

export const RequestQueueQuery = z.object({
  status: z.optional(RequestStatusSchema).check(d('default: every open status')),
  type: z.optional(RequestTypeSchema),
  sla: z.optional(z.enum(['due_today', 'overdue'])),
  q: z
    .optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(100)))
    .check(d('a request number, a BHXH code or words of the name')),
  limit: z._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(100)), 20),
  offset: z._default(z.coerce.number().check(z.int(), z.minimum(0), z.maximum(100_000)), 0),
});

export const RequestQueueSchema = z
  .object({
    total: z.int(),
    items: z.array(
      z.object({
        number: z.string(),
        type: RequestTypeSchema,
        bhxhCode: z.string(),
        fullName: z.string(),
        agencyCode: z.string(),
        status: RequestStatusSchema,
        submittedAt: z.string(),
        dueOn: IsoDate,
        sla: RequestSlaSchema,
      }),
    ),
  })
  .check(z.meta({ id: 'RequestQueue' }));
export type RequestQueue = z.infer<typeof RequestQueueSchema>;

export const requestQueue = defineContract({
  method: 'GET',
  path: '/api/v1/officer/service-requests',
  access: STAFF,
  scope: 'agency',
  tags: TAGS,
  summary: "The queue of the agency's requests of every type, with SLA colours",
  query: RequestQueueQuery,
  responses: { 200: RequestQueueSchema, ...problems(400, 401, 403) },
});

/**
 * What an officer needs beside a request to decide it (issue 23 item 6): the person's current
 * card(s), participation summary, monthly benefits and payment arrangement, and their other open
 * requests and registration dossiers. Read through the records' data-access layer, audited as
 * `records.overview.read` with the purpose `services.review` (the person sees it).
 */
export const RecordsBesideSchema = z.object({
  cards: z
    .array(
      z.object({
        cardNumber: z.string(),
        objectCode: z.string(),
        benefitLevel: z.int(),
        fundPercent: z.number().check(d('Share of covered costs the fund pays on the correct route')),
        clinic: z.nullable(z.object({ code: z.string(), name: z.string() })),
        nextClinic: z.nullable(z.object({ code: z.string(), name: z.string(), from: IsoDate })),
        validFrom: IsoDate,
        validTo: z.nullable(IsoDate),
        status: CardStatusSchema,
      }),
    )
    .check(d('Cards in force or not yet valid; else the newest card (expired, suspended …); none: empty')),
  participation: z.object({
    bhxhCombined: z.object({ months: z.int(), years: z.int(), remainderMonths: z.int() }),
    schemes: z.array(
      z.object({
        scheme: SchemeSchema,
        months: z.int(),
        owedMonths: z.int(),
        firstMonth: z.nullable(Month),
        lastMonth: z.nullable(Month),
      }),
    ),
    lastPeriods: z
      .array(
        z.object({
          scheme: SchemeSchema,
          fromMonth: Month,
          toMonth: Month,
          unitName: z.nullable(z.string()),
          salary: Money,
          status: z.enum(['paid', 'owed']),
        }),
      )
      .check(d('The newest periods (at most 5), newest first')),
  }),
  benefits: z.object({
    monthly: z.array(
      z.object({
        kind: z.enum(['pension', 'unemployment']),
        monthlyAmount: Money,
        decisionNumber: z.string(),
        fromMonth: Month,
        toMonth: Month,
        pendingMonths: z.int(),
      }),
    ),
    arrangement: z
      .nullable(PaymentArrangementSchema)
      .check(d('How monthly benefits are paid now (the newest arrangement in effect)')),
    nextArrangement: z
      .nullable(PaymentArrangementSchema)
      .check(d('An approved change from a later month, if any')),
  }),
  openRequests: z
    .array(
      z.object({ number: z.string(), type: RequestTypeSchema, status: RequestStatusSchema, dueOn: IsoDate }),
    )
    .check(d("The person's other open service requests")),
  openDossiers: z
    .array(
      z.object({
        number: z.string(),
        status: z.enum(DOSSIER_STATUSES),
        agencyCode: z.string(),
        submittedAt: z.string(),
      }),
    )
    .check(d("The person's registration dossiers still being processed")),
});
export type RecordsBeside = z.infer<typeof RecordsBesideSchema>;

export const OfficerRequestSchema = z
  .extend(ServiceRequestSchema, {
    person: z.object({
      fullName: z.string(),
      dateOfBirth: z.string(),
      gender: z.string(),
      addressLine: z.nullable(z.string()),
      phone: z.nullable(z.string()),
    }),
    records: z
      .nullable(RecordsBesideSchema)
      .check(
        d(
          "The person's records beside the request; null when the officer's agency may no longer read them (a decided request of a person living in another province)",
        ),
      ),
  })
  .check(z.meta({ id: 'OfficerServiceRequest' }));

export const openRequest = defineContract({
  method: 'GET',
  path: '/api/v1/officer/service-requests/:number',
  access: STAFF,
  scope: 'agency',
  tags: TAGS,
  summary: "A request with the person's records beside it (audited)",
  params: NumberParams,
  responses: { 200: OfficerRequestSchema, ...problems(400, 401, 403, 404) },
});

export const readRequestAttachment = defineContract({
  method: 'GET',
  path: '/api/v1/officer/service-requests/:number/attachments/:seq/:position',
  access: STAFF,
  scope: 'agency',
  tags: TAGS,
  summary: 'A file attached to a request of the agency (read audited with the purpose; the person sees it)',
  description:
    'The same scope as the request itself: the agency that received it or one above it. Audited as `service_request.attachment.read` with the stated purpose, shown to the person under "who viewed my data". Another agency’s request, or a file not on this request, answers 404.',
  params: AttachmentParams,
  query: z.object({ purpose: StaffPurpose }),
  responses: { 200: ATTACHMENT_FILE, ...problems(400, 401, 403, 404) },
});

export const actOnRequest = defineContract({
  method: 'POST',
  path: '/api/v1/officer/service-requests/:number/actions',
  access: STAFF,
  scope: 'agency',
  tags: TAGS,
  summary:
    'Receive, ask the citizen for a supplement, approve (applies the result once) or reject (Idempotency-Key)',
  params: NumberParams,
  headers: IdempotencyHeaders,
  body: z.object({
    action: z.enum(OFFICER_REQUEST_ACTIONS),
    reasonCode: z.optional(z.enum(REQUEST_REJECTION_REASONS)).check(d('reject: a reason from the list')),
    reasonText: z
      .optional(z.string().check(z.trim(), z.minLength(3), z.maxLength(500)))
      .check(d('reject (other) or ask_supplement: in words')),
  }),
  responses: { 200: ServiceRequestSchema, ...problems(400, 401, 403, 404, 409) },
});
