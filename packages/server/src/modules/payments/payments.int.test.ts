import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vietnamToday } from '@vssid/domain';
import { buildApp } from '../../app';
import type { DatabaseHandle } from '../../db/database';
import { createTranslator } from '../../i18n';
import { signInAs } from '../../testing/auth';
import { createTestDatabase, testConfig } from '../../testing/database';
import { payAtStandIn } from '../../testing/payments';
import type { PaymentPurpose } from '.';
import { httpPaymentGateway, type PaymentGateway } from './gateway';
import { createReconciliation } from './reconciliation';
import { type StandInGateway, startStandInGateway } from './stand-in-gateway';
import { signedQuery } from './vnpay';

/**
 * Issue #26 acceptance (payments), on both engines: the real app on a real listener, the
 * stand-in gateway on its own, the payer's browser played over HTTP. A test-only purpose
 * (`test_fee`) takes the money: reference `withdrawn` is no longer payable, `broken` fails in
 * `onPaid` (the notification then answers 99 and the gateway retries, then gives up).
 */
const TMN = 'TESTMERCH';
const SECRET = 'test-merchant-hash-secret-0123456789';
const PAYER = '0100000042';

let database: DatabaseHandle;
let app: FastifyInstance;
let standIn: StandInGateway;
let citizen: { authorization: string };
let officer01: { authorization: string };
let officer79: { authorization: string };
let central: { authorization: string };
const credited: string[] = [];

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
      PAYMENT_GATEWAY_URL: standIn.payUrl,
      PAYMENT_GATEWAY_API_URL: standIn.apiUrl,
      PAYMENT_TMN_CODE: TMN,
      PAYMENT_HASH_SECRET: SECRET,
    }),
    { database },
  );
  await app.listen({ host: '127.0.0.1', port: 0 });
  appUrl = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const testFee: PaymentPurpose = {
    purpose: 'test_fee',
    isPayable: (_trx, referenceId) => Promise.resolve(referenceId !== 'withdrawn'),
    onPaid: (_trx, payment) => {
      if (payment.reference_id === 'broken') return Promise.reject(new Error('the purpose failed'));
      credited.push(payment.id);
      return Promise.resolve();
    },
  };
  app.payments.registerPurpose(testFee);
  citizen = (await signInAs(app, { role: 'citizen', bhxhCode: PAYER })).headers;
  await sql`UPDATE persons SET province_code = '01' WHERE bhxh_code = ${PAYER}`.execute(database.db);
  await sql`INSERT INTO bhxh_agencies (code, level, name, address, province_code)
            VALUES ('TW', 'central', 'BHXH Việt Nam', 'Hà Nội', '01'),
                   ('79', 'province', 'BHXH TP. Hồ Chí Minh', 'TP. Hồ Chí Minh', '79')`.execute(database.db);
  officer01 = (await signInAs(app, { role: 'officer', agencyCode: '01' })).headers;
  officer79 = (await signInAs(app, { role: 'officer', agencyCode: '79' })).headers;
  central = (await signInAs(app, { role: 'officer', agencyCode: 'TW' })).headers;
});
afterAll(async () => {
  await standIn.close();
  await app.close();
  await database.close();
});

function create(referenceId: string, amountVnd = 150_000) {
  return database.db.transaction().execute((trx) =>
    app.payments.createPayment(trx, {
      purpose: 'test_fee',
      referenceId,
      bhxhCode: PAYER,
      amountVnd,
      orderInfo: `Đóng BHXH tự nguyện ${referenceId}`,
      locale: 'vi',
      returnPath: '/services/requests/1',
    }),
  );
}

const mine = async (id: string) =>
  (await app.inject({ url: `/api/v1/me/payments/${id}`, headers: citizen })).json<{
    status: string;
    refundDue: boolean;
    amountVnd: number;
  }>();

const ipn = async (query: string) =>
  (await app.inject({ url: `/api/v1/payments/vnpay/ipn?${query}` })).json<{ RspCode: string }>();

const auditOf = async (action: string, targetId: string) =>
  (
    await sql<{ n: number }>`SELECT count(*)::int AS n FROM audit_log
      WHERE action = ${action} AND target_id = ${targetId}`.execute(database.db)
  ).rows[0]?.n;

/** The gateway's result parameters for a payment, as it would sign them (with the merchant secret). */
function result(txnRef: string, amountVnd: number, responseCode = '00') {
  return {
    vnp_Amount: String(amountVnd * 100),
    vnp_BankCode: 'NCB',
    vnp_OrderInfo: 'x',
    vnp_PayDate: `${vietnamToday().replaceAll('-', '')}101500`,
    vnp_ResponseCode: responseCode,
    vnp_TmnCode: TMN,
    vnp_TransactionNo: '99000001',
    vnp_TransactionStatus: responseCode === '00' ? '00' : '02',
    vnp_TxnRef: txnRef,
  };
}

describe('payments through the stand-in gateway', () => {
  it('credits a payment once: the notification decides, a repeated one answers 02, the return page decides nothing', async () => {
    const { paymentId, txnRef, payUrl } = await create('req-1');
    expect(payUrl.startsWith(`${standIn.payUrl}?`)).toBe(true);
    const sent = new URL(payUrl).searchParams;
    expect(sent.get('vnp_Amount')).toBe('15000000');
    expect(sent.get('vnp_Command')).toBe('pay');
    expect(sent.get('vnp_OrderInfo')).toBe('Dong BHXH tu nguyen req-1');
    expect(await mine(paymentId)).toMatchObject({ status: 'pending', amountVnd: 150_000 });
    // No receipt before the money.
    expect(
      (await app.inject({ url: `/api/v1/me/payments/${paymentId}/receipt`, headers: citizen })).statusCode,
    ).toBe(409);

    const back = await payAtStandIn(payUrl, 'success');
    const returned = await app.inject({ url: `${back.pathname}${back.search}` });
    expect(returned.statusCode).toBe(302);
    expect(returned.headers.location).toBe(`/payments/${paymentId}`);
    await standIn.idle();
    expect(await mine(paymentId)).toMatchObject({ status: 'paid', refundDue: false });
    expect(credited.filter((id) => id === paymentId)).toHaveLength(1);

    // The gateway delivers the same notification again: answered 02, credited still once.
    expect(await ipn(back.search.slice(1))).toEqual({ RspCode: '02', Message: 'Order already confirmed' });
    expect(credited.filter((id) => id === paymentId)).toHaveLength(1);
    const log = await sql<{ rsp_code: string }>`SELECT rsp_code FROM payment_notifications
      WHERE txn_ref = ${txnRef} ORDER BY id`.execute(database.db);
    expect(log.rows.map((r) => r.rsp_code)).toEqual(['00', '02']);
    expect(await auditOf('payment.credited', paymentId)).toBe(1);

    // The e-receipt, in the caller's language.
    const receipt = await app.inject({
      url: `/api/v1/me/payments/${paymentId}/receipt`,
      headers: { ...citizen, 'accept-language': 'en' },
    });
    expect(receipt.statusCode).toBe(200);
    expect(receipt.headers['content-type']).toBe('application/pdf');
    expect(receipt.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    for (const language of ['vi', 'zh', 'ja', 'ko']) {
      const other = await app.inject({
        url: `/api/v1/me/payments/${paymentId}/receipt`,
        headers: { ...citizen, 'accept-language': language },
      });
      expect(other.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    }
    // Another person's payment is not found.
    const other = (await signInAs(app, { role: 'citizen', bhxhCode: '0100000043' })).headers;
    expect((await app.inject({ url: `/api/v1/me/payments/${paymentId}`, headers: other })).statusCode).toBe(
      404,
    );
  });

  it('refuses a forged notification (97) and a wrong amount (04), logs and audits them, and credits nothing', async () => {
    const { paymentId, txnRef } = await create('req-2', 200_000);
    const forged = signedQuery(result(txnRef, 200_000), 'not-the-merchant-secret-0000');
    expect(await ipn(forged)).toMatchObject({ RspCode: '97' });
    // A genuine signature over other values: one changed field breaks it.
    const genuine = new URLSearchParams(signedQuery(result(txnRef, 200_000, '24'), SECRET));
    genuine.set('vnp_ResponseCode', '00');
    expect(await ipn(genuine.toString())).toMatchObject({ RspCode: '97' });
    // Signed, but for another amount.
    expect(await ipn(signedQuery(result(txnRef, 2_000, '00'), SECRET))).toEqual({
      RspCode: '04',
      Message: 'Invalid amount',
    });
    // An order we never made.
    expect(await ipn(signedQuery(result('VSNOSUCHORDER01', 2_000), SECRET))).toMatchObject({ RspCode: '01' });
    expect(await mine(paymentId)).toMatchObject({ status: 'pending' });
    expect(credited).not.toContain(paymentId);
    expect(await auditOf('payment.notification_refused', paymentId)).toBe(3);
    // The return route with a forged query shows no payment.
    const returned = await app.inject({ url: `/api/v1/payments/vnpay/return?${forged}` });
    expect(returned.headers.location).toBe('/payments/unknown');
    // Then the real one arrives, five times at once: credited by one, the others answered 02.
    const genuineQuery = signedQuery(result(txnRef, 200_000), SECRET);
    const answers = await Promise.all([1, 2, 3, 4, 5].map(() => ipn(genuineQuery)));
    expect(answers.map((a) => a.RspCode).sort()).toEqual(['00', '02', '02', '02', '02']);
    expect(await mine(paymentId)).toMatchObject({ status: 'paid' });
    expect(credited.filter((id) => id === paymentId)).toHaveLength(1);
  });

  it('records a cancelled and a failed payment without crediting', async () => {
    const cancelled = await create('req-3');
    await payAtStandIn(cancelled.payUrl, 'cancel');
    const failed = await create('req-4');
    await payAtStandIn(failed.payUrl, 'failure');
    await standIn.idle();
    expect(await mine(cancelled.paymentId)).toMatchObject({ status: 'cancelled' });
    expect(await mine(failed.paymentId)).toMatchObject({ status: 'failed' });
    expect(credited).not.toContain(cancelled.paymentId);
    expect(credited).not.toContain(failed.paymentId);
  });

  it('records money for a withdrawn request as refund due, listed for the officers of the province', async () => {
    const { paymentId, txnRef, payUrl } = await create('withdrawn', 99_000);
    await payAtStandIn(payUrl, 'success');
    await standIn.idle();
    expect(await mine(paymentId)).toMatchObject({ status: 'paid', refundDue: true });
    expect(credited).not.toContain(paymentId);
    expect(await auditOf('payment.refund_due', paymentId)).toBe(1);

    const list = await app.inject({ url: '/api/v1/officer/payments/differences', headers: officer01 });
    const item = list
      .json<{ items: { id: string; kind: string; txnRef: string; ourAmountVnd: number }[] }>()
      .items.find((d) => d.txnRef === txnRef);
    expect(item).toMatchObject({ kind: 'refund_due', ourAmountVnd: 99_000 });
    // Another province's officer neither sees nor resolves it.
    const elsewhere = await app.inject({ url: '/api/v1/officer/payments/differences', headers: officer79 });
    expect(elsewhere.json<{ items: unknown[] }>().items).toEqual([]);
    const id = item?.id ?? '';
    const resolveAs = (headers: Record<string, string>, note = 'Đã hoàn tiền qua tài khoản ngân hàng') =>
      app.inject({
        method: 'POST',
        url: `/api/v1/officer/payments/differences/${id}/resolve`,
        headers,
        payload: { note },
      });
    expect((await resolveAs(officer79)).statusCode).toBe(404);
    expect((await resolveAs(officer01, '')).statusCode).toBe(400);
    const resolved = await resolveAs(officer01);
    expect(resolved.statusCode).toBe(200);
    expect(resolved.json()).toMatchObject({ resolutionNote: 'Đã hoàn tiền qua tài khoản ngân hàng' });
    expect((await resolveAs(officer01)).statusCode).toBe(409);
    expect(await auditOf('payment.difference_resolved', id)).toBe(1);
    const done = await app.inject({
      url: '/api/v1/officer/payments/differences?state=resolved',
      headers: officer01,
    });
    expect(done.json<{ items: { txnRef: string }[] }>().items.map((d) => d.txnRef)).toContain(txnRef);
  });

  it('reconciles a day once, asking the gateway about each payment (querydr)', async () => {
    // Money taken, our notification handling failed every time (99): still pending here.
    const broken = await create('broken', 120_000);
    await payAtStandIn(broken.payUrl, 'success');
    // Money taken for a reference we never made (the gateway's notification got 01): querydr
    // answers only about references we ask for, so this one is not found (no `missing_ours`).
    const gateway = app.payments.gateway;
    if (!gateway) throw new Error('no gateway');
    const foreign = gateway.payUrl({
      amountVnd: 50_000,
      txnRef: 'VSFOREIGN000001',
      orderInfo: 'x',
      language: 'vi',
      returnUrl: 'http://localhost/return',
      ipAddr: '127.0.0.1',
      createdAt: new Date(),
      expiresAt: new Date(Date.now() + 600_000),
    });
    await payAtStandIn(foreign, 'success');
    // Paid on both sides, but our amount differs from the gateway's.
    const differing = await create('req-5', 80_000);
    await payAtStandIn(differing.payUrl, 'success');
    await standIn.idle();
    await sql`UPDATE payments SET amount_vnd = 85000 WHERE id = ${differing.paymentId}`.execute(database.db);
    // Paid here, unknown to the gateway.
    const ghost = await create('req-6', 70_000);
    const payDate = `${vietnamToday().replaceAll('-', '')}090000`;
    await sql`UPDATE payments SET status = 'paid', settled_at = now(), gateway_pay_date = ${payDate}
              WHERE id = ${ghost.paymentId}`.execute(database.db);
    expect(await mine(broken.paymentId)).toMatchObject({ status: 'pending' });

    // Created today, refused at the gateway: failed on both sides, no difference.
    const refused = await create('req-7', 60_000);
    await payAtStandIn(refused.payUrl, 'failure');
    await standIn.idle();
    expect(await mine(refused.paymentId)).toMatchObject({ status: 'failed' });

    const day = vietnamToday();
    const run = await app.paymentReconciliation.runOnce(day);
    // …and the payment of the second test, credited by a notification signed in the test (as the
    // gateway would) that the gateway's own records do not hold (querydr: 91).
    expect(run).toEqual({ day, differences: 4, unqueried: 0 });
    expect(await app.paymentReconciliation.runOnce(day)).toBeNull();

    type Item = { kind: string; txnRef: string; ourAmountVnd: number | null; theirAmountVnd: number | null };
    const all = (await app.inject({ url: '/api/v1/officer/payments/differences', headers: central })).json<{
      items: Item[];
    }>().items;
    const kindOf = (txnRef: string) => all.filter((d) => d.txnRef === txnRef && d.kind !== 'refund_due');
    expect(kindOf(broken.txnRef)).toMatchObject([{ kind: 'state_mismatch', theirAmountVnd: 120_000 }]);
    expect(kindOf('VSFOREIGN000001')).toEqual([]);
    expect(kindOf(refused.txnRef)).toEqual([]);
    expect(kindOf(differing.txnRef)).toMatchObject([
      { kind: 'amount_mismatch', ourAmountVnd: 85_000, theirAmountVnd: 80_000 },
    ]);
    expect(kindOf(ghost.txnRef)).toMatchObject([{ kind: 'missing_theirs', theirAmountVnd: null }]);
    expect(all.filter((d) => d.kind === 'missing_theirs')).toHaveLength(2);
    // The province's officer sees its persons' differences, not the one of no known person.
    const province = (
      await app.inject({ url: '/api/v1/officer/payments/differences', headers: officer01 })
    ).json<{ items: Item[] }>().items;
    expect(province.map((d) => d.txnRef)).toContain(ghost.txnRef);
  });

  it('leaves a day open when the gateway cannot be asked, and adds nothing twice when it runs again', async () => {
    const day = '2026-01-15';
    const createdAt = new Date('2026-01-15T03:00:00Z');
    const paid = await create('unreachable', 40_000);
    await sql`UPDATE payments SET status = 'paid', settled_at = now(), created_at = ${createdAt},
              gateway_pay_date = '20260115100000' WHERE id = ${paid.paymentId}`.execute(database.db);
    const reconcile = (gateway: PaymentGateway) =>
      createReconciliation({ db: database.db, gateway, concurrency: 2 }).reconcile(day);
    const asking = app.payments.gateway;
    if (!asking) throw new Error('no gateway');
    // A gateway that never answers in time (the adapter's per-call timeout, here 50 ms).
    const silent = http.createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const silentUrl = `http://127.0.0.1:${(silent.address() as AddressInfo).port}/merchant_webapi/api/transaction`;
    try {
      const unreachable = httpPaymentGateway(
        { payUrl: standIn.payUrl, apiUrl: silentUrl, tmnCode: TMN, hashSecret: SECRET },
        { callTimeoutMs: 50 },
      );
      expect(await reconcile(unreachable)).toEqual({ day, differences: 0, unqueried: 1 });
    } finally {
      silent.closeAllConnections();
      await new Promise<void>((resolve) =>
        silent.close(() => {
          resolve();
        }),
      );
    }
    const runs = async () =>
      (
        await sql<{
          n: number;
        }>`SELECT count(*)::int AS n FROM payment_reconciliation_runs WHERE run_date = ${day}`.execute(
          database.db,
        )
      ).rows[0]?.n;
    expect(await runs()).toBe(0);
    // The next passes, after midnight, by default take the oldest open day of the last three
    // (2026-01-14 had nothing), then this one, reaching the stand-in: paid here, unknown there.
    const later = createReconciliation({
      db: database.db,
      gateway: asking,
      now: () => new Date('2026-01-17T05:00:00Z'),
    });
    expect(await later.reconcile()).toEqual({ day: '2026-01-14', differences: 0, unqueried: 0 });
    expect(await later.reconcile()).toEqual({ day, differences: 1, unqueried: 0 });
    expect(await runs()).toBe(1);
    expect(await reconcile(asking)).toBeNull();
    const rows = await sql<{ kind: string }>`SELECT kind FROM payment_differences
      WHERE txn_ref = ${paid.txnRef}`.execute(database.db);
    expect(rows.rows).toEqual([{ kind: 'missing_theirs' }]);
  });
});
