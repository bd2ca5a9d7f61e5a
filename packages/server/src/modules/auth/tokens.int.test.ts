import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import { jwtVerify, SignJWT } from 'jose';
import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { DatabaseHandle } from '../../db/database';
import { migrate } from '../../db/migrate';
import { createTestDatabase, testKeySealer } from '../../testing/database';
import type { Principal } from './guard';
import { ACCESS_TOKEN_SECONDS, AccessTokens } from './tokens';

let database: DatabaseHandle;
let tokens: AccessTokens;
beforeAll(async () => {
  database = await createTestDatabase();
  await migrate(database.db);
  tokens = await AccessTokens.open(database.db, testKeySealer());
});
afterAll(async () => {
  await database.close();
});
afterEach(() => {
  vi.useRealTimers();
});

/** Moves the clock `ms` ahead (Date only: timers and the database run as usual). */
function later(ms: number) {
  const now = Date.now();
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(now + ms);
}

const principal: Principal = {
  accountId: '42',
  sessionId: randomUUID(),
  role: 'citizen',
  bhxhCode: '0123456789',
  agencyCode: null,
  unitCode: null,
  clinicCode: null,
  displayName: 'Nguyễn Thị Hoà',
  mustChangePassword: false,
};

/** The signing key as stored (newest first), opened: what jose is given to check interoperability. */
async function signingKey(): Promise<{ kid: string; secret: Buffer }> {
  const rows = (
    await sql<{
      kid: string;
      secret: Buffer;
    }>`SELECT kid, secret FROM token_keys ORDER BY created_at DESC`.execute(database.db)
  ).rows;
  const row = rows[0];
  if (!row) throw new Error('no key');
  return { kid: row.kid, secret: testKeySealer().open(row.secret, `token_keys:${row.kid}`) };
}

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const hs256 = (secret: Buffer, input: string) =>
  createHmac('sha256', secret).update(input).digest('base64url');

describe('access tokens', () => {
  it('are standard HS256 JWTs: jose verifies ours, and we verify what jose signs (earlier versions)', async () => {
    const { kid, secret } = await signingKey();
    const token = await tokens.sign(principal);
    const { payload, protectedHeader } = await jwtVerify(token, secret, {
      issuer: 'vssid',
      audience: 'vssid-api',
      algorithms: ['HS256'],
    });
    expect(protectedHeader).toEqual({ alg: 'HS256', kid, typ: 'JWT' });
    expect(payload).toMatchObject({
      sub: '42',
      sid: principal.sessionId,
      role: 'citizen',
      name: 'Nguyễn Thị Hoà',
    });
    expect((payload.exp ?? 0) - (payload.iat ?? 0)).toBe(ACCESS_TOKEN_SECONDS);

    const byJose = await new SignJWT({
      sid: principal.sessionId,
      role: 'officer',
      bhxh: null,
      agency: '01',
      unit: null,
      clinic: null,
      name: 'Lê Văn Bình',
      mcp: true,
    })
      .setProtectedHeader({ alg: 'HS256', kid, typ: 'JWT' })
      .setSubject('7')
      .setIssuer('vssid')
      .setAudience('vssid-api')
      .setIssuedAt()
      .setExpirationTime('600s')
      .sign(secret);
    expect(await tokens.verify(byJose)).toEqual({
      ok: true,
      principal: {
        ...principal,
        accountId: '7',
        role: 'officer',
        bhxhCode: null,
        agencyCode: '01',
        displayName: 'Lê Văn Bình',
        mustChangePassword: true,
      },
    });
  });

  it('refuse anything changed, any other header, algorithm or encoding', async () => {
    const { kid, secret } = await signingKey();
    const token = await tokens.sign(principal);
    const [header = '', payload = '', signature = ''] = token.split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
    const now = Math.floor(Date.now() / 1000);
    const signed = (h: unknown, c: unknown) => {
      const input = `${b64(h)}.${b64(c)}`;
      return `${input}.${hs256(secret, input)}`;
    };
    const refused = [
      `${header}.${b64({ ...claims, role: 'officer' })}.${signature}`,
      `${header}.${payload}.${signature.slice(0, -2)}${signature.endsWith('AA') ? 'BA' : 'AA'}`,
      `${header}.${payload}.`,
      `${header}.${payload}`,
      `${token}.`,
      `${header}.${payload}.${signature}=`,
      ` ${token}`,
      `${b64({ alg: 'none', kid, typ: 'JWT' })}.${payload}.`,
      signed({ alg: 'HS512', kid, typ: 'JWT' }, claims),
      signed({ alg: 'HS256', typ: 'JWT', kid }, claims),
      signed({ alg: 'HS256', kid: 'no-such-key', typ: 'JWT' }, claims),
      signed({ alg: 'HS256', kid, typ: 'JWT' }, { ...claims, iss: 'other' }),
      signed({ alg: 'HS256', kid, typ: 'JWT' }, { ...claims, aud: 'other' }),
      signed({ alg: 'HS256', kid, typ: 'JWT' }, { ...claims, nbf: now + 60 }),
      signed({ alg: 'HS256', kid, typ: 'JWT' }, { ...claims, sub: undefined }),
      signed({ alg: 'HS256', kid, typ: 'JWT' }, { ...claims, exp: String(now + 60) }),
      signed({ alg: 'HS256', kid, typ: 'JWT' }, [claims]),
      `${header}.${Buffer.from('not json').toString('base64url')}.${hs256(secret, `${header}.${Buffer.from('not json').toString('base64url')}`)}`,
      'eyJhbGciOiJIUzI1NiJ9.e30.x',
      '',
    ];
    for (const t of refused)
      expect(await tokens.verify(t), t).toEqual({ ok: false, reason: 'invalid_token' });
    // The same header and claims, properly signed, pass: the cases above differ only as said.
    expect((await tokens.verify(signed({ alg: 'HS256', kid, typ: 'JWT' }, claims))).ok).toBe(true);
    expect(await tokens.verify(token)).toMatchObject({ ok: true, principal });
  });

  it('tell an expired token apart, also one verified before (cached)', async () => {
    const { kid, secret } = await signingKey();
    const now = Math.floor(Date.now() / 1000);
    const token = await tokens.sign(principal);
    const claims = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString()) as object;
    const input = `${b64({ alg: 'HS256', kid, typ: 'JWT' })}.${b64({ ...claims, iat: now - 700, exp: now - 100 })}`;
    expect(await tokens.verify(`${input}.${hs256(secret, input)}`)).toEqual({
      ok: false,
      reason: 'token_expired',
    });
    const soon = `${b64({ alg: 'HS256', kid, typ: 'JWT' })}.${b64({ ...claims, exp: now + 30 })}`;
    const soonToken = `${soon}.${hs256(secret, soon)}`;
    expect((await tokens.verify(soonToken)).ok).toBe(true);
    later(31_000);
    expect(await tokens.verify(soonToken)).toEqual({ ok: false, reason: 'token_expired' });
  });

  it('a key added by another node verifies here at once; the newest key signs after a restart', async () => {
    // The reloads are at most one a second: the test's own open() above was one.
    later(1100);
    const kid = `rotated-${randomUUID()}`;
    const secret = randomBytes(32);
    await sql`INSERT INTO token_keys (kid, secret, created_at)
      VALUES (${kid}, ${testKeySealer().seal(Buffer.from(secret), `token_keys:${kid}`)}, now() + interval '1 minute')`.execute(
      database.db,
    );
    const other = await AccessTokens.open(database.db, testKeySealer());
    const token = await other.sign(principal);
    expect(JSON.parse(Buffer.from(token.split('.')[0] ?? '', 'base64url').toString())).toMatchObject({ kid });
    expect(await tokens.verify(token)).toMatchObject({ ok: true, principal });
    // A forged token naming an unknown key right after costs no second query and is refused.
    const forged = `${b64({ alg: 'HS256', kid: 'forged', typ: 'JWT' })}.${token.split('.')[1]}.${hs256(secret, 'x')}`;
    expect(await tokens.verify(forged)).toEqual({ ok: false, reason: 'invalid_token' });
  });

  it('reload the keys for an unknown key of their own header shape only, at most once a second', async () => {
    const reload = vi.spyOn(tokens as unknown as { reload: () => Promise<void> }, 'reload');
    // Past the last reload, which the test before made at its moved clock.
    later(5000);
    const body = b64({ sub: '1' });
    const foreign = `${b64({ alg: 'HS256', typ: 'JWT', kid: 'x' })}.${body}.${hs256(randomBytes(32), 'x')}`;
    expect(await tokens.verify(foreign)).toEqual({ ok: false, reason: 'invalid_token' });
    expect(reload).not.toHaveBeenCalled();
    const unknownKid = (kid: string) =>
      `${b64({ alg: 'HS256', kid, typ: 'JWT' })}.${body}.${hs256(randomBytes(32), 'x')}`;
    expect(await tokens.verify(unknownKid('k1'))).toEqual({ ok: false, reason: 'invalid_token' });
    expect(await tokens.verify(unknownKid('k2'))).toEqual({ ok: false, reason: 'invalid_token' });
    expect(reload).toHaveBeenCalledTimes(1);
    reload.mockRestore();
  });
});
