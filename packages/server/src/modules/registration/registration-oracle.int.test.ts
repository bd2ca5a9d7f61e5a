import { describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { signInAs } from '../../testing/auth';
import { app, filed, form, person, smsTo, submit, useRegistrationWorld } from './test-fixtures';

/**
 * Issue #22 item 1: a self registration and a withdrawal answer nothing the caller has not proved
 * (a BHXH code and its name). A new dossier, an existing account and a pending dossier get the same
 * answer; what happened goes by SMS to the phone on record, in the caller's language.
 */
useRegistrationWorld();

/** What a caller sees of an answer: the status, the body and the headers, minus the volatile ones. */
const seen = (res: LightMyRequestResponse) => {
  const { date: _d, 'x-request-id': _r, ...rest } = res.headers;
  // The global per-IP rate limit's counters move with every request and second, whoever calls.
  const headers = Object.fromEntries(
    Object.entries(rest).filter(([name]) => !name.startsWith('x-ratelimit-')),
  );
  return { status: res.statusCode, body: res.body, headers };
};

/** The newest OTP code sent by SMS to `phone`. */
const otpSentTo = async (phone: string) => /\b(\d{6})\b/.exec((await smsTo(phone)).at(-1) ?? '')?.[1] ?? '';

describe('a self registration tells nothing beyond the match (#22 item 1)', () => {
  it('answers a new dossier, an existing account and a pending dossier the same, and tells each by SMS', async () => {
    // Three people whose phones on record end alike (the answer shows the last two digits only).
    const fresh = await person({ phone: '0911111189' });
    const member = await person({ phone: '0922222289' });
    const waiting = await person({ phone: '0933333389' });
    await signInAs(app, { role: 'citizen', bhxhCode: member.code });
    expect((await submit(form(waiting))).statusCode).toBe(202);
    const pendingNumber = (await filed(waiting.code)).number;

    const answers = [
      await submit(form(fresh), undefined, { 'accept-language': 'en' }),
      await submit(form(member), undefined, { 'accept-language': 'en' }),
      await submit(form(waiting), undefined, { 'accept-language': 'en' }),
    ].map(seen);
    expect(answers[0]).toMatchObject({ status: 202 });
    expect(JSON.parse(answers[0]?.body ?? '')).toEqual({ status: 'received', destination: '09******89' });
    expect(answers[1]).toEqual(answers[0]);
    expect(answers[2]).toEqual(answers[0]);

    const made = await filed(fresh.code);
    expect((await smsTo('0911111189')).at(-1)).toContain(made.number);
    expect((await smsTo('0911111189')).at(-1)).toContain(made.form01Url);
    expect(await smsTo('0922222289')).toEqual([expect.stringContaining('already has a VssID account')]);
    expect((await smsTo('0933333389')).at(-1)).toContain(`${pendingNumber} is still being processed`);
    // The typed phone got nothing.
    expect(await smsTo('0912345678')).toEqual([]);
  }, 60_000);

  it('answers alike without a phone on record, and sends nothing', async () => {
    const p = await person({ phone: null });
    const res = await submit(form(p));
    expect(res.statusCode).toBe(202);
    expect(res.json()).toEqual({ status: 'received', destination: null });
    expect((await filed(p.code)).status).toBe('submitted');
    expect(await smsTo('0912345678')).toEqual([]);
  }, 30_000);
});

describe('a withdrawal tells nothing beyond the match (#22 item 1)', () => {
  const start = (bhxhCode: string, fullName: string) =>
    app.inject({ method: 'POST', url: '/api/v1/registrations/withdrawals', payload: { bhxhCode, fullName } });

  it('answers the same with or without a pending dossier; only the OTP-proved step two tells which', async () => {
    const waiting = await person({ phone: '0944444477' });
    const idle = await person({ phone: '0955555577' });
    expect((await submit(form(waiting))).statusCode).toBe(202);
    const a = await start(waiting.code, waiting.name);
    const b = await start(idle.code, idle.name);
    const shape = (res: LightMyRequestResponse) => {
      const { challengeId: _c, expiresAt: _e, resendAt: _r, ...rest } = res.json<Record<string, unknown>>();
      return { status: res.statusCode, rest, keys: Object.keys(res.json<object>()).sort() };
    };
    expect(shape(a)).toEqual({
      status: 200,
      rest: { destination: '09******77' },
      keys: ['challengeId', 'destination', 'expiresAt', 'resendAt'],
    });
    expect(shape(b)).toEqual(shape(a));
    expect(a.body).not.toContain((await filed(waiting.code)).number);

    // Step two, once the OTP proves the phone: the one without a dossier learns so.
    const confirm = async (p: { code: string }, phone: string, res: LightMyRequestResponse) =>
      app.inject({
        method: 'POST',
        url: '/api/v1/registrations/withdrawals/confirm',
        payload: {
          bhxhCode: p.code,
          challengeId: res.json<{ challengeId: string }>().challengeId,
          code: await otpSentTo(phone),
        },
      });
    const none = await confirm(idle, '0955555577', b);
    expect(none.statusCode).toBe(404);
    expect(none.json()).toMatchObject({ code: 'no_pending_dossier' });
    const done = await confirm(waiting, '0944444477', a);
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ status: 'withdrawn' });
  }, 30_000);
});
