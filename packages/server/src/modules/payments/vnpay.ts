import { createHmac, timingSafeEqual } from 'node:crypto';
import { VIETNAM_UTC_OFFSET_MS } from '@vssid/domain/vietnam-time';

/**
 * The payment protocol Vietnamese bank gateways publish, as VNPay's "Cổng thanh toán VNPAY"
 * version 2.1.0 documents it (sandbox.vnpayment.vn/apis/docs): the merchant sends the payer's
 * browser to the gateway with `vnp_*` parameters signed by HMAC-SHA512 (hex) under the merchant's
 * secret over the query string sorted by name, each value URL-encoded with spaces as `+`, without
 * the hash fields; the gateway sends the browser back to `vnp_ReturnUrl` and calls the merchant's
 * IPN URL server to server with signed `vnp_*` result parameters, and the merchant answers IPN
 * with JSON `{ RspCode, Message }`. Amounts travel as VND × 100; dates as `yyyyMMddHHmmss` in GMT+7.
 * This file holds only the protocol (no I/O): the adapter, the stand-in gateway and the IPN
 * handler all use it.
 */

const VNPAY_VERSION = '2.1.0';

/** The IPN answers (`RspCode`), as the protocol names them. */
export const IPN_CODES = {
  ok: '00',
  orderNotFound: '01',
  alreadyConfirmed: '02',
  invalidAmount: '04',
  invalidSignature: '97',
  other: '99',
} as const;
export type IpnCode = (typeof IPN_CODES)[keyof typeof IPN_CODES];

export const IPN_MESSAGES: Record<IpnCode, string> = {
  '00': 'Confirm Success',
  '01': 'Order not found',
  '02': 'Order already confirmed',
  '04': 'Invalid amount',
  '97': 'Invalid signature',
  '99': 'Unknown error',
};

/** `vnp_ResponseCode` values the stand-in sends and we read: 00 success, 24 payer cancelled, 51 refused. */
export const RESPONSE_CODES = { success: '00', cancelled: '24', declined: '51' } as const;

const HASH_FIELDS = new Set(['vnp_SecureHash', 'vnp_SecureHashType']);

/** One value as the protocol encodes it for signing and for the URL (RFC 3986 with `+` for space). */
const encode = (value: string) => encodeURIComponent(value).replace(/%20/g, '+');

/** The signed text: every `vnp_` field except the hash fields and empty values, sorted by name. */
export function signedText(params: Readonly<Record<string, string>>): string {
  return Object.keys(params)
    .filter((k) => k.startsWith('vnp_') && !HASH_FIELDS.has(k) && params[k] !== '')
    .sort()
    .map((k) => `${encode(k)}=${encode(params[k] ?? '')}`)
    .join('&');
}

/** HMAC-SHA512 of the signed text under the merchant's secret, lower-case hex. */
export function sign(params: Readonly<Record<string, string>>, secret: string): string {
  return createHmac('sha512', secret).update(signedText(params), 'utf8').digest('hex');
}

/**
 * The texts a gateway may have signed for the same fields. VNPay's published merchant code is not
 * one encoding: its Node.js example encodes values with `encodeURIComponent` (keeps `!'()*~`), its
 * PHP and Java examples with `urlencode` / `URLEncoder` (only `A-Za-z0-9-_.` kept; Java also keeps
 * `*`); the PHP and Node examples sign empty values (`vnp_BankTranNo=`), the Java one leaves them
 * out. A genuine notification is signed in one of these forms; each is still an HMAC under the
 * merchant's secret over every `vnp_` field received, so accepting any of them lets no field be
 * changed, added or dropped.
 */
const strictEncode = (keep: RegExp) => (value: string) =>
  encodeURIComponent(value)
    .replace(/[!'()*~]/g, (c) => (keep.test(c) ? c : `%${c.charCodeAt(0).toString(16).toUpperCase()}`))
    .replace(/%20/g, '+');
const ENCODINGS = [encode, strictEncode(/^$/), strictEncode(/^\*$/)];

function candidateTexts(params: Readonly<Record<string, string>>): string[] {
  const keys = Object.keys(params)
    .filter((k) => k.startsWith('vnp_') && !HASH_FIELDS.has(k))
    .sort();
  const texts = new Set<string>();
  for (const withEmpty of [false, true])
    for (const enc of ENCODINGS)
      texts.add(
        keys
          .filter((k) => withEmpty || params[k] !== '')
          .map((k) => `${enc(k)}=${enc(params[k] ?? '')}`)
          .join('&'),
      );
  return [...texts];
}

/**
 * Whether `vnp_SecureHash` (hex, either case) is the merchant's signature of the other `vnp_`
 * fields in one of the forms gateways sign (`candidateTexts`), compared in constant time.
 */
export function verify(params: Readonly<Record<string, string>>, secret: string): boolean {
  const given = params.vnp_SecureHash ?? '';
  if (!/^[0-9a-fA-F]{128}$/.test(given)) return false;
  const received = Buffer.from(given.toLowerCase(), 'hex');
  let matched = false;
  for (const text of candidateTexts(params)) {
    const expected = createHmac('sha512', secret).update(text, 'utf8').digest();
    // Every candidate is compared (no early exit): the time does not tell which form matched.
    if (timingSafeEqual(expected, received)) matched = true;
  }
  return matched;
}

/** The query string of signed parameters: the fields in signing order, then `vnp_SecureHash`. */
export function signedQuery(params: Readonly<Record<string, string>>, secret: string): string {
  return `${signedText(params)}&vnp_SecureHash=${sign(params, secret)}`;
}

/** `yyyyMMddHHmmss` of an instant in GMT+7 (the protocol's dates). */
export function gatewayDate(at: Date): string {
  const local = new Date(at.getTime() + VIETNAM_UTC_OFFSET_MS);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${local.getUTCFullYear()}${p(local.getUTCMonth() + 1)}${p(local.getUTCDate())}${p(
    local.getUTCHours(),
  )}${p(local.getUTCMinutes())}${p(local.getUTCSeconds())}`;
}

/** The instant of a `yyyyMMddHHmmss` GMT+7 date; null when it is not one. */
export function parseGatewayDate(text: string): Date | null {
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(text);
  if (!m) return null;
  const [, y, mo, d, h, mi, s] = m.map(Number) as [number, number, number, number, number, number, number];
  const at = new Date(Date.UTC(y, mo - 1, d, h, mi, s) - VIETNAM_UTC_OFFSET_MS);
  return gatewayDate(at) === text ? at : null;
}

/** The protocol's locale: `vn` or `en` (the gateway's own pages have those two). */
const gatewayLocale = (language: string) => (language === 'vi' ? 'vn' : 'en');

/** The parameters of a payment request (`vnp_Command=pay`), unsigned. */
export function payParams(input: {
  tmnCode: string;
  amountVnd: number;
  txnRef: string;
  orderInfo: string;
  language: string;
  returnUrl: string;
  ipAddr: string;
  createdAt: Date;
  expiresAt: Date;
}): Record<string, string> {
  return {
    vnp_Version: VNPAY_VERSION,
    vnp_Command: 'pay',
    vnp_TmnCode: input.tmnCode,
    vnp_Amount: String(input.amountVnd * 100),
    vnp_CurrCode: 'VND',
    vnp_TxnRef: input.txnRef,
    vnp_OrderInfo: input.orderInfo,
    vnp_OrderType: 'other',
    vnp_Locale: gatewayLocale(input.language),
    vnp_ReturnUrl: input.returnUrl,
    vnp_IpAddr: input.ipAddr || '127.0.0.1',
    vnp_CreateDate: gatewayDate(input.createdAt),
    vnp_ExpireDate: gatewayDate(input.expiresAt),
  };
}

/** `vnp_Amount` (VND × 100) as whole VND; null when it is not a whole number of đồng. */
export function amountOf(vnpAmount: string | undefined): number | null {
  if (!vnpAmount || !/^\d{1,15}$/.test(vnpAmount)) return null;
  const cents = Number(vnpAmount);
  return cents % 100 === 0 ? cents / 100 : null;
}

/**
 * The transaction query (`vnp_Command=querydr`, POST JSON to `…/merchant_webapi/api/transaction`),
 * as VNPay documents it (sandbox.vnpayment.vn/apis/docs/truy-van-hoan-tien/querydr&refund.html)
 * and as its merchant sample code signs it: unlike the redirect, each direction is signed by
 * HMAC-SHA512 (hex) over the VALUES joined by `|` in a fixed order, not over a sorted query. The
 * orders below follow VNPay's samples (the Node.js `querydr` of its demo code); a missing value
 * counts as empty there, as here. One third-party module signs the answer with another order (no
 * vnp_TransactionType); VNPay's own sample prevails.
 */
export const QUERYDR_REQUEST_FIELDS = [
  'vnp_RequestId',
  'vnp_Version',
  'vnp_Command',
  'vnp_TmnCode',
  'vnp_TxnRef',
  'vnp_TransactionDate',
  'vnp_CreateDate',
  'vnp_IpAddr',
  'vnp_OrderInfo',
] as const;

export const QUERYDR_ANSWER_FIELDS = [
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
] as const;

/** querydr's `vnp_ResponseCode`: 00 found, 91 not found, 94 duplicate request, 97 bad checksum, 99 other. */
export const QUERYDR_CODES = {
  found: '00',
  notFound: '91',
  duplicate: '94',
  invalidChecksum: '97',
  other: '99',
} as const;

/** A JSON field as querydr signs it: strings as sent, numbers in decimal, anything missing empty. */
function fieldText(body: Readonly<Record<string, unknown>>, key: string): string {
  const value = body[key];
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';
}

/** HMAC-SHA512 (lower-case hex) of `fields`' values in `body`, joined by `|`. */
export function pipeChecksum(
  body: Readonly<Record<string, unknown>>,
  fields: readonly string[],
  secret: string,
): string {
  const text = fields.map((k) => fieldText(body, k)).join('|');
  return createHmac('sha512', secret).update(text, 'utf8').digest('hex');
}

/** Whether `body.vnp_SecureHash` is the pipe checksum of `fields`, compared in constant time. */
export function verifyPipeChecksum(
  body: Readonly<Record<string, unknown>>,
  fields: readonly string[],
  secret: string,
): boolean {
  const given = fieldText(body, 'vnp_SecureHash');
  if (!/^[0-9a-fA-F]{128}$/.test(given)) return false;
  const expected = Buffer.from(pipeChecksum(body, fields, secret), 'hex');
  return timingSafeEqual(expected, Buffer.from(given.toLowerCase(), 'hex'));
}

/** A signed querydr request for one payment (`createdAt`: its `vnp_CreateDate` in the pay request). */
export function querydrRequest(
  input: {
    requestId: string;
    tmnCode: string;
    txnRef: string;
    createdAt: Date;
    now: Date;
    ipAddr: string;
  },
  secret: string,
): Record<string, string> {
  const body: Record<string, string> = {
    vnp_RequestId: input.requestId,
    vnp_Version: VNPAY_VERSION,
    vnp_Command: 'querydr',
    vnp_TmnCode: input.tmnCode,
    vnp_TxnRef: input.txnRef,
    vnp_OrderInfo: `Truy van GD ${input.txnRef}`,
    vnp_TransactionDate: gatewayDate(input.createdAt),
    vnp_CreateDate: gatewayDate(input.now),
    vnp_IpAddr: input.ipAddr,
  };
  body.vnp_SecureHash = pipeChecksum(body, QUERYDR_REQUEST_FIELDS, secret);
  return body;
}
