import multipart from '@fastify/multipart';
import type { FastifyReply, FastifyRequest } from 'fastify';
import secureJson from 'secure-json-parse';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ChildForm01Schema, DOSSIER_STATUSES, Form01Schema } from '@vssid/domain';
import { AppError, invalidCursor, ProblemSchema } from '../../http/problem';
import { principalOf, requireRole } from '../auth/guard';
import { readSubmitParts, SUBMIT_MULTIPART_OPTIONS } from './multipart';
import type { ReceivingAgencies } from './receiving';
import { decodeDossierCursor, type SubmitService } from './submit-service';
import type { WithdrawService } from './withdraw-service';

/**
 * Citizen routes of registration (issue 5). The two submit routes take either body (#21 item 7):
 *
 * - `multipart/form-data` (the web app): a text part `form` holding the form's fields as JSON,
 *   and one file part per photo named by its kind (`portrait`, `id_front`, `id_back`;
 *   `portrait`, `birth_certificate` for a child). Each photo part is read as it arrives, up to the
 *   cleaner's size limit (a longer part is cut one byte past it, and the cleaner refuses it as too
 *   large, naming the field), and handed as bytes to the image cleaner: no base64, no 1.2 MB JSON.
 * - `application/json` (small clients): the same fields with `photos` as base64 strings; three
 *   phone photos of ≤ 2 MB fit the route's 9 MB body limit.
 *
 * Both are validated by the same zod schema (the multipart parts are assembled into the JSON
 * shape, photos as bytes) and give the same field-named problems.
 *
 * - `POST /registrations`: anonymous Form 01 for oneself; `Idempotency-Key` required; 201 when
 *   created, 200 with the same body when the key was seen before.
 * - `GET /registrations/:number/form01.pdf?t=<accessToken>`: the declaration (see
 *   `SubmitService.form01` for who may fetch it); `?download=1` asks for an attachment.
 * - `POST /me/children/registrations`: a signed-in guardian registers a minor child.
 * - `GET /me/registrations`: the signed-in citizen's dossiers, their own and their children's.
 * - `GET /registrations/agencies`: the agencies a dossier may be filed to (anyone; see `receiving.ts`).
 * - `POST /registrations/withdrawals` then `POST /registrations/withdrawals/confirm`: anyone who
 *   knows the BHXH code and name of a pending dossier asks for an OTP, sent by SMS to the
 *   dossier's phone; the code withdraws it (the person may then file again).
 */

const TAGS = ['registration'];
/** Room for three 2 MB photos in base64 (4/3) plus the form. */
export const REGISTRATION_BODY_LIMIT = 9 * 1024 * 1024;

/**
 * A photo given to the handler as its bytes: a multipart file part as it came, or, in JSON, text
 * in canonical base64 (the alphabet, `=` padding, nothing else). Node's decoder is lenient (it skips whitespace and stray characters, takes the
 * URL-safe alphabet), so the text is canonical when the decoded bytes encode back to it exactly:
 * one native decode and one encode, no second decode in the handler (about 0.6 ms of event loop
 * saved per 400 KB photo, three photos per submission; the round trip itself is about five times
 * faster than the regular expression it replaced).
 */
const Photo = z
  .unknown()
  .transform((input, ctx): Buffer => {
    // A multipart file part arrives as its bytes (the preValidation hook below).
    if (Buffer.isBuffer(input)) return input;
    // Base64 in a JSON body: the same checks and issues as z.string().min(4).max(3_000_000).
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
    const bytes = Buffer.from(input, 'base64');
    if (bytes.toString('base64') === input) return bytes;
    ctx.issues.push({ code: 'invalid_format', format: 'base64', origin: 'string', input });
    return z.NEVER;
  })
  .meta({ type: 'string', minLength: 4, maxLength: 3_000_000, contentEncoding: 'base64' })
  .describe(
    'The photo (JPEG, PNG or WebP): base64 with its padding in JSON, or a file part of the same name in multipart/form-data',
  );

const MULTIPART_DOC =
  'multipart/form-data (preferred): a text part `form` with the fields below except `photos`, as JSON, ' +
  'and one file part per photo named by its kind. application/json: the fields below with `photos` as base64.';

const IdempotencyHeaders = z.object({
  'idempotency-key': z
    .string()
    .regex(/^[A-Za-z0-9._:-]{8,128}$/)
    .describe('One key per intended submission (a UUID): a retry with the same key finds the same dossier'),
});

export const SubmitResultSchema = z
  .object({
    number: z.string().describe('Dossier number, e.g. 00264.GD_2026_0101'),
    kind: z.enum(['self', 'child', 'bulk']),
    status: z.enum(DOSSIER_STATUSES),
    submittedAt: z.string(),
    deadlineAt: z.string().describe('The signed Form 01 must reach the agency before this instant'),
    delivery: z.enum(['counter', 'post']),
    agency: z.object({ code: z.string(), name: z.string(), address: z.string() }),
    registryCheck: z.object({
      outcome: z.enum(['match', 'mismatch', 'not_found', 'not_applicable']),
      fields: z.array(z.string()).describe('Declared fields that differ from the population registry'),
    }),
    accessToken: z.string().describe('Proof of submission: `?t=` on the Form 01 link (keep it private)'),
    form01Url: z.string().describe('Path of the Form 01 PDF, token included'),
  })
  .meta({ id: 'RegistrationResult' });

const errors = {
  400: ProblemSchema,
  404: ProblemSchema,
  409: ProblemSchema,
  413: ProblemSchema,
  422: ProblemSchema,
};

export const registrationRoutes: FastifyPluginAsyncZod<{
  submit: SubmitService;
  receiving: ReceivingAgencies;
  withdraw: WithdrawService;
}> = async (app, { submit, receiving, withdraw }) => {
  // The photos make these bodies about 1.2 MB. Fastify's JSON parser looks for prototype poisoning
  // by running two regular expressions over the whole text (about 0.35 ms each at that size)
  // before it scans the parsed object; here the parsed object, a few dozen nodes, is scanned
  // directly with the same library's scan. A body it refuses is parsed again by the strict
  // default parser, so the answer is the same as on every other route.
  const plainJson = app.getDefaultJsonParser('ignore', 'ignore');
  const strictJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    void plainJson(request, body as string, (error, value: unknown) => {
      if (error) {
        done(error, undefined);
        return;
      }
      try {
        if (value !== null && typeof value === 'object')
          secureJson.scan(value, { protoAction: 'error', constructorAction: 'error' });
      } catch {
        void strictJson(request, body as string, done);
        return;
      }
      done(null, value);
    });
  });

  await app.register(multipart, SUBMIT_MULTIPART_OPTIONS);
  /** The parts assembled into the JSON shape, before the route's schema validates it. */
  const formPartProblem = (request: FastifyRequest) =>
    new AppError(400, 'validation_failed', 'validation', {}, [
      {
        in: 'body',
        field: 'form',
        code: 'invalid',
        message: app.translator.t(request.language, 'registration.formPart'),
      },
    ]);
  app.addHook('preValidation', async (request) => {
    if (!request.isMultipart()) return;
    const { formText, photos } = await readSubmitParts(request);
    let form: unknown;
    try {
      form =
        formText === undefined
          ? undefined
          : secureJson.parse(formText, undefined, {
              protoAction: 'error',
              constructorAction: 'error',
            });
    } catch {
      throw formPartProblem(request);
    }
    if (form === null || typeof form !== 'object' || Array.isArray(form)) throw formPartProblem(request);
    request.body = { ...form, photos };
  });

  const ctx = (request: { language: 'vi' | 'en' | 'zh' | 'ja' | 'ko'; ip: string; id: string }) => ({
    language: request.language,
    ip: request.ip,
    requestId: request.id,
  });

  app.post(
    '/registrations',
    {
      bodyLimit: REGISTRATION_BODY_LIMIT,
      schema: {
        tags: TAGS,
        summary: 'Register for electronic transactions (Form 01) for oneself',
        description: MULTIPART_DOC,
        consumes: ['multipart/form-data', 'application/json'],
        headers: IdempotencyHeaders,
        body: Form01Schema.extend({
          photos: z.object({ portrait: Photo, id_front: Photo, id_back: Photo }),
        }),
        response: { 200: SubmitResultSchema, 201: SubmitResultSchema, ...errors },
      },
    },
    async (request, reply) => {
      const { photos, ...form } = request.body;
      const { created, result } = await submit.submitSelf(
        form,
        photos,
        request.headers['idempotency-key'],
        ctx(request),
      );
      return reply.code(created ? 201 : 200).send(result);
    },
  );

  app.get(
    '/registrations/agencies',
    {
      schema: {
        tags: TAGS,
        summary:
          "The agencies a dossier may be filed to in a province (receiving, with an officer), nearest first from the device's position or the chosen commune",
        querystring: z
          .object({
            province: z.string().regex(/^\d{2}$/),
            commune: z
              .string()
              .regex(/^\d{5}$/)
              .optional()
              .describe('The chosen commune (origin without a position)'),
            lat: z.coerce.number().min(-90).max(90).optional(),
            lng: z.coerce.number().min(-180).max(180).optional(),
            q: z.string().trim().max(100).optional(),
            limit: z.coerce.number().int().min(1).max(50).default(20),
          })
          .refine((q) => (q.lat === undefined) === (q.lng === undefined), {
            path: ['lng'],
            message: 'lat and lng go together',
          }),
        response: {
          200: z
            .object({
              origin: z.enum(['position', 'commune', 'none']).describe('What distances are measured from'),
              items: z.array(
                z.object({
                  code: z.string(),
                  level: z.enum(['province', 'local']),
                  name: z.string(),
                  address: z.string(),
                  provinceCode: z.string(),
                  communeCode: z.string().nullable(),
                  phone: z.string().nullable(),
                  distanceKm: z.number().nullable(),
                  suggested: z.boolean().describe('The nearest: the one the form suggests'),
                }),
              ),
            })
            .meta({ id: 'ReceivingAgencies' }),
          400: ProblemSchema,
        },
      },
    },
    (request) => receiving.offered(request.query, request.language),
  );

  const OtpSentSchema = z.object({
    number: z.string().describe('The pending dossier'),
    challengeId: z.string(),
    destination: z.string().describe("The dossier's phone, masked"),
    expiresAt: z.string(),
    resendAt: z.string(),
  });

  app.post(
    '/registrations/withdrawals',
    {
      schema: {
        tags: TAGS,
        summary: "Withdraw a pending dossier, step one: an OTP by SMS to the dossier's phone",
        body: z.object({
          bhxhCode: z.string().regex(/^\d{10}$/),
          fullName: z.string().trim().min(2).max(100),
        }),
        response: { 200: OtpSentSchema.meta({ id: 'WithdrawalOtpSent' }), 429: ProblemSchema, ...errors },
      },
    },
    (request) => withdraw.start(request.body, ctx(request)),
  );

  app.post(
    '/registrations/withdrawals/confirm',
    {
      schema: {
        tags: TAGS,
        summary: 'Withdraw a pending dossier, step two: the OTP (a retry after success answers the same)',
        body: z.object({
          bhxhCode: z.string().regex(/^\d{10}$/),
          challengeId: z.uuid(),
          code: z.string().regex(/^\d{6}$/),
        }),
        response: {
          200: z
            .object({ number: z.string(), status: z.enum(DOSSIER_STATUSES) })
            .meta({ id: 'WithdrawalResult' }),
          410: ProblemSchema,
          429: ProblemSchema,
          ...errors,
        },
      },
    },
    (request) => withdraw.confirm(request.body, ctx(request)),
  );

  app.post(
    '/me/children/registrations',
    {
      bodyLimit: REGISTRATION_BODY_LIMIT,
      preHandler: requireRole('citizen'),
      schema: {
        tags: TAGS,
        summary: "A guardian registers their minor child's account (Đăng ký tài khoản cho con)",
        description: MULTIPART_DOC,
        consumes: ['multipart/form-data', 'application/json'],
        headers: IdempotencyHeaders,
        body: ChildForm01Schema.extend({
          photos: z.object({ portrait: Photo, birth_certificate: Photo }),
        }),
        response: {
          200: SubmitResultSchema,
          201: SubmitResultSchema,
          401: ProblemSchema,
          403: ProblemSchema,
          ...errors,
        },
      },
    },
    async (request, reply) => {
      const { photos, ...form } = request.body;
      const { created, result } = await submit.submitChild(
        principalOf(request),
        form,
        photos,
        request.headers['idempotency-key'],
        ctx(request),
      );
      return reply.code(created ? 201 : 200).send(result);
    },
  );

  app.get(
    '/me/registrations',
    {
      preHandler: requireRole('citizen'),
      schema: {
        tags: TAGS,
        summary: "The signed-in citizen's registration dossiers (own and children's), newest first, paged",
        querystring: z.object({
          limit: z.coerce.number().int().min(1).max(50).default(20),
          cursor: z.string().max(200).optional().describe('nextCursor of the previous page'),
        }),
        response: {
          200: z
            .object({
              items: z.array(SubmitResultSchema.extend({ bhxhCode: z.string(), fullName: z.string() })),
              nextCursor: z.string().nullable().describe('The next page, or null on the last one'),
            })
            .meta({ id: 'MyRegistrations' }),
          400: ProblemSchema,
          401: ProblemSchema,
          403: ProblemSchema,
        },
      },
    },
    async (request) => {
      const { limit, cursor } = request.query;
      const before = cursor === undefined ? undefined : decodeDossierCursor(cursor);
      if (before === null) throw invalidCursor(app.translator.t(request.language, 'records.badCursor'));
      return submit.mine(principalOf(request), { limit, ...(before ? { before } : {}) });
    },
  );

  app.get(
    '/registrations/:number/form01.pdf',
    {
      schema: {
        tags: TAGS,
        summary: 'The Form 01 declaration as a PDF (application/pdf)',
        params: z.object({ number: z.string().regex(/^\d{5,}\.GD_\d{4}_[0-9A-Z]{2,8}$/) }),
        querystring: z.object({
          t: z.string().max(64).optional().describe('The access token of the submit answer'),
          download: z.enum(['0', '1']).optional(),
        }),
        response: { 400: ProblemSchema, 404: ProblemSchema },
      },
    },
    async (request, reply) => {
      const { number, pdf } = await submit.form01(
        request.params.number,
        request.query.t,
        request.principal ?? null,
        request.language,
      );
      const disposition = request.query.download === '1' ? 'attachment' : 'inline';
      return (reply as FastifyReply)
        .type('application/pdf')
        .header('content-disposition', `${disposition}; filename="to-khai-01-${number}.pdf"`)
        .header('cache-control', 'private, no-store')
        .send(pdf);
    },
  );
};
