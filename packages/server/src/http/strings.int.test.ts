import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app';
import type { DatabaseHandle } from '../db/database';
import { signInAs } from '../testing/auth';
import { createTestDatabase, testConfig } from '../testing/database';

/**
 * Issue #22 item 4: a NUL (U+0000) or an unpaired surrogate in any string of any contract is a
 * 400 naming the field, in the shared validation layer (before: 500s from PostgreSQL on these
 * very routes), and a refused sign-in is still audited.
 */
let database: DatabaseHandle;
let app: FastifyInstance;

beforeAll(async () => {
  database = await createTestDatabase();
  app = await buildApp(testConfig({ RATE_LIMIT_MAX: '100000' }), { database });
});
afterAll(async () => {
  await app.close();
  await database.close();
});

const NUL = 'ab\u0000cd';
const LONE = 'ab\ud800cd';

function expectFieldError(res: { statusCode: number; body: string }, where: string, field: string) {
  expect(res.statusCode).toBe(400);
  const body = JSON.parse(res.body) as { errors?: { in: string; field: string; code: string }[] };
  expect(body.errors).toContainEqual(
    expect.objectContaining({ in: where, field, code: 'invalid_characters' }),
  );
}

describe('NUL and unpaired surrogates', () => {
  it('sign-in: 400 naming the field, and the refused attempt is audited', async () => {
    for (const bad of [NUL, LONE]) {
      const res = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/sign-in',
        payload: JSON.stringify({ username: bad, password: 'whatever-1234', client: 'app' }),
        headers: { 'content-type': 'application/json' },
      });
      expectFieldError(res, 'body', 'username');
    }
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      payload: JSON.stringify({ username: 'someone', password: `pa\u0000ss-1234`, client: 'app' }),
      headers: { 'content-type': 'application/json' },
    });
    expectFieldError(res, 'body', 'password');
    const audited = await database.db
      .selectFrom('audit_log')
      .select(['action', 'details'])
      .where('action', '=', 'auth.sign_in.failed')
      .execute();
    expect(audited.filter((a) => (a.details as { reason?: string }).reason === 'invalid_input')).toHaveLength(
      3,
    );
  });

  it('password reset and passkey options: 400 naming the field', async () => {
    const reset = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/password/reset/start',
      payload: JSON.stringify({ username: NUL }),
      headers: { 'content-type': 'application/json' },
    });
    expectFieldError(reset, 'body', 'username');
    const passkey = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/passkeys/authentication/options',
      payload: `{"username":"a\\ud800b"}`,
      headers: { 'content-type': 'application/json' },
    });
    expectFieldError(passkey, 'body', 'username');
  });

  it("the officer's search (query) and a visit id (params): 400 naming the field", async () => {
    const officer = await signInAs(app, { role: 'officer', agencyCode: '01' });
    const search = await app.inject({
      url: `/api/v1/officer/dossiers?q=${encodeURIComponent('Nguy')}%00n`,
      headers: officer.headers,
    });
    expectFieldError(search, 'querystring', 'q');
    const citizen = await signInAs(app, { role: 'citizen', bhxhCode: '0100000077' });
    const visit = await app.inject({ url: '/api/v1/me/medical-visits/ab%00cd', headers: citizen.headers });
    expectFieldError(visit, 'params', 'maLk');
  });
});
