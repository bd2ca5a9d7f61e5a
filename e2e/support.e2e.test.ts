import type { FastifyInstance } from 'fastify';
import type { Browser, BrowserContext, BrowserContextOptions } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInAs } from '../packages/server/src/testing/auth';
import {
  artifactPath,
  catalogText,
  closeInOrder,
  collectErrors,
  DESKTOP_CONTEXT,
  launchBrowser,
  PHONE_CONTEXT,
  signedInContext,
  startSystem,
} from './support';

/**
 * Issue 25, the browser journey of a wrong-data ticket: a citizen reports a wrong participation
 * period; an officer of the agency sees it beside the record and corrects it; the citizen sees the
 * corrected period, the old and the new value on the ticket, and the entry in "who viewed /
 * changed my data".
 */
let app: FastifyInstance;
let url: string;
let browser: Browser;
const contexts: BrowserContext[] = [];
const text = catalogText('vi');
/** The texts of the screens of issue 25 (their own catalog, loaded with them). */
const supportText = catalogText('vi', 'support');
const CODE = '0100025101';

async function signedIn(options: BrowserContextOptions, authorization: string) {
  const context = await signedInContext(browser, url, options, authorization);
  contexts.push(context);
  return context;
}

beforeAll(async () => {
  ({ app, url } = await startSystem());
  const db = app.database.db;
  await db
    .insertInto('persons')
    .values({
      bhxh_code: CODE,
      full_name: 'Hoàng Thị Sai',
      birth_year: 1985,
      gender: 'female',
      province_code: '01',
    })
    .execute();
  await db
    .insertInto('participation_periods')
    .values({
      bhxh_code: CODE,
      scheme: 'bhxh_compulsory',
      from_month: '2022-01-01',
      to_month: '2022-12-01',
      salary: 9_000_000,
      employee_rate_bp: 800,
      employer_rate_bp: 1750,
      employee_amount: 864_000,
      employer_amount: 1_890_000,
      state_support: 0,
      status: 'paid',
    })
    .execute();
  browser = await launchBrowser();
});

afterAll(() => closeInOrder(...contexts, browser, app));

describe('a wrong-data ticket (issue 25)', () => {
  it('is corrected by an officer; the citizen sees the corrected period and the entry in their data trail', async () => {
    const officer = await signInAs(app, { role: 'officer', agencyCode: '01', displayName: 'Nguyễn Văn Sửa' });
    const citizen = await signInAs(app, { role: 'citizen', bhxhCode: CODE, displayName: 'Hoàng Thị Sai' });

    // The citizen reports the period.
    const phone = await (await signedIn(PHONE_CONTEXT, citizen.headers.authorization)).newPage();
    const phoneErrors = collectErrors(phone);
    await phone.goto(`${url}/support`);
    await phone.getByTestId('ticket-form').waitFor();
    await phone.getByTestId('ticket-category').selectOption('wrong_data');
    await expect.poll(() => phone.getByTestId('ticket-record').locator('option').count()).toBe(2);
    await phone.getByTestId('ticket-record').selectOption({ index: 1 });
    await phone
      .getByTestId('ticket-text')
      .fill('Tôi bắt đầu làm việc từ tháng 11/2021, không phải tháng 1/2022.');
    await phone.getByRole('button', { name: supportText('tickets.send'), exact: true }).click();
    await phone
      .getByTestId('my-tickets')
      .getByText(supportText('tickets.categories.wrong_data'), { exact: false })
      .waitFor();

    // The officer sees it beside the record and corrects it.
    const desk = await (await signedIn(DESKTOP_CONTEXT, officer.headers.authorization)).newPage();
    const deskErrors = collectErrors(desk);
    await desk.goto(`${url}/officer/tickets`);
    const queue = desk.getByTestId('ticket-queue');
    await queue.getByText(supportText('tickets.sla.green')).waitFor();
    await queue.getByRole('button').first().click();
    const record = desk.getByTestId('ticket-record');
    await record.waitFor();
    expect(await record.innerText()).toContain('2022-01');
    await desk.getByTestId('correction-field').selectOption('fromMonth');
    await desk.getByTestId('correction-value').fill('2021-11');
    await desk.getByRole('button', { name: supportText('tickets.correct') }).click();
    await desk.getByTestId('ticket-corrections').waitFor();
    expect(await record.innerText()).toContain('2021-11');
    await desk.screenshot({ path: artifactPath('ticket-officer-vi-1280x800.png'), fullPage: true });
    expect(deskErrors).toEqual([]);

    // The citizen: the corrected period, the old and new value, the trail.
    await phone.goto(`${url}/history`);
    await expect.poll(() => phone.locator('.period-list').innerText()).toContain('11/2021 – 12/2022');
    await phone.goto(`${url}/support`);
    await phone.getByTestId('my-tickets').getByRole('button').first().click();
    const corrections = phone.getByTestId('ticket-corrections');
    await corrections.waitFor();
    expect(await corrections.innerText()).toContain('2022-01');
    expect(await corrections.innerText()).toContain('2021-11');
    await phone.goto(`${url}/profile`);
    const trail = phone.getByTestId('data-access-list');
    await trail.waitFor();
    await expect
      .poll(() => trail.innerText())
      .toContain(text('dataAccess.actions.records.participation.corrected'));
    expect(await trail.innerText()).toContain('Nguyễn Văn Sửa');
    await phone.screenshot({ path: artifactPath('data-trail-corrected-vi-390x844.png'), fullPage: true });
    expect(phoneErrors).toEqual([]);
  });
});
