import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from './app';
import type { DatabaseHandle } from './db/database';
import { createTestDatabase, testConfig, testEngine } from './testing/database';

let database: DatabaseHandle;
let app: FastifyInstance;

beforeAll(async () => {
  database = await createTestDatabase();
  app = await buildApp(testConfig({ BODY_LIMIT_BYTES: '2048', CORS_ORIGINS: 'https://portal.example.vn' }), {
    database,
  });
});
afterAll(async () => {
  await app.close();
  await database.close();
});

describe('probes', () => {
  it('answers liveness', async () => {
    const res = await app.inject({ url: '/healthz' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok' });
  });

  it('is ready once the database answers and is migrated, naming the engine', async () => {
    const res = await app.inject({ url: '/readyz' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'ready', database: testEngine() });
    expect(res.json<{ migrations: number }>().migrations).toBeGreaterThanOrEqual(1);
  });
});

describe('OpenAPI', () => {
  it('serves an OpenAPI 3.1 document generated from the route schemas', async () => {
    const res = await app.inject({ url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json<{
      openapi: string;
      paths: Record<string, unknown>;
      components: { schemas: Record<string, unknown> };
    }>();
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/v1/meta', '/healthz', '/readyz']));
    expect(doc.components.schemas).toHaveProperty('SystemInfo');
    expect(doc.components.schemas).toHaveProperty('Problem');
    // A body field the route turns into bytes is still described as the text the client sends.
    const form01 = doc.paths['/api/v1/registrations'] as {
      post: { requestBody: { content: Record<string, { schema: { properties: { photos: unknown } } }> } };
    };
    expect(form01.post.requestBody.content['application/json']?.schema.properties.photos).toMatchObject({
      properties: {
        portrait: { type: 'string', minLength: 4, description: expect.stringMatching(/base64/) as unknown },
      },
    });
  });

  it('serves the browsable docs at /api/docs', async () => {
    const res = await app.inject({ url: '/api/docs/' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/html/);
  });
});

describe('system information', () => {
  it.each([
    ['vi', 'VssID – Bảo hiểm xã hội số'],
    ['en-US,en;q=0.9', 'VssID – Digital Social Insurance'],
    ['zh-CN', 'VssID – 数字社会保险'],
    ['ja', 'VssID – デジタル社会保険'],
    ['ko-KR', 'VssID – 디지털 사회보험'],
    ['fr, de;q=0.5', 'VssID – Bảo hiểm xã hội số'],
  ])('names itself in the caller language (%s)', async (acceptLanguage, name) => {
    const res = await app.inject({ url: '/api/v1/meta', headers: { 'accept-language': acceptLanguage } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ name, languages: ['vi', 'en', 'zh', 'ja', 'ko'] });
  });
});

describe('client reports', () => {
  it("takes a client's report of an answer that broke its contract, without signing in", async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/client-reports',
      payload: {
        kind: 'contract_mismatch',
        call: 'GET /api/v1/me/cards',
        status: 200,
        issues: ['cards.0.holder.gender: Invalid option'],
      },
    });
    expect(res.statusCode).toBe(204);
  });

  it('refuses anything else, naming the field', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/client-reports',
      payload: { kind: 'anything', call: 'GET /', status: 200, issues: [] },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json<{ errors: { field: string }[] }>().errors.map((e) => e.field)).toContain('kind');
  });
});

describe('errors are problem+json in the caller language, never a 500', () => {
  it('unknown route: 404, Vietnamese by default', async () => {
    const res = await app.inject({ url: '/api/v1/no-such-thing' });
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.headers['content-language']).toBe('vi');
    expect(res.json()).toMatchObject({
      type: 'urn:vssid:problem:not_found',
      status: 404,
      code: 'not_found',
      title: 'Không tìm thấy tài nguyên được yêu cầu.',
      instance: '/api/v1/no-such-thing',
    });
  });

  it('unknown route in Korean', async () => {
    const res = await app.inject({ url: '/nope', headers: { 'accept-language': 'ko' } });
    expect(res.statusCode).toBe(404);
    expect(res.json<{ title: string }>().title).toBe('요청한 리소스를 찾을 수 없습니다.');
  });

  it('malformed JSON: 400 malformed_json', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/meta',
      headers: { 'content-type': 'application/json', 'accept-language': 'en' },
      payload: '{"broken":',
    });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.json()).toMatchObject({
      code: 'malformed_json',
      title: 'The request body is not valid JSON.',
    });
  });

  it('oversized body: 413 naming the limit', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/meta',
      headers: { 'content-type': 'application/json', 'accept-language': 'zh' },
      payload: JSON.stringify({ text: 'x'.repeat(5000) }),
    });
    expect(res.statusCode).toBe(413);
    expect(res.json()).toMatchObject({ code: 'payload_too_large', title: '请求内容过大（最多 2 KB）。' });
  });

  it('echoes a well-formed request id and carries it in problems', async () => {
    const res = await app.inject({ url: '/missing', headers: { 'x-request-id': 'abc-123' } });
    expect(res.headers['x-request-id']).toBe('abc-123');
    expect(res.json()).toMatchObject({ requestId: 'abc-123' });
    const bad = await app.inject({ url: '/missing', headers: { 'x-request-id': 'not ok\u0001' } });
    expect(bad.headers['x-request-id']).not.toBe('not ok\u0001');
  });
});

describe('security headers and CORS', () => {
  it('sends a content security policy and the usual hardening headers', async () => {
    const res = await app.inject({ url: '/healthz' });
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
  });

  it('allows only configured origins', async () => {
    const allowed = await app.inject({
      url: '/api/v1/meta',
      headers: { origin: 'https://portal.example.vn' },
    });
    expect(allowed.headers['access-control-allow-origin']).toBe('https://portal.example.vn');
    const other = await app.inject({ url: '/api/v1/meta', headers: { origin: 'https://evil.example.com' } });
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('rate limiting', () => {
  it('answers 429 problem+json with the wait once the limit is passed', async () => {
    const limited = await buildApp(testConfig({ RATE_LIMIT_MAX: '3', RATE_LIMIT_WINDOW_MS: '60000' }), {
      database,
    });
    try {
      const codes: number[] = [];
      for (let i = 0; i < 4; i++) {
        codes.push(
          (await limited.inject({ url: '/api/v1/meta', headers: { 'accept-language': 'en' } })).statusCode,
        );
      }
      expect(codes).toEqual([200, 200, 200, 429]);
      const res = await limited.inject({ url: '/api/v1/meta', headers: { 'accept-language': 'en' } });
      expect(res.statusCode).toBe(429);
      expect(res.json<{ title: string; code: string }>()).toMatchObject({ code: 'rate_limited' });
      expect(res.json<{ title: string }>().title).toMatch(
        /^You have sent too many requests\. Please try again in \d+ seconds\.$/,
      );
      expect(res.headers['retry-after']).toBeDefined();
      // Probes are never limited: a load balancer must always reach them.
      expect((await limited.inject({ url: '/healthz' })).statusCode).toBe(200);
      // The app's own pages and files are not counted (a page load fetches tens of them); an API
      // path is, whatever its method or answer.
      for (const path of ['/', '/card', '/assets/none.js', '/sw.js'])
        expect((await limited.inject({ url: path })).statusCode, path).not.toBe(429);
      expect((await limited.inject({ url: '/api/v1/no-such-route' })).statusCode).toBe(429);
      expect((await limited.inject({ method: 'POST', url: '/card' })).statusCode).toBe(429);
      // The clinic gateway's calls are counted per clinic (GATEWAY_LIMITS), per address only far above.
      for (let i = 0; i < 5; i++)
        expect(
          (await limited.inject({ method: 'POST', url: '/api/egw/KQNhanLichSuKCB2024', payload: {} }))
            .statusCode,
        ).not.toBe(429);
    } finally {
      await limited.close();
    }
  });
});
