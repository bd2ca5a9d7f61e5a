import { createHmac } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app';
import type { DatabaseHandle } from '../../db/database';
import { createTranslator } from '../../i18n';
import { signInAs } from '../../testing/auth';
import { createTestDatabase, testConfig } from '../../testing/database';
import type { PaymentPurpose } from '.';
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
