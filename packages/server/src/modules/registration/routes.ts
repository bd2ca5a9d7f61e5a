import multipart from '@fastify/multipart';
import {
  confirmWithdrawal,
  listMyRegistrations,
  listReceivingAgencies,
  readForm01Pdf,
  startWithdrawal,
  submitChildRegistration,
  submitRegistration,
} from '@vssid/domain/api/registration';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import secureJson from 'secure-json-parse';
import { route } from '../../http/contract-route';
import { AppError, invalidCursor } from '../../http/problem';
import { decodeDossierCursor } from './dossier-view';
import { readSubmitParts, SUBMIT_MULTIPART_OPTIONS } from './multipart';
import type { ReceivingAgencies } from './receiving';
import type { SubmitService } from './submit-service';
import type { WithdrawService } from './withdraw-service';

/**
 * Citizen routes of registration (issue 5; contracts: `@vssid/domain/api/registration`). The two
 * submit routes take either body (#21 item 7):
 *
 * - `multipart/form-data` (the web app): a text part `form` holding the form's fields as JSON,
 *   and one file part per photo named by its kind (`portrait`, `id_front`, `id_back`;
 *   `portrait`, `birth_certificate` for a child). Each photo part is read as it arrives, up to the
 *   cleaner's size limit (a longer part is cut one byte past it, and the cleaner refuses it as too
 *   large, naming the field), and handed as bytes to the image cleaner: no base64, no 1.2 MB JSON.
 * - `application/json` (small clients): the same fields with `photos` as base64 strings; three
 *   phone photos of ≤ 2 MB fit the route's 9 MB body limit.
 *
 * Both are validated by the contract's body schema (the multipart parts are assembled into the
 * JSON shape, photos as bytes, by the preValidation hook below) and give the same field-named
 * problems. Their `Idempotency-Key` header is validated with the request (the contract's `headers`).
 */

/** Room for three 2 MB photos in base64 (4/3) plus the form. */
const REGISTRATION_BODY_LIMIT = 9 * 1024 * 1024;

export const registrationRoutes: FastifyPluginAsync<{
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

  const idempotencyKey = (request: FastifyRequest) => request.headers['idempotency-key'] as string;

  route(
    app,
    submitRegistration,
    async ({ ctx, body, request, reply }) => {
      const { photos, challengeId, nonce, ...form } = body;
      // 202 whatever the matched submission found (issue #22 item 1): the outcome goes by SMS.
      const { result } = await submit.submitSelf(ctx, form, photos, idempotencyKey(request), {
        challengeId,
        nonce,
      });
      return reply.code(202).send(result);
    },
    { bodyLimit: REGISTRATION_BODY_LIMIT },
  );

  route(app, listReceivingAgencies, async ({ ctx, query }) => receiving.offered(ctx, query));

  route(app, startWithdrawal, async ({ ctx, body }) => withdraw.start(ctx, body));

  route(app, confirmWithdrawal, async ({ ctx, body }) => withdraw.confirm(ctx, body));

  route(
    app,
    submitChildRegistration,
    async ({ ctx, body, request, reply }) => {
      const { photos, ...form } = body;
      const { created, result } = await submit.submitChild(ctx, form, photos, idempotencyKey(request));
      return reply.code(created ? 201 : 200).send(result);
    },
    { bodyLimit: REGISTRATION_BODY_LIMIT },
  );

  route(app, listMyRegistrations, async ({ ctx, query }) => {
    const { limit, cursor } = query;
    const before = cursor === undefined ? undefined : decodeDossierCursor(cursor);
    if (before === null) throw invalidCursor(app.translator.t(ctx.language, 'records.badCursor'));
    return submit.mine(ctx, { limit, ...(before ? { before } : {}) });
  });

  route(app, readForm01Pdf, async ({ ctx, params, query, reply }) => {
    const { number, pdf } = await submit.form01(ctx, params.number, query.t);
    const disposition = query.download === '1' ? 'attachment' : 'inline';
    return reply
      .type('application/pdf')
      .header('content-disposition', `${disposition}; filename="to-khai-01-${number}.pdf"`)
      .header('cache-control', 'private, no-store')
      .send(pdf);
  });
};
