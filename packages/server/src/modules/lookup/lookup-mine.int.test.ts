import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app';
import type { DatabaseHandle } from '../../db/database';
import { signInAs } from '../../testing/auth';
import { createTestDatabase, testConfig } from '../../testing/database';

let database: DatabaseHandle;
let app: FastifyInstance;

beforeAll(async () => {
  database = await createTestDatabase();
  app = await buildApp(testConfig(), { database });
  await database.db
    .insertInto('persons')
    .values({ bhxh_code: '0101000001', full_name: 'Nguyễn Văn An', birth_year: 1990, gender: 'male' })
    .execute();
});
afterAll(async () => {
  await app.close();
  await database.close();
});

describe("the owner's own code", () => {
  it('is given in full to the signed-in citizen only', async () => {
    const anonymous = await app.inject({ url: '/api/v1/lookup/bhxh-code/mine' });
    expect(anonymous.statusCode).toBe(401);
    const { headers } = await signInAs(app, { role: 'citizen', bhxhCode: '0101000001' });
    const mine = await app.inject({ url: '/api/v1/lookup/bhxh-code/mine', headers });
    expect(mine.statusCode).toBe(200);
    expect(mine.json()).toEqual({ bhxhCode: '0101000001', fullName: 'Nguyễn Văn An' });
    const officer = await signInAs(app, { role: 'officer', agencyCode: '01' });
    expect(
      (await app.inject({ url: '/api/v1/lookup/bhxh-code/mine', headers: officer.headers })).statusCode,
    ).toBe(403);
  });
});
