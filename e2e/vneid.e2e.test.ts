import type { FastifyInstance } from 'fastify';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  artifactPath,
  catalogText,
  closeInOrder,
  collectErrors,
  createAccountWithIssuedPassword,
  launchBrowser,
  PHONE_CONTEXT,
  startSystemOnLocalhost,
} from './support';

/**
 * Issue 4 §9 in Chromium: "Đăng nhập bằng VNeID" against the stand-in provider the system mounts
 * in demo mode (/dev/vneid): a person with an account comes back signed in; a person without one
 * is told how to register.
 */
let app: FastifyInstance;
let url: string;
let browser: Browser;
let context: BrowserContext;
const text = catalogText('vi');
/** A text of the VNeID stand-in's own sign-in page (the server's `messages` catalog). */
const messageText = catalogText('vi', 'messages');
const login = (key: 'title' | 'cccd' | 'password' | 'submit' | 'wrong') =>
  messageText(`vneid.devLogin.${key}`);

const WITH_ACCOUNT = { bhxh: '0100006161', cccd: '001092061616', name: 'Hoàng Thị Mai' };
const WITHOUT_ACCOUNT = { cccd: '079188072727', name: 'Trịnh Văn Nam' };

beforeAll(async () => {
  // Demo mode: the stand-in provider is mounted when no VNEID_ISSUER_URL is set and DEMO is on.
  ({ app, url } = await startSystemOnLocalhost({ NODE_ENV: 'development' }));
  const db = app.database.db;
  for (const p of [WITH_ACCOUNT, WITHOUT_ACCOUNT])
    await db
      .insertInto('population_registry')
      .values({ cccd: p.cccd, full_name: p.name, birth_year: 1990, gender: 'female', address: 'Hà Nội' })
      .execute();
  await db
    .insertInto('persons')
    .values({
      bhxh_code: WITH_ACCOUNT.bhxh,
      full_name: WITH_ACCOUNT.name,
      birth_year: 1990,
      gender: 'female',
      cccd: WITH_ACCOUNT.cccd,
    })
    .execute();
  const account = await createAccountWithIssuedPassword(app, {
    role: 'citizen',
    username: WITH_ACCOUNT.bhxh,
    displayName: WITH_ACCOUNT.name,
    bhxhCode: WITH_ACCOUNT.bhxh,
    phone: '0912006161',
  });
  // This person already replaced the issued password (otherwise the app asks for that first).
  await db
    .updateTable('accounts')
    .set({ must_change_password: false })
    .where('id', '=', account.id)
    .execute();
  browser = await launchBrowser();
  context = await browser.newContext(PHONE_CONTEXT);
});

afterAll(() => closeInOrder(context, browser, app));

describe('sign in with VNeID in the browser (issue 4 §9)', () => {
  it('signs a person with an account in, and tells one without an account how to register', async () => {
    const page = await context.newPage();
    const errors = collectErrors(page);

    await page.goto(`${url}/sign-in?next=%2Fprofile`);
    await page.getByText(text('vneid.standIn')).waitFor();
    await page.screenshot({ path: artifactPath('sign-in-passkey-vneid-vi-390x844.png'), fullPage: true });
    await page.getByRole('link', { name: text('vneid.signIn') }).click();

    // The stand-in provider's own page: a wrong password first, then the right one.
    await page.getByRole('heading', { name: login('title') }).waitFor();
    await page.getByLabel(login('cccd')).fill(WITH_ACCOUNT.cccd);
    await page.getByLabel(login('password')).fill('sai-mat-khau');
    await page.getByRole('button', { name: login('submit') }).click();
    await page.getByRole('alert').getByText(login('wrong')).waitFor();
    await page.getByLabel(login('password')).fill('vneid-demo');
    await page.getByRole('button', { name: login('submit') }).click();

    // Back in the app, signed in, on the page asked for.
    await page.waitForURL(`${url}/profile`);
    await page.getByTestId('account-summary').getByText(WITH_ACCOUNT.bhxh).first().waitFor();
    await page.getByTestId('sign-in-history').locator('li').first().waitFor();

    await page.getByRole('button', { name: text('auth.signOut'), exact: true }).click();
    await page.waitForURL(/\/sign-in/);

    // Someone VNeID knows but who has no VssID account.
    await page.getByRole('link', { name: text('vneid.signIn') }).click();
    await page.getByLabel(login('cccd')).fill(WITHOUT_ACCOUNT.cccd);
    await page.getByLabel(login('password')).fill('vneid-demo');
    await page.getByRole('button', { name: login('submit') }).click();
    await page.waitForURL(`${url}/vneid/no-account`);
    await page.getByRole('heading', { name: text('vneid.noAccount.title') }).waitFor();
    await page.getByRole('link', { name: text('vneid.noAccount.register') }).waitFor();
    await page.screenshot({ path: artifactPath('vneid-no-account-vi-390x844.png'), fullPage: true });
    const session = await page.evaluate(async () => (await fetch('/api/v1/auth/session')).status);
    expect(session).toBe(401);
    expect(errors).toEqual([]);
  });
});
