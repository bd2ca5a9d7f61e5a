import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { api, ApiError, UNAUTHORIZED_EVENT } from './api';

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': status >= 400 ? 'application/problem+json' : 'application/json' },
  });
const problem = (status: number, code: string, extra: Record<string, unknown> = {}) =>
  json(status, { type: `urn:vssid:problem:${code}`, title: code, status, code, ...extra });

describe('api(): renewing an expired access token', () => {
  const calls: string[] = [];
  let answers: Record<string, Response[]>;
  let unauthorizedEvents = 0;
  beforeEach(() => {
    calls.length = 0;
    unauthorizedEvents = 0;
    const events = new EventTarget();
    events.addEventListener(UNAUTHORIZED_EVENT, () => {
      unauthorizedEvents++;
    });
    vi.stubGlobal('window', events);
    vi.stubGlobal('document', { cookie: 'vssid_csrf=abc' });
    vi.stubGlobal(
      'fetch',
      vi.fn((path: string, init: RequestInit) => {
        calls.push(`${init.method ?? 'GET'} ${path}`);
        const next = answers[path]?.shift();
        return next ? Promise.resolve(next) : Promise.reject(new TypeError('no answer'));
      }),
    );
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('refreshes once and retries', async () => {
    answers = {
      '/api/v1/auth/session': [problem(401, 'token_expired'), json(200, { ok: true })],
      '/api/v1/auth/refresh': [new Response(null, { status: 204 })],
    };
    expect(await api('/api/v1/auth/session')).toEqual({ ok: true });
    expect(calls).toEqual([
      'GET /api/v1/auth/session',
      'POST /api/v1/auth/refresh',
      'GET /api/v1/auth/session',
    ]);
    // Renewed: nobody is told the session may have ended.
    expect(unauthorizedEvents).toBe(0);
  });

  it('one refresh for callers that expire together (a refresh token is good once)', async () => {
    answers = {
      '/a': [problem(401, 'token_expired'), json(200, 'a')],
      '/b': [problem(401, 'token_expired'), json(200, 'b')],
      '/api/v1/auth/refresh': [new Response(null, { status: 204 })],
    };
    expect(await Promise.all([api('/a'), api('/b')])).toEqual(['a', 'b']);
    expect(calls.filter((c) => c.includes('refresh'))).toEqual(['POST /api/v1/auth/refresh']);
  });

  it("reports why the refresh was refused (the session's end and its reason)", async () => {
    answers = {
      '/api/v1/auth/session': [problem(401, 'token_expired')],
      '/api/v1/auth/refresh': [problem(401, 'session_ended', { reason: 'replaced_by_new_device' })],
    };
    const error = await api('/api/v1/auth/session').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).code).toBe('session_ended');
    expect((error as ApiError).problem.reason).toBe('replaced_by_new_device');
    expect(unauthorizedEvents).toBe(1);
  });

  it('keeps the expiry when the refresh got no answer', async () => {
    answers = { '/api/v1/auth/session': [problem(401, 'token_expired')] };
    const error = await api('/api/v1/auth/session').catch((e: unknown) => e);
    expect((error as ApiError).code).toBe('token_expired');
    expect(unauthorizedEvents).toBe(1);
  });

  it('tells the session provider of a 401 that is not an expiry, and of no other failure', async () => {
    answers = {
      '/api/v1/me/cards': [problem(401, 'unauthenticated'), problem(403, 'forbidden')],
    };
    expect(await api('/api/v1/me/cards').catch((e: unknown) => e)).toBeInstanceOf(ApiError);
    expect(unauthorizedEvents).toBe(1);
    expect(((await api('/api/v1/me/cards').catch((e: unknown) => e)) as ApiError).code).toBe('forbidden');
    expect(unauthorizedEvents).toBe(1);
  });
});
