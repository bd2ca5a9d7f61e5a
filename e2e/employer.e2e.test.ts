import type { FastifyInstance } from 'fastify';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vietnamToday } from '@vssid/domain';
import { signInAs } from '../packages/server/src/testing/auth';
import {
  artifactPath,
  catalogText,
  closeInOrder,
  collectErrors,
  DESKTOP_CONTEXT,
  launchBrowser,
  signedInContext,
  startSystem,
} from './support';

/**
 * Issue #27 acceptance, the employer portal in the browser: the unit opens its people, completes
 * a worker's ID number, address, phone and photos, sends the list; the batch page shows the
 * progress to the end; the officer of the unit's managing agency then finds the dossier in the
 * queue.
 */
let app: FastifyInstance;
let url: string;
let browser: Browser;
const contexts: BrowserContext[] = [];
const text = catalogText('vi');

const AGENCY = 'E2E27';
const UNIT = 'E2EU27';
const WORKER = { code: '0100027001', name: 'Đặng Thị Thu Trang' };
const COLLEAGUE = { code: '0100027002', name: 'Bùi Văn Khang' };

beforeAll(async () => {
  ({ app, url } = await startSystem());
  const db = app.database.db;
  await db
    .insertInto('bhxh_agencies')
    .values({
      code: AGENCY,
      level: 'province',
      name: 'BHXH tỉnh thử nghiệm 27',
      address: 'Hà Nội',
      province_code: '01',
    })
    .execute();
  await db
    .insertInto('employer_units')
    .values({
      code: UNIT,
      tax_code: '0102700027',
      name: 'Công ty TNHH Hành Trình',
      kind: 'enterprise',
      address: 'Hà Nội',
      province_code: '01',
      managing_agency: AGENCY,
    })
    .execute();
  const month = `${vietnamToday().slice(0, 7)}-01`;
  for (const p of [WORKER, COLLEAGUE]) {
    await db
      .insertInto('persons')
      .values({
        bhxh_code: p.code,
        full_name: p.name,
        birth_date: '1994-06-15',
        birth_year: 1994,
        gender: 'female',
      })
      .execute();
    await db
      .insertInto('participation_periods')
      .values({
        bhxh_code: p.code,
        scheme: 'bhxh_compulsory',
        from_month: '2021-03-01',
        to_month: month,
        unit_code: UNIT,
        salary: '9500000',
        employee_rate_bp: 1050,
        employer_rate_bp: 2150,
        employee_amount: '0',
        employer_amount: '0',
        state_support: '0',
        status: 'paid',
      })
      .execute();
  }
  browser = await launchBrowser();
}, 120_000);

afterAll(() => closeInOrder(...contexts, browser, app));

async function pageAs(options: Parameters<typeof signInAs>[1]): Promise<{ page: Page; errors: string[] }> {
  const { headers } = await signInAs(app, options);
  const context = await signedInContext(browser, url, DESKTOP_CONTEXT, headers.authorization);
  contexts.push(context);
  const page = await context.newPage();
  return { page, errors: collectErrors(page) };
}

describe('the employer portal (issue #27)', () => {
  it('the unit completes a worker’s data and sends it; the dossier appears in the agency’s queue', async () => {
    const { page, errors } = await pageAs({
      role: 'employer',
      unitCode: UNIT,
      username: 'donvi.e2e27',
      unitAdmin: true,
      displayName: 'Lê Thị Đơn Vị',
    });
    await page.goto(`${url}/employer`);
    await page.getByTestId('unit-adoption').waitFor();
    await page
      .getByTestId('side-nav')
      .getByRole('link', { name: text('unit.nav.people') })
      .click();
    const people = page.getByTestId('unit-people');
    await people.getByRole('link', { name: WORKER.name }).click();

    const form = page.getByTestId('unit-person-form');
    await form.waitFor();
    await form.getByLabel(text('unit.person.idNumber')).fill('001194027001');
    await page.getByTestId('unit-person-province').selectOption('01');
    await expect
      .poll(() => page.getByTestId('unit-person-commune').locator('option').count())
      .toBeGreaterThan(1);
    await page.getByTestId('unit-person-commune').selectOption('00004');
    await form.getByLabel(text('unit.person.line')).fill('25 phố Tràng Tiền');
    await form.getByLabel(text('unit.person.phone')).fill('0912027001');
    const jpeg = await sharp({ create: { width: 480, height: 360, channels: 3, background: '#7a5c3e' } })
      .jpeg()
      .toBuffer();
    for (const kind of ['portrait', 'id_front', 'id_back'])
      await page
        .locator(`#unit-photo-${kind}`)
        .setInputFiles({ name: `${kind}.jpg`, mimeType: 'image/jpeg', buffer: jpeg });
    await form.getByRole('button', { name: text('unit.person.save') }).click();

    // Back on the list: the worker is completed, waiting to be sent.
    const row = people.locator('tr', { hasText: WORKER.code });
    await expect.poll(() => row.innerText()).toContain(text('unit.status.ready'));
    await page.getByRole('button', { name: text('unit.people.send').replace('{{n}}', '1') }).click();
    await page.getByTestId('unit-batch-done').waitFor();
    const progress = page.locator('#unit-batch-progress');
    expect(await progress.getAttribute('value')).toBe('1');
    const outcome = await page.getByTestId('unit-batch-people').innerText();
    const number = /\d{5}\.GD_\d{4}_\w+/.exec(outcome)?.[0];
    expect(number).toBeTruthy();
    await page.screenshot({ path: artifactPath('employer-batch.png') });
    expect(errors).toEqual([]);

    // The officer of the unit's managing agency finds it in the queue, submitted.
    const officer = await pageAs({ role: 'officer', agencyCode: AGENCY, username: 'canbo.e2e27' });
    await officer.page.goto(`${url}/officer/dossiers`);
    const queue = officer.page.getByTestId('queue-table');
    await queue.getByText(WORKER.name).waitFor();
    expect(await queue.innerText()).toContain(number ?? 'x');
    expect(officer.errors).toEqual([]);
  });
});
