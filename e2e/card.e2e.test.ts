import type { FastifyInstance } from 'fastify';
import type { APIRequestContext, Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  artifactPath,
  catalogText,
  closeInOrder,
  collectErrors,
  createAccountWithIssuedPassword,
  DESKTOP_CONTEXT,
  DEV_INBOX_ENV,
  insertActiveCard,
  insertHanoiAgencyAndClinic,
  launchBrowser,
  PHONE_CONTEXT,
  signInThroughApi,
  startSystem,
} from './support';

/**
 * Issue 6 (Records), the health insurance card in the browser: sign in through the real API,
 * open Thẻ BHYT and "Xem thẻ BHYT" with both QR codes, go offline and reload: the card still
 * shows with its last-updated time; then a clinic user verifies the card's signed QR text on
 * /clinic/verify.
 */
let app: FastifyInstance;
let url: string;
let browser: Browser;
let citizen: BrowserContext;
let clinic: BrowserContext;
const text = catalogText('vi');

const CODE = '0100008001';
const NAME = 'Phạm Thị Lan';
const PHONE = '0912008001';
const CLINIC_USER = 'tramyte.badinh';
const CLINIC_PHONE = '0912008002';
const NEW_PASSWORD = 'Sen-hồng-nở-2026';
/** A 7-year-old whose TE card was recorded to 31 December of this year (legacy data, issue #19). */
const CHILD_CODE = '0100008003';
const CHILD_NAME = 'Đỗ Gia Bảo';
const CHILD_PHONE = '0912008003';

/** Signs in through the public API: the issued password, the OTP of a new device, the forced change. */
const signIn = (request: APIRequestContext, context: BrowserContext, username: string, phone: string) =>
  signInThroughApi(request, context, url, { username, phone, newPassword: NEW_PASSWORD });

beforeAll(async () => {
  ({ app, url } = await startSystem(DEV_INBOX_ENV));
  const db = app.database.db;
  await insertHanoiAgencyAndClinic(db, '12 Phan Đình Phùng, Ba Đình');
  const year = new Date().getUTCFullYear();
  // The child, born on 9 February seven years ago: the TE card ended on 30 September last year
  // (Luật BHYT Art. 16 §3; NĐ 146/2018 Art. 13 §2), though it was recorded to 31 December of this year.
  await db
    .insertInto('persons')
    .values([
      {
        bhxh_code: CODE,
        full_name: NAME,
        birth_date: '1988-08-08',
        birth_year: 1988,
        gender: 'female',
        phone: PHONE,
        province_code: '01',
      },
      {
        bhxh_code: CHILD_CODE,
        full_name: CHILD_NAME,
        birth_date: `${year - 7}-02-09`,
        birth_year: year - 7,
        gender: 'male',
        phone: CHILD_PHONE,
        province_code: '01',
      },
    ])
    .execute();
  await insertActiveCard(db, { bhxhCode: CODE });
  await insertActiveCard(db, {
    bhxhCode: CHILD_CODE,
    objectCode: 'TE',
    benefitLevel: 1,
    validFrom: `${year - 1}-01-01`,
    validTo: `${year}-12-31`,
  });
  for (const [code, name, phone] of [
    [CODE, NAME, PHONE],
    [CHILD_CODE, CHILD_NAME, CHILD_PHONE],
  ] as const)
    await createAccountWithIssuedPassword(app, {
      role: 'citizen',
      username: code,
      displayName: name,
      bhxhCode: code,
      phone,
    });
  await createAccountWithIssuedPassword(app, {
    role: 'clinic',
    username: CLINIC_USER,
    displayName: 'Trạm Y tế phường Ba Đình',
    clinicCode: '01C54',
    phone: CLINIC_PHONE,
  });
  browser = await launchBrowser();
  citizen = await browser.newContext(PHONE_CONTEXT);
  clinic = await browser.newContext(DESKTOP_CONTEXT);
});

afterAll(() => closeInOrder(citizen, clinic, browser, app));

describe('the health insurance card (issue 6)', () => {
  let shc = '';

  it('shows the card, then again offline after a reload, with its last-updated time', async () => {
    const page = await citizen.newPage();
    const errors = collectErrors(page);
    await signIn(page.request, citizen, CODE, PHONE);
    await page.goto(`${url}/card`);
    await page.getByTestId('card-holder-name').waitFor();
    expect(await page.getByTestId('card-holder-name').innerText()).toBe(NAME);
    expect(await page.getByTestId('card-status').innerText()).toBe(text('card.status.valid'));
    await page.getByRole('button', { name: text('card.show') }).click();
    const dialog = page.getByTestId('card-dialog');
    await dialog.waitFor();
    await dialog.getByTestId('official-qr').waitFor();
    await dialog.getByTestId('shc-qr').waitFor();
    shc = await dialog.getByTestId('shc-text').inputValue();
    expect(shc).toMatch(/^shc:\/\d+$/);
    await dialog.getByRole('button', { name: text('card.landscape') }).click();
    await page.screenshot({ path: artifactPath('card-landscape-vi-390x844.png') });
    // Scoped to the dialog: the service worker's "ready offline" banner has a close button too.
    await dialog.getByRole('button', { name: text('card.close') }).click();

    // The service worker has the shell by now; without a network the page still opens.
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    await citizen.setOffline(true);
    await page.reload();
    await page.getByTestId('card-holder-name').waitFor();
    expect(await page.getByTestId('card-holder-name').innerText()).toBe(NAME);
    await page.getByTestId('card-offline').waitFor();
    expect(await page.getByTestId('card-last-updated').innerText()).toMatch(/\d/);
    await page.getByRole('button', { name: text('card.show') }).click();
    await page.getByTestId('card-dialog').getByTestId('shc-qr').waitFor();
    await page.getByTestId('card-dialog').getByTestId('official-qr').waitFor();
    expect(await page.getByTestId('shc-text').inputValue()).toBe(shc);
    await page.screenshot({ path: artifactPath('card-offline-vi-390x844.png') });
    await citizen.setOffline(false);
    expect(errors).toEqual([]);
  });

  it("verifies the card's signed QR text on the clinic's verifier page", async () => {
    expect(shc).not.toBe('');
    const page = await clinic.newPage();
    const errors = collectErrors(page);
    await signIn(page.request, clinic, CLINIC_USER, CLINIC_PHONE);
    await page.goto(`${url}/clinic/verify`);
    await page.getByTestId('verify-input').waitFor();
    // The public keys are fetched once and kept for offline use.
    await expect.poll(() => page.getByTestId('verify-keys').innerText()).toMatch(/: 1 /);
    await page.getByTestId('verify-input').fill(shc);
    await page.getByRole('button', { name: text('clinicVerify.verify'), exact: true }).click();
    const outcome = page.getByTestId('verify-outcome');
    await outcome.waitFor();
    expect(await outcome.getAttribute('data-outcome')).toBe('valid');
    expect(await outcome.innerText()).toBe(text('clinicVerify.valid'));
    expect(await page.getByTestId('verify-name').innerText()).toBe(NAME);
    await page.screenshot({ path: artifactPath('clinic-verify-vi-1280x800.png') });

    // One changed digit in the signature: refused, even offline with the kept keys.
    await clinic.setOffline(true);
    const i = shc.length - 20;
    const forged = shc.slice(0, i) + (shc.slice(i, i + 2) === '20' ? '21' : '20') + shc.slice(i + 2);
    await page.getByTestId('verify-input').fill(forged);
    await page.getByRole('button', { name: text('clinicVerify.verify'), exact: true }).click();
    await expect.poll(() => outcome.getAttribute('data-outcome')).toBe('invalid');
    await clinic.setOffline(false);
    expect(errors).toEqual([]);
  });

  it("shows a 7-year-old's TE card as ended on the legal date (issue #19)", async () => {
    const context = await browser.newContext(PHONE_CONTEXT);
    const page = await context.newPage();
    const errors = collectErrors(page);
    await signIn(page.request, context, CHILD_CODE, CHILD_PHONE);
    await page.goto(`${url}/card`);
    await page.getByTestId('card-holder-name').waitFor();
    expect(await page.getByTestId('card-status').innerText()).toBe(text('card.status.expired'));
    const year = new Date().getUTCFullYear();
    const validity = text('card.validity')
      .replace('{{from}}', `01/01/${year - 1}`)
      .replace('{{to}}', `30/09/${year - 1}`);
    await page.getByText(validity).waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });
});
