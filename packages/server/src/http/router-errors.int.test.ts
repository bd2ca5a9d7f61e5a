import net from 'node:net';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app';
import type { DatabaseHandle } from '../db/database';
import { createTestDatabase, testConfig } from '../testing/database';

/**
 * Issue #22 item 5: every error the router or the HTTP parser raises is problem+json, translated,
 * and sends nothing of the request back (before: plain JSON, and a 414 echoing the whole path).
 */
let database: DatabaseHandle;
let app: FastifyInstance;

beforeAll(async () => {
  database = await createTestDatabase();
  app = await buildApp(testConfig({ RATE_LIMIT_MAX: '100000', BODY_LIMIT_BYTES: '2048' }), { database });
});
afterAll(async () => {
  await app.close();
  await database.close();
});

interface Answer {
  status: number;
  contentType: string;
  body: string;
}

function expectProblem(res: Answer, status: number, code: string, echo?: string) {
  expect(res.status).toBe(status);
  expect(res.contentType).toMatch(/^application\/problem\+json/);
  const body = JSON.parse(res.body) as { code: string; title: string; status: number };
  expect(body).toMatchObject({ code, status, type: `urn:vssid:problem:${code}` });
  expect(body.title.length).toBeGreaterThan(5);
  if (echo) expect(res.body).not.toContain(echo);
  return body;
}

async function inject(options: InjectOptions): Promise<Answer> {
  const res = await app.inject(options);
  return { status: res.statusCode, contentType: String(res.headers['content-type']), body: res.body };
}

describe('router-level errors', () => {
  it('bad URL encoding: 400 problem+json, translated', async () => {
    const res = await inject({
      url: '/api/v1/me/medical-visits/%E0%A4%A',
      headers: { 'accept-language': 'en' },
    });
    const body = expectProblem(res, 400, 'bad_url', '%E0%A4%A');
    expect(body.title).toMatch(/not valid/);
  });

  it('a parameter over maxParamLength: 414 problem+json, the path not echoed', async () => {
    const long = 'x'.repeat(500);
    expectProblem(await inject({ url: `/api/v1/me/medical-visits/${long}` }), 414, 'uri_too_long', long);
  });

  it('unknown route 404, wrong method 405 with Allow', async () => {
    expectProblem(await inject({ url: '/api/v1/no-such-thing' }), 404, 'not_found');
    const res = await app.inject({ method: 'DELETE', url: '/api/v1/auth/sign-in' });
    expectProblem(
      { status: res.statusCode, contentType: String(res.headers['content-type']), body: res.body },
      405,
      'method_not_allowed',
    );
    expect(res.headers.allow).toBe('POST');
  });

  it('body too large 413, unsupported media type 415, bad JSON 400', async () => {
    const url = '/api/v1/auth/sign-in';
    expectProblem(
      await inject({
        method: 'POST',
        url,
        payload: JSON.stringify({ username: 'a'.repeat(5000) }),
        headers: { 'content-type': 'application/json' },
      }),
      413,
      'payload_too_large',
    );
    expectProblem(
      await inject({ method: 'POST', url, payload: 'x=1', headers: { 'content-type': 'text/x-unknown' } }),
      415,
      'unsupported_media_type',
    );
    expectProblem(
      await inject({
        method: 'POST',
        url,
        payload: '{"username":',
        headers: { 'content-type': 'application/json' },
      }),
      400,
      'malformed_json',
    );
  });

  it('headers too large: 431 problem+json from the HTTP parser', async () => {
    await app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = app.server.address() as net.AddressInfo;
    const secret = 'y'.repeat(40_000);
    const raw = await new Promise<string>((resolve, reject) => {
      const socket = net.connect(port, '127.0.0.1', () => {
        socket.write(`GET /api/v1/health HTTP/1.1\r\nHost: localhost\r\nX-Big: ${secret}\r\n\r\n`);
      });
      let data = '';
      socket.on('data', (chunk: Buffer) => {
        data += chunk.toString();
      });
      socket.on('close', () => {
        resolve(data);
      });
      socket.on('error', reject);
    });
    const [head = '', body = ''] = raw.split('\r\n\r\n');
    expectProblem(
      {
        status: Number(/^HTTP\/1\.1 (\d+)/.exec(head)?.[1]),
        contentType: /content-type: ([^\r]+)/i.exec(head)?.[1] ?? '',
        body,
      },
      431,
      'headers_too_large',
      secret,
    );
  });
});
