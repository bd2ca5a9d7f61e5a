import net from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app';
import type { DatabaseHandle } from '../../db/database';
import { signInAs } from '../../testing/auth';
import { createTestDatabase, testConfig } from '../../testing/database';
import { DEV_VNEID_PASSWORD } from './dev-provider';
import { cccdOf, safeNext } from './routes';

/**
 * The whole VNeID code flow over real HTTP on loopback: this system's relying party against the
 * stand-in provider (oidc-provider) it mounts in demo mode, with a cookie-keeping "browser".
 */
let database: DatabaseHandle;
let app: FastifyInstance;
let base: string;

const PERSON = { bhxh: '0100007001', cccd: '001090012345', name: 'Lê Văn Minh' };
const NO_ACCOUNT = { cccd: '079190054321', name: 'Phạm Thị Lan' };
const DISABLED = { bhxh: '0100007002', cccd: '001085067890', name: 'Đỗ Quang Huy' };

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
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  database = await createTestDatabase();
  app = await buildApp(
    testConfig({
      DEMO: 'true',
      DEV_INBOX: 'true',
      PUBLIC_URL: base,
      PORT: String(port),
      RATE_LIMIT_MAX: '100000',
    }),
    { database },
  );
  await app.listen({ host: '127.0.0.1', port });
  const db = database.db;
  for (const p of [PERSON, NO_ACCOUNT, DISABLED])
    await db
      .insertInto('population_registry')
      .values({ cccd: p.cccd, full_name: p.name, birth_year: 1990, gender: 'male', address: 'Hà Nội' })
      .execute();
  for (const p of [PERSON, DISABLED])
    await db
      .insertInto('persons')
      .values({ bhxh_code: p.bhxh, full_name: p.name, birth_year: 1990, gender: 'male', cccd: p.cccd })
      .execute();
});
afterAll(async () => {
  await app.close();
  await database.close();
});

/** A browser: follows nothing by itself, keeps cookies (by name; paths are not needed here). */
class Browser {
  readonly cookies = new Map<string, string>();

  async go(url: string, init: { method?: string; form?: Record<string, string> } = {}) {
    const res = await fetch(new URL(url, base), {
      method: init.method ?? 'GET',
      redirect: 'manual',
      headers: {
        cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
        'accept-language': 'vi',
        ...(init.form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      ...(init.form ? { body: new URLSearchParams(init.form).toString() } : {}),
    });
    for (const line of res.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      if (!value || /max-age=0\b/i.test(line) || /expires=Thu, 01 Jan 1970/i.test(line))
        this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return { res, location: res.headers.get('location'), body: await res.text() };
  }

  /** Start → provider → its sign-in page; returns the page's form address. */
  async toProviderLogin(next = '/card'): Promise<{ action: string; authorizeUrl: URL }> {
    const start = await this.go(`/api/v1/auth/vneid/start?next=${encodeURIComponent(next)}`);
    expect(start.res.status).toBe(302);
    const authorizeUrl = new URL(start.location ?? '');
    const authorize = await this.go(authorizeUrl.toString());
    expect(authorize.res.status).toBe(303);
    const page = await this.go(authorize.location ?? '');
    expect(page.res.status).toBe(200);
    const action = /<form method="post" action="([^"]+)"/.exec(page.body)?.[1];
    expect(action).toBeTruthy();
    return { action: action ?? '', authorizeUrl };
  }

  /** The provider's form, then its redirects, up to the callback; returns the callback's answer. */
  async signInAtProvider(action: string, cccd: string, password = DEV_VNEID_PASSWORD) {
    const login = await this.go(action, { method: 'POST', form: { cccd, password } });
    if (login.res.status !== 303) return { login, callbackUrl: null, final: null };
    let location = login.location ?? '';
    // Resume the authorization until the provider sends the browser back to this system.
    for (let i = 0; i < 5 && !location.includes('/api/v1/auth/vneid/callback'); i++)
      location = (await this.go(location)).location ?? '';
    const final = await this.go(location);
    return { login, callbackUrl: location, final };
  }
}

describe('sign in with VNeID (stand-in provider, real HTTP)', () => {
  it('says whether it is available', async () => {
    const res = await fetch(`${base}/api/v1/auth/vneid`);
    expect(await res.json()).toEqual({ enabled: true, standIn: true });
    const discovery = (await (await fetch(`${base}/dev/vneid/.well-known/openid-configuration`)).json()) as {
      issuer: string;
      code_challenge_methods_supported: string[];
    };
    expect(discovery.issuer).toBe(`${base}/dev/vneid`);
    expect(discovery.code_challenge_methods_supported).toContain('S256');
  });

  it('links the CCCD to the account of that person and signs in without OTP', async () => {
    const earlier = await signInAs(app, { role: 'citizen', bhxhCode: PERSON.bhxh });
    const browser = new Browser();
    const { action, authorizeUrl } = await browser.toProviderLogin('/card');
    const params = authorizeUrl.searchParams;
    expect(authorizeUrl.pathname).toBe('/dev/vneid/auth');
    expect(params.get('code_challenge_method')).toBe('S256');
    expect(params.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(params.get('state')).toBeTruthy();
    expect(params.get('nonce')).toBeTruthy();
    expect(params.get('redirect_uri')).toBe(`${base}/api/v1/auth/vneid/callback`);

    const { final, callbackUrl } = await browser.signInAtProvider(action, PERSON.cccd);
    expect(callbackUrl).toContain('code=');
    expect(final?.res.status).toBe(302);
    expect(final?.location).toBe('/card');
    expect(browser.cookies.has('vssid_at')).toBe(true);
    expect(browser.cookies.has('vssid_vneid')).toBe(false);

    const session = await browser.go('/api/v1/auth/session');
    expect(session.res.status).toBe(200);
    const body = JSON.parse(session.body) as { account: { id: string; bhxhCode: string } };
    expect(body.account.bhxhCode).toBe(PERSON.bhxh);
    const db = database.db;
    const identity = await db
      .selectFrom('account_identities')
      .selectAll()
      .where('provider', '=', 'vneid')
      .execute();
    expect(identity).toEqual([
      expect.objectContaining({ subject: PERSON.cccd, account_id: earlier.principal.accountId }),
    ]);
    const open = await db
      .selectFrom('sessions')
      .select('method')
      .where('account_id', '=', earlier.principal.accountId)
      .where('ended_at', 'is', null)
      .execute();
    // One device at a time: the earlier session ended; the VNeID one is open.
    expect(open).toEqual([{ method: 'vneid' }]);
    const audit = await db
      .selectFrom('audit_log')
      .select('action')
      .where('actor_id', '=', earlier.principal.accountId)
      .where('action', 'in', ['auth.vneid.linked', 'auth.sign_in.succeeded'])
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.action)).toEqual([
      'auth.sign_in.succeeded',
      'auth.vneid.linked',
      'auth.sign_in.succeeded',
    ]);

    // The code cannot be redeemed twice, and a callback with a state this browser did not start fails.
    const again = new Browser();
    const replay = await again.go(callbackUrl ?? '');
    expect(replay.location).toBe('/vneid/failed?reason=state');

    // A second sign-in finds the linked identity.
    const second = new Browser();
    const next = await second.toProviderLogin('//evil.example/steal');
    const done = await second.signInAtProvider(next.action, PERSON.cccd);
    // An outside `next` is not followed.
    expect(done.final?.location).toBe('/');
    expect(
      await db.selectFrom('account_identities').select('subject').where('provider', '=', 'vneid').execute(),
    ).toHaveLength(1);
  });

  it('refuses a wrong password at the provider with a translated page', async () => {
    const browser = new Browser();
    const { action } = await browser.toProviderLogin();
    const { login } = await browser.signInAtProvider(action, PERSON.cccd, 'wrong');
    expect(login.res.status).toBe(400);
    expect(login.body).toContain('Số CCCD hoặc mật khẩu không đúng.');
    const unknown = await browser.signInAtProvider(action, '001999999999');
    expect(unknown.login.res.status).toBe(400);
  });

  it('sends a CCCD with no account to the page that explains how to register', async () => {
    const browser = new Browser();
    const { action } = await browser.toProviderLogin();
    const { final } = await browser.signInAtProvider(action, NO_ACCOUNT.cccd);
    expect(final?.location).toBe('/vneid/no-account');
    expect(browser.cookies.has('vssid_at')).toBe(false);
    expect(
      await database.db
        .selectFrom('account_identities')
        .select('subject')
        .where('subject', '=', NO_ACCOUNT.cccd)
        .execute(),
    ).toEqual([]);
  });

  it('refuses a disabled account and a redeemed code', async () => {
    const disabled = await signInAs(app, { role: 'citizen', bhxhCode: DISABLED.bhxh });
    await database.db
      .updateTable('accounts')
      .set({ status: 'disabled' })
      .where('id', '=', disabled.principal.accountId)
      .execute();
    const browser = new Browser();
    const { action } = await browser.toProviderLogin();
    const { final } = await browser.signInAtProvider(action, DISABLED.cccd);
    expect(final?.location).toBe('/vneid/failed?reason=disabled');

    // The same code presented again with the same pending sign-in: the provider refuses it.
    const thief = new Browser();
    const started = await thief.toProviderLogin();
    const pending = thief.cookies.get('vssid_vneid') ?? '';
    const first = await thief.signInAtProvider(started.action, PERSON.cccd);
    expect(first.final?.location).toBe('/card');
    thief.cookies.set('vssid_vneid', pending);
    const replay = await thief.go(first.callbackUrl ?? '');
    expect(replay.location).toBe('/vneid/failed?reason=token');
  });

  it('reads the CCCD from the cccd claim or sub, and keeps `next` inside the app', () => {
    expect(cccdOf({ sub: 'opaque', cccd: '001090012345' })).toBe('001090012345');
    expect(cccdOf({ sub: '001090012345' })).toBe('001090012345');
    expect(cccdOf({ sub: '12345' })).toBeNull();
    expect(safeNext('/records?tab=1')).toBe('/records?tab=1');
    for (const bad of ['https://evil.example', '//evil.example', '/\\evil.example', undefined])
      expect(safeNext(bad)).toBe('/');
  });
});

describe('without a provider', () => {
  it('is off outside demo mode, and the stand-in is mounted only in demo mode', async () => {
    const off = await buildApp(testConfig({}), { database });
    try {
      expect((await off.inject({ url: '/api/v1/auth/vneid' })).json()).toEqual({
        enabled: false,
        standIn: false,
      });
      const start = await off.inject({ url: '/api/v1/auth/vneid/start' });
      expect(start.statusCode).toBe(404);
      expect(start.json<{ code: string }>().code).toBe('vneid_not_configured');
    } finally {
      await off.close();
    }
    // A production deployment: no DEMO, even with the old demo switches set (#22 item 7).
    const production = await buildApp(
      testConfig({ NODE_ENV: 'production', DEV_INBOX: 'true', LOAD_DEMO_DATA: 'true' }),
      { database },
    );
    try {
      const res = await production.inject({ url: '/dev/vneid/.well-known/openid-configuration' });
      expect(res.statusCode).toBe(404);
      expect((await production.inject({ url: '/dev/inbox/messages' })).statusCode).toBe(404);
      expect((await production.inject({ url: '/api/v1/meta' })).json()).toMatchObject({ demo: false });
    } finally {
      await production.close();
    }
    // `npm start` on the embedded database: production mode with DEMO on, so the demo can show VNeID.
    const demo = await buildApp(testConfig({ NODE_ENV: 'production', DEMO: 'true' }), { database });
    try {
      const res = await demo.inject({ url: '/dev/vneid/.well-known/openid-configuration' });
      expect(res.statusCode).toBe(200);
      expect((await demo.inject({ url: '/api/v1/auth/vneid' })).json()).toMatchObject({
        enabled: true,
        standIn: true,
      });
      expect((await demo.inject({ url: '/api/v1/meta' })).json()).toMatchObject({ demo: true });
    } finally {
      await demo.close();
    }
  });
});
