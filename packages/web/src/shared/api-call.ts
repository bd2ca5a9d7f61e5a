/**
 * The web's one way to call a contract of `@vssid/domain/api` (issue #21 item 1). Each feature
 * declares one fetcher per call in `features/<area>/api/` with `fetcher(contract)`; the fetcher
 * fills the path, sends query and body as the contract says (through `apiResponse`: cookies, CSRF,
 * language, one renewal of the session), and parses the answer with the contract's schema for its
 * status. An answer that does not match is a bug of one side: in development it throws at once,
 * naming the call and the fields; in production it is reported to the server and the screen
 * shows a translated failure (an `ApiError` with code `unexpected_answer`).
 */
import {
  type BodyInputOf,
  type Contract,
  isNonJson,
  type ParamsOf,
  pathOf,
  type QueryOf,
  type ResultOf,
} from '@vssid/domain/api/contract';
import { reportClientProblem } from '@vssid/domain/api/system';
import i18next from 'i18next';
import { safeParse } from 'zod/mini';
import { ApiError, type ApiRequest, apiResponse } from './api';

type Maybe<K extends string, T> = [T] extends [Record<string, never>] | [undefined]
  ? { [P in K]?: never }
  : { [P in K]: T };

/** What a call takes: the path's parameters, the query and the body, as the contract names them. */
type CallInput<C extends Contract> = Maybe<'params', ParamsOf<C>> &
  (C['query'] extends object ? { query?: QueryOf<C> } : { query?: never }) &
  (C['upload'] extends readonly string[]
    ? { body: Blob }
    : C['multipart'] extends true
      ? { body: FormData | BodyInputOf<C> }
      : C['body'] extends object
        ? { body: BodyInputOf<C> }
        : { body?: never }) & {
    /** Extra headers (an idempotency key, for example). */
    headers?: Record<string, string>;
    signal?: AbortSignal;
  };

/** The address of a call (a link to a PDF, a redirect to VNeID): path and query filled in. */
export function urlOf<C extends Contract>(
  contract: C,
  input: Pick<CallInput<C>, 'params' | 'query'>,
): string {
  return buildUrl(contract, input);
}

interface UrlInput {
  params?: unknown;
  query?: unknown;
}

function buildUrl(contract: Contract, input: UrlInput): string {
  const path = pathOf(contract, (input.params ?? {}) as Record<string, string>);
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries((input.query ?? {}) as Record<string, unknown>)) {
    if (value === undefined || value === null) continue;
    for (const one of Array.isArray(value) ? value : [value]) query.append(name, String(one));
  }
  const text = query.toString();
  return text ? `${path}?${text}` : path;
}

function report(contract: Contract, status: number, issues: string[]): void {
  const body = JSON.stringify({
    kind: 'contract_mismatch',
    call: `${contract.method} ${contract.path}`,
    status,
    issues: issues.slice(0, 20).map((i) => i.slice(0, 300)),
  });
  try {
    // Sent beside the failure, never in its way: a lost report is only a lost report.
    void fetch(reportClientProblem.path, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
      credentials: 'omit',
      keepalive: true,
    }).catch(() => undefined);
  } catch {
    // nothing to do
  }
}

/** The failure a screen shows for an answer that broke its contract (production). */
function unexpectedAnswer(status: number): ApiError {
  return new ApiError({
    type: 'urn:vssid:problem:unexpected_answer',
    title: i18next.t('error.unexpectedAnswer'),
    status,
    code: 'unexpected_answer',
  });
}

/** Reads and checks a successful answer by the contract's schema for its status. */
async function readAnswer<C extends Contract>(contract: C, res: Response): Promise<ResultOf<C>> {
  const schema = contract.responses[res.status];
  if (schema === undefined) {
    const issues = [`status ${res.status} is not in the contract`];
    if (import.meta.env.DEV) throw new Error(`${contract.method} ${contract.path}: ${issues[0]}`);
    report(contract, res.status, issues);
    throw unexpectedAnswer(res.status);
  }
  if (isNonJson(schema)) return (await res.blob()) as ResultOf<C>;
  const json: unknown = res.status === 204 ? null : await res.json();
  const parsed = safeParse(schema, json);
  if (parsed.success) return parsed.data as ResultOf<C>;
  const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(answer)'}: ${i.message}`);
  if (import.meta.env.DEV)
    throw new Error(
      `${contract.method} ${contract.path} answered against its contract:\n${issues.join('\n')}`,
    );
  report(contract, res.status, issues);
  throw unexpectedAnswer(res.status);
}

/** One call of the API, typed and checked by its contract: `export const listMyCards = fetcher(card.listMyCards)`. */
export function fetcher<C extends Contract>(contract: C): (input: CallInput<C>) => Promise<ResultOf<C>> {
  return async (input) => {
    const request: ApiRequest = { method: contract.method };
    if (input.body !== undefined) request.body = input.body;
    if (input.headers) request.headers = input.headers;
    if (input.signal) request.signal = input.signal;
    const res = await apiResponse(buildUrl(contract, input), request);
    return readAnswer(contract, res);
  };
}
