import { createHmac, randomBytes } from 'node:crypto';
import { payParams, signedQuery, verify, VNPAY_VERSION, gatewayDate } from './vnpay';

/** One transaction as the gateway keeps it (the reconciliation's "their side"). */
export interface GatewayTransaction {
  txnRef: string;
  amountVnd: number;
  /** The gateway's number of the transaction (vnp_TransactionNo). */
  transactionNo: string;
  /** vnp_TransactionStatus: 00 success; anything else did not take money. */
  transactionStatus: string;
  responseCode: string;
  /** yyyyMMddHHmmss, GMT+7. */
  payDate: string;
}

/** The merchant's account at the gateway (vnp_TmnCode and the hash secret). */
interface MerchantConfig {
  /** Where the payer's browser is sent (`…/paymentv2/vpcpay.html`). */
  payUrl: string;
  /** The gateway's merchant API (the day's transactions for the reconciliation). */
  apiUrl: string;
  tmnCode: string;
  hashSecret: string;
}

/**
 * The payment adapter (architecture: an interface with a real default): builds the signed
 * redirect, checks the signature of what the gateway sends, and reads the gateway's transactions
 * of a day. The same HTTP implementation talks to the real gateway (PAYMENT_GATEWAY_URL …) and to
 * the local stand-in of demo mode.
 */
export interface PaymentGateway {
  tmnCode: string;
  /** The URL of the signed payment request (vnp_Command=pay). */
  payUrl(input: Omit<Parameters<typeof payParams>[0], 'tmnCode'>): string;
  /** Whether parameters the gateway sent (return URL, IPN) carry its signature. */
  verify(params: Readonly<Record<string, string>>): boolean;
  /** The gateway's transactions paid or refused on one day (`yyyy-MM-dd`, GMT+7). */
  listTransactions(day: string): Promise<GatewayTransaction[]>;
}

/** The pipe-joined text signed in the merchant API's requests and answers (as VNPay's querydr). */
export function apiChecksum(fields: readonly string[], secret: string): string {
  return createHmac('sha512', secret).update(fields.join('|'), 'utf8').digest('hex');
}

class GatewayError extends Error {
  override name = 'GatewayError';
}

function isTransaction(value: unknown): value is Record<string, string> {
  return (
    typeof value === 'object' &&
    value !== null &&
    [
      'vnp_TxnRef',
      'vnp_Amount',
      'vnp_TransactionNo',
      'vnp_TransactionStatus',
      'vnp_ResponseCode',
      'vnp_PayDate',
    ].every((k) => typeof (value as Record<string, unknown>)[k] === 'string')
  );
}

/**
 * The HTTP adapter. The day's list is a signed POST of JSON to the merchant API, answered with the
 * transactions and a checksum over the answer: an ASSUMPTION modelled on VNPay's `querydr` call
 * (VNPay itself hands merchants a reconciliation file per day); the stand-in serves it.
 */
export function httpPaymentGateway(config: MerchantConfig, fetchImpl: typeof fetch = fetch): PaymentGateway {
  return {
    tmnCode: config.tmnCode,
    payUrl(input) {
      const params = payParams({ ...input, tmnCode: config.tmnCode });
      return `${config.payUrl}?${signedQuery(params, config.hashSecret)}`;
    },
    verify: (params) => params.vnp_TmnCode === config.tmnCode && verify(params, config.hashSecret),
    async listTransactions(day) {
      const requestId = randomBytes(16).toString('hex');
      const date = day.replaceAll('-', '');
      const createDate = gatewayDate(new Date());
      const body = {
        vnp_RequestId: requestId,
        vnp_Version: VNPAY_VERSION,
        vnp_Command: 'list',
        vnp_TmnCode: config.tmnCode,
        vnp_TransactionDate: date,
        vnp_CreateDate: createDate,
        vnp_SecureHash: apiChecksum(
          [requestId, VNPAY_VERSION, 'list', config.tmnCode, date, createDate],
          config.hashSecret,
        ),
      };
      const response = await fetchImpl(config.apiUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(20_000),
      });
      if (!response.ok) throw new GatewayError(`gateway answered ${response.status}`);
      const answer = (await response.json()) as Record<string, unknown>;
      const list = answer.vnp_Transactions;
      if (answer.vnp_ResponseCode !== '00' || !Array.isArray(list) || !list.every(isTransaction))
        throw new GatewayError(`gateway refused the list: ${String(answer.vnp_ResponseCode)}`);
      const expected = apiChecksum([requestId, '00', date, JSON.stringify(list)], config.hashSecret);
      if (answer.vnp_SecureHash !== expected) throw new GatewayError('gateway list: bad checksum');
      return list.map((t) => ({
        txnRef: t.vnp_TxnRef ?? '',
        amountVnd: Number(t.vnp_Amount) / 100,
        transactionNo: t.vnp_TransactionNo ?? '',
        transactionStatus: t.vnp_TransactionStatus ?? '',
        responseCode: t.vnp_ResponseCode ?? '',
        payDate: t.vnp_PayDate ?? '',
      }));
    },
  };
}
