/**
 * Issue 28 item 4: automatic failover, on the real topology of `scripts/failover.sh`
 * (pg_auto_failover: a monitor, a primary and a secondary in synchronous replication; PgBouncer
 * following the monitor's primary; two API nodes through PgBouncer).
 *
 * A burst of online service requests (citizens file a card reissue, each with its Idempotency-Key;
 * the officer takes each up and approves it, each action with its own key) runs over both API
 * nodes; a third of the way in, the primary node is SIGKILLed whole (its pg_autoctl keeper, its
 * postmaster and backends: the machine is lost, nothing restarts it). Every unanswered write is
 * retried with the same key until answered (bounded). Then, on the promoted node:
 *   - every acknowledged write exists exactly once (0 lost, 0 duplicated): one request per
 *     person and key with the number acknowledged, one receive and one approve in each log, one
 *     new card per request;
 *   - the API nodes were not restarted (same processes) and are ready again;
 *   - the time from the kill to the first write acknowledged after it, and to the promotion,
 *     are measured and printed (bench/results/failover.md keeps a run's figures).
 * The persons, cards and accounts are seeded with the crash test's pieces (bench/lib/crash-services.ts).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccessTokens, type DatabaseHandle, keySealer, openDatabase } from '@vssid/server';
import {
  checkServiceRequests,
  makeServicePeople,
  seedAccountTokens,
  seedServicePersons,
} from './lib/crash-services';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BASE = 56250;
const BOUNCER = `postgres://postgres@127.0.0.1:${BASE + 3}/vssid`;
const NODES = [1, 2].map((n) => `http://127.0.0.1:${BASE + 10 + n}`);
const PEOPLE = Number(process.env.FAILOVER_PEOPLE ?? 45);
/** How long an unanswered write is retried with its key (a key the crash left claimed frees after 60 s). */
const RETRY_FOR_MS = 150_000;
const AGENCY = '0101';
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vssid-failover-test-'));
fs.chmodSync(dir, 0o755);
const clusterDir = path.join(dir, 'failover');
const env = {
  ...process.env,
  FAILOVER_DIR: clusterDir,
  FAILOVER_PORT_BASE: String(BASE),
  FAILOVER_TTL_S: '600',
};
const failover = (command: string) =>
  execFileSync('bash', [path.join(root, 'scripts/failover.sh'), command], { env, encoding: 'utf8' });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const pidOf = (name: string) => Number(fs.readFileSync(path.join(clusterDir, `${name}.pid`), 'utf8'));

const people = makeServicePeople(PEOPLE);
let officer = '';
let citizens = new Map<string, string>();
let apiPids: number[] = [];

beforeAll(async () => {
  failover('start');
  apiPids = [pidOf('api1'), pidOf('api2')];
  const kek = Buffer.from(fs.readFileSync(path.join(clusterDir, 'kek'), 'utf8').trim(), 'base64');
  const handle = await openDatabase({
    databaseUrl: BOUNCER,
    databaseInMemory: false,
    dataDir: dir,
    databasePoolMax: 2,
    databasePreparedStatements: false,
  });
  try {
    const db = handle.db;
    await sql`INSERT INTO bhxh_agencies (code, level, name, address, province_code)
              VALUES (${AGENCY}, 'province', 'BHXH thử nghiệm chuyển đổi dự phòng', '1 Đường Thử', '01')`.execute(
      db,
    );
    await seedServicePersons(db, people, AGENCY);
    const tokens = await AccessTokens.open(db, keySealer(kek));
    ({ officer, citizens } = await seedAccountTokens(db, tokens, {
      agency: AGENCY,
      officerUsername: 'failover.officer',
      label: 'failover',
      people,
    }));
  } finally {
    await handle.close();
  }
}, 300_000);

afterAll(() => {
  failover('stop');
  fs.rmSync(dir, { recursive: true, force: true });
}, 60_000);

interface Ack {
  status: number;
  body: string;
  /** When the attempt that was answered was sent, and when its answer came. */
  sentAt: number;
  at: number;
  attempts: number;
}

/**
 * A write retried with the same key until answered: a refused connection, a 5xx (the database
 * went away under the request) or a 409 "in progress" (a claim the crash left, free after 60 s)
 * is tried again; any other answer is the answer.
 */
async function write(
  base: string,
  url: string,
  headers: Record<string, string>,
  body: unknown,
): Promise<Ack> {
  const end = Date.now() + RETRY_FOR_MS;
  for (let attempts = 1; ; attempts++) {
    const sentAt = Date.now();
    let status = 0;
    let text = '';
    try {
      const r = await fetch(`${base}${url}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(30_000),
      });
      status = r.status;
      text = await r.text();
    } catch {
      // refused, reset or timed out: unanswered (status 0), tried again
    }
    const inProgress = status === 409 && text.includes('idempotency_key_in_progress');
    if (status !== 0 && status < 500 && !inProgress)
      return { status, body: text, sentAt, at: Date.now(), attempts };
    if (Date.now() > end) return { status, body: text, sentAt, at: Date.now(), attempts };
    await sleep(inProgress ? 2000 : 200);
  }
}

describe('automatic failover: pg_auto_failover, PgBouncer following the primary, two API nodes', () => {
  it('SIGKILL of the primary mid-burst: promoted secondary, no API restart, 0 acknowledged writes lost or duplicated', async () => {
    const [first] = failover('primary').trim().split('\n');
    const primaryPort = Number(first?.split(' ')[1]);
    const primaryNode = primaryPort - BASE; // 1 or 2
    const standbyPort = BASE + 3 - primaryNode;
    const direct = new pg.Pool({
      connectionString: `postgres://postgres@127.0.0.1:${primaryPort}/vssid`,
      max: 1,
    });
    const sync = await direct.query<{ synchronous_standby_names: string }>('SHOW synchronous_standby_names');
    await direct.end();
    // Synchronous replication: a commit is acknowledged once the secondary has it.
    expect(sync.rows[0]?.synchronous_standby_names).not.toBe('');

    const acked = {
      filed: new Map<string, string>(),
      receive: new Set<string>(),
      approve: new Set<string>(),
    };
    const answers: Ack[] = [];
    const errors: string[] = [];
    let killAt = 0;
    const killAfter = Math.floor(PEOPLE / 3);
    const officerHeaders = { authorization: `Bearer ${officer}` };

    const kill = () => {
      // The keeper's process group holds it, its postmaster and the backends: all at once.
      execFileSync('kill', ['-9', '--', `-${pidOf(`node${primaryNode}`)}`]);
      killAt = Date.now();
    };

    let next = 0;
    await Promise.all(
      Array.from({ length: 6 }, async (_, worker) => {
        while (next < people.length) {
          const i = next++;
          const p = people[i];
          if (!p) break;
          const base = NODES[(i + worker) % 2] ?? '';
          const filed = await write(
            base,
            '/api/v1/me/service-requests',
            { authorization: `Bearer ${citizens.get(p.code) ?? ''}`, 'idempotency-key': p.key },
            { form: { type: 'bhyt_card_reissue', reason: 'lost' }, agencyCode: AGENCY },
          );
          answers.push(filed);
          if (filed.status !== 200 && filed.status !== 201) {
            errors.push(`file ${p.code}: ${filed.status} ${filed.body}`);
            continue;
          }
          const { number } = JSON.parse(filed.body) as { number: string };
          acked.filed.set(p.code, number);
          if (!killAt && acked.filed.size >= killAfter) kill();
          for (const step of ['receive', 'approve'] as const) {
            const done = await write(
              NODES[(i + worker + 1) % 2] ?? '',
              `/api/v1/officer/service-requests/${number}/actions`,
              { ...officerHeaders, 'idempotency-key': `${p.key}-${step}` },
              { action: step },
            );
            answers.push(done);
            if (done.status !== 200) {
              errors.push(`${step} ${number}: ${done.status} ${done.body}`);
              break;
            }
            acked[step].add(number);
          }
        }
      }),
    );
    expect(killAt).toBeGreaterThan(0);
    expect(errors).toEqual([]);

    // The secondary was promoted, and PgBouncer follows it.
    const [now] = failover('primary').trim().split('\n');
    expect(Number(now?.split(' ')[1])).toBe(standbyPort);
    const watcher = fs.readFileSync(path.join(clusterDir, 'watcher.log'), 'utf8').trim().split('\n');
    const switched = Date.parse(watcher.at(-1)?.split(' ')[0] ?? '');
    expect(watcher.at(-1)).toContain(`-> ${standbyPort}`);
    // The API nodes were not restarted: the same processes, ready again.
    expect([pidOf('api1'), pidOf('api2')]).toEqual(apiPids);
    for (const pid of apiPids) expect(() => process.kill(pid, 0)).not.toThrow();
    for (const node of NODES) expect((await fetch(`${node}/readyz`)).status).toBe(200);

    // Checked on the promoted node.
    const handle: DatabaseHandle = await openDatabase({
      databaseUrl: `postgres://postgres@127.0.0.1:${standbyPort}/vssid`,
      databaseInMemory: false,
      dataDir: dir,
      databasePoolMax: 1,
    });
    const failures: string[] = [];
    try {
      const db = handle.db;
      const requests = await db
        .selectFrom('service_requests')
        .select(['bhxh_code', 'number', 'idempotency_key'])
        .execute();
      // Each person files once, with one key (stored scoped to the account): a second request of a
      // person would be a duplicate; every number acknowledged must be there, the person's.
      const lostFilings = [...acked.filed].filter(
        ([code, number]) => !requests.some((r) => r.bhxh_code === code && r.number === number),
      );
      const duplicates =
        requests.length -
        new Set(requests.map((r) => r.bhxh_code)).size +
        (requests.length - new Set(requests.map((r) => r.idempotency_key)).size);
      const actions = await db
        .selectFrom('service_request_actions as a')
        .innerJoin('service_requests as r', 'r.id', 'a.request_id')
        .select(['r.number', 'a.action'])
        .where('a.action', 'in', ['receive', 'approve'])
        .execute();
      const count = (number: string, action: string) =>
        actions.filter((a) => a.number === number && a.action === action).length;
      const lostActions =
        [...acked.receive].filter((n) => count(n, 'receive') === 0).length +
        [...acked.approve].filter((n) => count(n, 'approve') === 0).length;
      const twice = [...acked.filed.values()].filter(
        (n) => count(n, 'receive') > 1 || count(n, 'approve') > 1,
      ).length;
      await checkServiceRequests(db, people, acked.filed, (ok, what) => {
        if (!ok) failures.push(what);
      });

      const afterKill = answers.filter((a) => a.sentAt >= killAt);
      const firstWrite = Math.min(...afterKill.map((a) => a.at));
      const figures = {
        people: PEOPLE,
        acknowledgedWrites: acked.filed.size + acked.receive.size + acked.approve.size,
        acknowledgedBeforeKill: answers.filter((a) => a.at < killAt).length,
        lost: lostFilings.length + lostActions,
        duplicated: duplicates + twice,
        retried: answers.filter((a) => a.attempts > 1).length,
        promotedAfterMs: switched - killAt,
        firstWriteAfterMs: firstWrite - killAt,
        lastRetryAnsweredAfterMs: Math.max(...answers.map((a) => a.at)) - killAt,
      };
      console.log(`[failover] figures ${JSON.stringify(figures)}`);
      expect(figures.lost).toBe(0);
      expect(figures.duplicated).toBe(0);
      expect(failures).toEqual([]);
      // Bounded recovery: the monitor's checks (4 s), its demote wait (5 s), the promotion.
      expect(figures.firstWriteAfterMs).toBeLessThan(60_000);
    } finally {
      await handle.close();
    }
  }, 400_000);
});
