import type { FastifyInstance } from 'fastify';
import type { AuthenticationResponseJSON } from '@simplewebauthn/server';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { submissionChallenge } from '@vssid/domain/signing';
import { buildApp } from '../../app';
import type { DatabaseHandle } from '../../db/database';
import { signInAs } from '../../testing/auth';
import { createTestDatabase, testConfig } from '../../testing/database';
import { type CreationOptions, SoftAuthenticator } from '../../testing/webauthn';
import { closeMonth } from './monthly-close';

/**
 * The monthly close of running participation periods (issue #27) on both engines: a period
 * approved in month M runs on through M+1, M+2 (amounts recomputed, the card kept valid into the
 * next year); a period ended by a 600a is not extended; a second close in the month changes
 * nothing; the statement of M+1 counts the worker. And a late declaration (D01-TS): its back
 * months are owed at once and the statement charges interest on them from their deadlines.
 */

let database: DatabaseHandle;
let app: FastifyInstance;
/** Month M = 2026-10: the declarations are filed and approved on 2026-10-05. */
let clock = new Date('2026-10-05T02:00:00Z');
const ORIGIN = 'http://localhost:3000';
let officer: { authorization: string };
let keySeq = 0;
const key = () => `close-test-${++keySeq}`;

/** X is declared by a 600 in M; Y was already employed (generator-like, paid); Z leaves by a 600a in M. */
const X = '0100200001';
const Y = '0100200002';
const Z = '0100200003';
/** L is declared late (D01-TS) at unit TL. */
const L = '0100200004';

async function seed(db: DatabaseHandle['db']) {
  await sql`INSERT INTO bhxh_agencies (code, level, name, address, province_code)
            VALUES ('01', 'province', 'BHXH thành phố Hà Nội', 'Hà Nội', '01')`.execute(db);
  await sql`INSERT INTO clinics (code, name, level, address, province_code)
            VALUES ('01C54', 'Trạm Y tế phường Ba Đình', 'commune', 'Hà Nội', '01')`.execute(db);
  await sql`INSERT INTO employer_units (code, tax_code, name, kind, address, province_code, managing_agency) VALUES
      ('TM0001', '0101111111', 'Công ty TNHH Tháng Mười', 'enterprise', 'Hà Nội', '01', '01'),
      ('TL0002', '0102222222', 'Công ty TNHH Khai Muộn', 'enterprise', 'Hà Nội', '01', '01')`.execute(db);
  for (const [code, name] of [
    [X, 'Trần Văn Xuân'],
    [Y, 'Lý Thị Yến'],
    [Z, 'Đinh Văn Dũng'],
    [L, 'Mai Thị Lan'],
  ] as const) {
    await sql`INSERT INTO persons (bhxh_code, full_name, birth_date, birth_year, gender, province_code)
              VALUES (${code}, ${name}, '1992-05-06', 1992, 'female', '01')`.execute(db);
    await sql`INSERT INTO bhyt_cards (bhxh_code, card_number, object_code, benefit_level, registered_clinic_code,
                valid_from, valid_to, issued_on, issuing_agency_code, status)
              VALUES (${code}, ${code}, ${code === Y || code === Z ? 'DN' : 'GD'}, 4, '01C54', '2026-01-01',
                      '2026-12-31', '2026-01-01', '01', 'active')`.execute(db);
  }
  // Y and Z: employed at TM since 2025-01, recorded (and paid) through last month, running.
  for (const code of [Y, Z])
    for (const scheme of ['bhxh_compulsory', 'bhtn', 'bhtnld_bnn', 'bhyt'])
      await sql`INSERT INTO participation_periods
                  (bhxh_code, scheme, from_month, to_month, unit_code, position, salary, status, running)
                VALUES (${code}, ${scheme}, '2025-01-01', '2026-09-01', 'TM0001', 'Nhân viên', 9000000, 'paid', true)`.execute(
        db,
      );
}

async function unitAdmin(unitCode: string) {
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

async function declareAndApprove(
  admin: Awaited<ReturnType<typeof unitAdmin>>,
  form: Record<string, unknown>,
) {
  const signature = admin.authenticator.get({
    challenge: submissionChallenge(String(form.type).replace('declaration_', ''), form),
    rpId: 'localhost',
  }) as unknown as AuthenticationResponseJSON;
  const filed = await app.inject({
    method: 'POST',
    url: '/api/v1/employer/declarations',
    headers: { ...admin.headers, 'idempotency-key': key() },
    payload: { form, signature },
  });
  expect(filed.statusCode, filed.body).toBe(201);
  const { number, late } = filed.json<{ number: string; late: boolean }>();
  for (const action of ['receive', 'approve']) {
    const res = await app.inject({
      method: 'POST',
      url: `/api/v1/officer/service-requests/${number}/actions`,
      headers: { ...officer, 'idempotency-key': key() },
      payload: { action },
    });
    expect(res.statusCode, res.body).toBe(200);
  }
  return { late };
}

const periodsOf = (code: string, scheme: 'bhxh_compulsory' | 'bhyt' = 'bhxh_compulsory') =>
  database.db
    .selectFrom('participation_periods')
    .select(['from_month', 'to_month', 'salary', 'employee_amount', 'employer_amount', 'status', 'running'])
    .where('bhxh_code', '=', code)
    .where('scheme', '=', scheme)
    .orderBy('from_month')
    .execute();
const cardOf = async (code: string) =>
  database.db
    .selectFrom('bhyt_cards')
    .select(['object_code', 'status', 'valid_to'])
    .where('bhxh_code', '=', code)
    .where('status', '=', 'active')
    .executeTakeFirstOrThrow();
const everything = async () =>
  sql`SELECT p.bhxh_code, p.id, p.scheme, p.from_month, p.to_month, p.employee_amount, p.employer_amount,
             p.status, p.running FROM participation_periods p ORDER BY p.bhxh_code, p.id`
    .execute(database.db)
    .then((r) => r.rows);

beforeAll(async () => {
  database = await createTestDatabase();
  app = await buildApp(testConfig({ RATE_LIMIT_MAX: '100000', PUBLIC_URL: ORIGIN }), {
    database,
    now: () => clock,
  });
  await seed(database.db);
  officer = (await signInAs(app, { role: 'officer', agencyCode: '01' })).headers;
  const tm = await unitAdmin('TM0001');
  const tl = await unitAdmin('TL0002');
  // In M (2026-10): X declared from 2026-10 at 8,000,000; Z leaves at the end of 2026-10.
  await declareAndApprove(tm, {
    type: 'declaration_600',
    bhxhCode: X,
    salary: 8_000_000,
    position: 'Kế toán',
    startMonth: '2026-10',
  });
  await declareAndApprove(tm, {
    type: 'declaration_600a',
    bhxhCode: Z,
    reason: 'resigned',
    endMonth: '2026-10',
  });
  // L declared on 2026-10-05 from 2026-08: past the 30-day deadline (2026-08-31).
  const late = await declareAndApprove(tl, {
    type: 'declaration_600',
    bhxhCode: L,
    salary: 10_000_000,
    position: 'Nhân viên',
    startMonth: '2026-08',
  });
  expect(late.late).toBe(true);
}, 90_000);
afterAll(async () => {
  await app.close();
  await database.close();
});

describe('the monthly close', () => {
  it('extends running periods month by month, not the ended ones, idempotently', async () => {
    // After the approvals in M: X runs from 2026-10 (owed); Z ended by the 600a; Y runs (paid).
    expect(await periodsOf(X)).toEqual([expect.objectContaining({ to_month: '2026-10-01', running: true })]);
    expect(await periodsOf(Z)).toEqual([
      expect.objectContaining({ from_month: '2025-01-01', to_month: '2026-10-01', running: false }),
    ]);

    // The close of M itself (the first pass of 2026-10): Y, recorded through 2026-09, reaches 2026-10;
    // its paid months stay paid and an owed successor runs from 2026-10.
    await app.monthlyClose.runOnce('2026-10-05');
    expect(await periodsOf(Y)).toEqual([
      expect.objectContaining({
        from_month: '2025-01-01',
        to_month: '2026-09-01',
        status: 'paid',
        running: false,
      }),
      // 9,000,000 × 8 % employee, × (14 + 3) % employer (Luật BHXH 41/2024/QH15).
      expect.objectContaining({
        from_month: '2026-10-01',
        to_month: '2026-10-01',
        salary: '9000000',
        employee_amount: '720000',
        employer_amount: '1530000',
        status: 'owed',
        running: true,
      }),
    ]);
    expect(await periodsOf(X)).toEqual([expect.objectContaining({ to_month: '2026-10-01' })]);

    // M+1, in batches of 3 periods (the 4 schemes of X, Y and L: 12 periods, 4 batches).
    expect(await closeMonth(database.db, '2026-11-01', { batch: 3 })).toEqual({ periods: 12, cards: 0 });
    // X: two months at 8,000,000: 640,000 and 1,360,000 a month.
    expect(await periodsOf(X)).toEqual([
      expect.objectContaining({
        from_month: '2026-10-01',
        to_month: '2026-11-01',
        employee_amount: '1280000',
        employer_amount: '2720000',
        status: 'owed',
        running: true,
      }),
    ]);
    // Every scheme of X runs on (BHYT 1.5 % + 3 % of 8,000,000 = 120,000 + 240,000 a month).
    expect(await periodsOf(X, 'bhyt')).toEqual([
      expect.objectContaining({
        to_month: '2026-11-01',
        employee_amount: '240000',
        employer_amount: '480000',
      }),
    ]);
    expect((await periodsOf(Y)).map((p) => p.to_month)).toEqual(['2026-09-01', '2026-11-01']);
    // Z left at the end of 2026-10: not extended.
    expect((await periodsOf(Z)).map((p) => p.to_month)).toEqual(['2026-10-01']);

    // A second pass in the month (another node, a later tick): nothing changes.
    const before = await everything();
    expect(await app.monthlyClose.runOnce('2026-11-15')).toEqual({ periods: 0, cards: 0 });
    expect(await everything()).toEqual(before);

    // M+2.
    await app.monthlyClose.runOnce('2026-12-01');
    expect(await periodsOf(X)).toEqual([
      expect.objectContaining({
        to_month: '2026-12-01',
        employee_amount: '1920000',
        employer_amount: '4080000',
      }),
    ]);
    expect((await periodsOf(Z)).map((p) => p.to_month)).toEqual(['2026-10-01']);
  });

  it('keeps a running worker’s card valid into the next year; the leaver’s card ends', async () => {
    // X's card from the 600: from the day of approval to the end of the year.
    expect(await cardOf(X)).toEqual({ object_code: 'DN', status: 'active', valid_to: '2026-12-31' });
    // Z's card ended by the 600a with the last day of the end month.
    expect(await cardOf(Z)).toEqual({ object_code: 'DN', status: 'active', valid_to: '2026-10-31' });
    // January's close: X, Y and L run on, their cards to the end of 2027; Z's is not touched.
    expect(await app.monthlyClose.runOnce('2027-01-01')).toMatchObject({ cards: 3 });
    expect(await cardOf(X)).toMatchObject({ valid_to: '2027-12-31' });
    expect(await cardOf(Y)).toMatchObject({ valid_to: '2027-12-31' });
    expect(await cardOf(Z)).toMatchObject({ valid_to: '2026-10-31' });
    expect((await periodsOf(Z)).map((p) => p.to_month)).toEqual(['2026-10-01']);
    expect(await app.monthlyClose.runOnce('2027-01-02')).toEqual({ periods: 0, cards: 0 });
  });

  it('counts the worker in the statement (C12-TS) of the months the close added', async () => {
    clock = new Date('2026-11-20T02:00:00Z');
    const { headers } = await signInAs(app, { role: 'employer', unitCode: 'TM0001' });
    const res = await app.inject({ url: '/api/v1/employer/statement/2026-11', headers });
    expect(res.statusCode, res.body).toBe(200);
    // X at 8,000,000 and Y at 9,000,000 in 2026-11; Z left at the end of 2026-10.
    expect(res.json()).toMatchObject({ month: '2026-11', people: 2, salaryFund: 17_000_000 });
    const xlsx = await app.inject({ url: '/api/v1/employer/statement/2026-11/xlsx', headers });
    expect(xlsx.statusCode).toBe(200);
    const october = await app.inject({ url: '/api/v1/employer/statement/2026-10', headers });
    expect(october.json()).toMatchObject({ people: 3, salaryFund: 26_000_000 });
  });
});

/**
 * A late declaration (D01-TS), unit TL with L alone at 10,000,000 from 2026-08, declared on
 * 2026-10-05 (deadline 2026-08-31: Luật BHXH 41/2024/QH15 Art. 28 §1 as docs/features.md reads
 * it, UNVERIFIED). Its months are owed at once: 2026-08 … 2026-10, a month 10,000,000 × (22 + 3 +
 * 0.5 + 4.5 + 2) % = 3,200,000 (below the caps). Deadlines: the last day of the next month.
 *   2026-08: due 3,200,000, nothing overdue.   2026-09: overdue on 09-01: nothing (August's
 *   deadline is 09-30) → closing 6,400,000.   2026-10: overdue on 10-01: August, 3,200,000;
 *   interest 0.03 %/day × 31 days (Luật BHXH 41/2024/QH15 Art. 40) = 29,760;
 *   closing 6,400,000 + 3,200,000 + 29,760 = 9,629,760.
 */
describe('a late declaration (D01-TS)', () => {
  it('records the back months as owed and the statement charges interest from their deadlines', async () => {
    const bhxh = await database.db
      .selectFrom('participation_periods')
      .select(['from_month', 'employee_amount', 'employer_amount', 'status'])
      .where('bhxh_code', '=', L)
      .where('scheme', '=', 'bhxh_compulsory')
      .orderBy('from_month')
      .executeTakeFirstOrThrow();
    expect(bhxh).toMatchObject({ from_month: '2026-08-01', status: 'owed' });
    clock = new Date('2026-10-20T02:00:00Z');
    const { headers } = await signInAs(app, { role: 'employer', unitCode: 'TL0002' });
    const res = await app.inject({ url: '/api/v1/employer/statement/2026-10', headers });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      month: '2026-10',
      people: 1,
      salaryFund: 10_000_000,
      dueTotal: 3_200_000,
      opening: 6_400_000,
      paid: 0,
      interest: 29_760,
      closing: 9_629_760,
    });
  });
});
