import type { FastifyInstance } from 'fastify';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LANGUAGES } from '../packages/domain/src/i18n/languages';
import { signInAs } from '../packages/server/src/testing/auth';
import { expectNoAxeViolations } from './a11y';
import {
  CITIZEN,
  NEWCOMER,
  photo,
  settle,
  startSweepSystem,
  sweepAt,
  testId,
  VISIT,
  withLangAt,
} from './a11y-sweep-support';
import {
  awaitInboxMessage,
  awaitOtp,
  catalogText,
  closeInOrder,
  inboxIds,
  issuedPasswordIn,
  PHONE_CONTEXT,
  signedInContext,
  submitOtp,
  submitSignInForm,
} from './support';

/**
 * Issue #20 acceptance, "axe-core: 0 violations", the public app at 390×844: every route of it,
 * with its content loaded (no "loading" line left), is checked by axe-core against the WCAG 2.x
 * A and AA rules — signed out and as a citizen — and the states a screen changes into (each
 * registration step and its errors, the sign-in's refusal and OTP, the card face, a look-up's
 * results), the signed-out home and sign-in in the four other languages. The back offices are in
 * a11y-sweep-back-office.e2e.test.ts. One system, one browser, one context per role; one test per
 * screen, so a run lists every screen that fails.
 */
let app: FastifyInstance;
let url: string;
let browser: Browser;
const text = catalogText('vi');

beforeAll(async () => {
  ({ app, url, browser } = await startSweepSystem());
}, 120_000);

afterAll(() => closeInOrder(browser, app));

const withLang = (path: string) => withLangAt(url, path);
const sweep = (page: Page, path: string, ready?: string) => sweepAt(url, page, path, ready);

describe('axe sweep, signed out (390×844)', () => {
  let context: BrowserContext;
  let page: Page;
  beforeAll(async () => {
    context = await browser.newContext({ ...PHONE_CONTEXT, serviceWorkers: 'block' });
    page = await context.newPage();
  });
  afterAll(() => context.close());

  it.each([
    ['/', testId('home-hero')],
    ['/sign-in', testId('sign-in-form')],
    ['/forgot-password', testId('reset-password-start')],
    ['/signed-out?reason=signed_out', testId('signed-out')],
    ['/vneid/no-account', undefined],
    ['/vneid/failed?reason=expired', undefined],
    ['/lookup', testId('lookup-tab-bhxhCode')],
    ['/lookup?tab=agencies', testId('lookup-tab-agencies')],
    ['/lookup?tab=clinics', testId('lookup-tab-clinics')],
    ['/lookup?tab=units', testId('lookup-tab-units')],
    ['/lookup?tab=agents', testId('lookup-tab-agents')],
    ['/support', undefined],
    ['/services', undefined],
    ['/dev-inbox', testId('dev-inbox')],
    ['/no-such-page', undefined],
  ])('%s', async (path, ready) => {
    await sweep(page, path, ready);
  });

  it.each(LANGUAGES.filter((lang) => lang !== 'vi'))('/ and /sign-in in %s', async (lang) => {
    for (const [path, ready] of [
      ['/', testId('home-hero')],
      ['/sign-in', testId('sign-in-form')],
    ] as const) {
      await page.goto(`${url}${path}?lang=${lang}`);
      await settle(page, ready);
      expect(await page.locator('html').getAttribute('lang')).toBe(lang);
      await expectNoAxeViolations(page, `${path} in ${lang}`);
    }
  });

  it('/lookup: a directory search with its results', async () => {
    await page.goto(withLang('/lookup?tab=agencies'));
    await settle(page);
    await page.locator('input[name="place"]').fill('Hà Nội');
    await page.locator('form.lookup-form button[type="submit"]').click();
    await page.getByTestId('lookup-results-agencies').waitFor();
    await settle(page);
    await expectNoAxeViolations(page, 'the agencies look-up with results');
  });

  it('/register: every step, with the errors of an empty step, up to the review', async () => {
    await page.goto(withLang('/register'));
    await settle(page, testId('registration-next'));
    await expectNoAxeViolations(page, 'registration: terms');
    const next = page.getByTestId('registration-next');
    await next.click();
    await page.locator('.field__error').first().waitFor();
    await expectNoAxeViolations(page, 'registration: terms, not accepted');
    await page.getByTestId('registration-accept-terms').check();
    await next.click();
    await page.getByTestId('registration-bhxh-code').waitFor();
    await expectNoAxeViolations(page, 'registration: identity');
    await next.click();
    await page.locator('.field__error').first().waitFor();
    await expectNoAxeViolations(page, 'registration: identity, with errors');
    await page.getByTestId('registration-bhxh-code').fill('0100020199');
    await page.getByTestId('registration-id-number').fill('001090020199');
    await page.getByTestId('registration-full-name').fill('Trần Văn Thử');
    await page.getByTestId('registration-birth').fill('1990-05-17');
    await page.getByTestId('registration-gender').selectOption('male');
    await next.click();
    await page.getByTestId('registration-province').selectOption('01');
    await expect
      .poll(() => page.getByTestId('registration-commune').locator('option').count())
      .toBeGreaterThan(2);
    await page.getByTestId('registration-commune').selectOption('00004');
    await page.getByTestId('registration-line').fill('8 phố Tràng Tiền');
    await page.getByTestId('registration-phone').fill('0912020199');
    await expectNoAxeViolations(page, 'registration: contact');
    await next.click();
    await page.getByTestId('registration-photo-portrait').waitFor({ state: 'attached' });
    await expectNoAxeViolations(page, 'registration: photos');
    for (const [i, kind] of ['portrait', 'id_front', 'id_back'].entries())
      await page
        .getByTestId(`registration-photo-${kind}`)
        .setInputFiles({ name: `${kind}.jpg`, mimeType: 'image/jpeg', buffer: await photo(40 * i + 10) });
    await expect.poll(() => page.locator('.registration-photo__preview').count()).toBe(3);
    await expectNoAxeViolations(page, 'registration: photos, chosen');
    await next.click();
    await page.getByTestId('registration-agency-province').selectOption('01');
    const agencies = page.getByTestId('registration-agency-list');
    await agencies.getByText('BHXH thành phố Hà Nội').waitFor();
    await settle(page);
    await expectNoAxeViolations(page, 'registration: agency');
    await agencies.getByText('BHXH thành phố Hà Nội').click();
    await page.getByTestId('registration-delivery-counter').check();
    await next.click();
    await page.getByTestId('registration-review').waitFor();
    await expectNoAxeViolations(page, 'registration: review');
  });

  it('/sign-in: a refused password', async () => {
    await page.goto(withLang('/sign-in'));
    await settle(page, testId('sign-in-form'));
    await submitSignInForm(page, NEWCOMER.code, 'not-the-password');
    await page.locator('[role="alert"], .field__error').first().waitFor();
    await expectNoAxeViolations(page, 'sign-in: refused');
  });

  it('/sign-in: the OTP step, then /new-password (the forced change of an issued password)', async () => {
    const issued = await awaitInboxMessage(url, NEWCOMER.phone, 'account.issued');
    const seen = await inboxIds(url, NEWCOMER.phone);
    await page.goto(withLang('/sign-in'));
    await settle(page, testId('sign-in-form'));
    await submitSignInForm(page, NEWCOMER.code, issuedPasswordIn(issued.payload.text) ?? '');
    await page.getByTestId('sign-in-otp').waitFor();
    await expectNoAxeViolations(page, 'sign-in: OTP');
    await submitOtp(page, await awaitOtp(url, NEWCOMER.phone, seen));
    await page.waitForURL(/\/new-password/);
    await settle(page, testId('new-password-form'));
    await expectNoAxeViolations(page, '/new-password');
  });
});

describe('axe sweep, signed-in citizen (390×844)', () => {
  let context: BrowserContext;
  let page: Page;
  beforeAll(async () => {
    const citizen = await signInAs(app, {
      role: 'citizen',
      bhxhCode: CITIZEN.code,
      displayName: CITIZEN.name,
    });
    context = await signedInContext(browser, url, PHONE_CONTEXT, citizen.headers.authorization);
    page = await context.newPage();
  });
  afterAll(() => context.close());

  it.each([
    ['/', testId('home-card-status')],
    ['/card', testId('card-status')],
    ['/history', testId('pension-amount')],
    ['/benefits', testId('benefits-sickness')],
    ['/medical', testId('visit-list')],
    [`/medical/${VISIT}`, testId('visit-documents')],
    ['/profile', testId('data-access-list')],
    ['/documents', testId('document-list')],
    ['/profile/password', testId('change-password-start')],
    ['/services', testId('services-register-child')],
    ['/services/register-child', testId('child-submit')],
    ['/services/new/bhyt_card_reissue', testId('service-fullName')],
    ['/lookup', testId('lookup-tab-bhxhCode')],
    ['/support', undefined],
  ])('%s', async (path, ready) => {
    await sweep(page, path, ready);
  });

  it('/card: the card face dialog', async () => {
    await page.goto(withLang('/card'));
    await settle(page, testId('card-status'));
    await page
      .getByRole('button', { name: text('card.show') })
      .first()
      .click();
    await page.getByTestId('official-qr').waitFor();
    await expectNoAxeViolations(page, 'the card face');
  });

  it('/services/register-child: the errors of an empty form', async () => {
    await page.goto(withLang('/services/register-child'));
    await settle(page, testId('child-submit'));
    await page.getByTestId('child-submit').click();
    await page.locator('.field__error').first().waitFor();
    await expectNoAxeViolations(page, 'the child registration with its errors');
  });

  it('/profile: "who viewed my data" opened', async () => {
    await page.goto(withLang('/profile'));
    await settle(page, testId('data-access-list'));
    for (const summary of await page.getByTestId('data-access-list').locator('summary').all())
      await summary.click();
    await expectNoAxeViolations(page, 'who viewed my data, opened');
  });
});
