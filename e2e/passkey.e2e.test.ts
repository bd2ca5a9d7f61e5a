import type { FastifyInstance } from 'fastify';
import type { Browser, BrowserContext, CDPSession, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  artifactPath,
  awaitInboxMessage,
  catalogText,
  closeInOrder,
  collectErrors,
  createAccountWithIssuedPassword,
  inboxIds,
  inboxMessages,
  issuedPasswordIn,
  launchBrowser,
  PHONE_CONTEXT,
  signInWithOtp,
  startSystemOnLocalhost,
} from './support';

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
const text = catalogText('vi');

const BHXH_CODE = '0100005151';
const PHONE = '0912005151';
const NEW_PASSWORD = 'Trống-đồng-Ngọc-Lũ-8';
const PASSKEY_NAME = 'Điện thoại của Hoa';

beforeAll(async () => {
  ({ app, url } = await startSystemOnLocalhost());
  const db = app.database.db;
  await db
    .insertInto('persons')
    .values({ bhxh_code: BHXH_CODE, full_name: 'Vũ Thị Hoa', birth_year: 1992, gender: 'female' })
    .execute();
  await createAccountWithIssuedPassword(app, {
    role: 'citizen',
    username: BHXH_CODE,
    displayName: 'Vũ Thị Hoa',
    bhxhCode: BHXH_CODE,
    phone: PHONE,
  });
  browser = await launchBrowser();
  context = await browser.newContext(PHONE_CONTEXT);
});

afterAll(() => closeInOrder(context, browser, app));

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
    const errors = collectErrors(page);
    const { cdp, authenticatorId } = await virtualAuthenticator(page);

    // The issued password, from the development inbox.
    const issuedText = (await awaitInboxMessage(url, PHONE, 'account.issued')).payload.text;
    const issued = issuedPasswordIn(issuedText);
    expect(issued).toMatch(/^\S{8,}$/);

    // Password, then the OTP of a new device, then the issued password is replaced.
    await page.goto(`${url}/sign-in?next=%2Fprofile`);
    await signInWithOtp(page, url, { username: BHXH_CODE, password: issued ?? '', phone: PHONE });
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
    const seen = await inboxIds(url, PHONE);
    await page.getByRole('button', { name: text('passkeys.signIn') }).click();
    await page.waitForURL(`${url}/profile`);
    await page.getByTestId('account-summary').getByText(BHXH_CODE).first().waitFor();
    // The passkey was used (its counter moved on the authenticator) and no OTP was sent.
    await card.locator('li').filter({ hasText: PASSKEY_NAME }).waitFor();
    expect(await card.innerText()).not.toContain(text('profile.passkeys.neverUsed'));
    const after = await cdp.send('WebAuthn.getCredentials', { authenticatorId });
    expect(after.credentials[0]?.signCount).toBeGreaterThan(held.credentials[0]?.signCount ?? 0);
    expect((await inboxMessages(url, PHONE)).filter((m) => !seen.has(m.id))).toEqual([]);
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
