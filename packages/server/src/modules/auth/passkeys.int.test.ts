import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app';
import type { DatabaseHandle } from '../../db/database';
import { signInAs } from '../../testing/auth';
import { createTestDatabase, testConfig } from '../../testing/database';
import { type CreationOptions, type RequestOptions, SoftAuthenticator } from '../../testing/webauthn';

const ORIGIN = 'http://localhost:3000';
let database: DatabaseHandle;
let app: FastifyInstance;
let seq = 0;

beforeAll(async () => {
  database = await createTestDatabase();
  app = await buildApp(testConfig({ RATE_LIMIT_MAX: '100000', PUBLIC_URL: ORIGIN }), { database });
});
afterAll(async () => {
  await app.close();
  await database.close();
});

/** The fields of the answers this file reads (problems, challenges, passkeys, sessions). */
interface Answer {
  code: string;
  errors: { field: string }[];
  challengeId: string;
  options: CreationOptions & RequestOptions & { excludeCredentials?: unknown; userVerification?: string };
  id: string;
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
  passkeys: Answer[];
  status: string;
  replacedDevice: boolean;
  session: { account: { id: string; role: string }; device: { id: string } };
  tokens: { accessToken: string };
  events: { outcome: string; method: string }[];
}
const json = (res: LightMyRequestResponse) => res.json<Answer>();

function call(
  method: 'GET' | 'POST' | 'DELETE',
  url: string,
  headers: Record<string, string> = {},
  payload?: unknown,
) {
  return app.inject({
    method,
    url: `/api/v1/auth${url}`,
    headers,
    ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
  });
}

async function citizen() {
  seq++;
  return signInAs(app, { role: 'citizen', bhxhCode: `79${String(seq).padStart(8, '0')}` });
}

/** Registers a passkey on `authenticator` for the signed-in caller; returns the answer. */
async function addPasskey(
  headers: Record<string, string>,
  authenticator: SoftAuthenticator,
  flags = {},
  name?: string,
) {
  const options = await call('POST', '/passkeys/registration/options', headers);
  expect(options.statusCode).toBe(200);
  const { challengeId, options: creation } = json(options);
  const response = authenticator.create(creation, flags);
  return call('POST', '/passkeys/registration', headers, {
    challengeId,
    response,
    ...(name ? { name } : {}),
  });
}

async function passkeySignIn(
  authenticator: SoftAuthenticator,
  options: { username?: string; device?: string; client?: 'web' | 'app' } = {},
  override: Parameters<SoftAuthenticator['get']>[1] = {},
) {
  const start = await call(
    'POST',
    '/passkeys/authentication/options',
    {},
    options.username ? { username: options.username } : {},
  );
  expect(start.statusCode).toBe(200);
  const { challengeId, options: request } = json(start);
  const response = authenticator.get(request, override);
  return {
    challengeId,
    response,
    res: await call(
      'POST',
      '/passkeys/authentication',
      options.device ? { 'x-device-id': options.device } : {},
      { challengeId, response, client: options.client ?? 'app' },
    ),
  };
}

const actions = async (accountId: string) =>
  (
    await database.db
      .selectFrom('audit_log')
      .select('action')
      .where('actor_id', '=', accountId)
      .where('action', 'like', 'auth.passkey.%')
      .orderBy('id')
      .execute()
  ).map((r) => r.action);

describe('adding, listing and removing passkeys', () => {
  it('registers a user-verified passkey named after the body or the device, and lists it', async () => {
    const { headers, principal } = await citizen();
    const authenticator = new SoftAuthenticator(ORIGIN);
    const first = await addPasskey(headers, authenticator, {}, 'Điện thoại của tôi');
    expect(first.statusCode).toBe(201);
    expect(json(first)).toMatchObject({ name: 'Điện thoại của tôi', lastUsedAt: null });
    const second = await addPasskey(headers, new SoftAuthenticator(ORIGIN));
    expect(second.statusCode).toBe(201);
    // No name given: the device label ("vitest" user agent → the agent text).
    expect(json(second).name.length).toBeGreaterThan(0);

    const list = await call('GET', '/passkeys', headers);
    expect(list.statusCode).toBe(200);
    const passkeys = json(list).passkeys;
    expect(passkeys.map((p) => p.id)).toEqual([json(first).id, json(second).id]);
    expect(passkeys[0]).toEqual({
      id: json(first).id,
      name: 'Điện thoại của tôi',
      createdAt: json(first).createdAt,
      lastUsedAt: null,
    });
    const row = await database.db
      .selectFrom('passkeys')
      .selectAll()
      .where('id', '=', json(first).id)
      .executeTakeFirstOrThrow();
    expect(row.account_id).toBe(principal.accountId);
    expect(row.device_type).toBe('singleDevice');
    expect(row.transports).toEqual(['internal']);
    expect(await actions(principal.accountId)).toEqual(['auth.passkey.added', 'auth.passkey.added']);
  });

  it('refuses anonymous callers, callers who must change an issued password, and bad bodies', async () => {
    expect((await call('POST', '/passkeys/registration/options')).statusCode).toBe(401);
    expect((await call('GET', '/passkeys')).statusCode).toBe(401);
    const { headers, principal } = await citizen();
    await database.db
      .updateTable('accounts')
      .set({ must_change_password: true })
      .where('id', '=', principal.accountId)
      .execute();
    const fresh = await signInAs(app, { role: 'citizen', bhxhCode: principal.bhxhCode ?? '' });
    const refused = await call('POST', '/passkeys/registration/options', fresh.headers);
    expect(refused.statusCode).toBe(403);
    expect(json(refused).code).toBe('password_change_required');

    const other = await citizen();
    const bad = await call('POST', '/passkeys/registration', other.headers, {
      challengeId: 'nope',
      response: { id: 'a b' },
    });
    expect(bad.statusCode).toBe(400);
    expect(json(bad).errors.map((e) => e.field)).toEqual(
      expect.arrayContaining(['challengeId', 'response.id']),
    );
    expect(headers.authorization).toBeTruthy();
  });

  it('verifies the answer: user verification, origin, challenge, type; failures are audited', async () => {
    const { headers, principal } = await citizen();
    const authenticator = new SoftAuthenticator(ORIGIN);
    const noUv = await addPasskey(headers, authenticator, { userVerified: false });
    expect(noUv.statusCode).toBe(400);
    expect(json(noUv).code).toBe('passkey_verification_failed');

    const options = json(await call('POST', '/passkeys/registration/options', headers));
    const phishing = authenticator.create(options.options, {}, { origin: 'https://vssid.example.com' });
    const wrongOrigin = await call('POST', '/passkeys/registration', headers, {
      challengeId: options.challengeId,
      response: phishing,
    });
    expect(wrongOrigin.statusCode).toBe(400);
    // The challenge was spent by the failed answer: a second answer to it is refused.
    const again = await call('POST', '/passkeys/registration', headers, {
      challengeId: options.challengeId,
      response: authenticator.create(options.options),
    });
    expect(again.statusCode).toBe(410);
    expect(json(again).code).toBe('passkey_challenge_expired');

    const expiring = json(await call('POST', '/passkeys/registration/options', headers));
    await database.db
      .updateTable('webauthn_challenges')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('id', '=', expiring.challengeId)
      .execute();
    const late = await call('POST', '/passkeys/registration', headers, {
      challengeId: expiring.challengeId,
      response: authenticator.create(expiring.options),
    });
    expect(late.statusCode).toBe(410);

    // Someone else's challenge cannot be answered.
    const other = await citizen();
    const theirs = json(await call('POST', '/passkeys/registration/options', other.headers));
    const stolen = await call('POST', '/passkeys/registration', headers, {
      challengeId: theirs.challengeId,
      response: authenticator.create(theirs.options),
    });
    expect(stolen.statusCode).toBe(410);

    expect(json(await call('GET', '/passkeys', headers)).passkeys).toEqual([]);
    const failed = await actions(principal.accountId);
    expect(failed.length).toBe(5);
    expect(new Set(failed)).toEqual(new Set(['auth.passkey.failed']));
  });

  it('refuses the same credential twice', async () => {
    const { headers } = await citizen();
    const authenticator = new SoftAuthenticator(ORIGIN);
    const options = json(await call('POST', '/passkeys/registration/options', headers));
    const response = authenticator.create(options.options);
    expect(
      (await call('POST', '/passkeys/registration', headers, { challengeId: options.challengeId, response }))
        .statusCode,
    ).toBe(201);
    const next = json(await call('POST', '/passkeys/registration/options', headers));
    // The options exclude the credential already held.
    expect(next.options.excludeCredentials).toEqual([
      { id: response.id, transports: ['internal'], type: 'public-key' },
    ]);
    // The old answer replayed against the new challenge: refused.
    const replay = await call('POST', '/passkeys/registration', headers, {
      challengeId: next.challengeId,
      response,
    });
    expect(replay.statusCode).toBe(400);
    // The same credential presented again (an authenticator ignoring excludeCredentials).
    const again = json(await call('POST', '/passkeys/registration/options', headers));
    const twice = await call('POST', '/passkeys/registration', headers, {
      challengeId: again.challengeId,
      response: authenticator.create(again.options, {}, { reuse: authenticator.credentials[0] }),
    });
    expect(twice.statusCode).toBe(409);
    expect(json(twice).code).toBe('passkey_already_registered');
    expect(json(await call('GET', '/passkeys', headers)).passkeys).toHaveLength(1);
  });

  it('removes only own passkeys: another account’s answers 404', async () => {
    const a = await citizen();
    const b = await citizen();
    const authenticator = new SoftAuthenticator(ORIGIN);
    const added = json(await addPasskey(a.headers, authenticator));
    const foreign = await call('DELETE', `/passkeys/${added.id}`, b.headers);
    expect(foreign.statusCode).toBe(404);
    expect((await call('DELETE', '/passkeys/AAAA', a.headers)).statusCode).toBe(404);
    expect(json(await call('GET', '/passkeys', a.headers)).passkeys).toHaveLength(1);
    const removed = await call('DELETE', `/passkeys/${added.id}`, a.headers);
    expect(removed.statusCode).toBe(204);
    expect(json(await call('GET', '/passkeys', a.headers)).passkeys).toEqual([]);
    expect(await actions(a.principal.accountId)).toEqual(['auth.passkey.added', 'auth.passkey.removed']);
    // A removed passkey no longer signs in.
    const { res } = await passkeySignIn(authenticator);
    expect(res.statusCode).toBe(401);
    expect(json(res).code).toBe('passkey_invalid');
  });
});

describe('signing in with a passkey', () => {
  it('signs a citizen in without OTP, makes this device current and ends the other session', async () => {
    const { headers, principal } = await citizen();
    const authenticator = new SoftAuthenticator(ORIGIN);
    const added = json(await addPasskey(headers, authenticator));
    const device = '44444444-4444-4444-8444-444444444444';
    const { res } = await passkeySignIn(authenticator, { device });
    expect(res.statusCode).toBe(200);
    const body = json(res);
    expect(body.status).toBe('signed_in');
    expect(body.replacedDevice).toBe(true);
    expect(body.session.account.id).toBe(principal.accountId);
    expect(body.session.device.id).toBe(device);
    expect(body.tokens.accessToken).toBeTruthy();
    // The password session on the other device ended.
    const old = await call('GET', '/session', headers);
    expect(old.statusCode).toBe(401);
    expect(json(old).code).toBe('session_ended');
    const session = await database.db
      .selectFrom('sessions')
      .select(['method', 'device_id'])
      .where('account_id', '=', principal.accountId)
      .where('ended_at', 'is', null)
      .execute();
    expect(session).toEqual([{ method: 'passkey', device_id: device }]);
    const list = json(
      await call('GET', '/passkeys', { authorization: `Bearer ${body.tokens.accessToken}` }),
    ).passkeys;
    expect(list[0]?.id).toBe(added.id);
    expect(list[0]?.lastUsedAt).not.toBeNull();
    const counter = await database.db
      .selectFrom('passkeys')
      .select('counter')
      .where('id', '=', added.id)
      .executeTakeFirstOrThrow();
    expect(Number(counter.counter)).toBe(1);
    expect(await actions(principal.accountId)).toEqual(['auth.passkey.added', 'auth.passkey.used']);
    const history = json(
      await call('GET', '/sign-ins', { authorization: `Bearer ${body.tokens.accessToken}` }),
    ).events;
    expect(history[0]).toMatchObject({ outcome: 'success', method: 'passkey' });
  });

  it('sets the session cookies for the web client, with or without a user name', async () => {
    const { headers, principal } = await citizen();
    const authenticator = new SoftAuthenticator(ORIGIN);
    await addPasskey(headers, authenticator);
    const { res } = await passkeySignIn(authenticator, {
      username: principal.bhxhCode ?? '',
      client: 'web',
    });
    expect(res.statusCode).toBe(200);
    expect(json(res).tokens).toBeUndefined();
    const cookies = res.cookies.map((c) => c.name);
    expect(cookies).toEqual(expect.arrayContaining(['vssid_at', 'vssid_rt', 'vssid_csrf']));
    // With a user name the options list that account's passkeys.
    const start = json(
      await call('POST', '/passkeys/authentication/options', {}, { username: principal.bhxhCode }),
    );
    expect(start.options.allowCredentials).toHaveLength(1);
    expect(start.options.userVerification).toBe('required');
    // An unknown user name answers like no user name (nothing to learn about accounts).
    const unknown = json(
      await call('POST', '/passkeys/authentication/options', {}, { username: '7999999999' }),
    );
    expect(unknown.options.allowCredentials).toBeUndefined();
  });

  it('refuses replayed challenges, wrong origins, missing user verification, cloned counters and another account', async () => {
    const { headers, principal } = await citizen();
    const authenticator = new SoftAuthenticator(ORIGIN);
    await addPasskey(headers, authenticator);

    const ok = await passkeySignIn(authenticator);
    expect(ok.res.statusCode).toBe(200);
    const replay = await call(
      'POST',
      '/passkeys/authentication',
      {},
      {
        challengeId: ok.challengeId,
        response: ok.response,
        client: 'app',
      },
    );
    expect(replay.statusCode).toBe(410);

    const phished = await passkeySignIn(authenticator, {}, { origin: 'https://vssid.example.com' });
    expect(phished.res.statusCode).toBe(401);
    const noUv = await passkeySignIn(authenticator, {}, { flags: { userVerified: false } });
    expect(noUv.res.statusCode).toBe(401);
    // A counter that does not grow means a cloned authenticator.
    const cloned = await passkeySignIn(authenticator, {}, { counter: 1 });
    expect(cloned.res.statusCode).toBe(401);
    expect(json(cloned.res).code).toBe('passkey_invalid');

    // The user name of another account: its challenge does not accept this passkey.
    const other = await citizen();
    await addPasskey(other.headers, new SoftAuthenticator(ORIGIN));
    const start = json(
      await call('POST', '/passkeys/authentication/options', {}, { username: other.principal.bhxhCode }),
    );
    const mine = authenticator.get({ ...start.options, allowCredentials: [] });
    const crossed = await call(
      'POST',
      '/passkeys/authentication',
      {},
      {
        challengeId: start.challengeId,
        response: mine,
        client: 'app',
      },
    );
    expect(crossed.statusCode).toBe(401);

    const failures = await database.db
      .selectFrom('audit_log')
      .select('details')
      .where('actor_id', '=', principal.accountId)
      .where('action', '=', 'auth.passkey.failed')
      .execute();
    expect(failures.map((f) => f.details.reason)).toEqual([
      'signature',
      'signature',
      'signature',
      'other_account',
    ]);
  });

  it('refuses a disabled account', async () => {
    const { headers, principal } = await citizen();
    const authenticator = new SoftAuthenticator(ORIGIN);
    await addPasskey(headers, authenticator);
    await database.db
      .updateTable('accounts')
      .set({ status: 'disabled' })
      .where('id', '=', principal.accountId)
      .execute();
    const { res } = await passkeySignIn(authenticator);
    expect(res.statusCode).toBe(403);
    expect(json(res).code).toBe('account_disabled');
  });
});

describe('staff passkeys', () => {
  it('accepts only device-bound passkeys, which then sign in as both factors', async () => {
    await sql`INSERT INTO bhxh_agencies (code, level, name, address, province_code)
              VALUES ('79', 'province', 'BHXH Thành phố Hồ Chí Minh', '117C Nguyễn Đình Chính', '79')
              ON CONFLICT DO NOTHING`.execute(database.db);
    const officer = await signInAs(app, { role: 'officer', agencyCode: '79' });
    const synced = await addPasskey(officer.headers, new SoftAuthenticator(ORIGIN), {
      backupEligible: true,
      backedUp: true,
    });
    expect(synced.statusCode).toBe(400);
    expect(json(synced).code).toBe('passkey_staff_device_bound');

    const authenticator = new SoftAuthenticator(ORIGIN);
    expect((await addPasskey(officer.headers, authenticator)).statusCode).toBe(201);
    const { res } = await passkeySignIn(authenticator);
    expect(res.statusCode).toBe(200);
    expect(json(res).session.account.role).toBe('officer');
    // Staff keep their other sessions (no one-device rule for staff).
    expect((await call('GET', '/session', officer.headers)).statusCode).toBe(200);
    // The same passkey reporting itself synced (backed up) later no longer counts as both factors.
    const synced2 = await passkeySignIn(
      authenticator,
      {},
      { flags: { backupEligible: true, backedUp: true } },
    );
    expect(synced2.res.statusCode).toBe(400);
    expect(json(synced2.res).code).toBe('passkey_staff_device_bound');
  });
});
