import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import { expect } from 'vitest';
import { signInAs } from '../packages/server/src/testing/auth';
import { expectNoAxeViolations } from './a11y';
import {
  createAccountWithIssuedPassword,
  DEV_INBOX_ENV,
  dossierNumberFor,
  insertInpatientVisit,
  launchBrowser,
  solvedProof,
  startSystem,
} from './support';

/**
 * The axe sweep's world (a11y-sweep-public.e2e.test.ts, a11y-sweep-back-office.e2e.test.ts): one
 * system with an agency, a school, a hospital, a citizen with a card, history, benefits and a
 * visit, an officer's read of her data, a Form 01 dossier and an account with an issued password;
 * and the sweep itself: open a route, wait for its content, run axe-core on it.
 */

export const AGENCY = '01';
export const CLINIC = '01C01';
export const UNIT = 'TS00001';
export const CITIZEN = { code: '0100020101', name: 'Đỗ Thị Bích Ngọc' };
/** Registers through the public API: the dossier the officer opens. */
export const APPLICANT = {
  code: '0100020102',
  cccd: '001090020102',
  name: 'Phạm Thị Lan',
  phone: '0912020102',
};
/** An account with an issued password: the sign-in's OTP step and the forced change. */
export const NEWCOMER = { code: '0100020103', name: 'Lê Văn Mới', phone: '0912020103' };
export const VISIT = 'VD-2022-1';

export const photo = async (seed: number) =>
  sharp({ create: { width: 320, height: 240, channels: 3, background: { r: seed, g: 90, b: 140 } } })
    .jpeg()
    .toBuffer();

interface SweepSystem {
  app: FastifyInstance;
  url: string;
  browser: Browser;
  /** The number of the Form 01 dossier registered through the public API. */
  dossierNumber: string;
}

/** The seeded system and a browser. */
export async function startSweepSystem(): Promise<SweepSystem> {
  const { app, url } = await startSystem(DEV_INBOX_ENV);
  const dossierNumber = await seed(app, url);
  const browser = await launchBrowser();
  return { app, url, browser, dossierNumber };
}

/** Seeds the world; the number of the dossier registered. */
async function seed(app: FastifyInstance, url: string): Promise<string> {
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
      ...(await solvedProof(url)),
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
  expect(res.status, await res.clone().text()).toBe(202);
  const dossierNumber = await dossierNumberFor(app, 'e2e-a11y-sweep-0001');
  await createAccountWithIssuedPassword(app, {
    role: 'citizen',
    username: NEWCOMER.code,
    displayName: NEWCOMER.name,
    bhxhCode: NEWCOMER.code,
    phone: NEWCOMER.phone,
  });
  return dossierNumber;
}

/** `path` with `lang=vi` added to its query. */
export const withLangAt = (url: string, path: string) =>
  `${url}${path}${path.includes('?') ? '&' : '?'}lang=vi`;

/**
 * Waits for the page's content: its heading, the screen's own marker when given, then no request
 * in flight and no "loading" line (`aria-busy`, the records' loading paragraph) left.
 */
export async function settle(page: Page, ready?: string): Promise<void> {
  await page.locator('main h1').first().waitFor();
  if (ready) await page.locator(ready).first().waitFor();
  await page.waitForLoadState('networkidle');
  await expect
    .poll(() => page.locator('[aria-busy="true"], .record-loading').count(), { timeout: 10_000 })
    .toBe(0);
}

/** Opens `path`, waits for its content and runs axe on it. */
export async function sweepAt(url: string, page: Page, path: string, ready?: string): Promise<void> {
  await page.goto(withLangAt(url, path));
  await settle(page, ready);
  await expectNoAxeViolations(page, path);
}

export const testId = (id: string) => `[data-testid="${id}"]`;
