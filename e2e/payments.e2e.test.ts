import type { FastifyInstance } from 'fastify';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInAs } from '../packages/server/src/testing/auth';
import { expectNoAxeViolations } from './a11y';
import {
  artifactPath,
  catalogText,
  closeInOrder,
  collectErrors,
  DESKTOP_CONTEXT,
  launchBrowser,
  PHONE_CONTEXT,
  signedInContext,
  startSystemOnLocalhost,
} from './support';

/**
 * Issue #26 (payments) in Chromium, on the system in demo mode with its stand-in gateway: the
 * payer goes to the gateway's page, pays, comes back to the payment's page, which shows the state
 * the gateway's notification set (paid) and the e-receipt, also in "Giấy tờ của tôi"; money for a
 * withdrawn request is shown as refund due and listed for the officers, who resolve it. The
 * payments are created by a test-only purpose registered here (the services that take money are
 * another module's).
 */
let app: FastifyInstance;
let url: string;
let browser: Browser;
let citizen: BrowserContext;
let officer: BrowserContext;
const text = catalogText('vi');
/** A text of the payment stand-in's own page (the server's `messages` catalog). */
const messageText = catalogText('vi', 'messages');
const standIn = (key: 'ribbon' | 'success' | 'cancel') => messageText(`payments.standIn.${key}`);
const CODE = '0100026001';

beforeAll(async () => {
  ({ app, url } = await startSystemOnLocalhost());
  app.payments.registerPurpose({
    purpose: 'e2e_fee',
    isPayable: (_trx, referenceId) => Promise.resolve(referenceId !== 'withdrawn'),
    onPaid: () => Promise.resolve(),
  });
  const person = await signInAs(app, { role: 'citizen', bhxhCode: CODE, displayName: 'Lê Thị Hồng' });
  await app.database.db
    .updateTable('persons')
    .set({ province_code: '01' })
    .where('bhxh_code', '=', CODE)
    .execute();
  const staff = await signInAs(app, { role: 'officer', agencyCode: '01', displayName: 'Cán Bộ Thu' });
  browser = await launchBrowser();
  citizen = await signedInContext(browser, url, PHONE_CONTEXT, person.headers.authorization);
  officer = await signedInContext(browser, url, DESKTOP_CONTEXT, staff.headers.authorization);
}, 60_000);

afterAll(() => closeInOrder(citizen, officer, browser, app));

const create = (referenceId: string, amountVnd: number) =>
  app.database.db.transaction().execute((trx) =>
    app.payments.createPayment(trx, {
      purpose: 'e2e_fee',
      referenceId,
      bhxhCode: CODE,
      amountVnd,
      orderInfo: 'Gia hạn thẻ BHYT hộ gia đình 12 tháng',
      locale: 'vi',
      returnPath: '/services',
    }),
  );

describe('paying at the stand-in gateway (issue #26)', () => {
  it('pays, comes back to the payment’s state, and downloads the e-receipt', async () => {
    const { paymentId, payUrl } = await create('household-1', 1_263_600);
    const page = await citizen.newPage();
    const errors = collectErrors(page);
    await page.goto(payUrl);
    // The gateway's own page, labelled as a stand-in.
    await page.getByText(standIn('ribbon')).waitFor();
    expect(await page.getByTestId('stand-in-amount').textContent()).toContain('1.263.600');
    await page.screenshot({ path: artifactPath('payment-stand-in-vi-390x844.png'), fullPage: true });
    await page.getByRole('button', { name: standIn('success') }).click();

    await page.waitForURL(`${url}/payments/${paymentId}`);
    await page.locator('[data-testid="payment-status"][data-status="paid"]').waitFor();
    await page.getByText(text('payments.status.paid')).waitFor();
    const receipt = await page.getByTestId('payment-receipt').getAttribute('href');
    const pdf = await page.evaluate(async (href) => {
      const r = await fetch(href ?? '');
      return { status: r.status, type: r.headers.get('content-type') };
    }, receipt);
    expect(pdf).toEqual({ status: 200, type: 'application/pdf' });
    await expectNoAxeViolations(page, 'the payment result page');
    await page.screenshot({ path: artifactPath('payment-paid-vi-390x844.png'), fullPage: true });

    await page.goto(`${url}/documents`);
    await page.getByTestId('payment-receipts').getByText('Gia hạn thẻ BHYT hộ gia đình 12 tháng').waitFor();
    expect(errors).toEqual([]);
  });

  it('shows a cancelled payment as such, with no receipt', async () => {
    const { paymentId, payUrl } = await create('household-2', 500_000);
    const page = await citizen.newPage();
    await page.goto(payUrl);
    await page.getByRole('button', { name: standIn('cancel') }).click();
    await page.waitForURL(`${url}/payments/${paymentId}`);
    await page.locator('[data-testid="payment-status"][data-status="cancelled"]').waitFor();
    expect(await page.getByTestId('payment-receipt').count()).toBe(0);
  });

  it('records money for a withdrawn request as refund due, and the officers resolve it', async () => {
    const { paymentId, payUrl, txnRef } = await create('withdrawn', 800_000);
    const page = await citizen.newPage();
    await page.goto(payUrl);
    await page.getByRole('button', { name: standIn('success') }).click();
    await page.waitForURL(`${url}/payments/${paymentId}`);
    await page.getByText(text('payments.refundDue')).waitFor();

    const desk = await officer.newPage();
    const errors = collectErrors(desk);
    await desk.goto(`${url}/officer/payments`);
    const row = desk.getByTestId('difference-refund_due').filter({ hasText: txnRef });
    await row.waitFor();
    await expectNoAxeViolations(desk, 'the reconciliation list');
    await desk.screenshot({ path: artifactPath('payment-reconciliation-vi-1280.png'), fullPage: true });
    await row
      .getByLabel(text('payments.reconciliation.note'))
      .fill('Đã hoàn tiền vào tài khoản của người nộp');
    await row.getByRole('button', { name: text('payments.reconciliation.resolve') }).click();
    await desk.getByText(text('payments.reconciliation.empty')).waitFor();
    await desk.getByRole('button', { name: text('payments.reconciliation.resolved') }).click();
    await desk.getByTestId('difference-refund_due').filter({ hasText: txnRef }).waitFor();
    expect(errors).toEqual([]);
  });
});
