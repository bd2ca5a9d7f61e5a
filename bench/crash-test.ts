/**
 * Crash safety of registration (issue "Registration", acceptance): "Killing the server with
 * SIGKILL during a burst of submissions and approvals loses no dossier, creates no duplicate, and
 * after restart every message is delivered exactly once."
 *
 *   npm run crash-test -w @vssid/bench            (file-backed PGlite in a temporary DATA_DIR)
 *   DATABASE_URL=postgres://… npm run crash-test -w @vssid/bench   (an EMPTY PostgreSQL database)
 *   CRASH_PEOPLE=80 CRASH_KILL_AFTER=30 …          (burst size; kill after that many acknowledgements)
 *   CRASH_GATEWAY_DELAY_MS=150 …                   (the gateway answers that late, default 120 ms: a
 *                                                   SIGKILL then often lands after the gateway took a
 *                                                   message and before the outbox committed it)
 *
 * What it does: seeds persons, their population-registry entries, an agency and an officer
 * (with a signed access token, as bench/lib/accounts.ts does for citizens); starts the real server
 * (`packages/server/src/main.ts`) as a child process whose SMS adapter is an HTTP gateway on
 * loopback (this script) that records every delivery with its `Idempotency-Key`; fires a burst of
 * Form 01 submissions (each with its own Idempotency-Key) and, as acknowledgements come back,
 * the officer's record_paper + approve (approval sends the issued-password SMS); SIGKILLs the
 * server mid-burst; restarts it on the same data; retries EVERY submission with its key and every
 * approval; waits for the outbox to drain; stops the server and checks, in the database and the
 * gateway's log:
 *   1. every submission acknowledged before the crash exists, with the number it was given;
 *   2. one dossier per person and per key (no duplicate), and every submission ends up stored;
 *   3. every outbox message is delivered (delivered_at set), and each expected message exists once;
 *   4. the gateway saw every key; keys it saw more than once are counted and reported.
 *
 * Online service requests (issue 23) run in the same burst: other persons, each with a citizen
 * account and a BHYT card, file a card reissue (Idempotency-Key), which the officer takes up and
 * approves (each action with its own key); after the restart every filing and action is retried
 * with the same keys. Checked: one request per person and key, each approved once (one `approve`
 * in its log), its result applied once (exactly one new card, the old one replaced), and its three
 * SMS (filed, taken up, approved) in the outbox once each and delivered.
 *
 * "Exactly once", honestly: the outbox is at-least-once towards the gateway (a crash after the
 * gateway accepted a message but before `delivered_at` was committed sends it again, with the
 * same Idempotency-Key). Exactly-once to the person therefore relies on the gateway
 * deduplicating by that key, as this gateway does (it answers 200 and does not forward a second
 * time). The script reports raw deliveries per key (a duplicate here is allowed and shown) and the
 * deduplicated deliveries (must be exactly one per expected message).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import sharp from 'sharp';
import { AccessTokens, keySealer, migrate, openDatabase, resolveKeyEncryptionKey } from '@vssid/server';
import {
  checkServiceRequests,
  makeServicePeople,
  type Person,
  seedAccountTokens,
  seedServicePersons,
  serviceRequestDriver,
} from './lib/crash-services';

const here = path.dirname(fileURLToPath(import.meta.url));
const SERVER_MAIN = path.join(here, '../packages/server/src/main.ts');
const PEOPLE = Number(process.env.CRASH_PEOPLE ?? 60);
const KILL_AFTER = Number(process.env.CRASH_KILL_AFTER ?? Math.floor(PEOPLE / 3));
const GATEWAY_DELAY_MS = Number(process.env.CRASH_GATEWAY_DELAY_MS ?? 120);
const CONCURRENCY = 6;
const AGENCY = '0101';
const databaseUrl = process.env.DATABASE_URL;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vssid-crash-'));

const log = (...args: unknown[]) => {
  console.log(`[crash-test ${new Date().toISOString().slice(11, 23)}]`, ...args);
};

const dbOptions = {
  databaseUrl,
  databaseInMemory: false,
  dataDir,
  databasePoolMax: 2,
};

const servicePeople = makeServicePeople(Math.max(6, Math.floor(PEOPLE / 3)));

const people: Person[] = Array.from({ length: PEOPLE }, (_, i) => ({
  code: `01${String(55_000_000 + i).padStart(8, '0')}`,
  cccd: `001${String(195_000_000 + i).padStart(9, '0')}`,
  name: `Nguyễn Văn Thử ${String.fromCharCode(65 + (i % 26))}${i}`,
  phone: `09${String(10_000_000 + i).padStart(8, '0')}`,
  key: `crash-${randomUUID()}`,
}));

/** Persons, registry entries, the agency, an officer account, session and access token. */
async function seed(): Promise<{ officer: string; citizens: Map<string, string> }> {
  const handle = await openDatabase(dbOptions);
  try {
    const db = handle.db;
    await migrate(db);
    await sql`INSERT INTO bhxh_agencies (code, level, name, address, province_code)
              VALUES (${AGENCY}, 'province', 'BHXH thử nghiệm sự cố', '1 Đường Thử', '01')`.execute(db);
    for (const p of people) {
      await sql`INSERT INTO persons (bhxh_code, full_name, birth_date, birth_year, gender, cccd, phone)
                VALUES (${p.code}, ${p.name}, '1990-05-17', 1990, 'male', ${p.cccd}, ${p.phone})`.execute(db);
      await sql`INSERT INTO population_registry (cccd, full_name, birth_date, birth_year, gender, address)
                VALUES (${p.cccd}, ${p.name}, '1990-05-17', 1990, 'male', 'Hà Nội')`.execute(db);
    }
    await seedServicePersons(db, servicePeople, AGENCY);
    // The key-encryption key the server finds in the same DATA_DIR (created by whichever is first).
    const sealer = keySealer(
      await resolveKeyEncryptionKey({ keyEncryptionKey: null, databaseInMemory: false, dataDir }),
    );
    const tokens = await AccessTokens.open(db, sealer);
    return await seedAccountTokens(db, tokens, {
      agency: AGENCY,
      officerUsername: 'crash.officer',
      label: 'crash-test',
      people: servicePeople,
    });
  } finally {
    await handle.close();
  }
}

/** The SMS gateway: records every POST with its Idempotency-Key; forwards (counts) a key once. */
function startGateway() {
  const deliveries = new Map<string, number>();
  /** The texts received per recipient (E.164), as the person's phone would show them. */
  const texts = new Map<string, string[]>();
  const hooks: { onReceive: (() => void) | null } = { onReceive: null };
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const key = req.headers['idempotency-key'];
      if (typeof key !== 'string' || !body) {
        res.writeHead(400).end();
        return;
      }
      // Taken (a real gateway would forward it now), answered a little later: a crash in between
      // leaves the outbox row undelivered, so it is sent again with the same key after restart.
      deliveries.set(key, (deliveries.get(key) ?? 0) + 1);
      const { to, text } = JSON.parse(body) as { to?: string; text?: string };
      if (to && text) texts.set(to, [...(texts.get(to) ?? []), text]);
      hooks.onReceive?.();
      setTimeout(() => {
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
      }, GATEWAY_DELAY_MS);
    });
  });
  return new Promise<{
    url: string;
    deliveries: Map<string, number>;
    texts: Map<string, string[]>;
    hooks: typeof hooks;
    close: () => void;
  }>((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${port}/sms`,
        deliveries,
        texts,
        hooks,
        close: () => server.close(),
      });
    });
  });
}

async function freePort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) =>
    server.close(() => {
      resolve();
    }),
  );
  return port;
}

function startServer(port: number, gatewayUrl: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', SERVER_MAIN], {
    env: {
      ...process.env,
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: String(port),
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      DATA_DIR: dataDir,
      ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
      SERVE_WEB: 'false',
      LOG_LEVEL: 'warn',
      SMS_GATEWAY_URL: gatewayUrl,
      OUTBOX_POLL_MS: '200',
      RATE_LIMIT_MAX: '1000000',
      // Self registrations pass the look-up's gate (issue #22 item 1): no hashing, no per-IP cap.
      LOOKUP_POW_BITS: '0',
      LOOKUP_RATE_LIMIT_MAX: '1000000000',
      DEV_INBOX: 'false',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  return new Promise((resolve, reject) => {
    const deadline = Date.now() + 90_000;
    const poll = async () => {
      if (child.exitCode !== null) {
        reject(new Error(`server exited ${child.exitCode}:\n${out}`));
        return;
      }
      if (Date.now() > deadline) {
        child.kill('SIGKILL');
        reject(new Error(`server did not start:\n${out}`));
        return;
      }
      try {
        const r = await fetch(`http://127.0.0.1:${port}/readyz`);
        if (r.ok) {
          resolve(child);
          return;
        }
      } catch {
        // not listening yet
      }
      setTimeout(() => void poll(), 200);
    };
    void poll();
  });
}

async function photo(seed: number): Promise<string> {
  const bytes = await sharp({
    create: { width: 320, height: 240, channels: 3, background: { r: seed % 256, g: 120, b: 60 } },
  })
    .jpeg()
    .toBuffer();
  return bytes.toString('base64');
}

/** Runs `work` over items with a few in flight at once. */
async function pool<T>(items: T[], work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < items.length) {
        const item = items[next++];
        if (item !== undefined) await work(item);
      }
    }),
  );
}

async function main() {
  log(
    `data: ${databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `PGlite in ${dataDir}`}; ${PEOPLE} people, kill after ${KILL_AFTER} acks`,
  );
  const { officer: token, citizens } = await seed();
  const gateway = await startGateway();
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const photos = { portrait: await photo(1), id_front: await photo(2), id_back: await photo(3) };
  const officer = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };

  // person code → the number its SMS gave (null: acknowledged, the SMS not yet read)
  const acked = new Map<string, string | null>();
  const approvedAck = new Set<string>(); // dossier numbers whose approval was acknowledged
  const errors: string[] = [];

  // The look-up's challenge every self registration needs (issue #22 item 1); the crash test's
  // server runs with LOOKUP_POW_BITS=0, so nonce 0 solves it.
  const challenge = async () => {
    const r = await fetch(`${base}/api/v1/lookup/challenge`, { method: 'POST' });
    const c = (await r.json()) as { challengeId: string };
    return { challengeId: c.challengeId, nonce: '0' };
  };
  /** The dossier number in the newest SMS to `phone` (waits up to 10 s; null if none came). */
  const smsNumber = async (phone: string): Promise<string | null> => {
    const to = `+84${phone.slice(1)}`;
    for (let waited = 0; waited < 10_000; waited += 100) {
      const texts = gateway.texts.get(to) ?? [];
      for (const text of [...texts].reverse()) {
        const found = /\d{5,}\.GD_\d{4}_[0-9A-Z]+/.exec(text)?.[0];
        if (found) return found;
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    return null;
  };
  const submit = async (p: Person): Promise<string | null> => {
    try {
      const r = await fetch(`${base}/api/v1/registrations`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': p.key },
        body: JSON.stringify({
          ...(await challenge()),
          bhxhCode: p.code,
          fullName: p.name,
          idNumber: p.cccd,
          dateOfBirth: '1990-05-17',
          gender: 'male',
          address: { provinceCode: '01', communeCode: '00004', line: '1 Đường Thử' },
          phone: p.phone,
          agencyCode: AGENCY,
          delivery: 'counter',
          acceptTerms: true,
          commitment: true,
          photos,
        }),
      });
      // 202 whatever the match found (issue #22 item 1): the dossier number comes by SMS to the
      // phone on record, read here from the gateway as the person would read it.
      if (r.status !== 202) {
        errors.push(`submit ${p.code}: ${r.status} ${await r.text()}`);
        return null;
      }
      acked.set(p.code, acked.get(p.code) ?? null);
      const number = await smsNumber(p.phone);
      if (!number) return null;
      const before = acked.get(p.code);
      if (before && before !== number) errors.push(`submit ${p.code}: number changed ${before} → ${number}`);
      acked.set(p.code, number);
      return number;
    } catch {
      return null; // connection refused or reset: the server is down
    }
  };
  const action = async (number: string, name: 'record_paper' | 'approve'): Promise<number> => {
    try {
      // One key per intended action (issue #22 item 8): a retry after the crash replays the answer.
      // A key the crash left claimed answers 409 "in progress" until stale (60 s): retried with it,
      // as a client would; the state machine keeps a retaken action from applying twice.
      for (let attempt = 0; ; attempt++) {
        const r = await fetch(`${base}/api/v1/officer/dossiers/${number}/actions`, {
          method: 'POST',
          headers: { ...officer, 'idempotency-key': `crash-${name}-${number}`.replace(/_/g, '-') },
          body: JSON.stringify({ action: name }),
        });
        if (r.status !== 409 || attempt >= 40) return r.status;
        const { code } = (await r.json()) as { code?: string };
        if (code !== 'idempotency_key_in_progress') return r.status;
        await new Promise((resolve) => setTimeout(resolve, 2000));
      }
    } catch {
      return 0;
    }
  };
  const requestNumbers = new Map<string, string>(); // person code → request number acknowledged
  const serviceRequest = serviceRequestDriver({
    base,
    officer,
    citizens,
    agency: AGENCY,
    errors,
    requestNumbers,
  });

  /** Drives one dossier to approved; a 409 on a retry means the step was done before the crash. */
  const approve = async (number: string) => {
    const paper = await action(number, 'record_paper');
    if (paper !== 200 && paper !== 409) return;
    const ok = await action(number, 'approve');
    if (ok === 200) approvedAck.add(number);
  };

  // ---- burst 1, killed in the middle
  let server = await startServer(port, gateway.url);
  log('server up; burst starts');
  let killed = false;
  let armed = false;
  const burst = [
    ...people.map((p) => ({ p, service: false })),
    ...servicePeople.map((p) => ({ p, service: true })),
  ]
    // Interleaved: a service request after every third registration.
    .sort(
      (a, b) =>
        (a.service ? 3 * servicePeople.indexOf(a.p) + 2.5 : people.indexOf(a.p)) -
        (b.service ? 3 * servicePeople.indexOf(b.p) + 2.5 : people.indexOf(b.p)),
    );
  await pool(burst, async ({ p, service }) => {
    if (service) {
      await serviceRequest(p);
      return;
    }
    const number = await submit(p);
    if (number) await approve(number);
    if (!armed && acked.size >= KILL_AFTER) {
      armed = true;
      // The SIGKILL lands while the gateway holds a message the outbox has not yet marked
      // delivered (the worst moment for "exactly once"), or after 3 s without any delivery.
      const kill = (during: boolean) => {
        if (killed) return;
        killed = true;
        gateway.hooks.onReceive = null;
        server.kill('SIGKILL');
        log(
          `SIGKILL ${during ? 'during an SMS delivery' : 'between deliveries'}, after ${acked.size} acknowledged submissions and ${approvedAck.size} approvals`,
        );
      };
      gateway.hooks.onReceive = () => {
        kill(true);
      };
      setTimeout(() => {
        kill(false);
      }, 3000);
    }
  });
  const ackedBeforeCrash = new Map(acked);
  const approvedBeforeCrash = approvedAck.size;
  const deliveredBeforeRestart = [...gateway.deliveries.values()].reduce((a, b) => a + b, 0);
  await new Promise<void>((resolve) => {
    if (server.exitCode !== null || server.signalCode !== null) resolve();
    else
      server.once('exit', () => {
        resolve();
      });
  });

  // ---- restart, retry everything
  server = await startServer(port, gateway.url);
  log('restarted; retrying every submission and approval');
  await pool(people, async (p) => {
    const number = await submit(p);
    if (number) await approve(number);
  });
  await pool(servicePeople, serviceRequest);
  const expectedKeys = new Set<string>();
  const deadline = Date.now() + 60_000;
  // Wait until the gateway has seen an SMS for every dossier and account (the outbox drains).
  while (Date.now() < deadline) {
    if (gateway.deliveries.size >= people.length * 2 + servicePeople.length * 3) break;
    await new Promise((r) => setTimeout(r, 300));
  }
  await new Promise((r) => setTimeout(r, 1000));
  const stopped = new Promise<void>((resolve) =>
    server.once('exit', () => {
      resolve();
    }),
  );
  server.kill('SIGTERM');
  await stopped;

  // ---- checks
  const handle = await openDatabase(dbOptions);
  let failures = 0;
  const check = (ok: boolean, what: string) => {
    if (!ok) failures++;
    log(`${ok ? 'PASS' : 'FAIL'} ${what}`);
  };
  try {
    const db = handle.db;
    const dossiers = await db
      .selectFrom('dossiers')
      .select(['bhxh_code', 'number', 'idempotency_key', 'status'])
      .execute();
    const byCode = new Map<string, number>();
    for (const d of dossiers) byCode.set(d.bhxh_code, (byCode.get(d.bhxh_code) ?? 0) + 1);
    const numberOf = new Map(dossiers.map((d) => [d.bhxh_code, d.number]));
    const keyOf = new Map(dossiers.map((d) => [d.bhxh_code, d.idempotency_key]));
    const lost = [...ackedBeforeCrash].filter(
      ([code, number]) =>
        keyOf.get(code) !== people.find((p) => p.code === code)?.key ||
        (number !== null && numberOf.get(code) !== number),
    );
    check(
      lost.length === 0,
      `every submission acknowledged before the crash exists with its key and the number its SMS gave (${ackedBeforeCrash.size} acknowledged, ${lost.length} lost)`,
    );
    const duplicates = [...byCode.values()].filter((n) => n > 1).length;
    check(
      duplicates === 0 && dossiers.length === people.length,
      `one dossier per person: ${dossiers.length} dossiers for ${people.length} people, ${duplicates} duplicated`,
    );
    check(
      new Set(dossiers.map((d) => d.idempotency_key)).size === dossiers.length,
      'one dossier per Idempotency-Key',
    );
    // A retried officer action is applied once: one record_paper and one approve per dossier.
    const twice = await db
      .selectFrom('dossier_actions')
      .select(['dossier_id', 'action'])
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('action', 'in', ['record_paper', 'approve'])
      .groupBy(['dossier_id', 'action'])
      .having((eb) => eb.fn.countAll(), '>', 1)
      .execute();
    check(twice.length === 0, `every officer action applied once (${twice.length} applied twice)`);
    const approved = dossiers.filter((d) => d.status === 'approved').length;
    check(
      approved === people.length,
      `every dossier approved after the retries (${approved}/${people.length})`,
    );
    const accounts = await db
      .selectFrom('accounts')
      .select('bhxh_code')
      .where('role', '=', 'citizen')
      // The service requests' persons were given their accounts by the seed.
      .where(
        'bhxh_code',
        'in',
        people.map((p) => p.code),
      )
      .execute();
    check(accounts.length === people.length, `one citizen account per approval (${accounts.length})`);
    const outbox = await db
      .selectFrom('outbox')
      .select(['idempotency_key', 'channel', 'delivered_at', 'attempts'])
      .execute();
    for (const m of outbox) if (m.channel === 'sms') expectedKeys.add(m.idempotency_key);
    const undelivered = outbox.filter((m) => m.delivered_at === null);
    check(
      undelivered.length === 0,
      `every outbox message delivered (${outbox.length} messages, ${undelivered.length} undelivered)`,
    );
    check(
      expectedKeys.size === people.length * 2 + servicePeople.length * 3,
      `two SMS per registering person (submitted + issued password) and three per service request (filed, taken up, approved), once each (${expectedKeys.size})`,
    );
    await checkServiceRequests(db, servicePeople, requestNumbers, check);
    const missing = [...expectedKeys].filter((k) => !gateway.deliveries.has(k));
    check(missing.length === 0, `the gateway received every message (${missing.length} missing)`);
    const unexpected = [...gateway.deliveries.keys()].filter((k) => !expectedKeys.has(k));
    check(
      unexpected.length === 0,
      `the gateway received nothing that is not in the outbox (${unexpected.length})`,
    );
    const raw = [...gateway.deliveries.values()].reduce((a, b) => a + b, 0);
    const repeated = [...gateway.deliveries.values()].filter((n) => n > 1).length;
    log(
      `figures: ${ackedBeforeCrash.size} submissions and ${approvedBeforeCrash} approvals acknowledged before SIGKILL; ` +
        `${deliveredBeforeRestart} gateway deliveries before the restart; ${raw} raw deliveries for ${gateway.deliveries.size} keys; ` +
        `${repeated} keys delivered more than once by the outbox (re-sent after the crash, deduplicated by the gateway: delivered to the person once)`,
    );
    if (errors.length) log(`unexpected answers (${errors.length}):\n  ${errors.slice(0, 10).join('\n  ')}`);
    check(errors.length === 0, 'no unexpected answer from the server (every retry found its dossier)');
  } finally {
    await handle.close();
    gateway.close();
    if (!databaseUrl) fs.rmSync(dataDir, { recursive: true, force: true });
  }
  log(failures === 0 ? 'crash test passed' : `crash test FAILED (${failures} checks)`);
  process.exit(failures === 0 ? 0 : 1);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
