import { randomBytes, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { type AuditAction, formatDateTime, formatMoney, vietnamToday } from '@vssid/domain';
import type { PaymentView } from '@vssid/domain/api/payments';
import type { Language } from '@vssid/domain/i18n';
import { type CallContext, signedIn } from '../../context';
import type { Database } from '../../db/schema';
import { AppError } from '../../http/problem';
import type { Translator } from '../../i18n';
import { auditService } from '../audit/service';
import { officialPdf } from '../services/official-pdf';
import type { PaymentGateway } from './gateway';
import {
  findPayment,
  findPaymentByTxnRef,
  findOpenPaymentOf,
  findPaymentsOfReference,
  findPersonName,
  findProvinceOf,
  insertDifferences,
  insertNotification,
  insertPayment,
  listPaymentsOf,
  lockPaymentByTxnRef,
  type PaymentRow,
  settlePayment,
} from './repository';
import { amountOf, gatewayDate, IPN_CODES, IPN_MESSAGES, type IpnCode, RESPONSE_CODES } from './vnpay';

/**
 * Payments (issue #26 item 3). How another module takes money:
 *
 * 1. At start-up it registers its purpose on the app's payments module:
 *    `app.payments.registerPurpose({ purpose: 'voluntary_si', onPaid, isPayable })` — a registry
 *    held by the app (no module-level singleton; tests build several apps), reached as
 *    `app.payments` from a route plugin.
 * 2. When the person pays, inside its own transaction, it calls
 *    `app.payments.createPayment(trx, { purpose, referenceId, bhxhCode, amountVnd, orderInfo,
 *    locale, returnPath })` and sends the browser to the `payUrl` it gets (the gateway's page).
 * 3. The gateway's notification (IPN) is the only thing that decides: in one transaction, under
 *    the payment's row lock, it checks the signature (constant time), the order, the amount and
 *    that the payment is still open, then sets the state and — for money received — asks the
 *    purpose `isPayable(trx, referenceId)`: true → `onPaid(trx, payment)` in the same
 *    transaction; false (the request was withdrawn) → the payment is `paid` with `refund_due`,
 *    listed for officers, and `onPaid` is not called. A repeated notification answers 02 and
 *    changes nothing; a crash before the commit leaves the payment pending, and the gateway's
 *    retry credits it once.
 * 4. The browser comes back to the return route, which only shows the payment's page; that page
 *    polls `GET /api/v1/me/payments/:id`.
 *
 * States: pending → paid | failed | cancelled | expired (expired: no notification a day after the
 * gateway's deadline; money arriving later is still recorded as paid).
 */
export interface PaymentPurpose {
  readonly purpose: string;
  /** Called inside the transaction that credits the payment (IPN accepted, amount and signature good). */
  onPaid(trx: Kysely<Database>, payment: PaymentRow): Promise<void>;
  /** Whether the reference can still take money (false after the request was withdrawn or rejected). */
  isPayable(trx: Kysely<Database>, referenceId: string): Promise<boolean>;
  /**
   * What was paid for, in `language`, for the e-receipt (the order text sent to the gateway is
   * Vietnamese without tone marks); the stored order text when absent or unknown.
   */
  describe?(db: Kysely<Database>, payment: PaymentRow, language: Language): Promise<string | null>;
}

interface CreatePaymentInput {
  purpose: string;
  referenceId: string;
  bhxhCode: string;
  /** Whole VND. */
  amountVnd: number;
  orderInfo: string;
  locale: Language;
  /** The web path shown after the return (e.g. the request paid for). */
  returnPath: string;
  /** The payer's IP address (vnp_IpAddr); the loopback when unknown. */
  ipAddr?: string;
}

/** How long the gateway takes the payment (vnp_ExpireDate): 15 minutes, as VNPay's examples. */
const PAY_WINDOW_MS = 15 * 60_000;
/** `vnp_Amount` is Numeric[1,12] (VND × 100): at most 9,999,999,999 VND in one payment. */
const MAX_AMOUNT_VND = 9_999_999_999;
const RETURN_PATH = /^\/[A-Za-z0-9/_.~%-]{0,300}$/;

const notFound = () => new AppError(404, 'not_found', 'notFound');

/** An order description as gateways take it: Vietnamese without tone marks, no special characters. */
export function gatewayOrderInfo(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[^A-Za-z0-9 .,:/-]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 255);
}

/** A reference the gateway has never seen: VS + yyMMddHHmmss (GMT+7) + 8 random characters. */
function newTxnRef(now: Date): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const random = [...randomBytes(8)].map((b) => alphabet[b % 32]).join('');
  return `VS${gatewayDate(now).slice(2)}${random}`;
}

function paymentView(row: PaymentRow): PaymentView {
  return {
    id: row.id,
    txnRef: row.txn_ref,
    purpose: row.purpose,
    referenceId: row.reference_id,
    amountVnd: Number(row.amount_vnd),
    orderInfo: row.order_info,
    status: row.status,
    refundDue: row.refund_due,
    createdAt: row.created_at.toISOString(),
    settledAt: row.settled_at?.toISOString() ?? null,
    returnPath: row.return_path,
  };
}

export type PaymentsModule = ReturnType<typeof createPaymentsModule>;

export function createPaymentsModule(deps: {
  db: Kysely<Database>;
  translator: Translator;
  /** null: no gateway configured (not demo mode, no PAYMENT_GATEWAY_URL): paying answers 503. */
  gateway: PaymentGateway | null;
  publicUrl: string;
  now?: (() => Date) | undefined;
  log?: { error: (obj: object, msg: string) => void };
}) {
  const { db, translator, gateway } = deps;
  const now = deps.now ?? (() => new Date());
  const purposes = new Map<string, PaymentPurpose>();
  const returnUrl = `${deps.publicUrl.replace(/\/+$/, '')}/api/v1/payments/vnpay/return`;

  const audit = (
    trx: Kysely<Database>,
    ctx: CallContext,
    action: AuditAction,
    payment: PaymentRow | null,
    details: Record<string, unknown>,
  ) =>
    auditService.record(trx, {
      actor_type: 'system',
      actor_id: 'payment-gateway',
      subject_bhxh_code: payment?.bhxh_code ?? null,
      action,
      target_type: 'payment',
      target_id: payment?.id ?? null,
      purpose: null,
      ip: ctx.client.ip || null,
      request_id: ctx.requestId,
      details,
    });

  /** The outcome of one notification, handled in `trx` under the payment's lock. */
  async function settle(
    trx: Kysely<Database>,
    ctx: CallContext,
    params: Record<string, string>,
  ): Promise<{ code: IpnCode; payment: PaymentRow | null }> {
    const txnRef = params.vnp_TxnRef ?? '';
    const payment = txnRef ? await lockPaymentByTxnRef(trx, txnRef) : undefined;
    if (!payment) {
      await audit(trx, ctx, 'payment.notification_refused', null, { reason: 'order_not_found', txnRef });
      return { code: IPN_CODES.orderNotFound, payment: null };
    }
    const amount = amountOf(params.vnp_Amount);
    if (amount !== Number(payment.amount_vnd)) {
      await audit(trx, ctx, 'payment.notification_refused', payment, {
        reason: 'amount',
        txnRef,
        expected: Number(payment.amount_vnd),
        received: params.vnp_Amount ?? null,
      });
      return { code: IPN_CODES.invalidAmount, payment };
    }
    if (payment.status !== 'pending' && payment.status !== 'expired')
      return { code: IPN_CODES.alreadyConfirmed, payment };

    const success =
      params.vnp_ResponseCode === RESPONSE_CODES.success && params.vnp_TransactionStatus === '00';
    const status = success
      ? 'paid'
      : params.vnp_ResponseCode === RESPONSE_CODES.cancelled
        ? 'cancelled'
        : 'failed';
    const purpose = purposes.get(payment.purpose);
    const refundDue = success && !(purpose && (await purpose.isPayable(trx, payment.reference_id)));
    const settled = await settlePayment(trx, payment, {
      status,
      refund_due: refundDue,
      settled_at: now(),
      gateway_txn_no: params.vnp_TransactionNo ?? null,
      gateway_response_code: params.vnp_ResponseCode ?? null,
      bank_code: params.vnp_BankCode ?? null,
      gateway_pay_date: params.vnp_PayDate ?? null,
    });
    if (success && !refundDue && purpose) await purpose.onPaid(trx, settled);
    if (refundDue) {
      await insertDifferences(trx, [
        {
          run_date: vietnamToday(now()),
          kind: 'refund_due',
          txn_ref: settled.txn_ref,
          bhxh_code: settled.bhxh_code,
          payment_id: settled.id,
          province_code: await findProvinceOf(trx, settled.bhxh_code),
          our_amount_vnd: Number(settled.amount_vnd),
          their_amount_vnd: amount,
          our_status: 'paid',
          their_status: params.vnp_TransactionStatus ?? null,
        },
      ]);
    }
    await audit(
      trx,
      ctx,
      refundDue ? 'payment.refund_due' : success ? 'payment.credited' : 'payment.not_paid',
      settled,
      { txnRef, status, amountVnd: amount, transactionNo: params.vnp_TransactionNo ?? null },
    );
    return { code: IPN_CODES.ok, payment: settled };
  }

  async function logNotification(
    trx: Kysely<Database>,
    ctx: CallContext,
    params: Record<string, string>,
    code: IpnCode,
    payment: PaymentRow | null,
  ) {
    await insertNotification(trx, {
      txn_ref: params.vnp_TxnRef?.slice(0, 100) ?? null,
      bhxh_code: payment?.bhxh_code ?? null,
      payment_id: payment?.id ?? null,
      rsp_code: code,
      params,
      ip: ctx.client.ip || null,
    });
  }

  /** Creates a pending payment (in the caller's transaction) and the gateway URL to send the payer to. */
  async function createPayment(
    trx: Kysely<Database>,
    input: CreatePaymentInput,
  ): Promise<{ paymentId: string; txnRef: string; payUrl: string }> {
    if (!gateway) throw new AppError(503, 'payments_unavailable', 'payments.unavailable');
    if (!purposes.has(input.purpose)) throw new Error(`unknown payment purpose ${input.purpose}`);
    if (!Number.isSafeInteger(input.amountVnd) || input.amountVnd <= 0 || input.amountVnd > MAX_AMOUNT_VND)
      throw new Error(`payment amount must be whole VND: ${input.amountVnd}`);
    if (!RETURN_PATH.test(input.returnPath)) throw new Error(`payment return path: ${input.returnPath}`);
    const createdAt = now();
    const expiresAt = new Date(createdAt.getTime() + PAY_WINDOW_MS);
    const row = await insertPayment(trx, {
      bhxh_code: input.bhxhCode,
      id: randomUUID(),
      txn_ref: newTxnRef(createdAt),
      purpose: input.purpose,
      reference_id: input.referenceId,
      amount_vnd: input.amountVnd,
      order_info: input.orderInfo.slice(0, 255),
      locale: input.locale,
      return_path: input.returnPath,
      created_at: createdAt,
      expires_at: expiresAt,
    });
    const payUrl = gateway.payUrl({
      amountVnd: input.amountVnd,
      txnRef: row.txn_ref,
      orderInfo: gatewayOrderInfo(input.orderInfo) || row.txn_ref,
      language: input.locale,
      returnUrl,
      ipAddr: input.ipAddr ?? '127.0.0.1',
      createdAt,
      expiresAt,
    });
    return { paymentId: row.id, txnRef: row.txn_ref, payUrl };
  }

  return {
    gateway,

    registerPurpose(purpose: PaymentPurpose): void {
      if (purposes.has(purpose.purpose))
        throw new Error(`payment purpose ${purpose.purpose} registered twice`);
      purposes.set(purpose.purpose, purpose);
    },

    /**
     * The payments of one thing paid for, newest first (issue #26: a service request shows its
     * payment). The caller has checked that its caller may see that thing.
     */
    async listForReference(
      purpose: string,
      referenceId: string,
      executor: Kysely<Database> = db,
    ): Promise<PaymentView[]> {
      return (await findPaymentsOfReference(executor, purpose, referenceId)).map(paymentView);
    },

    /** Creates a pending payment (in the caller's transaction) and the gateway URL to send the payer to. */
    createPayment,

    /**
     * The payment of `input.referenceId` the payer should use now: the newest one still pending
     * and open at the gateway for at least another minute, with the same amount — its pay URL
     * built again from its own parameters (the same order, `vnp_TxnRef`, amount and deadline at the
     * gateway) — else a new one (`createPayment`). A second click on "pay", or paying from the
     * request's page right after filing, so opens the same payment rather than a second one the
     * payer could pay as well. The caller holds the lock of the thing paid for.
     */
    async openPayment(
      trx: Kysely<Database>,
      input: CreatePaymentInput,
    ): Promise<{ paymentId: string; txnRef: string; payUrl: string }> {
      if (!gateway) throw new AppError(503, 'payments_unavailable', 'payments.unavailable');
      const open = await findOpenPaymentOf(
        trx,
        input.purpose,
        input.referenceId,
        new Date(now().getTime() + 60_000),
      );
      if (!open || Number(open.amount_vnd) !== input.amountVnd || open.bhxh_code !== input.bhxhCode)
        return createPayment(trx, input);
      const payUrl = gateway.payUrl({
        amountVnd: Number(open.amount_vnd),
        txnRef: open.txn_ref,
        orderInfo: gatewayOrderInfo(open.order_info) || open.txn_ref,
        language: input.locale,
        returnUrl,
        ipAddr: input.ipAddr ?? '127.0.0.1',
        createdAt: open.created_at,
        expiresAt: open.expires_at,
      });
      return { paymentId: open.id, txnRef: open.txn_ref, payUrl };
    },

    /**
     * The gateway's notification: answered `{ RspCode, Message }`. Every one is logged with its
     * answer (a refused one also audited); an unexpected failure answers 99 so the gateway retries.
     */
    async handleIpn(
      ctx: CallContext,
      query: Record<string, string | string[] | undefined>,
    ): Promise<{ RspCode: string; Message: string }> {
      const params = Object.fromEntries(
        Object.entries(query).filter((e): e is [string, string] => typeof e[1] === 'string'),
      );
      const answer = (code: IpnCode) => ({ RspCode: code, Message: IPN_MESSAGES[code] });
      if (!gateway || !gateway.verify(params)) {
        await db.transaction().execute(async (trx) => {
          const payment = params.vnp_TxnRef ? await findPaymentByTxnRef(trx, params.vnp_TxnRef) : undefined;
          await logNotification(trx, ctx, params, IPN_CODES.invalidSignature, payment ?? null);
          await audit(trx, ctx, 'payment.notification_refused', payment ?? null, {
            reason: 'signature',
            txnRef: params.vnp_TxnRef ?? null,
          });
        });
        return answer(IPN_CODES.invalidSignature);
      }
      try {
        const code = await db.transaction().execute(async (trx) => {
          const { code, payment } = await settle(trx, ctx, params);
          await logNotification(trx, ctx, params, code, payment);
          return code;
        });
        return answer(code);
      } catch (error) {
        deps.log?.error({ err: error, txnRef: params.vnp_TxnRef }, 'payment notification failed');
        await insertNotification(db, {
          txn_ref: params.vnp_TxnRef?.slice(0, 100) ?? null,
          bhxh_code: null,
          payment_id: null,
          rsp_code: IPN_CODES.other,
          params,
          ip: ctx.client.ip || null,
        }).catch(() => undefined);
        return answer(IPN_CODES.other);
      }
    },

    /** Where the returning browser goes: the payment's page; nothing is decided here. */
    async returnTarget(query: Record<string, string | string[] | undefined>): Promise<string> {
      const params = Object.fromEntries(
        Object.entries(query).filter((e): e is [string, string] => typeof e[1] === 'string'),
      );
      if (!gateway?.verify(params) || !params.vnp_TxnRef) return '/payments/unknown';
      const payment = await findPaymentByTxnRef(db, params.vnp_TxnRef);
      return payment ? `/payments/${payment.id}` : '/payments/unknown';
    },

    async getMine(ctx: CallContext, id: string): Promise<PaymentView> {
      const code = signedIn(ctx).bhxhCode;
      const row = code ? await findPayment(db, code, id) : undefined;
      if (!row) throw notFound();
      return paymentView(row);
    },

    async listMine(ctx: CallContext): Promise<PaymentView[]> {
      const code = signedIn(ctx).bhxhCode;
      return code ? (await listPaymentsOf(db, code, 100)).map(paymentView) : [];
    },

    /** Biên lai điện tử: the e-receipt of a paid payment, in the caller's language. */
    async receipt(ctx: CallContext, id: string): Promise<{ pdf: Buffer; txnRef: string }> {
      const code = signedIn(ctx).bhxhCode;
      const row = code ? await findPayment(db, code, id) : undefined;
      if (!row) throw notFound();
      if (row.status !== 'paid') throw new AppError(409, 'payment_not_paid', 'payments.notPaid');
      const person = await findPersonName(db, row.bhxh_code);
      const language = ctx.language;
      const t = (key: string) => translator.t(language, `messages:services.paymentReceipt.${key}`);
      const pdf = await officialPdf(translator, language, {
        title: 'BIÊN LAI THU TIỀN ĐIỆN TỬ',
        subject: row.txn_ref,
        labels: 'paymentReceipt',
        lines: [
          ['number', row.txn_ref],
          ['payer', `${person?.full_name ?? ''} (${row.bhxh_code})`],
          ['content', (await purposes.get(row.purpose)?.describe?.(db, row, language)) ?? row.order_info],
          ['amount', formatMoney(Number(row.amount_vnd), language)],
          ['paidAt', row.settled_at ? formatDateTime(row.settled_at, language) : ''],
          ['transactionNo', row.gateway_txn_no ?? ''],
          ['bank', row.bank_code ?? ''],
          ['status', row.refund_due ? t('refundDue') : t('paid')],
        ],
      });
      return { pdf, txnRef: row.txn_ref };
    },
  };
}
