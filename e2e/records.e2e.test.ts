import type { FastifyInstance } from 'fastify';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUDIT_ACTIONS, AUDIT_PURPOSES, type AuditAction } from '../packages/domain/src/audit-codes';
import { LANGUAGES } from '../packages/domain/src/i18n/languages';
import { systemContext } from '../packages/server/src/context';
import { isPersonalDataRead, readAudited } from '../packages/server/src/modules/audit/data-access';
import { auditService } from '../packages/server/src/modules/audit/service';
import { signInAs } from '../packages/server/src/testing/auth';
import {
  artifactPath,
  catalogText,
  closeInOrder,
  collectErrors,
  launchBrowser,
  startSystem,
  webCatalog,
  insertInpatientVisit,
} from './support';

/**
 * Issue 6 (Records) in the browser: Quá trình tham gia with totals, owed months and the timeline,
 * the estimates, Thông tin hưởng, Sổ khám chữa bệnh with a visit's documents, "who viewed my
 * data" on the profile, and the last loaded history shown offline with its date.
 */
let app: FastifyInstance;
let url: string;
let browser: Browser;
let context: BrowserContext;
const text = catalogText('vi');
const fill = (template: string, params: Record<string, string | number>) =>
  template.replace(/\{\{(\w+)\}\}/g, (_, k: string) => String(params[k]));

const CODE = '0100007001';
const NAME = 'Đỗ Thị Bích Ngọc';
const DOSSIER = 'HS-2026-000123';

beforeAll(async () => {
  ({ app, url } = await startSystem());
  const db = app.database.db;
  await db
    .insertInto('bhxh_agencies')
    .values([
      {
        code: 'VN',
        level: 'central',
        name: 'Bảo hiểm xã hội Việt Nam',
        address: 'Hà Nội',
        province_code: '01',
      },
      {
        code: '01',
        parent_code: 'VN',
        level: 'province',
        name: 'BHXH thành phố Hà Nội',
        address: 'Hà Nội',
        province_code: '01',
      },
    ])
    .execute();
  await db
    .insertInto('employer_units')
    .values([
      {
        code: 'HN0001',
        name: 'Công ty TNHH Hoa Sen',
        kind: 'enterprise',
        address: 'Hà Nội',
        province_code: '01',
        managing_agency: '01',
      },
    ])
    .execute();
  await db
    .insertInto('clinics')
    .values([
      {
        code: '01002',
        name: 'Bệnh viện Hữu nghị Việt Đức',
        level: 'central',
        address: 'Hà Nội',
        province_code: '01',
      },
    ])
    .execute();
  await db
    .insertInto('persons')
    .values({
      bhxh_code: CODE,
      full_name: NAME,
      birth_date: '1980-05-05',
      birth_year: 1980,
      gender: 'female',
      province_code: '01',
    })
    .execute();
  const period = (
    from: string,
    to: string,
    status: 'paid' | 'owed',
    scheme: 'bhxh_compulsory' | 'bhtn' = 'bhxh_compulsory',
  ) => ({
    bhxh_code: CODE,
    scheme,
    from_month: `${from}-01`,
    to_month: `${to}-01`,
    unit_code: 'HN0001',
    position: 'Kỹ sư',
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
      period('2009-01', '2012-12', 'paid', 'bhtn'),
    ])
    .execute();
  await db
    .insertInto('benefit_payments')
    .values([
      {
        bhxh_code: CODE,
        kind: 'sickness',
        period_from: '2021-03-01',
        period_to: '2021-03-05',
        amount: 2_400_000,
        decision_number: '345/QĐ-BHXH',
        paid_on: '2021-04-02',
      },
      // An unemployment allowance, paid month by month: November's payment day has not come.
      ...(
        [
          ['2026-09-01', '2026-09-30', '2026-09-05'],
          ['2026-10-01', '2026-10-31', '2026-10-05'],
          ['2026-11-01', '2026-11-30', null],
        ] as const
      ).map(([from, to, paidOn]) => ({
        bhxh_code: CODE,
        kind: 'unemployment' as const,
        period_from: from,
        period_to: to,
        amount: 5_400_000,
        decision_number: '902/QĐ-BHXH',
        paid_on: paidOn,
      })),
    ])
    .execute();
  await insertInpatientVisit(db, {
    bhxhCode: CODE,
    maLk: 'VD-2022-1',
    clinicCode: '01002',
    cardNumber: 'DN4010100007001',
  });
  // 21 older check-ups: the list shows 20, then the rest on "Xem thêm".
  await db
    .insertInto('medical_visits')
    .values(
      Array.from({ length: 21 }, (_, i) => ({
        bhxh_code: CODE,
        ma_lk: `KT-2018-${String(i + 1).padStart(2, '0')}`,
        clinic_code: '01002',
        card_number: 'DN4010100007001',
        registered_clinic_code: '01002',
        visit_kind: '01',
        route: 1,
        admitted_at: `2018-01-${String(i + 1).padStart(2, '0')} 08:00:00`,
        discharged_at: `2018-01-${String(i + 1).padStart(2, '0')} 09:00:00`,
        treatment_days: 0,
        diagnosis_in: null,
        diagnosis_out: null,
        icd10_main: 'J06',
        icd10_other: null,
        outcome: 1,
        total_cost: 200_000,
        covered_cost: 200_000,
        co_payment: 40_000,
        fund_paid: 160_000,
        five_year_date: null,
      })),
    )
    .execute();
  await db
    .insertInto('visit_documents')
    .values({
      bhxh_code: CODE,
      ma_lk: 'VD-2022-1',
      kind: 'discharge',
      number: 'RV-0815',
      issued_on: '2022-08-05',
      content: { days: 4, outcome: 'Khỏi' },
    })
    .execute();
  const citizen = await signInAs(app, { role: 'citizen', bhxhCode: CODE, displayName: NAME });
  const officer = await signInAs(app, { role: 'officer', agencyCode: '01', displayName: 'Nguyễn Văn Cán' });
  // An officer's reads for one purpose, for "who viewed my data": one entry naming both.
  for (const what of ['benefits', 'participation']) {
    const read = await app.inject({
      method: 'GET',
      url: `/api/v1/persons/${CODE}/${what}?purpose=${encodeURIComponent('Xác minh hồ sơ ốm đau')}`,
      headers: officer.headers,
    });
    expect(read.statusCode).toBe(200);
  }
  // The same officer's review and approval of the person's registration dossier, as the back
  // office writes it (opening, each photo read, the paper step, the decision): one entry to show.
  // Its reads go through the one audited read (audit/data-access.ts), its actions through the
  // audit service.
  const system = systemContext();
  const ctx = { ...system, client: { ...system.client, ip: '127.0.0.1' } };
  const step = (action: AuditAction, details: Record<string, unknown> = {}) =>
    isPersonalDataRead(action)
      ? readAudited(
          db,
          ctx,
          async () => null,
          () => ({
            reader: officer.principal,
            subject: CODE,
            action,
            purpose: 'registration.review' as const,
            target: { type: 'dossier', id: DOSSIER },
            details,
          }),
        )
      : auditService.record(db, {
          actor_type: 'officer',
          actor_id: officer.principal.accountId,
          subject_bhxh_code: CODE,
          action,
          target_type: 'dossier',
          target_id: DOSSIER,
          purpose: 'registration.review',
          ip: '127.0.0.1',
          request_id: null,
          details,
        });
  await step('dossier.opened');
  for (const kind of ['portrait', 'id_front', 'id_back']) await step('dossier.file.read', { kind });
  await step('dossier.record_paper');
  await step('dossier.approve');

  browser = await launchBrowser();
  context = await browser.newContext({
    viewport: { width: 390, height: 844 },
    isMobile: true,
    hasTouch: true,
    locale: 'vi-VN',
  });
  // The web app authenticates with the access-token cookie; a real session opened by the auth service.
  await context.addCookies([
    {
      name: 'vssid_at',
      value: citizen.headers.authorization.replace(/^Bearer /, ''),
      url,
      httpOnly: true,
      sameSite: 'Lax',
    },
    // The app asks the server about its session only when the (readable) CSRF cookie is there.
    { name: 'vssid_csrf', value: 'e2e-records-csrf', url, sameSite: 'Strict' },
  ]);
}, 120_000);

afterAll(() => closeInOrder(context, browser, app));

describe('records (issue 6)', () => {
  let page: Page;
  let errors: string[];

  it('shows Quá trình tham gia: totals, the timeline, owed months with the unit, and the PDF', async () => {
    page = await context.newPage();
    errors = collectErrors(page);
    await page.goto(`${url}/history?lang=vi`);
    const combined = page.getByTestId('history-combined');
    await combined.waitFor();
    // 96 + 126 months = 222 = 18 years 6 months.
    expect(await combined.innerText()).toBe(fill(text('history.combined'), { years: 18, months: 6 }));
    expect(await page.getByTestId('participation-timeline').locator('rect[data-status="owed"]').count()).toBe(
      1,
    );
    const owed = page.getByTestId('owed-list');
    expect(await owed.innerText()).toContain('Công ty TNHH Hoa Sen');
    expect(await owed.innerText()).toContain('07/2024 – 09/2024');
    expect(await page.getByTestId('gap-list').innerText()).toContain('01/2013 – 12/2013');
    const pdf = await page.request.get(
      `${url}${(await page.getByTestId('history-pdf').getAttribute('href')) ?? ''}`,
    );
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    // The estimates, marked as such, with the rule's source.
    const estimates = page.getByTestId('estimates');
    await estimates.getByTestId('pension-amount').waitFor();
    expect(await estimates.innerText()).toContain(text('estimates.notDecision'));
    expect(await estimates.innerText()).toContain('Luật BHXH');
    await page.screenshot({ path: artifactPath('records-history.png'), fullPage: true });
    // The scheme tabs follow the keyboard pattern: an arrow moves to the next scheme.
    await page.getByRole('tab', { name: text('history.schemesShort.bhxh_compulsory') }).focus();
    await page.keyboard.press('ArrowRight');
    const bhtn = page.getByTestId('scheme-panel-bhtn');
    await bhtn.waitFor();
    expect(await bhtn.getByTestId('scheme-total').innerText()).toBe(
      fill(text('history.total'), { years: 4, months: 0 }),
    );
    expect(await page.getByRole('tab', { selected: true }).innerText()).toBe(
      text('history.schemesShort.bhtn'),
    );
  });

  it('shows benefits, the medical history and a visit with its documents', async () => {
    await page.goto(`${url}/benefits`);
    const sickness = page.getByTestId('benefits-sickness');
    await sickness.waitFor();
    expect(await sickness.innerText()).toContain('345/QĐ-BHXH');
    // A monthly benefit: the amount a month, then each month paid or pending, not one lump.
    const allowance = page.getByTestId('benefits-unemployment');
    expect(await allowance.getByTestId('monthly-amount').innerText()).toBe('5.400.000 ₫');
    const months = await allowance.innerText();
    expect(months).toContain(
      fill(text('benefits.monthly.since'), { month: '09/2026', decision: '902/QĐ-BHXH' }),
    );
    expect(months).toMatch(new RegExp(`11/2026\\s+5\\.400\\.000 ₫\\s+${text('benefits.monthly.pending')}`));
    expect(months).toContain(fill(text('benefits.monthly.paidOn'), { date: '05/10/2026' }));
    expect(months).not.toContain(fill(text('benefits.groupTotal'), { count: 3, amount: '16.200.000 ₫' }));
    await page.screenshot({ path: artifactPath('records-benefits.png'), fullPage: true });
    await page.goto(`${url}/medical`);
    const list = page.getByTestId('visit-list');
    await list.waitFor();
    expect(await list.innerText()).toContain('K35 · Viêm ruột thừa cấp');
    // Newest first, 20 a page: the oldest check-up comes with the second page.
    const visits = list.locator(':scope > li');
    expect(await visits.count()).toBe(20);
    await page.getByRole('button', { name: text('medical.more') }).click();
    await expect.poll(() => visits.count()).toBe(22);
    expect(await visits.last().innerText()).toContain('J06');
    expect(await page.getByRole('button', { name: text('medical.more') }).count()).toBe(0);
    await list.getByRole('link', { name: 'Bệnh viện Hữu nghị Việt Đức' }).first().click();
    const documents = page.getByTestId('visit-documents');
    await documents.waitFor();
    expect(await documents.innerText()).toContain(text('medical.documents.discharge'));
    expect(await documents.innerText()).toContain('RV-0815');
    await page.screenshot({ path: artifactPath('records-visit.png'), fullPage: true });
  });

  it('lists who viewed my data in human words, in every language, one approval as one entry', async () => {
    const codes = [...AUDIT_ACTIONS, ...AUDIT_PURPOSES];
    for (const lang of LANGUAGES) {
      const words = webCatalog(lang);
      const say = (key: string) => {
        const value = words.get(key);
        if (!value) throw new Error(`no ${lang} text ${key}`);
        return value;
      };
      await page.goto(`${url}/profile?lang=${lang}`);
      const list = page.getByTestId('data-access-list');
      await list.waitFor();
      // The officer's two reads and the approval with its six steps: two entries, not eight.
      const entries = list.getByTestId('data-access-entry');
      expect(await entries.count()).toBe(2);
      for (const summary of await list.locator('summary').all()) await summary.click();
      const shown = await list.innerText();
      expect(shown).toContain('Nguyễn Văn Cán');
      expect(shown).toContain('BHXH thành phố Hà Nội');
      expect(shown).toContain(say('dataAccess.actions.dossier.approve'));
      expect(shown).toContain(fill(say('dataAccess.dossier'), { number: DOSSIER }));
      expect(shown).toContain(
        fill(say('dataAccess.purpose'), { purpose: say('dataAccess.purposes.registration.review') }),
      );
      expect(shown).toContain(fill(say('dataAccess.steps'), { count: 6 }));
      expect(shown).toContain(
        fill(say('dataAccess.withFile'), {
          action: say('dataAccess.actions.dossier.file.read'),
          file: say('officer.file.id_front'),
        }),
      );
      expect(shown).toContain(say('dataAccess.actions.dossier.record_paper'));
      expect(shown).toContain(
        `${say('dataAccess.actions.records.benefits.read')} · ${say('dataAccess.actions.records.participation.read')}`,
      );
      // The officer's own words are quoted as typed.
      expect(shown).toContain(fill(say('dataAccess.statedPurpose'), { purpose: 'Xác minh hồ sơ ốm đau' }));
      // No raw code of the audit log, nor anything shaped like one, in any language.
      expect(codes.filter((code) => shown.includes(code))).toEqual([]);
      expect(shown).not.toMatch(/\b[a-z_]+\.[a-z_]+(\.[a-z_]+)*\b/);
      if (lang === 'vi') await list.screenshot({ path: artifactPath('records-data-access.png') });
    }
  });

  it('shows the last loaded history offline, marked with its date', async () => {
    await page.goto(`${url}/history`);
    await page.getByTestId('history-combined').waitFor();
    // Leave the page inside the app, go offline, and come back through the tab bar.
    await page
      .getByRole('link', { name: text('tabs.home') })
      .first()
      .click();
    await context.setOffline(true);
    try {
      await page
        .getByRole('link', { name: text('tabs.history') })
        .first()
        .click();
      const combined = page.getByTestId('history-combined');
      await combined.waitFor();
      expect(await combined.innerText()).toBe(fill(text('history.combined'), { years: 18, months: 6 }));
      const notice = text('history.state.offlineCopy').split('{{date}}')[0] ?? '';
      expect(await page.locator('.notice').first().innerText()).toContain(notice.trim());
      await page.screenshot({ path: artifactPath('records-history-offline.png'), fullPage: true });
    } finally {
      await context.setOffline(false);
    }
    expect(errors).toEqual([]);
  });
});
