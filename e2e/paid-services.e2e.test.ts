import type { FastifyInstance } from 'fastify';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vietnamToday } from '@vssid/domain';
import { shiftDay } from '@vssid/domain/working-days';
import { signInAs } from '../packages/server/src/testing/auth';
import { expectNoAxeViolations } from './a11y';
import {
  artifactPath,
  catalogText,
  closeInOrder,
  collectErrors,
  insertHanoiAgencyAndClinic,
  launchBrowser,
  PHONE_CONTEXT,
  signedInContext,
  startSystemOnLocalhost,
} from './support';

/**
 * Issue #26, the two journeys in Chromium on the system in demo mode with its stand-in gateway:
 * a guardian renews household BHYT for herself and her two children (cards ended 20 days ago) →
 * pays at the stand-in → the three cards are valid in her app; a person registers for voluntary
 * BHXH → pays → the period is in the participation history.
 */
let app: FastifyInstance;
let url: string;
let browser: Browser;
let guardian: BrowserContext;
let volunteer: BrowserContext;
const text = catalogText('vi');
/** A text of the payment stand-in's own page (the server's `messages` catalog). */
const messageText = catalogText('vi', 'messages');
const standIn = (key: 'ribbon' | 'success' | 'cancel') => messageText(`payments.standIn.${key}`);

const MOTHER = { code: '0100026101', name: 'Phan Thị Ngọc', birth: '1986-02-14' };
const SON = { code: '0100026102', name: 'Lê Minh Quân', birth: '2014-07-03' };
const DAUGHTER = { code: '0100026103', name: 'Lê Ngọc Anh', birth: '2017-11-20' };
const VOLUNTEER = { code: '0100026105', name: 'Trịnh Văn Tâm', birth: '1992-05-09' };

beforeAll(async () => {
  ({ app, url } = await startSystemOnLocalhost());
  const db = app.database.db;
  await insertHanoiAgencyAndClinic(db);
  const person = (p: typeof MOTHER, guardianCode: string | null, phone: string | null) => ({
    bhxh_code: p.code,
    full_name: p.name,
    birth_date: p.birth,
    birth_year: Number(p.birth.slice(0, 4)),
    gender: 'female' as const,
    phone,
    province_code: '01',
    guardian_bhxh_code: guardianCode,
  });
  await db
    .insertInto('persons')
    .values([
      person(MOTHER, null, '0912026101'),
      person(SON, MOTHER.code, null),
      person(DAUGHTER, MOTHER.code, null),
      person(VOLUNTEER, null, '0912026105'),
    ])
    .execute();
  // The guardian's look-up of her wards (migration 0030), written with the relation as the
  // approval of a child's registration does.
  await db
    .insertInto('guardian_wards')
    .values([SON, DAUGHTER].map((p) => ({ bhxh_code: MOTHER.code, ward_bhxh_code: p.code })))
    .execute();
  // Household cards that ended 20 days ago: a gap under 3 months, valid again from the payment day.
  const today = vietnamToday();
  await db
    .insertInto('bhyt_cards')
    .values(
      [MOTHER, SON, DAUGHTER].map((p) => ({
        bhxh_code: p.code,
        card_number: p.code,
        object_code: 'GD',
        benefit_level: 4,
        registered_clinic_code: '01C54',
        valid_from: shiftDay(today, -385),
        valid_to: shiftDay(today, -20),
        five_year_date: null,
        issued_on: shiftDay(today, -385),
        issuing_agency_code: '01',
        status: 'active' as const,
        replaced_by_id: null,
      })),
    )
    .execute();
  const mother = await signInAs(app, { role: 'citizen', bhxhCode: MOTHER.code, displayName: MOTHER.name });
  const tam = await signInAs(app, { role: 'citizen', bhxhCode: VOLUNTEER.code, displayName: VOLUNTEER.name });
  // The agency receives requests when it has an officer.
  await signInAs(app, { role: 'officer', agencyCode: '01', displayName: 'Cán Bộ Thu' });
  browser = await launchBrowser();
  guardian = await signedInContext(browser, url, PHONE_CONTEXT, mother.headers.authorization);
  volunteer = await signedInContext(browser, url, PHONE_CONTEXT, tam.headers.authorization);
}, 60_000);

afterAll(() => closeInOrder(guardian, volunteer, browser, app));

describe('voluntary BHXH and household BHYT online (issue #26)', () => {
  it('renews household BHYT for three members, pays at the stand-in, and shows three valid cards', async () => {
    const page = await guardian.newPage();
    const errors = collectErrors(page);
    await page.goto(`${url}/services/new/household_hi`);
    const fill = async (i: number, p: typeof MOTHER, relation: string) => {
      await page.getByTestId(`paid-member-${i}-code`).fill(p.code);
      await page.getByTestId(`paid-member-${i}-name`).fill(p.name);
      await page.getByTestId(`paid-member-${i}-birth`).fill(p.birth);
      await page.getByTestId(`paid-member-${i}-relation`).selectOption(relation);
    };
    await fill(0, MOTHER, 'head');
    await page.getByRole('button', { name: text('services.paid.addMember') }).click();
    await fill(1, SON, 'child');
    await page.getByRole('button', { name: text('services.paid.addMember') }).click();
    await fill(2, DAUGHTER, 'child');
    // 12 × (105,300 + 73,710 + 63,180) = 2,906,280 VND (NĐ 146/2018, Art. 7 §1 (e)).
    await expect.poll(() => page.getByTestId('paid-amount').textContent()).toContain('2.906.280');
    expect(await page.getByTestId('paid-member-1-amount').textContent()).toContain('884.520');
    await page.getByTestId('registration-agency-province').selectOption('01');
    await page.getByTestId('registration-agency-list').locator('input[type=radio]').first().check();
    await expectNoAxeViolations(page, 'the household BHYT form');
    await page.screenshot({ path: artifactPath('household-bhyt-form-vi-390x844.png'), fullPage: true });
    await page.getByRole('button', { name: text('services.paid.submit') }).click();

    // The stand-in gateway's page, then back to the payment's page.
    await page.getByText(standIn('ribbon')).waitFor();
    expect(await page.getByTestId('stand-in-amount').textContent()).toContain('2.906.280');
    await page.getByRole('button', { name: standIn('success') }).click();
    await page.waitForURL(/\/payments\/[0-9a-f-]+$/);
    await page.locator('[data-testid="payment-status"][data-status="paid"]').waitFor();

    // The guardian's app: her card and her two children's, each valid.
    await page.goto(`${url}/card`);
    const statuses = page.getByTestId('card-status');
    await expect.poll(() => statuses.count()).toBe(3);
    expect(await statuses.allTextContents()).toEqual([
      text('card.status.valid'),
      text('card.status.valid'),
      text('card.status.valid'),
    ]);
    await page.screenshot({ path: artifactPath('household-bhyt-cards-vi-390x844.png'), fullPage: true });
    expect(errors).toEqual([]);
  });

  it('registers for voluntary BHXH, pays, and shows the period in the history', async () => {
    const page = await volunteer.newPage();
    const errors = collectErrors(page);
    await page.goto(`${url}/services/new/voluntary_si_register`);
    await page.getByTestId('paid-income').fill('2000000');
    await page.getByTestId('paid-group').selectOption('near_poor');
    await page.getByTestId('paid-mode').selectOption('quarterly');
    // 3 × (22 % × 2,000,000 − 40 % × 330,000) = 3 × 308,000 (NĐ 159/2025).
    await expect.poll(() => page.getByTestId('paid-amount').textContent()).toContain('924.000');
    await page.getByTestId('registration-agency-province').selectOption('01');
    await page.getByTestId('registration-agency-list').locator('input[type=radio]').first().check();
    await expectNoAxeViolations(page, 'the voluntary BHXH form');
    await page.screenshot({ path: artifactPath('voluntary-bhxh-form-vi-390x844.png'), fullPage: true });
    await page.getByRole('button', { name: text('services.paid.submit') }).click();

    await page.getByText(standIn('ribbon')).waitFor();
    await page.getByRole('button', { name: standIn('success') }).click();
    await page.waitForURL(/\/payments\/[0-9a-f-]+$/);
    await page.locator('[data-testid="payment-status"][data-status="paid"]').waitFor();

    await page.goto(`${url}/history`);
    await page.getByText(text('history.schemes.bhxh_voluntary')).first().waitFor();
    await page.getByText('2.000.000').first().waitFor();
    expect(errors).toEqual([]);
  });
});
