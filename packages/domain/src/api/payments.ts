import * as z from 'zod/mini';
import { BhxhCode, IsoDate, Money } from './common';
import { defineContract, problems } from './contract';

/**
 * Payments (issue #26 item 3): what a person pays online (voluntary BHXH, household BHYT) goes
 * through a bank gateway speaking the VNPay 2.1.0 protocol. The gateway calls the IPN route server
 * to server (its signature is the proof; it decides the payment) and sends the payer's browser to
 * the return route, which decides nothing: it leads to the payment's page, which reads the state
 * from the server. A citizen reaches their own payments; officers and agency admins the
 * reconciliation's differences of the persons of their agency's provinces (the central office: all,
 * and those of no known person).
 */

const TAGS = ['payments'];
const CITIZEN = { roles: ['citizen'] } as const;
const STAFF = { roles: ['officer', 'agency_admin'] } as const;

export const PAYMENT_STATUSES = ['pending', 'paid', 'failed', 'cancelled', 'expired'] as const;
export const PaymentStatusSchema = z.enum(PAYMENT_STATUSES);
export type PaymentStatus = z.infer<typeof PaymentStatusSchema>;

export const PAYMENT_DIFFERENCE_KINDS = [
  'missing_ours',
  'missing_theirs',
  'amount_mismatch',
  'state_mismatch',
  'refund_due',
] as const;

const PaymentId = z.uuid();
/**
 * One field of the gateway's query. A field given twice arrives as a list: accepted here so that
 * the notification is answered in the protocol (97, logged and audited) rather than with a 400;
 * the handler reads single values only, so a repeated field is left out of the signed text and
 * the signature fails.
 */
const GatewayField = (max = 255) =>
  z.optional(z.union([z.string().check(z.maxLength(max)), z.array(z.string().check(z.maxLength(max)))]));

/**
 * The `vnp_*` fields the gateway sends to the return URL and the IPN URL: those named are the ones
 * VNPay 2.1.0 documents; any other field is kept too (`catchall`), because the gateway signs every
 * `vnp_` field it sends, including ones added to the protocol later (a field dropped here would
 * break a genuine signature).
 */
export const GatewayResultQuerySchema = z.catchall(
  z.object({
    vnp_TmnCode: GatewayField(20),
    vnp_Amount: GatewayField(20),
    vnp_BankCode: GatewayField(20),
    vnp_BankTranNo: GatewayField(255),
    vnp_CardType: GatewayField(20),
    vnp_OrderInfo: GatewayField(255),
    vnp_PayDate: GatewayField(14),
    vnp_ResponseCode: GatewayField(2),
    vnp_TransactionNo: GatewayField(20),
    vnp_TransactionStatus: GatewayField(2),
    vnp_TxnRef: GatewayField(100),
    vnp_SecureHashType: GatewayField(20),
    vnp_SecureHash: GatewayField(256),
  }),
  GatewayField(1000),
);

export const IpnAnswerSchema = z.object({ RspCode: z.string(), Message: z.string() });

export const PaymentViewSchema = z
  .object({
    id: z.string(),
    txnRef: z.string(),
    purpose: z.string(),
    referenceId: z.string(),
    amountVnd: Money,
    orderInfo: z.string(),
    status: PaymentStatusSchema,
    refundDue: z.boolean(),
    createdAt: z.string(),
    settledAt: z.nullable(z.string()),
    /** The web path of what was paid for (the request). */
    returnPath: z.string(),
  })
  .check(z.meta({ id: 'Payment' }));
export type PaymentView = z.infer<typeof PaymentViewSchema>;

export const paymentIpn = defineContract({
  method: 'GET',
  path: '/api/v1/payments/vnpay/ipn',
  access: 'public',
  scope: 'none',
  tags: TAGS,
  summary: 'The gateway’s server-to-server notification (IPN) of a payment’s result',
  description:
    'Signed by the gateway (HMAC-SHA512 over the sorted query). Answers `{ RspCode, Message }`: 00 credited, 01 order not found, 02 already confirmed (a repeated notification credits nothing), 04 invalid amount, 97 invalid signature, 99 other. Every notification is logged; refusals are audited.',
  query: GatewayResultQuerySchema,
  responses: { 200: IpnAnswerSchema, ...problems(400, 429) },
});

export const paymentReturn = defineContract({
  method: 'GET',
  path: '/api/v1/payments/vnpay/return',
  access: 'public',
  scope: 'none',
  tags: TAGS,
  summary: 'Where the gateway sends the payer’s browser back: to the payment’s page',
  description:
    'Decides nothing: redirects to /payments/<id>, which reads the state from the server (the IPN decides). A query without the gateway’s signature leads to /payments/unknown.',
  query: GatewayResultQuerySchema,
  responses: { 302: { kind: 'redirect' }, ...problems(400, 429) },
});

export const getMyPayment = defineContract({
  method: 'GET',
  path: '/api/v1/me/payments/:id',
  access: CITIZEN,
  scope: 'self',
  tags: TAGS,
  summary: 'One of the caller’s payments and its state (the result page polls it)',
  params: z.object({ id: PaymentId }),
  responses: { 200: PaymentViewSchema, ...problems(400, 401, 403, 404) },
});

export const listMyPayments = defineContract({
  method: 'GET',
  path: '/api/v1/me/payments',
  access: CITIZEN,
  scope: 'self',
  tags: TAGS,
  summary: 'The caller’s payments, newest first (the last 100)',
  responses: { 200: z.object({ items: z.array(PaymentViewSchema) }), ...problems(401, 403) },
});

export const paymentReceipt = defineContract({
  method: 'GET',
  path: '/api/v1/me/payments/:id/receipt',
  access: CITIZEN,
  scope: 'self',
  tags: TAGS,
  summary: 'Biên lai điện tử: the e-receipt of a paid payment (PDF, in the caller’s language)',
  description: 'A payment that is not paid answers 409.',
  params: z.object({ id: PaymentId }),
  responses: { 200: { kind: 'file', contentType: 'application/pdf' }, ...problems(400, 401, 403, 404, 409) },
});

export const PaymentDifferenceSchema = z
  .object({
    id: z.string(),
    runDate: IsoDate,
    kind: z.enum(PAYMENT_DIFFERENCE_KINDS),
    txnRef: z.string(),
    bhxhCode: z.nullable(BhxhCode),
    personName: z.nullable(z.string()),
    ourAmountVnd: z.nullable(Money),
    theirAmountVnd: z.nullable(Money),
    ourStatus: z.nullable(z.string()),
    theirStatus: z.nullable(z.string()),
    detectedAt: z.string(),
    resolvedAt: z.nullable(z.string()),
    resolutionNote: z.nullable(z.string()),
  })
  .check(z.meta({ id: 'PaymentDifference' }));
export type PaymentDifference = z.infer<typeof PaymentDifferenceSchema>;

export const listPaymentDifferences = defineContract({
  method: 'GET',
  path: '/api/v1/officer/payments/differences',
  access: STAFF,
  scope: 'agency',
  tags: TAGS,
  summary: 'The reconciliation’s differences and the refunds due, newest first (the last 200)',
  query: z.object({ state: z._default(z.enum(['open', 'resolved']), 'open') }),
  responses: { 200: z.object({ items: z.array(PaymentDifferenceSchema) }), ...problems(400, 401, 403) },
});

export const resolvePaymentDifference = defineContract({
  method: 'POST',
  path: '/api/v1/officer/payments/differences/:id/resolve',
  access: STAFF,
  scope: 'agency',
  tags: TAGS,
  summary: 'Mark a difference resolved, saying how (audited); a resolved one answers 409',
  params: z.object({ id: z.string().check(z.regex(/^[1-9]\d{0,17}$/)) }),
  body: z.object({ note: z.string().check(z.trim(), z.minLength(3), z.maxLength(500)) }),
  responses: { 200: PaymentDifferenceSchema, ...problems(400, 401, 403, 404, 409) },
});
