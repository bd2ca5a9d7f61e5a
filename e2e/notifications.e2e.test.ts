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
 * Issue 25, the browser journey: the communications role writes policy news for the retirees of
 * Hà Nội and publishes it; a retiree of Hà Nội sees it in their inbox with the unread count on the
 * home page and the home tab; a worker in Huế does not.
 */
let app: FastifyInstance;
let url: string;
let browser: Browser;
const contexts: BrowserContext[] = [];
/** The texts of the screens of issue 25 (their own catalog, loaded with them). */
const supportText = catalogText('vi', 'support');

const RETIREE = { code: '0100025001', name: 'Nguyễn Văn Hưu', province: '01' };
const WORKER = { code: '4600025002', name: 'Trần Văn Huế', province: '46' };
const TITLE = 'Điều chỉnh lương hưu từ ngày 1/1/2027';

async function signedIn(options: BrowserContextOptions, authorization: string) {
  const context = await signedInContext(browser, url, options, authorization);
  contexts.push(context);
  return context;
}

beforeAll(async () => {
  ({ app, url } = await startSystem());
  const db = app.database.db;
  for (const p of [RETIREE, WORKER])
    await db
      .insertInto('persons')
      .values({
        bhxh_code: p.code,
        full_name: p.name,
        birth_date: '1958-05-05',
        birth_year: 1958,
        gender: 'male',
        province_code: p.province,
      })
      .execute();
  await db
    .insertInto('benefit_payments')
    .values({
      bhxh_code: RETIREE.code,
      kind: 'pension',
      period_from: '2026-11-01',
      period_to: '2026-11-30',
      amount: 7_500_000,
      decision_number: '25/QĐ-BHXH',
    })
    .execute();
  await db
    .insertInto('participation_periods')
    .values({
      bhxh_code: WORKER.code,
      scheme: 'bhxh_compulsory',
      from_month: '2015-01-01',
      to_month: '2026-11-01',
      salary: 9_000_000,
      employee_rate_bp: 800,
      employer_rate_bp: 1750,
      employee_amount: 0,
      employer_amount: 0,
      state_support: 0,
      status: 'paid',
    })
    .execute();
  browser = await launchBrowser();
});

afterAll(() => closeInOrder(...contexts, browser, app));

describe('policy news (issue 25)', () => {
  it('is written for Hà Nội retirees, reaches a Hà Nội retiree with the unread count, not a worker in Huế', async () => {
    const comms = await signInAs(app, {
      role: 'communications',
      agencyCode: '01',
      displayName: 'Đỗ Thị Truyền',
    });
    const retiree = await signInAs(app, {
      role: 'citizen',
      bhxhCode: RETIREE.code,
      displayName: RETIREE.name,
    });
    const worker = await signInAs(app, { role: 'citizen', bhxhCode: WORKER.code, displayName: WORKER.name });

    // The communications officer writes and publishes.
    const editor = await (await signedIn(DESKTOP_CONTEXT, comms.headers.authorization)).newPage();
    const editorErrors = collectErrors(editor);
    await editor.goto(`${url}/officer/news`);
    await editor.getByTestId('news-form').waitFor();
    await editor.getByTestId('news-title-vi').fill(TITLE);
    await editor
      .getByTestId('news-body-vi')
      .fill('Lương hưu được điều chỉnh tăng theo Nghị định của Chính phủ.');
    await editor.getByTestId('news-title-en').fill('Pension adjustment from 1 January 2027');
    await editor.getByTestId('news-body-en').fill('Pensions are raised by a Government decree.');
    await editor.getByTestId('news-provinces').fill('01');
    await editor.getByTestId('news-group-retirees').check();
    await editor.getByRole('button', { name: supportText('news.save') }).click();
    const list = editor.getByTestId('news-list');
    await list.getByText(TITLE).waitFor();
    await list.getByRole('button', { name: supportText('news.publish') }).click();
    await list.getByText(supportText('news.status.published'), { exact: false }).waitFor();
    await app.fanOut.runOnce();
    await expect
      .poll(async () => (await list.innerText()).includes('Đã gửi 1 người'), { timeout: 15_000 })
      .toBe(true);
    await editor.screenshot({ path: artifactPath('news-editor-vi-1280x800.png'), fullPage: true });
    expect(editorErrors).toEqual([]);

    // The Hà Nội retiree: the count on the home page and the home tab, then the article.
    const phone = await (await signedIn(PHONE_CONTEXT, retiree.headers.authorization)).newPage();
    const phoneErrors = collectErrors(phone);
    await phone.goto(url);
    await expect.poll(() => phone.getByTestId('home-unread').innerText()).toBe('1');
    expect(await phone.getByTestId('nav-badge').innerText()).toContain('1');
    await phone.getByTestId('home-unread').click();
    const inbox = phone.getByTestId('inbox');
    await inbox.getByText(TITLE).waitFor();
    await inbox.getByText(TITLE).click();
    await inbox.getByText('Lương hưu được điều chỉnh tăng').waitFor();
    await phone.screenshot({ path: artifactPath('inbox-vi-390x844.png'), fullPage: true });
    // Read: the count is gone from the tab.
    await expect.poll(() => phone.getByTestId('nav-badge').count()).toBe(0);
    expect(phoneErrors).toEqual([]);

    // The worker in Huế: nothing.
    const other = await (await signedIn(PHONE_CONTEXT, worker.headers.authorization)).newPage();
    await other.goto(`${url}/notifications`);
    // Whatever the page shows first (the empty inbox, messages, or an error), the test names it.
    await other
      .getByTestId('inbox-empty')
      .or(other.getByTestId('inbox'))
      .or(other.locator('.notice'))
      .first()
      .waitFor({ timeout: 60_000 });
    expect(await other.getByTestId('inbox-empty').count(), await other.locator('main').innerText()).toBe(1);
    expect(await other.getByTestId('nav-badge').count()).toBe(0);
  });
});
