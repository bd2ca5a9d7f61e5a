import type { FastifyInstance } from 'fastify';
import type { AuthenticationResponseJSON } from '@simplewebauthn/server';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { submissionChallenge } from '@vssid/domain/signing';
import { buildApp } from '../../app';
import type { DatabaseHandle } from '../../db/database';
import { signInAs } from '../../testing/auth';
import { createTestDatabase, testConfig } from '../../testing/database';
import { type CreationOptions, SoftAuthenticator } from '../../testing/webauthn';

/**
 * Issue #27 items 3–4 on both engines: each declaration's effect on periods and card, unit
 * scoping (404), and the statement C12-TS against a hand-computed table, with the notice of the 10th.
 */

interface Body {
  number: string;
  status: string;
  bhxhCode: string;
  late: boolean;
  errors: { field: string; code: string }[];
  total: number;
  items: { number: string; type: string }[];
}

let database: DatabaseHandle;
let app: FastifyInstance;
const clock = new Date('2026-12-07T02:00:00Z');
type Headers = { authorization: string };
/** A unit admin: their session and their device-bound passkey (a software authenticator). */
interface UnitAdmin {
  headers: Headers;
  authenticator: SoftAuthenticator;
}
const ORIGIN = 'http://localhost:3000';
let unitA: UnitAdmin, unitB: UnitAdmin, unitC: UnitAdmin;
let officer: Headers;
let keySeq = 0;
const key = () => `decl-test-${++keySeq}-${Date.now()}`;

/** Workers: P has no job (a household card), W3 and W4 work at A, W5 at B; W1, W2 at C (statement). */
const P = '0100100001';
const W3 = '0100100003';
const W4 = '0100100004';
const W5 = '0100100005';
const W1 = '0100100011';
const W2 = '0100100012';

async function seed(db: DatabaseHandle['db']) {
  await sql`INSERT INTO bhxh_agencies (code, level, name, address, province_code) VALUES
      ('01', 'province', 'BHXH thành phố Hà Nội', 'Hà Nội', '01'),
      ('79', 'province', 'BHXH TP Hồ Chí Minh', 'TP.HCM', '79')`.execute(db);
  await sql`INSERT INTO clinics (code, name, level, address, province_code) VALUES
      ('01001', 'Bệnh viện Bạch Mai', 'central', 'Hà Nội', '01'),
      ('01C54', 'Trạm Y tế phường Ba Đình', 'commune', 'Hà Nội', '01')`.execute(db);
  await sql`INSERT INTO employer_units (code, tax_code, name, kind, address, province_code, managing_agency) VALUES
      ('TA0001', '0101234567', 'Công ty TNHH Ánh Dương', 'enterprise', 'Hà Nội', '01', '01'),
      ('TB0002', NULL, 'Công ty CP Sông Sài Gòn', 'enterprise', 'TP.HCM', '79', '79'),
      ('TC0003', '0107654321', 'Công ty TNHH Cầu Giấy', 'enterprise', 'Hà Nội', '01', '01')`.execute(db);
  const person = (code: string, name: string) =>
    sql`INSERT INTO persons (bhxh_code, full_name, birth_date, birth_year, gender, province_code)
        VALUES (${code}, ${name}, '1990-03-04', 1990, 'female', '01')`.execute(db);
  await person(P, 'Lê Thị Phương');
  await person(W3, 'Phạm Văn Ba');
  await person(W4, 'Đỗ Thị Bốn');
  await person(W5, 'Vũ Văn Năm');
  await person(W1, 'Ngô Thị Một');
  await person(W2, 'Bùi Văn Hai');
  const card = (code: string, object: string, level: number, from: string) =>
    sql`INSERT INTO bhyt_cards (bhxh_code, card_number, object_code, benefit_level, registered_clinic_code,
          valid_from, valid_to, issued_on, issuing_agency_code, status)
        VALUES (${code}, ${code}, ${object}, ${level}, '01C54', ${from}, '2026-12-31', ${from}, '01', 'active')`.execute(
      db,
    );
  await card(P, 'GD', 4, '2026-01-01');
  await card(W3, 'DN', 4, '2026-01-01');
  await card(W4, 'DN', 4, '2026-01-01');
  const period = (
    code: string,
    unit: string,
    from: string,
    to: string,
    salary: number,
    scheme = 'bhxh_compulsory',
  ) =>
    // Current employment, as the generator records it: running (migration 0031).
    sql`INSERT INTO participation_periods (bhxh_code, scheme, from_month, to_month, unit_code, position, salary, status, running)
        VALUES (${code}, ${scheme}, ${from}, ${to}, ${unit}, 'Nhân viên', ${salary}, 'paid', true)`.execute(
      db,
    );
  for (const scheme of ['bhxh_compulsory', 'bhtn', 'bhtnld_bnn', 'bhyt']) {
    await period(W3, 'TA0001', '2024-01-01', '2026-11-01', 9_000_000, scheme);
    await period(W4, 'TA0001', '2025-01-01', '2026-11-01', 9_000_000, scheme);
    await period(W5, 'TB0002', '2025-01-01', '2026-11-01', 9_000_000, scheme);
  }
  // Unit C: W1 at 10,000,000 and W2 at 60,000,000 (above the BHXH/BHYT cap), 2025-07 to 2026-11.
  await period(W1, 'TC0003', '2025-07-01', '2026-11-01', 10_000_000);
  await period(W2, 'TC0003', '2025-07-01', '2026-11-01', 60_000_000);
  await sql`INSERT INTO unit_payments (unit_code, paid_on, amount, reference)
            VALUES ('TC0003', '2025-08-15', 18440000, 'UNC 0815')`.execute(db);
}

beforeAll(async () => {
  database = await createTestDatabase();
  app = await buildApp(testConfig({ RATE_LIMIT_MAX: '100000', PUBLIC_URL: ORIGIN }), {
    database,
    now: () => clock,
  });
  await seed(database.db);
  unitA = await unitAdmin('TA0001');
  unitB = await unitAdmin('TB0002');
  unitC = await unitAdmin('TC0003');
  officer = (await signInAs(app, { role: 'officer', agencyCode: '01' })).headers;
}, 60_000);
afterAll(async () => {
  await app.close();
  await database.close();
});

async function unitAdmin(unitCode: string): Promise<UnitAdmin> {
  const { headers } = await signInAs(app, { role: 'employer', unitCode, unitAdmin: true });
  const authenticator = new SoftAuthenticator(ORIGIN);
  const options = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/passkeys/registration/options',
    headers,
  });
  const { challengeId, options: creation } = options.json<{
    challengeId: string;
    options: CreationOptions;
  }>();
  const added = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/passkeys/registration',
    headers,
    payload: { challengeId, response: authenticator.create(creation) },
  });
  expect(added.statusCode).toBe(201);
  return { headers, authenticator };
}

/** What the web's `signSubmission` does: the admin's device signs the form's own challenge. */
const sign = (by: UnitAdmin, form: Record<string, unknown>) =>
  by.authenticator.get({
    challenge: submissionChallenge(String(form.type).replace('declaration_', ''), form),
    rpId: 'localhost',
  }) as unknown as AuthenticationResponseJSON;

async function declare(
  form: Record<string, unknown>,
  by: UnitAdmin | Headers = unitA,
  k = key(),
  signature?: AuthenticationResponseJSON,
) {
  const admin = 'authenticator' in by ? by : null;
  const headers = 'authenticator' in by ? by.headers : by;
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/employer/declarations',
    headers: { ...headers, 'idempotency-key': k },
    payload: { form, signature: signature ?? (admin ? sign(admin, form) : {}) },
  });
  return { status: res.statusCode, body: res.json<Body>() };
}

async function approve(number: string) {
  for (const action of ['receive', 'approve']) {
    const res = await app.inject({
      method: 'POST',
      url: `/api/v1/officer/service-requests/${number}/actions`,
      headers: { ...officer, 'idempotency-key': key() },
      payload: { action },
    });
    expect(res.statusCode, res.body).toBe(200);
  }
}

const periodsOf = (code: string) =>
  database.db
    .selectFrom('participation_periods')
    .select([
      'scheme',
      'from_month',
      'to_month',
      'unit_code',
      'salary',
      'position',
      'employee_amount',
      'employer_amount',
      'status',
    ])
    .where('bhxh_code', '=', code)
    .orderBy('scheme')
    .orderBy('from_month')
    .execute();
const cardsOf = (code: string) =>
  database.db
    .selectFrom('bhyt_cards')
    .select([
      'id',
      'object_code',
      'benefit_level',
      'status',
      'valid_from',
      'valid_to',
      'registered_clinic_code',
      'replaced_by_id',
    ])
    .where('bhxh_code', '=', code)
    .orderBy('id')
    .execute();

describe('declarations 600, 600a, 600b', () => {
  it('600: a worker with a BHXH code gets four periods, a DN card replacing their household card, and a message', async () => {
    const citizen = (await signInAs(app, { role: 'citizen', bhxhCode: P })).headers;
    const k = key();
    const filed = await declare(
      { type: 'declaration_600', bhxhCode: P, salary: 8_000_000, position: 'Kế toán', startMonth: '2026-12' },
      unitA,
      k,
    );
    expect(filed.status).toBe(201);
    expect(filed.body).toMatchObject({
      status: 'submitted',
      bhxhCode: P,
      late: false,
      type: 'declaration_600',
    });
    // Retried: the same declaration.
    expect(
      (
        await declare(
          {
            type: 'declaration_600',
            bhxhCode: P,
            salary: 8_000_000,
            position: 'Kế toán',
            startMonth: '2026-12',
          },
          unitA,
          k,
        )
      ).body.number,
    ).toBe(filed.body.number);
    // In the officers' one queue, as a declaration.
    const queue = await app.inject({
      url: '/api/v1/officer/service-requests?type=declaration_600',
      headers: officer,
    });
    expect(queue.json<Body>().items.map((i) => i.number)).toContain(filed.body.number);
    // Not the worker's own request to follow.
    const asWorker = await app.inject({
      url: `/api/v1/me/service-requests/${filed.body.number}`,
      headers: citizen,
    });
    expect(asWorker.statusCode).toBe(404);

    await approve(filed.body.number);
    const periods = await periodsOf(P);
    expect(periods.map((p) => p.scheme)).toEqual(['bhtn', 'bhtnld_bnn', 'bhxh_compulsory', 'bhyt']);
    // 8,000,000 in 2026-12: employee 8 % + employer 14 % + 3 % for BHXH (Luật BHXH 41/2024/QH15).
    expect(periods.find((p) => p.scheme === 'bhxh_compulsory')).toMatchObject({
      from_month: '2026-12-01',
      to_month: '2026-12-01',
      unit_code: 'TA0001',
      salary: '8000000',
      position: 'Kế toán',
      employee_amount: '640000',
      employer_amount: '1360000',
      status: 'owed',
    });
    expect(periods.find((p) => p.scheme === 'bhyt')).toMatchObject({
      employee_amount: '120000',
      employer_amount: '240000',
    });
    const cards = await cardsOf(P);
    expect(cards).toHaveLength(2);
    expect(cards[0]).toMatchObject({ object_code: 'GD', status: 'replaced', replaced_by_id: cards[1]?.id });
    // The card from the day of approval (after the first of the start month), to the end of the year.
    expect(cards[1]).toMatchObject({
      object_code: 'DN',
      benefit_level: 4,
      status: 'active',
      valid_from: '2026-12-07',
      valid_to: '2026-12-31',
      registered_clinic_code: '01C54',
    });
    const inbox = await app.inject({
      url: '/api/v1/me/notifications?limit=20',
      headers: { ...citizen, 'accept-language': 'en' },
    });
    const titles = inbox.json<{ items: { title: string }[] }>().items.map((i) => i.title);
    expect(titles).toContain('Your employer has registered you for social insurance');
    // The unit sees it decided.
    const mine = await app.inject({
      url: `/api/v1/employer/declarations/${filed.body.number}`,
      headers: unitA.headers,
    });
    expect(mine.json<Body>().status).toBe('approved');
  });

  it('600 with TK1-TS: a BHXH code issued for the new worker; a late declaration (D01-TS) back-dated', async () => {
    const filed = await declare({
      type: 'declaration_600',
      person: {
        fullName: 'Hoàng Thị Sáu',
        dateOfBirth: '1998-06-01',
        gender: 'female',
        cccd: '001198001234',
        addressLine: '5 Kim Mã',
        provinceCode: '01',
      },
      salary: 6_000_000,
      position: 'Nhân viên bán hàng',
      startMonth: '2026-10',
      clinicCode: '01001',
    });
    expect(filed.status).toBe(201);
    // Started 2026-10-01: the 30-day deadline (2026-10-31) has passed on 2026-12-07.
    expect(filed.body.late).toBe(true);
    const code = filed.body.bhxhCode;
    expect(code).toMatch(/^01\d{8}$/);
    await approve(filed.body.number);
    const bhxh = (await periodsOf(code)).find((p) => p.scheme === 'bhxh_compulsory');
    // Three months at 6,000,000: 480,000 and 1,020,000 a month.
    expect(bhxh).toMatchObject({
      from_month: '2026-10-01',
      to_month: '2026-12-01',
      employee_amount: '1440000',
      employer_amount: '3060000',
    });
    const cards = await cardsOf(code);
    expect(cards).toEqual([
      expect.objectContaining({
        object_code: 'DN',
        status: 'active',
        registered_clinic_code: '01001',
        valid_from: '2026-12-07',
      }),
    ]);
    // The same person again: they have a code now.
    const again = await declare({
      type: 'declaration_600',
      person: {
        fullName: 'Hoàng Thị Sáu',
        dateOfBirth: '1998-06-01',
        gender: 'female',
        cccd: '001198001234',
        addressLine: '5 Kim Mã',
        provinceCode: '01',
      },
      salary: 6_000_000,
      position: 'Nhân viên',
      startMonth: '2026-12',
      clinicCode: '01001',
    });
    expect(again.status).toBe(409);
    expect(again.body.errors[0]).toMatchObject({ field: 'form.person.cccd', code: 'has_code' });
    // A CCCD of a man born in 1998 for a woman: refused, nothing written.
    const wrong = await declare({
      type: 'declaration_600',
      person: {
        fullName: 'Sai Giới Tính',
        dateOfBirth: '1998-06-01',
        gender: 'female',
        cccd: '001098009999',
        addressLine: '5 Kim Mã',
        provinceCode: '01',
      },
      salary: 6_000_000,
      position: 'Nhân viên',
      startMonth: '2026-12',
      clinicCode: '01001',
    });
    expect(wrong.status).toBe(422);
    expect(
      await database.db
        .selectFrom('persons')
        .select('bhxh_code')
        .where('cccd', '=', '001098009999')
        .execute(),
    ).toEqual([]);
  });

  it('600a: the periods end with the end month and the unit’s card is valid to its last day', async () => {
    const filed = await declare({
      type: 'declaration_600a',
      bhxhCode: W3,
      reason: 'resigned',
      endMonth: '2026-12',
    });
    expect(filed.status).toBe(201);
    await approve(filed.body.number);
    const periods = await periodsOf(W3);
    expect(periods.every((p) => p.to_month === '2026-12-01')).toBe(true);
    // 36 months at 9,000,000 (2024-01 … 2026-12): BHXH employee 8 % = 720,000 a month.
    expect(periods.find((p) => p.scheme === 'bhxh_compulsory')?.employee_amount).toBe(String(720_000 * 36));
    expect((await cardsOf(W3))[0]).toMatchObject({
      object_code: 'DN',
      status: 'active',
      valid_to: '2026-12-31',
    });
  });

  it('600b: the running periods split at the month of the change', async () => {
    const filed = await declare({
      type: 'declaration_600b',
      bhxhCode: W4,
      fromMonth: '2026-11',
      salary: 12_000_000,
    });
    expect(filed.status).toBe(201);
    await approve(filed.body.number);
    const bhxh = (await periodsOf(W4)).filter((p) => p.scheme === 'bhxh_compulsory');
    expect(bhxh).toEqual([
      expect.objectContaining({
        from_month: '2025-01-01',
        to_month: '2026-10-01',
        salary: '9000000',
        employee_amount: String(720_000 * 22),
      }),
      expect.objectContaining({
        from_month: '2026-11-01',
        to_month: '2026-11-01',
        salary: '12000000',
        position: 'Nhân viên',
        employee_amount: '960000',
      }),
    ]);
    const nothing = await declare({ type: 'declaration_600b', bhxhCode: W4, fromMonth: '2026-12' });
    expect(nothing.status).toBe(400);
    const tooEarly = await declare({
      type: 'declaration_600b',
      bhxhCode: W4,
      fromMonth: '2026-09',
      salary: 1_000_000,
    });
    expect(tooEarly.status).toBe(422);
    expect(tooEarly.body.errors[0]?.field).toBe('form.fromMonth');
  });

  it('refuses a declaration whose form was altered after signing, and writes nothing', async () => {
    const count = async () =>
      (await app.inject({ url: '/api/v1/employer/declarations', headers: unitA.headers })).json<Body>().total;
    const before = await count();
    const signed = { type: 'declaration_600b', bhxhCode: W4, fromMonth: '2026-12', salary: 13_000_000 };
    const altered = { ...signed, salary: 31_000_000 };
    const res = await declare(altered, unitA, key(), sign(unitA, signed));
    expect(res.status).toBe(422);
    expect(res.body.errors[0]?.field).toBe('signature');
    const periods = await periodsOf(W4);
    expect(periods.some((p) => p.salary === '31000000' || p.salary === '13000000')).toBe(false);
    expect(await count()).toBe(before);
  });

  it('keeps each unit to its own workers and declarations (404)', async () => {
    // Unit B names A's worker, A names B's worker: as if they did not exist.
    expect(
      (
        await declare(
          { type: 'declaration_600a', bhxhCode: W4, reason: 'resigned', endMonth: '2026-12' },
          unitB,
        )
      ).status,
    ).toBe(404);
    expect(
      (
        await declare(
          { type: 'declaration_600b', bhxhCode: W5, fromMonth: '2026-12', salary: 10_000_000 },
          unitA,
        )
      ).status,
    ).toBe(404);
    const list = await app.inject({ url: '/api/v1/employer/declarations', headers: unitA.headers });
    const number = list.json<Body>().items[0]?.number ?? '';
    expect(number).not.toBe('');
    expect(
      (await app.inject({ url: `/api/v1/employer/declarations/${number}`, headers: unitB.headers }))
        .statusCode,
    ).toBe(404);
    expect(
      (await app.inject({ url: '/api/v1/employer/declarations', headers: unitB.headers })).json<Body>().total,
    ).toBe(0);
    // A citizen may not file for a unit.
    const citizen = (await signInAs(app, { role: 'citizen', bhxhCode: P })).headers;
    const form = { type: 'declaration_600a', bhxhCode: W4, reason: 'resigned', endMonth: '2026-12' };
    expect((await declare(form, citizen, key(), sign(unitA, form))).status).toBe(403);
  });
});

/**
 * C12-TS of unit C for 2025-10, by hand. Rates: Luật BHXH 41/2024/QH15 (parameter table): pension
 * 8 + 14 = 22 %, sickness-maternity 3 %, occupational 0.5 %, health 1.5 + 3 = 4.5 %,
 * unemployment 1 + 1 = 2 %. Caps: BHXH/BHYT 20 × 2,340,000 = 46,800,000 (NĐ 73/2024); BHTN
 * 20 × 4,960,000 = 99,200,000 (region I, NĐ 74/2024).
 *   W1 10,000,000; W2 60,000,000 → BHXH/BHYT basis 10,000,000 + 46,800,000 = 56,800,000;
 *   BHTN basis 70,000,000.
 *   pension 56,800,000 × 22 % = 12,496,000; sickness × 3 % = 1,704,000; occupational × 0.5 % =
 *   284,000; health × 4.5 % = 2,556,000; unemployment 70,000,000 × 2 % = 1,400,000;
 *   a month: 18,440,000 (every month 2025-07 … 2025-10).
 * Paid 18,440,000 on 2025-08-15 (July). Deadlines: the last day of the next month.
 *   2025-07: 0 + 18,440,000 → 18,440,000.  2025-08: + 18,440,000 − 18,440,000 → 18,440,000.
 *   2025-09: overdue on 09-01 = July 18,440,000 − paid 18,440,000 = 0 → 36,880,000.
 *   2025-10: overdue on 10-01 = July + August − paid = 18,440,000; interest 0.03 %/day × 31 days
 *   (Luật BHXH 41/2024/QH15 Art. 40) = 18,440,000 × 0.0003 × 31 = 171,492;
 *   closing 36,880,000 + 18,440,000 + 171,492 = 55,491,492.
 *   Owed per fund: 55,491,492 × the fund's share of the dues (12,496,000 / 18,440,000 …).
 */
describe('the monthly statement C12-TS', () => {
  it('matches the hand-computed table', async () => {
    const res = await app.inject({ url: '/api/v1/employer/statement/2025-10', headers: unitC.headers });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      unit: { code: 'TC0003', taxCode: '0107654321' },
      month: '2025-10',
      people: 2,
      salaryFund: 70_000_000,
      rates: { pension: 2200, sicknessMaternity: 300, occupational: 50, health: 450, unemployment: 200 },
      due: {
        pension: 12_496_000,
        sicknessMaternity: 1_704_000,
        occupational: 284_000,
        health: 2_556_000,
        unemployment: 1_400_000,
      },
      dueTotal: 18_440_000,
      opening: 36_880_000,
      paid: 0,
      interest: 171_492,
      interestRule: { bpPerDay: 3 },
      closing: 55_491_492,
      owedByFund: {
        pension: 37_604_213,
        sicknessMaternity: 5_127_847,
        occupational: 854_641,
        health: 7_691_771,
        unemployment: 4_213_020,
      },
      unpaidMonths: [
        { month: '2025-08', amount: 18_440_000, deadline: '2025-09-30' },
        { month: '2025-09', amount: 18_440_000, deadline: '2025-10-31' },
        { month: '2025-10', amount: 18_611_492, deadline: '2025-11-30' },
      ],
    });
    // Another unit's statement is its own: unit A has none of these workers in 2025-10.
    const a = await app.inject({ url: '/api/v1/employer/statement/2025-10', headers: unitA.headers });
    expect(a.json()).toMatchObject({ unit: { code: 'TA0001' }, people: 2, salaryFund: 18_000_000 });
    // Before the electronic account, or in the future: refused with the field.
    const early = await app.inject({ url: '/api/v1/employer/statement/2025-06', headers: unitC.headers });
    expect(early.statusCode).toBe(422);
    expect(early.json<Body>().errors[0]?.field).toBe('month');
  });

  it('downloads the statement as a PDF and a spreadsheet with the month’s workers', async () => {
    const pdf = await app.inject({ url: '/api/v1/employer/statement/2025-10/pdf', headers: unitC.headers });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toContain('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const xlsx = await app.inject({
      url: '/api/v1/employer/statement/2025-10/xlsx',
      headers: { ...unitC.headers, 'accept-language': 'en' },
    });
    expect(xlsx.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('C12-TS');
    const values = (sheet?.getSheetValues() ?? []).map((row) => (Array.isArray(row) ? row.slice(1) : []));
    expect(values).toContainEqual(['Pension and survivorship', 0.22, 12_496_000, 37_604_213]);
    expect(values).toContainEqual(['End of month (owed)', undefined, 55_491_492]);
    const workers = book.getWorksheet('Workers');
    expect(workers?.rowCount).toBe(3);
    expect(workers?.getRow(2).getCell(1).value).toBe(W2);
  });

  it('tells the workers of a unit owing 30 days or more on the 10th, once', async () => {
    const w1 = (await signInAs(app, { role: 'citizen', bhxhCode: W1 })).headers;
    await signInAs(app, { role: 'citizen', bhxhCode: W2 });
    // The 9th: nothing yet.
    expect(await app.contributionNotice.runOnce('2025-11-09')).toMatchObject({ skipped: true, notices: 0 });
    // On 2025-11-10, August (deadline 2025-09-30) is 41 days late; September (10 days) is not yet.
    const first = await app.contributionNotice.runOnce('2025-11-10');
    expect(first).toMatchObject({ skipped: false, units: 1, notices: 2 });
    expect(await app.contributionNotice.runOnce('2025-11-11')).toMatchObject({ skipped: true });
    const inbox = await app.inject({ url: '/api/v1/me/notifications?limit=20', headers: w1 });
    const owing = inbox
      .json<{ items: { title: string; body: string }[] }>()
      .items.filter((i) => i.title.includes('chậm đóng'));
    expect(owing).toHaveLength(1);
    // W1's own August at 10,000,000: 22 % 2,200,000; 3 % 300,000; 0.5 % 50,000; 4.5 % 450,000; 2 % 200,000.
    expect(owing[0]?.body).toContain('Công ty TNHH Cầu Giấy');
    expect(owing[0]?.body).toContain('08/2025');
    for (const amount of ['2.200.000', '300.000', '50.000', '450.000', '200.000'])
      expect(owing[0]?.body).toContain(amount);
    // A run interrupted and repeated the same month sends nothing twice.
    await sql`UPDATE contribution_notice_runs SET finished_at = NULL`.execute(database.db);
    expect(await app.contributionNotice.runOnce('2025-11-12')).toMatchObject({ notices: 0 });
  });
});
