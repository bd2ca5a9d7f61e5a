import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../app';
import type { DatabaseHandle } from '../../db/database';
import { signInAs } from '../../testing/auth';
import { createTestDatabase, testConfig } from '../../testing/database';
import { recordWard } from '../../db/guardian-wards';

/**
 * The records tests' world (records-history, records-visits and records-access .int.test.ts): a
 * guardian with a minor and a grown child, a person with no history, one in Hồ Chí Minh; their
 * periods, benefits, visits and documents; and the callers who may or may not read them.
 */

export const ADULT = '0100000001'; // Hà Nội (01), guardian of CHILD
export const CHILD = '0100000002'; // born 2015, guardian ADULT
export const GROWN = '0100000003'; // born 2000, guardian ADULT: no longer a minor
export const OTHER = '0100000004'; // Hà Nội, nobody's child
export const SOUTH = '7900000005'; // Hồ Chí Minh (79)
export const NAME = 'Nguyễn Thị Hồng Nhung';

export type Headers = { authorization: string };

export interface RecordsWorld {
  database: DatabaseHandle;
  app: FastifyInstance;
  adult: Headers;
  other: Headers;
  officer01: Headers;
  officer01Id: string;
  officer79: Headers;
  central: Headers;
  employer: Headers;
  clinic: Headers;
}

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
  await recordWard(db, ADULT, CHILD);
  await recordWard(db, ADULT, GROWN);
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

/**
 * A fresh database (or the empty one given) with the records' world, the app on it, and every
 * caller signed in.
 */
export async function startRecordsWorld(given?: DatabaseHandle): Promise<RecordsWorld> {
  const database = given ?? (await createTestDatabase());
  const app = await buildApp(testConfig(), { database });
  await seed(database.db);
  // Signed in in this order: each sign-in makes the next account and session.
  const adult = (await signInAs(app, { role: 'citizen', bhxhCode: ADULT, displayName: NAME })).headers;
  const other = (await signInAs(app, { role: 'citizen', bhxhCode: OTHER })).headers;
  const signedOfficer = await signInAs(app, {
    role: 'officer',
    agencyCode: '01',
    displayName: 'Cán bộ Hà Nội',
  });
  const officer79 = (await signInAs(app, { role: 'officer', agencyCode: '79' })).headers;
  const central = (await signInAs(app, { role: 'agency_admin', agencyCode: 'VN' })).headers;
  const employer = (await signInAs(app, { role: 'employer', unitCode: 'TA0001' })).headers;
  const clinic = (await signInAs(app, { role: 'clinic', clinicCode: '01001' })).headers;
  return {
    database,
    app,
    adult,
    other,
    officer01: signedOfficer.headers,
    officer01Id: signedOfficer.principal.accountId,
    officer79,
    central,
    employer,
    clinic,
  };
}

export async function stopRecordsWorld(world: RecordsWorld | undefined): Promise<void> {
  await world?.app.close();
  await world?.database.close();
}

/** A GET in a language (Vietnamese unless told), as the caller with these headers. */
export function getAs(app: FastifyInstance, url: string, headers?: Headers, lang = 'vi') {
  return app.inject({ method: 'GET', url, headers: { ...headers, 'accept-language': lang } });
}
