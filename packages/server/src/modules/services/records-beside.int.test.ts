import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecordsBeside } from '@vssid/domain/api/services';
import { buildApp } from '../../app';
import type { DatabaseHandle } from '../../db/database';
import { signInAs } from '../../testing/auth';
import { createTestDatabase, testConfig } from '../../testing/database';
import { FAMILY, insertFamily } from '../card/test-fixtures';

/**
 * The officer's request page (issue 23 item 6): the person's records beside the request, read
 * through the records' data-access layer — audited with the purpose of processing the request and
 * shown to the person under "who viewed my data" — and 404 for another agency's officer.
 */

interface OfficerView {
  number: string;
  records: RecordsBeside | null;
}
interface DataAccess {
  items: { action: string; purposeCode: string | null; steps: { action: string }[] }[];
}

let database: DatabaseHandle;
let app: FastifyInstance;
const clock = new Date('2026-12-07T02:00:00Z');
type Headers = { authorization: string };
let parent: Headers;
let stranger: Headers;
let officer: Headers;
let officer79: Headers;
let keySeq = 0;

async function file(headers: Headers, form: Record<string, unknown>): Promise<string> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/me/service-requests',
    headers: { ...headers, 'idempotency-key': `beside-test-${++keySeq}` },
    payload: { agencyCode: '0101', form },
  });
  expect(res.statusCode).toBe(201);
  return res.json<{ number: string }>().number;
}

const open = (number: string, headers: Headers = officer) =>
  app.inject({ method: 'GET', url: `/api/v1/officer/service-requests/${number}`, headers });

const overviewReads = (subject: string) =>
  database.db
    .selectFrom('audit_log')
    .select(['actor_type', 'purpose', 'target_type', 'target_id'])
    .where('subject_bhxh_code', '=', subject)
    .where('action', '=', 'records.overview.read')
    .execute();

beforeAll(async () => {
  database = await createTestDatabase();
  app = await buildApp(testConfig({ RATE_LIMIT_MAX: '100000' }), { database, now: () => clock });
  await insertFamily(database.db, '2026-12-07');
  const db = database.db;
  await db
    .insertInto('participation_periods')
    .values(
      (
        [
          ['2010-01', '2019-12', 'paid'],
          ['2020-01', '2026-10', 'paid'],
          ['2026-11', '2026-11', 'owed'],
        ] as const
      ).map(([from, to, status]) => ({
        bhxh_code: FAMILY.parent,
        scheme: 'bhxh_compulsory' as const,
        from_month: `${from}-01`,
        to_month: `${to}-01`,
        unit_code: null,
        position: null,
        salary: 9_000_000,
        employee_rate_bp: 800,
        employer_rate_bp: 1400,
        employee_amount: 0,
        employer_amount: 0,
        state_support: 0,
        status,
      })),
    )
    .execute();
  await db
    .insertInto('benefit_payments')
    .values(
      (['2026-10', '2026-11'] as const).map((month) => ({
        bhxh_code: FAMILY.parent,
        kind: 'pension' as const,
        period_from: `${month}-01`,
        period_to: `${month}-28`,
        amount: 5_100_000,
        decision_number: '901/QĐ-BHXH',
        paid_on: month === '2026-10' ? '2026-10-05' : null,
      })),
    )
    .execute();
  parent = (await signInAs(app, { role: 'citizen', bhxhCode: FAMILY.parent })).headers;
  stranger = (await signInAs(app, { role: 'citizen', bhxhCode: FAMILY.stranger })).headers;
  officer = (await signInAs(app, { role: 'officer', agencyCode: '0101', displayName: 'Cán bộ Ba Đình' }))
    .headers;
  officer79 = (await signInAs(app, { role: 'officer', agencyCode: '79' })).headers;
}, 90_000);
afterAll(async () => {
  await app.close();
  await database.close();
});

describe("the officer's request page: the person's records beside the request", () => {
  it('shows the card, participation, benefits and other open requests, audited with its purpose', async () => {
    const first = await file(parent, { type: 'bhyt_card_reissue', reason: 'lost' });
    const number = await file(parent, {
      type: 'pension_payment_change',
      method: 'bank_account',
      bankName: 'Vietcombank',
      accountNumber: '0123456789',
      accountHolder: 'Nguyễn Thị Hoà',
    });
    const res = await open(number);
    expect(res.statusCode).toBe(200);
    const records = res.json<OfficerView>().records;
    expect(records?.cards).toEqual([
      expect.objectContaining({
        cardNumber: FAMILY.parent,
        objectCode: 'DN',
        benefitLevel: 4,
        fundPercent: 80,
        clinic: { code: '01C54', name: 'Trạm Y tế phường Ba Đình' },
        status: 'valid',
      }),
    ]);
    expect(records?.participation.bhxhCombined).toMatchObject({ months: 202 });
    expect(records?.participation.schemes[0]).toMatchObject({ scheme: 'bhxh_compulsory', owedMonths: 1 });
    expect(records?.participation.lastPeriods[0]).toMatchObject({ fromMonth: '2026-11', status: 'owed' });
    expect(records?.benefits.monthly).toEqual([
      expect.objectContaining({ kind: 'pension', monthlyAmount: 5_100_000, pendingMonths: 1 }),
    ]);
    expect(records?.benefits.arrangement).toBeNull();
    expect(records?.openRequests.map((r) => r.number)).toEqual([first]);

    // Audited as a read for the request, with the purpose of processing it …
    expect(await overviewReads(FAMILY.parent)).toEqual([
      {
        actor_type: 'officer',
        purpose: 'services.review',
        target_type: 'service_request',
        target_id: number,
      },
    ]);
    // … and shown to the person under "who viewed my data".
    const trail = await app.inject({ method: 'GET', url: '/api/v1/me/data-access', headers: parent });
    expect(trail.statusCode).toBe(200);
    const steps = trail.json<DataAccess>().items.flatMap((i) => i.steps.map((s) => s.action));
    expect(steps).toContain('records.overview.read');
    const item = trail
      .json<DataAccess>()
      .items.find((i) => i.steps.some((s) => s.action === 'records.overview.read'));
    expect(item?.purposeCode).toBe('services.review');
  });

  it("answers 404 to another agency's officer and writes no read", async () => {
    const number = await file(parent, { type: 'bhyt_card_reissue', reason: 'damaged' });
    const before = (await overviewReads(FAMILY.parent)).length;
    const res = await open(number, officer79);
    expect(res.statusCode).toBe(404);
    expect(await overviewReads(FAMILY.parent)).toHaveLength(before);
  });

  it('reads a person of another province while their request is open, not after it is decided', async () => {
    // The stranger lives in province 79 and files at the Ba Đình office (01).
    const number = await file(stranger, { type: 'bhyt_card_reissue', reason: 'lost' });
    const opened = await open(number);
    expect(opened.statusCode).toBe(200);
    expect(opened.json<OfficerView>().records?.cards[0]).toMatchObject({ cardNumber: FAMILY.stranger });
    expect(await overviewReads(FAMILY.stranger)).toHaveLength(1);
    // The records route itself keeps its province rule for this officer.
    const direct = await app.inject({
      method: 'GET',
      url: `/api/v1/persons/${FAMILY.stranger}/participation?purpose=${encodeURIComponent('kiểm tra')}`,
      headers: officer,
    });
    expect(direct.statusCode).toBe(404);

    const rejected = await app.inject({
      method: 'POST',
      url: `/api/v1/officer/service-requests/${number}/actions`,
      headers: { ...officer, 'idempotency-key': `beside-test-${++keySeq}` },
      payload: { action: 'reject', reasonCode: 'data_mismatch' },
    });
    expect(rejected.statusCode).toBe(200);
    const closed = await open(number);
    expect(closed.statusCode).toBe(200);
    expect(closed.json<OfficerView>().records).toBeNull();
    expect(await overviewReads(FAMILY.stranger)).toHaveLength(1);
  });
});
