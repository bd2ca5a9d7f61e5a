import type { FastifyInstance } from 'fastify';
import type { Browser, BrowserContext } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '@vssid/server';
import {
  artifactPath,
  catalogText,
  closeInOrder,
  collectErrors,
  DESKTOP_CONTEXT,
  DEV_INBOX_ENV,
  dossierNumberFor,
  inboxMessages,
  launchBrowser,
  signInWithOtp,
  solvedProof,
  startSystem,
} from './support';

/**
 * Issue 5 (Registration), the officers' back office in the browser: an officer signs in (staff
 * OTP from the development inbox), opens the queue, opens a dossier submitted through the API,
 * records the signed paper form, approves; the development inbox then holds the citizen's
 * initial password SMS.
 */
let app: FastifyInstance;
let url: string;
let browser: Browser;
let context: BrowserContext;
const text = catalogText('vi');

const AGENCY = 'E2E05';
const OFFICER_PHONE = '0987650005';
const OFFICER_PASSWORD = 'Cán-bộ-hồ-sơ-2026';
const CITIZEN = { code: '0100005151', cccd: '001090005151', name: 'Phạm Thị Lan', phone: '0912005151' };

async function photo(seed: number): Promise<string> {
  const bytes = await sharp({
    create: { width: 400, height: 300, channels: 3, background: { r: seed, g: 90, b: 140 } },
  })
    .jpeg()
    .toBuffer();
  return bytes.toString('base64');
}

let dossierNumber = '';

beforeAll(async () => {
  ({ app, url } = await startSystem(DEV_INBOX_ENV));
  const db = app.database.db;
  await db
    .insertInto('bhxh_agencies')
    .values({
      code: AGENCY,
      level: 'province',
      name: 'BHXH tỉnh thử nghiệm',
      address: 'Số 5',
      province_code: '01',
    })
    .execute();
  await db
    .insertInto('accounts')
    .values({
      role: 'officer',
      username: 'can.bo.hoso',
      agency_code: AGENCY,
      display_name: 'Đỗ Văn Hồ Sơ',
      phone: OFFICER_PHONE,
      password_hash: await hashPassword(OFFICER_PASSWORD),
      must_change_password: false,
    })
    .execute();
  await db
    .insertInto('persons')
    .values({
      bhxh_code: CITIZEN.code,
      full_name: CITIZEN.name,
      birth_date: '1992-03-04',
      birth_year: 1992,
      gender: 'female',
      cccd: CITIZEN.cccd,
    })
    .execute();
  await db
    .insertInto('population_registry')
    .values({
      cccd: CITIZEN.cccd,
      full_name: CITIZEN.name,
      birth_date: '1992-03-04',
      birth_year: 1992,
      gender: 'female',
      address: 'Hà Nội',
    })
    .execute();
  // The citizen's Form 01, through the public API.
  const res = await fetch(`${url}/api/v1/registrations`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': 'e2e-officer-0001' },
    body: JSON.stringify({
      ...(await solvedProof(url)),
      bhxhCode: CITIZEN.code,
      fullName: CITIZEN.name,
      idNumber: CITIZEN.cccd,
      dateOfBirth: '1992-03-04',
      gender: 'female',
      address: { provinceCode: '01', communeCode: '00004', line: '8 phố Tràng Tiền' },
      phone: CITIZEN.phone,
      agencyCode: AGENCY,
      delivery: 'counter',
      acceptTerms: true,
      commitment: true,
      photos: { portrait: await photo(10), id_front: await photo(60), id_back: await photo(120) },
    }),
  });
  expect(res.status).toBe(202);
  dossierNumber = await dossierNumberFor(app, 'e2e-officer-0001');
  browser = await launchBrowser();
  context = await browser.newContext(DESKTOP_CONTEXT);
});

afterAll(() => closeInOrder(context, browser, app));

describe("officers' back office (issue 5)", () => {
  it('signs in with a staff OTP, opens the queue and the dossier, records the paper form and approves', async () => {
    const page = await context.newPage();
    const errors = collectErrors(page);
    await page.goto(`${url}/officer/dossiers`);
    await signInWithOtp(page, url, {
      username: 'can.bo.hoso',
      password: OFFICER_PASSWORD,
      phone: OFFICER_PHONE,
    });

    // The queue, with the submitted dossier.
    const table = page.getByTestId('queue-table');
    await table.waitFor();
    await table.getByRole('link', { name: dossierNumber }).waitFor();
    expect(await table.innerText()).toContain(CITIZEN.name);
    await page.screenshot({ path: artifactPath('officer-queue-vi-1280x800.png') });

    // Search by BHXH code finds it alone.
    await page.getByLabel(text('officer.queue.search')).fill(CITIZEN.code);
    await page.getByRole('button', { name: text('officer.queue.apply') }).click();
    await expect.poll(() => page.getByTestId('queue-total').innerText()).toContain('1–1');

    await table.getByRole('link', { name: dossierNumber }).click();
    await page.getByTestId('comparison').waitFor();
    expect(await page.getByTestId('dossier-status').innerText()).toBe(text('officer.status.submitted'));
    await expect.poll(() => page.locator('.officer-photos img').count()).toBe(3);
    // The photos load (the session cookie reaches the audited file route).
    await expect
      .poll(() =>
        page
          .locator('.officer-photos img')
          .evaluateAll((imgs) => imgs.every((i) => (i as HTMLImageElement).naturalWidth > 0)),
      )
      .toBe(true);
    await page.screenshot({ path: artifactPath('officer-dossier-vi-1280x800.png'), fullPage: true });

    await page.getByRole('button', { name: text('officer.action.record_paper') }).click();
    await page.getByRole('button', { name: text('officer.dossier.confirm') }).click();
    await expect
      .poll(() => page.getByTestId('dossier-status').innerText())
      .toBe(text('officer.status.paper_received'));

    await page.getByRole('button', { name: text('officer.action.approve') }).click();
    await page.getByRole('button', { name: text('officer.dossier.confirm') }).click();
    await expect
      .poll(() => page.getByTestId('dossier-status').innerText())
      .toBe(text('officer.status.approved'));
    const log = await page.getByTestId('dossier-log').innerText();
    expect(log).toContain(text('officer.logAction.approve'));
    expect(log).toContain('Đỗ Văn Hồ Sơ');

    // The development inbox holds the initial password SMS for the citizen.
    await expect
      .poll(
        async () => (await inboxMessages(url, CITIZEN.phone)).some((m) => m.template === 'account.issued'),
        {
          timeout: 10_000,
        },
      )
      .toBe(true);
    expect(errors).toEqual([]);
    await page.close();
  });
});
