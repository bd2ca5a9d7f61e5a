import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import {
  type APIRequestContext,
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  chromium,
  type Page,
} from 'playwright-core';
import { expect } from 'vitest';
import { solveProofOfWork } from '@vssid/domain';
import { buildApp, loadConfig } from '@vssid/server';
import { CHROMIUM_FLAGS } from '../scripts/chromium.ts';

const ARTIFACTS = path.join(path.dirname(fileURLToPath(import.meta.url)), 'artifacts');

/** The whole system as `npm start` runs it (production build of the PWA, same port), on an in-memory database. */
export async function startSystem(
  env: Record<string, string> = {},
): Promise<{ app: FastifyInstance; url: string }> {
  const app = await buildApp(loadConfig({ ...SYSTEM_ENV, PORT: '0', ...env }));
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('no address');
  return { app, url: `http://127.0.0.1:${address.port}` };
}

const SYSTEM_ENV = {
  NODE_ENV: 'production',
  // `npm start` on the embedded database: demo mode (stand-ins, the ribbon).
  DEMO: 'true',
  LOG_LEVEL: 'warn',
  DATABASE_IN_MEMORY: 'true',
  HOST: '127.0.0.1',
};

/**
 * A look-up challenge solved (POST /api/v1/lookup/challenge), as the web app does before a
 * self registration sent through the public API (issue #22 item 1).
 */
export async function solvedProof(url: string): Promise<{ challengeId: string; nonce: string }> {
  const res = await fetch(`${url}/api/v1/lookup/challenge`, { method: 'POST' });
  const c = (await res.json()) as { challengeId: string; salt: string; bits: number };
  return { challengeId: c.challengeId, nonce: String(solveProofOfWork(c.salt, c.bits)) };
}

/**
 * The number of the dossier a self registration made (issue #22 item 1: the public answer is a
 * uniform 202 and the number goes by SMS to the phone on record; seeds read it from the database).
 */
export async function dossierNumberFor(app: FastifyInstance, idempotencyKey: string): Promise<string> {
  const row = await app.database.db
    .selectFrom('dossiers')
    .select('number')
    .where('idempotency_key', '=', idempotencyKey)
    .executeTakeFirstOrThrow();
  return row.number;
}

/** The development inbox on, its outbox polled often: the settings of the tests that read SMS. */
export const DEV_INBOX_ENV = { DEV_INBOX: 'true', OUTBOX_POLL_MS: '200' };

/** A TCP port free on 127.0.0.1 at the time of asking. */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => {
        resolve(port);
      });
    });
  });
}

/**
 * Like {@link startSystem}, but served as http://localhost:<port> with PUBLIC_URL saying so (a
 * real host name, as WebAuthn and the VNeID redirect need), with the development inbox on.
 */
export async function startSystemOnLocalhost(
  env: Record<string, string> = {},
): Promise<{ app: FastifyInstance; url: string }> {
  const port = await freePort();
  const url = `http://localhost:${port}`;
  const app = await buildApp(
    loadConfig({ ...SYSTEM_ENV, PORT: String(port), PUBLIC_URL: url, ...DEV_INBOX_ENV, ...env }),
  );
  await app.listen({ host: '127.0.0.1', port });
  return { app, url };
}

/** The system's Chromium, headless, with the flags this machine needs (no background networking). */
export async function launchBrowser(): Promise<Browser> {
  const executablePath = process.env.CHROMIUM_PATH;
  if (!executablePath) throw new Error('CHROMIUM_PATH is not set');
  return chromium.launch({
    executablePath,
    headless: true,
    args: [...CHROMIUM_FLAGS],
  });
}

/** A phone-sized, touch, Vietnamese browser context (390×844), as the citizen tests use. */
export const PHONE_CONTEXT: BrowserContextOptions = {
  viewport: { width: 390, height: 844 },
  isMobile: true,
  hasTouch: true,
  locale: 'vi-VN',
};

/** A desktop, Vietnamese browser context (1280×800), as the back-office tests use. */
export const DESKTOP_CONTEXT: BrowserContextOptions = {
  viewport: { width: 1280, height: 800 },
  locale: 'vi-VN',
};

/** Closes browser contexts, the browser and the system one after the other, in the order given. */
export async function closeInOrder(...closables: { close(): Promise<unknown> }[]): Promise<void> {
  for (const closable of closables) await closable.close();
}

/** The page's uncaught errors, collected as they happen (a test expects the list to stay empty). */
export function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return errors;
}

export function artifactPath(name: string): string {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  return path.join(ARTIFACTS, name);
}

type Tree = { [k: string]: string | Tree };
/** A catalog of the app (`web`, `support`) or the server's `messages` (SMS, stand-in pages). */
type Namespace = 'web' | 'support' | 'messages';

/** Flattened `web` catalog (or another: `support`, `messages`) of one language, read the way the app reads it. */
export function webCatalog(language: string, namespace: Namespace = 'web'): Map<string, string> {
  const file = path.resolve(
    path.dirname(fileURLToPath(import.meta.url)),
    `../packages/domain/src/i18n/locales/${language}/${namespace}.json`,
  );
  const out = new Map<string, string>();
  const walk = (tree: Tree, prefix: string) => {
    for (const [k, v] of Object.entries(tree)) {
      if (typeof v === 'string') out.set(prefix + k, v);
      else walk(v, `${prefix}${k}.`);
    }
  };
  walk(JSON.parse(fs.readFileSync(file, 'utf8')) as Tree, '');
  return out;
}

/** `text(key)`: the text of one key of the `web` (or another) catalog of a language; throws when there is none. */
export function catalogText(language = 'vi', namespace: Namespace = 'web'): (key: string) => string {
  const catalog = webCatalog(language, namespace);
  return (key) => {
    const value = catalog.get(key);
    if (!value) throw new Error(`no catalog text ${key}`);
    return value;
  };
}

const text = catalogText('vi');

type AccountInput = Parameters<FastifyInstance['auth']['createAccountWithIssuedPassword']>[1];

/**
 * Opens an account the way an officer does, in one transaction: its issued password goes out by
 * SMS (to the development inbox when DEV_INBOX is on).
 */
export async function createAccountWithIssuedPassword(
  app: FastifyInstance,
  account: AccountInput,
): ReturnType<FastifyInstance['auth']['createAccountWithIssuedPassword']> {
  return app.database.db
    .transaction()
    .execute((trx) =>
      app.auth.createAccountWithIssuedPassword(trx, account, { ip: '127.0.0.1', requestId: 'e2e' }),
    );
}

export interface InboxMessage {
  id: string;
  recipient: string;
  template: string;
  payload: { text?: string };
  createdAt: string;
}

/** The development inbox's messages to one recipient (up to 50, newest first). */
export async function inboxMessages(url: string, recipient: string): Promise<InboxMessage[]> {
  const res = await fetch(`${url}/dev/inbox/messages?recipient=${recipient}&limit=50`);
  expect(res.status).toBe(200);
  return ((await res.json()) as { messages: InboxMessage[] }).messages;
}

/** The ids of the messages a recipient has so far: what is not in it afterwards is new. */
export async function inboxIds(url: string, recipient: string): Promise<Set<string>> {
  return new Set((await inboxMessages(url, recipient)).map((m) => m.id));
}

/**
 * The first message to `recipient` whose template starts with `template` and that is not in
 * `seen`, once it has arrived (fails the test after `timeout` ms).
 */
export async function awaitInboxMessage(
  url: string,
  recipient: string,
  template: string,
  { seen = new Set<string>(), timeout = 10_000 }: { seen?: Set<string>; timeout?: number } = {},
): Promise<InboxMessage> {
  let found: InboxMessage | undefined;
  await expect
    .poll(
      async () => {
        found = (await inboxMessages(url, recipient)).find(
          (m) => m.template.startsWith(template) && !seen.has(m.id),
        );
        return Boolean(found);
      },
      { timeout },
    )
    .toBe(true);
  if (!found) throw new Error('no message');
  return found;
}

/** The six-digit code of the first OTP message to `recipient` not in `seen`, once it has arrived. */
export async function awaitOtp(
  url: string,
  recipient: string,
  seen: Set<string>,
  timeout = 10_000,
): Promise<string> {
  let code: string | undefined;
  await expect
    .poll(
      async () => {
        const fresh = (await inboxMessages(url, recipient)).find(
          (m) => !seen.has(m.id) && m.template.startsWith('otp.'),
        );
        code = /\b(\d{6})\b/.exec(fresh?.payload.text ?? '')?.[1];
        return code;
      },
      { timeout },
    )
    .toMatch(/^\d{6}$/);
  return code ?? '';
}

/** The password in an "account issued" SMS text ("… Mật khẩu: <password>. …"), if any. */
export function issuedPasswordIn(smsText: string | undefined): string | undefined {
  return /Mật khẩu: (\S+)\./.exec(smsText ?? '')?.[1];
}

/** Types a user name and a password into the sign-in form on screen and submits it. */
export async function submitSignInForm(page: Page, username: string, password: string): Promise<void> {
  // Scoped to the sign-in form: right after a navigation the previous page can still be on
  // screen (React renders the new route in a transition), and its fields may share these labels.
  const form = page.getByTestId('sign-in-form');
  await form.getByLabel(text('auth.signIn.username')).fill(username);
  await form.getByLabel(text('auth.signIn.password'), { exact: true }).fill(password);
  await form.getByRole('button', { name: text('auth.signIn.submit'), exact: true }).click();
}

/** Enters an OTP into the sign-in's OTP form on screen and confirms it. */
export async function submitOtp(page: Page, code: string): Promise<void> {
  await page.getByTestId('otp-input').fill(code);
  await page.getByRole('button', { name: text('auth.otp.confirm') }).click();
}

/**
 * Gives a browser context the session of an access token (`Bearer …`) as the web app keeps it: the
 * access-token cookie, and the readable CSRF cookie that makes the app ask the server about it.
 */
export async function addSessionCookies(
  context: BrowserContext,
  url: string,
  authorization: string,
): Promise<void> {
  await context.addCookies([
    { name: 'vssid_at', value: authorization.replace(/^Bearer /, ''), url, httpOnly: true, sameSite: 'Lax' },
    { name: 'vssid_csrf', value: 'e2e-session-csrf', url, sameSite: 'Strict' },
  ]);
}

/** A browser context (service workers blocked) holding the session of an access token, as a signed-in browser does. */
export async function signedInContext(
  browser: Browser,
  url: string,
  options: BrowserContextOptions,
  authorization: string,
): Promise<BrowserContext> {
  const context = await browser.newContext({ ...options, serviceWorkers: 'block' });
  await addSessionCookies(context, url, authorization);
  return context;
}

/**
 * Signs in through the sign-in form on screen with a password, then the OTP (of a staff account or
 * a new device) read from the development inbox; returns once the OTP is submitted.
 */
export async function signInWithOtp(
  page: Page,
  url: string,
  who: { username: string; password: string; phone: string },
  otpTimeout = 10_000,
): Promise<void> {
  const seen = await inboxIds(url, who.phone);
  await submitSignInForm(page, who.username, who.password);
  await page.getByTestId('sign-in-otp').waitFor();
  await submitOtp(page, await awaitOtp(url, who.phone, seen, otpTimeout));
}

/**
 * The first group of `pattern` in a message to `phone` not in `seen` (its white space folded),
 * once one has arrived; that message is then added to `seen`.
 */
async function awaitSmsMatch(
  url: string,
  phone: string,
  pattern: RegExp,
  seen: Set<string>,
): Promise<string> {
  let found: string | undefined;
  await expect
    .poll(
      async () => {
        for (const m of await inboxMessages(url, phone)) {
          const match = !seen.has(m.id) ? pattern.exec((m.payload.text ?? '').replace(/\s+/g, ' ')) : null;
          if (match?.[1]) {
            found = match[1];
            seen.add(m.id);
            return found;
          }
        }
        return undefined;
      },
      { timeout: 10_000 },
    )
    .toBeTruthy();
  return found ?? '';
}

/**
 * Signs in through the public API (as the sign-in screen does): the issued password from the SMS,
 * the OTP of a new device, then the forced change of the issued password to `newPassword`. The
 * cookies land in the browser context the request belongs to.
 */
export async function signInThroughApi(
  request: APIRequestContext,
  context: BrowserContext,
  url: string,
  who: { username: string; phone: string; newPassword: string },
): Promise<void> {
  const seen = new Set<string>();
  const issued = await awaitSmsMatch(url, who.phone, /Mật khẩu:\s*([A-Za-z0-9]{10})\./, seen);
  const first = await request.post(`${url}/api/v1/auth/sign-in`, {
    data: { username: who.username, password: issued },
  });
  expect(first.status()).toBe(200);
  let body = (await first.json()) as { status: string; challengeId?: string };
  if (body.status === 'otp_required') {
    const code = await awaitSmsMatch(url, who.phone, /\b(\d{6})\b/, seen);
    const otp = await request.post(`${url}/api/v1/auth/sign-in/otp`, {
      data: { challengeId: body.challengeId, code },
    });
    expect(otp.status()).toBe(200);
    body = (await otp.json()) as typeof body;
  }
  expect(body.status).toBe('signed_in');
  const csrf = (await context.cookies(url)).find((c) => c.name === 'vssid_csrf')?.value ?? '';
  const changed = await request.post(`${url}/api/v1/auth/password/initial`, {
    data: { newPassword: who.newPassword },
    headers: { 'x-csrf-token': csrf },
  });
  expect(changed.status()).toBe(200);
}

type Db = FastifyInstance['database']['db'];

/**
 * Tests only: the provincial office of Hà Nội (01) and the commune clinic of Ba Đình (01C54), the
 * places most citizen journeys are registered at.
 */
export async function insertHanoiAgencyAndClinic(db: Db, clinicAddress = 'Ba Đình'): Promise<void> {
  await db
    .insertInto('bhxh_agencies')
    .values({
      code: '01',
      level: 'province',
      name: 'BHXH thành phố Hà Nội',
      address: 'Hà Nội',
      province_code: '01',
    })
    .execute();
  await db
    .insertInto('clinics')
    .values({
      code: '01C54',
      name: 'Trạm Y tế phường Ba Đình',
      level: 'commune',
      address: clinicAddress,
      province_code: '01',
    })
    .execute();
}

/**
 * Tests only: an active BHYT card (object GD, level 4, at 01C54, issued by 01, its number the
 * person's code unless told), valid from 1 January of this year to 31 December of the next.
 */
export async function insertActiveCard(
  db: Db,
  card: {
    bhxhCode: string;
    cardNumber?: string;
    objectCode?: string;
    benefitLevel?: number;
    clinicCode?: string;
    agencyCode?: string;
    validFrom?: string;
    validTo?: string;
  },
): Promise<void> {
  const year = new Date().getUTCFullYear();
  const validFrom = card.validFrom ?? `${year}-01-01`;
  await db
    .insertInto('bhyt_cards')
    .values({
      bhxh_code: card.bhxhCode,
      card_number: card.cardNumber ?? card.bhxhCode,
      object_code: card.objectCode ?? 'GD',
      benefit_level: card.benefitLevel ?? 4,
      registered_clinic_code: card.clinicCode ?? '01C54',
      valid_from: validFrom,
      valid_to: card.validTo ?? `${year + 1}-12-31`,
      five_year_date: null,
      issued_on: validFrom,
      issuing_agency_code: card.agencyCode ?? '01',
      status: 'active',
      replaced_by_id: null,
    })
    .execute();
}

/**
 * Tests only: a four-day inpatient stay in August 2022 (appendicitis, K35; 15,000,000 ₫ of which the
 * person paid 3,000,000), registered at the clinic where it happened, as the records journey and
 * the accessibility sweep show it.
 */
export async function insertInpatientVisit(
  db: Db,
  visit: { bhxhCode: string; maLk: string; clinicCode: string; cardNumber: string },
): Promise<void> {
  await db
    .insertInto('medical_visits')
    .values({
      bhxh_code: visit.bhxhCode,
      ma_lk: visit.maLk,
      clinic_code: visit.clinicCode,
      card_number: visit.cardNumber,
      registered_clinic_code: visit.clinicCode,
      visit_kind: '03',
      route: 1,
      admitted_at: '2022-08-01 07:30:00',
      discharged_at: '2022-08-05 10:00:00',
      treatment_days: 4,
      diagnosis_in: null,
      diagnosis_out: null,
      icd10_main: 'K35',
      icd10_other: null,
      outcome: 1,
      total_cost: 15_000_000,
      covered_cost: 15_000_000,
      co_payment: 3_000_000,
      fund_paid: 12_000_000,
      five_year_date: null,
    })
    .execute();
}
