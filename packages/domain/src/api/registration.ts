import * as z from 'zod/mini';
import { defineContract, problems } from './contract';
import { ChildForm01Schema, DOSSIER_NUMBER_PATTERN, DOSSIER_STATUSES, Form01Schema } from '../registration';

/**
 * Registration, the citizen's side (issue 5): Form 01 for oneself and for a child, the receiving
 * agencies offered, the withdrawal of a pending dossier, one's dossiers and the Form 01 PDF.
 *
 * The two submit calls take either body (#21 item 7):
 * - `multipart/form-data` (the web app): a text part `form` holding the form's fields as JSON, and
 *   one file part per photo named by its kind (`portrait`, `id_front`, `id_back`; `portrait`,
 *   `birth_certificate` for a child). The server assembles the parts into the JSON shape (photos
 *   as bytes) before the contract's body schema validates it;
 * - `application/json` (small clients): the same fields with `photos` as base64 strings.
 */

const d = z.describe;
const TAGS = ['registration'];

const Base64 = (globalThis as { Buffer?: BufferLike }).Buffer;
interface BufferLike {
  isBuffer(value: unknown): boolean;
  from(text: string, encoding: 'base64'): Uint8Array & { toString(encoding: 'base64'): string };
}

/**
 * A photo handed to the server's handler as its bytes: a multipart file part as it came, or, in
 * JSON, text in canonical base64 (the alphabet, `=` padding, nothing else). Node's decoder is
 * lenient (it skips whitespace and stray characters, takes the URL-safe alphabet), so the text is
 * canonical when the decoded bytes encode back to it exactly: one native decode and one encode, no
 * second decode in the handler. Only the server validates bodies (the web sends the form parts).
 */
export const Photo = z
  .pipe(
    z.unknown(),
    z.transform((input, ctx): Uint8Array => {
      // A multipart file part arrives as its bytes (the server's preValidation hook).
      if (input instanceof Uint8Array) return input;
      // Base64 in a JSON body: the same checks and issues as a string of 4 to 3,000,000 characters.
      if (typeof input !== 'string') {
        ctx.issues.push({ code: 'invalid_type', expected: 'string', input });
        return z.NEVER;
      }
      if (input.length < 4 || input.length > 3_000_000) {
        ctx.issues.push(
          input.length < 4
            ? { code: 'too_small', origin: 'string', minimum: 4, inclusive: true, input }
            : { code: 'too_big', origin: 'string', maximum: 3_000_000, inclusive: true, input },
        );
        return z.NEVER;
      }
      if (!Base64) throw new Error('Photo: base64 bodies are decoded on the server only');
      const bytes = Base64.from(input, 'base64');
      if (bytes.toString('base64') === input) return bytes;
      ctx.issues.push({ code: 'invalid_format', format: 'base64', origin: 'string', input });
      return z.NEVER;
    }),
  )
  .check(
    z.meta({ type: 'string', minLength: 4, maxLength: 3_000_000, contentEncoding: 'base64' }),
    d(
      'The photo (JPEG, PNG or WebP): base64 with its padding in JSON, or a file part of the same name in multipart/form-data',
    ),
  );

const MULTIPART_DOC =
  'multipart/form-data (preferred): a text part `form` with the fields below except `photos`, as JSON, ' +
  'and one file part per photo named by its kind. application/json: the fields below with `photos` as base64. ' +
  'Header `Idempotency-Key` (required, `[A-Za-z0-9._:-]{8,128}`): one key per intended submission (a UUID): ' +
  'a retry with the same key finds the same dossier (200 with the same body; 201 when created).';

/** The `Idempotency-Key` header of the submit calls (checked by the server before the handler). */
export const IdempotencyHeaders = z.object({
  'idempotency-key': z
    .string()
    .check(
      z.regex(/^[A-Za-z0-9._:-]{8,128}$/),
      d('One key per intended submission (a UUID): a retry with the same key finds the same dossier'),
    ),
});

export const DossierStatusSchema = z.enum(DOSSIER_STATUSES);

/** The answer's fields (also those of one's dossiers, `MyRegistrationSchema`, which adds two). */
const RegistrationResultFields = z.object({
  number: z.string().check(d('Dossier number, e.g. 00264.GD_2026_0101')),
  kind: z.enum(['self', 'child', 'bulk']),
  status: DossierStatusSchema,
  submittedAt: z.string(),
  deadlineAt: z.string().check(d('The signed Form 01 must reach the agency before this instant')),
  delivery: z.enum(['counter', 'post']),
  agency: z.object({ code: z.string(), name: z.string(), address: z.string() }),
  registryCheck: z.object({
    outcome: z.enum(['match', 'mismatch', 'not_found', 'not_applicable']),
    fields: z.array(z.string()).check(d('Declared fields that differ from the population registry')),
  }),
  accessToken: z.string().check(d('Proof of submission: `?t=` on the Form 01 link (keep it private)')),
  form01Url: z.string().check(d('Path of the Form 01 PDF, token included')),
});
export const RegistrationResultSchema = RegistrationResultFields.check(z.meta({ id: 'RegistrationResult' }));
export type RegistrationResult = z.infer<typeof RegistrationResultSchema>;

const submitProblems = problems(400, 404, 409, 413, 422);

/**
 * The answer of a matched self registration (issue #22 item 1): the same for a new dossier, an
 * existing account and a pending dossier, since the caller has proved only a BHXH code and its
 * name. What happened (the dossier number and Form 01 link, "you already have an account", "your
 * dossier N is still being processed") goes by SMS to the phone on record with BHXH.
 */
export const RegistrationReceivedSchema = z
  .object({
    status: z.literal('received'),
    destination: z
      .nullable(z.string())
      .check(
        d(
          'The phone on record with BHXH the result was sent to, masked to its last digits; null when BHXH has no phone for the person (the dossier, if one was made, is found at the counter by the BHXH code)',
        ),
      ),
  })
  .check(z.meta({ id: 'RegistrationReceived' }));
export type RegistrationReceived = z.infer<typeof RegistrationReceivedSchema>;

export const SelfRegistrationSchema = z.extend(Form01Schema, {
  photos: z.object({ portrait: Photo, id_front: Photo, id_back: Photo }),
  // Behind the BHXH-code look-up's proof of work and per-IP limit (issue #22 item 1).
  challengeId: z.uuid().check(d('From POST /api/v1/lookup/challenge; single use')),
  nonce: z.string().check(z.regex(/^\d{1,16}$/), d('Decimal nonce solving the challenge')),
});

export const submitRegistration = defineContract({
  method: 'POST',
  path: '/api/v1/registrations',
  access: 'public',
  scope: 'any',
  tags: TAGS,
  summary: 'Register for electronic transactions (Form 01) for oneself',
  description: `${MULTIPART_DOC} Needs a solved look-up challenge (\`challengeId\`, \`nonce\`) and is limited per IP like the BHXH code look-up. An unknown BHXH code and a name that does not match answer the same 422 \`data_mismatch\`. A matched code and name answer the same 202 whatever follows (a new dossier, an existing account, a pending dossier): the outcome goes by SMS to the phone on record with BHXH, never in the answer.`,
  headers: IdempotencyHeaders,
  body: SelfRegistrationSchema,
  multipart: true,
  responses: {
    202: RegistrationReceivedSchema,
    ...submitProblems,
    ...problems(429),
  },
});

export const ChildRegistrationSchema = z.extend(ChildForm01Schema, {
  photos: z.object({ portrait: Photo, birth_certificate: Photo }),
});

export const submitChildRegistration = defineContract({
  method: 'POST',
  path: '/api/v1/me/children/registrations',
  access: { roles: ['citizen'] },
  scope: 'self-or-ward',
  tags: TAGS,
  summary: "A guardian registers their minor child's account (Đăng ký tài khoản cho con)",
  description: MULTIPART_DOC,
  headers: IdempotencyHeaders,
  body: ChildRegistrationSchema,
  multipart: true,
  responses: {
    200: RegistrationResultSchema,
    201: RegistrationResultSchema,
    ...submitProblems,
    ...problems(401, 403),
  },
});

export const ReceivingAgenciesQuery = z
  .object({
    province: z.string().check(z.regex(/^\d{2}$/)),
    commune: z
      .optional(z.string().check(z.regex(/^\d{5}$/)))
      .check(d('The chosen commune (origin without a position)')),
    lat: z.optional(z.coerce.number().check(z.minimum(-90), z.maximum(90))),
    lng: z.optional(z.coerce.number().check(z.minimum(-180), z.maximum(180))),
    q: z.optional(z.string().check(z.trim(), z.maxLength(100))),
    limit: z._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(50)), 20),
  })
  .check(
    z.refine((q) => (q.lat === undefined) === (q.lng === undefined), {
      path: ['lng'],
      message: 'lat and lng go together',
    }),
  );

export const OfferedAgencySchema = z.object({
  code: z.string(),
  level: z.enum(['province', 'local']),
  name: z.string(),
  address: z.string(),
  provinceCode: z.string(),
  communeCode: z.nullable(z.string()),
  phone: z.nullable(z.string()),
  distanceKm: z.nullable(z.number()),
  suggested: z.boolean().check(d('The nearest: the one the form suggests')),
});
export type OfferedAgency = z.infer<typeof OfferedAgencySchema>;

export const ReceivingAgenciesSchema = z
  .object({
    origin: z.enum(['position', 'commune', 'none']).check(d('What distances are measured from')),
    items: z.array(OfferedAgencySchema),
  })
  .check(z.meta({ id: 'ReceivingAgencies' }));

export const listReceivingAgencies = defineContract({
  method: 'GET',
  path: '/api/v1/registrations/agencies',
  access: 'public',
  scope: 'any',
  tags: TAGS,
  summary:
    "The agencies a dossier may be filed to in a province (receiving, with an officer), nearest first from the device's position or the chosen commune",
  query: ReceivingAgenciesQuery,
  responses: { 200: ReceivingAgenciesSchema, ...problems(400) },
});

export const WithdrawalOtpSentSchema = z
  .object({
    challengeId: z.string(),
    destination: z.string().check(d("The phone on record with BHXH (a child: the guardian's), masked")),
    expiresAt: z.string(),
    resendAt: z.string(),
  })
  .check(z.meta({ id: 'WithdrawalOtpSent' }));
export type WithdrawalOtpSent = z.infer<typeof WithdrawalOtpSentSchema>;

export const startWithdrawal = defineContract({
  method: 'POST',
  path: '/api/v1/registrations/withdrawals',
  access: 'public',
  scope: 'any',
  tags: TAGS,
  summary: 'Withdraw a pending dossier, step one: an OTP by SMS to the phone on record with BHXH',
  description:
    'An unknown BHXH code and another name answer 422 `data_mismatch`; a matched person gets the same answer (an OTP to the phone on record) whether a dossier is pending or not: step two tells which, once the OTP proves the phone.',
  body: z.object({
    bhxhCode: z.string().check(z.regex(/^\d{10}$/)),
    fullName: z.string().check(z.trim(), z.minLength(2), z.maxLength(100)),
  }),
  responses: { 200: WithdrawalOtpSentSchema, ...problems(429), ...submitProblems },
});

export const WithdrawalResultSchema = z
  .object({ number: z.string(), status: DossierStatusSchema })
  .check(z.meta({ id: 'WithdrawalResult' }));

export const confirmWithdrawal = defineContract({
  method: 'POST',
  path: '/api/v1/registrations/withdrawals/confirm',
  access: 'public',
  scope: 'any',
  tags: TAGS,
  summary: 'Withdraw a pending dossier, step two: the OTP (a retry after success answers the same)',
  body: z.object({
    bhxhCode: z.string().check(z.regex(/^\d{10}$/)),
    challengeId: z.uuid(),
    code: z.string().check(z.regex(/^\d{6}$/)),
  }),
  responses: { 200: WithdrawalResultSchema, ...problems(410, 429), ...submitProblems },
});

export const MyRegistrationSchema = z.extend(RegistrationResultFields, {
  bhxhCode: z.string(),
  fullName: z.string(),
});
export type MyRegistration = z.infer<typeof MyRegistrationSchema>;

export const listMyRegistrations = defineContract({
  method: 'GET',
  path: '/api/v1/me/registrations',
  access: { roles: ['citizen'] },
  scope: 'self-or-ward',
  tags: TAGS,
  summary: "The signed-in citizen's registration dossiers (own and children's), newest first, paged",
  query: z.object({
    limit: z._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(50)), 20),
    cursor: z.optional(z.string().check(z.maxLength(200))).check(d('nextCursor of the previous page')),
  }),
  responses: {
    200: z
      .object({
        items: z.array(MyRegistrationSchema),
        nextCursor: z.nullable(z.string()).check(d('The next page, or null on the last one')),
      })
      .check(z.meta({ id: 'MyRegistrations' })),
    ...problems(400, 401, 403),
  },
});

export const readForm01Pdf = defineContract({
  method: 'GET',
  path: '/api/v1/registrations/:number/form01.pdf',
  access: 'public',
  scope: ['self-or-ward', 'agency'],
  tags: TAGS,
  summary: 'The Form 01 declaration as a PDF (application/pdf)',
  description:
    "Who may fetch it: anyone with the submit answer's access token (`?t=`), the citizen whose dossier it is or their guardian, and the officers of its agency; others get 404.",
  params: z.object({ number: z.string().check(z.regex(DOSSIER_NUMBER_PATTERN)) }),
  query: z.object({
    t: z.optional(z.string().check(z.maxLength(64))).check(d('The access token of the submit answer')),
    download: z.optional(z.enum(['0', '1'])),
  }),
  responses: { 200: { kind: 'file', contentType: 'application/pdf' }, ...problems(400, 404) },
});
