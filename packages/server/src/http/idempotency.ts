import { createHash } from 'node:crypto';
import type {
  FastifyReply,
  FastifyRequest,
  onSendAsyncHookHandler,
  preHandlerAsyncHookHandler,
} from 'fastify';
import { createIdempotency, type Idempotency } from '../modules/idempotency/service';
import { AppError } from './problem';

declare module 'fastify' {
  interface FastifyRequest {
    /** The officer action's key, once claimed by this request (http/idempotency.ts). */
    idempotencyClaim?: { accountId: string; key: string };
  }
}

const services = new WeakMap<object, Idempotency>();
const serviceOf = (request: FastifyRequest): Idempotency => {
  const db = request.server.database.db;
  let service = services.get(db);
  if (!service) {
    service = createIdempotency(db);
    services.set(db, service);
  }
  return service;
};

/** The request as the key binds it: method, path with query, and the validated body. */
function requestHash(request: FastifyRequest): string {
  const hash = createHash('sha256').update(`${request.method} ${request.url}\n`);
  const body = request.body;
  // An uploaded file (bulk lists) by its bytes; a JSON body as validated.
  if (Buffer.isBuffer(body)) hash.update(body);
  else if (body !== undefined) hash.update(JSON.stringify(body));
  return hash.digest('base64url');
}

const keyProblem = (status: number, code: string, messageKey: string, request: FastifyRequest) =>
  new AppError(status, code, messageKey, {}, [
    {
      in: 'headers',
      field: 'idempotency-key',
      code,
      message: request.server.translator.t(request.language, messageKey),
    },
  ]);

/**
 * Issue #22 item 8, for contracts with `idempotent: true` (their `Idempotency-Key` header is
 * declared and checked by the contract): after the access check, the key is claimed for the
 * signed-in account; a repeat of the same request replays the first answer (header
 * `Idempotent-Replayed: true`), another request with the key is 422, one still running 409.
 */
export const claimIdempotencyKey: preHandlerAsyncHookHandler = async (request, reply) => {
  const key = request.headers['idempotency-key'];
  const accountId = request.principal?.accountId;
  if (typeof key !== 'string' || !accountId) return;
  const outcome = await serviceOf(request).begin(accountId, key, requestHash(request));
  switch (outcome.kind) {
    case 'proceed':
      request.idempotencyClaim = { accountId, key };
      return;
    case 'replay':
      await replay(reply, outcome.status, outcome.body);
      return;
    case 'reused':
      throw keyProblem(422, 'idempotency_key_reused', 'idempotencyKeyReused', request);
    case 'in_progress':
      throw keyProblem(409, 'idempotency_key_in_progress', 'idempotencyKeyInProgress', request);
  }
};

async function replay(reply: FastifyReply, status: number, body: string): Promise<void> {
  void reply.status(status).header('idempotent-replayed', 'true');
  if (status === 204 || body === '') await reply.send(null);
  else await reply.header('content-type', 'application/json; charset=utf-8').send(body);
}

/** Keeps a successful answer under its key (or frees the key of a refused action). */
export const storeIdempotentAnswer: onSendAsyncHookHandler = async (request, reply, payload) => {
  const claim = request.idempotencyClaim;
  if (!claim) return payload;
  request.idempotencyClaim = undefined;
  const body = typeof payload === 'string' ? payload : payload === null || payload === undefined ? '' : null;
  // A streamed or binary answer is not kept: the key is freed, as for a refusal.
  await serviceOf(request).finish(
    claim.accountId,
    claim.key,
    body === null ? 500 : reply.statusCode,
    body ?? '',
  );
  return payload;
};
