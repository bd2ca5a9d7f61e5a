import type { FastifyInstance } from 'fastify';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInAs } from '../packages/server/src/testing/auth';
import { expectNoAxeViolations } from './a11y';
import {
  AGENCY,
  APPLICANT,
  CITIZEN,
  CLINIC,
  settle,
  startSweepSystem,
  sweepAt,
  testId,
  UNIT,
  withLangAt,
} from './a11y-sweep-support';
import { catalogText, closeInOrder, DESKTOP_CONTEXT, signedInContext } from './support';

/**
 * Issue #20 acceptance, "axe-core: 0 violations", the back offices (officer, clinic, employer) at
 * 1280×800: every route, with its content loaded, checked by axe-core against the WCAG 2.x A and
 * AA rules, and the states a screen changes into (a dossier action to confirm, the officer form's
 * errors, a card read, a checked bulk list, a verified and a forged card). The public app is in
 * a11y-sweep-public.e2e.test.ts. One system, one browser, one context per role; one test per
 * screen, so a run lists every screen that fails.
 */
let app: FastifyInstance;
let url: string;
let browser: Browser;
let dossierNumber = '';
const text = catalogText('vi');
/** The signed text of the citizen's card QR (as her card page shows it), verified on the clinic's. */
let shc = '';

beforeAll(async () => {
  ({ app, url, browser, dossierNumber } = await startSweepSystem());
  // The card's SMART Health Card text, as the citizen's card page shows it.
  const citizen = await signInAs(app, { role: 'citizen', bhxhCode: CITIZEN.code });
  const res = await app.inject({
    method: 'GET',
    url: `/api/v1/me/cards/${CITIZEN.code}`,
    headers: citizen.headers,
  });
  expect(res.statusCode).toBe(200);
  shc = res.json<{ card: { credential: { qr: string } | null } | null }>().card?.credential?.qr ?? '';
}, 120_000);

afterAll(() => closeInOrder(browser, app));

const withLang = (path: string) => withLangAt(url, path);
const sweep = (page: Page, path: string, ready?: string) => sweepAt(url, page, path, ready);

describe('axe sweep, back offices (1280×800)', () => {
  const contexts: BrowserContext[] = [];
  let officer: Page;
  let clinic: Page;
  let employer: Page;
  beforeAll(async () => {
    const admin = await signInAs(app, {
      role: 'agency_admin',
      agencyCode: AGENCY,
      displayName: 'Trần Văn Cán',
    });
    const clinicUser = await signInAs(app, { role: 'clinic', clinicCode: CLINIC, displayName: 'Việt Đức' });
    const unitUser = await signInAs(app, { role: 'employer', unitCode: UNIT, displayName: 'Chu Văn An' });
    const pageOf = async (authorization: string) => {
      const context = await signedInContext(browser, url, DESKTOP_CONTEXT, authorization);
      contexts.push(context);
      return context.newPage();
    };
    officer = await pageOf(admin.headers.authorization);
    clinic = await pageOf(clinicUser.headers.authorization);
    employer = await pageOf(unitUser.headers.authorization);
  });
  afterAll(() => closeInOrder(...contexts));

  it.each([
    ['/officer', testId('officer-summary')],
    ['/officer/dossiers', testId('queue-table')],
    ['/officer/officers', testId('officers-table')],
    ['/officer/clinic-credentials', testId('gateway-credentials-table')],
    ['/officer/stats', testId('stats-chart')],
    ['/officer/bulk-imports', testId('bulk-upload')],
    ['/officer/cards', testId('card-query')],
    ['/officer/requests', testId('request-queue')],
    ['/officer/no-such-page', undefined],
  ])('%s', async (path, ready) => {
    await sweep(officer, path, ready);
  });

  it('/officer/dossiers/:number', async () => {
    await sweep(officer, `/officer/dossiers/${encodeURIComponent(dossierNumber)}`, testId('comparison'));
  });

  it('/officer/dossiers/:number: an action waiting for its confirmation', async () => {
    await officer.goto(withLang(`/officer/dossiers/${encodeURIComponent(dossierNumber)}`));
    await settle(officer, testId('comparison'));
    await officer.getByRole('button', { name: text('officer.action.record_paper') }).click();
    await officer.locator('.officer-confirm').waitFor();
    await expectNoAxeViolations(officer, 'a dossier action to confirm');
  });

  it('/officer/clinic-credentials: a clinic found, its credential issued, the password shown once', async () => {
    await officer.goto(withLang('/officer/clinic-credentials'));
    await settle(officer, testId('gateway-credentials-table'));
    await officer.getByLabel(text('officer.gateway.query')).fill(CLINIC);
    await officer.getByRole('button', { name: text('officer.gateway.find') }).click();
    const row = officer.locator(`tr[data-clinic="${CLINIC}"]`);
    await expect.poll(() => officer.locator('tbody tr').count()).toBe(1);
    await row.getByRole('button').click();
    await expectNoAxeViolations(officer, 'issuing a credential, to confirm');
    await officer.getByRole('button', { name: text('officer.gateway.issue'), exact: true }).click();
    const password = officer.getByTestId('gateway-credential-password');
    await expect.poll(async () => (await password.innerText()).length).toBeGreaterThan(10);
    await expect.poll(() => row.locator('td').nth(2).innerText()).toBe('1');
    await expectNoAxeViolations(officer, 'a new credential, its password shown once');
  });

  it('/officer/officers: the errors of an empty form', async () => {
    await officer.goto(withLang('/officer/officers'));
    await settle(officer, testId('officers-table'));
    await officer.getByRole('button', { name: text('officer.accounts.create') }).click();
    await officer.getByTestId('officer-form').locator('.field__error').first().waitFor();
    await expectNoAxeViolations(officer, 'the officer form with its errors');
  });

  it('/officer/cards: a card read with a purpose', async () => {
    await officer.goto(withLang('/officer/cards'));
    await settle(officer, testId('card-query'));
    await officer.getByLabel(text('officer.card.bhxhCode')).fill(CITIZEN.code);
    await officer.getByLabel(text('officer.card.purpose')).fill('Cấp lại thẻ BHYT');
    await officer.getByRole('button', { name: text('officer.card.submit') }).click();
    await officer.getByText(CITIZEN.name).first().waitFor();
    await settle(officer);
    await expectNoAxeViolations(officer, 'a person’s card in the back office');
  });

  it('/officer/bulk-imports: a checked list with its row errors', async () => {
    await officer.goto(withLang('/officer/bulk-imports'));
    await settle(officer, testId('bulk-upload'));
    const csv = [
      'Mã số BHXH;Họ và tên;Số điện thoại;Email',
      `${APPLICANT.code};${APPLICANT.name};0912345001;`,
      '0119999999;Không Có;12345;',
      '',
    ].join('\r\n');
    await officer
      .locator('#bulk-file')
      .setInputFiles({ name: 'lop-12a.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await officer.getByLabel(text('bulkImport.unitCode')).fill(UNIT);
    await officer.getByRole('button', { name: text('bulkImport.upload') }).click();
    await officer.getByTestId('bulk-rows').waitFor();
    await expectNoAxeViolations(officer, 'a checked bulk list');
  });

  it.each([
    ['/clinic', testId('staff-signed-in-as')],
    ['/clinic/verify', testId('verify-input')],
    ['/clinic/check', testId('clinic-check')],
    ['/clinic/visit-files', testId('clinic-files-page')],
    ['/clinic/clerks', testId('clinic-clerk-form')],
  ])('%s', async (path, ready) => {
    await sweep(clinic, path, ready);
  });

  it('/clinic/verify: a valid card, then a forged one', async () => {
    expect(shc).not.toBe('');
    await clinic.goto(withLang('/clinic/verify'));
    await settle(clinic, testId('verify-input'));
    await expect.poll(() => clinic.getByTestId('verify-keys').innerText()).toMatch(/: 1 /);
    const verify = clinic.getByRole('button', { name: text('clinicVerify.verify'), exact: true });
    await clinic.getByTestId('verify-input').fill(shc);
    await verify.click();
    const outcome = clinic.getByTestId('verify-outcome');
    await expect.poll(() => outcome.getAttribute('data-outcome')).toBe('valid');
    await expectNoAxeViolations(clinic, 'a verified card');
    const i = shc.length - 20;
    await clinic
      .getByTestId('verify-input')
      .fill(shc.slice(0, i) + (shc.slice(i, i + 2) === '20' ? '21' : '20') + shc.slice(i + 2));
    await verify.click();
    await expect.poll(() => outcome.getAttribute('data-outcome')).toBe('invalid');
    await expectNoAxeViolations(clinic, 'a forged card');
  });

  // The clinic's screens on a tablet (issue #24: "desktop and tablet"): 820×1180 portrait, no
  // sideways scrolling, and axe-clean.
  it.each([
    ['/clinic/check', testId('clinic-check')],
    ['/clinic/visit-files', testId('clinic-files-page')],
    ['/clinic/clerks', testId('clinic-clerk-form')],
  ])('%s on a tablet (820×1180)', async (path, ready) => {
    await clinic.setViewportSize({ width: 820, height: 1180 });
    try {
      await sweep(clinic, path, ready);
      const overflow = await clinic.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      expect(overflow).toBeLessThanOrEqual(0);
    } finally {
      await clinic.setViewportSize({ width: 1280, height: 800 });
    }
  });

  it('/employer', async () => {
    await sweep(employer, '/employer', testId('staff-signed-in-as'));
  });

  // Issue #27: the unit's people and accounts.
  it.each([
    ['/employer/employees', testId('unit-people')],
    ['/employer/accounts', testId('unit-accounts')],
  ])('%s', async (path, ready) => {
    await sweep(employer, path, ready);
  });
});
