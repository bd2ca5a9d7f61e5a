import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildApp } from '../../app';
import type { DatabaseHandle } from '../../db/database';
import { createTestDatabase, testConfig } from '../../testing/database';

let database: DatabaseHandle;
let app: FastifyInstance;

const DEVICE_A = '11111111-1111-4111-8111-111111111111';
const DEVICE_B = '22222222-2222-4222-8222-222222222222';
const DEVICE_C = '33333333-3333-4333-8333-333333333333';
let personSeq = 0;

beforeAll(async () => {
  database = await createTestDatabase();
  app = await buildApp(testConfig({ RATE_LIMIT_MAX: '100000' }), { database });
  await sql`INSERT INTO bhxh_agencies (code, level, name, address, province_code)
            VALUES ('01', 'province', 'BHXH thành phố Hà Nội', '15 Trần Duy Hưng', '01'),
                   ('79', 'province', 'BHXH Thành phố Hồ Chí Minh', '117C Nguyễn Đình Chính', '79')`.execute(
    database.db,
  );
});
afterAll(async () => {
  await app.close();
  await database.close();
});

/** A person with an account whose issued password arrived by SMS; returns the code and password. */
async function newCitizen(): Promise<{ code: string; phone: string; password: string }> {
  personSeq++;
  const code = `01${String(personSeq).padStart(8, '0')}`;
  const phone = `09${String(personSeq).padStart(8, '0')}`;
  await sql`INSERT INTO persons (bhxh_code, full_name, birth_date, birth_year, gender, phone)
            VALUES (${code}, 'Nguyễn Thị Hoà', '1990-05-17', 1990, 'female', ${phone})`.execute(database.db);
  await database.db
    .transaction()
    .execute((trx) =>
      app.auth.createAccountWithIssuedPassword(
        trx,
        { role: 'citizen', username: code, displayName: 'Nguyễn Thị Hoà', bhxhCode: code, phone },
        { ip: '127.0.0.1', requestId: 'test' },
      ),
    );
  const text = await lastText(phone);
  const password = /: ([A-Za-z0-9]{10})\./.exec(
    text
      .split('\n')
      .join(' ')
      .replace(/.*(Mật khẩu|Password)/, 'x'),
  )?.[1];
  if (!password) throw new Error(`no password in ${text}`);
  return { code, phone, password };
}

async function lastText(recipient: string): Promise<string> {
  const row = await database.db
    .selectFrom('outbox')
    .select('payload')
    .where('recipient', '=', recipient)
    .orderBy('id', 'desc')
    .executeTakeFirstOrThrow();
  return String(row.payload.text);
}

async function lastOtp(recipient: string): Promise<string> {
  const code = /\b(\d{6})\b/.exec(await lastText(recipient))?.[1];
  if (!code) throw new Error('no OTP sent');
  return code;
}

/** Each test signs in from its own address, so the per-IP limits of one test do not leak into the next. */
let clientIp = '127.0.0.1';
beforeEach(() => {
  clientIp = `127.0.${Math.floor(personSeq / 250)}.${(personSeq % 250) + 2}`;
});

function post(url: string, payload: unknown, headers: Record<string, string> = {}) {
  return app.inject({
    method: 'POST',
    url,
    payload: payload as Record<string, unknown>,
    headers,
    remoteAddress: clientIp,
  });
}

type Json = Record<string, unknown> & { tokens?: { accessToken: string; refreshToken: string } };
const json = (res: LightMyRequestResponse) => res.json<Json>();

/** Password + OTP on a device, as an app client (tokens in the answer). */
async function signInWithOtp(username: string, password: string, phone: string, device: string) {
  const first = await post(
    '/api/v1/auth/sign-in',
    { username, password, client: 'app' },
    { 'x-device-id': device },
  );
  expect(first.statusCode).toBe(200);
  const body = json(first);
  expect(body.status).toBe('otp_required');
  const code = await lastOtp(phone);
  const second = await post(
    '/api/v1/auth/sign-in/otp',
    { challengeId: body.challengeId, code, client: 'app' },
    { 'x-device-id': device },
  );
  expect(second.statusCode).toBe(200);
  return json(second);
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

async function setInitialPassword(access: string, newPassword: string) {
  const res = await post('/api/v1/auth/password/initial', { newPassword, client: 'app' }, bearer(access));
  expect(res.statusCode).toBe(200);
  return json(res);
}

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

  it('answers an unknown account exactly as a wrong password', async () => {
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
  });

  it('locks the account after 5 wrong passwords, longer each time, and audits it', async () => {
    const person = await newCitizen();
    for (let i = 0; i < 4; i++) {
      const res = await post('/api/v1/auth/sign-in', { username: person.code, password: `wrong-${i}` });
      expect(res.statusCode).toBe(401);
    }
    const fifth = await post('/api/v1/auth/sign-in', { username: person.code, password: 'wrong-5' });
    expect(fifth.statusCode).toBe(423);
    expect(json(fifth)).toMatchObject({ code: 'account_locked' });
    const first = Number(json(fifth).retryAfterSeconds);
    expect(first).toBeGreaterThan(250);
    expect(first).toBeLessThanOrEqual(300);

    // Even the right password is refused while locked.
    const right = await post('/api/v1/auth/sign-in', { username: person.code, password: person.password });
    expect(right.statusCode).toBe(423);

    // The next lockout is twice as long.
    await database.db
      .updateTable('accounts')
      .set({ locked_until: new Date(Date.now() - 1000) })
      .where('username', '=', person.code)
      .execute();
    for (let i = 0; i < 4; i++)
      await post('/api/v1/auth/sign-in', { username: person.code, password: `again-${i}` });
    const second = await post('/api/v1/auth/sign-in', { username: person.code, password: 'again-5' });
    expect(second.statusCode).toBe(423);
    expect(Number(json(second).retryAfterSeconds)).toBeGreaterThan(550);

    const events = await database.db
      .selectFrom('audit_log')
      .select('action')
      .where('subject_bhxh_code', '=', person.code)
      .execute();
    const actions = events.map((e) => e.action);
    expect(actions.filter((a) => a === 'auth.account.locked')).toHaveLength(2);
    expect(actions).toContain('auth.sign_in.refused');
    expect(actions.filter((a) => a === 'auth.sign_in.failed').length).toBeGreaterThanOrEqual(8);
  });

  it('limits attempts per account across the window', async () => {
    const person = await newCitizen();
    const statuses: number[] = [];
    for (let i = 0; i < 16; i++) {
      await database.db
        .updateTable('accounts')
        .set({ locked_until: null, failed_attempts: 0 })
        .where('username', '=', person.code)
        .execute();
      statuses.push(
        (await post('/api/v1/auth/sign-in', { username: person.code, password: `x-${i}` })).statusCode,
      );
    }
    expect(statuses.slice(0, 15).every((s) => s === 401)).toBe(true);
    expect(statuses[15]).toBe(429);
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

describe('OTP rules', () => {
  it('allows 5 attempts, counting down, then refuses the right code too', async () => {
    const person = await newCitizen();
    const start = await post(
      '/api/v1/auth/sign-in',
      { username: person.code, password: person.password },
      { 'x-device-id': DEVICE_A },
    );
    const { challengeId } = json(start);
    const right = await lastOtp(person.phone);
    const wrong = right === '000000' ? '111111' : '000000';
    const left: unknown[] = [];
    for (let i = 0; i < 4; i++) {
      const res = await post(
        '/api/v1/auth/sign-in/otp',
        { challengeId, code: wrong },
        { 'x-device-id': DEVICE_A },
      );
      expect(res.statusCode).toBe(400);
      left.push(json(res).attemptsLeft);
    }
    expect(left).toEqual([4, 3, 2, 1]);
    const fifth = await post(
      '/api/v1/auth/sign-in/otp',
      { challengeId, code: wrong },
      { 'x-device-id': DEVICE_A },
    );
    expect(fifth.statusCode).toBe(429);
    const late = await post(
      '/api/v1/auth/sign-in/otp',
      { challengeId, code: right },
      { 'x-device-id': DEVICE_A },
    );
    expect(late.statusCode).toBe(429);
    expect(json(late).code).toBe('otp_attempts_exceeded');
  });

  it('is stored hashed, expires after 5 minutes, keeps one live code per purpose, and has a resend cooldown', async () => {
    const person = await newCitizen();
    const s1 = json(
      await post(
        '/api/v1/auth/sign-in',
        { username: person.code, password: person.password },
        { 'x-device-id': DEVICE_A },
      ),
    );
    const code1 = await lastOtp(person.phone);
    const row = await database.db
      .selectFrom('otp_challenges')
      .selectAll()
      .where('id', '=', String(s1.challengeId))
      .executeTakeFirstOrThrow();
    expect(Buffer.from(row.code_hash).toString('utf8')).not.toContain(code1);
    expect(Math.abs(row.expires_at.getTime() - row.created_at.getTime() - 300_000)).toBeLessThan(1000);

    const tooSoon = await post('/api/v1/auth/otp/resend', { challengeId: s1.challengeId });
    expect(tooSoon.statusCode).toBe(429);
    expect(json(tooSoon).code).toBe('otp_resend_too_soon');

    // A second sign-in supersedes the first challenge.
    const s2 = json(
      await post(
        '/api/v1/auth/sign-in',
        { username: person.code, password: person.password },
        { 'x-device-id': DEVICE_A },
      ),
    );
    const old = await post(
      '/api/v1/auth/sign-in/otp',
      { challengeId: s1.challengeId, code: code1 },
      { 'x-device-id': DEVICE_A },
    );
    expect(old.statusCode).toBe(410);

    // Expired.
    const code2 = await lastOtp(person.phone);
    await database.db
      .updateTable('otp_challenges')
      .set({ expires_at: new Date(Date.now() - 1000), resend_available_at: new Date(Date.now() - 1000) })
      .where('id', '=', String(s2.challengeId))
      .execute();
    const expired = await post(
      '/api/v1/auth/sign-in/otp',
      { challengeId: s2.challengeId, code: code2 },
      { 'x-device-id': DEVICE_A },
    );
    expect(expired.statusCode).toBe(410);
    expect(json(expired).code).toBe('otp_expired');

    // Resent after the cooldown: a new code works, the old one does not.
    const resent = await post('/api/v1/auth/otp/resend', { challengeId: s2.challengeId });
    expect(resent.statusCode).toBe(200);
    const code3 = await lastOtp(person.phone);
    const ok = await post(
      '/api/v1/auth/sign-in/otp',
      { challengeId: s2.challengeId, code: code3 },
      { 'x-device-id': DEVICE_A },
    );
    expect(ok.statusCode).toBe(200);
  });

  it('must be entered on the device that asked for it', async () => {
    const person = await newCitizen();
    const s = json(
      await post(
        '/api/v1/auth/sign-in',
        { username: person.code, password: person.password },
        { 'x-device-id': DEVICE_A },
      ),
    );
    const other = await post(
      '/api/v1/auth/sign-in/otp',
      { challengeId: s.challengeId, code: await lastOtp(person.phone) },
      { 'x-device-id': DEVICE_B },
    );
    expect(other.statusCode).toBe(410);
  });
});

describe('password change and reset', () => {
  it('changes with the current password and an OTP; other sessions end', async () => {
    const person = await newCitizen();
    const a = await signInWithOtp(person.code, person.password, person.phone, DEVICE_A);
    const main = await setInitialPassword(a.tokens?.accessToken ?? '', 'Truong-Son-Do-2026');
    const access = main.tokens?.accessToken ?? '';
    const wrong = await post(
      '/api/v1/auth/password/change/start',
      { currentPassword: 'nope-nope' },
      bearer(access),
    );
    expect(wrong.statusCode).toBe(400);
    expect(json(wrong).errors).toEqual([expect.objectContaining({ field: 'currentPassword' })]);
    const start = await post(
      '/api/v1/auth/password/change/start',
      { currentPassword: 'Truong-Son-Do-2026' },
      bearer(access),
    );
    expect(start.statusCode).toBe(200);
    expect(json(start).destination).toMatch(/^09\*+\d\d$/);
    const code = await lastOtp(person.phone);
    const done = await post(
      '/api/v1/auth/password/change',
      { challengeId: json(start).challengeId, code, newPassword: 'Cuu-Long-Giang-77' },
      bearer(access),
    );
    expect(done.statusCode).toBe(204);
    const signIn = await post(
      '/api/v1/auth/sign-in',
      { username: person.code, password: 'Cuu-Long-Giang-77' },
      { 'x-device-id': DEVICE_A },
    );
    expect(json(signIn).status).toBe('signed_in');
    const texts = await database.db
      .selectFrom('outbox')
      .select('payload')
      .where('recipient', '=', person.phone)
      .execute();
    expect(texts.some((t) => JSON.stringify(t.payload).includes('Cuu-Long-Giang-77'))).toBe(false);
  });

  it('resets with an OTP, answering the same for an unknown account, and never sends the password', async () => {
    const person = await newCitizen();
    const known = await post('/api/v1/auth/password/reset/start', { username: person.code, channel: 'sms' });
    const unknown = await post('/api/v1/auth/password/reset/start', {
      username: '0188888888',
      channel: 'sms',
    });
    expect(known.statusCode).toBe(202);
    expect(unknown.statusCode).toBe(202);
    expect(Object.keys(json(known)).sort()).toEqual(Object.keys(json(unknown)).sort());
    expect(json(known).destination).toBeNull();
    const bogus = await post('/api/v1/auth/password/reset', {
      challengeId: json(unknown).challengeId,
      code: '123456',
      newPassword: 'Ha-Long-Bay-2026',
    });
    expect(bogus.statusCode).toBe(400);

    const code = await lastOtp(person.phone);
    const weak = await post('/api/v1/auth/password/reset', {
      challengeId: json(known).challengeId,
      code,
      newPassword: '12345678',
    });
    expect(weak.statusCode).toBe(400);
    expect(json(weak).errors).toEqual([
      expect.objectContaining({ field: 'newPassword', code: 'password.common' }),
    ]);
    const done = await post('/api/v1/auth/password/reset', {
      challengeId: json(known).challengeId,
      code,
      newPassword: 'Ha-Long-Bay-2026',
    });
    expect(done.statusCode).toBe(204);
    const texts = await database.db
      .selectFrom('outbox')
      .select('payload')
      .where('recipient', '=', person.phone)
      .execute();
    expect(texts.some((t) => JSON.stringify(t.payload).includes('Ha-Long-Bay-2026'))).toBe(false);
    const signIn = await post(
      '/api/v1/auth/sign-in',
      { username: person.code, password: 'Ha-Long-Bay-2026' },
      { 'x-device-id': DEVICE_C },
    );
    expect(json(signIn).status).toBe('otp_required');
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

describe('staff', () => {
  async function newStaff(role: 'agency_admin' | 'officer', agency: string, username: string, phone: string) {
    await database.db
      .transaction()
      .execute((trx) =>
        app.auth.createAccountWithIssuedPassword(
          trx,
          { role, username, displayName: 'Trần Văn Bình', agencyCode: agency, phone },
          { ip: '127.0.0.1', requestId: 'test' },
        ),
      );
    const text = await lastText(phone);
    const password = /([A-Za-z0-9]{10})\./.exec(text.replace(/^.*?(Mật khẩu|Password): /, ''))?.[1] ?? '';
    return { username, phone, password };
  }

  it('need an OTP every time, and an agency admin manages only their own officers', async () => {
    const admin = await newStaff('agency_admin', '01', 'admin.hanoi', '0981000001');
    const s = await signInWithOtp(admin.username, admin.password, admin.phone, DEVICE_A);
    const access =
      (await setInitialPassword(s.tokens?.accessToken ?? '', 'Ho-Guom-Xanh-2026')).tokens?.accessToken ?? '';
    // Same device, right password: still an OTP.
    const again = await post(
      '/api/v1/auth/sign-in',
      { username: admin.username, password: 'Ho-Guom-Xanh-2026' },
      { 'x-device-id': DEVICE_A },
    );
    expect(json(again)).toMatchObject({ status: 'otp_required', reason: 'staff_second_factor' });

    const created = await post(
      '/api/v1/staff/officers',
      { username: 'canbo.an', displayName: 'Lê Thị An', phone: '0981000002' },
      bearer(access),
    );
    expect(created.statusCode).toBe(201);
    const issuedSms = await lastText('0981000002');
    expect(issuedSms).toContain('canbo.an');
    const duplicate = await post(
      '/api/v1/staff/officers',
      { username: 'canbo.an', displayName: 'X Y', phone: '0981000003' },
      bearer(access),
    );
    expect(duplicate.statusCode).toBe(409);
    const list = await app.inject({ url: '/api/v1/staff/officers', headers: bearer(access) });
    expect(list.json<{ officers: { username: string }[] }>().officers.map((o) => o.username)).toEqual(
      expect.arrayContaining(['admin.hanoi', 'canbo.an']),
    );

    // The officer signs in; the admin disables them; their session ends.
    const officerPassword =
      /([A-Za-z0-9]{10})\./.exec(issuedSms.replace(/^.*?(Mật khẩu|Password): /, ''))?.[1] ?? '';
    const o = await signInWithOtp('canbo.an', officerPassword, '0981000002', DEVICE_B);
    const officerAccess = o.tokens?.accessToken ?? '';
    const forbidden = await app.inject({ url: '/api/v1/staff/officers', headers: bearer(officerAccess) });
    expect(forbidden.statusCode).toBe(403);
    const disable = await post(
      `/api/v1/staff/officers/${String(json(created).id)}/status`,
      { status: 'disabled' },
      bearer(access),
    );
    expect(disable.statusCode).toBe(204);
    const ended = await app.inject({ url: '/api/v1/auth/session', headers: bearer(officerAccess) });
    expect(ended.json()).toMatchObject({ reason: 'account_disabled' });
    const refused = await post('/api/v1/auth/sign-in', { username: 'canbo.an', password: officerPassword });
    expect(refused.statusCode).toBe(403);

    // Another agency's officer is not found.
    const other = await newStaff('officer', '79', 'canbo.hcm', '0981000009');
    const row = await database.db
      .selectFrom('accounts')
      .select('id')
      .where('username', '=', other.username)
      .executeTakeFirstOrThrow();
    const foreign = await post(
      `/api/v1/staff/officers/${row.id}/status`,
      { status: 'disabled' },
      bearer(access),
    );
    expect(foreign.statusCode).toBe(404);
  });
});
