import { checkProofOfWork, solveProofOfWork } from '@vssid/domain';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/database';
import { authTestKit, type Json, DEVICE_A, DEVICE_B, DEVICE_C } from './test-fixtures';
/** Signing in: issued passwords, lockouts and limits, one device at a time, refresh tokens, web sessions. */

let database: DatabaseHandle;
let app: FastifyInstance;
const kit = authTestKit();
const { newCitizen, lastOtp, post, json, signInWithOtp, bearer, setInitialPassword } = kit;

beforeAll(async () => {
  ({ database, app } = await kit.start());
});
afterAll(async () => {
  await kit.stop();
});

describe('sign-in with an issued password', () => {
  it('needs an OTP on a new device, then a new password before anything else', async () => {
    const person = await newCitizen();
    const signedIn = await signInWithOtp(person.code, person.password, person.phone, DEVICE_A);
    expect(signedIn).toMatchObject({ status: 'signed_in', session: { mustChangePassword: true } });
    const access = signedIn.tokens?.accessToken ?? '';

    // A route for citizens refuses until the issued password is replaced.
    const refused = await post(
      '/api/v1/auth/password/change/start',
      { currentPassword: person.password },
      bearer(access),
    );
    expect(refused.statusCode).toBe(403);
    expect(json(refused).code).toBe('password_change_required');

    // The policy: not the BHXH code, phone, birth date or a common password; the message names the field.
    for (const bad of [person.code, person.phone, '17051990', 'matkhau123', 'short']) {
      const res = await post('/api/v1/auth/password/initial', { newPassword: bad }, bearer(access));
      expect(res.statusCode).toBe(400);
      expect(json(res).errors).toEqual([expect.objectContaining({ field: 'newPassword' })]);
    }
    const same = await post(
      '/api/v1/auth/password/initial',
      { newPassword: person.password },
      bearer(access),
    );
    expect(same.statusCode).toBe(400);

    const changed = await setInitialPassword(access, 'Hoa-Sen-Trang-2026');
    expect(changed).toMatchObject({ session: { mustChangePassword: false } });
    const session = await app.inject({
      url: '/api/v1/auth/session',
      headers: bearer(changed.tokens?.accessToken ?? ''),
    });
    expect(session.statusCode).toBe(200);
    expect(session.json()).toMatchObject({
      mustChangePassword: false,
      account: { username: person.code, role: 'citizen' },
    });

    // The same device signs in again with the new password without an OTP.
    const again = await post(
      '/api/v1/auth/sign-in',
      { username: person.code, password: 'Hoa-Sen-Trang-2026', client: 'app' },
      { 'x-device-id': DEVICE_A },
    );
    expect(json(again).status).toBe('signed_in');
  });

  /** Wrong passwords for `username` until `failures` were counted, solving the challenges asked for; the statuses seen. */
  async function fail(
    username: string,
    failures: number,
    headers: Record<string, string> = {},
    network = '10.9.9',
  ) {
    // Each attempt from its own address: the per-address limits are not what these tests count.
    const statuses: number[] = [];
    let counted = 0;
    let proof: { challengeId?: string; nonce?: string } = {};
    while (counted < failures) {
      const res = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/sign-in',
        payload: { username, password: `wrong-${counted}`, ...proof },
        headers,
        remoteAddress: `${network}.${statuses.length + 1}`,
      });
      statuses.push(res.statusCode);
      proof = {};
      if (res.statusCode === 401) counted++;
      else if (res.statusCode === 428) {
        const c = json(res) as { challengeId: string; salt: string; bits: number };
        proof = { challengeId: c.challengeId, nonce: String(solveProofOfWork(c.salt, c.bits)) };
      } else break;
    }
    return statuses;
  }

  it('answers an unknown account exactly as a wrong password: status, body, challenges and cap (#22 item 2)', async () => {
    const person = await newCitizen();
    const wrong = await post('/api/v1/auth/sign-in', { username: person.code, password: 'wrong-password' });
    const unknown = await post('/api/v1/auth/sign-in', {
      username: '0199999999',
      password: 'wrong-password',
    });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    const strip = (b: Json) => ({ ...b, requestId: undefined });
    expect(strip(json(wrong))).toEqual(strip(json(unknown)));
    expect(json(wrong).code).toBe('invalid_credentials');

    // The same sequence after failures: 401 × 3, then a proof of work before each attempt, then the cap.
    const known = await fail(person.code, 29, { 'x-device-id': DEVICE_B });
    const stranger = await fail('0199999999', 29, { 'x-device-id': DEVICE_B }, '10.9.10');
    expect(known).toEqual(stranger);
    expect(known.slice(0, 3)).toEqual([401, 401, 428]);
    const capped = await post('/api/v1/auth/sign-in', { username: person.code, password: 'wrong' });
    const cappedUnknown = await post('/api/v1/auth/sign-in', { username: '0199999999', password: 'wrong' });
    expect(capped.statusCode).toBe(429);
    expect(strip(json(capped))).toEqual(strip(json(cappedUnknown)));
  });

  it('caps the sign-ins of one address at 30 per 10 minutes, whatever the names (429 with Retry-After)', async () => {
    const statuses: number[] = [];
    let proof: { challengeId?: string; nonce?: string } = {};
    let last = await app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: {} });
    for (let n = 0; n < 40 && last.statusCode !== 429; n++) {
      last = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/sign-in',
        payload: { username: `01977${String(n).padStart(5, '0')}`, password: 'wrong-password', ...proof },
        headers: { 'x-device-id': DEVICE_C },
        remoteAddress: '10.9.13.1',
      });
      statuses.push(last.statusCode);
      proof = {};
      if (last.statusCode === 428) {
        const c = json(last) as { challengeId: string; salt: string; bits: number };
        proof = { challengeId: c.challengeId, nonce: String(solveProofOfWork(c.salt, c.bits)) };
      }
    }
    // Every attempt counts, the ones answered with a challenge too: the 31st is refused.
    expect(statuses.length).toBe(31);
    expect(statuses.at(-1)).toBe(429);
    expect(Number(last.headers['retry-after'])).toBeGreaterThan(0);
    expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
    // Another address is not affected.
    const elsewhere = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      payload: { username: '0197799999', password: 'wrong-password' },
      remoteAddress: '10.9.13.2',
    });
    expect(elsewhere.statusCode).toBe(401);
  });

  it('an unknown name costs the same password check as a known one (timing)', async () => {
    const person = await newCitizen();
    const time = async (username: string) => {
      const started = performance.now();
      await post(
        '/api/v1/auth/sign-in',
        { username, password: 'wrong-password' },
        { 'x-device-id': DEVICE_C },
      );
      return performance.now() - started;
    };
    const known = [await time(person.code), await time(person.code)];
    const unknown = [await time('0188888888'), await time('0188888888')];
    // Both verify an argon2 hash (the unknown one a dummy): the same order of time, not a shortcut.
    expect(Math.min(...unknown)).toBeGreaterThan(Math.min(...known) * 0.4);
  });

  it("has no lockout: a stranger's failures neither lock the owner's known device out nor reveal the account", async () => {
    const person = await newCitizen();
    const owner = await signInWithOtp(person.code, person.password, person.phone, DEVICE_A);
    await setInitialPassword(owner.tokens?.accessToken ?? '', 'Hoa-Sen-Trang-2026');

    // A stranger on another device: slowed down, then capped; never a 423.
    const statuses = await fail(person.code, 30, { 'x-device-id': DEVICE_B }, '10.9.11');
    expect(statuses).not.toContain(423);
    const strangerRight = await post(
      '/api/v1/auth/sign-in',
      { username: person.code, password: 'Hoa-Sen-Trang-2026' },
      { 'x-device-id': DEVICE_B },
    );
    expect(strangerRight.statusCode).toBe(429);

    // The owner's device signs in at once: no challenge, no cap, no lockout.
    const mine = await post(
      '/api/v1/auth/sign-in',
      { username: person.code, password: 'Hoa-Sen-Trang-2026', client: 'app' },
      { 'x-device-id': DEVICE_A },
    );
    expect(mine.statusCode).toBe(200);
    expect(json(mine).status).toBe('signed_in');

    const events = await database.db
      .selectFrom('audit_log')
      .select('action')
      .where('subject_bhxh_code', '=', person.code)
      .execute();
    const actions = events.map((e) => e.action);
    expect(actions).not.toContain('auth.account.locked');
    expect(actions.filter((a) => a === 'auth.sign_in.failed')).toHaveLength(30);
  });

  /** A nonce that does not solve the challenge. */
  const unsolved = (salt: string, bits: number) => {
    let nonce = 0;
    while (checkProofOfWork(salt, nonce, bits)) nonce++;
    return nonce;
  };

  it('a wrong or reused proof is asked again, a solved one lets the attempt through', async () => {
    const person = await newCitizen();
    await fail(person.code, 3, {}, '10.9.12');
    const asked = await post('/api/v1/auth/sign-in', { username: person.code, password: person.password });
    expect(asked.statusCode).toBe(428);
    const c = json(asked) as { challengeId: string; salt: string; bits: number };
    const bad = await post('/api/v1/auth/sign-in', {
      username: person.code,
      password: person.password,
      challengeId: c.challengeId,
      nonce: String(unsolved(c.salt, c.bits)),
    });
    expect(bad.statusCode).toBe(428);
    const next = json(bad) as { challengeId: string; salt: string; bits: number };
    const solved = { challengeId: next.challengeId, nonce: String(solveProofOfWork(next.salt, next.bits)) };
    const ok = await post(
      '/api/v1/auth/sign-in',
      { username: person.code, password: person.password, ...solved },
      { 'x-device-id': DEVICE_A },
    );
    expect(ok.statusCode).toBe(200);
    const reused = await post('/api/v1/auth/sign-in', {
      username: person.code,
      password: person.password,
      ...solved,
    });
    expect(reused.statusCode).toBe(428);
  });
});

describe('one device at a time', () => {
  it('signs the first device out when a second one signs in with an OTP, and says why', async () => {
    const person = await newCitizen();
    const a = await signInWithOtp(person.code, person.password, person.phone, DEVICE_A);
    const changed = await setInitialPassword(a.tokens?.accessToken ?? '', 'Song-Hong-Xanh-88');
    const accessA = changed.tokens?.accessToken ?? '';
    expect((await app.inject({ url: '/api/v1/auth/session', headers: bearer(accessA) })).statusCode).toBe(
      200,
    );

    const b = await signInWithOtp(person.code, 'Song-Hong-Xanh-88', person.phone, DEVICE_B);
    expect(b.replacedDevice).toBe(true);
    const ended = await app.inject({ url: '/api/v1/auth/session', headers: bearer(accessA) });
    expect(ended.statusCode).toBe(401);
    expect(ended.json()).toMatchObject({ code: 'session_ended', reason: 'replaced_by_new_device' });
    // Device A's refresh token is dead too.
    const refreshA = await post('/api/v1/auth/refresh', { refreshToken: changed.tokens?.refreshToken });
    expect(refreshA.statusCode).toBe(401);

    // Going back to device A needs an OTP again: only the current device is trusted.
    const back = await post(
      '/api/v1/auth/sign-in',
      { username: person.code, password: 'Song-Hong-Xanh-88', client: 'app' },
      { 'x-device-id': DEVICE_A },
    );
    expect(json(back).status).toBe('otp_required');

    const devices = await app.inject({
      url: '/api/v1/auth/devices',
      headers: bearer(b.tokens?.accessToken ?? ''),
    });
    expect(devices.json<{ devices: { id: string; current: boolean; trusted: boolean }[] }>().devices).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: DEVICE_B, current: true, trusted: true }),
        expect.objectContaining({ id: DEVICE_A, current: false, trusted: false }),
      ]),
    );
    const history = await app.inject({
      url: '/api/v1/auth/sign-ins',
      headers: bearer(b.tokens?.accessToken ?? ''),
    });
    const events = history.json<{ events: { outcome: string; method: string }[] }>().events;
    expect(events.filter((e) => e.outcome === 'success').length).toBeGreaterThanOrEqual(2);
    expect(events[0]).toMatchObject({ outcome: 'success', method: 'otp' });

    // A password sign-in on the trusted device B (no OTP: one statement opens the session and
    // writes its audit entry, which counts the session it replaced).
    const again = await post(
      '/api/v1/auth/sign-in',
      { username: person.code, password: 'Song-Hong-Xanh-88', client: 'app' },
      { 'x-device-id': DEVICE_B },
    );
    expect(json(again).status).toBe('signed_in');
    const audits = await database.db
      .selectFrom('audit_log')
      .select(['action', 'actor_type', 'subject_bhxh_code', 'target_type', 'details'])
      .where('subject_bhxh_code', '=', person.code)
      .where('action', '=', 'auth.sign_in.succeeded')
      .orderBy('id', 'desc')
      .execute();
    expect(audits[0]).toMatchObject({
      actor_type: 'citizen',
      target_type: 'account',
      details: { method: 'password', replacedSessions: 1 },
    });
    expect(audits[1]).toMatchObject({ details: { method: 'otp', replacedSessions: 1 } });
  });
});

describe('refresh tokens', () => {
  it('rotate, and a reused one ends the whole session', async () => {
    const person = await newCitizen();
    const s = await signInWithOtp(person.code, person.password, person.phone, DEVICE_C);
    const first = s.tokens?.refreshToken ?? '';
    const r1 = await post('/api/v1/auth/refresh', { refreshToken: first });
    expect(r1.statusCode).toBe(200);
    const second = json(r1).refreshToken as string;
    expect(second).not.toBe(first);
    const r2 = await post('/api/v1/auth/refresh', { refreshToken: second });
    expect(r2.statusCode).toBe(200);
    const third = json(r2).refreshToken as string;

    // The first token again: stolen or replayed. The family ends, even the newest token.
    const reuse = await post('/api/v1/auth/refresh', { refreshToken: first });
    expect(reuse.statusCode).toBe(401);
    expect(json(reuse)).toMatchObject({ code: 'session_ended', reason: 'reuse_detected' });
    const afterReuse = await post('/api/v1/auth/refresh', { refreshToken: third });
    expect(afterReuse.statusCode).toBe(401);
    const access = json(r2).accessToken as string;
    const session = await app.inject({ url: '/api/v1/auth/session', headers: bearer(access) });
    expect(session.json()).toMatchObject({ code: 'session_ended', reason: 'reuse_detected' });
    const audited = await database.db
      .selectFrom('audit_log')
      .select('action')
      .where('subject_bhxh_code', '=', person.code)
      .where('action', '=', 'auth.refresh_token.reused')
      .execute();
    expect(audited).toHaveLength(1);
  });
});

describe('web sessions', () => {
  it('lives in HttpOnly cookies, with CSRF protection on unsafe requests, and signs out', async () => {
    const person = await newCitizen();
    const first = await post('/api/v1/auth/sign-in', { username: person.code, password: person.password });
    const deviceCookie = first.cookies.find((c) => c.name === 'vssid_device');
    expect(deviceCookie).toMatchObject({ httpOnly: true });
    const cookie = `vssid_device=${deviceCookie?.value ?? ''}`;
    const otp = await post(
      '/api/v1/auth/sign-in/otp',
      { challengeId: json(first).challengeId, code: await lastOtp(person.phone) },
      { cookie },
    );
    expect(otp.statusCode).toBe(200);
    expect(json(otp).tokens).toBeUndefined();
    const jar = Object.fromEntries(otp.cookies.map((c) => [c.name, c]));
    expect(jar.vssid_at).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(jar.vssid_rt).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/api/v1/auth' });
    expect(jar.vssid_csrf?.httpOnly).toBeFalsy();
    const cookies = `${cookie}; vssid_at=${jar.vssid_at?.value ?? ''}; vssid_rt=${jar.vssid_rt?.value ?? ''}; vssid_csrf=${jar.vssid_csrf?.value ?? ''}`;

    expect((await app.inject({ url: '/api/v1/auth/session', headers: { cookie: cookies } })).statusCode).toBe(
      200,
    );
    const noCsrf = await post('/api/v1/auth/sign-out', {}, { cookie: cookies });
    expect(noCsrf.statusCode).toBe(403);
    expect(json(noCsrf).code).toBe('csrf_failed');
    const refreshed = await post(
      '/api/v1/auth/refresh',
      {},
      { cookie: cookies, 'x-csrf-token': jar.vssid_csrf?.value ?? '' },
    );
    expect(refreshed.statusCode).toBe(204);
    const out = await post(
      '/api/v1/auth/sign-out',
      {},
      { cookie: cookies, 'x-csrf-token': jar.vssid_csrf?.value ?? '' },
    );
    expect(out.statusCode).toBe(204);
    const after = await app.inject({ url: '/api/v1/auth/session', headers: { cookie: cookies } });
    expect(after.json()).toMatchObject({ code: 'session_ended', reason: 'signed_out' });
  });

  it('signs out everywhere', async () => {
    const person = await newCitizen();
    const s = await signInWithOtp(person.code, person.password, person.phone, DEVICE_A);
    const access = s.tokens?.accessToken ?? '';
    expect((await post('/api/v1/auth/sign-out-everywhere', {}, bearer(access))).statusCode).toBe(204);
    const after = await app.inject({ url: '/api/v1/auth/session', headers: bearer(access) });
    expect(after.json()).toMatchObject({ reason: 'signed_out_everywhere' });
  });

  it('tells an expired or forged access token apart from no token', async () => {
    const none = await app.inject({ url: '/api/v1/auth/session' });
    expect(none.json()).toMatchObject({ code: 'unauthenticated' });
    const forged = await app.inject({
      url: '/api/v1/auth/session',
      headers: bearer('eyJhbGciOiJIUzI1NiJ9.e30.x'),
    });
    expect(forged.statusCode).toBe(401);
    expect(forged.json()).toMatchObject({ code: 'unauthenticated' });
  });
});
