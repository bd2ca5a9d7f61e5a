import type { FastifyInstance } from 'fastify';
import PDFDocument from 'pdfkit';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app';
import type { DatabaseHandle } from '../../db/database';
import { signInAs } from '../../testing/auth';
import { createTestDatabase, testConfig } from '../../testing/database';
import { FAMILY, insertFamily } from '../card/test-fixtures';

/**
 * Issue #23: what approved requests change. A payment place or method change applies from the
 * next month (the benefits history shows it); the e-transaction requests of Form 01 — adjusting one's phone, email and address (a
 * new phone confirmed by an OTP sent to that phone) and stopping e-transactions (sessions ended,
 * passkeys removed, the account closed with its records kept; the person may register again).
 */

interface Body {
  number: string;
  status: string;
  code: string;
  challengeId: string;
  destination: string;
  errors: { field: string; code: string }[];
}

let database: DatabaseHandle;
let app: FastifyInstance;
let parent: { authorization: string };
let parentAccount: string;
let officer: { authorization: string };
let keySeq = 0;
/** The app's clock: 07/12/2026 unless a test moves it. */
let clock = new Date('2026-12-07T02:00:00Z');
const key = () => `etx-test-${++keySeq}-${Date.now()}`;

beforeAll(async () => {
  database = await createTestDatabase();
  app = await buildApp(testConfig({ RATE_LIMIT_MAX: '100000', DEV_INBOX: 'true' }), {
    database,
    now: () => clock,
  });
  await insertFamily(database.db, '2026-12-07');
  await sql`UPDATE persons SET phone = '0912345678', email = 'hoa@example.vn' WHERE bhxh_code = ${FAMILY.parent}`.execute(
    database.db,
  );
  const signed = await signInAs(app, { role: 'citizen', bhxhCode: FAMILY.parent, phone: '0912345678' });
  parent = signed.headers;
  parentAccount = signed.principal.accountId;
  officer = (await signInAs(app, { role: 'officer', agencyCode: '0101' })).headers;
}, 60_000);
afterAll(async () => {
  await app.close();
  await database.close();
});

async function post(url: string, headers: object, payload: object) {
  const res = await app.inject({
    method: 'POST',
    url,
    headers: { ...headers, 'idempotency-key': key() },
    payload,
  });
  return { status: res.statusCode, body: res.json<Body>() };
}
const file = (form: object) =>
  post('/api/v1/me/service-requests', parent, { form, agencyCode: '0101', attachments: [] });
const approve = async (number: string) => {
  expect(
    (await post(`/api/v1/officer/service-requests/${number}/actions`, officer, { action: 'receive' })).status,
  ).toBe(200);
  const approved = await post(`/api/v1/officer/service-requests/${number}/actions`, officer, {
    action: 'approve',
  });
  expect(approved.status).toBe(200);
  expect(approved.body.status).toBe('approved');
};

/** The code of the last phone-change OTP sent to `phone` (read from the outbox). */
async function codeSentTo(phone: string): Promise<string> {
  const row = await database.db
    .selectFrom('outbox')
    .select('payload')
    .where('template', '=', 'otp.phone_change')
    .where('recipient', '=', phone)
    .orderBy('id', 'desc')
    .executeTakeFirstOrThrow();
  const { text } = row.payload as { text?: string };
  return /\b(\d{6})\b/.exec(text ?? '')?.[1] ?? '';
}

describe('adjusting e-transaction information (Form 01)', () => {
  it('refuses a form that changes nothing, and a new phone without its OTP', async () => {
    const empty = await file({ type: 'etx_info_change' });
    expect(empty.status).toBe(400);
    expect(empty.body.errors[0]).toMatchObject({ field: 'form', code: 'required' });
    const noOtp = await file({ type: 'etx_info_change', phone: '0987654321' });
    expect(noOtp.status).toBe(400);
    expect(noOtp.body.errors[0]).toMatchObject({ field: 'form.phoneOtp', code: 'required' });
  });

  it('confirms the new phone by an OTP sent to it; on approval the person and the account carry it', async () => {
    const sent = await post('/api/v1/me/e-transactions/phone-otp', parent, { phone: '0987654321' });
    expect(sent.status).toBe(200);
    expect(sent.body.destination).toMatch(/21$/);
    const code = await codeSentTo('0987654321');
    expect(code).toMatch(/^\d{6}$/);
    const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, '0');
    const form = {
      type: 'etx_info_change',
      phone: '0987654321',
      email: 'hoa.moi@example.vn',
      addressLine: '25 Lý Thường Kiệt, Hoàn Kiếm',
    };
    const refused = await file({ ...form, phoneOtp: { challengeId: sent.body.challengeId, code: wrong } });
    expect(refused.status).toBe(400);
    expect(refused.body.code).toBe('otp_invalid');
    // A code sent to another phone does not confirm this one.
    const other = await file({
      ...form,
      phone: '0977777777',
      phoneOtp: { challengeId: sent.body.challengeId, code },
    });
    expect(other.status).toBe(422);
    const filed = await file({ ...form, phoneOtp: { challengeId: sent.body.challengeId, code } });
    expect(filed.status).toBe(201);
    const stored = await database.db
      .selectFrom('service_requests')
      .select('form')
      .where('number', '=', filed.body.number)
      .executeTakeFirstOrThrow();
    expect(JSON.stringify(stored.form)).not.toContain(code);
    // The code is used: it confirms nothing a second time.
    const reused = await file({ ...form, phoneOtp: { challengeId: sent.body.challengeId, code } });
    expect(reused.status).toBe(410);

    await approve(filed.body.number);
    const person = await database.db
      .selectFrom('persons')
      .select(['phone', 'email', 'address_line'])
      .where('bhxh_code', '=', FAMILY.parent)
      .executeTakeFirstOrThrow();
    expect(person).toEqual({
      phone: '0987654321',
      email: 'hoa.moi@example.vn',
      address_line: '25 Lý Thường Kiệt, Hoàn Kiếm',
    });
    const account = await database.db
      .selectFrom('accounts')
      .select(['phone', 'email'])
      .where('id', '=', parentAccount)
      .executeTakeFirstOrThrow();
    expect(account).toEqual({ phone: '0987654321', email: 'hoa.moi@example.vn' });
  });
});

describe('changing where or how a pension is paid', () => {
  it('applies from the next month: the benefits history shows the new method from then on, once', async () => {
    await database.db
      .insertInto('benefit_payments')
      .values(
        [
          ['2026-11-01', '2026-11-30', '2026-11-10'],
          ['2026-12-01', '2026-12-31', '2026-12-05'],
          ['2027-01-01', '2027-01-31', null],
        ].map(([from, to, paid]) => ({
          bhxh_code: FAMILY.parent,
          kind: 'pension' as const,
          period_from: from ?? '',
          period_to: to ?? '',
          amount: 4_200_000,
          decision_number: '123/QĐ-BHXH',
          paid_on: paid ?? null,
        })),
      )
      .execute();
    const filed = await file({
      type: 'pension_payment_change',
      method: 'bank_account',
      bankName: 'Vietcombank',
      accountNumber: '0011004455667',
      accountHolder: 'Nguyễn Thị Hoà',
    });
    expect(filed.status).toBe(201);
    await approve(filed.body.number);
    // Approved on 07/12/2026: from 01/01/2027 on.
    const res = await app.inject({ method: 'GET', url: '/api/v1/me/benefits', headers: parent });
    expect(res.statusCode).toBe(200);
    const pension = res
      .json<{
        monthly: {
          kind: string;
          months: { month: string; paidVia: string | null }[];
          arrangements: object[];
        }[];
      }>()
      .monthly.find((m) => m.kind === 'pension');
    expect(pension?.arrangements).toEqual([
      {
        effectiveFrom: '2027-01-01',
        method: 'bank_account',
        provinceCode: null,
        communeCode: null,
        bankName: 'Vietcombank',
        accountEnding: '5667',
      },
    ]);
    expect(pension?.months.map((m) => [m.month, m.paidVia])).toEqual([
      ['2027-01', 'bank_account'],
      ['2026-12', null],
      ['2026-11', null],
    ]);
    const rows = await database.db
      .selectFrom('benefit_payment_arrangements')
      .select('id')
      .where('bhxh_code', '=', FAMILY.parent)
      .execute();
    expect(rows).toHaveLength(1);
  });
});

describe('changing the initial clinic', () => {
  it('applies from the next period: the card keeps its clinic and shows the new one "from", then carries it', async () => {
    interface Cards {
      cards: {
        holder: { bhxhCode: string };
        card: {
          registeredClinic: { code: string } | null;
          nextClinic?: { code: string; from: string } | null;
        };
      }[];
    }
    const mine = async () =>
      (await app.inject({ method: 'GET', url: '/api/v1/me/cards', headers: parent }))
        .json<Cards>()
        .cards.find((c) => c.holder.bhxhCode === FAMILY.parent)?.card;
    const before = (await mine())?.registeredClinic?.code;
    clock = new Date('2027-01-05T02:00:00Z'); // in the first 10 days of a quarter
    try {
      const filed = await file({ type: 'initial_clinic_change', clinicCode: '79024' });
      expect(filed.status).toBe(201);
      await approve(filed.body.number);
      const card = await mine();
      expect(card?.registeredClinic?.code).toBe(before);
      expect(card?.nextClinic).toMatchObject({ code: '79024', from: '2027-02-01' });
      clock = new Date('2027-02-01T02:00:00Z');
      const later = await mine();
      expect(later?.registeredClinic?.code).toBe('79024');
      expect(later?.nextClinic).toBeNull();
      // Every other reader (the gateway's maDKBD, FHIR, the clinic screen) reads the card's own
      // column: the job moves the change there once due, not a day before, and only once.
      const stored = () =>
        database.db
          .selectFrom('bhyt_cards')
          .select(['registered_clinic_code', 'next_clinic_code', 'next_clinic_from'])
          .where('bhxh_code', '=', FAMILY.parent)
          .where('status', '=', 'active')
          .executeTakeFirstOrThrow();
      expect(await app.clinicChange.runOnce('2027-01-31')).toEqual({ moved: 0 });
      expect((await stored()).registered_clinic_code).toBe(before);
      expect(await app.clinicChange.runOnce('2027-02-01')).toEqual({ moved: 1 });
      expect(await stored()).toEqual({
        registered_clinic_code: '79024',
        next_clinic_code: null,
        next_clinic_from: null,
      });
      expect(await app.clinicChange.runOnce('2027-02-01')).toEqual({ moved: 0 });
      expect((await mine())?.registeredClinic?.code).toBe('79024');
    } finally {
      clock = new Date('2026-12-07T02:00:00Z');
    }
  });
});

describe('PDF attachments', () => {
  it('accepts a PDF checked by its content, and refuses one with JavaScript naming the attachment', async () => {
    const doc = new PDFDocument();
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    const ended = new Promise<void>((resolve) =>
      doc.on('end', () => {
        resolve();
      }),
    );
    doc.text('Giấy khai sinh (bản sao)');
    doc.end();
    await ended;
    const good = Buffer.concat(chunks);
    const form = { type: 'bhyt_card_reissue', reason: 'lost', changes: { fullName: 'Nguyễn Thị Hòa' } };
    const filed = await post('/api/v1/me/service-requests', parent, {
      form,
      agencyCode: '0101',
      attachments: [{ kind: 'evidence', data: good.toString('base64') }],
    });
    expect(filed.status).toBe(201);
    const files = await database.db
      .selectFrom('service_request_files as f')
      .innerJoin('service_requests as r', (j) =>
        j.onRef('r.bhxh_code', '=', 'f.bhxh_code').onRef('r.id', '=', 'f.request_id'),
      )
      .select(['f.content_type', 'f.byte_size'])
      .where('r.number', '=', filed.body.number)
      .execute();
    expect(files).toEqual([{ content_type: 'application/pdf', byte_size: good.length }]);
    const evil = Buffer.from(
      '%PDF-1.7\n1 0 obj << /Type /Page >> endobj\n2 0 obj << /OpenAction << /S /JavaScript /JS (app.alert(1)) >> >> endobj\n%%EOF\n',
      'latin1',
    );
    const refused = await post('/api/v1/me/service-requests', parent, {
      form,
      agencyCode: '0101',
      attachments: [{ kind: 'evidence', data: evil.toString('base64') }],
    });
    expect(refused.status).toBe(422);
    expect(refused.body.errors[0]).toMatchObject({ field: 'attachments.0.data', code: 'active_content' });
  });
});

describe('stopping e-transactions (Form 01)', () => {
  it('ends the sessions, removes the passkeys, closes the account once and keeps the records; the person may register again', async () => {
    await database.db
      .insertInto('passkeys')
      .values({
        id: 'pk-etx-stop',
        account_id: parentAccount,
        public_key: Buffer.from([1, 2, 3]),
        device_type: 'singleDevice',
        name: 'Điện thoại',
      })
      .execute();
    const filed = await file({ type: 'etx_stop', reasonText: 'Không dùng điện thoại thông minh nữa' });
    expect(filed.status).toBe(201);
    await approve(filed.body.number);

    const account = await database.db
      .selectFrom('accounts')
      .select(['status', 'closed_at', 'username'])
      .where('id', '=', parentAccount)
      .executeTakeFirstOrThrow();
    expect(account.status).toBe('closed');
    expect(account.closed_at).not.toBeNull();
    const passkeys = await database.db
      .selectFrom('passkeys')
      .select('id')
      .where('account_id', '=', parentAccount)
      .execute();
    expect(passkeys).toEqual([]);
    const sessions = await database.db
      .selectFrom('sessions')
      .select(['end_reason'])
      .where('account_id', '=', parentAccount)
      .execute();
    expect(sessions.length).toBeGreaterThan(0);
    expect(sessions.every((s) => s.end_reason === 'account_closed')).toBe(true);
    // The ended session answers 401; the records stay.
    const after = await app.inject({ method: 'GET', url: '/api/v1/me/cards', headers: parent });
    expect(after.statusCode).toBe(401);
    const cards = await database.db
      .selectFrom('bhyt_cards')
      .select('id')
      .where('bhxh_code', '=', FAMILY.parent)
      .execute();
    expect(cards.length).toBeGreaterThan(0);

    // The closed account signs in no more (the same answer as an unknown user name).
    const signIn = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      payload: { username: account.username, password: 'Bat-ky-mat-khau-1', client: { deviceName: 'Thử' } },
    });
    expect(signIn.statusCode).toBeGreaterThanOrEqual(400);
    expect(signIn.statusCode).toBeLessThan(500);
    // Registering again: a new account for the same person and user name (what an approved
    // registration inserts) is allowed beside the closed one.
    const again = await database.db
      .insertInto('accounts')
      .values({
        role: 'citizen',
        username: account.username,
        bhxh_code: FAMILY.parent,
        display_name: 'Nguyễn Thị Hoà',
        phone: '0987654321',
        password_hash: 'x',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    expect(again.id).not.toBe(parentAccount);
    // But never two open accounts of one person.
    await expect(
      database.db
        .insertInto('accounts')
        .values({
          role: 'citizen',
          username: 'khac.ten',
          bhxh_code: FAMILY.parent,
          display_name: 'Nguyễn Thị Hoà',
          password_hash: 'x',
        })
        .execute(),
    ).rejects.toThrow();
  });
});
