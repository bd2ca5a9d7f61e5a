import type { FastifyInstance } from 'fastify';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInAs } from '../packages/server/src/testing/auth';
import {
  catalogText,
  closeInOrder,
  collectErrors,
  DESKTOP_CONTEXT,
  insertHanoiAgencyAndClinic,
  launchBrowser,
  PHONE_CONTEXT,
  signedInContext,
  startSystemOnLocalhost,
} from './support';

/**
 * Issue #27 item 3 in the browser: the unit admin declares a new worker (dossier 600), signing it
 * with the passkey of their device (a virtual authenticator) → an officer receives and approves it
 * in the request queue → the worker's participation shows the new period at the unit and the card
 * screen the employee's card (object DN). WebAuthn needs a host name: served on localhost.
 */
let app: FastifyInstance;
let url: string;
let browser: Browser;
let unit: BrowserContext;
let officer: BrowserContext;
let worker: BrowserContext;
let adminToken = '';
const text = catalogText('vi');
const CODE = '0100027001';
const UNIT_NAME = 'Công ty TNHH Ánh Dương';

beforeAll(async () => {
  ({ app, url } = await startSystemOnLocalhost());
  const db = app.database.db;
  await insertHanoiAgencyAndClinic(db);
  await db
    .insertInto('employer_units')
    .values({
      code: 'TA0001',
      name: UNIT_NAME,
      kind: 'enterprise',
      address: 'Hà Nội',
      province_code: '01',
      managing_agency: '01',
    })
    .execute();
  await db
    .insertInto('persons')
    .values({
      bhxh_code: CODE,
      full_name: 'Đặng Thị Mai',
      birth_date: '1995-04-05',
      birth_year: 1995,
      gender: 'female',
      province_code: '01',
    })
    .execute();
  const year = new Date().getUTCFullYear();
  await db
    .insertInto('bhyt_cards')
    .values({
      bhxh_code: CODE,
      card_number: CODE,
      object_code: 'GD',
      benefit_level: 4,
      registered_clinic_code: '01C54',
      valid_from: `${year}-01-01`,
      valid_to: `${year}-12-31`,
      issued_on: `${year}-01-01`,
      issuing_agency_code: '01',
      status: 'active',
    })
    .execute();
  const admin = await signInAs(app, {
    role: 'employer',
    unitCode: 'TA0001',
    unitAdmin: true,
    displayName: 'Quản Trị Ánh Dương',
  });
  adminToken = admin.headers.authorization;
  const staff = await signInAs(app, { role: 'officer', agencyCode: '01', displayName: 'Cán Bộ Thu' });
  const person = await signInAs(app, { role: 'citizen', bhxhCode: CODE, displayName: 'Đặng Thị Mai' });
  browser = await launchBrowser();
  unit = await signedInContext(browser, url, DESKTOP_CONTEXT, adminToken);
  officer = await signedInContext(browser, url, DESKTOP_CONTEXT, staff.headers.authorization);
  worker = await signedInContext(browser, url, PHONE_CONTEXT, person.headers.authorization);
}, 60_000);

afterAll(() => closeInOrder(unit, officer, worker, browser, app));

/** The admin's device: a platform authenticator with user verification, answering by itself. */
async function deviceWithPasskey(page: Page): Promise<void> {
  const cdp = await unit.newCDPSession(page);
  await cdp.send('WebAuthn.enable');
  await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: 'ctap2',
      transport: 'internal',
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  });
  // The admin's passkey on this device, registered through the API as any passkey is.
  const status = await page.evaluate(async (authorization) => {
    const options = (await (
      await fetch('/api/v1/auth/passkeys/registration/options', {
        method: 'POST',
        headers: { authorization },
      })
    ).json()) as { challengeId: string; options: PublicKeyCredentialCreationOptionsJSON };
    const credential = (await navigator.credentials.create({
      publicKey: PublicKeyCredential.parseCreationOptionsFromJSON(options.options),
    })) as PublicKeyCredential;
    const res = await fetch('/api/v1/auth/passkeys/registration', {
      method: 'POST',
      headers: { authorization, 'content-type': 'application/json' },
      body: JSON.stringify({ challengeId: options.challengeId, response: credential.toJSON() }),
    });
    return res.status;
  }, adminToken);
  expect(status).toBe(201);
}

describe('declarations in the browser (issue #27)', () => {
  let number = '';
  const month = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 7);

  it('the unit admin declares a new worker and signs it with the device’s passkey', async () => {
    const page = await unit.newPage();
    const errors = collectErrors(page);
    await page.goto(`${url}/employer`);
    await deviceWithPasskey(page);
    await page.getByRole('link', { name: text('employerDeclarations.nav') }).click();
    await page.waitForURL(`${url}/employer/declarations`);
    const form = page.getByTestId('declaration-form');
    await form.getByLabel(text('employerDeclarations.bhxhCode'), { exact: true }).fill(CODE);
    await form.getByLabel(text('employerDeclarations.salary'), { exact: true }).fill('9000000');
    await form.getByLabel(text('employerDeclarations.position'), { exact: true }).fill('Kỹ sư phần mềm');
    await form.getByLabel(text('employerDeclarations.startMonth'), { exact: true }).fill(month);
    await form.getByRole('button', { name: text('employerDeclarations.submit') }).click();
    const notice = page.getByText(/DVC\.01\.\d{4}\.\d{6}/).first();
    await notice.waitFor();
    number = /DVC\.01\.\d{4}\.\d{6}/.exec((await notice.textContent()) ?? '')?.[0] ?? '';
    expect(number).not.toBe('');
    await expect
      .poll(() => page.getByTestId('declaration-status').first().textContent())
      .toBe(text('services.status.submitted'));
    expect(errors).toEqual([]);
  });

  it('an officer receives and approves it in the one request queue', async () => {
    const page = await officer.newPage();
    await page.goto(`${url}/officer/requests`);
    await page.getByRole('link', { name: number }).click();
    await page.getByRole('button', { name: text('services.actions.receive') }).click();
    await expect
      .poll(() => page.getByTestId('officer-request-status').textContent())
      .toBe(text('services.status.received'));
    await page.getByRole('button', { name: text('services.actions.approve') }).click();
    await expect
      .poll(() => page.getByTestId('officer-request-status').textContent())
      .toBe(text('services.status.approved'));
  });

  it('the worker sees the new period at the unit and the employee’s card', async () => {
    const page = await worker.newPage();
    const errors = collectErrors(page);
    await page.goto(`${url}/history`);
    const panel = page.getByTestId('scheme-panel-bhxh_compulsory');
    await expect.poll(() => panel.textContent(), { timeout: 10_000 }).toContain(UNIT_NAME);
    expect(await panel.textContent()).toContain('Kỹ sư phần mềm');
    await page.goto(`${url}/card`);
    await page.getByTestId('card-status').first().waitFor({ timeout: 20_000 });
    await expect
      .poll(() => page.locator('body').textContent(), { timeout: 10_000 })
      .toContain(`DN – ${text('card.objectCodes.DN')}`);
    expect(errors).toEqual([]);
  });
});
