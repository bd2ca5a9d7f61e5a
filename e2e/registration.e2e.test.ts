import type { FastifyInstance } from 'fastify';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import QRCode from 'qrcode';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInAs } from '../packages/server/src/testing/auth';
import {
  addSessionCookies,
  artifactPath,
  awaitInboxMessage,
  catalogText,
  closeInOrder,
  collectErrors,
  DEV_INBOX_ENV,
  type InboxMessage,
  issuedPasswordIn,
  launchBrowser,
  PHONE_CONTEXT,
  signInWithOtp,
  startSystem,
} from './support';

/**
 * Issue 5 (Registration) in the browser: "Đăng ký ngay" with the CCCD QR read from a picture and
 * three photos → the dossier number → the Form 01 PDF downloads and holds the declared name with
 * its diacritics → an officer approves (API) → the development inbox holds the password → the
 * person signs in and must change it. Then the same for a child registered by a guardian.
 */
let app: FastifyInstance;
let url: string;
let browser: Browser;
const text = catalogText('vi');

const AGENCY = '0101';
const SELF = { code: '0100055501', cccd: '001190012345', name: 'Nguyễn Thị Hồng Nhung', birth: '1990-05-17' };
const SELF_PHONE = '0912000111';
const GUARDIAN = { code: '0100055502', name: 'Lê Văn Đức', phone: '0912000222' };
const CHILD = { code: '0100055503', name: 'Lê Minh Khôi', birth: '2016-03-02' };

/** The first message of that template to arrive for the recipient (and not in `seen`). */
const message = (recipient: string, template: string, seen = new Set<string>()): Promise<InboxMessage> =>
  awaitInboxMessage(url, recipient, template, { seen, timeout: 15_000 });

async function pdfText(pdf: Buffer): Promise<string> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const task = pdfjs.getDocument({ data: new Uint8Array(pdf), useSystemFonts: false });
  const doc = await task.promise;
  const parts: string[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const content = await (await doc.getPage(i)).getTextContent();
    for (const item of content.items) if ('str' in item) parts.push(item.str);
  }
  await task.destroy();
  return parts.join(' ').normalize('NFC').replace(/\s+/g, ' ');
}

const photo = (seed: number) =>
  sharp({ create: { width: 640, height: 480, channels: 3, background: { r: seed, g: 120, b: 200 } } })
    .jpeg()
    .toBuffer();

/** Officer's approval through the back-office API: paper recorded, then approved. */
async function approve(number: string): Promise<void> {
  const officer = await signInAs(app, { role: 'officer', agencyCode: AGENCY, displayName: 'Trần Văn Cán' });
  for (const action of ['record_paper', 'approve']) {
    const res = await app.inject({
      method: 'POST',
      url: `/api/v1/officer/dossiers/${encodeURIComponent(number)}/actions`,
      headers: { ...officer.headers, 'idempotency-key': `e2e-${action}-${number}`.replace(/_/g, '-') },
      payload: { action },
    });
    expect(res.statusCode, res.body).toBe(200);
  }
}

/** Signs in with the issued password (and the new-device OTP) and lands on the forced change. */
async function signInWithIssuedPassword(page: Page, username: string, phone: string): Promise<void> {
  const issued = await message(phone, 'account.issued');
  const password = issuedPasswordIn(issued.payload.text) ?? '';
  expect(password).toMatch(/^\S{8,}$/);
  await page.goto(`${url}/sign-in?lang=vi`);
  await signInWithOtp(page, url, { username, password, phone }, 15_000);
  await page.waitForURL(/\/new-password/);
  await page.getByTestId('new-password-form').waitFor();
}

beforeAll(async () => {
  ({ app, url } = await startSystem(DEV_INBOX_ENV));
  const db = app.database.db;
  await db
    .insertInto('bhxh_agencies')
    .values({
      code: AGENCY,
      level: 'province',
      name: 'Bảo hiểm xã hội Thành phố Hà Nội',
      address: '15 Trần Duy Hưng, Phường Yên Hòa, Thành phố Hà Nội',
      province_code: '01',
      latitude: 21.0133,
      longitude: 105.7997,
    })
    .execute();
  // Dossiers go only to an agency an officer can see (issue 20): the agency's officer.
  await signInAs(app, { role: 'officer', agencyCode: AGENCY, username: 'canbo.e2e' });
  await db
    .insertInto('persons')
    .values([
      {
        bhxh_code: SELF.code,
        full_name: SELF.name,
        birth_date: SELF.birth,
        birth_year: 1990,
        gender: 'female',
        cccd: SELF.cccd,
        // The phone on record, where the registration's outcome goes (issue #22 item 1).
        phone: SELF_PHONE,
      },
      {
        bhxh_code: GUARDIAN.code,
        full_name: GUARDIAN.name,
        birth_year: 1985,
        gender: 'male',
        phone: GUARDIAN.phone,
      },
    ])
    .execute();
  await db
    .insertInto('persons')
    .values({
      bhxh_code: CHILD.code,
      full_name: CHILD.name,
      birth_date: CHILD.birth,
      birth_year: 2016,
      gender: 'male',
      guardian_bhxh_code: GUARDIAN.code,
    })
    .execute();
  await db
    .insertInto('population_registry')
    .values({
      cccd: SELF.cccd,
      full_name: SELF.name,
      birth_date: SELF.birth,
      birth_year: 1990,
      gender: 'female',
      address: 'Hà Nội',
    })
    .execute();
  browser = await launchBrowser();
}, 120_000);

afterAll(() => closeInOrder(browser, app));

const phoneContext = () =>
  browser.newContext({
    ...PHONE_CONTEXT,
    acceptDownloads: true,
    // No service worker: the journey does not wait on the offline cache (its notice, beside the
    // form and never over it, is checked in home.e2e.test.ts).
    serviceWorkers: 'block',
  });

/** A phone context holding the session cookies of an access token (as a signed-in browser does). */
async function signedInPhoneContext(authorization: string): Promise<BrowserContext> {
  const signedIn = await phoneContext();
  await addSessionCookies(signedIn, url, authorization);
  return signedIn;
}

describe('registration (issue 5)', () => {
  let context: BrowserContext;

  it('registers oneself with the CCCD QR and three photos; the PDF holds the name; approved, the person signs in and must change the password', async () => {
    context = await phoneContext();
    const page = await context.newPage();
    const errors = collectErrors(page);
    await page.goto(`${url}/sign-in?lang=vi`);
    await page.getByTestId('sign-in-register').click();
    await page.waitForURL(`${url}/register`);

    // Terms: required.
    await page.getByTestId('registration-next').click();
    await expect
      .poll(() => page.locator('.field__error').first().innerText())
      .toBe(text('registration.errors.acceptTerms'));
    await page.getByTestId('registration-accept-terms').check();
    await page.getByTestId('registration-next').click();

    // Identity: the code typed, the CCCD read from a picture of its QR.
    await page.getByTestId('registration-bhxh-code').fill(SELF.code);
    const qr = await QRCode.toBuffer(
      `${SELF.cccd}||${SELF.name}|17051990|Nữ|12 phố Lý Thường Kiệt, Hoàn Kiếm, Hà Nội|01012021`,
      {
        margin: 4,
        scale: 6,
      },
    );
    await page
      .getByTestId('registration-cccd-qr-file')
      .setInputFiles({ name: 'cccd.png', mimeType: 'image/png', buffer: qr });
    await expect.poll(() => page.getByTestId('registration-id-number').inputValue()).toBe(SELF.cccd);
    expect(await page.getByTestId('registration-full-name').inputValue()).toBe(SELF.name);
    expect(await page.getByTestId('registration-birth').inputValue()).toBe(SELF.birth);
    await page.getByTestId('registration-gender').selectOption('female');
    await page.getByTestId('registration-next').click();

    // Contact: a bad phone is caught with the same schema as the server's.
    await page.getByTestId('registration-province').selectOption('01');
    await expect
      .poll(() => page.getByTestId('registration-commune').locator('option').count())
      .toBeGreaterThan(2);
    await page.getByTestId('registration-commune').selectOption('00004');
    await page.getByTestId('registration-phone').fill('12345');
    await page.getByTestId('registration-next').click();
    await expect.poll(() => page.getByText(text('registration.errors.phone')).count()).toBe(1);
    await page.getByTestId('registration-phone').fill(SELF_PHONE);
    await page.getByTestId('registration-next').click();

    // Photos: portrait, ID front and back, with previews.
    for (const [i, kind] of ['portrait', 'id_front', 'id_back'].entries())
      await page
        .getByTestId(`registration-photo-${kind}`)
        .setInputFiles({ name: `${kind}.jpg`, mimeType: 'image/jpeg', buffer: await photo(40 * i + 10) });
    await expect.poll(() => page.locator('.registration-photo__preview').count()).toBe(3);
    await page.getByTestId('registration-next').click();

    // Agency and delivery.
    await page.getByTestId('registration-agency-province').selectOption('01');
    await page.getByTestId('registration-agency-list').getByText('Bảo hiểm xã hội Thành phố Hà Nội').click();
    await page.getByTestId('registration-delivery-counter').check();
    await page.getByTestId('registration-next').click();

    // Review, commitment, send.
    const review = await page.getByTestId('registration-review').innerText();
    expect(review).toContain(SELF.name);
    expect(review).toContain('Phường Ba Đình');
    await page.getByTestId('registration-commitment').check();
    await page.screenshot({ path: artifactPath('registration-review-vi-390x844.png'), fullPage: true });
    await page.getByTestId('registration-next').click();
    // The answer says only "received, sent to the phone on record" (issue #22 item 1).
    const received = page.getByTestId('registration-received');
    await received.waitFor();
    expect(await received.innerText()).toContain('09******11');
    expect(await page.getByTestId('registration-result').innerText()).not.toMatch(/GD_\d{4}/);
    await page.screenshot({ path: artifactPath('registration-result-vi-390x844.png'), fullPage: true });

    // The SMS, read from the development inbox: the number, the deadline and the declaration's link.
    const sms = String((await message(SELF_PHONE, 'registration.sms.submitted')).payload.text);
    const number = /\d{5}\.GD_\d{4}_0101/.exec(sms)?.[0] ?? '';
    expect(number).toMatch(/^\d{5}\.GD_\d{4}_0101$/);
    expect(sms).toMatch(/\d{2}\/\d{2}\/\d{4}/);
    const link = /https?:\/\/\S+form01\.pdf\?t=[0-9a-f-]+/.exec(sms)?.[0] ?? '';
    const declaration = await page.request.get(`${url}${new URL(link).pathname}${new URL(link).search}`);
    expect(declaration.status()).toBe(200);
    const pdf = await pdfText(await declaration.body());
    expect(pdf).toContain(SELF.name);
    expect(pdf).toContain(number);

    await approve(number);
    await signInWithIssuedPassword(page, SELF.code, SELF_PHONE);
    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);

  it('a guardian registers a child under Dịch vụ công; approved, the child signs in and must change the password', async () => {
    const guardian = await signInAs(app, {
      role: 'citizen',
      bhxhCode: GUARDIAN.code,
      displayName: GUARDIAN.name,
      phone: GUARDIAN.phone,
    });
    context = await signedInPhoneContext(guardian.headers.authorization);
    const page = await context.newPage();
    const errors = collectErrors(page);
    await page.goto(`${url}/services?lang=vi`);
    await page.getByTestId('services-register-child').click();
    await page.waitForURL(`${url}/services/register-child`);
    await page.getByTestId('child-bhxh-code').fill(CHILD.code);
    await page.getByTestId('child-full-name').fill(CHILD.name);
    await page
      .getByTestId('child-photo-portrait')
      .setInputFiles({ name: 'p.jpg', mimeType: 'image/jpeg', buffer: await photo(70) });
    await page
      .getByTestId('child-photo-birth_certificate')
      .setInputFiles({ name: 'b.jpg', mimeType: 'image/jpeg', buffer: await photo(90) });
    await page.getByTestId('registration-agency-province').selectOption('01');
    await page.getByTestId('registration-agency-list').getByText('Bảo hiểm xã hội Thành phố Hà Nội').click();
    await page.getByTestId('child-delivery-post').check();
    await page.getByTestId('child-submit').click();
    // The commitment dialog: Hủy closes it, Đồng ý sends.
    await page.getByRole('button', { name: text('childRegistration.cancel') }).click();
    expect(await page.getByRole('dialog').count()).toBe(0);
    await page.getByTestId('child-submit').click();
    await page.getByTestId('child-agree').click();
    const numberEl = page.getByTestId('registration-number');
    await numberEl.waitFor();
    const number = await numberEl.innerText();

    // "Xem tờ khai": the declaration, with the child's and the guardian's names.
    const view = await page.getByTestId('registration-view').getAttribute('href');
    const res = await page.request.get(`${url}${view ?? ''}`);
    expect(res.status()).toBe(200);
    const pdf = await pdfText(await res.body());
    expect(pdf).toContain(CHILD.name);
    expect(pdf).toContain(GUARDIAN.name);
    // The guardian's SMS links to the declaration.
    const sms = await message(GUARDIAN.phone, 'registration.sms.child');
    expect(sms.payload.text).toContain(`/api/v1/registrations/${number}/form01.pdf?t=`);
    expect(errors).toEqual([]);
    await context.close();

    await approve(number);
    // The guardian's list of dossiers shows it approved.
    context = await signedInPhoneContext(guardian.headers.authorization);
    const again = await context.newPage();
    await again.goto(`${url}/services/register-child?lang=vi`);
    const mine = again.getByTestId('my-registrations');
    await mine.waitFor();
    expect(await mine.innerText()).toContain(number);
    expect(await mine.innerText()).toContain(text('registration.status.approved'));
    await context.close();

    // The child's account: the issued password goes to the guardian's phone.
    context = await phoneContext();
    await signInWithIssuedPassword(await context.newPage(), CHILD.code, GUARDIAN.phone);
    await context.close();
  }, 120_000);
});
