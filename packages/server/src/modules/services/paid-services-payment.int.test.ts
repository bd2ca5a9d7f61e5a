import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMonthsToDay, vietnamToday } from '@vssid/domain';
import { shiftDay } from '@vssid/domain/working-days';
import { buildApp } from '../../app';
import type { DatabaseHandle } from '../../db/database';
import { createTranslator } from '../../i18n';
import { signInAs } from '../../testing/auth';
import { createTestDatabase, testConfig } from '../../testing/database';
import { pdfText } from '../../testing/pdf';
import { payAtStandIn } from '../../testing/payments';
import { type StandInGateway, startStandInGateway } from '../payments/stand-in-gateway';
import { insertHouseholdWorld, PEOPLE } from '../../testing/paid-services';

/**
 * Issue #26 end to end on both engines: filing a household BHYT or voluntary BHXH request creates
 * its payment; the payer pays at the stand-in gateway (over real HTTP); the gateway's notification
 * completes the request (received and approved by the system) and applies its effect once — a GD
 * card per paying member with the validity of the law, shown in the member's and the guardian's
 * app, or a voluntary period in the history. Money arriving for a withdrawn request is recorded
 * as due for refund and changes nothing.
 */
const TMN = 'TESTMERCH';
const SECRET = 'test-merchant-hash-secret-0123456789';

let database: DatabaseHandle;
let app: FastifyInstance;
let standIn: StandInGateway;
let head: { authorization: string };
let volunteer: { authorization: string };
let spouse: { authorization: string };
let officer: { authorization: string };
let keySeq = 0;
const today = vietnamToday();

interface Answer {
  number: string;
  status: string;
  code: string;
  form: Record<string, unknown>;
  errors: { field: string; code: string }[];
  payment: { id: string; status: string; amountVnd: number; refundDue: boolean; payUrl?: string } | null;
}

beforeAll(async () => {
  database = await createTestDatabase();
  let appUrl = '';
  standIn = await startStandInGateway({
    merchant: { tmnCode: TMN, hashSecret: SECRET, ipnUrl: () => `${appUrl}/api/v1/payments/vnpay/ipn` },
    translator: createTranslator(),
    retryDelaysMs: [30, 30],
  });
  app = await buildApp(
    testConfig({
      RATE_LIMIT_MAX: '100000',
      PAYMENT_GATEWAY_URL: standIn.payUrl,
      PAYMENT_GATEWAY_API_URL: standIn.apiUrl,
      PAYMENT_TMN_CODE: TMN,
      PAYMENT_HASH_SECRET: SECRET,
    }),
    { database },
  );
  await app.listen({ host: '127.0.0.1', port: 0 });
  appUrl = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  await insertHouseholdWorld(database.db, today);
  head = (await signInAs(app, { role: 'citizen', bhxhCode: PEOPLE.head })).headers;
  volunteer = (await signInAs(app, { role: 'citizen', bhxhCode: PEOPLE.voluntary })).headers;
  spouse = (await signInAs(app, { role: 'citizen', bhxhCode: PEOPLE.spouse })).headers;
  // The agency receives requests when it has an officer.
  officer = (await signInAs(app, { role: 'officer', agencyCode: '0101' })).headers;
}, 60_000);
afterAll(async () => {
  await standIn.close();
  await app.close();
  await database.close();
});

async function call(method: 'GET' | 'POST', url: string, headers: object, payload?: object) {
  const res = await app.inject({
    method,
    url,
    headers: { ...headers, 'idempotency-key': `paid-pay-${++keySeq}` },
    ...(payload ? { payload } : {}),
  });
  return { status: res.statusCode, body: res.json<Answer>() };
}

/** Pays at the stand-in and waits for its notification to be handled. */
async function pay(payUrl: string | undefined) {
  if (!payUrl) throw new Error('no pay URL');
  const back = await payAtStandIn(payUrl, 'success');
  const returned = await app.inject({ url: `${back.pathname}${back.search}` });
  expect(returned.statusCode).toBe(302);
  await standIn.idle();
}

const MEMBERS = [
  { bhxhCode: PEOPLE.head, fullName: 'Vũ Văn Hải', dateOfBirth: '1980-04-02', relation: 'head' },
  { bhxhCode: PEOPLE.spouse, fullName: 'Lý Thị Lan', dateOfBirth: '1982-06-10', relation: 'spouse' },
  { bhxhCode: PEOPLE.grandmother, fullName: 'Đặng Thị Mơ', dateOfBirth: '1950-01-20', relation: 'parent' },
  { bhxhCode: PEOPLE.child, fullName: 'Vũ Minh An', dateOfBirth: '2012-09-01', relation: 'child' },
];

describe('filing a paid service', () => {
  it('keeps the quote with the request, allows one open request, and no approval by hand', async () => {
    const filed = await call('POST', '/api/v1/me/service-requests', head, {
      form: { type: 'household_hi', months: 12, members: MEMBERS },
      agencyCode: '0101',
    });
    expect(filed.status).toBe(201);
    expect(filed.body.status).toBe('submitted');
    expect((filed.body.form.quote as { amountVnd: number }).amountVnd).toBe(2_906_280);

    const again = await call('POST', '/api/v1/me/service-requests', head, {
      form: { type: 'household_hi', months: 12, members: MEMBERS },
      agencyCode: '0101',
    });
    expect(again.status).toBe(409);
    expect(again.body.errors[0]).toMatchObject({ field: 'form.type', code: 'pending_request' });

    const url = `/api/v1/officer/service-requests/${filed.body.number}/actions`;
    expect((await call('POST', url, officer, { action: 'receive' })).status).toBe(200);
    const approve = await call('POST', url, officer, { action: 'approve' });
    expect(approve.status).toBe(409);
    expect(approve.body.code).toBe('awaiting_payment');
    // Withdrawn: the household may file again.
    const withdraw = await call('POST', `/api/v1/me/service-requests/${filed.body.number}/actions`, head, {
      action: 'withdraw',
    });
    expect(withdraw.body.status).toBe('withdrawn');
  });
});

describe('paying again for a paid request', () => {
  it('a double click opens one payment; another person gets 404; a rejected request takes none', async () => {
    const filed = await call('POST', '/api/v1/me/service-requests', head, {
      form: { type: 'household_hi', months: 3, members: MEMBERS.slice(0, 2) },
      agencyCode: '0101',
    });
    expect(filed.status).toBe(201);
    const url = `/api/v1/me/service-requests/${filed.body.number}/payment`;
    type Pay = { paymentId: string; payUrl: string; amountVnd: number };
    const clicks = await Promise.all([1, 2, 3].map(() => call('POST', url, head)));
    expect(clicks.map((c) => c.status)).toEqual([200, 200, 200]);
    const ids = new Set(clicks.map((c) => (c.body as unknown as Pay).paymentId));
    // The payment opened at filing is still open at the gateway: every click leads to it.
    expect([...ids]).toEqual([filed.body.payment?.id]);
    const txnRefs = new Set(
      clicks.map((c) => new URL((c.body as unknown as Pay).payUrl).searchParams.get('vnp_TxnRef')),
    );
    expect(txnRefs.size).toBe(1);
    const request = await database.db
      .selectFrom('service_requests')
      .select('id')
      .where('number', '=', filed.body.number)
      .executeTakeFirstOrThrow();
    const count = await database.db
      .selectFrom('payments')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('purpose', '=', 'household_hi')
      .where('reference_id', '=', request.id)
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(1);

    // Another person (here a member of the household, not the filer) cannot pay or see it.
    expect((await call('POST', url, spouse)).status).toBe(404);
    expect((await call('GET', `/api/v1/me/service-requests/${filed.body.number}`, spouse)).status).toBe(404);

    // Once an officer rejected it, no payment opens.
    const officerUrl = `/api/v1/officer/service-requests/${filed.body.number}/actions`;
    expect((await call('POST', officerUrl, officer, { action: 'receive' })).status).toBe(200);
    expect(
      (await call('POST', officerUrl, officer, { action: 'reject', reasonCode: 'data_mismatch' })).status,
    ).toBe(200);
    const refused = await call('POST', url, head);
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('not_payable');
  });
});

describe('paying for a paid service', () => {
  it('household renewal: three paid members get GD cards, shown to each member and to the guardian', async () => {
    const filed = await call('POST', '/api/v1/me/service-requests', head, {
      form: { type: 'household_hi', months: 12, members: MEMBERS },
      agencyCode: '0101',
    });
    expect(filed.status).toBe(201);
    // 12 × (105,300 + 73,710 + 63,180): the grandmother (HT card) pays nothing.
    expect(filed.body.payment).toMatchObject({ status: 'pending', amountVnd: 2_906_280, refundDue: false });
    await pay(filed.body.payment?.payUrl);

    const after = await call('GET', `/api/v1/me/service-requests/${filed.body.number}`, head);
    expect(after.body.status).toBe('approved');
    expect(after.body.payment).toMatchObject({ status: 'paid', refundDue: false });
    // The e-receipt names the service in the reader's language, with the request's number.
    for (const [language, service] of [
      ['en', 'Renew or buy household health insurance'],
      ['ja', '世帯健康保険の更新・購入'],
      ['vi', 'Gia hạn, mua BHYT hộ gia đình'],
    ] as const) {
      const receipt = await app.inject({
        url: `/api/v1/me/payments/${filed.body.payment?.id ?? ''}/receipt`,
        headers: { ...head, 'accept-language': language },
      });
      expect(receipt.statusCode).toBe(200);
      expect(await pdfText(receipt.rawPayload)).toContain(`${service} – ${filed.body.number}`);
    }
    // The officers see it in their queue, approved by the system, with its payment.
    const seen = await call('GET', `/api/v1/officer/service-requests/${filed.body.number}`, officer);
    expect(seen.body).toMatchObject({
      status: 'approved',
      payment: { status: 'paid', amountVnd: 2_906_280 },
    });
    // A second payment is refused once paid.
    expect(
      (await call('POST', `/api/v1/me/service-requests/${filed.body.number}/payment`, head)).status,
    ).toBe(409);

    const cards = await database.db
      .selectFrom('bhyt_cards')
      .select(['bhxh_code', 'object_code', 'valid_from', 'valid_to', 'issued_on'])
      .where('issued_on', '=', today)
      .orderBy('bhxh_code')
      .execute();
    const spouseFrom = shiftDay(today, 25);
    expect(cards).toEqual([
      // ended 22 days ago (under 3 months): valid from the payment day (Luật BHYT Art. 16 §3)
      {
        bhxh_code: PEOPLE.head,
        object_code: 'GD',
        valid_from: today,
        valid_to: shiftDay(addMonthsToDay(today, 12), -1),
        issued_on: today,
      },
      // still valid: the new card follows the old one without a gap
      {
        bhxh_code: PEOPLE.spouse,
        object_code: 'GD',
        valid_from: spouseFrom,
        valid_to: shiftDay(addMonthsToDay(spouseFrom, 12), -1),
        issued_on: today,
      },
      // first time: valid 30 days after the payment
      {
        bhxh_code: PEOPLE.child,
        object_code: 'GD',
        valid_from: shiftDay(today, 30),
        valid_to: shiftDay(addMonthsToDay(shiftDay(today, 30), 12), -1),
        issued_on: today,
      },
    ]);

    // The guardian's app lists the ward's new card (valid in 30 days); the head's own is valid today.
    const family = await app.inject({ url: '/api/v1/me/cards', headers: head });
    expect(family.statusCode).toBe(200);
    const list = family.json<{
      cards: {
        holder: { bhxhCode: string };
        card: { objectCode: string; validFrom: string; status: string } | null;
      }[];
    }>();
    const byCode = new Map(list.cards.map((c) => [c.holder.bhxhCode, c.card]));
    expect(byCode.get(PEOPLE.head)).toMatchObject({ objectCode: 'GD', validFrom: today, status: 'valid' });
    expect(byCode.get(PEOPLE.child)).toMatchObject({
      objectCode: 'GD',
      validFrom: shiftDay(today, 30),
      status: 'not_yet_valid',
    });
    // Each member is told in their inbox (the spouse has an account).
    const inbox = await database.db
      .selectFrom('notifications')
      .select('template')
      .where('template', '=', 'services.householdCardIssued')
      .execute();
    expect(inbox.length).toBe(2); // head and spouse have accounts; the child has none
    expect((await app.inject({ url: '/api/v1/me/cards', headers: spouse })).statusCode).toBe(200);
  });

  it('voluntary registration: the paid period appears in the participation history', async () => {
    const filed = await call('POST', '/api/v1/me/service-requests', volunteer, {
      form: {
        type: 'voluntary_si_register',
        chosenIncome: 2_000_000,
        supportGroup: 'near_poor',
        mode: 'half_yearly',
      },
      agencyCode: '0101',
    });
    expect(filed.status).toBe(201);
    // 6 × (440,000 − 132,000) (NĐ 159/2025: near-poor 40 % of 330,000)
    expect(filed.body.payment).toMatchObject({ status: 'pending', amountVnd: 1_848_000 });
    await pay(filed.body.payment?.payUrl);
    expect(
      (await call('GET', `/api/v1/me/service-requests/${filed.body.number}`, volunteer)).body.status,
    ).toBe('approved');
    const periods = await database.db
      .selectFrom('participation_periods')
      .select(['scheme', 'from_month', 'to_month', 'salary', 'employee_amount', 'state_support', 'status'])
      .where('bhxh_code', '=', PEOPLE.voluntary)
      .execute();
    const first = `${today.slice(0, 7)}-01`;
    expect(periods).toEqual([
      {
        scheme: 'bhxh_voluntary',
        from_month: first,
        to_month: addMonthsToDay(first, 5),
        salary: '2000000',
        employee_amount: '1848000',
        state_support: '792000',
        status: 'paid',
      },
    ]);
    const history = await app.inject({ url: '/api/v1/me/participation', headers: volunteer });
    expect(history.statusCode).toBe(200);
    expect(history.body).toContain('bhxh_voluntary');
    // Paying the next period: the quote now continues after the paid months.
    const next = await call('POST', '/api/v1/me/service-quotes', volunteer, {
      form: {
        type: 'voluntary_si_register',
        chosenIncome: 2_000_000,
        supportGroup: 'near_poor',
        mode: 'monthly',
      },
    });
    expect(next.body).toMatchObject({
      voluntary: { kind: 'continue', fromMonth: addMonthsToDay(first, 6).slice(0, 7) },
    });
  });

  it('money for a withdrawn request is recorded as due for refund and changes nothing', async () => {
    const filed = await call('POST', '/api/v1/me/service-requests', volunteer, {
      form: {
        type: 'voluntary_si_register',
        chosenIncome: 1_500_000,
        supportGroup: 'other',
        mode: 'monthly',
      },
      agencyCode: '0101',
    });
    expect(filed.status).toBe(201);
    const withdrawn = await call(
      'POST',
      `/api/v1/me/service-requests/${filed.body.number}/actions`,
      volunteer,
      {
        action: 'withdraw',
      },
    );
    expect(withdrawn.body.status).toBe('withdrawn');
    expect(
      (await call('POST', `/api/v1/me/service-requests/${filed.body.number}/payment`, volunteer)).status,
    ).toBe(409);
    await pay(filed.body.payment?.payUrl);
    const after = await call('GET', `/api/v1/me/service-requests/${filed.body.number}`, volunteer);
    expect(after.body.status).toBe('withdrawn');
    expect(after.body.payment).toMatchObject({ status: 'paid', refundDue: true });
    const periods = await database.db
      .selectFrom('participation_periods')
      .select('id')
      .where('bhxh_code', '=', PEOPLE.voluntary)
      .execute();
    expect(periods).toHaveLength(1);
  });
});
