import type { FastifyInstance } from 'fastify';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LANGUAGES } from '../packages/domain/src/i18n/languages';
import { signInAs } from '../packages/server/src/testing/auth';
import { expectNoAxeViolations } from './a11y';
import {
  addSessionCookies,
  awaitInboxMessage,
  awaitOtp,
  catalogText,
  closeInOrder,
  createAccountWithIssuedPassword,
  DESKTOP_CONTEXT,
  DEV_INBOX_ENV,
  inboxIds,
  issuedPasswordIn,
  launchBrowser,
  PHONE_CONTEXT,
  startSystem,
  submitOtp,
  submitSignInForm,
  insertInpatientVisit,
} from './support';

/**
 * Issue #20 acceptance, "axe-core: 0 violations": every route of the app, with its content
 * loaded (no "loading" line left), is checked by axe-core against the WCAG 2.x A and AA rules —
 * signed out and as a citizen at 390×844, the back offices (officer, clinic, employer) at
 * 1280×800 — and the states a screen changes into (each registration step and its errors, the
 * sign-in's refusal and OTP, the card face, a look-up's results, a dossier action to confirm, a
 * checked bulk list, a verified and a forged card), the signed-out home and sign-in in the four
 * other languages. One system, one browser, one context per role; one test per screen, so a run
 * lists every screen that fails.
 */
let app: FastifyInstance;
let url: string;
let browser: Browser;
const text = catalogText('vi');

const AGENCY = '01';
const CLINIC = '01C01';
const UNIT = 'TS00001';
const CITIZEN = { code: '0100020101', name: 'Đỗ Thị Bích Ngọc' };
/** Registers through the public API: the dossier the officer opens. */
const APPLICANT = { code: '0100020102', cccd: '001090020102', name: 'Phạm Thị Lan', phone: '0912020102' };
/** An account with an issued password: the sign-in's OTP step and the forced change. */
const NEWCOMER = { code: '0100020103', name: 'Lê Văn Mới', phone: '0912020103' };
const VISIT = 'VD-2022-1';

const photo = async (seed: number) =>
  sharp({ create: { width: 320, height: 240, channels: 3, background: { r: seed, g: 90, b: 140 } } })
    .jpeg()
    .toBuffer();

let dossierNumber = '';
/** The signed text of the citizen's card QR, read on the card page, verified on the clinic's. */
let shc = '';

async function seed(): Promise<void> {
  const db = app.database.db;
  await db
    .insertInto('bhxh_agencies')
    .values([
      {
        code: AGENCY,
        level: 'province',
        name: 'BHXH thành phố Hà Nội',
        address: '15 Trần Duy Hưng, Hà Nội',
        province_code: '01',
        latitude: 21.0133,
        longitude: 105.7997,
      },
    ])
    .execute();
  await db
    .insertInto('employer_units')
    .values({
      code: UNIT,
      name: 'Trường THPT Chu Văn An',
      kind: 'school',
      address: '10 Thụy Khuê, Hà Nội',
      province_code: '01',
      managing_agency: AGENCY,
    })
    .execute();
  await db
    .insertInto('clinics')
    .values({
      code: CLINIC,
      name: 'Bệnh viện Hữu nghị Việt Đức',
      level: 'central',
      address: '40 Tràng Thi, Hà Nội',
      province_code: '01',
    })
    .execute();
  await db
    .insertInto('persons')
    .values([
      {
        bhxh_code: CITIZEN.code,
        full_name: CITIZEN.name,
        birth_date: '1980-05-05',
        birth_year: 1980,
        gender: 'female',
        province_code: '01',
      },
      {
        bhxh_code: APPLICANT.code,
        full_name: APPLICANT.name,
        birth_date: '1992-03-04',
        birth_year: 1992,
        gender: 'female',
        cccd: APPLICANT.cccd,
        province_code: '01',
      },
      {
        bhxh_code: NEWCOMER.code,
        full_name: NEWCOMER.name,
        birth_date: '1995-07-08',
        birth_year: 1995,
        gender: 'male',
        province_code: '01',
      },
    ])
    .execute();
  await db
    .insertInto('population_registry')
    .values({
      cccd: APPLICANT.cccd,
      full_name: APPLICANT.name,
      birth_date: '1992-03-04',
      birth_year: 1992,
      gender: 'female',
      address: 'Hà Nội',
    })
    .execute();
  const year = new Date().getUTCFullYear();
  await db
    .insertInto('bhyt_cards')
    .values({
      bhxh_code: CITIZEN.code,
      card_number: `GD401${CITIZEN.code}`,
      object_code: 'GD',
      benefit_level: 4,
      registered_clinic_code: CLINIC,
      valid_from: `${year}-01-01`,
      valid_to: `${year + 1}-12-31`,
      five_year_date: null,
      issued_on: `${year}-01-01`,
      issuing_agency_code: AGENCY,
      status: 'active',
      replaced_by_id: null,
    })
    .execute();
  const period = (from: string, to: string, status: 'paid' | 'owed') => ({
    bhxh_code: CITIZEN.code,
    scheme: 'bhxh_compulsory' as const,
    from_month: `${from}-01`,
    to_month: `${to}-01`,
    unit_code: UNIT,
    position: 'Giáo viên',
    salary: 12_000_000,
    employee_rate_bp: 800,
    employer_rate_bp: 1400,
    employee_amount: 0,
    employer_amount: 0,
    state_support: 0,
    status,
  });
  await db
    .insertInto('participation_periods')
    .values([
      period('2005-01', '2012-12', 'paid'),
      period('2014-01', '2024-06', 'paid'),
      period('2024-07', '2024-09', 'owed'),
    ])
    .execute();
  await db
    .insertInto('benefit_payments')
    .values([
      {
        bhxh_code: CITIZEN.code,
        kind: 'sickness',
        period_from: '2021-03-01',
        period_to: '2021-03-05',
        amount: 2_400_000,
        decision_number: '345/QĐ-BHXH',
        paid_on: '2021-04-02',
      },
      {
        bhxh_code: CITIZEN.code,
        kind: 'unemployment',
        period_from: '2026-09-01',
        period_to: '2026-09-30',
        amount: 5_400_000,
        decision_number: '902/QĐ-BHXH',
        paid_on: null,
      },
    ])
    .execute();
  await insertInpatientVisit(db, {
    bhxhCode: CITIZEN.code,
    maLk: VISIT,
    clinicCode: CLINIC,
    cardNumber: `GD401${CITIZEN.code}`,
  });
  await db
    .insertInto('visit_documents')
    .values({
      bhxh_code: CITIZEN.code,
      ma_lk: VISIT,
      kind: 'discharge',
      number: 'RV-0815',
      issued_on: '2022-08-05',
      content: { days: 4, outcome: 'Khỏi' },
    })
    .execute();
  // An officer's read of the citizen's data with a purpose: "who viewed my data" has an entry.
  const officer = await signInAs(app, { role: 'officer', agencyCode: AGENCY, displayName: 'Nguyễn Văn Cán' });
  const read = await app.inject({
    method: 'GET',
    url: `/api/v1/persons/${CITIZEN.code}/benefits?purpose=${encodeURIComponent('Xác minh hồ sơ ốm đau')}`,
    headers: officer.headers,
  });
  expect(read.statusCode).toBe(200);
  // A Form 01 through the public API: a dossier with its photos in the officers' queue.
  const res = await fetch(`${url}/api/v1/registrations`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': 'e2e-a11y-sweep-0001' },
    body: JSON.stringify({
      bhxhCode: APPLICANT.code,
      fullName: APPLICANT.name,
      idNumber: APPLICANT.cccd,
      dateOfBirth: '1992-03-04',
      gender: 'female',
      address: { provinceCode: '01', communeCode: '00004', line: '8 phố Tràng Tiền' },
      phone: APPLICANT.phone,
      agencyCode: AGENCY,
      delivery: 'counter',
      acceptTerms: true,
      commitment: true,
      photos: {
        portrait: (await photo(10)).toString('base64'),
        id_front: (await photo(60)).toString('base64'),
        id_back: (await photo(120)).toString('base64'),
      },
    }),
  });
  expect(res.status, await res.clone().text()).toBe(201);
  dossierNumber = ((await res.json()) as { number: string }).number;
  await createAccountWithIssuedPassword(app, {
    role: 'citizen',
    username: NEWCOMER.code,
    displayName: NEWCOMER.name,
    bhxhCode: NEWCOMER.code,
    phone: NEWCOMER.phone,
  });
}

beforeAll(async () => {
  ({ app, url } = await startSystem(DEV_INBOX_ENV));
  await seed();
  browser = await launchBrowser();
}, 120_000);

afterAll(() => closeInOrder(browser, app));

/** `path` with `lang=vi` added to its query. */
const withLang = (path: string) => `${url}${path}${path.includes('?') ? '&' : '?'}lang=vi`;

/**
 * Waits for the page's content: its heading, the screen's own marker when given, then no request
 * in flight and no "loading" line (`aria-busy`, the records' loading paragraph) left.
 */
async function settle(page: Page, ready?: string): Promise<void> {
  await page.locator('main h1').first().waitFor();
  if (ready) await page.locator(ready).first().waitFor();
  await page.waitForLoadState('networkidle');
  await expect
    .poll(() => page.locator('[aria-busy="true"], .record-loading').count(), { timeout: 10_000 })
    .toBe(0);
}

/** Opens `path`, waits for its content and runs axe on it. */
async function sweep(page: Page, path: string, ready?: string): Promise<void> {
  await page.goto(withLang(path));
  await settle(page, ready);
  await expectNoAxeViolations(page, path);
}

const testId = (id: string) => `[data-testid="${id}"]`;

async function staffContext(authorization: string): Promise<BrowserContext> {
  const context = await browser.newContext({ ...DESKTOP_CONTEXT, serviceWorkers: 'block' });
  await addSessionCookies(context, url, authorization);
  return context;
}

describe('axe sweep, signed out (390×844)', () => {
  let context: BrowserContext;
  let page: Page;
  beforeAll(async () => {
    context = await browser.newContext({ ...PHONE_CONTEXT, serviceWorkers: 'block' });
    page = await context.newPage();
  });
  afterAll(() => context.close());

  it.each([
    ['/', testId('home-hero')],
    ['/sign-in', testId('sign-in-form')],
    ['/forgot-password', testId('reset-password-start')],
    ['/signed-out?reason=signed_out', testId('signed-out')],
    ['/vneid/no-account', undefined],
    ['/vneid/failed?reason=expired', undefined],
    ['/lookup', testId('lookup-tab-bhxhCode')],
    ['/lookup?tab=agencies', testId('lookup-tab-agencies')],
    ['/lookup?tab=clinics', testId('lookup-tab-clinics')],
    ['/lookup?tab=units', testId('lookup-tab-units')],
    ['/lookup?tab=agents', testId('lookup-tab-agents')],
    ['/support', undefined],
    ['/services', undefined],
    ['/dev-inbox', testId('dev-inbox')],
    ['/no-such-page', undefined],
  ])('%s', async (path, ready) => {
    await sweep(page, path, ready);
  });

  it.each(LANGUAGES.filter((lang) => lang !== 'vi'))('/ and /sign-in in %s', async (lang) => {
    for (const [path, ready] of [
      ['/', testId('home-hero')],
      ['/sign-in', testId('sign-in-form')],
    ] as const) {
      await page.goto(`${url}${path}?lang=${lang}`);
      await settle(page, ready);
      expect(await page.locator('html').getAttribute('lang')).toBe(lang);
      await expectNoAxeViolations(page, `${path} in ${lang}`);
    }
  });

  it('/lookup: a directory search with its results', async () => {
    await page.goto(withLang('/lookup?tab=agencies'));
    await settle(page);
    await page.locator('input[name="place"]').fill('Hà Nội');
    await page.locator('form.lookup-form button[type="submit"]').click();
    await page.getByTestId('lookup-results-agencies').waitFor();
    await settle(page);
    await expectNoAxeViolations(page, 'the agencies look-up with results');
  });

  it('/register: every step, with the errors of an empty step, up to the review', async () => {
    await page.goto(withLang('/register'));
    await settle(page, testId('registration-next'));
    await expectNoAxeViolations(page, 'registration: terms');
    const next = page.getByTestId('registration-next');
    await next.click();
    await page.locator('.field__error').first().waitFor();
    await expectNoAxeViolations(page, 'registration: terms, not accepted');
    await page.getByTestId('registration-accept-terms').check();
    await next.click();
    await page.getByTestId('registration-bhxh-code').waitFor();
    await expectNoAxeViolations(page, 'registration: identity');
    await next.click();
    await page.locator('.field__error').first().waitFor();
    await expectNoAxeViolations(page, 'registration: identity, with errors');
    await page.getByTestId('registration-bhxh-code').fill('0100020199');
    await page.getByTestId('registration-id-number').fill('001090020199');
    await page.getByTestId('registration-full-name').fill('Trần Văn Thử');
    await page.getByTestId('registration-birth').fill('1990-05-17');
    await page.getByTestId('registration-gender').selectOption('male');
    await next.click();
    await page.getByTestId('registration-province').selectOption('01');
    await expect
      .poll(() => page.getByTestId('registration-commune').locator('option').count())
      .toBeGreaterThan(2);
    await page.getByTestId('registration-commune').selectOption('00004');
    await page.getByTestId('registration-line').fill('8 phố Tràng Tiền');
    await page.getByTestId('registration-phone').fill('0912020199');
    await expectNoAxeViolations(page, 'registration: contact');
    await next.click();
    await page.getByTestId('registration-photo-portrait').waitFor({ state: 'attached' });
    await expectNoAxeViolations(page, 'registration: photos');
    for (const [i, kind] of ['portrait', 'id_front', 'id_back'].entries())
      await page
        .getByTestId(`registration-photo-${kind}`)
        .setInputFiles({ name: `${kind}.jpg`, mimeType: 'image/jpeg', buffer: await photo(40 * i + 10) });
    await expect.poll(() => page.locator('.registration-photo__preview').count()).toBe(3);
    await expectNoAxeViolations(page, 'registration: photos, chosen');
    await next.click();
    await page.getByTestId('registration-agency-province').selectOption('01');
    const agencies = page.getByTestId('registration-agency-list');
    await agencies.getByText('BHXH thành phố Hà Nội').waitFor();
    await settle(page);
    await expectNoAxeViolations(page, 'registration: agency');
    await agencies.getByText('BHXH thành phố Hà Nội').click();
    await page.getByTestId('registration-delivery-counter').check();
    await next.click();
    await page.getByTestId('registration-review').waitFor();
    await expectNoAxeViolations(page, 'registration: review');
  });

  it('/sign-in: a refused password', async () => {
    await page.goto(withLang('/sign-in'));
    await settle(page, testId('sign-in-form'));
    await submitSignInForm(page, NEWCOMER.code, 'not-the-password');
    await page.locator('[role="alert"], .field__error').first().waitFor();
    await expectNoAxeViolations(page, 'sign-in: refused');
  });

  it('/sign-in: the OTP step, then /new-password (the forced change of an issued password)', async () => {
    const issued = await awaitInboxMessage(url, NEWCOMER.phone, 'account.issued');
    const seen = await inboxIds(url, NEWCOMER.phone);
    await page.goto(withLang('/sign-in'));
    await settle(page, testId('sign-in-form'));
    await submitSignInForm(page, NEWCOMER.code, issuedPasswordIn(issued.payload.text) ?? '');
    await page.getByTestId('sign-in-otp').waitFor();
    await expectNoAxeViolations(page, 'sign-in: OTP');
    await submitOtp(page, await awaitOtp(url, NEWCOMER.phone, seen));
    await page.waitForURL(/\/new-password/);
    await settle(page, testId('new-password-form'));
    await expectNoAxeViolations(page, '/new-password');
  });
});

describe('axe sweep, signed-in citizen (390×844)', () => {
  let context: BrowserContext;
  let page: Page;
  beforeAll(async () => {
    const citizen = await signInAs(app, {
      role: 'citizen',
      bhxhCode: CITIZEN.code,
      displayName: CITIZEN.name,
    });
    context = await browser.newContext({ ...PHONE_CONTEXT, serviceWorkers: 'block' });
    await addSessionCookies(context, url, citizen.headers.authorization);
    page = await context.newPage();
  });
  afterAll(() => context.close());

  it.each([
    ['/', testId('home-card-status')],
    ['/card', testId('card-status')],
    ['/history', testId('pension-amount')],
    ['/benefits', testId('benefits-sickness')],
    ['/medical', testId('visit-list')],
    [`/medical/${VISIT}`, testId('visit-documents')],
    ['/profile', testId('data-access-list')],
    ['/profile/password', testId('change-password-start')],
    ['/services', testId('services-register-child')],
    ['/services/register-child', testId('child-submit')],
    ['/lookup', testId('lookup-tab-bhxhCode')],
    ['/support', undefined],
  ])('%s', async (path, ready) => {
    await sweep(page, path, ready);
  });

  it('/card: the card face dialog', async () => {
    await page.goto(withLang('/card'));
    await settle(page, testId('card-status'));
    await page
      .getByRole('button', { name: text('card.show') })
      .first()
      .click();
    await page.getByTestId('official-qr').waitFor();
    await expectNoAxeViolations(page, 'the card face');
    shc = await page.getByTestId('shc-text').inputValue();
  });

  it('/services/register-child: the errors of an empty form', async () => {
    await page.goto(withLang('/services/register-child'));
    await settle(page, testId('child-submit'));
    await page.getByTestId('child-submit').click();
    await page.locator('.field__error').first().waitFor();
    await expectNoAxeViolations(page, 'the child registration with its errors');
  });

  it('/profile: "who viewed my data" opened', async () => {
    await page.goto(withLang('/profile'));
    await settle(page, testId('data-access-list'));
    for (const summary of await page.getByTestId('data-access-list').locator('summary').all())
      await summary.click();
    await expectNoAxeViolations(page, 'who viewed my data, opened');
  });
});

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
      const context = await staffContext(authorization);
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
    ['/officer/stats', testId('stats-chart')],
    ['/officer/bulk-imports', testId('bulk-upload')],
    ['/officer/cards', testId('card-query')],
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

  it('/employer', async () => {
    await sweep(employer, '/employer', testId('staff-signed-in-as'));
  });
});
