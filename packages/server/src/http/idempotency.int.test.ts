import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app';
import type { DatabaseHandle } from '../db/database';
import { signInAs } from '../testing/auth';
import { createTestDatabase, testConfig } from '../testing/database';

/**
 * Issue #22 item 8: officer actions take an Idempotency-Key (declared in their contracts): the
 * same key and request replay the first answer without acting again, another request with the
 * key is 422, keys are per account, and no key is a 400 naming the header.
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

const create = (headers: Record<string, string>, key: string | null, username: string, phone: string) =>
  app.inject({
    method: 'POST',
    url: '/api/v1/staff/officers',
    headers: { ...headers, ...(key ? { 'idempotency-key': key } : {}) },
    payload: { username, displayName: 'Lê Thị An', phone },
  });

describe('Idempotency-Key on officer actions', () => {
  it('replays the first answer, acts once, refuses another request with the key, and is per account', async () => {
    const admin = await signInAs(app, { role: 'agency_admin', agencyCode: '01' });
    const missing = await create(admin.headers, null, 'canbo.khong', '0981000100');
    expect(missing.statusCode).toBe(400);
    expect(missing.json()).toMatchObject({ errors: [{ in: 'headers', field: 'idempotency-key' }] });

    const key = 'b6c1f7d2-0a4e-4f7b-9d33-2f1a6c5e8b01';
    const first = await create(admin.headers, key, 'canbo.mot', '0981000101');
    expect(first.statusCode).toBe(201);
    const again = await create(admin.headers, key, 'canbo.mot', '0981000101');
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json()).toEqual(first.json());
    const accounts = await database.db
      .selectFrom('accounts')
      .select('id')
      .where('username', '=', 'canbo.mot')
      .execute();
    expect(accounts).toHaveLength(1);
    const sms = await database.db
      .selectFrom('outbox')
      .select('id')
      .where('recipient', '=', '0981000101')
      .execute();
    expect(sms).toHaveLength(1);

    const other = await create(admin.headers, key, 'canbo.hai', '0981000102');
    expect(other.statusCode).toBe(422);
    expect(other.json()).toMatchObject({
      code: 'idempotency_key_reused',
      errors: [{ in: 'headers', field: 'idempotency-key' }],
    });

    // Another admin's key of the same text is theirs: it acts.
    const second = await signInAs(app, { role: 'agency_admin', agencyCode: '79' });
    expect((await create(second.headers, key, 'canbo.ba', '0981000103')).statusCode).toBe(201);

    // A refused action frees its key: corrected, the same key acts.
    const refusedKey = 'c7d2e8f3-1b5f-4a8c-8e44-3a2b7d6f9c12';
    const duplicate = await create(admin.headers, refusedKey, 'canbo.mot', '0981000104');
    expect(duplicate.statusCode).toBe(409);
    const corrected = await create(admin.headers, refusedKey, 'canbo.mot', '0981000104');
    expect(corrected.statusCode).toBe(409);
    expect(corrected.headers['idempotent-replayed']).toBeUndefined();
  });
});
