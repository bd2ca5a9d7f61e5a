/**
 * Issue 28: the multi-node checks on the real local topology (`scripts/cluster.sh`: HAProxy, three
 * API nodes, PgBouncer in transaction mode, a primary and a streaming replica). `npm run
 * test:cluster` starts it on its own ports and folder, runs these checks through HAProxy and
 * against each node, and stops it (a watchdog stops it too, should the run die).
 */
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '@vssid/server';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const BASE = 56200;
const LB = `http://127.0.0.1:${BASE}`;
const NODES = [1, 2, 3].map((n) => `http://127.0.0.1:${BASE + 10 + n}`);
const METRICS = [1, 2, 3].map((n) => `http://127.0.0.1:${BASE + 20 + n}/metrics`);
const SMS_PORT = BASE + 90;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vssid-cluster-test-'));
// The PostgreSQL servers run as `postgres`: the folder must be open to them.
fs.chmodSync(dir, 0o755);
const env = {
  ...process.env,
  CLUSTER_DIR: path.join(dir, 'cluster'),
  CLUSTER_PORT_BASE: String(BASE),
  CLUSTER_TTL_S: '600',
  SMS_GATEWAY_URL: `http://127.0.0.1:${SMS_PORT}/sms`,
  // Small enough to reach in a test; counted in the database, so it holds across the nodes.
  SIGNIN_RATE_LIMIT_PER_IP: '6',
};
const cluster = (command: string) =>
  execFileSync('bash', [path.join(root, 'scripts/cluster.sh'), command], { env, stdio: 'inherit' });

/** A real SMS gateway on loopback: every message it is given, with its idempotency key. */
const received: { key: string; to: string; text: string }[] = [];
const gateway = http.createServer((req, res) => {
  let body = '';
  req.on('data', (c: Buffer) => (body += c.toString()));
  req.on('end', () => {
    const parsed = JSON.parse(body) as { to: string; text: string };
    received.push({ key: String(req.headers['idempotency-key']), to: parsed.to, text: parsed.text });
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
  });
});

const primary = new pg.Pool({ connectionString: `postgres://postgres@127.0.0.1:${BASE + 1}/vssid`, max: 2 });
const replica = new pg.Pool({ connectionString: `postgres://postgres@127.0.0.1:${BASE + 2}/vssid`, max: 1 });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until<T>(what: string, ms: number, probe: () => Promise<T | undefined | false>): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > end) throw new Error(`timed out: ${what}`);
    await sleep(100);
  }
}

async function call(
  base: string,
  method: string,
  url: string,
  options: { token?: string; body?: unknown; headers?: Record<string, string> } = {},
) {
  const response = await fetch(`${base}${url}`, {
    method,
    headers: {
      ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...options.headers,
    },
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    text,
    json: () => JSON.parse(text) as Record<string, unknown>,
  };
}

/** One metric's value per label set, summed over the nodes: `name{labels}` lines of the text format. */
async function metric(url: string, name: string, labels: Record<string, string>): Promise<number> {
  const text = await (await fetch(url)).text();
  let sum = 0;
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`)) continue;
    if (Object.entries(labels).every(([k, v]) => line.includes(`${k}="${v}"`)))
      sum += Number(line.split(' ').at(-1));
  }
  return sum;
}

const CODE = '0199000001';
const PASSWORD = 'Cum-may-chu-2026';
const PHONE = '0912000001';

beforeAll(async () => {
  await new Promise<void>((resolve) => gateway.listen(SMS_PORT, '127.0.0.1', resolve));
  cluster('start');
  // A person with an account (the demo nation is not needed for these checks).
  await primary.query(
    `INSERT INTO persons (bhxh_code, full_name, birth_year, gender, phone) VALUES ($1, 'Nguyễn Thị Cụm', 1990, 'female', $2)`,
    [CODE, PHONE],
  );
  await primary.query(
    `INSERT INTO accounts (role, username, bhxh_code, display_name, phone, password_hash, must_change_password)
     VALUES ('citizen', $1::text, $1::text, 'Nguyễn Thị Cụm', $2, $3, false)`,
    [CODE, PHONE, await hashPassword(PASSWORD)],
  );
}, 180_000);

afterAll(async () => {
  await primary.end();
  await replica.end();
  cluster('stop');
  gateway.close();
  fs.rmSync(dir, { recursive: true, force: true });
}, 60_000);

/** Signs in through HAProxy: password, then the OTP the gateway received for this new device. */
async function signIn(): Promise<{ accessToken: string; readAfter: string }> {
  const device = randomUUID();
  const sent = received.length;
  const first = await call(LB, 'POST', '/api/v1/auth/sign-in', {
    body: { username: CODE, password: PASSWORD, client: 'app' },
    headers: { 'x-device-id': device },
  });
  expect(first.status, first.text).toBe(200);
  const { challengeId } = first.json() as { challengeId: string };
  // The gateway is given numbers in E.164.
  const sms = await until('the OTP SMS', 15_000, async () =>
    received.slice(sent).find((m) => m.to === `+84${PHONE.slice(1)}`),
  );
  const code = /\b(\d{6})\b/.exec(sms.text)?.[1];
  const done = await call(LB, 'POST', '/api/v1/auth/sign-in/otp', {
    body: { challengeId, code, client: 'app' },
    headers: { 'x-device-id': device },
  });
  expect(done.status, done.text).toBe(200);
  return {
    accessToken: (done.json() as { tokens: { accessToken: string } }).tokens.accessToken,
    readAfter: done.headers.get('x-read-after') ?? '',
  };
}

describe('three API nodes behind HAProxy, PgBouncer in transaction mode, a streaming replica', () => {
  it('HAProxy spreads requests over the three nodes, each ready', async () => {
    for (const node of NODES) expect((await call(node, 'GET', '/readyz')).status).toBe(200);
    const before = await Promise.all(
      METRICS.map((m) => metric(m, 'vssid_http_requests_total', { route: '/api/v1/meta' })),
    );
    // HAProxy marks a server up after its own health checks pass (`rise`), which may lag the
    // nodes' /readyz by a few seconds on a loaded machine: rounds of 9 requests until every node
    // has served some (at most 20 rounds, half a second apart), every request answered.
    let sent = 0;
    let served: number[] = [];
    for (let round = 0; round < 20; round++) {
      for (let i = 0; i < 9; i++, sent++) expect((await call(LB, 'GET', '/api/v1/meta')).status).toBe(200);
      const after = await Promise.all(
        METRICS.map((m) => metric(m, 'vssid_http_requests_total', { route: '/api/v1/meta' })),
      );
      served = after.map((a, i) => a - (before[i] ?? 0));
      if (served.every((n) => n > 0)) break;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    expect(served.reduce((a, b) => a + b, 0)).toBe(sent);
    for (const n of served) expect(n).toBeGreaterThan(0);
  });

  it('a session ended through one node is refused by the others at once (LISTEN on the direct connection)', async () => {
    const { accessToken } = await signIn();
    for (const node of NODES)
      expect((await call(node, 'GET', '/api/v1/auth/session', { token: accessToken })).status).toBe(200);
    const out = await call(NODES[0] ?? LB, 'POST', '/api/v1/auth/sign-out', { token: accessToken });
    expect(out.status, out.text).toBeLessThan(300);
    const started = Date.now();
    for (const node of NODES.slice(1))
      await until(
        'the session refused',
        2000,
        async () => (await call(node, 'GET', '/api/v1/auth/session', { token: accessToken })).status === 401,
      );
    // The documented bound is SESSION_CHECK_CACHE_MS (10 s) without a subscription; subscribed: at once.
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('the sign-in limit per address holds across the nodes (counted in the database)', async () => {
    // One address (TRUST_PROXY: the nodes take it from X-Forwarded-For), attempts spread over the nodes.
    const attempt = (i: number) =>
      call(NODES[i % 3] ?? LB, 'POST', '/api/v1/auth/sign-in', {
        body: { username: `0198${String(i).padStart(6, '0')}`, password: 'sai-mat-khau', client: 'app' },
        headers: { 'x-forwarded-for': '203.0.113.9', 'x-device-id': randomUUID() },
      });
    for (let i = 0; i < 6; i++) expect((await attempt(i)).status).toBe(401);
    const seventh = await attempt(6);
    expect(seventh.status, seventh.text).toBe(429);
  });

  it("an OTP challenge's guesses are capped across the nodes", async () => {
    const device = randomUUID();
    const sent = received.length;
    const first = await call(LB, 'POST', '/api/v1/auth/sign-in', {
      body: { username: CODE, password: PASSWORD, client: 'app' },
      headers: { 'x-device-id': device },
    });
    expect(first.status, first.text).toBe(200);
    const { challengeId } = first.json() as { challengeId: string };
    const sms = await until('the OTP SMS', 15_000, async () =>
      received.slice(sent).find((m) => m.to === `+84${PHONE.slice(1)}`),
    );
    const code = /\b(\d{6})\b/.exec(sms.text)?.[1] ?? '';
    const wrong = code === '000000' ? '111111' : '000000';
    const guess = (i: number, c: string) =>
      call(NODES[i % 3] ?? LB, 'POST', '/api/v1/auth/sign-in/otp', {
        body: { challengeId, code: c, client: 'app' },
        headers: { 'x-device-id': device },
      });
    for (let i = 0; i < 5; i++) expect((await guess(i, wrong)).status).toBeGreaterThanOrEqual(400);
    // Five wrong guesses on three nodes: the right code is refused too on any node.
    const right = await guess(5, code);
    expect(right.status, right.text).toBeGreaterThanOrEqual(400);
    expect(right.status).toBeLessThan(500);
  });

  it('the outbox is delivered exactly once with a worker on every node (FOR UPDATE SKIP LOCKED)', async () => {
    const batch = `cluster-${randomUUID()}`;
    await primary.query(
      `INSERT INTO outbox (idempotency_key, channel, recipient, template, language, payload)
       SELECT $1 || ':' || i, 'sms', '0912' || lpad(i::text, 6, '0'), 'cluster.test', 'vi', jsonb_build_object('text', 'Tin thử ' || i)
         FROM generate_series(1, 300) i`,
      [batch],
    );
    await until('every message delivered', 30_000, async () => {
      const { rows } = await primary.query<{ n: string }>(
        `SELECT count(*) AS n FROM outbox WHERE idempotency_key LIKE $1 || ':%' AND delivered_at IS NULL`,
        [batch],
      );
      return rows[0]?.n === '0';
    });
    const mine = received.filter((m) => m.key.startsWith(`${batch}:`));
    expect(mine).toHaveLength(300);
    expect(new Set(mine.map((m) => m.key)).size).toBe(300);
    const ran = await Promise.all(
      METRICS.map((m) => metric(m, 'vssid_job_runs_total', { job: 'outbox', outcome: 'ran' })),
    );
    for (const n of ran) expect(n).toBeGreaterThan(0);
  });

  it('a periodic job runs once per tick across the nodes (the fan-out, every 5 s)', async () => {
    // Scrape 4 s into a tick, when every node has counted its pass of it.
    await sleep(4000 - (Date.now() % 5000) + (Date.now() % 5000 > 4000 ? 5000 : 0));
    const count = () =>
      Promise.all(
        (['ran', 'failed', 'skipped'] as const).map(async (outcome) =>
          (
            await Promise.all(
              METRICS.map((m) => metric(m, 'vssid_job_runs_total', { job: 'fan-out', outcome })),
            )
          ).reduce((a, b) => a + b, 0),
        ),
      );
    const [ran0 = 0, failed0 = 0, skipped0 = 0] = await count();
    await sleep(10_000);
    const [ran1 = 0, failed1 = 0, skipped1 = 0] = await count();
    expect({ passes: ran1 - ran0 + (failed1 - failed0), skipped: skipped1 - skipped0 }).toEqual({
      passes: 2,
      skipped: 4,
    });
  });

  it('a catalog change made on the primary is seen by every node', async () => {
    const word = `Cum${Date.now() % 100000}`;
    await primary.query(
      `INSERT INTO bhxh_agencies (code, level, name, address, province_code) VALUES ('CL01', 'province', $1, 'Số 1 phố Thử', '01')
       ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name`,
      [`BHXH ${word}`],
    );
    for (const node of NODES)
      await until(`the agency on ${node}`, 3000, async () =>
        (await call(node, 'GET', `/api/v1/lookup/agencies?q=${word}`)).text.includes(word),
      );
  });

  it("history reads go to the replica, except a session's reads after its own write until replayed; lag measured", async () => {
    const { accessToken, readAfter } = await signIn();
    expect(readAfter).toMatch(/^[0-9A-F]+\/[0-9A-F]+@\d+$/);
    const marker = `Cụm ${randomUUID().slice(0, 8)}`;
    await replica.query('SELECT pg_wal_replay_pause()');
    try {
      // A write on the primary the replica does not replay, then the person's own write.
      await primary.query(
        `INSERT INTO participation_periods (bhxh_code, scheme, from_month, to_month, position, salary, status) VALUES ($1, 'bhxh_compulsory', '2020-01-01', '2020-12-01', $2, 5000000, 'paid')`,
        [CODE, marker],
      );
      const write = await call(LB, 'POST', '/api/v1/me/notifications/read-all', { token: accessToken });
      expect(write.status, write.text).toBe(204);
      const stamp = write.headers.get('x-read-after') ?? '';
      expect(stamp).toMatch(/@/);
      const read = (headers: Record<string, string> = {}) =>
        call(LB, 'GET', '/api/v1/me/participation', { token: accessToken, headers });
      // Without a write of its own, the client reads the replica: the period is not there yet.
      const fromReplica = await read();
      expect(fromReplica.status, fromReplica.text).toBe(200);
      expect(fromReplica.text).not.toContain(marker);
      // After its own write: the primary, until the replica has replayed it.
      const ownWrite = await read({ 'x-read-after': stamp });
      expect(ownWrite.text).toContain(marker);
      // The lag is measured, and past REPLICA_MAX_LAG_MS (5 s) every read goes to the primary.
      // (Each node measures it: every node must be past the bound before the read through HAProxy.)
      await until('the lag measured on every node', 10_000, async () =>
        (await Promise.all(METRICS.map((m) => metric(m, 'vssid_replica_lag_seconds', {})))).every(
          (l) => l > 5,
        ),
      );
      expect(await metric(METRICS[0] ?? '', 'vssid_replica_lag_bytes', {})).toBeGreaterThan(0);
      expect((await read()).text).toContain(marker);
    } finally {
      await replica.query('SELECT pg_wal_replay_resume()');
    }
    await until(
      'the replica caught up',
      10_000,
      async () => (await metric(METRICS[1] ?? '', 'vssid_replica_lag_bytes', {})) === 0,
    );
    expect((await read2(accessToken)).text).toContain(marker);
  });
});

function read2(token: string) {
  return call(LB, 'GET', '/api/v1/me/participation', { token });
}
