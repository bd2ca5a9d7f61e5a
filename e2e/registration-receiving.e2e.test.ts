import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInAs } from '../packages/server/src/testing/auth';
import {
  addSessionCookies,
  artifactPath,
  awaitInboxMessage,
  awaitOtp,
  catalogText,
  closeInOrder,
  collectErrors,
  DESKTOP_CONTEXT,
  DEV_INBOX_ENV,
  inboxIds,
  launchBrowser,
  PHONE_CONTEXT,
  startSystem,
} from './support';

/**
 * Issue 20, item 1, acceptance at 390×844: register → the agency step suggests a receiving agency
 * of the same province (never the national head office, never another province's office, even
 * with the device standing in another province) → the dossier appears in that agency's officer
 * queue → "Rút hồ sơ" with the OTP sent to the dossier's phone works → a new dossier is filed.
 */
let app: FastifyInstance;
let url: string;
let browser: Browser;
const text = catalogText('vi');
/** The dossier filed after the withdrawal (the second test redirects it). */
let refiled = '';

const PERSON = { code: '0100077701', cccd: '001191077701', name: 'Phạm Thị Lan Anh', birth: '1991-08-09' };
const PHONE = '0912000777';
/** Phường Ba Đình (Hà Nội): the commune the person lives in, where the local office sits. */
const COMMUNE = '00004';

const AGENCIES = [
  {
    code: 'VN',
    parent_code: null,
    level: 'central',
    name: 'Bảo hiểm xã hội Việt Nam',
    province_code: '01',
    commune_code: null,
    latitude: 21.0254,
    longitude: 105.8477,
    receives_dossiers: false,
  },
  {
    code: '01',
    parent_code: 'VN',
    level: 'province',
    name: 'Bảo hiểm xã hội Thành phố Hà Nội',
    province_code: '01',
    commune_code: '00070',
    latitude: 21.0133,
    longitude: 105.7997,
    receives_dossiers: true,
  },
  {
    code: '0101',
    parent_code: '01',
    level: 'local',
    name: 'Bảo hiểm xã hội cơ sở Ba Đình',
    province_code: '01',
    commune_code: COMMUNE,
    latitude: 21.0341,
    longitude: 105.8372,
    receives_dossiers: true,
  },
  {
    code: '79',
    parent_code: 'VN',
    level: 'province',
    name: 'Bảo hiểm xã hội Thành phố Hồ Chí Minh',
    province_code: '79',
    commune_code: null,
    latitude: 10.776,
    longitude: 106.701,
    receives_dossiers: true,
  },
] as const;

const photo = (seed: number) =>
  sharp({ create: { width: 640, height: 480, channels: 3, background: { r: seed, g: 110, b: 190 } } })
    .jpeg()
    .toBuffer();

/** Fills Form 01 up to the agency step (terms, identity typed, contact, photos). */
async function fillUpToAgency(page: Page): Promise<void> {
  await page.goto(`${url}/register?lang=vi`);
  await page.getByTestId('registration-accept-terms').check();
  await page.getByTestId('registration-next').click();
  await page.getByTestId('registration-bhxh-code').fill(PERSON.code);
  await page.getByTestId('registration-full-name').fill(PERSON.name);
  await page.getByTestId('registration-id-number').fill(PERSON.cccd);
  await page.getByTestId('registration-birth').fill(PERSON.birth);
  await page.getByTestId('registration-gender').selectOption('female');
  await page.getByTestId('registration-next').click();
  await page.getByTestId('registration-province').selectOption('01');
  await expect
    .poll(() => page.getByTestId('registration-commune').locator('option').count())
    .toBeGreaterThan(2);
  await page.getByTestId('registration-commune').selectOption(COMMUNE);
  await page.getByTestId('registration-line').fill('8 phố Đội Cấn');
  await page.getByTestId('registration-phone').fill(PHONE);
  await page.getByTestId('registration-next').click();
  for (const [i, kind] of ['portrait', 'id_front', 'id_back'].entries())
    await page
      .getByTestId(`registration-photo-${kind}`)
      .setInputFiles({ name: `${kind}.jpg`, mimeType: 'image/jpeg', buffer: await photo(50 * i + 20) });
  await expect.poll(() => page.locator('.registration-photo__preview').count()).toBe(3);
  await page.getByTestId('registration-next').click();
}

/** The agency list's entries: the radio values, in order. */
const listed = (page: Page) =>
  page
    .getByTestId('registration-agency-list')
    .locator('input[type=radio]')
    .evaluateAll((els) => els.map((el) => (el as HTMLInputElement).value));

async function officerQueue(agencyCode: string): Promise<{ number: string; status: string }[]> {
  const officer = await signInAs(app, { role: 'officer', agencyCode, username: `canbo.${agencyCode}` });
  const res = await app.inject({ url: '/api/v1/officer/dossiers?limit=100', headers: officer.headers });
  expect(res.statusCode).toBe(200);
  return res.json<{ items: { number: string; status: string }[] }>().items;
}

/** A desktop page signed in as Hà Nội's officer or agency admin, and the page's errors. */
async function staffPage(role: 'officer' | 'agency_admin', username: string) {
  const staff = await signInAs(app, { role, agencyCode: '01', username });
  const context = await browser.newContext(DESKTOP_CONTEXT);
  await addSessionCookies(context, url, staff.headers.authorization);
  const page = await context.newPage();
  return { context, page, errors: collectErrors(page) };
}

beforeAll(async () => {
  ({ app, url } = await startSystem(DEV_INBOX_ENV));
  const db = app.database.db;
  for (const a of AGENCIES)
    await db
      .insertInto('bhxh_agencies')
      .values({ ...a, address: `Trụ sở ${a.name}` })
      .execute();
  await db
    .insertInto('persons')
    .values({
      bhxh_code: PERSON.code,
      full_name: PERSON.name,
      birth_date: PERSON.birth,
      birth_year: 1991,
      gender: 'female',
      cccd: PERSON.cccd,
      phone: PHONE,
    })
    .execute();
  // The officers: one of Hà Nội's provincial office (its queue covers its local offices), one of HCM.
  await signInAs(app, { role: 'officer', agencyCode: '01', username: 'canbo.01' });
  await signInAs(app, { role: 'officer', agencyCode: '79', username: 'canbo.79' });
  browser = await launchBrowser();
}, 120_000);

afterAll(() => closeInOrder(browser, app));

describe('registration reaches an officer (issue 20, item 1)', () => {
  it('suggests a receiving agency of the same province, reaches its officer queue, and withdraws so a new dossier can be filed', async () => {
    const context = await browser.newContext({
      ...PHONE_CONTEXT,
      serviceWorkers: 'block',
      // The device stands in Hồ Chí Minh City: "nearest" must still stay inside Hà Nội.
      permissions: ['geolocation'],
      geolocation: { latitude: 10.78, longitude: 106.7 },
    });
    const page = await context.newPage();
    const errors = collectErrors(page);
    await fillUpToAgency(page);

    // The agency step: the address's province, its receiving agencies, the commune's office suggested and chosen.
    expect(await page.getByTestId('registration-agency-province').inputValue()).toBe('01');
    await expect.poll(() => listed(page)).toEqual(['0101', '01']);
    const suggested = page.getByTestId('registration-agency-list').locator('li', {
      has: page.getByTestId('registration-agency-suggested'),
    });
    expect(await suggested.innerText()).toContain('Bảo hiểm xã hội cơ sở Ba Đình');
    expect(await page.locator('input[name=registration-agency][value="0101"]').isChecked()).toBe(true);
    expect(await page.getByTestId('registration-agency-list').innerText()).not.toContain(
      'Bảo hiểm xã hội Việt Nam',
    );
    await page.screenshot({
      path: artifactPath('registration-agency-suggested-vi-390x844.png'),
      fullPage: true,
    });
    // The commune's position is an estimate: no distance is shown from it.
    expect(await page.getByTestId('registration-agency-list').innerText()).not.toMatch(/km/);
    // Nearest from the device's position: still Hà Nội's agencies only, with their distances.
    await page.getByRole('button', { name: text('registration.agency.nearest') }).click();
    await expect
      .poll(() => page.getByTestId('registration-agency-list').innerText())
      .toMatch(/cách 1\.\d{3},\d km/);
    expect((await listed(page)).sort()).toEqual(['01', '0101']);

    await page.getByTestId('registration-delivery-counter').check();
    await page.getByTestId('registration-next').click();
    expect(await page.getByTestId('registration-review').innerText()).toContain(
      'Bảo hiểm xã hội cơ sở Ba Đình',
    );
    await page.getByTestId('registration-commitment').check();
    await page.getByTestId('registration-next').click();
    // The answer names no dossier (issue #22 item 1): the number comes by SMS to the phone on record.
    const sent = async (template: string, seen: Set<string>) =>
      String((await awaitInboxMessage(url, PHONE, template, { seen, timeout: 15_000 })).payload.text);
    const numberIn = (sms: string) => /\d{5}\.GD_\d{4}_0101/.exec(sms)?.[0] ?? '';
    await page.getByTestId('registration-received').waitFor();
    const first = numberIn(await sent('registration.sms.submitted', new Set()));
    expect(first).toMatch(/^\d{5}\.GD_\d{4}_0101$/);

    // The dossier is in the queue of the officer who covers that office, not in another province's.
    expect((await officerQueue('01')).map((d) => d.number)).toContain(first);
    expect((await officerQueue('79')).map((d) => d.number)).not.toContain(first);

    // Filing again while it is pending: the same answer on screen, "still pending" by SMS; then
    // "Rút hồ sơ" with the OTP sent to the phone on record.
    const fileAgain = async () => {
      await fillUpToAgency(page);
      await expect.poll(() => listed(page)).toEqual(['0101', '01']);
      await page.getByTestId('registration-delivery-counter').check();
      await page.getByTestId('registration-next').click();
      await page.getByTestId('registration-commitment').check();
      const before = await inboxIds(url, PHONE);
      await page.getByTestId('registration-next').click();
      await page.getByTestId('registration-received').waitFor();
      return before;
    };
    const beforeAgain = await fileAgain();
    expect(await sent('registration.sms.stillPending', beforeAgain)).toContain(first);
    await page.getByTestId('registration-withdraw-offer').click();
    const withdraw = page.getByTestId('registration-withdraw');
    await withdraw.waitFor();
    const seen = await inboxIds(url, PHONE);
    await page.getByTestId('registration-withdraw-start').click();
    await page.getByTestId('registration-withdraw-code').waitFor();
    expect(await withdraw.innerText()).toContain('09******77');
    await page.getByTestId('registration-withdraw-code').fill(await awaitOtp(url, PHONE, seen, 15_000));
    await page.screenshot({ path: artifactPath('registration-withdraw-otp-vi-390x844.png'), fullPage: true });
    await page.getByTestId('registration-withdraw-confirm').click();
    await expect
      .poll(() => page.getByTestId('registration-withdrawn').innerText())
      .toBe(text('registration.withdraw.done').replace('{{number}}', first));

    // A new dossier goes through, and reaches the same queue; the first one is withdrawn there.
    const beforeSecond = await fileAgain();
    const second = numberIn(await sent('registration.sms.submitted', beforeSecond));
    expect(second).toMatch(/^\d{5}\.GD_\d{4}_0101$/);
    expect(second).not.toBe(first);
    const queue = await officerQueue('01');
    expect(queue.find((d) => d.number === second)?.status).toBe('submitted');
    expect(queue.find((d) => d.number === first)?.status).toBe('withdrawn');
    refiled = second;
    expect(errors).toEqual([]);
    await context.close();
  }, 180_000);

  it("lets the covering officer redirect the dossier to another province's office, logged and told by SMS", async () => {
    expect(refiled).not.toBe('');
    const { context, page, errors } = await staffPage('officer', 'canbo.01');
    // From the queue (a deep link with the number's dot is taken for a file by the static server).
    await page.goto(`${url}/officer/dossiers?lang=vi`);
    await page.getByTestId('queue-table').getByRole('link', { name: refiled }).click();
    await page.getByTestId('redirect-province').selectOption('79');
    await expect.poll(() => page.getByTestId('redirect-agency').locator('option').count()).toBe(2);
    // The national head office is no choice, whatever the province.
    expect(await page.getByTestId('redirect-agency').innerText()).not.toContain('Bảo hiểm xã hội Việt Nam');
    await page.getByTestId('redirect-agency').selectOption('79');
    await page
      .getByLabel(text('officer.redirect.reason'))
      .fill('Người đăng ký đã chuyển vào Thành phố Hồ Chí Minh');
    await page.getByTestId('redirect-submit').click();
    await expect
      .poll(() => page.getByTestId('redirect-done').innerText())
      .toBe(
        text('officer.redirect.done')
          .replace('{{number}}', refiled)
          .replace('{{agency}}', 'Bảo hiểm xã hội Thành phố Hồ Chí Minh'),
      );
    expect((await officerQueue('01')).map((d) => d.number)).not.toContain(refiled);
    expect((await officerQueue('79')).map((d) => d.number)).toContain(refiled);
    const sms = await awaitInboxMessage(url, PHONE, 'registration.redirected', { timeout: 15_000 });
    expect(sms.payload.text).toContain(refiled);
    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);

  it('lets the agency admin stop an office receiving: citizens are no longer offered it', async () => {
    const { context, page, errors } = await staffPage('agency_admin', 'quantri.01');
    await page.goto(`${url}/officer/officers?lang=vi`);
    const box = page.getByTestId('receiving-0101');
    await box.waitFor();
    expect(await box.isChecked()).toBe(true);
    // The national head office is out of a provincial admin's scope.
    expect(await page.getByTestId('receiving-agencies').innerText()).not.toContain(
      'Bảo hiểm xã hội Việt Nam',
    );
    await box.uncheck();
    await expect.poll(() => box.isChecked()).toBe(false);
    const res = await app.inject({ url: '/api/v1/registrations/agencies?province=01' });
    expect(res.json<{ items: { code: string }[] }>().items.map((a) => a.code)).toEqual(['01']);
    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);
});
