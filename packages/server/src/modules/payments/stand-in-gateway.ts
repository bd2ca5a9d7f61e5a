import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { formatMoney } from '@vssid/domain';
import { isLanguage, LANGUAGE_NAMES, LANGUAGES, type Language } from '@vssid/domain/i18n';
import type { Translator } from '../../i18n';
import type { GatewayTransaction } from './gateway';
import {
  amountOf,
  gatewayDate,
  IPN_CODES,
  parseGatewayDate,
  pipeChecksum,
  QUERYDR_ANSWER_FIELDS,
  QUERYDR_CODES,
  QUERYDR_REQUEST_FIELDS,
  RESPONSE_CODES,
  signedQuery,
  verify,
  verifyPipeChecksum,
} from './vnpay';

/** The stand-in's paths, as VNPay's (so a real gateway's URLs have the same shape). */
const STAND_IN_PAY_PATH = '/paymentv2/vpcpay.html';
const STAND_IN_API_PATH = '/merchant_webapi/api/transaction';
const DECIDE_PATH = '/paymentv2/decide';

/** The merchant the stand-in knows (one: this system). */
interface StandInMerchant {
  tmnCode: string;
  hashSecret: string;
  /** The merchant's IPN URL, as registered with the gateway (read at each notification). */
  ipnUrl: string | (() => string);
}

interface StoredTransaction extends GatewayTransaction {
  responseCode: string;
  /** The pay request's vnp_CreateDate (querydr's vnp_TransactionDate names it). */
  createDate?: string;
  params: Record<string, string>;
  /** IPN delivery: attempts so far, and whether the merchant gave a final answer. */
  attempts: number;
  done: boolean;
}

export interface StandInGateway {
  /** `http://host:port` of its own listener. */
  url: string;
  payUrl: string;
  apiUrl: string;
  /** The gateway's transactions (tests read them as the gateway's truth). */
  transactions(): GatewayTransaction[];
  /** Until every notification was answered finally (tests). */
  idle(): Promise<void>;
  close(): Promise<void>;
}

const escape = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

async function readBody(req: IncomingMessage, limit = 16_384): Promise<string> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw new Error('body too large');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

const DEFAULT_RETRY_MS = [1_000, 2_000, 5_000, 15_000, 30_000, 60_000, 120_000, 300_000, 300_000, 300_000];

/**
 * A LOCAL STAND-IN for the bank gateway (demo mode and tests only; never a real payment): its
 * own HTTP listener on the loopback or the configured host, as an external system would be,
 * speaking the VNPay 2.1.0 protocol (`vnpay.ts`): the pay page checks the merchant's signature and
 * lets the payer choose success, failure or cancel (labelled in five languages as a stand-in),
 * sends the browser back to `vnp_ReturnUrl` with signed results, and calls the merchant's IPN URL
 * until it gets a final answer (00, 02, or a refusal 01/04/97), retrying on 99, errors and
 * timeouts with growing delays (up to ten attempts), as real gateways do. Its merchant API answers
 * querydr (the reconciliation) from its own records, signed both ways as VNPay's. Its records and undelivered
 * notifications are kept in `stateFile` when given (the gateway's own database), so a restart of
 * either side loses nothing.
 */
export async function startStandInGateway(options: {
  merchant: StandInMerchant;
  translator: Translator;
  host?: string;
  /** The host name the payer's browser reaches the stand-in by (default: the bound address). */
  publicHost?: string;
  port?: number;
  stateFile?: string | null;
  retryDelaysMs?: readonly number[];
  log?: { warn: (obj: object, msg: string) => void };
}): Promise<StandInGateway> {
  const { merchant, translator } = options;
  const retry = options.retryDelaysMs ?? DEFAULT_RETRY_MS;
  const records = new Map<string, StoredTransaction>();
  const sessions = new Map<string, { params: Record<string, string>; at: number }>();
  const timers = new Set<NodeJS.Timeout>();
  const inFlight = new Set<Promise<void>>();
  let closed = false;
  let lastNo = 14_000_000;

  if (options.stateFile && fs.existsSync(options.stateFile)) {
    const saved = JSON.parse(fs.readFileSync(options.stateFile, 'utf8')) as StoredTransaction[];
    for (const t of saved) {
      records.set(t.txnRef, t);
      lastNo = Math.max(lastNo, Number(t.transactionNo));
    }
  }
  const save = () => {
    if (!options.stateFile) return;
    fs.mkdirSync(path.dirname(options.stateFile), { recursive: true });
    const temp = `${options.stateFile}.tmp`;
    fs.writeFileSync(temp, JSON.stringify([...records.values()]));
    fs.renameSync(temp, options.stateFile);
  };

  function schedule(record: StoredTransaction, delayMs: number) {
    if (closed || record.done) return;
    const timer = setTimeout(() => {
      timers.delete(timer);
      const attempt = notify(record).finally(() => inFlight.delete(attempt));
      inFlight.add(attempt);
    }, delayMs);
    timers.add(timer);
  }

  async function notify(record: StoredTransaction): Promise<void> {
    record.attempts += 1;
    let code: string | null = null;
    try {
      const ipnUrl = typeof merchant.ipnUrl === 'string' ? merchant.ipnUrl : merchant.ipnUrl();
      const response = await fetch(`${ipnUrl}?${signedQuery(record.params, merchant.hashSecret)}`, {
        signal: AbortSignal.timeout(10_000),
      });
      const answer = (await response.json()) as { RspCode?: unknown };
      code = typeof answer.RspCode === 'string' ? answer.RspCode : null;
    } catch (error) {
      options.log?.warn({ err: error, txnRef: record.txnRef }, 'stand-in gateway: IPN not delivered');
    }
    record.done = code !== null && code !== IPN_CODES.other;
    save();
    if (!record.done && record.attempts < retry.length + 1)
      schedule(record, retry[record.attempts - 1] ?? 300_000);
  }
  for (const record of records.values()) if (!record.done) schedule(record, 200);

  function pickLanguage(req: IncomingMessage, url: URL, locale: string | undefined): Language {
    const chosen = url.searchParams.get('lang');
    if (chosen && isLanguage(chosen)) return chosen;
    for (const part of (req.headers['accept-language'] ?? '').split(',')) {
      const tag = part.split(';')[0]?.trim().slice(0, 2).toLowerCase() ?? '';
      if (isLanguage(tag)) return tag;
    }
    return locale === 'en' ? 'en' : 'vi';
  }

  function page(res: ServerResponse, language: Language, status: number, body: string) {
    const t = (key: string) => escape(translator.t(language, `messages:payments.standIn.${key}`));
    res.statusCode = status;
    res.setHeader('content-type', 'text/html; charset=utf-8');
    res.setHeader('cache-control', 'no-store');
    res.setHeader(
      'content-security-policy',
      "default-src 'none'; style-src 'unsafe-inline'; form-action *; frame-ancestors 'none'; base-uri 'none'",
    );
    res.end(`<!doctype html>
<html lang="${language}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${t('title')}</title>
<style>
body{font-family:system-ui,sans-serif;background:#eef3f8;margin:0;display:flex;justify-content:center}
main{background:#fff;max-width:28rem;width:100%;margin:2rem 1rem;padding:1.5rem;border-radius:12px;box-shadow:0 1px 4px #0002}
.ribbon{background:#b3261e;color:#fff;padding:.5rem .75rem;border-radius:8px;font-weight:700;margin-bottom:1rem}
h1{font-size:1.3rem;margin:0 0 1rem;color:#005baa} dl{display:grid;grid-template-columns:minmax(7rem,auto) 1fr;gap:.4rem 1rem} dt{color:#555} dd{margin:0;font-weight:600;overflow-wrap:anywhere}
button{display:block;width:100%;margin-top:.75rem;padding:.8rem;font-size:1rem;border:0;border-radius:8px;color:#fff}
.ok{background:#1b7f3b}.fail{background:#8c1d18}.cancel{background:#555}
.error{color:#8c1d18;background:#fdecea;padding:.6rem;border-radius:8px} nav{margin-top:1rem;font-size:.9rem} nav a{margin-right:.6rem}
</style></head><body><main>
<p class="ribbon" role="note">${t('ribbon')}</p>
${body}
</main></body></html>`);
  }

  const t = (language: Language, key: string, params?: Record<string, unknown>) =>
    escape(translator.t(language, `messages:payments.standIn.${key}`, params));

  function payPage(req: IncomingMessage, res: ServerResponse, url: URL) {
    const params = Object.fromEntries(url.searchParams.entries());
    delete params.lang;
    const language = pickLanguage(req, url, params.vnp_Locale);
    const refuse = (key: string) => {
      page(res, language, 400, `<p class="error" role="alert">${t(language, key)}</p>`);
    };
    const amount = amountOf(params.vnp_Amount);
    const expires = parseGatewayDate(params.vnp_ExpireDate ?? '');
    if (params.vnp_TmnCode !== merchant.tmnCode || !verify(params, merchant.hashSecret)) {
      refuse('badSignature');
      return;
    }
    if (
      params.vnp_Command !== 'pay' ||
      params.vnp_CurrCode !== 'VND' ||
      amount === null ||
      !params.vnp_TxnRef
    ) {
      refuse('badRequest');
      return;
    }
    if (!expires || expires.getTime() < Date.now()) {
      refuse('expired');
      return;
    }
    if (records.has(params.vnp_TxnRef)) {
      refuse('alreadyPaid');
      return;
    }
    const session = randomBytes(18).toString('base64url');
    sessions.set(session, { params, at: Date.now() });
    for (const [id, s] of sessions) if (Date.now() - s.at > 3_600_000) sessions.delete(id);
    const switcher = LANGUAGES.map((l) => {
      const u = new URL(url);
      u.searchParams.set('lang', l);
      return `<a href="${escape(u.pathname + u.search)}" lang="${l}">${escape(LANGUAGE_NAMES[l])}</a>`;
    }).join('');
    const button = (outcome: string, cls: string) =>
      `<button type="submit" name="outcome" value="${outcome}" class="${cls}">${t(language, outcome)}</button>`;
    page(
      res,
      language,
      200,
      `<h1>${t(language, 'title')}</h1>
<p>${t(language, 'intro')}</p>
<dl><dt>${t(language, 'merchant')}</dt><dd>${escape(params.vnp_TmnCode)}</dd>
<dt>${t(language, 'order')}</dt><dd>${escape(params.vnp_TxnRef)}</dd>
<dt>${t(language, 'description')}</dt><dd>${escape(params.vnp_OrderInfo ?? '')}</dd>
<dt>${t(language, 'amount')}</dt><dd data-testid="stand-in-amount">${escape(formatMoney(amount, language))}</dd></dl>
<form method="post" action="${DECIDE_PATH}">
<input type="hidden" name="session" value="${session}">
${button('success', 'ok')}${button('failure', 'fail')}${button('cancel', 'cancel')}
</form>
<nav aria-label="language">${switcher}</nav>`,
    );
  }

  async function decide(req: IncomingMessage, res: ServerResponse) {
    const form = new URLSearchParams(await readBody(req));
    const session = sessions.get(form.get('session') ?? '');
    const outcome = form.get('outcome');
    if (!session || !['success', 'failure', 'cancel'].includes(outcome ?? '')) {
      res.statusCode = 400;
      res.setHeader('content-type', 'text/plain; charset=utf-8');
      res.end('session expired');
      return;
    }
    sessions.delete(form.get('session') ?? '');
    const p = session.params;
    const txnRef = p.vnp_TxnRef ?? '';
    const responseCode =
      outcome === 'success'
        ? RESPONSE_CODES.success
        : outcome === 'cancel'
          ? RESPONSE_CODES.cancelled
          : RESPONSE_CODES.declined;
    lastNo += 1;
    const result: Record<string, string> = {
      vnp_TmnCode: merchant.tmnCode,
      vnp_Amount: p.vnp_Amount ?? '',
      vnp_BankCode: 'NCB',
      vnp_CardType: 'ATM',
      vnp_OrderInfo: p.vnp_OrderInfo ?? '',
      vnp_PayDate: gatewayDate(new Date()),
      vnp_ResponseCode: responseCode,
      vnp_TransactionNo: String(lastNo),
      vnp_TransactionStatus: outcome === 'success' ? '00' : '02',
      vnp_TxnRef: txnRef,
    };
    if (outcome === 'success') result.vnp_BankTranNo = `VNP${lastNo}`;
    const record: StoredTransaction = {
      txnRef,
      createDate: p.vnp_CreateDate ?? '',
      amountVnd: amountOf(p.vnp_Amount) ?? 0,
      transactionNo: result.vnp_TransactionNo ?? '',
      transactionStatus: result.vnp_TransactionStatus ?? '',
      responseCode,
      payDate: result.vnp_PayDate ?? '',
      params: result,
      attempts: 0,
      done: false,
    };
    if (!records.has(txnRef)) {
      records.set(txnRef, record);
      save();
      schedule(record, 0);
    }
    res.statusCode = 302;
    res.setHeader('location', `${p.vnp_ReturnUrl ?? '/'}?${signedQuery(result, merchant.hashSecret)}`);
    res.end();
  }

  /** querydr request ids seen, per GMT+7 day (VNPay: unique within the day, else 94). */
  const requestIds = new Map<string, Set<string>>();

  async function querydr(req: IncomingMessage, res: ServerResponse) {
    const answer = (fields: Record<string, string>) => {
      const body: Record<string, string> = { vnp_TmnCode: merchant.tmnCode, ...fields };
      body.vnp_ResponseId = randomBytes(16).toString('hex');
      body.vnp_Command = 'querydr';
      body.vnp_SecureHash = pipeChecksum(body, QUERYDR_ANSWER_FIELDS, merchant.hashSecret);
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify(body));
    };
    const refuse = (code: string, message: string, txnRef = '') => {
      answer({ vnp_ResponseCode: code, vnp_Message: message, vnp_TxnRef: txnRef });
    };
    let body: Record<string, unknown>;
    try {
      const parsed = JSON.parse(await readBody(req)) as unknown;
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
        throw new Error('not an object');
      body = parsed as Record<string, unknown>;
    } catch {
      refuse(QUERYDR_CODES.other, 'Invalid request');
      return;
    }
    const f = (k: string) => (typeof body[k] === 'string' ? body[k] : '');
    const txnRef = f('vnp_TxnRef');
    if (
      f('vnp_TmnCode') !== merchant.tmnCode ||
      !verifyPipeChecksum(body, QUERYDR_REQUEST_FIELDS, merchant.hashSecret)
    ) {
      refuse(QUERYDR_CODES.invalidChecksum, 'Invalid Checksum', txnRef);
      return;
    }
    if (f('vnp_Command') !== 'querydr' || !/^[A-Za-z0-9]{1,32}$/.test(f('vnp_RequestId')) || !txnRef) {
      refuse(QUERYDR_CODES.other, 'Invalid request', txnRef);
      return;
    }
    const today = gatewayDate(new Date()).slice(0, 8);
    for (const day of requestIds.keys()) if (day !== today) requestIds.delete(day);
    const seen = requestIds.get(today) ?? new Set<string>();
    requestIds.set(today, seen);
    if (seen.has(f('vnp_RequestId'))) {
      refuse(QUERYDR_CODES.duplicate, 'Duplicate request', txnRef);
      return;
    }
    seen.add(f('vnp_RequestId'));
    const record = records.get(txnRef);
    // The transaction is found by its reference and its creation date (records kept before the
    // date was stored are found by the reference alone).
    if (!record || (record.createDate && record.createDate !== f('vnp_TransactionDate'))) {
      refuse(QUERYDR_CODES.notFound, 'Transaction not found', txnRef);
      return;
    }
    answer({
      vnp_ResponseCode: QUERYDR_CODES.found,
      vnp_Message: 'QueryDR Success',
      vnp_TxnRef: record.txnRef,
      vnp_Amount: String(record.amountVnd * 100),
      vnp_BankCode: record.params.vnp_BankCode ?? '',
      vnp_PayDate: record.payDate,
      vnp_TransactionNo: record.transactionNo,
      vnp_TransactionType: '01',
      vnp_TransactionStatus: record.transactionStatus,
      vnp_OrderInfo: record.params.vnp_OrderInfo ?? '',
      vnp_PromotionCode: '',
      vnp_PromotionAmount: '',
    });
  }

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://stand-in');
    const run = async () => {
      if (req.method === 'GET' && url.pathname === STAND_IN_PAY_PATH) {
        payPage(req, res, url);
        return;
      }
      if (req.method === 'POST' && url.pathname === DECIDE_PATH) return decide(req, res);
      if (req.method === 'POST' && url.pathname === STAND_IN_API_PATH) return querydr(req, res);
      res.statusCode = 404;
      res.end('not found');
    };
    run().catch(() => {
      if (!res.headersSent) res.statusCode = 500;
      res.end('error');
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const base = `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${address.port}`;

  const publicBase = options.publicHost ? `http://${options.publicHost}:${address.port}` : base;
  return {
    url: base,
    payUrl: `${publicBase}${STAND_IN_PAY_PATH}`,
    apiUrl: `${base}${STAND_IN_API_PATH}`,
    transactions: () =>
      [...records.values()].map(
        ({ params: _p, attempts: _a, done: _d, responseCode: _r, createDate: _c, ...t }) => t,
      ),
    async idle() {
      while ([...records.values()].some((r) => !r.done && r.attempts <= retry.length) && !closed) {
        await Promise.all(inFlight);
        await new Promise((r) => setTimeout(r, 20));
        if (timers.size === 0 && inFlight.size === 0) break;
      }
    },
    async close() {
      closed = true;
      for (const timer of timers) clearTimeout(timer);
      await Promise.all(inFlight);
      await new Promise<void>((resolve) =>
        server.close(() => {
          resolve();
        }),
      );
    },
  };
}
