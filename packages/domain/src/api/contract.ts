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

/**
 * Which objects a route's identifiers (path, query, body) may reach, for the callers its `access`
 * admits (issue #22). Every contract declares it; the matrix test
 * (server `http/route-matrix.int.test.ts`) calls every route as every role with the objects of
 * another person, guardian, agency, unit and clinic, and fails on a 2xx outside it. A list is the
 * union (each kind applies to the roles it names):
 * - `none`: the call names no stored object of anybody, or only by a secret it was given (a
 *   challenge id, a token): probes, directories without keys, sign-in steps, client reports;
 * - `self`: the caller's own account or person (their sessions, passkeys, BHXH code);
 * - `self-or-ward`: `self`, and for a citizen also a minor whose guardian they are;
 * - `agency`: officers and agency admins: objects of their agency's province (persons living
 *   there, dossiers filed to it, its officers and local offices; the national office: all);
 * - `unit`: employer users: their own employer unit's objects;
 * - `clinic`: clinic users: their own clinic's objects;
 * - `any`: any object of its kind, by design: public directories, and calls whose proof is in
 *   the request or sent to the object's owner (the BHXH-code look-up, a registration, a
 *   withdrawal's OTP to the dossier's phone), or the development inbox of demo mode.
 */
export const SCOPES = ['none', 'self', 'self-or-ward', 'agency', 'unit', 'clinic', 'any'] as const;
export type Scope = (typeof SCOPES)[number];

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
  /** Which objects the call may reach for each caller `access` admits (`Scope`; a list: the union). */
  readonly scope: Scope | readonly Scope[];
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
  /**
   * An officer action taken once per `Idempotency-Key` (issue #22 item 8; declare the header
   * with `IdempotencyKeyHeaders`): the same key and request replay the first answer, the same key
   * with another request is 422, one still running 409. Keys are per account.
   */
  readonly idempotent?: boolean;
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

const problemFields = {
  type: z.string().check(z.describe('URI naming the problem kind: `urn:vssid:problem:<code>`')),
  title: z.string().check(z.describe("Short summary, in the caller's language")),
  status: z.int(),
  detail: z.optional(z.string()),
  code: z.string().check(z.describe('Stable machine-readable error code')),
  instance: z.optional(z.string()),
  requestId: z.optional(z.string()),
  errors: z
    .optional(z.array(z.object({ in: z.string(), field: z.string(), code: z.string(), message: z.string() })))
    .check(z.describe('Field-level errors of a form')),
};

/** The problem+json body of every error (RFC 9457): a stable `code`, a translated `title`. */
export const ProblemSchema = z.object(problemFields).check(z.meta({ id: 'Problem' }));
export type Problem = z.infer<typeof ProblemSchema>;

/** The problems a call can answer with, by status: `problems(400, 401, 404)`. */
export function problems<const S extends readonly number[]>(
  ...statuses: S
): { [K in S[number]]: typeof ProblemSchema } {
  return Object.fromEntries(statuses.map((s) => [s, ProblemSchema])) as {
    [K in S[number]]: typeof ProblemSchema;
  };
}

/**
 * 428 `challenge_required` (issue #22): the call needs a solved proof of work first — the
 * look-up's mechanism (`solveProofOfWork` in `@vssid/domain/lookup`): send the call again with
 * `challengeId` and the `nonce` solving this challenge. Sign-in asks for it after failures, with
 * a difficulty that grows with them.
 */
export const ChallengeProblemSchema = z
  .object({
    ...problemFields,
    challengeId: z.uuid(),
    salt: z.string().check(z.describe('Random hexadecimal text to prefix the nonce with')),
    bits: z.int().check(z.describe('Leading zero bits SHA-256(salt + nonce) must start with')),
    expiresAt: z.string().check(z.describe('ISO time after which the challenge is refused')),
  })
  .check(z.meta({ id: 'ChallengeProblem' }));
export type ChallengeProblem = z.infer<typeof ChallengeProblemSchema>;

/** A solved challenge in a request body (sent when a 428 `challenge_required` asked for one). */
export const proofFields = {
  challengeId: z.optional(z.uuid().check(z.describe('From a 428 challenge_required; single use'))),
  nonce: z.optional(z.string().check(z.regex(/^\d{1,16}$/), z.describe('Decimal nonce solving it'))),
};

/** The `Idempotency-Key` header of an idempotent officer action (`idempotent: true`). */
export const IdempotencyKeyHeaders = z.object({
  'idempotency-key': z
    .string()
    .check(
      z.regex(/^[A-Za-z0-9._:-]{8,128}$/),
      z.describe(
        'One key per intended action (a UUID): a retry with the same key gets the first answer again',
      ),
    ),
});

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

/** A contract's scope as a list (`'agency'` → `['agency']`). */
export function scopesOf(contract: Contract): readonly Scope[] {
  return typeof contract.scope === 'string' ? [contract.scope] : contract.scope;
}
