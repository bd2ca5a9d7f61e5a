import { solveProofOfWork } from '@vssid/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/database';
import { authTestKit, DEVICE_A, DEVICE_B, DEVICE_C } from './test-fixtures';
/** One-time codes (attempts, expiry, resend, the device) and changing and resetting a password. */

let database: DatabaseHandle;
const kit = authTestKit();
const { newCitizen, lastOtp, post, json, signInWithOtp, bearer, setInitialPassword } = kit;

beforeAll(async () => {
  ({ database } = await kit.start());
});
afterAll(async () => {
  await kit.stop();
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

  it('a resend keeps the attempts, and guesses are capped per account and purpose per hour (#22 item 3)', async () => {
    const person = await newCitizen();
    const signIn = async () =>
      json(
        await post(
          '/api/v1/auth/sign-in',
          { username: person.code, password: person.password },
          { 'x-device-id': DEVICE_A },
        ),
      );
    const guess = (challengeId: unknown, code: string) =>
      post('/api/v1/auth/sign-in/otp', { challengeId, code }, { 'x-device-id': DEVICE_A });
    const wrongFor = (right: string) => (right === '000000' ? '111111' : '000000');
    const open = async (challengeId: unknown) =>
      database.db
        .updateTable('otp_challenges')
        .set({ resend_available_at: new Date(Date.now() - 1000) })
        .where('id', '=', String(challengeId))
        .execute();

    const first = await signIn();
    for (let i = 0; i < 3; i++) await guess(first.challengeId, wrongFor(await lastOtp(person.phone)));
    await open(first.challengeId);
    expect((await post('/api/v1/auth/otp/resend', { challengeId: first.challengeId })).statusCode).toBe(200);
    const afterResend = await guess(first.challengeId, wrongFor(await lastOtp(person.phone)));
    expect(json(afterResend).attemptsLeft).toBe(1);

    // New challenges (a new sign-in each) do not give new guesses past the hourly cap: 10.
    let count = 4;
    while (count < 10) {
      const next = await signIn();
      for (let i = 0; i < 4 && count < 10; i++, count++)
        expect((await guess(next.challengeId, wrongFor(await lastOtp(person.phone)))).statusCode).toBe(400);
    }
    const last = await signIn();
    const right = await guess(last.challengeId, await lastOtp(person.phone));
    expect(right.statusCode).toBe(429);
    expect(json(right).code).toBe('otp_attempts_exceeded');
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

  it('asks for a proof of work past 2 reset requests per name per hour, alike for unknown names, capped at 5 (#22 item 2)', async () => {
    const person = await newCitizen();
    const run = async (username: string) => {
      const statuses: number[] = [];
      let proof = {};
      while (statuses.filter((s) => s === 202).length < 5 && statuses.length < 12) {
        const res = await post('/api/v1/auth/password/reset/start', { username, ...proof });
        statuses.push(res.statusCode);
        proof = {};
        if (res.statusCode === 428) {
          const c = json(res) as { challengeId: string; salt: string; bits: number };
          proof = { challengeId: c.challengeId, nonce: String(solveProofOfWork(c.salt, c.bits)) };
        } else if (res.statusCode !== 202) break;
      }
      statuses.push((await post('/api/v1/auth/password/reset/start', { username })).statusCode);
      return statuses;
    };
    const known = await run(person.code);
    expect(known.slice(0, 3)).toEqual([202, 202, 428]);
    expect(known.at(-1)).toBe(429);
    expect(await run('0177777777')).toEqual(known);
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
