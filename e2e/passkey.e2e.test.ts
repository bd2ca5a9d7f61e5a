import net from 'node:net';
import type { FastifyInstance } from 'fastify';
import type { Browser, BrowserContext, CDPSession, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, loadConfig } from '@vssid/server';
import { artifactPath, launchBrowser, webCatalog } from './support';

/**
 * Issue 4 §5 in Chromium with a virtual WebAuthn authenticator (CDP `WebAuthn` domain, a platform
 * authenticator with user verification): sign in with an issued password (and the OTP of a new
 * device), set a new password, add a passkey on the profile, sign out, and sign in again with the
 * passkey alone — no password, no OTP.
 *
 * WebAuthn needs a real host name for the relying party (not an IP address), so this system is
 * served as http://localhost:<port> (a secure context), with PUBLIC_URL saying so.
 */
let app: FastifyInstance;
let url: string;
let browser: Browser;
let context: BrowserContext;
const vi = webCatalog('vi');
const text = (key: string): string => {
  const value = vi.get(key);
  if (!value) throw new Error(`no catalog text ${key}`);
  return value;
};

const BHXH_CODE = '0100005151';
const PHONE = '0912005151';
const NEW_PASSWORD = 'Trống-đồng-Ngọc-Lũ-8';
const PASSKEY_NAME = 'Điện thoại của Hoa';

interface InboxMessage {
  id: string;
  template: string;
  payload: { text?: string };
}

async function inbox(): Promise<InboxMessage[]> {
  const res = await fetch(`${url}/dev/inbox/messages?recipient=${PHONE}&limit=50`);
  expect(res.status).toBe(200);
  return ((await res.json()) as { messages: InboxMessage[] }).messages;
}

/** The text of the first message of this template kind not in `seen`, once it has arrived. */
async function nextMessage(seen: Set<string>, template: (name: string) => boolean): Promise<string> {
  let found = '';
  await expect
    .poll(
      async () => {
        const fresh = (await inbox()).find((m) => !seen.has(m.id) && template(m.template));
        found = fresh?.payload.text ?? '';
        return found.length > 0;
      },
      { timeout: 10_000 },
    )
    .toBe(true);
  return found;
}

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
  url = `http://localhost:${port}`;
  app = await buildApp(
    loadConfig({
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      DATABASE_IN_MEMORY: 'true',
      HOST: '127.0.0.1',
      PORT: String(port),
      PUBLIC_URL: url,
      DEV_INBOX: 'true',
      OUTBOX_POLL_MS: '200',
    }),
  );
  await app.listen({ host: '127.0.0.1', port });
  const db = app.database.db;
  await db
    .insertInto('persons')
    .values({ bhxh_code: BHXH_CODE, full_name: 'Vũ Thị Hoa', birth_year: 1992, gender: 'female' })
    .execute();
  await db.transaction().execute((trx) =>
    app.auth.createAccountWithIssuedPassword(
      trx,
      {
        role: 'citizen',
        username: BHXH_CODE,
        displayName: 'Vũ Thị Hoa',
        bhxhCode: BHXH_CODE,
        phone: PHONE,
      },
      { ip: '127.0.0.1', requestId: 'e2e' },
    ),
  );
  browser = await launchBrowser();
  context = await browser.newContext({
    viewport: { width: 390, height: 844 },
    isMobile: true,
    hasTouch: true,
    locale: 'vi-VN',
  });
});

afterAll(async () => {
  await context.close();
  await browser.close();
  await app.close();
});

/** A platform authenticator with fingerprint/face (user verification), answering by itself. */
async function virtualAuthenticator(page: Page): Promise<{ cdp: CDPSession; authenticatorId: string }> {
  const cdp = await context.newCDPSession(page);
  await cdp.send('WebAuthn.enable');
  const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: 'ctap2',
      transport: 'internal',
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  });
  return { cdp, authenticatorId };
}

describe('passkeys in the browser (issue 4 §5)', () => {
  it('adds a passkey after a password sign-in and signs in with it alone', async () => {
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const { cdp, authenticatorId } = await virtualAuthenticator(page);

    // The issued password, from the development inbox.
    const issuedText = await nextMessage(new Set(), (t) => t === 'account.issued');
    const issued = /Mật khẩu: (\S+)\./.exec(issuedText)?.[1];
    expect(issued).toMatch(/^\S{8,}$/);

    // Password, then the OTP of a new device, then the issued password is replaced.
    await page.goto(`${url}/sign-in?next=%2Fprofile`);
    let seen = new Set((await inbox()).map((m) => m.id));
    await page.getByLabel(text('auth.signIn.username')).fill(BHXH_CODE);
    await page.getByLabel(text('auth.signIn.password'), { exact: true }).fill(issued ?? '');
    await page.getByRole('button', { name: text('auth.signIn.submit'), exact: true }).click();
    await page.getByTestId('sign-in-otp').waitFor();
    const otp = /\b(\d{6})\b/.exec(await nextMessage(seen, (t) => t.startsWith('otp.')))?.[1] ?? '';
    await page.getByTestId('otp-input').fill(otp);
    await page.getByRole('button', { name: text('auth.otp.confirm') }).click();
    await page.waitForURL(`${url}/new-password?next=%2Fprofile`);
    const form = page.getByTestId('new-password-form');
    await form.getByLabel(text('auth.password.new'), { exact: true }).fill(NEW_PASSWORD);
    await form.getByLabel(text('auth.password.confirm'), { exact: true }).fill(NEW_PASSWORD);
    await form.getByRole('button', { name: text('auth.initial.submit') }).click();
    await page.waitForURL(`${url}/profile`);

    // Add a passkey ("vân tay / khuôn mặt") on the profile.
    const card = page.getByTestId('passkeys-card');
    await card.getByText(text('profile.passkeys.none')).waitFor();
    await card.getByLabel(text('passkeys.name')).fill(PASSKEY_NAME);
    await card.getByRole('button', { name: text('passkeys.add') }).click();
    await card.getByText(text('passkeys.added').replace('{{name}}', PASSKEY_NAME)).waitFor();
    await card.locator('li').filter({ hasText: PASSKEY_NAME }).waitFor();
    const held = await cdp.send('WebAuthn.getCredentials', { authenticatorId });
    expect(held.credentials).toHaveLength(1);
    expect(held.credentials[0]?.isResidentCredential).toBe(true);
    expect(held.credentials[0]?.rpId).toBe('localhost');
    await page.screenshot({ path: artifactPath('passkeys-profile-vi-390x844.png'), fullPage: true });

    // Sign out; then sign in with the passkey alone (no user name typed: a discoverable credential).
    await page.getByRole('button', { name: text('auth.signOut'), exact: true }).click();
    await page.waitForURL(/\/sign-in/);
    await page.getByTestId('sign-in-form').waitFor();
    seen = new Set((await inbox()).map((m) => m.id));
    await page.getByRole('button', { name: text('passkeys.signIn') }).click();
    await page.waitForURL(`${url}/profile`);
    await page.getByTestId('account-summary').getByText(BHXH_CODE).first().waitFor();
    // The passkey was used (its counter moved on the authenticator) and no OTP was sent.
    await card.locator('li').filter({ hasText: PASSKEY_NAME }).waitFor();
    expect(await card.innerText()).not.toContain(text('profile.passkeys.neverUsed'));
    const after = await cdp.send('WebAuthn.getCredentials', { authenticatorId });
    expect(after.credentials[0]?.signCount).toBeGreaterThan(held.credentials[0]?.signCount ?? 0);
    expect((await inbox()).filter((m) => !seen.has(m.id))).toEqual([]);
    const sessions = await app.database.db
      .selectFrom('sessions')
      .innerJoin('accounts', 'accounts.id', 'sessions.account_id')
      .select(['sessions.method'])
      .where('accounts.username', '=', BHXH_CODE)
      .where('sessions.ended_at', 'is', null)
      .execute();
    expect(sessions).toEqual([{ method: 'passkey' }]);
    await page.screenshot({ path: artifactPath('passkey-signed-in-vi-390x844.png'), fullPage: true });
    expect(errors).toEqual([]);
  });
});
