import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app';
import type { DatabaseHandle } from '../../db/database';
import { signInAs } from '../../testing/auth';
import { createTestDatabase, testConfig } from '../../testing/database';

let database: DatabaseHandle;
/** Two nodes on one database; a minute's fallback, so only the live channel can explain a prompt refusal. */
let nodeA: FastifyInstance;
let nodeB: FastifyInstance;

beforeAll(async () => {
  database = await createTestDatabase();
  const config = testConfig({ SESSION_CHECK_CACHE_MS: '60000' });
  nodeA = await buildApp(config, { database });
  nodeB = await buildApp(config, { database });
});
afterAll(async () => {
  await nodeA.close();
  await nodeB.close();
  await database.close();
});

async function statusOn(node: FastifyInstance, headers: Record<string, string>) {
  const r = await node.inject({ url: '/api/v1/auth/session', headers });
  return { status: r.statusCode, body: r.json<{ code?: string; reason?: string }>() };
}

/** Polls until the node refuses the token (notifications arrive after the commit, not with it). */
async function refusedWithin(node: FastifyInstance, headers: Record<string, string>, ms: number) {
  const until = Date.now() + ms;
  for (;;) {
    const r = await statusOn(node, headers);
    if (r.status === 401 || Date.now() > until) return r;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('session ends reach every node', () => {
  it('a session signed out on one node is refused by the other at once, with the reason', async () => {
    const { headers } = await signInAs(nodeA, { role: 'citizen', bhxhCode: '0100000101' });
    expect((await statusOn(nodeB, headers)).status).toBe(200);
    expect((await nodeA.inject({ method: 'POST', url: '/api/v1/auth/sign-out', headers })).statusCode).toBe(
      204,
    );
    const after = await refusedWithin(nodeB, headers, 3000);
    expect(after.status).toBe(401);
    expect(after.body).toMatchObject({ code: 'session_ended', reason: 'signed_out' });
  });

  it('any way of ending a session is heard, even a statement outside the service', async () => {
    const { headers, principal } = await signInAs(nodeA, { role: 'citizen', bhxhCode: '0100000102' });
    expect((await statusOn(nodeA, headers)).status).toBe(200);
    expect((await statusOn(nodeB, headers)).status).toBe(200);
    await sql`UPDATE sessions SET ended_at = now(), end_reason = 'account_disabled'
              WHERE id = ${principal.sessionId}`.execute(database.db);
    for (const node of [nodeA, nodeB]) {
      const after = await refusedWithin(node, headers, 3000);
      expect(after.body).toMatchObject({ code: 'session_ended', reason: 'account_disabled' });
    }
  });

  it('a deleted session counts as expired', async () => {
    const { headers, principal } = await signInAs(nodeA, { role: 'citizen', bhxhCode: '0100000103' });
    expect((await statusOn(nodeB, headers)).status).toBe(200);
    await sql`DELETE FROM refresh_tokens WHERE session_id = ${principal.sessionId}`.execute(database.db);
    await sql`DELETE FROM sessions WHERE id = ${principal.sessionId}`.execute(database.db);
    const after = await refusedWithin(nodeB, headers, 3000);
    expect(after.body).toMatchObject({ code: 'session_ended', reason: 'expired' });
  });
});
