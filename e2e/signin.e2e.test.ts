import type { FastifyInstance } from 'fastify';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  artifactPath,
  awaitOtp,
  catalogText,
  closeInOrder,
  collectErrors,
  createAccountWithIssuedPassword,
  DESKTOP_CONTEXT,
  DEV_INBOX_ENV,
  inboxIds,
  inboxMessages,
  issuedPasswordIn,
  launchBrowser,
  PHONE_CONTEXT,
  startSystem,
  submitSignInForm,
} from './support';

/**
 * Issue 4 (Sign-in) in the browser: an issued password, the forced change, sign-out and back;
 * then a second device signs in with an OTP read from the development inbox, and the first
 * device is told that it was signed out, and why.
 */
let app: FastifyInstance;
let url: string;
let browser: Browser;
let first: BrowserContext;
let second: BrowserContext;
const text = catalogText('vi');

const BHXH_CODE = '0100004242';
const PHONE = '0912345623';
const NEW_PASSWORD = 'Hoa-sen-nở-2026';
const CHANGED_PASSWORD = 'Sen-hồng-Đồng-Tháp-7';
const RESET_PASSWORD = 'Mây-trắng-bay-9-lần';
const OFFICER_PHONE = '0987654321';

/** The code of the first OTP message that was not in `seen`, once it has arrived. */
const newOtp = (seen: Set<string>, recipient = PHONE) => awaitOtp(url, recipient, seen);
const seenIds = (recipient = PHONE) => inboxIds(url, recipient);
const fillCredentials = (page: Page, password: string, username = BHXH_CODE) =>
  submitSignInForm(page, username, password);

beforeAll(async () => {
  // Every sign-in of this file comes from 127.0.0.1: the per-address limit (30 per 10 minutes,
  // tested in sign-in.int.test.ts) is raised so that the journeys test what they are about.
  ({ app, url } = await startSystem({ ...DEV_INBOX_ENV, SIGNIN_RATE_LIMIT_PER_IP: '1000' }));
  // A citizen whose account an officer opened: the issued password goes out by SMS.
  const db = app.database.db;
  await db
    .insertInto('persons')
    .values({ bhxh_code: BHXH_CODE, full_name: 'Trần Thị Hoa', birth_year: 1990, gender: 'female' })
    .execute();
  await createAccountWithIssuedPassword(app, {
    role: 'citizen',
    username: BHXH_CODE,
    displayName: 'Trần Thị Hoa',
    bhxhCode: BHXH_CODE,
    phone: PHONE,
  });
  // An officer of a provincial agency, whose account an agency admin opened.
  await db
    .insertInto('bhxh_agencies')
    .values({
      code: 'E2E01',
      level: 'province',
      name: 'BHXH tỉnh thử nghiệm',
      address: 'Số 1',
      province_code: '01',
    })
    .execute();
  await createAccountWithIssuedPassword(app, {
    role: 'officer',
    username: 'can.bo.e2e',
    displayName: 'Lê Văn Cán',
    agencyCode: 'E2E01',
    phone: OFFICER_PHONE,
  });
  browser = await launchBrowser();
  first = await browser.newContext(PHONE_CONTEXT);
  second = await browser.newContext(PHONE_CONTEXT);
});

afterAll(() => closeInOrder(first, second, browser, app));

describe('signing in (issue 4)', () => {
  let firstPage: Page;

  it('signs in with the issued password read in the development inbox, changes it, signs out and in again', async () => {
    const page = await first.newPage();
    firstPage = page;
    const errors = collectErrors(page);

    // The issued password, as a developer reads it in the development inbox page.
    await page.goto(`${url}/dev-inbox?lang=vi`);
    const issued = page.getByTestId('dev-inbox').locator(`li[data-recipient="${PHONE}"]`).first();
    await issued.waitFor();
    const password = issuedPasswordIn(await issued.innerText());
    expect(password).toMatch(/^\S{8,}$/);
    await page.screenshot({ path: artifactPath('dev-inbox-vi-390x844.png') });

    // A page that needs a session sends the visitor to the sign-in, and back afterwards.
    await page.goto(`${url}/card`);
    await page.waitForURL(`${url}/sign-in?next=%2Fcard`);
    const seen = await seenIds();
    await fillCredentials(page, password!);

    // A device the account never used: the warning, then the OTP sent by SMS.
    const otpForm = page.getByTestId('sign-in-otp');
    await otpForm.waitFor();
    expect(await otpForm.innerText()).toContain(text('auth.newDevice.warning'));
    const input = page.getByTestId('otp-input');
    expect(await input.getAttribute('inputmode')).toBe('numeric');
    expect(await input.getAttribute('autocomplete')).toBe('one-time-code');
    const code = await newOtp(seen);
    // A wrong code first: the attempts left are shown.
    await input.fill(code === '000000' ? '111111' : '000000');
    await page.getByRole('button', { name: text('auth.otp.confirm') }).click();
    await expect.poll(() => otpForm.innerText()).toMatch(/\d/);
    expect(await otpForm.locator('.field__error').innerText()).toMatch(
      new RegExp(text('auth.otp.invalidAttempts').replace('{{attempts}}', '\\d+').replace(/[.()]/g, '\\$&')),
    );
    await input.fill(code);
    await page.getByRole('button', { name: text('auth.otp.confirm') }).click();

    // The issued password must be replaced first; the policy is on screen, the server's message too.
    await page.waitForURL(`${url}/new-password?next=%2Fcard`);
    const form = page.getByTestId('new-password-form');
    expect(await page.getByTestId('password-policy').innerText()).toContain(text('auth.policy.length'));
    await form.getByLabel(text('auth.password.new'), { exact: true }).fill('12345678');
    await form.getByLabel(text('auth.password.confirm'), { exact: true }).fill('12345678');
    await form.getByRole('button', { name: text('auth.initial.submit') }).click();
    await form.locator('.field__error').waitFor();
    expect((await form.locator('.field__error').innerText()).length).toBeGreaterThan(5);
    await form.getByLabel(text('auth.password.new'), { exact: true }).fill(NEW_PASSWORD);
    await form.getByLabel(text('auth.password.confirm'), { exact: true }).fill(NEW_PASSWORD);
    await form.getByRole('button', { name: text('auth.initial.submit') }).click();
    await page.waitForURL(`${url}/card`);

    // The profile: the account, this device, the sign-ins.
    await page.goto(`${url}/profile`);
    const summary = page.getByTestId('account-summary');
    await summary.waitFor();
    expect(await summary.innerText()).toContain(BHXH_CODE);
    await page.getByTestId('devices-card').getByText(text('profile.devices.current')).waitFor();
    await page.getByTestId('sign-in-history').locator('li').first().waitFor();
    await page.screenshot({ path: artifactPath('profile-vi-390x844.png'), fullPage: true });

    await page.getByRole('button', { name: text('auth.signOut'), exact: true }).click();
    await page.waitForURL(`${url}/sign-in?next=%2Fprofile`);
    await page.getByText(text('auth.signIn.notices.signedOut')).waitFor();
    // Signed out for real (the cookies are gone): a reload still asks to sign in.
    await page.reload();
    await page.getByTestId('sign-in-form').waitFor();
    expect(page.url()).toBe(`${url}/sign-in?next=%2Fprofile`);

    // This device is known now: the new password alone signs in.
    await fillCredentials(page, NEW_PASSWORD);
    await page.waitForURL(`${url}/profile`);
    await page.getByTestId('account-summary').waitFor();
    expect(errors).toEqual([]);
  });

  it('signs in on a second device with an OTP; the first device is told why it was signed out', async () => {
    const page = await second.newPage();
    const errors = collectErrors(page);
    await page.goto(`${url}/sign-in`);
    const seen = await seenIds();
    await fillCredentials(page, NEW_PASSWORD);
    const otpForm = page.getByTestId('sign-in-otp');
    await otpForm.waitFor();
    expect(await otpForm.innerText()).toContain(text('auth.newDevice.warning'));
    await page.screenshot({ path: artifactPath('sign-in-otp-vi-390x844.png') });
    await page.getByTestId('otp-input').fill(await newOtp(seen));
    await page.getByRole('button', { name: text('auth.otp.confirm') }).click();
    await page.waitForURL(`${url}/`);

    // The first device learns it when its window regains focus (and otherwise within 15 s).
    await firstPage.evaluate(() => window.dispatchEvent(new Event('focus')));
    await firstPage.waitForURL(/\/signed-out\?reason=replaced_by_new_device/);
    const notice = firstPage.getByTestId('signed-out');
    expect(await notice.getAttribute('data-reason')).toBe('replaced_by_new_device');
    expect(await notice.innerText()).toContain(text('auth.signedOut.reasons.replaced_by_new_device'));
    await firstPage.screenshot({ path: artifactPath('signed-out-vi-390x844.png') });
    // Its cookies are cleared: reloading does not pretend to be signed in.
    await firstPage.getByRole('link', { name: text('auth.signedOut.again') }).click();
    await firstPage.waitForURL(/\/sign-in/);
    await firstPage.getByTestId('sign-in-form').waitFor();
    expect(errors).toEqual([]);
  });

  it('keeps the back offices to their roles: a citizen gets the office sign-in hint, not the office', async () => {
    const page = await second.newPage();
    await page.goto(`${url}/officer`);
    await page.getByTestId('side-nav').waitFor();
    await page.getByText(text('auth.staff.wrongRole').slice(0, 9)).waitFor();
    expect(await page.locator('main').innerText()).toContain(
      text('auth.staff.wrongRole')
        .replace('{{name}}', 'Trần Thị Hoa')
        .replace('{{office}}', text('staff.officer.title')),
    );
    await page.close();
  });

  it('changes the password with the current one and an OTP', async () => {
    const page = await second.newPage();
    await page.goto(`${url}/profile`);
    await page
      .getByRole('link', { name: text('profile.security.change') })
      .first()
      .click();
    await page.waitForURL(`${url}/profile/password`);
    await page.getByLabel(text('auth.password.current'), { exact: true }).fill(NEW_PASSWORD);
    const seen = await seenIds();
    await page.getByRole('button', { name: text('auth.change.sendCode') }).click();
    const form = page.getByTestId('change-password-form');
    await form.waitFor();
    await page.getByTestId('otp-input').fill(await newOtp(seen));
    await form.getByLabel(text('auth.password.new'), { exact: true }).fill(CHANGED_PASSWORD);
    await form.getByLabel(text('auth.password.confirm'), { exact: true }).fill(CHANGED_PASSWORD);
    await form.getByRole('button', { name: text('auth.change.submit') }).click();
    await page.waitForURL(`${url}/profile`);
    await page.getByText(text('profile.security.changed')).waitFor();
    // This device stays signed in.
    await page.getByTestId('account-summary').waitFor();
    await page.close();
  });

  it('resets a forgotten password with a code sent by SMS', async () => {
    const context = await browser.newContext({ locale: 'vi-VN' });
    const page = await context.newPage();
    await page.goto(`${url}/sign-in`);
    await page.getByRole('link', { name: text('auth.signIn.forgot') }).click();
    await page.waitForURL(`${url}/forgot-password`);
    // The URL changes before the new page is on screen (React renders it in a transition), and
    // the sign-in page's user-name field has the same label: fill the reset form's own.
    const start = page.getByTestId('reset-password-start');
    await start.getByLabel(text('auth.signIn.username')).fill(BHXH_CODE);
    await start.getByLabel(text('auth.forgot.channels.sms')).check();
    const seen = await seenIds();
    await start.getByRole('button', { name: text('auth.forgot.sendCode') }).click();
    const form = page.getByTestId('reset-password-form');
    await form.waitFor();
    await page.getByTestId('otp-input').fill(await newOtp(seen));
    await form.getByLabel(text('auth.password.new'), { exact: true }).fill(RESET_PASSWORD);
    await form.getByLabel(text('auth.password.confirm'), { exact: true }).fill(RESET_PASSWORD);
    await form.getByRole('button', { name: text('auth.forgot.submit') }).click();
    await page.waitForURL(`${url}/sign-in`);
    await page.getByText(text('auth.signIn.notices.passwordReset')).waitFor();
    // The old password no longer works; the new one does (with an OTP: a new device).
    await fillCredentials(page, CHANGED_PASSWORD);
    await page.getByRole('alert').waitFor();
    const again = await seenIds();
    await fillCredentials(page, RESET_PASSWORD);
    await page.getByTestId('sign-in-otp').waitFor();
    await page.getByTestId('otp-input').fill(await newOtp(again));
    await page.getByRole('button', { name: text('auth.otp.confirm') }).click();
    await page.waitForURL(`${url}/`);
    await context.close();
  });

  it('signs an officer in to the back office with an OTP every time, then the forced change', async () => {
    const desktop = await browser.newContext(DESKTOP_CONTEXT);
    const page = await desktop.newPage();
    const errors = collectErrors(page);
    const issued = (await inboxMessages(url, OFFICER_PHONE)).find((m) => m.template === 'account.issued');
    const password = issuedPasswordIn(issued?.payload.text);
    expect(password).toBeTruthy();
    await page.goto(`${url}/officer`);
    await page.getByTestId('side-nav').waitFor();
    const seen = await seenIds(OFFICER_PHONE);
    await fillCredentials(page, password!, 'can.bo.e2e');
    const otpForm = page.getByTestId('sign-in-otp');
    await otpForm.waitFor();
    expect(await otpForm.innerText()).toContain(text('auth.otp.staffReason'));
    await page.getByTestId('otp-input').fill(await newOtp(seen, OFFICER_PHONE));
    await page.getByRole('button', { name: text('auth.otp.confirm') }).click();
    await page.waitForURL(`${url}/new-password?next=%2Fofficer`);
    const form = page.getByTestId('new-password-form');
    await form.getByLabel(text('auth.password.new'), { exact: true }).fill('Cán-bộ-tỉnh-2026');
    await form.getByLabel(text('auth.password.confirm'), { exact: true }).fill('Cán-bộ-tỉnh-2026');
    await form.getByRole('button', { name: text('auth.initial.submit') }).click();
    await page.waitForURL(`${url}/officer`);
    const account = page.getByTestId('staff-account');
    await account.waitFor();
    expect(await account.innerText()).toContain('Lê Văn Cán');
    await page.getByRole('heading', { level: 1, name: text('staff.officer.title') }).waitFor();
    await page.screenshot({ path: artifactPath('officer-signed-in-1280x800.png') });
    // Signing out leaves the office's own sign-in on screen.
    await account.getByRole('button', { name: text('auth.signOut') }).click();
    await page.getByTestId('sign-in-form').waitFor();
    expect(await page.getByTestId('staff-account').count()).toBe(0);
    expect(errors).toEqual([]);
    await desktop.close();
  });

  it('solves the proof of work the server asks for after failures, without a lockout (#22 item 2)', async () => {
    const context = await browser.newContext({ locale: 'vi-VN' });
    const page = await context.newPage();
    await page.goto(`${url}/sign-in`);
    const statuses: number[] = [];
    page.on('response', (r) => {
      if (r.url().endsWith('/api/v1/auth/sign-in')) statuses.push(r.status());
    });
    const attempt = async (n: number) => {
      const answered = page.waitForResponse(
        (r) => r.url().endsWith('/api/v1/auth/sign-in') && r.status() !== 428,
      );
      await fillCredentials(page, `sai-mat-khau-${n}`, 'can.bo.e2e');
      return (await answered).status();
    };
    for (let n = 1; n <= 5; n++) expect(await attempt(n)).toBe(401);
    // From the fourth failure on, each attempt was first answered 428 and solved by the page.
    expect(statuses.filter((s) => s === 428).length).toBeGreaterThanOrEqual(2);
    expect(statuses).not.toContain(423);
    await context.close();
  });

  it('says the development inbox is not available when DEV_INBOX is off', async () => {
    const off = await startSystem({ DEV_INBOX: 'false' });
    const context = await browser.newContext({ locale: 'vi-VN' });
    const page = await context.newPage();
    await page.goto(`${off.url}/dev-inbox`);
    await page.getByTestId('dev-inbox-unavailable').waitFor();
    expect(await page.getByTestId('dev-inbox-unavailable').innerText()).toContain(
      text('devInbox.unavailable'),
    );
    await context.close();
    await off.app.close();
  });
});
