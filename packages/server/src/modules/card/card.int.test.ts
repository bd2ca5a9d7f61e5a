import net from 'node:net';
import { inflateRawSync } from 'node:zlib';
import { createPublicKey, verify } from 'node:crypto';
import { decodeShcNumeric, encodeShcNumeric, parseBhytQr, readCardCredential } from '@vssid/domain';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import decodeShc from 'shc-protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app';
import type { DatabaseHandle } from '../../db/database';
import { signInAs } from '../../testing/auth';
import { createTestDatabase, testConfig, testKeySealer } from '../../testing/database';
import { createKeyStore, DAY_MS } from './key-store';
import type { CardView } from './service';
import { vietnamToday } from '@vssid/domain';
import { recordWard } from '../../db/guardian-wards';
import { FAMILY, insertFamily } from './test-fixtures';

let database: DatabaseHandle;
let app: FastifyInstance;
let baseUrl: string;
const today = vietnamToday(new Date());

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => {
        resolve(port);
      });
    });
  });
}

beforeAll(async () => {
  database = await createTestDatabase();
  const port = await freePort();
  baseUrl = `http://127.0.0.1:${port}`;
  // Listening for real: the independent SMART Health Card library fetches <iss>/.well-known/jwks.json.
  app = await buildApp(testConfig({ PUBLIC_URL: baseUrl, RATE_LIMIT_MAX: '100000' }), { database });
  await app.listen({ host: '127.0.0.1', port });
  await insertFamily(database.db, today);
});
afterAll(async () => {
  await app.close();
  await database.close();
});

const citizen = (bhxhCode: string) => signInAs(app, { role: 'citizen', bhxhCode });

async function get(url: string, headers: Record<string, string> = {}) {
  return app.inject({ method: 'GET', url, headers });
}

describe('GET /api/v1/me/cards', () => {
  it("gives the person's current card and their minor child's, not the adult child's", async () => {
    const { headers } = await citizen(FAMILY.parent);
    const res = await get('/api/v1/me/cards', headers);
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('private, no-store');
    const { cards } = res.json<{ cards: CardView[] }>();
    expect(cards.map((c) => [c.holder.bhxhCode, c.holder.relation])).toEqual([
      [FAMILY.parent, 'self'],
      [FAMILY.child, 'child'],
    ]);
    const mine = cards[0]?.card;
    expect(mine).toMatchObject({
      id: '1002',
      cardNumber: FAMILY.parent,
      objectCode: 'DN',
      benefitLevel: 4,
      registeredClinic: { code: '01C54', name: 'Trạm Y tế phường Ba Đình' },
      issuingAgency: { code: '0101', name: 'BHXH cơ sở Ba Đình' },
      fiveYearDate: '2020-01-01',
      status: 'valid',
      benefit: { fundPercent: 80, capOnTechnicalServices: true, fiveYearReached: true },
    });
    // Level 4: visits under 15 % of the base salary are paid in full; the 5-year cap is 6 months of it.
    const base = mine?.benefit.baseSalaryVnd ?? 0;
    expect(base).toBeGreaterThan(1_000_000);
    expect(mine?.benefit.smallVisitFullyPaidBelowVnd).toBe(Math.round(base * 0.15));
    expect(mine?.benefit.fiveYearCapVnd).toBe(base * 6);
    expect(cards[1]?.card?.benefit).toMatchObject({
      fundPercent: 100,
      smallVisitFullyPaidBelowVnd: null,
      fiveYearCapVnd: null,
    });
  });

  it('writes the official QR in the new-card format, read back by the domain parser', async () => {
    const { headers } = await citizen(FAMILY.parent);
    const { cards } = (await get('/api/v1/me/cards', headers)).json<{ cards: CardView[] }>();
    const child = cards[1]?.card;
    const parsed = parseBhytQr(child?.officialQr);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.value).toMatchObject({
      cardNumber: FAMILY.child,
      fullName: 'Trần Minh Khôi',
      gender: 'male',
      registeredClinicCode: '01C54',
      validFrom: child?.validFrom,
      validTo: child?.validTo,
      // A minor's card names the guardian.
      guardianName: 'Nguyễn Thị Hoà',
      issuingPlace: 'BHXH thành phố Hà Nội',
    });
    expect(parsed.value.address).toContain('12 Phan Đình Phùng');
    expect(child?.officialQr.split('|')).toHaveLength(17);
  });

  it('answers a person without any card with card: null', async () => {
    const { headers } = await citizen(FAMILY.noCard);
    const { cards } = (await get('/api/v1/me/cards', headers)).json<{ cards: CardView[] }>();
    expect(cards).toHaveLength(1);
    expect(cards[0]?.card).toBeNull();
    expect(cards[0]?.holder.dateOfBirth).toBe('1970');
  });

  it("finds the wards through the guardian's look-up (0030), each checked against the ward's own record", async () => {
    const [guardian, ward, other] = ['0100000201', '0100000202', '0100000203'];
    const year = Number(today.slice(0, 4));
    await sql`INSERT INTO persons (bhxh_code, full_name, birth_date, birth_year, gender, guardian_bhxh_code) VALUES
        (${guardian}, 'Hoàng Văn Long', '1984-02-02', 1984, 'male', NULL),
        (${ward}, 'Hoàng Gia Huy', ${`${year - 5}-06-01`}, ${year - 5}, 'male', ${guardian}),
        (${other}, 'Đinh Thị Mai', ${`${year - 6}-06-01`}, ${year - 6}, 'female', NULL)`.execute(database.db);
    const { headers } = await citizen(guardian);
    const listed = async () =>
      (await get('/api/v1/me/cards', headers))
        .json<{ cards: CardView[] }>()
        .cards.map((c) => c.holder.bhxhCode);
    // The relation on the ward's row alone is not read from the guardian's side: the look-up is.
    expect(await listed()).toEqual([guardian]);
    await recordWard(database.db, guardian, ward);
    // A look-up row the ward's own record does not confirm shows nothing.
    await recordWard(database.db, guardian, other);
    expect(await listed()).toEqual([guardian, ward]);
  });

  it('is 401 without a session and 404 for staff roles', async () => {
    expect((await get('/api/v1/me/cards')).statusCode).toBe(401);
    for (const role of ['clinic', 'employer'] as const) {
      const { headers } = await signInAs(app, {
        role,
        ...(role === 'clinic' ? { clinicCode: '01C54' } : { unitCode: 'DN0001' }),
      });
      const res = await get('/api/v1/me/cards', headers);
      expect(res.statusCode).toBe(404);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
  });
});

describe('a 7-year-old with a TE card recorded to 31 December (issue #19)', () => {
  it('shows the card ended on the legal date, with no signed credential', async () => {
    const { headers } = await citizen(FAMILY.teEnded);
    const { cards } = (await get('/api/v1/me/cards', headers)).json<{ cards: CardView[] }>();
    const card = cards[0]?.card;
    const legalEnd = `${Number(today.slice(0, 4)) - 1}-09-30`;
    expect(card).toMatchObject({ objectCode: 'TE', status: 'expired', validTo: legalEnd, credential: null });
    // The official QR a clinic scans carries the legal end too.
    const parsed = parseBhytQr(card?.officialQr);
    expect(parsed.ok && parsed.value.validTo).toBe(legalEnd);
  });

  it("keeps a 4-year-old's TE card in force, signed", async () => {
    const { headers } = await citizen(FAMILY.parent);
    const { cards } = (await get('/api/v1/me/cards', headers)).json<{ cards: CardView[] }>();
    const card = cards[1]?.card;
    expect(card?.objectCode).toBe('TE');
    expect(['valid', 'expiring_soon']).toContain(card?.status);
    expect(card?.credential).not.toBeNull();
  });
});

describe('GET /api/v1/me/cards/:bhxhCode', () => {
  it("answers the person's own card and a minor child's", async () => {
    const { headers } = await citizen(FAMILY.parent);
    const own = await get(`/api/v1/me/cards/${FAMILY.parent}`, headers);
    expect(own.statusCode).toBe(200);
    expect(own.json<CardView>().holder.relation).toBe('self');
    const child = await get(`/api/v1/me/cards/${FAMILY.child}`, headers);
    expect(child.json<CardView>().holder.relation).toBe('child');
  });

  it("is 404 for an adult child, a stranger, a child's view of the parent and an unknown code", async () => {
    const parent = await citizen(FAMILY.parent);
    for (const code of [FAMILY.adultChild, FAMILY.stranger, '0199999999']) {
      const res = await get(`/api/v1/me/cards/${code}`, parent.headers);
      expect(res.statusCode).toBe(404);
      expect(res.json<{ code: string }>().code).toBe('not_found');
    }
    const child = await citizen(FAMILY.child);
    expect((await get(`/api/v1/me/cards/${FAMILY.parent}`, child.headers)).statusCode).toBe(404);
  });

  it('names the bad field of a malformed code', async () => {
    const { headers } = await citizen(FAMILY.parent);
    const res = await get('/api/v1/me/cards/12345', headers);
    expect(res.statusCode).toBe(400);
    expect(res.json<{ errors: { field: string }[] }>().errors[0]?.field).toBe('bhxhCode');
  });

  it("audits a guardian's read of a child's card, in the list and alone", async () => {
    const { headers, principal } = await citizen(FAMILY.parent);
    const entries = () =>
      database.db
        .selectFrom('audit_log')
        .selectAll()
        .where('subject_bhxh_code', '=', FAMILY.child)
        .where('action', '=', 'records.card.read')
        .execute();
    const before = (await entries()).length;
    await get('/api/v1/me/cards', headers);
    await get(`/api/v1/me/cards/${FAMILY.child}`, headers);
    const after = await entries();
    expect(after.length).toBe(before + 2);
    expect(after.at(-1)).toMatchObject({
      actor_type: 'citizen',
      actor_id: principal.accountId,
      target_type: 'bhyt_card',
      target_id: '1003',
      details: { via: 'guardian' },
    });
  });

  it('does not audit a person reading their own card', async () => {
    const { headers } = await citizen(FAMILY.stranger);
    await get(`/api/v1/me/cards/${FAMILY.stranger}`, headers);
    const rows = await database.db
      .selectFrom('audit_log')
      .select('action')
      .where('subject_bhxh_code', '=', FAMILY.stranger)
      .where('action', '=', 'records.card.read')
      .execute();
    expect(rows).toEqual([]);
  });
});

describe('GET /api/v1/officer/cards/:bhxhCode', () => {
  const auditOf = (code: string) =>
    database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('subject_bhxh_code', '=', code)
      .where('action', '=', 'records.card.read')
      .execute();

  it("lets an officer of the person's province read it, with an audit entry naming the purpose", async () => {
    const { headers, principal } = await signInAs(app, { role: 'officer', agencyCode: '0101' });
    const res = await get(
      `/api/v1/officer/cards/${FAMILY.parent}?purpose=${encodeURIComponent('Giải quyết hồ sơ cấp lại thẻ')}`,
      headers,
    );
    expect(res.statusCode).toBe(200);
    expect(res.json<CardView>().holder.relation).toBe('staff');
    const entries = await auditOf(FAMILY.parent);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      actor_type: 'officer',
      actor_id: principal.accountId,
      target_type: 'bhyt_card',
      target_id: '1002',
      purpose: 'Giải quyết hồ sơ cấp lại thẻ',
    });
  });

  it('is 404, and not audited, for a person of another province', async () => {
    const { headers } = await signInAs(app, { role: 'officer', agencyCode: '01' });
    const res = await get(`/api/v1/officer/cards/${FAMILY.stranger}?purpose=check`, headers);
    expect(res.statusCode).toBe(404);
    expect(await auditOf(FAMILY.stranger)).toEqual([]);
  });

  it('lets an officer of the national agency read anyone', async () => {
    const { headers } = await signInAs(app, { role: 'agency_admin', agencyCode: 'VN' });
    const res = await get(`/api/v1/officer/cards/${FAMILY.stranger}?purpose=audit`, headers);
    expect(res.statusCode).toBe(200);
    expect(await auditOf(FAMILY.stranger)).toHaveLength(1);
  });

  it('requires a purpose, and refuses citizens', async () => {
    const officer = await signInAs(app, { role: 'officer', agencyCode: '01' });
    const res = await get(`/api/v1/officer/cards/${FAMILY.parent}`, officer.headers);
    expect(res.statusCode).toBe(400);
    expect(res.json<{ errors: { field: string }[] }>().errors[0]?.field).toBe('purpose');
    const { headers } = await citizen(FAMILY.parent);
    expect((await get(`/api/v1/officer/cards/${FAMILY.parent}?purpose=x12`, headers)).statusCode).toBe(403);
  });
});

type Jwks = { keys: { kid: string; kty: string; crv: string; x: string; y: string; alg: string }[] };

async function credentialOf(bhxhCode: string) {
  const { headers } = await citizen(bhxhCode);
  const view = (await get(`/api/v1/me/cards/${bhxhCode}`, headers)).json<CardView>();
  const credential = view.card?.credential;
  if (!credential) throw new Error('no credential');
  return credential;
}

describe('the signed card (SMART Health Card)', () => {
  it('is verified by an independent SMART Health Card library against the live JWKS', async () => {
    const credential = await credentialOf(FAMILY.parent);
    expect(credential.qr).toMatch(/^shc:\/\d+$/);
    // One QR chunk: SMART Health Cards allow at most 1195 JWS characters in a single QR.
    expect(credential.jws.length).toBeLessThanOrEqual(1195);
    // shc-protocol: node-jose ES256 + pako inflate, keys fetched from <iss>/.well-known/jwks.json.
    const decoded = await decodeShc(credential.qr);
    expect(decoded.verifications).toMatchObject({
      trustable: true,
      verifiedBy: credential.kid,
      origin: baseUrl,
    });
    expect(decoded.header).toEqual({ alg: 'ES256', zip: 'DEF', kid: credential.kid });
    const payload = decoded.payload as { iss: string; nbf: number; exp: number; vc: { type: string[] } };
    expect(payload.iss).toBe(baseUrl);
    expect(payload.exp - payload.nbf).toBe(86_400);
    expect(payload.vc.type).toContain('https://smarthealth.cards#health-card');
    const summary = readCardCredential(payload);
    expect(summary.ok && summary.value).toMatchObject({
      fullName: 'Nguyễn Thị Hoà',
      dateOfBirth: '1985-05-17',
      bhxhCode: FAMILY.parent,
      cardNumber: FAMILY.parent,
      plan: 'DN4',
      registeredClinicCode: '01C54',
      issuedAt: credential.issuedAt,
    });
  });

  it('fails verification when one character of the payload changes', async () => {
    const credential = await credentialOf(FAMILY.parent);
    const [h, p, s] = credential.jws.split('.') as [string, string, string];
    const i = Math.floor(p.length / 2);
    const tampered = `${h}.${p.slice(0, i)}${p[i] === 'A' ? 'B' : 'A'}${p.slice(i + 1)}.${s}`;
    const qr = encodeShcNumeric(tampered);
    const decoded = await decodeShc(qr).catch(() => null);
    // Either the altered payload no longer inflates, or its signature does not verify.
    expect(decoded?.verifications.trustable ?? false).toBe(false);
  });

  it('verifies with node:crypto too, and is the same all day (renewed daily, not per request)', async () => {
    const a = await credentialOf(FAMILY.child);
    const b = await credentialOf(FAMILY.child);
    expect(b.qr).toBe(a.qr);
    const jws = decodeShcNumeric(a.qr);
    expect(jws.ok && jws.value).toBe(a.jws);
    const jwks = (await get('/.well-known/jwks.json')).json<Jwks>();
    const jwk = jwks.keys.find((k) => k.kid === a.kid);
    expect(jwk).toBeDefined();
    const [h, p, s] = a.jws.split('.') as [string, string, string];
    const key = createPublicKey({ key: { ...jwk }, format: 'jwk' });
    const ok = verify(
      'sha256',
      Buffer.from(`${h}.${p}`),
      { key, dsaEncoding: 'ieee-p1363' },
      Buffer.from(s, 'base64url'),
    );
    expect(ok).toBe(true);
    const payload = JSON.parse(inflateRawSync(Buffer.from(p, 'base64url')).toString('utf8')) as {
      nbf: number;
    };
    expect(new Date(payload.nbf * 1000).toISOString()).toBe(a.issuedAt);
  });

  it('publishes the keys at /.well-known/jwks.json for any origin', async () => {
    const res = await get('/.well-known/jwks.json');
    expect(res.statusCode).toBe(200);
    expect(res.headers['access-control-allow-origin']).toBe('*');
    const { keys, issuer } = res.json<Jwks & { issuer: string }>();
    expect(issuer).toBe(baseUrl);
    expect(keys.length).toBeGreaterThanOrEqual(1);
    for (const k of keys) {
      expect(k).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256' });
      expect(k.kid).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(k).not.toHaveProperty('d');
    }
  });

  it('keeps cards signed before a key rotation verifiable, and drops keys retired long ago', async () => {
    const before = await credentialOf(FAMILY.parent);
    // Another node (or the rotation job) rotates the key in the shared table.
    const store = createKeyStore(database.db, testKeySealer());
    const fresh = await store.rotate();
    expect(fresh.kid).not.toBe(before.kid);
    const kids = (await get('/.well-known/jwks.json')).json<Jwks>().keys.map((k) => k.kid);
    expect(kids).toEqual(expect.arrayContaining([before.kid, fresh.kid]));
    const decoded = await decodeShc(before.qr);
    expect(decoded.verifications).toMatchObject({ trustable: true, verifiedBy: before.kid });
    // Three days later the retired key has left the set (cards live 24 h; the grace is 48 h).
    const later = createKeyStore(database.db, testKeySealer(), {
      now: () => new Date(Date.now() + 3 * DAY_MS),
    });
    const laterKids = (await later.publicKeys()).map((k) => k.kid);
    expect(laterKids).toContain(fresh.kid);
    expect(laterKids).not.toContain(before.kid);
  });

  it('keeps one active key when nodes create the first key at the same time', async () => {
    await sql`DELETE FROM card_signing_keys`.execute(database.db);
    const stores = [
      createKeyStore(database.db, testKeySealer()),
      createKeyStore(database.db, testKeySealer()),
      createKeyStore(database.db, testKeySealer()),
    ];
    const keys = await Promise.all(stores.map((s) => s.activeKey()));
    expect(new Set(keys.map((k) => k.kid)).size).toBe(1);
    const active = await sql<{
      n: string;
    }>`SELECT count(*)::text AS n FROM card_signing_keys WHERE retired_at IS NULL`.execute(database.db);
    expect(active.rows[0]?.n).toBe('1');
  });

  it('rotates an active key older than its lifetime on first use', async () => {
    const old = await createKeyStore(database.db, testKeySealer()).activeKey();
    const store = createKeyStore(database.db, testKeySealer(), {
      rotateAfterMs: 30 * DAY_MS,
      now: () => new Date(Date.now() + 31 * DAY_MS),
    });
    const key = await store.activeKey();
    expect(key.kid).not.toBe(old.kid);
  });
});
