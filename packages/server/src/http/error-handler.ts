import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { formatNumber } from '@vssid/domain';
import { type Language, pickLanguage } from '@vssid/domain/i18n';
import type { Translator } from '../i18n';
import { AppError, type FieldError, type Problem, problemType } from './problem';
import { RequestValidationError, toFieldErrors } from './validation';

declare module 'fastify' {
  interface FastifyRequest {
    /** The caller's language: from `Accept-Language` now, the signed-in user's preference later. */
    language: Language;
  }
}

/**
 * The single error path of the API: every thrown error becomes `application/problem+json` with a
 * stable `code` and a translated `title`. Unknown errors become 500 with no detail sent; they are
 * logged with the request id so an operator can find them.
 */
export function registerErrorHandling(
  app: FastifyInstance,
  translator: Translator,
  bodyLimitBytes: number,
): void {
  app.decorateRequest('language', 'vi');
  app.addHook('onRequest', async (request) => {
    request.language = pickLanguage(request.headers['accept-language']);
  });

  app.setErrorHandler((error: FastifyError | AppError | RequestValidationError, request, reply) => {
    const appError = toAppError(error, request.language, translator, bodyLimitBytes);
    if (appError.status >= 500) {
      request.log.error({ err: error }, 'request failed');
    } else if (appError.code === 'rate_limited') {
      request.log.warn({ ip: request.ip, url: request.url }, 'rate limited');
    }
    return sendProblem(request, reply, appError, translator);
  });
}

export function sendProblem(
  request: FastifyRequest,
  reply: FastifyReply,
  error: AppError,
  translator: Translator,
  /** `instance: false`: errors about the URL itself name no path (no echo of the request). */
  options: { instance?: boolean } = {},
) {
  const instance = options.instance === false ? undefined : instanceOf(request.url);
  const problem: Problem = {
    type: problemType(error.code),
    title: translator.t(request.language, error.messageKey, error.params),
    status: error.status,
    code: error.code,
    ...(instance ? { instance } : {}),
    requestId: request.id,
    ...(error.fieldErrors.length ? { errors: error.fieldErrors } : {}),
  };
  const body = { ...error.extensions, ...problem };
  // RFC 9110 §10.2.3: a 429 or 503 that knows when to come back says it in the header too.
  const retryAfter = error.extensions.retryAfterSeconds;
  if (typeof retryAfter === 'number' && retryAfter > 0)
    reply.header('retry-after', String(Math.ceil(retryAfter)));
  return reply
    .status(error.status)
    .header('content-type', 'application/problem+json; charset=utf-8')
    .header('content-language', request.language)
    .send(JSON.stringify(body));
}

/** The path, without the query; a path over 200 characters is not sent back. */
function instanceOf(url: string): string | undefined {
  const path = url.split('?')[0] ?? url;
  return path.length <= 200 ? path : undefined;
}

function toAppError(
  error: FastifyError | AppError | RequestValidationError,
  language: Language,
  translator: Translator,
  bodyLimitBytes: number,
): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof RequestValidationError) {
    const t = translator.fixed(language, 'errors');
    const fieldErrors: FieldError[] = toFieldErrors(error.issues, error.validationContext ?? 'body', (k, p) =>
      t(k, p),
    );
    return new AppError(400, 'validation', 'validation', {}, fieldErrors);
  }
  const status = typeof error.statusCode === 'number' ? error.statusCode : 500;
  switch (error.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new AppError(400, 'malformed_json', 'malformedJson');
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new AppError(413, 'payload_too_large', 'payloadTooLarge', {
        limit: formatBytes(bodyLimitBytes, language),
      });
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new AppError(415, 'unsupported_media_type', 'unsupportedMediaType');
    default:
      break;
  }
  if (status === 400 && error instanceof SyntaxError)
    return new AppError(400, 'malformed_json', 'malformedJson');
  if (status === 404) return new AppError(404, 'not_found', 'notFound');
  if (status === 429) return new AppError(429, 'rate_limited', 'rateLimited', { seconds: 60 });
  if (status >= 400 && status < 500) return new AppError(status, 'bad_request', 'badRequest');
  return new AppError(500, 'internal', 'internal');
}

function formatBytes(bytes: number, language: Language): string {
  return bytes >= 1_048_576
    ? `${formatNumber(bytes / 1_048_576, language, 1)} MB`
    : `${formatNumber(Math.ceil(bytes / 1024), language)} KB`;
}
