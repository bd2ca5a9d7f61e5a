import { randomBytes } from 'node:crypto';
import {
  amountOf,
  payParams,
  QUERYDR_ANSWER_FIELDS,
  QUERYDR_CODES,
  querydrRequest,
  signedQuery,
  verify,
  verifyPipeChecksum,
} from './vnpay';

/** One transaction as the gateway keeps it (the reconciliation's "their side"). */
export interface GatewayTransaction {
  txnRef: string;
  amountVnd: number;
  /** The gateway's number of the transaction (vnp_TransactionNo). */
  transactionNo: string;
  /** vnp_TransactionStatus: 00 success, 01 unfinished; anything else did not take money. */
  transactionStatus: string;
  /** yyyyMMddHHmmss, GMT+7. */
  payDate: string;
}

/** The merchant's account at the gateway (vnp_TmnCode and the hash secret). */
interface MerchantConfig {
  /** Where the payer's browser is sent (`…/paymentv2/vpcpay.html`). */
  payUrl: string;
  /** The gateway's merchant API (`…/merchant_webapi/api/transaction`: querydr for the reconciliation). */
  apiUrl: string;
  tmnCode: string;
  hashSecret: string;
}

/** What the gateway answered to querydr for one of our references: its record, or none (91). */
export type QueryAnswer = { found: true; transaction: GatewayTransaction } | { found: false };

/**
 * The payment adapter (architecture: an interface with a real default): builds the signed
 * redirect, checks the signature of what the gateway sends, and asks the gateway about one
 * transaction (querydr). The same HTTP implementation talks to the real gateway
 * (PAYMENT_GATEWAY_URL …) and to the local stand-in of demo mode.
 */
export interface PaymentGateway {
  tmnCode: string;
  /** The URL of the signed payment request (vnp_Command=pay). */
  payUrl(input: Omit<Parameters<typeof payParams>[0], 'tmnCode'>): string;
  /** Whether parameters the gateway sent (return URL, IPN) carry its signature. */
  verify(params: Readonly<Record<string, string>>): boolean;
  /**
   * The gateway's record of one payment (querydr): `createdAt` is the payment's `vnp_CreateDate`.
   * Throws when the call fails, times out, or the answer is refused (bad checksum, another
   * reference, another code than 00/91).
   */
  queryTransaction(payment: { txnRef: string; createdAt: Date }): Promise<QueryAnswer>;
}

class GatewayError extends Error {
  override name = 'GatewayError';
}

/**
 * The HTTP adapter. querydr is a POST of JSON signed over its pipe-joined values (`vnpay.ts`); the
 * answer is taken only when its own checksum holds (constant-time), it names our terminal and
 * the reference asked about, and its amount is a whole number of đồng. `callTimeoutMs` bounds
 * each call (default 10 s); `ipAddr` is this server's address as the gateway sees it.
 */
export function httpPaymentGateway(
  config: MerchantConfig,
  options: { fetchImpl?: typeof fetch; callTimeoutMs?: number; ipAddr?: string } = {},
): PaymentGateway {
  const fetchImpl = options.fetchImpl ?? fetch;
  return {
    tmnCode: config.tmnCode,
    payUrl(input) {
      const params = payParams({ ...input, tmnCode: config.tmnCode });
      return `${config.payUrl}?${signedQuery(params, config.hashSecret)}`;
    },
    verify: (params) => params.vnp_TmnCode === config.tmnCode && verify(params, config.hashSecret),
    async queryTransaction(payment) {
      const body = querydrRequest(
        {
          // Alphanumeric[1,32], unique within the day.
          requestId: randomBytes(16).toString('hex'),
          tmnCode: config.tmnCode,
          txnRef: payment.txnRef,
          createdAt: payment.createdAt,
          now: new Date(),
          ipAddr: options.ipAddr ?? '127.0.0.1',
        },
        config.hashSecret,
      );
      const response = await fetchImpl(config.apiUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(options.callTimeoutMs ?? 10_000),
      });
      if (!response.ok) throw new GatewayError(`gateway answered HTTP ${response.status}`);
      const answer = await response.json();
      if (typeof answer !== 'object' || answer === null || Array.isArray(answer))
        throw new GatewayError('querydr: not a JSON object');
      const a = answer as Record<string, unknown>;
      if (!verifyPipeChecksum(a, QUERYDR_ANSWER_FIELDS, config.hashSecret))
        throw new GatewayError('querydr: bad checksum');
      if (a.vnp_TmnCode !== config.tmnCode || a.vnp_TxnRef !== payment.txnRef)
        throw new GatewayError('querydr: answer for another terminal or reference');
      if (a.vnp_ResponseCode === QUERYDR_CODES.notFound) return { found: false };
      if (a.vnp_ResponseCode !== QUERYDR_CODES.found)
        throw new GatewayError(`querydr refused: ${String(a.vnp_ResponseCode)}`);
      const text = (k: string) => {
        const v = a[k];
        return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '';
      };
      const amountVnd = amountOf(text('vnp_Amount'));
      if (amountVnd === null || !text('vnp_TransactionStatus'))
        throw new GatewayError('querydr: amount or status missing');
      return {
        found: true,
        transaction: {
          txnRef: payment.txnRef,
          amountVnd,
          transactionNo: text('vnp_TransactionNo'),
          transactionStatus: text('vnp_TransactionStatus'),
          payDate: text('vnp_PayDate'),
        },
      };
    },
  };
}
