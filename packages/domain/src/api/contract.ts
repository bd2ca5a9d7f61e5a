import * as z from 'zod/mini';
import type { $ZodType } from 'zod/v4/core';

/**
 * One contract per HTTP call (issue #21): method, path, who may call it, params, query, body and
 * every response, as zod. The server registers its routes from these (server `http/contract-route.ts`,
 * which also derives the OpenAPI document), and the web calls the API through one fetcher per
 * contract that parses the answer with the same schemas (web `shared/api-call.ts`). Types are
 * `z.infer` of the schemas and keep the schema's name everywhere: never write an API type by hand.
 */

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * The roles of a signed-in caller (architecture.md "Security model"). `communications`: staff of an
 * agency's communications and customer-care team, who write policy news and the help centre (issue 25).
 */
export const ROLES = ['citizen', 'officer', 'agency_admin', 'employer', 'clinic', 'communications'] as const;
export type Role = (typeof ROLES)[number];

/**
 * Who may call a route:
 * - `public`: anyone, signed in or not (the handler may still look at who is calling);
 * - `session`: any signed-in caller, even one who must still replace an issued password
 *   (sign-out, the password change itself);
 * - `{ roles }`: a signed-in caller with one of these roles (an empty list: any role) whose
 *   password is not an unchanged issued one. The scope of the objects (which persons, which
 *   agency) is decided by the service, which says so in its contract's `description`.
 */
export type Access = 'public' | 'session' | { readonly roles: readonly Role[] };

/** The answer of a 2xx status that is not JSON: a file (PDF, image) or a redirect. */
export interface NonJsonBody {
  readonly kind: 'file' | 'redirect';
  /** The media type of a file answer. */
  readonly contentType?: string;
}

export type ResponseSchema = $ZodType | NonJsonBody;

export interface Contract {
  readonly method: HttpMethod;
  /** The full path, with `:name` parameters, as Fastify writes it: `/api/v1/me/cards/:bhxhCode`. */
  readonly path: string;
  readonly access: Access;
  readonly tags: readonly string[];
  readonly summary: string;
  readonly description?: string;
  readonly params?: z.ZodMiniObject;
  readonly query?: z.ZodMiniObject;
  /** Request headers the call requires (`Idempotency-Key`), validated with the request. */
  readonly headers?: z.ZodMiniObject;
  /** The JSON body (for `multipart`, the shape the form's parts are assembled into). */
  readonly body?: $ZodType;
  /**
   * The body may also come as `multipart/form-data` (photos as file parts): the route assembles
   * the parts into the `body` shape before validation, so both give the same problems.
   */
  readonly multipart?: boolean;
  /** The body is a file of one of these media types (CSV, XLSX), not JSON: the handler reads it. */
  readonly upload?: readonly string[];
  /** Every answer by status: 2xx answers and the problems (`ProblemSchema`) the call can give. */
  readonly responses: Readonly<Record<number, ResponseSchema>>;
}

/** Declares a contract, keeping its literal types (the path, the schemas) for the callers. */
export function defineContract<const C extends Contract>(contract: C): C {
  return contract;
}

export function isNonJson(schema: ResponseSchema): schema is NonJsonBody {
  return !('_zod' in schema);
}

/** The problem+json body of every error (RFC 9457): a stable `code`, a translated `title`. */
export const ProblemSchema = z
  .object({
    type: z.string().check(z.describe('URI naming the problem kind: `urn:vssid:problem:<code>`')),
    title: z.string().check(z.describe("Short summary, in the caller's language")),
    status: z.int(),
    detail: z.optional(z.string()),
    code: z.string().check(z.describe('Stable machine-readable error code')),
    instance: z.optional(z.string()),
    requestId: z.optional(z.string()),
    errors: z
      .optional(
        z.array(z.object({ in: z.string(), field: z.string(), code: z.string(), message: z.string() })),
      )
      .check(z.describe('Field-level errors of a form')),
  })
  .check(z.meta({ id: 'Problem' }));
export type Problem = z.infer<typeof ProblemSchema>;

/** The problems a call can answer with, by status: `problems(400, 401, 404)`. */
export function problems<const S extends readonly number[]>(
  ...statuses: S
): { [K in S[number]]: typeof ProblemSchema } {
  return Object.fromEntries(statuses.map((s) => [s, ProblemSchema])) as {
    [K in S[number]]: typeof ProblemSchema;
  };
}

/** A 204 answer. */
export const NoContent = z.null().check(z.describe('No content'));

type Infer<S> = S extends $ZodType ? z.infer<S> : S extends NonJsonBody ? Blob : never;
type Success<R> = {
  [K in keyof R]: K extends 200 | 201 | 202 | 203 | 204 | 206 ? Infer<R[K]> : never;
}[keyof R];

/** Path parameters of a contract (an empty object when it has none). */
export type ParamsOf<C extends Contract> = C['params'] extends z.ZodMiniObject
  ? z.infer<C['params']>
  : Record<string, never>;
/** The query as the caller writes it (defaults may be left out). */
export type QueryOf<C extends Contract> = C['query'] extends z.ZodMiniObject
  ? z.input<C['query']>
  : Record<string, never>;
/** The query as the server reads it, defaults applied. */
export type ParsedQueryOf<C extends Contract> = C['query'] extends z.ZodMiniObject
  ? z.infer<C['query']>
  : Record<string, never>;
export type BodyOf<C extends Contract> = C['body'] extends $ZodType ? z.infer<C['body']> : undefined;
export type BodyInputOf<C extends Contract> = C['body'] extends $ZodType ? z.input<C['body']> : undefined;
/** What a successful call answers (the union of its 2xx bodies). */
export type ResultOf<C extends Contract> = Success<C['responses']>;
/** What the server's handler may return for a successful call (before the schemas' transforms). */
export type HandlerResultOf<C extends Contract> = {
  [K in keyof C['responses']]: K extends 200 | 201 | 202 | 203 | 204 | 206
    ? C['responses'][K] extends $ZodType
      ? z.input<C['responses'][K]>
      : unknown
    : never;
}[keyof C['responses']];

/** Fills `:name` parameters of a contract's path. */
export function pathOf(contract: Contract, params: Record<string, string | number> = {}): string {
  return contract.path.replace(/:([A-Za-z0-9_]+)/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined)
      throw new Error(`${contract.method} ${contract.path}: parameter ${name} missing`);
    return encodeURIComponent(String(value));
  });
}
