import type { Socket } from 'node:net';
import http from 'node:http';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { DEFAULT_LANGUAGE, pickLanguage } from '@vssid/domain/i18n';
import type { Translator } from '../i18n';
import { sendProblem } from './error-handler';
import { AppError, problemType } from './problem';

/**
 * Issue #22 item 5: the errors Fastify's router and Node's HTTP parser raise before any route
 * runs (bad URL encoding, a parameter over `maxParamLength`, headers too large, a request too
 * slow) answer problem+json like every other error, translated, and never echo the request
 * (the 414 of a too-long path used to send the whole path back).
 */
export function routerErrorOptions(translator: Translator) {
  return {
    frameworkErrors(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
      request.language = pickLanguage(request.headers['accept-language']);
      const appError =
        error.code === 'FST_ERR_MAX_PARAM_LENGTH'
          ? new AppError(414, 'uri_too_long', 'uriTooLong')
          : error.code === 'FST_ERR_BAD_URL'
            ? new AppError(400, 'bad_url', 'badUrl')
            : new AppError(500, 'internal', 'internal');
      return sendProblem(request, reply, appError, translator, { instance: false });
    },

    /**
     * Node's parser refused the request (headers over `maxHeaderSize`, a malformed request line, a
     * timeout): no headers were read, so the answer is in the default language.
     */
    clientErrorHandler(error: Error & { code?: string }, socket: Socket) {
      if (error.code === 'ECONNRESET' || socket.destroyed) return;
      const [status, code, key] =
        error.code === 'HPE_HEADER_OVERFLOW'
          ? [431, 'headers_too_large', 'headersTooLarge']
          : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
            ? [408, 'client_timeout', 'clientTimeout']
            : [400, 'bad_request', 'badRequest'];
      const body = JSON.stringify({
        type: problemType(code),
        title: translator.t(DEFAULT_LANGUAGE, key),
        status,
        code,
      });
      if (socket.writable)
        socket.write(
          `HTTP/1.1 ${status} ${http.STATUS_CODES[status]}\r\n` +
            'Content-Type: application/problem+json; charset=utf-8\r\n' +
            `Content-Language: ${DEFAULT_LANGUAGE}\r\n` +
            `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
        );
      socket.destroy(error);
    },
  };
}

/**
 * The methods served on a concrete path (405 instead of 404 when the path exists with other
 * methods), from the app's route table; built once, on the first unknown method.
 */
export function methodsOfPath(routes: readonly { method: string; url: string }[]) {
  let table: { pattern: RegExp; method: string }[] | undefined;
  return (path: string): string[] => {
    // OPTIONS `*` (CORS preflights) is served on every path: not a method of the path itself.
    table ??= routes
      .filter((r) => r.method !== 'OPTIONS')
      .map((r) => ({
        method: r.method,
        pattern: new RegExp(
          `^${r.url
            .split('/')
            .map((part) =>
              part.startsWith(':')
                ? '[^/]+'
                : part === '*'
                  ? '.*'
                  : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'),
            )
            .join('/')}/?$`,
        ),
      }));
    return [...new Set(table.filter((r) => r.pattern.test(path)).map((r) => r.method))];
  };
}
