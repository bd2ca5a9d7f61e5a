import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import type { AuditAction } from '@vssid/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app';
import type { DatabaseHandle } from '../../db/database';
import { createTestDatabase, testConfig } from '../../testing/database';
import { signInAs } from '../../testing/auth';
import { pdfText } from '../../testing/pdf';
import { auditService } from '../audit/service';

/**
 * The records API against a real database (PGlite and PostgreSQL): what each route answers, who
 * may read (the person, the guardian of a minor, staff within scope) and the audit entries.
 */

let database: DatabaseHandle;
let app: FastifyInstance;

const ADULT = '0100000001'; // Hà Nội (01), guardian of CHILD
const CHILD = '0100000002'; // born 2015, guardian ADULT
const GROWN = '0100000003'; // born 2000, guardian ADULT: no longer a minor
const OTHER = '0100000004'; // Hà Nội, nobody's child
const SOUTH = '7900000005'; // Hồ Chí Minh (79)
const NAME = 'Nguyễn Thị Hồng Nhung';

type Headers = { authorization: string };
let adult: Headers;
let other: Headers;
let officer01: Headers;
let officer01Id: string;
let officer79: Headers;
let central: Headers;
let employer: Headers;
let clinic: Headers;

async function seed(db: DatabaseHandle['db']) {
  await db
    .insertInto('bhxh_agencies')
    .values([
      {
        code: 'VN',
        parent_code: null,
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
      {
        code: '79',
        parent_code: 'VN',
        level: 'province',
        name: 'BHXH Thành phố Hồ Chí Minh',
        address: 'TP.HCM',
        province_code: '79',
      },
    ])
    .execute();
  await db
    .insertInto('employer_units')
    .values([
      {
        code: 'TA0001',
        name: 'Công ty TNHH Ánh Dương',
        kind: 'enterprise',
        address: 'Hà Nội',
        province_code: '01',
        managing_agency: '01',
      },
      {
        code: 'TA0002',
        name: 'Công ty CP Sông Hồng',
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
      { code: '01001', name: 'Bệnh viện Bạch Mai', level: 'central', address: 'Hà Nội', province_code: '01' },
    ])
    .execute();
  const person = (
    bhxh_code: string,
    full_name: string,
    birth: string,
    province: string,
    guardian: string | null,
  ) => ({
    bhxh_code,
    full_name,
    birth_date: birth,
    birth_year: Number(birth.slice(0, 4)),
    gender: 'female' as const,
    province_code: province,
    guardian_bhxh_code: guardian,
  });
  await db
    .insertInto('persons')
    .values(person(ADULT, NAME, '1985-04-12', '01', null))
    .execute();
  await db
    .insertInto('persons')
    .values([
      person(CHILD, 'Trần Minh Khôi', '2015-09-01', '01', ADULT),
      person(GROWN, 'Trần Thu Hà', '2000-01-01', '01', ADULT),
      person(OTHER, 'Lê Văn Tám', '1990-01-01', '01', null),
      person(SOUTH, 'Phạm Thị Lan', '1988-03-03', '79', null),
    ])
    .execute();
  const period = (
    scheme: 'bhxh_compulsory' | 'bhxh_voluntary' | 'bhtn',
    from: string,
    to: string,
    unit: string | null,
    status: 'paid' | 'owed',
    salary: number,
  ) => ({
    bhxh_code: ADULT,
    scheme,
    from_month: `${from}-01`,
    to_month: `${to}-01`,
    unit_code: unit,
    position: unit ? 'Kế toán viên' : null,
    salary,
    employee_rate_bp: scheme === 'bhtn' ? 100 : 800,
    employer_rate_bp: scheme === 'bhtn' ? 100 : unit ? 1400 : 0,
    employee_amount: 0,
    employer_amount: 0,
    state_support: 0,
    status,
  });
  await db
    .insertInto('participation_periods')
    .values([
      period('bhxh_compulsory', '2010-01', '2014-12', 'TA0001', 'paid', 6_000_000),
      // Overlaps the first by 6 months (a second job): counted once.
      period('bhxh_compulsory', '2014-07', '2016-06', 'TA0002', 'paid', 8_000_000),
      // A gap 2016-07..2016-12, then months the unit has not paid.
      period('bhxh_compulsory', '2017-01', '2017-03', 'TA0002', 'owed', 8_000_000),
      period('bhxh_voluntary', '2018-01', '2019-12', null, 'paid', 3_000_000),
      period('bhtn', '2010-01', '2016-06', 'TA0001', 'paid', 6_000_000),
    ])
    .execute();
  await db
    .insertInto('benefit_payments')
    .values([
      {
        bhxh_code: ADULT,
        kind: 'maternity',
        period_from: '2012-03-01',
        period_to: '2012-08-31',
        amount: 36_000_000,
        decision_number: '12/QĐ-BHXH',
        paid_on: '2012-09-10',
      },
      {
        bhxh_code: ADULT,
        kind: 'sickness',
        period_from: '2015-05-04',
        period_to: '2015-05-08',
        amount: 1_500_000,
        decision_number: '88/QĐ-BHXH',
        paid_on: null,
      },
      // A pension paid month by month: October paid on its payment day, November not yet.
      ...[
        ['2026-09', 4_000_000, '2026-09-05'],
        ['2026-10', 4_000_000, '2026-10-05'],
        ['2026-11', 4_200_000, null],
      ].map(([month, amount, paidOn]) => ({
        bhxh_code: ADULT,
        kind: 'pension' as const,
        period_from: `${String(month)}-01`,
        period_to: `${String(month)}-${month === '2026-09' || month === '2026-11' ? '30' : '31'}`,
        amount: Number(amount),
        decision_number: '501/QĐ-BHXH',
        paid_on: paidOn === null ? null : String(paidOn),
      })),
      // An unemployment allowance kept as one row for three months (as older data has it).
      {
        bhxh_code: ADULT,
        kind: 'unemployment',
        period_from: '2016-02-01',
        period_to: '2016-04-30',
        amount: 9_000_001,
        decision_number: '77/QĐ-BHXH',
        paid_on: '2016-05-10',
      },
    ])
    .execute();
  const visit = (ma_lk: string, at: string, kind: '01' | '03', icd: string) => ({
    bhxh_code: ADULT,
    ma_lk,
    clinic_code: '01001',
    card_number: 'GD4010100000001',
    registered_clinic_code: '01001',
    visit_kind: kind,
    route: 1 as const,
    admitted_at: at,
    discharged_at: at,
    treatment_days: kind === '03' ? 5 : 0,
    diagnosis_in: null,
    diagnosis_out: null,
    icd10_main: icd,
    icd10_other: null,
    outcome: 1,
    total_cost: 1_000_000,
    covered_cost: 1_000_000,
    co_payment: 200_000,
    fund_paid: 800_000,
    five_year_date: null,
  });
  await db
    .insertInto('medical_visits')
    .values([
      visit('LK001', '2019-02-01 08:00:00', '01', 'J06'),
      visit('LK002', '2021-06-10 09:30:00', '03', 'K35'),
      visit('LK003', '2023-11-20 14:00:00', '01', 'I10'),
      visit('LK004', '2023-11-20 14:00:00', '01', 'Q99'),
    ])
    .execute();
  await db
    .insertInto('visit_documents')
    .values([
      {
        bhxh_code: ADULT,
        ma_lk: 'LK002',
        kind: 'discharge',
        number: 'RV-2021-55',
        issued_on: '2021-06-15',
        content: { days: 5, outcome: 'Khỏi' },
      },
      {
        bhxh_code: ADULT,
        ma_lk: 'LK002',
        kind: 'sick_leave',
        number: 'NO-2021-12',
        issued_on: '2021-06-15',
        content: { days: 10, from: '2021-06-15' },
      },
    ])
    .execute();
}

beforeAll(async () => {
  database = await createTestDatabase();
  app = await buildApp(testConfig(), { database });
  await seed(database.db);
  adult = (await signInAs(app, { role: 'citizen', bhxhCode: ADULT, displayName: NAME })).headers;
  other = (await signInAs(app, { role: 'citizen', bhxhCode: OTHER })).headers;
  const signedOfficer = await signInAs(app, {
    role: 'officer',
    agencyCode: '01',
    displayName: 'Cán bộ Hà Nội',
  });
  officer01 = signedOfficer.headers;
  officer01Id = signedOfficer.principal.accountId;
  officer79 = (await signInAs(app, { role: 'officer', agencyCode: '79' })).headers;
  central = (await signInAs(app, { role: 'agency_admin', agencyCode: 'VN' })).headers;
  employer = (await signInAs(app, { role: 'employer', unitCode: 'TA0001' })).headers;
  clinic = (await signInAs(app, { role: 'clinic', clinicCode: '01001' })).headers;
}, 60_000);
afterAll(async () => {
  await app.close();
  await database.close();
});

const get = (url: string, headers?: Headers, lang = 'vi') =>
  app.inject({ method: 'GET', url, headers: { ...headers, 'accept-language': lang } });

interface SchemeOut {
  scheme: string;
  months: number;
  years: number;
  remainderMonths: number;
  owedMonths: number;
  gaps: { from: string; to: string; months: number }[];
  owed: { from: string; to: string; months: number; unitCode: string | null; unitName: string | null }[];
}

async function auditActions(subject: string) {
  return database.db
    .selectFrom('audit_log')
    .select(['action', 'actor_type', 'purpose', 'details', 'target_id'])
    .where('subject_bhxh_code', '=', subject)
    .orderBy('id')
    .execute();
}

describe('OpenAPI', () => {
  it('documents every records route in both forms', async () => {
    const doc = (await get('/api/openapi.json')).json<{ paths: Record<string, unknown> }>();
    for (const what of [
      'participation',
      'participation.pdf',
      'benefits',
      'medical-visits',
      'medical-visits/{maLk}',
      'estimates',
      'data-access',
    ]) {
      expect(Object.keys(doc.paths)).toContain(`/api/v1/me/${what}`);
      expect(Object.keys(doc.paths)).toContain(`/api/v1/persons/{bhxhCode}/${what}`);
    }
  });
});

describe('participation', () => {
  it('answers the periods with units, totals per scheme (overlaps once), gaps and owed months', async () => {
    const res = await get('/api/v1/me/participation', adult);
    expect(res.statusCode).toBe(200);
    const body = res.json<{
      periods: { scheme: string; unitName: string | null; months: number; salary: number; status: string }[];
      summary: { schemes: SchemeOut[]; bhxhCombined: { months: number } };
    }>();
    expect(body.periods).toHaveLength(5);
    expect(body.periods[0]).toMatchObject({
      scheme: 'bhtn',
      unitName: 'Công ty TNHH Ánh Dương',
      months: 78,
      salary: 6_000_000,
    });
    const compulsory = body.summary.schemes.find((s) => s.scheme === 'bhxh_compulsory');
    // 2010-01..2016-06 = 78 distinct months (the 6 overlapping months count once).
    expect(compulsory).toMatchObject({ months: 78, years: 6, remainderMonths: 6, owedMonths: 3 });
    expect(compulsory?.gaps).toEqual([{ from: '2016-07', to: '2016-12', months: 6 }]);
    expect(compulsory?.owed).toEqual([
      { from: '2017-01', to: '2017-03', months: 3, unitCode: 'TA0002', unitName: 'Công ty CP Sông Hồng' },
    ]);
    expect(body.summary.schemes.find((s) => s.scheme === 'bhxh_voluntary')?.months).toBe(24);
    expect(body.summary.bhxhCombined.months).toBe(102);
  });

  it('a person with no history gets empty lists, not an error', async () => {
    const res = await get('/api/v1/me/participation', other);
    expect(res.statusCode).toBe(200);
    expect(res.json<{ periods: unknown[] }>().periods).toEqual([]);
  });

  it('the PDF carries the holder name with its diacritics, the units and the owed months', async () => {
    const res = await get('/api/v1/me/participation.pdf', adult);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const text = await pdfText(res.rawPayload);
    expect(text).toContain(NAME);
    expect(text).toContain('Công ty CP Sông Hồng');
    expect(text).toContain('Quá trình tham gia bảo hiểm xã hội, bảo hiểm y tế');
    expect(text).toContain('Nợ đóng');
    const en = await pdfText((await get('/api/v1/me/participation.pdf', adult, 'en')).rawPayload);
    expect(en).toContain('Social and health insurance participation history');
    expect(en).toContain(NAME);
    for (const [language, title] of [
      ['zh', '社会保险和医疗保险参保记录'],
      ['ja', '社会保険・医療保険の加入記録'],
      ['ko', '사회보험·건강보험 가입 이력'],
    ] as const) {
      const translated = await pdfText(
        (await get('/api/v1/me/participation.pdf', adult, language)).rawPayload,
      );
      expect(translated, language).toContain(title);
      expect(translated, language).toContain(NAME);
      expect(translated, language).toContain('Công ty CP Sông Hồng');
    }
  });
});

describe('benefits', () => {
  it('lists benefits newest first with amounts, decisions and paid dates', async () => {
    const res = await get('/api/v1/me/benefits', adult);
    expect(res.statusCode).toBe(200);
    expect(res.json<{ items: unknown[] }>().items).toEqual([
      expect.objectContaining({
        kind: 'sickness',
        amount: 1_500_000,
        decisionNumber: '88/QĐ-BHXH',
        paidOn: null,
      }),
      expect.objectContaining({
        kind: 'maternity',
        periodFrom: '2012-03-01',
        periodTo: '2012-08-31',
        amount: 36_000_000,
        paidOn: '2012-09-10',
        status: 'paid',
      }),
    ]);
  });

  it('shows a pension and other monthly benefits as a monthly amount with the months paid and pending', async () => {
    const res = await get('/api/v1/me/benefits', adult);
    // The fields read below; the rest of each benefit is matched as an object.
    type Monthly = {
      kind: string;
      months: { month: string; amount: number; status: string; paidOn: string | null }[];
    };
    const monthly = res.json<{ monthly: Monthly[] }>().monthly;
    expect(monthly.map((m) => m.kind)).toEqual(['pension', 'unemployment']);
    expect(monthly[0]).toMatchObject({
      monthlyAmount: 4_200_000,
      decisionNumber: '501/QĐ-BHXH',
      fromMonth: '2026-09',
      toMonth: '2026-11',
      paidMonths: 2,
      pendingMonths: 1,
    });
    expect(monthly[0]?.months.map((m) => [m.month, m.amount, m.status, m.paidOn])).toEqual([
      ['2026-11', 4_200_000, 'pending', null],
      ['2026-10', 4_000_000, 'paid', '2026-10-05'],
      ['2026-09', 4_000_000, 'paid', '2026-09-05'],
    ]);
    // A row for three months is three payments; the đồng left over goes to the last.
    expect(monthly[1]?.months.map((m) => [m.month, m.amount, m.status])).toEqual([
      ['2016-04', 3_000_001, 'paid'],
      ['2016-03', 3_000_000, 'paid'],
      ['2016-02', 3_000_000, 'paid'],
    ]);
  });
});

describe('medical visits', () => {
  it('pages visits newest first with the ICD-10 name, setting and costs, then the next page', async () => {
    const first = await get('/api/v1/me/medical-visits?limit=2', adult);
    expect(first.statusCode).toBe(200);
    const page1 = first.json<{
      items: {
        maLk: string;
        icd10Main: { code: string; name: string | null };
        setting: string;
        fundPaid: number;
        coPayment: number;
        clinicName: string;
        admittedAt: string;
        documentCount: number;
      }[];
      nextCursor: string | null;
    }>();
    expect(page1.items.map((v) => v.maLk)).toEqual(['LK004', 'LK003']);
    expect(page1.items[1]).toMatchObject({
      icd10Main: { code: 'I10', name: 'Bệnh lý tăng huyết áp vô căn (nguyên phát)' },
      setting: 'outpatient',
      clinicName: 'Bệnh viện Bạch Mai',
      admittedAt: '2023-11-20T14:00:00',
      fundPaid: 800_000,
      coPayment: 200_000,
    });
    expect(page1.items[0]?.icd10Main).toEqual({ code: 'Q99', name: null });
    expect(page1.nextCursor).not.toBeNull();
    const second = await get(
      `/api/v1/me/medical-visits?limit=2&cursor=${encodeURIComponent(page1.nextCursor ?? '')}`,
      adult,
      'en',
    );
    const page2 = second.json<typeof page1>();
    expect(page2.items.map((v) => v.maLk)).toEqual(['LK002', 'LK001']);
    expect(page2.items[0]).toMatchObject({
      setting: 'inpatient',
      documentCount: 2,
      icd10Main: { name: 'Acute appendicitis' },
    });
    expect(page2.nextCursor).toBeNull();
  });

  it('a bad cursor or limit is a 400 naming the field', async () => {
    const bad = await get('/api/v1/me/medical-visits?cursor=bm90LWEtY3Vyc29y', adult);
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ errors: { field: string }[] }>().errors[0]?.field).toBe('cursor');
    const limit = await get('/api/v1/me/medical-visits?limit=1000', adult);
    expect(limit.statusCode).toBe(400);
    expect(limit.json<{ errors: { field: string }[] }>().errors[0]?.field).toBe('limit');
  });

  it('a visit shows its documents; an unknown visit or another person’s is 404', async () => {
    const res = await get('/api/v1/me/medical-visits/LK002', adult);
    expect(res.statusCode).toBe(200);
    expect(res.json<{ documents: unknown[] }>().documents).toEqual([
      {
        kind: 'discharge',
        number: 'RV-2021-55',
        issuedOn: '2021-06-15',
        content: { days: 5, outcome: 'Khỏi' },
      },
      {
        kind: 'sick_leave',
        number: 'NO-2021-12',
        issuedOn: '2021-06-15',
        content: { days: 10, from: '2021-06-15' },
      },
    ]);
    expect((await get('/api/v1/me/medical-visits/LK999', adult)).statusCode).toBe(404);
    expect((await get('/api/v1/me/medical-visits/LK002', other)).statusCode).toBe(404);
  });
});

describe('estimates', () => {
  it('estimates pension and one-time BHXH from the own history, with inputs, rules and sources', async () => {
    const res = await get('/api/v1/me/estimates', adult);
    expect(res.statusCode).toBe(200);
    const body = res.json<{
      isEstimate: boolean;
      inputs: {
        contributionMonths: number;
        averageSalary: number;
        salaryRevalued: boolean;
        paidRanges: unknown[];
      };
      pension: { eligible: boolean; reason: string | null; source: string; ruleApplied: string[] };
      oneTime: {
        amount: number;
        benefitMonths: number;
        monthsBefore2014: number;
        monthsFrom2014: number;
        source: string;
        ruleApplied: string[];
      };
    }>();
    expect(body.isEstimate).toBe(true);
    // 78 compulsory + 24 voluntary paid months; owed months do not count.
    expect(body.inputs.contributionMonths).toBe(102);
    expect(body.inputs.salaryRevalued).toBe(false);
    // Month-weighted: (60 × 6M + 24 × 8M + 24 × 3M) / 108.
    expect(body.inputs.averageSalary).toBe(Math.round((60 * 6e6 + 24 * 8e6 + 24 * 3e6) / 108));
    expect(body.pension).toMatchObject({ eligible: false, reason: 'pension.under_minimum_years' });
    expect(body.pension.source).toMatch(/Luật BHXH/);
    // 48 months before 2014 → 4 years × 1.5; 54 from 2014 → 4.5 years × 2.
    expect(body.oneTime).toMatchObject({ monthsBefore2014: 48, monthsFrom2014: 54, benefitMonths: 15 });
    expect(body.oneTime.amount).toBe(Math.round(body.inputs.averageSalary * 15));
    expect(body.oneTime.source).toMatch(/Luật BHXH/);
    expect(body.oneTime.ruleApplied.length).toBeGreaterThan(0);
  });
});

describe('who may read', () => {
  it('anonymous callers must sign in (401)', async () => {
    for (const url of ['/api/v1/me/participation', `/api/v1/persons/${ADULT}/benefits`]) {
      expect((await get(url)).statusCode).toBe(401);
    }
  });

  it('another citizen, an employer or a clinic user gets 404 for the person', async () => {
    for (const headers of [other, employer, clinic]) {
      for (const what of ['participation', 'benefits', 'medical-visits', 'estimates', 'participation.pdf']) {
        const res = await get(`/api/v1/persons/${ADULT}/${what}?purpose=check`, headers);
        expect(res.statusCode, what).toBe(404);
      }
    }
    expect((await get(`/api/v1/me/benefits?for=${ADULT}`, other)).statusCode).toBe(404);
    // Staff have no records of their own.
    expect((await get('/api/v1/me/benefits', officer01)).statusCode).toBe(404);
  });

  it('a guardian reads a minor child’s records (audited), not a grown child’s', async () => {
    const res = await get(`/api/v1/me/participation?for=${CHILD}`, adult);
    expect(res.statusCode).toBe(200);
    expect(res.json<{ bhxhCode: string }>().bhxhCode).toBe(CHILD);
    expect((await get(`/api/v1/persons/${CHILD}/medical-visits`, adult)).statusCode).toBe(200);
    expect((await get(`/api/v1/persons/${GROWN}/participation`, adult)).statusCode).toBe(404);
    const entries = await auditActions(CHILD);
    expect(entries.map((e) => e.action)).toEqual([
      'records.participation.read',
      'records.medical_visits.read',
    ]);
    expect(entries[0]).toMatchObject({ actor_type: 'citizen', details: { via: 'guardian' } });
  });

  it('an officer reads a person of their province with a purpose, audited with who and why', async () => {
    const before = (await auditActions(ADULT)).length;
    const missing = await get(`/api/v1/persons/${ADULT}/participation`, officer01);
    expect(missing.statusCode).toBe(400);
    expect(missing.json<{ errors: { field: string; message: string }[] }>().errors[0]).toMatchObject({
      field: 'purpose',
      message: 'Cán bộ cần nêu mục đích tra cứu hồ sơ.',
    });
    expect(await auditActions(ADULT)).toHaveLength(before);

    const res = await get(
      `/api/v1/persons/${ADULT}/participation?purpose=${encodeURIComponent('Giải quyết hồ sơ hưởng')}`,
      officer01,
    );
    expect(res.statusCode).toBe(200);
    const visit = await get(`/api/v1/persons/${ADULT}/medical-visits/LK002?purpose=review`, officer01);
    expect(visit.statusCode).toBe(200);
    const entries = (await auditActions(ADULT)).slice(before);
    expect(entries).toEqual([
      expect.objectContaining({
        action: 'records.participation.read',
        actor_type: 'officer',
        purpose: 'Giải quyết hồ sơ hưởng',
        details: { via: 'staff', agencyCode: '01', displayName: 'Cán bộ Hà Nội' },
      }),
      expect.objectContaining({
        action: 'records.medical_visit.read',
        target_id: 'LK002',
        purpose: 'review',
      }),
    ]);
  });

  it('an officer of another province gets 404 and leaves no audit entry; the national office reads all', async () => {
    const before = (await auditActions(ADULT)).length;
    expect((await get(`/api/v1/persons/${ADULT}/benefits?purpose=check`, officer79)).statusCode).toBe(404);
    expect((await get(`/api/v1/persons/0199999999/benefits?purpose=check`, officer01)).statusCode).toBe(404);
    expect(await auditActions(ADULT)).toHaveLength(before);
    expect((await get(`/api/v1/persons/${SOUTH}/benefits?purpose=check`, officer79)).statusCode).toBe(200);
    expect((await get(`/api/v1/persons/${SOUTH}/benefits?purpose=check`, officer01)).statusCode).toBe(404);
    expect((await get(`/api/v1/persons/${SOUTH}/participation.pdf?purpose=check`, central)).statusCode).toBe(
      200,
    );
    expect((await auditActions(SOUTH)).map((e) => e.action)).toEqual([
      'records.benefits.read',
      'records.participation_pdf.read',
    ]);
  });

  it('the person’s own reads are not audited', async () => {
    const before = (await auditActions(OTHER)).length;
    await get('/api/v1/me/participation', other);
    await get('/api/v1/me/benefits', other);
    expect(await auditActions(OTHER)).toHaveLength(before);
  });
});

describe('who viewed my data', () => {
  it('lists staff reads of my records with who, agency, when and why, newest first, paged', async () => {
    const res = await get('/api/v1/me/data-access', adult);
    expect(res.statusCode).toBe(200);
    const body = res.json<{
      items: {
        action: string;
        actorType: string;
        actorName: string | null;
        organization: { kind: string; code: string; name: string | null } | null;
        purposeCode: string | null;
        purposeStated: string | null;
        at: string;
      }[];
      nextBefore: string | null;
    }>();
    expect(body.items.map((i) => i.action)).toEqual([
      'records.medical_visit.read',
      'records.participation.read',
    ]);
    expect(body.items[1]).toMatchObject({
      actorType: 'officer',
      actorName: 'Cán bộ Hà Nội',
      organization: { kind: 'agency', code: '01', name: 'BHXH thành phố Hà Nội' },
      purposeCode: null,
      purposeStated: 'Giải quyết hồ sơ hưởng',
    });
    const page = await get('/api/v1/me/data-access?limit=1', adult);
    const p1 = page.json<typeof body>();
    expect(p1.items).toHaveLength(1);
    const p2 = (await get(`/api/v1/me/data-access?limit=1&before=${p1.nextBefore ?? ''}`, adult)).json<
      typeof body
    >();
    expect(p2.items.map((i) => i.action)).toEqual(['records.participation.read']);
  });

  it('folds one approval (the opening, the photos read, the paper step, the decision) into one entry', async () => {
    const step = (action: AuditAction, dossier: string, details: Record<string, unknown> = {}) =>
      auditService.record(database.db, {
        actor_type: 'officer',
        actor_id: officer01Id,
        subject_bhxh_code: OTHER,
        action,
        target_type: 'dossier',
        target_id: dossier,
        purpose: 'registration.review',
        ip: '127.0.0.1',
        request_id: null,
        details,
      });
    // An older review by the same officer, two hours before: a piece of work of its own.
    await step('dossier.opened', 'D0');
    await sql`UPDATE audit_log SET at = at - interval '2 hours' WHERE target_id = 'D0'`.execute(database.db);
    await step('dossier.opened', 'D1');
    for (const kind of ['portrait', 'id_front', 'id_back']) await step('dossier.file.read', 'D1', { kind });
    await step('dossier.record_paper', 'D1');
    await step('dossier.approve', 'D1');
    await step('dossier.opened', 'D2');

    type Entry = {
      action: string;
      targetId: string | null;
      actorName: string | null;
      organization: { kind: string; code: string; name: string | null } | null;
      purposeCode: string | null;
      purposeStated: string | null;
      steps: { action: string; file: string | null }[];
    };
    type Page = { items: Entry[]; nextBefore: string | null };
    const all = (await get('/api/v1/me/data-access', other)).json<Page>();
    expect(all.items.map((i) => [i.action, i.targetId, i.steps.length])).toEqual([
      ['dossier.opened', 'D2', 1],
      ['dossier.approve', 'D1', 6],
      ['dossier.opened', 'D0', 1],
    ]);
    expect(all.items[1]).toMatchObject({
      actorName: 'Cán bộ Hà Nội',
      organization: { kind: 'agency', code: '01', name: 'BHXH thành phố Hà Nội' },
      purposeCode: 'registration.review',
      purposeStated: null,
    });
    expect(all.items[1]?.steps.map((x) => [x.action, x.file])).toEqual([
      ['dossier.opened', null],
      ['dossier.file.read', 'portrait'],
      ['dossier.file.read', 'id_front'],
      ['dossier.file.read', 'id_back'],
      ['dossier.record_paper', null],
      ['dossier.approve', null],
    ]);

    // A page that would cut the approval leaves it whole for the next page: nothing is dropped.
    const first = (await get('/api/v1/me/data-access?limit=3', other)).json<Page>();
    expect(first.items.map((i) => i.targetId)).toEqual(['D2']);
    const second = (
      await get(`/api/v1/me/data-access?limit=6&before=${first.nextBefore ?? ''}`, other)
    ).json<Page>();
    expect(second.items.map((i) => [i.targetId, i.steps.length])).toEqual([['D1', 6]]);
    const third = (await get(`/api/v1/me/data-access?before=${second.nextBefore ?? ''}`, other)).json<Page>();
    expect(third.items.map((i) => i.targetId)).toEqual(['D0']);
    expect(third.nextBefore).toBeNull();
  });

  it('guardian reads are not staff reads; a guardian sees who viewed the child’s data; staff get 404', async () => {
    const child = await get(`/api/v1/me/data-access?for=${CHILD}`, adult);
    expect(child.statusCode).toBe(200);
    expect(child.json<{ items: unknown[] }>().items).toEqual([]);
    expect((await get(`/api/v1/persons/${ADULT}/data-access?purpose=check`, officer01)).statusCode).toBe(404);
  });
});
