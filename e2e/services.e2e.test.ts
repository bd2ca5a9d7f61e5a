import type { FastifyInstance } from 'fastify';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInAs } from '../packages/server/src/testing/auth';
import {
  catalogText,
  closeInOrder,
  collectErrors,
  DESKTOP_CONTEXT,
  DEV_INBOX_ENV,
  insertActiveCard,
  insertHanoiAgencyAndClinic,
  launchBrowser,
  PHONE_CONTEXT,
  signedInContext,
  startSystem,
} from './support';
import { expectNoAxeViolations } from './a11y';

/**
 * Issue 23 (online public services) in the browser: a citizen files a BHYT card reissue with a
 * changed name and a photo of the evidence → the officer takes it up and asks for a supplement →
 * the citizen adds a photo → the officer approves → the card screen shows the new card and the old
 * one is replaced; the estimated day of the result is shown to the citizen at each step. The
 * receipt is listed in "Giấy tờ của tôi", and the officer sees the person's card beside the request
 * and opens the supplement's photo before approving (the read audited); the citizen opens their files.
 */
let app: FastifyInstance;
let url: string;
let browser: Browser;
let citizen: BrowserContext;
let officer: BrowserContext;
const text = catalogText('vi');
const CODE = '0100023001';
const NAME = 'Lê Thị Thu';

async function jpeg(path: string, colour: string): Promise<string> {
  await sharp({ create: { width: 500, height: 400, channels: 3, background: colour } })
    .jpeg()
    .toFile(path);
  return path;
}

const duePattern = /Dự kiến trả kết quả: \d{2}\/\d{2}\/\d{4}/;

beforeAll(async () => {
  ({ app, url } = await startSystem(DEV_INBOX_ENV));
  const db = app.database.db;
  await insertHanoiAgencyAndClinic(db);
  await db
    .insertInto('persons')
    .values({
      bhxh_code: CODE,
      full_name: NAME,
      birth_date: '1990-01-02',
      birth_year: 1990,
      gender: 'female',
      phone: '0912023001',
      province_code: '01',
    })
    .execute();
  await insertActiveCard(db, { bhxhCode: CODE });
  const person = await signInAs(app, { role: 'citizen', bhxhCode: CODE, displayName: NAME });
  const staff = await signInAs(app, { role: 'officer', agencyCode: '01', displayName: 'Cán Bộ Một Cửa' });
  browser = await launchBrowser();
  citizen = await signedInContext(browser, url, PHONE_CONTEXT, person.headers.authorization);
  officer = await signedInContext(browser, url, DESKTOP_CONTEXT, staff.headers.authorization);
}, 60_000);

afterAll(() => closeInOrder(citizen, officer, browser, app));

describe('online public services (issue 23)', () => {
  let number = '';
  let citizenPage: Page;
  let officerPage: Page;

  it('files a card reissue with changed data and shows the estimated day', async () => {
    citizenPage = await citizen.newPage();
    const errors = collectErrors(citizenPage);
    await citizenPage.goto(`${url}/services`);
    await citizenPage
      .getByRole('link', { name: text('services.file') })
      .first()
      .click();
    await citizenPage.waitForURL(/\/services\/new\/bhyt_card_reissue$/);
    await citizenPage.getByTestId('service-fullName').fill('Lê Thị Thu Hà');
    await citizenPage
      .getByTestId('service-files')
      .setInputFiles(await jpeg('/tmp/e2e-evidence-1.jpg', '#4477aa'));
    await citizenPage.getByTestId('registration-agency-province').selectOption('01');
    await citizenPage.getByTestId('registration-agency-list').locator('input[type=radio]').first().check();
    await citizenPage.getByRole('button', { name: text('services.form.submit') }).click();
    await citizenPage.waitForURL(/\/services\/requests\/DVC\.01\.\d{4}\.\d{6}$/);
    number = citizenPage.url().split('/').pop() ?? '';
    await expect.poll(() => citizenPage.getByTestId('request-due').textContent()).toMatch(duePattern);
    expect(await citizenPage.getByTestId('request-status').textContent()).toBe(
      text('services.status.submitted'),
    );
    // The receipt is a file the server serves, linked as such (not an app route).
    expect(await citizenPage.getByRole('link', { name: text('services.receipt') }).getAttribute('href')).toBe(
      `/api/v1/me/service-requests/${number}/receipt`,
    );
    expect(errors).toEqual([]);
  });

  it('lists the receipt in Giấy tờ của tôi, reached from Hồ sơ của tôi, as a PDF to download', async () => {
    const page = await citizen.newPage();
    const errors = collectErrors(page);
    await page.goto(`${url}/services`);
    await page.getByRole('link', { name: text('documents.title') }).click();
    await page.waitForURL(/\/documents$/);
    const receipt = page.getByTestId('document-request_receipt');
    await expect.poll(() => receipt.textContent()).toContain(number);
    const href = await receipt.getByRole('link', { name: text('documents.download') }).getAttribute('href');
    expect(href).toBe(`/api/v1/me/service-requests/${number}/receipt`);
    await expectNoAxeViolations(page, 'Giấy tờ của tôi');
    const pdf = await page.request.get(`${url}${href ?? ''}`);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toContain('application/pdf');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('lets the officer take it up and ask for a supplement', async () => {
    officerPage = await officer.newPage();
    await officerPage.goto(`${url}/officer/requests`);
    await officerPage.getByRole('link', { name: number }).click();
    // The person's card beside the request (read through the records' data-access layer).
    await expect.poll(() => officerPage.getByTestId('officer-request-cards').textContent()).toContain(CODE);
    await expectNoAxeViolations(officerPage, 'the officer request page with the records beside it');
    await officerPage.getByRole('button', { name: text('services.actions.receive') }).click();
    await expect
      .poll(() => officerPage.getByTestId('officer-request-status').textContent())
      .toBe(text('services.status.received'));
    await officerPage.getByTestId('officer-request-text').fill('Ảnh giấy khai sinh rõ hơn');
    await officerPage.getByRole('button', { name: text('services.actions.ask_supplement') }).click();
    await expect
      .poll(() => officerPage.getByTestId('officer-request-status').textContent())
      .toBe(text('services.status.waiting_for_citizen'));
  });

  it('takes the citizen’s photo as the supplement, the estimated day still shown', async () => {
    await citizenPage.reload();
    await expect
      .poll(() => citizenPage.getByTestId('request-status').textContent())
      .toBe(text('services.status.waiting_for_citizen'));
    expect(await citizenPage.getByTestId('request-due').textContent()).toMatch(duePattern);
    await citizenPage
      .getByTestId('supplement-files')
      .setInputFiles(await jpeg('/tmp/e2e-evidence-2.jpg', '#aa7744'));
    await citizenPage.getByRole('button', { name: text('services.supplement.send') }).click();
    await expect
      .poll(() => citizenPage.getByTestId('request-status').textContent())
      .toBe(text('services.status.supplemented'));
    expect(await citizenPage.getByTestId('request-due').textContent()).toMatch(duePattern);
  });

  it('lets the officer look at the supplement photo before deciding (the read audited), and the citizen too', async () => {
    await officerPage.reload();
    const files = officerPage.getByTestId('request-files');
    await expect.poll(() => files.getByRole('link').count()).toBe(2);
    // The supplement's photo: submit, receive, ask_supplement, then the supplement (step 4).
    const link = officerPage.getByTestId('request-file-4-0');
    expect(await link.textContent()).toContain(text('services.attachments.image'));
    expect(await files.textContent()).toContain(text('services.actions.supplement'));
    await expectNoAxeViolations(officerPage, 'the officer request page with its files');
    const opened = officer.waitForEvent('page');
    await link.click();
    const photo = await opened;
    await photo.waitForLoadState();
    // The browser shows the photo itself (served inline as a JPEG), not a download.
    expect(await photo.evaluate(() => document.contentType)).toBe('image/jpeg');
    expect(photo.url()).toContain(`/api/v1/officer/service-requests/${number}/attachments/4/0?purpose=`);
    await photo.close();
    const reads = await app.database.db
      .selectFrom('audit_log')
      .select(['actor_type', 'purpose', 'target_id'])
      .where('subject_bhxh_code', '=', CODE)
      .where('action', '=', 'service_request.attachment.read')
      .execute();
    expect(reads).toEqual([
      {
        actor_type: 'officer',
        purpose: text('dataAccess.purposes.services.review'),
        target_id: `${number}/4/0`,
      },
    ]);

    // The citizen opens what they sent, from their request page.
    await citizenPage.reload();
    const own = citizenPage.getByTestId('request-file-1-0');
    const href = await own.getAttribute('href');
    expect(href).toBe(`/api/v1/me/service-requests/${number}/attachments/1/0`);
    const answer = await citizenPage.request.get(`${url}${href ?? ''}`);
    expect(answer.status()).toBe(200);
    expect(answer.headers()['content-type']).toBe('image/jpeg');
  });

  it('applies the approval: the card screen shows the new card, the old one replaced', async () => {
    await officerPage.reload();
    await officerPage.getByRole('button', { name: text('services.actions.approve') }).click();
    await expect
      .poll(() => officerPage.getByTestId('officer-request-status').textContent())
      .toBe(text('services.status.approved'));
    await citizenPage.reload();
    await expect
      .poll(() => citizenPage.getByTestId('request-status').textContent())
      .toBe(text('services.status.approved'));
    expect(await citizenPage.getByTestId('request-due').textContent()).toMatch(duePattern);
    const cards = await app.database.db
      .selectFrom('bhyt_cards')
      .select(['id', 'status', 'replaced_by_id'])
      .where('bhxh_code', '=', CODE)
      .orderBy('id')
      .execute();
    expect(cards.map((c) => c.status)).toEqual(['replaced', 'active']);
    expect(cards[0]?.replaced_by_id).toBe(cards[1]?.id);
    await citizenPage.goto(`${url}/card`);
    await expect.poll(() => citizenPage.getByTestId('card-status').textContent()).toBeTruthy();
    // The name on the card screen is the changed one, from the new card's record.
    await expect.poll(() => citizenPage.locator('body').textContent()).toContain('Lê Thị Thu Hà');
  });
});
