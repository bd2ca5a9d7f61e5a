import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { beforeEach, expect } from 'vitest';
import { buildApp } from '../../app';
import type { DatabaseHandle } from '../../db/database';
import { createTestDatabase, testConfig } from '../../testing/database';

/**
 * The sign-in tests' world (sign-in.int.test.ts, otp-password.int.test.ts, staff.int.test.ts):
 * one API node with two agencies, citizens and staff whose issued passwords arrive by SMS, and
 * the calls the tests make. Each test signs in from its own address (`post`).
 */

export const DEVICE_A = '11111111-1111-4111-8111-111111111111';
export const DEVICE_B = '22222222-2222-4222-8222-222222222222';
export const DEVICE_C = '33333333-3333-4333-8333-333333333333';

export type Json = Record<string, unknown> & { tokens?: { accessToken: string; refreshToken: string } };

export function authTestKit() {
  let database: DatabaseHandle;
  let app: FastifyInstance;
  let personSeq = 0;

  async function start(): Promise<{ database: DatabaseHandle; app: FastifyInstance }> {
    database = await createTestDatabase();
    // Sign-in's proofs of work scale on the look-up's difficulty: kept small for the tests to solve.
    app = await buildApp(testConfig({ RATE_LIMIT_MAX: '100000', LOOKUP_POW_BITS: '6' }), { database });
    await sql`INSERT INTO bhxh_agencies (code, level, name, address, province_code)
            VALUES ('01', 'province', 'BHXH thành phố Hà Nội', '15 Trần Duy Hưng', '01'),
                   ('79', 'province', 'BHXH Thành phố Hồ Chí Minh', '117C Nguyễn Đình Chính', '79')`.execute(
      database.db,
    );
    return { database, app };
  }
  async function stop(): Promise<void> {
    await app.close();
    await database.close();
  }

  /** A person with an account whose issued password arrived by SMS; returns the code and password. */
  async function newCitizen(): Promise<{ code: string; phone: string; password: string }> {
    personSeq++;
    const code = `01${String(personSeq).padStart(8, '0')}`;
    const phone = `09${String(personSeq).padStart(8, '0')}`;
    await sql`INSERT INTO persons (bhxh_code, full_name, birth_date, birth_year, gender, phone)
              VALUES (${code}, 'Nguyễn Thị Hoà', '1990-05-17', 1990, 'female', ${phone})`.execute(
      database.db,
    );
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

  return {
    start,
    stop,
    newCitizen,
    lastText,
    lastOtp,
    post,
    json,
    signInWithOtp,
    bearer,
    setInitialPassword,
  };
}
