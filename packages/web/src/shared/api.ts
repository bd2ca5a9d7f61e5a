/**
 * The one way the web app talks to the API: same-origin `fetch` with the session cookies, the
 * CSRF header on unsafe methods (double-submit: the `vssid_csrf` cookie echoed in `X-CSRF-Token`),
 * the screen's language in `Accept-Language`, and problem+json errors turned into `ApiError`.
 * An expired access token is renewed once through `/api/v1/auth/refresh` and the call retried.
 */
import { refreshSession as refreshContract } from '@vssid/domain/api/auth';
import i18next from 'i18next';

export interface ApiFieldError {
  in: string;
  field: string;
  code: string;
  message: string;
}

interface ApiProblem {
  type: string;
  title: string;
  status: number;
  code: string;
  requestId?: string;
  errors?: ApiFieldError[];
  [extra: string]: unknown;
}

/** A failed API call: the server's problem (translated title, stable code, field errors). */
export class ApiError extends Error {
  constructor(readonly problem: ApiProblem) {
    super(problem.title);
    this.name = 'ApiError';
  }
  get status(): number {
    return this.problem.status;
  }
  get code(): string {
    return this.problem.code;
  }
  /** The translated message for one field, when the server named it. */
  fieldMessage(field: string): string | undefined {
    return this.problem.errors?.find((e) => e.field === field)?.message;
  }
}

/** The network is unreachable (offline, server down): callers may show cached data. */
export class NetworkError extends Error {
  constructor(cause: unknown) {
    super('network unreachable', { cause });
    this.name = 'NetworkError';
  }
}

export const CSRF_COOKIE = 'vssid_csrf';
const CSRF_HEADER = 'x-csrf-token';
/** The renewal's path, from its contract (the session's own fetcher is app/session/api.ts). */
const REFRESH_PATH = refreshContract.path;

export function readCookie(name: string): string | undefined {
  for (const part of document.cookie.split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return decodeURIComponent(v.join('='));
  }
  return undefined;
}

export interface ApiRequest {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  /** Extra headers (an idempotency key, for example). */
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

type Renewal = { ok: true } | { ok: false; problem?: ApiProblem };
let refreshing: Promise<Renewal> | null = null;

/**
 * Renews the session once for all callers waiting on it (one refresh token, used once: two
 * refreshes with it would end the session as a reuse). Tabs of the same app share the cookies, so
 * the renewal runs under a Web Lock shared by every tab: a tab that waited while another renewed
 * sees a new CSRF cookie (each renewal sets one) and only retries. Not renewed: the server's
 * problem says why.
 */
function refreshSession(csrfBefore: string | undefined): Promise<Renewal> {
  const renew = async (): Promise<Renewal> => {
    if (readCookie(CSRF_COOKIE) !== csrfBefore) return { ok: true };
    const res = await send(REFRESH_PATH, { method: 'POST', body: {} });
    return res.ok ? { ok: true } : { ok: false, problem: await toProblem(res) };
  };
  const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
  refreshing ??= (locks ? locks.request('vssid-session-refresh', renew) : renew())
    .catch((): Renewal => ({ ok: false }))
    .finally(() => {
      refreshing = null;
    });
  return refreshing;
}

async function send(path: string, request: ApiRequest): Promise<Response> {
  const method = request.method ?? 'GET';
  const headers: Record<string, string> = {
    accept: 'application/json, application/problem+json',
    'accept-language': i18next.language || 'vi',
    ...request.headers,
  };
  if (method !== 'GET') {
    const csrf = readCookie(CSRF_COOKIE);
    if (csrf) headers[CSRF_HEADER] = csrf;
  }
  let body: BodyInit | undefined;
  // A form (multipart) or a file (an upload, its type in the caller's content-type) as it is.
  if (request.body instanceof FormData || request.body instanceof Blob) body = request.body;
  else if (request.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(request.body);
  }
  try {
    return await fetch(path, { method, headers, body, credentials: 'same-origin', signal: request.signal });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new NetworkError(error);
  }
}

async function toProblem(res: Response): Promise<ApiProblem> {
  try {
    const json = (await res.json()) as Partial<ApiProblem>;
    if (typeof json.code === 'string' && typeof json.title === 'string') {
      return { type: json.type ?? '', status: res.status, ...json } as ApiProblem;
    }
  } catch {
    // not JSON: fall through
  }
  return {
    type: 'about:blank',
    title: res.statusText || String(res.status),
    status: res.status,
    code: 'http_error',
  };
}

/**
 * Fired on `window` when a call ends in 401 (after the one renewal): the session provider asks
 * the server whether the session still holds, so that a screen never tells a person the app
 * believes signed in to sign in; an ended session shows the signed-out screen at once instead.
 */
export const UNAUTHORIZED_EVENT = 'vssid:unauthorized';

function unauthorized(problem: ApiProblem): ApiError {
  window.dispatchEvent(new Event(UNAUTHORIZED_EVENT));
  return new ApiError(problem);
}

/**
 * Calls the API and returns its successful answer as a `Response` (the body unread); throws
 * ApiError or NetworkError otherwise. `call` (api-call.ts) reads and checks the body by contract.
 */
export async function apiResponse(path: string, request: ApiRequest = {}): Promise<Response> {
  const csrfBefore = readCookie(CSRF_COOKIE);
  let res = await send(path, request);
  if (res.status === 401 && path !== REFRESH_PATH) {
    const problem = await toProblem(res.clone());
    if (problem.code === 'token_expired') {
      const renewal = await refreshSession(csrfBefore);
      if (renewal.ok) res = await send(path, request);
      // The refresh says why the session cannot go on (`session_ended` and its reason, which the
      // server tells once: it clears the cookies with that answer): report that, not the expiry.
      else if (renewal.problem?.status === 401) throw unauthorized(renewal.problem);
    }
  }
  if (res.status === 401) throw unauthorized(await toProblem(res));
  if (!res.ok) throw new ApiError(await toProblem(res));
  return res;
}

/** Calls the API and returns its JSON answer (or undefined for 204); throws ApiError or NetworkError. */
export async function api<T>(path: string, request: ApiRequest = {}): Promise<T> {
  const res = await apiResponse(path, request);
  if (res.status === 204) return undefined as T;
  return (await res.json()) as T;
}
