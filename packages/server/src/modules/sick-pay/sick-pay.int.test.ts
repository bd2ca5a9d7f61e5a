import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app';
import type { DatabaseHandle } from '../../db/database';
import { signInAs } from '../../testing/auth';
import { createTestDatabase, testConfig } from '../../testing/database';
import { unitSigner } from '../../testing/unit-signer';

/**
 * Sick-pay claims (630a, issue #27 item 5) end to end: the unit's certificates, a batch, the
 * officer's approval, the benefit in the worker's history, the yearly limit, a certificate
 * claimed twice, and unit scoping. Amounts are hand-computed (Luật BHXH 41/2024/QH15 Art. 43(1),
 * 45: 75 % of the salary of the month before ÷ 24 × working days; 2026 calendar: 2026-03-09 and
 * 2026-04-06 are Mondays, no holiday in those weeks).
 */

const UNIT = 'SPU0001';
const OTHER_UNIT = 'SPU0002';
const WORKER = '0100000701';
const OTHER_WORKER = '0100000702';

interface Body {
  code: string;
  status: string;
  errors?: { field: string; code: string }[];
  items: {
    bhxhCode: string;
    maLk: string;
    number: string;
    status: string;
    amount: number | null;
    paidDays: number | null;
    kind: string;
    decisionNumber: string;
    estimate: { amount: number; paidDays: number; workingDays: number; contributionMonths: number } | null;
  }[];
  batchNumber: string;
  claims: { number: string; maLk: string; status: string; estimate: { amount: number } | null }[];
  claim: { number: string; status: string; amount: number | null };
  events: { action: string; actorType: string }[];
  allowedActions: string[];
}

let database: DatabaseHandle;
let app: FastifyInstance;
const clock = new Date('2026-05-04T03:00:00Z');
type Headers = { authorization: string };
let unitUser: Headers;
let otherUnitUser: Headers;
type Sign = (kind: string, payload: unknown) => Record<string, unknown>;
const signers = new Map<Headers, Sign>();
let officer: Headers;
let worker: Headers;
let keySeq = 0;
const key = () => `sick-${++keySeq}-${Date.now()}`;

async function certificate(bhxhCode: string, maLk: string, from: string, to: string, days: number) {
  await sql`INSERT INTO medical_visits (bhxh_code, ma_lk, clinic_code, card_number, visit_kind, route,
      admitted_at, discharged_at, treatment_days, icd10_main, total_cost, covered_cost, co_payment, fund_paid)
    VALUES (${bhxhCode}, ${maLk}, '01S77', ${bhxhCode}, '01', 1, ${`${from}T08:00:00`}, ${`${from}T10:00:00`}, 0,
      'J06.9', 200000, 200000, 40000, 160000)`.execute(database.db);
  const content = {
    days,
    from,
    to,
    diagnosis: 'Viêm đường hô hấp trên cấp',
    fields: { MA_LK: maLk, SO_CT: `CT-${maLk}`, MA_BS: 'BS-0042', TU_NGAY: from.replaceAll('-', '') },
  };
  await sql`INSERT INTO visit_documents (bhxh_code, ma_lk, kind, number, issued_on, content)
    VALUES (${bhxhCode}, ${maLk}, 'sick_leave', ${`CT-${maLk}`}, ${from}, ${JSON.stringify(content)}::jsonb)`.execute(
    database.db,
  );
}

beforeAll(async () => {
  database = await createTestDatabase();
  app = await buildApp(testConfig({ RATE_LIMIT_MAX: '100000', LOG_LEVEL: 'error' }), {
    database,
    now: () => clock,
  });
  unitUser = (await signInAs(app, { role: 'employer', unitCode: UNIT, unitAdmin: true })).headers;
  otherUnitUser = (await signInAs(app, { role: 'employer', unitCode: OTHER_UNIT, unitAdmin: true })).headers;
  signers.set(unitUser, (await unitSigner(app, unitUser)).sign);
  signers.set(otherUnitUser, (await unitSigner(app, otherUnitUser)).sign);
  officer = (await signInAs(app, { role: 'officer', agencyCode: 'TST01' })).headers;
  worker = (await signInAs(app, { role: 'citizen', bhxhCode: WORKER, displayName: 'Vũ Thị Lan' })).headers;
  await signInAs(app, { role: 'citizen', bhxhCode: OTHER_WORKER, displayName: 'Hồ Văn Nam' });
  const db = database.db;
  await sql`INSERT INTO clinics (code, name, level, address, province_code, issues_sick_leave)
    VALUES ('01S77', 'Bệnh viện thử nghiệm', 'district', 'Hà Nội', '01', true)`.execute(db);
  // The worker: compulsory BHXH at UNIT since 2010-01 (10,000,000 a month): 194 paid months
  // before March 2026, 16 years, so 40 days a year (Art. 43(1)(a)).
  await sql`INSERT INTO participation_periods (bhxh_code, scheme, from_month, to_month, unit_code, salary, status) VALUES
      (${WORKER}, 'bhxh_compulsory', '2010-01-01', '2026-12-01', ${UNIT}, 10000000, 'paid'),
      (${OTHER_WORKER}, 'bhxh_compulsory', '2020-01-01', '2026-12-01', ${OTHER_UNIT}, 8000000, 'paid')`.execute(
    db,
  );
  // 31 working days of sickness already granted in 2026: 5–30 January (20 weekdays and Saturday
  // 10/01, worked in exchange for Friday 02/01 — holiday-table.ts 2026) and 2–13 February (10).
  await sql`INSERT INTO benefit_payments (bhxh_code, kind, period_from, period_to, amount, decision_number, paid_on)
    VALUES (${WORKER}, 'sickness', '2026-01-05', '2026-02-13', 9375000, 'QD-2026-01', '2026-03-01')`.execute(
    db,
  );
  await certificate(WORKER, 'LK-A', '2026-03-09', '2026-03-13', 5);
  await certificate(WORKER, 'LK-B', '2026-04-06', '2026-04-17', 12);
  await certificate(WORKER, 'LK-C', '2026-04-20', '2026-04-21', 2);
  await certificate(OTHER_WORKER, 'LK-D', '2026-03-10', '2026-03-11', 2);
}, 60_000);
afterAll(async () => {
  await app.close();
  await database.close();
});

async function call(method: 'GET' | 'POST', url: string, headers: Headers, payload?: unknown, k?: string) {
  const res = await app.inject({
    method,
    url,
    headers: { ...headers, ...(k ? { 'idempotency-key': k } : {}) },
    ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
  });
  return { status: res.statusCode, body: res.json<Body>() };
}

/** A batch signed by the unit's admin over exactly these claims (`signed`: what was signed). */
const claim = (claims: unknown[], headers: Headers = unitUser, k = key(), signed: unknown[] = claims) =>
  call(
    'POST',
    '/api/v1/employer/sick-leave/claims',
    headers,
    { claims, signature: signers.get(headers)?.('630a', { claims: signed }) },
    k,
  );

const act = (number: string, action: string, extra: Record<string, unknown> = {}) =>
  call('POST', `/api/v1/officer/service-requests/${number}/actions`, officer, { action, ...extra }, key());

describe('sick-pay claims (630a)', () => {
  let numberA = '';
  let numberB = '';

  it("lists only the unit's workers' certificates, with the estimate, and audits the read", async () => {
    const res = await call('GET', '/api/v1/employer/sick-leave/certificates', unitUser);
    expect(res.status).toBe(200);
    expect(res.body.items.map((c) => c.maLk).sort()).toEqual(['LK-A', 'LK-B', 'LK-C']);
    const a = res.body.items.find((c) => c.maLk === 'LK-A');
    // 10,000,000 × 75 % ÷ 24 = 312,500 a day × 5 working days.
    expect(a?.estimate).toMatchObject({
      workingDays: 5,
      paidDays: 5,
      amount: 1_562_500,
      contributionMonths: 194,
    });
    const other = await call('GET', '/api/v1/employer/sick-leave/certificates', otherUnitUser);
    expect(other.body.items.map((c) => c.maLk)).toEqual(['LK-D']);
    const audit = await database.db
      .selectFrom('audit_log')
      .select(['actor_type', 'purpose'])
      .where('subject_bhxh_code', '=', WORKER)
      .where('action', '=', 'records.sick_leave.read')
      .execute();
    expect(audit).toEqual([{ actor_type: 'employer', purpose: 'sick_pay.claim' }]);
  });

  it("refuses another unit's certificate as unknown (404), writing nothing", async () => {
    const res = await claim([
      { bhxhCode: WORKER, maLk: 'LK-A', heavyWork: false },
      { bhxhCode: OTHER_WORKER, maLk: 'LK-D', heavyWork: false },
    ]);
    expect(res.status).toBe(404);
    const rows = await database.db.selectFrom('sick_pay_claims').select('ma_lk').execute();
    expect(rows).toEqual([]);
  });

  it('refuses a batch whose claims are not what the unit admin signed (422 on signature)', async () => {
    const res = await claim([{ bhxhCode: WORKER, maLk: 'LK-A', heavyWork: true }], unitUser, key(), [
      { bhxhCode: WORKER, maLk: 'LK-A', heavyWork: false },
    ]);
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('signature_invalid');
    expect(res.body.errors?.map((e) => e.field)).toEqual(['signature']);
    // Another unit's admin's signature over the same claims: refused too.
    const claims = [{ bhxhCode: WORKER, maLk: 'LK-A', heavyWork: false }];
    const foreign = await call(
      'POST',
      '/api/v1/employer/sick-leave/claims',
      unitUser,
      { claims, signature: signers.get(otherUnitUser)?.('630a', { claims }) },
      key(),
    );
    expect(foreign.status).toBe(422);
    expect(await database.db.selectFrom('sick_pay_claims').select('ma_lk').execute()).toEqual([]);
  });

  it('claims a batch: one request per certificate in the officers queue, the worker told', async () => {
    const k = key();
    const res = await claim(
      [
        { bhxhCode: WORKER, maLk: 'LK-A', heavyWork: false },
        { bhxhCode: WORKER, maLk: 'LK-B', heavyWork: false },
      ],
      unitUser,
      k,
    );
    expect(res.status).toBe(201);
    expect(res.body.batchNumber).toBe(`630a.${UNIT}.2026.0001`);
    const batch = await database.db
      .selectFrom('sick_pay_batches')
      .select(['payload_hash', 'signature'])
      .executeTakeFirstOrThrow();
    expect(batch.payload_hash).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(batch.signature).toHaveProperty('assertion.response.signature');
    expect(res.body.claims.map((c) => [c.maLk, c.status])).toEqual(
      expect.arrayContaining([
        ['LK-A', 'submitted'],
        ['LK-B', 'submitted'],
      ]),
    );
    numberA = res.body.claims.find((c) => c.maLk === 'LK-A')?.number ?? '';
    numberB = res.body.claims.find((c) => c.maLk === 'LK-B')?.number ?? '';
    // A retry with the same key: the same batch, nothing more.
    const again = await claim([{ bhxhCode: WORKER, maLk: 'LK-A', heavyWork: false }], unitUser, k);
    expect(again.status).toBe(200);
    expect(again.body.batchNumber).toBe(res.body.batchNumber);
    const queue = await call('GET', '/api/v1/officer/service-requests?type=sick_pay_claim', officer);
    expect(queue.body.items.map((i) => i.number).sort()).toEqual([numberA, numberB].sort());
    // The worker follows it but cannot act on it.
    const mine = await call('GET', `/api/v1/me/service-requests/${numberA}`, worker);
    expect(mine.body.allowedActions).toEqual([]);
    const withdraw = await call(
      'POST',
      `/api/v1/me/service-requests/${numberA}/actions`,
      worker,
      { action: 'withdraw' },
      key(),
    );
    expect(withdraw.status).toBe(409);
    const sms = await database.db
      .selectFrom('outbox')
      .select('idempotency_key')
      .where('idempotency_key', '=', `service-request:${numberA}:1:sms`)
      .execute();
    expect(sms).toHaveLength(0); // the worker has no phone on record here; the inbox has it:
    const inbox = await database.db
      .selectFrom('notifications')
      .select('template')
      .where('idempotency_key', '=', `service-request:${numberA}:1`)
      .execute();
    expect(inbox).toEqual([{ template: 'services.inbox.submit' }]);
  });

  it('refuses a certificate already claimed (409 naming the field)', async () => {
    const res = await claim([
      { bhxhCode: WORKER, maLk: 'LK-C', heavyWork: false },
      { bhxhCode: WORKER, maLk: 'LK-A', heavyWork: false },
    ]);
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('certificate_claimed');
    expect(res.body.errors).toEqual([expect.objectContaining({ field: 'claims.1.maLk', code: 'claimed' })]);
    const listed = await call('GET', '/api/v1/employer/sick-leave/certificates', unitUser);
    expect(listed.body.items.map((c) => c.maLk)).toEqual(['LK-C']);
  });

  it("answers another unit's claim as unknown (404)", async () => {
    expect((await call('GET', `/api/v1/employer/sick-leave/claims/${numberA}`, otherUnitUser)).status).toBe(
      404,
    );
    expect((await call('GET', '/api/v1/employer/sick-leave/claims', otherUnitUser)).body.items).toEqual([]);
    const supplement = await call(
      'POST',
      `/api/v1/employer/sick-leave/claims/${numberA}/supplement`,
      otherUnitUser,
      { note: 'x' },
      key(),
    );
    expect(supplement.status).toBe(404);
  });

  it('on approval writes the 630a amount in the worker’s benefits and tells the worker', async () => {
    expect((await act(numberA, 'receive')).status).toBe(200);
    const approved = await act(numberA, 'approve');
    expect(approved.status).toBe(200);
    const detail = await call('GET', `/api/v1/employer/sick-leave/claims/${numberA}`, unitUser);
    // 5 working days within the 9 left of 40: 5 × 312,500.
    expect(detail.body.claim).toMatchObject({ status: 'approved', amount: 1_562_500 });
    const benefits = await call('GET', '/api/v1/me/benefits', worker);
    const granted = benefits.body.items.find((b) => b.decisionNumber === numberA);
    expect(granted).toMatchObject({ kind: 'sickness', amount: 1_562_500, periodFrom: '2026-03-09' });
    const inbox = await database.db
      .selectFrom('notifications')
      .select(['template', 'params'])
      .where('template', '=', 'sickPay.granted')
      .execute();
    expect(inbox).toHaveLength(1);
    expect(inbox[0]?.params).toMatchObject({ number: numberA, days: '5', from: '09/03/2026' });
  });

  it('keeps to the yearly limit: 36 of 40 days used, so 4 of 10 paid', async () => {
    await act(numberB, 'receive');
    expect((await act(numberB, 'approve')).status).toBe(200);
    const detail = await call('GET', `/api/v1/employer/sick-leave/claims/${numberB}`, unitUser);
    // 4 × 312,500.
    expect(detail.body.claim).toMatchObject({ status: 'approved', amount: 1_250_000 });
    const row = await database.db
      .selectFrom('sick_pay_claims')
      .select(['paid_days'])
      .where('ma_lk', '=', 'LK-B')
      .executeTakeFirstOrThrow();
    expect(row.paid_days).toBe(4);
  });

  it('refuses to approve a claim with nothing left of the limit; a rejection frees the certificate', async () => {
    const res = await claim([{ bhxhCode: WORKER, maLk: 'LK-C', heavyWork: false }]);
    expect(res.status).toBe(201);
    const number = res.body.claims[0]?.number ?? '';
    expect(res.body.claims[0]?.estimate?.amount).toBe(0);
    await act(number, 'receive');
    const refused = await act(number, 'approve');
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe('sick_pay_limit_reached');
    expect((await act(number, 'reject', { reasonCode: 'not_eligible' })).status).toBe(200);
    const listed = await call('GET', '/api/v1/employer/sick-leave/certificates', unitUser);
    expect(listed.body.items.map((c) => c.maLk)).toEqual(['LK-C']);
  });

  it('lets the unit answer a supplement asked for, as the unit', async () => {
    const res = await claim([{ bhxhCode: OTHER_WORKER, maLk: 'LK-D', heavyWork: true }], otherUnitUser);
    const number = res.body.claims[0]?.number ?? '';
    await act(number, 'receive');
    await act(number, 'ask_supplement', { reasonText: 'Bảng chấm công tháng 3' });
    const answered = await call(
      'POST',
      `/api/v1/employer/sick-leave/claims/${number}/supplement`,
      otherUnitUser,
      { note: 'Đã gửi bảng chấm công' },
      key(),
    );
    expect(answered.status).toBe(200);
    expect(answered.body.events.at(-1)).toMatchObject({ action: 'supplement', actorType: 'employer' });
  });
});
