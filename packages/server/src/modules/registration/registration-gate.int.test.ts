import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app';
import type { DatabaseHandle } from '../../db/database';
import { createTestDatabase, testConfig } from '../../testing/database';
import { solvedProof } from '../../testing/proof';
import { form01Fields } from './test-fixtures';

/**
 * Issue #22 item 1: a self registration counts against the look-up's per-IP limit
 * (LOOKUP_RATE_LIMIT_MAX per window) before anything of the form is looked at.
 */
let database: DatabaseHandle;
let app: FastifyInstance;

beforeAll(async () => {
  database = await createTestDatabase();
  app = await buildApp(testConfig({ LOOKUP_RATE_LIMIT_MAX: '2', RATE_LIMIT_MAX: '100000' }), { database });
});
afterAll(async () => {
  await app.close();
  await database.close();
});

describe('registration behind the look-up gate', () => {
  it('answers 429 past the per-IP limit, with a solved challenge and whatever the data', async () => {
    const person = { code: '0100000042', cccd: '001090000042', name: 'Nguyễn Thị Hoà', birth: '1990-05-17' };
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await app.inject({
        method: 'POST',
        url: '/api/v1/registrations',
        headers: { 'idempotency-key': `gate-key-${i}-${Date.now()}` },
        payload: {
          ...form01Fields(person, '01'),
          photos: { portrait: 'QUJD', id_front: 'QUJD', id_back: 'QUJD' },
          ...(await solvedProof(app)),
        },
        remoteAddress: '10.20.30.40',
      });
      statuses.push(res.statusCode);
    }
    expect(statuses.slice(0, 2).every((s) => s !== 429)).toBe(true);
    expect(statuses[2]).toBe(429);
  });
});
