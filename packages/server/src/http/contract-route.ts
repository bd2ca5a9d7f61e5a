import {
  type BodyOf,
  type Contract,
  type HandlerResultOf,
  isNonJson,
  type ParamsOf,
  scopesOf,
  type ParsedQueryOf,
} from '@vssid/domain/api';
import type {
  FastifyInstance,
  FastifyReply,
  FastifyRequest,
  RouteOptions,
  preHandlerAsyncHookHandler,
} from 'fastify';
import type { $ZodType } from 'zod/v4/core';
import type { CallContext } from '../context';
import { requireRole, requireSession } from '../modules/auth/guard';
import { contextOf } from './context';
import { claimIdempotencyKey, storeIdempotentAnswer } from './idempotency';
import { RequestValidationError } from './validation';
import { compileObjects } from './zod-jit';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The domain contract a route was declared from (`route()`); the route-table test reads it. */
    contract?: Contract;
  }
}

/** What a contract's handler gets: the parsed inputs, the call's context, and the raw request/reply. */
interface Call<C extends Contract> {
  params: ParamsOf<C>;
  query: ParsedQueryOf<C>;
  body: BodyOf<C>;
  ctx: CallContext;
  request: FastifyRequest;
  reply: FastifyReply;
}

interface RouteExtras {
  /** Route config (`rateLimit`, …), merged with the contract. */
  config?: Omit<NonNullable<RouteOptions['config']>, 'contract'>;
  /** More checks after the contract's access check (a feature switch, a CSRF-free callback…). */
  preHandler?: preHandlerAsyncHookHandler[];
  bodyLimit?: number;
  /**
   * Called when the request's inputs do not match the contract (the 400 still follows): a
   * credential route audits the refused attempt (issue #22 item 4).
   */
  onInvalid?: (request: FastifyRequest) => Promise<void>;
}

/**
 * Registers the route of a domain contract (issue #21 item 1): its method and path (less the
 * plugin's prefix), its access (`requireRole` / `requireSession`) and scope (both as the
 * operation's `x-access` / `x-scope` in the OpenAPI document), its schemas (validation, the
 * answer's serialisation and the OpenAPI document), and a handler typed by the contract. There
 * is no other way to declare an API route: route files hold no `z.object`.
 */
export function route<C extends Contract>(
  app: FastifyInstance,
  contract: C,
  handler: (call: Call<C>) => Promise<HandlerResultOf<C> | FastifyReply>,
  extras: RouteExtras = {},
): void {
  const prefix = app.prefix;
  if (!contract.path.startsWith(prefix))
    throw new Error(`${contract.method} ${contract.path} registered under the prefix ${prefix}`);
  const url = contract.path.slice(prefix.length) || '/';
  const access =
    contract.access === 'public'
      ? []
      : contract.access === 'session'
        ? [requireSession]
        : [requireRole(...contract.access.roles)];
  const response: Record<number, $ZodType> = {};
  for (const [status, schema] of Object.entries(contract.responses)) {
    if (!isNonJson(schema)) response[Number(status)] = schema;
  }
  // zod/mini objects, given classic zod's compiled parse (zod-jit.ts): every input and answer.
  for (const schema of [
    contract.params,
    contract.query,
    contract.headers,
    contract.body,
    ...Object.values(response),
  ])
    if (schema) compileObjects(schema);
  app.route({
    method: contract.method,
    url,
    ...(extras.bodyLimit !== undefined ? { bodyLimit: extras.bodyLimit } : {}),
    config: { ...extras.config, contract },
    preHandler: [
      ...access,
      ...(contract.idempotent ? [claimIdempotencyKey] : []),
      ...(extras.preHandler ?? []),
    ],
    ...(contract.idempotent ? { onSend: storeIdempotentAnswer } : {}),
    ...(extras.onInvalid
      ? {
          onError: async (request: FastifyRequest, _reply: FastifyReply, error: Error) => {
            if (error instanceof RequestValidationError) await extras.onInvalid?.(request);
          },
        }
      : {}),
    schema: {
      tags: [...contract.tags],
      summary: contract.summary,
      ...(contract.description ? { description: contract.description } : {}),
      // Issue #22: who may call the operation and which objects it reaches, in the document.
      'x-access': contract.access,
      'x-scope': [...scopesOf(contract)],
      ...(contract.params ? { params: contract.params } : {}),
      ...(contract.query ? { querystring: contract.query } : {}),
      ...(contract.headers ? { headers: contract.headers } : {}),
      ...(contract.body ? { body: contract.body } : {}),
      ...(contract.multipart ? { consumes: ['multipart/form-data', 'application/json'] } : {}),
      ...(contract.upload ? { consumes: [...contract.upload] } : {}),
      response,
    },
    handler: (request, reply) =>
      handler({
        params: request.params as ParamsOf<C>,
        query: request.query as ParsedQueryOf<C>,
        body: request.body as BodyOf<C>,
        ctx: contextOf(request),
        request,
        reply,
      }),
  });
}
