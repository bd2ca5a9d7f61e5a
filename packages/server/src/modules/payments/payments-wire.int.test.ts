import { createHmac } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app';
import type { DatabaseHandle } from '../../db/database';
import { createTranslator } from '../../i18n';
import { signInAs } from '../../testing/auth';
import { createTestDatabase, testConfig } from '../../testing/database';
import { sql } from 'kysely';
import type { PaymentPurpose } from '.';
import { payAtStandIn } from '../../testing/payments';
import { httpPaymentGateway, type PaymentGateway } from './gateway';
import { type StandInGateway, startStandInGateway } from './stand-in-gateway';

/**
 * The IPN as VNPay's gateway sends it, built here WITHOUT our protocol module (vnpay.ts): the
 * query encoded and signed the way VNPay's published merchant code (PHP `urlencode`, Java
 * `URLEncoder`) encodes — every character but `A-Za-z0-9-_.` percent-encoded, spaces as `+`,
 * keys sorted, empty values kept — with the fields a real notification carries (vnp_BankTranNo,
 * vnp_CardType, vnp_SecureHashType, fields added to the protocol later), Vietnamese text in
 * vnp_OrderInfo, the hash in either case of hex.
 */
const TMN = 'WIREMRCH';
const SECRET = 'wire-format-hash-secret-ABCDEFGHIJ';
const PAYER = '0100000052';

let database: DatabaseHandle;
let app: FastifyInstance;
let standIn: StandInGateway;
let citizen: { authorization: string };
const credited: string[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  let appUrl = '';
  standIn = await startStandInGateway({
    merchant: { tmnCode: TMN, hashSecret: SECRET, ipnUrl: () => `${appUrl}/api/v1/payments/vnpay/ipn` },
    translator: createTranslator(),
    retryDelaysMs: [30],
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
  const wireFee: PaymentPurpose = {
    purpose: 'wire_fee',
    isPayable: () => Promise.resolve(true),
    onPaid: (_trx, payment) => {
      credited.push(payment.id);
      return Promise.resolve();
    },
  };
  app.payments.registerPurpose(wireFee);
  citizen = (await signInAs(app, { role: 'citizen', bhxhCode: PAYER })).headers;
});
afterAll(async () => {
  await standIn.close();
  await app.close();
  await database.close();
});

function create(referenceId: string, amountVnd: number) {
  return database.db.transaction().execute((trx) =>
    app.payments.createPayment(trx, {
      purpose: 'wire_fee',
      referenceId,
      bhxhCode: PAYER,
      amountVnd,
      orderInfo: `Đóng BHYT hộ gia đình ${referenceId}`,
      locale: 'vi',
      returnPath: '/payments',
    }),
  );
}

/** PHP's urlencode / Java's URLEncoder: only A-Za-z0-9 - _ . kept, space as +, UTF-8 bytes. */
const phpEncode = (value: string) =>
  [...Buffer.from(value, 'utf8')]
    .map((b) => {
      const c = String.fromCharCode(b);
      if (/[A-Za-z0-9_.-]/.test(c)) return c;
      if (c === ' ') return '+';
      return `%${b.toString(16).toUpperCase().padStart(2, '0')}`;
    })
    .join('');

/** The notification's query as the gateway builds it: sorted, encoded, signed, hash appended. */
function gatewayQuery(
  fields: Record<string, string>,
  options: { upper?: boolean; hashType?: boolean; secret?: string } = {},
): string {
  const text = Object.keys(fields)
    .sort()
    .map((k) => `${phpEncode(k)}=${phpEncode(fields[k] ?? '')}`)
    .join('&');
  const hash = createHmac('sha512', options.secret ?? SECRET)
    .update(text, 'utf8')
    .digest('hex');
  return `${text}${options.hashType ? '&vnp_SecureHashType=HmacSHA512' : ''}&vnp_SecureHash=${
    options.upper ? hash.toUpperCase() : hash
  }`;
}

function resultFields(txnRef: string, amountVnd: number, extra: Record<string, string> = {}) {
  return {
    vnp_Amount: String(amountVnd * 100),
    vnp_BankCode: 'NCB',
    vnp_BankTranNo: 'VNP14226112',
    vnp_CardType: 'ATM',
    vnp_OrderInfo: 'Đóng BHYT hộ gia đình (3 người) – kỳ 12/2026!',
    vnp_PayDate: '20261207101530',
    vnp_ResponseCode: '00',
    vnp_TmnCode: TMN,
    vnp_TransactionNo: '14226112',
    vnp_TransactionStatus: '00',
    vnp_TxnRef: txnRef,
    ...extra,
  };
}

const ipn = async (query: string) =>
  (await app.inject({ url: `/api/v1/payments/vnpay/ipn?${query}` })).json<{
    RspCode: string;
    Message: string;
  }>();

const statusOf = async (id: string) =>
  (await app.inject({ url: `/api/v1/me/payments/${id}`, headers: citizen })).json<{ status: string }>()
    .status;

describe('the IPN as the real gateway sends it', () => {
  it('accepts vnp_SecureHashType, an upper-case hash, extra fields, empty values and Vietnamese text', async () => {
    const { paymentId, txnRef } = await create('wire-1', 1_263_600);
    const query = gatewayQuery(
      resultFields(txnRef, 1_263_600, { vnp_Bill_Mobile: '', vnp_PromotionCode: 'KM01' }),
      { upper: true, hashType: true },
    );
    expect(await ipn(query)).toEqual({ RspCode: '00', Message: 'Confirm Success' });
    expect(await statusOf(paymentId)).toBe('paid');
    expect(credited.filter((id) => id === paymentId)).toHaveLength(1);
    expect(await ipn(query)).toEqual({ RspCode: '02', Message: 'Order already confirmed' });
    expect(credited.filter((id) => id === paymentId)).toHaveLength(1);
  });

  it('refuses forgeries in that format: another secret, an added field, a changed amount', async () => {
    const { paymentId, txnRef } = await create('wire-2', 500_000);
    expect(
      await ipn(gatewayQuery(resultFields(txnRef, 500_000), { secret: 'not-the-secret' })),
    ).toMatchObject({
      RspCode: '97',
    });
    // A genuine notification of a cancelled payment, with a field added that it did not sign.
    const cancelled = gatewayQuery(
      resultFields(txnRef, 500_000, { vnp_ResponseCode: '24', vnp_TransactionStatus: '02' }),
    );
    expect(await ipn(`${cancelled}&vnp_Extra=1`)).toMatchObject({ RspCode: '97' });
    expect(await ipn(cancelled.replace('vnp_Amount=50000000', 'vnp_Amount=5000000'))).toMatchObject({
      RspCode: '97',
    });
    // A field given twice (the second value not signed) is refused, not read either way.
    const good = gatewayQuery(resultFields(txnRef, 500_000));
    expect(await ipn(`${good}&vnp_ResponseCode=00`)).toMatchObject({ RspCode: '97' });
    expect(await statusOf(paymentId)).toBe('pending');
    expect(await ipn(good)).toMatchObject({ RspCode: '00' });
    expect(await statusOf(paymentId)).toBe('paid');
  });
});

/**
 * querydr as VNPay documents it, built here WITHOUT our protocol module: a POST of JSON whose
 * vnp_SecureHash is HMAC-SHA512 (hex) over the values joined by `|` — the request as
 * RequestId|Version|Command|TmnCode|TxnRef|TransactionDate|CreateDate|IpAddr|OrderInfo, the answer as
 * ResponseId|Command|ResponseCode|Message|TmnCode|TxnRef|Amount|BankCode|PayDate|TransactionNo|
 * TransactionType|TransactionStatus|OrderInfo|PromotionCode|PromotionAmount.
 */
const REQUEST_ORDER = [
  'vnp_RequestId',
  'vnp_Version',
  'vnp_Command',
  'vnp_TmnCode',
  'vnp_TxnRef',
  'vnp_TransactionDate',
  'vnp_CreateDate',
  'vnp_IpAddr',
  'vnp_OrderInfo',
];
const ANSWER_ORDER = [
  'vnp_ResponseId',
  'vnp_Command',
  'vnp_ResponseCode',
  'vnp_Message',
  'vnp_TmnCode',
  'vnp_TxnRef',
  'vnp_Amount',
  'vnp_BankCode',
  'vnp_PayDate',
  'vnp_TransactionNo',
  'vnp_TransactionType',
  'vnp_TransactionStatus',
  'vnp_OrderInfo',
  'vnp_PromotionCode',
  'vnp_PromotionAmount',
];
const pipeHash = (body: Record<string, string>, order: string[], secret = SECRET) =>
  createHmac('sha512', secret)
    .update(order.map((k) => body[k] ?? '').join('|'), 'utf8')
    .digest('hex');

/** yyyyMMddHHmmss in GMT+7, written out here. */
const gmt7 = (at: Date) =>
  new Date(at.getTime() + 7 * 3_600_000).toISOString().replace(/[-T:]/g, '').slice(0, 14);

describe('querydr as VNPay speaks it', () => {
  /** A gateway played by the test: checks our request by hand, answers what `reply` builds. */
  async function withGateway(
    reply: (request: Record<string, string>) => Record<string, unknown>,
    run: (gateway: PaymentGateway, requests: Record<string, string>[]) => Promise<void>,
  ) {
    const requests: Record<string, string>[] = [];
    const server = http.createServer((req, res) => {
      let text = '';
      req.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
      req.on('end', () => {
        const request = JSON.parse(text) as Record<string, string>;
        requests.push(request);
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify(reply(request)));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    try {
      await run(
        httpPaymentGateway({
          payUrl: 'http://127.0.0.1/paymentv2/vpcpay.html',
          apiUrl: `http://127.0.0.1:${port}/merchant_webapi/api/transaction`,
          tmnCode: TMN,
          hashSecret: SECRET,
        }),
        requests,
      );
    } finally {
      await new Promise<void>((resolve) =>
        server.close(() => {
          resolve();
        }),
      );
    }
  }

  const createdAt = new Date('2026-12-07T03:15:30Z');
  const found = (request: Record<string, string>) => {
    const answer: Record<string, string> = {
      vnp_ResponseId: '4f8e1c2a9b',
      vnp_Command: 'querydr',
      vnp_ResponseCode: '00',
      vnp_Message: 'QueryDR Success',
      vnp_TmnCode: TMN,
      vnp_TxnRef: request.vnp_TxnRef ?? '',
      vnp_Amount: '126360000',
      vnp_BankCode: 'NCB',
      vnp_PayDate: '20261207101612',
      vnp_TransactionNo: '14226112',
      vnp_TransactionType: '01',
      vnp_TransactionStatus: '00',
      vnp_OrderInfo: request.vnp_OrderInfo ?? '',
      vnp_PromotionCode: '',
      vnp_PromotionAmount: '',
    };
    return { ...answer, vnp_SecureHash: pipeHash(answer, ANSWER_ORDER) };
  };

  it('sends a request signed in VNPay’s order and takes a correctly signed answer', async () => {
    await withGateway(found, async (gateway, requests) => {
      expect(await gateway.queryTransaction({ txnRef: 'VS20261207A', createdAt })).toEqual({
        found: true,
        transaction: {
          txnRef: 'VS20261207A',
          amountVnd: 1_263_600,
          transactionNo: '14226112',
          transactionStatus: '00',
          payDate: '20261207101612',
        },
      });
      const [request] = requests;
      expect(request).toMatchObject({
        vnp_Version: '2.1.0',
        vnp_Command: 'querydr',
        vnp_TmnCode: TMN,
        vnp_TxnRef: 'VS20261207A',
        vnp_TransactionDate: '20261207101530',
      });
      expect(request?.vnp_RequestId).toMatch(/^[A-Za-z0-9]{1,32}$/);
      expect(request?.vnp_SecureHash).toBe(pipeHash(request ?? {}, REQUEST_ORDER));
    });
  });

  it('refuses a tampered answer, one signed with another secret, and one about another reference', async () => {
    const tampered = (request: Record<string, string>) => ({ ...found(request), vnp_Amount: '12636000' });
    await withGateway(tampered, async (gateway) => {
      await expect(gateway.queryTransaction({ txnRef: 'VS20261207B', createdAt })).rejects.toThrow(
        /checksum/,
      );
    });
    const forged = (request: Record<string, string>) => {
      const answer = found(request);
      return { ...answer, vnp_SecureHash: pipeHash(answer, ANSWER_ORDER, 'not-the-secret') };
    };
    await withGateway(forged, async (gateway) => {
      await expect(gateway.queryTransaction({ txnRef: 'VS20261207C', createdAt })).rejects.toThrow(
        /checksum/,
      );
    });
    const other = (request: Record<string, string>) => {
      const answer = { ...found(request), vnp_TxnRef: 'VSOTHER' };
      return { ...answer, vnp_SecureHash: pipeHash(answer, ANSWER_ORDER) };
    };
    await withGateway(other, async (gateway) => {
      await expect(gateway.queryTransaction({ txnRef: 'VS20261207D', createdAt })).rejects.toThrow(
        /reference/,
      );
    });
  });

  it('the stand-in answers requests built by hand: 97 for a bad checksum, 91, 00 signed, 94 repeated', async () => {
    const ask = async (fields: Record<string, string>, secret = SECRET) => {
      const body = { ...fields, vnp_SecureHash: pipeHash(fields, REQUEST_ORDER, secret) };
      const response = await fetch(standIn.apiUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      return (await response.json()) as Record<string, string>;
    };
    const { paymentId, txnRef, payUrl } = await create('wire-q', 230_000);
    await payAtStandIn(payUrl, 'success');
    const row = await sql<{
      created_at: Date;
    }>`SELECT created_at FROM payments WHERE id = ${paymentId}`.execute(database.db);
    const created = row.rows[0]?.created_at ?? new Date();
    const request = (requestId: string, ref = txnRef) => ({
      vnp_RequestId: requestId,
      vnp_Version: '2.1.0',
      vnp_Command: 'querydr',
      vnp_TmnCode: TMN,
      vnp_TxnRef: ref,
      vnp_OrderInfo: `Truy van GD ${ref}`,
      vnp_TransactionDate: gmt7(created),
      vnp_CreateDate: gmt7(new Date()),
      vnp_IpAddr: '127.0.0.1',
    });

    const bad = await ask(request('req1'), 'not-the-secret');
    expect(bad.vnp_ResponseCode).toBe('97');
    expect(bad.vnp_SecureHash).toBe(pipeHash(bad, ANSWER_ORDER));
    const unknown = await ask(request('req2', 'VSNOSUCHREF'));
    expect(unknown).toMatchObject({ vnp_ResponseCode: '91', vnp_TxnRef: 'VSNOSUCHREF' });
    expect(unknown.vnp_SecureHash).toBe(pipeHash(unknown, ANSWER_ORDER));
    const answer = await ask(request('req3'));
    expect(answer).toMatchObject({
      vnp_ResponseCode: '00',
      vnp_Command: 'querydr',
      vnp_TmnCode: TMN,
      vnp_TxnRef: txnRef,
      vnp_Amount: '23000000',
      vnp_TransactionStatus: '00',
    });
    expect(answer.vnp_SecureHash).toBe(pipeHash(answer, ANSWER_ORDER));
    expect(await ask(request('req3'))).toMatchObject({ vnp_ResponseCode: '94' });
    // The same reference under another creation date is not that transaction.
    expect(await ask({ ...request('req4'), vnp_TransactionDate: '20200101000000' })).toMatchObject({
      vnp_ResponseCode: '91',
    });
  });
});
