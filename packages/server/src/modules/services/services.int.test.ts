import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app';
import type { DatabaseHandle } from '../../db/database';
import { signInAs } from '../../testing/auth';
import { createTestDatabase, testConfig } from '../../testing/database';
import { FAMILY, insertFamily } from '../card/test-fixtures';

/** The parts of the answers these tests read. */
interface Body {
  number: string;
  status: string | number;
  code: string;
  allowed: string;
  currentStatus: string;
  dueOn: string;
  clockStopped: boolean;
  late: boolean;
  allowedActions: string[];
  events: { action: string }[];
  attachments: { kind: string }[];
  errors: { field: string; code: string }[];
  items: { number: string; sla: string; late: boolean }[];
  person: { fullName: string };
  total: number;
}

let database: DatabaseHandle;
let app: FastifyInstance;
/** The app's clock: each test sets the Vietnamese day it acts on. */
let clock = new Date('2026-12-07T02:00:00Z');
const on = (day: string) => {
  clock = new Date(`${day}T09:00:00+07:00`);
};
type Headers = { authorization: string };
let parent: Headers;
let stranger: Headers;
let officer: Headers;
let officer79: Headers;
let keySeq = 0;
const key = () => `svc-test-${++keySeq}-${Date.now()}`;

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
  parent = (await signInAs(app, { role: 'citizen', bhxhCode: FAMILY.parent })).headers;
  stranger = (await signInAs(app, { role: 'citizen', bhxhCode: FAMILY.stranger })).headers;
  officer = (await signInAs(app, { role: 'officer', agencyCode: '0101' })).headers;
  officer79 = (await signInAs(app, { role: 'officer', agencyCode: '79' })).headers;
}, 60_000);
afterAll(async () => {
  await app.close();
  await database.close();
});

async function file(body: Record<string, unknown>, headers: Headers = parent, k = key()) {
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/me/service-requests',
    headers: { ...headers, 'idempotency-key': k },
    payload: { agencyCode: '0101', ...body },
  });
  return { status: res.statusCode, body: res.json<Body>() };
}

async function act(number: string, body: Record<string, unknown>, headers: Headers = officer, k = key()) {
  const res = await app.inject({
    method: 'POST',
    url: `/api/v1/officer/service-requests/${number}/actions`,
    headers: { ...headers, 'idempotency-key': k },
    payload: body,
  });
  return { status: res.statusCode, body: res.json<Body>() };
}

async function citizenAct(number: string, body: Record<string, unknown>, k = key()) {
  const res = await app.inject({
    method: 'POST',
    url: `/api/v1/me/service-requests/${number}/actions`,
    headers: { ...parent, 'idempotency-key': k },
    payload: body,
  });
  return { status: res.statusCode, body: res.json<Body>() };
}

async function photo(): Promise<string> {
  const bytes = await sharp({ create: { width: 400, height: 300, channels: 3, background: '#336699' } })
    .jpeg()
    .toBuffer();
  return bytes.toString('base64');
}

const cardsOf = (code: string) =>
  database.db
    .selectFrom('bhyt_cards')
    .select(['id', 'status', 'replaced_by_id', 'issued_on', 'registered_clinic_code'])
    .where('bhxh_code', '=', code)
    .orderBy('id')
    .execute();

const outboxFor = (number: string) =>
  database.db
    .selectFrom('outbox')
    .select(['idempotency_key', 'channel', 'template'])
    .where('idempotency_key', 'like', `service-request:${number}:%`)
    .execute();

describe('online public services', () => {
  it('lists the catalogue with processing times and their sources', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/v1/services' });
    expect(res.statusCode).toBe(200);
    const card = res.json<{ services: { type: string; workingDays: object; source: string }[] }>()
      .services[0];
    expect(card).toMatchObject({ type: 'bhyt_card_reissue', workingDays: { plain: 0, withChanges: 3 } });
    expect(card?.source).toContain('595');
  });

  it('reissues a card without changes the same day: the old card replaced, once, with messages', async () => {
    on('2026-12-07');
    const k = key();
    const filed = await file({ form: { type: 'bhyt_card_reissue', reason: 'lost' } }, parent, k);
    expect(filed.status).toBe(201);
    expect(filed.body).toMatchObject({ status: 'submitted', dueOn: '2026-12-07', late: false });
    // A retried submission finds the same request.
    const again = await file({ form: { type: 'bhyt_card_reissue', reason: 'lost' } }, parent, k);
    expect(again.status).toBe(200);
    expect(again.body.number).toBe(filed.body.number);

    const number = filed.body.number;
    const refused = await act(number, { action: 'approve' });
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({
      code: 'action_not_allowed',
      currentStatus: 'submitted',
      allowed: 'receive,reject,withdraw',
    });

    expect((await act(number, { action: 'receive' })).status).toBe(200);
    const approveKey = key();
    const approved = await act(number, { action: 'approve' }, officer, approveKey);
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ status: 'approved', late: false, allowedActions: [] });
    // The same approval retried: answered, nothing applied again.
    const retried = await act(number, { action: 'approve' }, officer, approveKey);
    expect(retried.status).toBe(200);
    expect(retried.body.status).toBe('approved');
    // Another approval (another key): refused by the workflow.
    expect((await act(number, { action: 'approve' })).status).toBe(409);

    const cards = await cardsOf(FAMILY.parent);
    const active = cards.filter((c) => c.status === 'active');
    expect(active).toHaveLength(1);
    expect(active[0]?.issued_on).toBe('2026-12-07');
    expect(cards.find((c) => c.id === '1002')).toMatchObject({
      status: 'replaced',
      replaced_by_id: active[0]?.id,
    });
    const mine = await app.inject({ method: 'GET', url: '/api/v1/me/cards', headers: parent });
    expect(mine.body).toContain(active[0]?.id ?? 'none');

    const messages = await outboxFor(number);
    // submit, receive, approve: one SMS and one email each.
    expect(messages).toHaveLength(6);
    expect(new Set(messages.map((m) => m.idempotency_key)).size).toBe(6);
    // The inbox (issue 25's system messages): each step once, and the new card, in the reader's language.
    const inbox = await app.inject({
      method: 'GET',
      url: '/api/v1/me/notifications?limit=50',
      headers: { ...parent, 'accept-language': 'en' },
    });
    const titles = inbox.json<{ items: { title: string; body: string }[] }>().items.map((i) => i.title);
    for (const t of [
      `Request ${number} received`,
      `Request ${number} is being processed`,
      `Request ${number} completed`,
    ])
      expect(titles.filter((x) => x === t)).toHaveLength(1);
    expect(titles.filter((x) => x === 'Your new health insurance card')).toHaveLength(1);
  });

  it('applies a result once under concurrent approvals', async () => {
    on('2026-12-07');
    const filed = await file({ form: { type: 'bhyt_card_reissue', reason: 'damaged' } });
    const number = filed.body.number;
    await act(number, { action: 'receive' });
    const before = (await cardsOf(FAMILY.parent)).length;
    const results = await Promise.all([1, 2, 3, 4].map(() => act(number, { action: 'approve' })));
    expect(results.map((r) => r.status).sort()).toEqual([200, 409, 409, 409]);
    expect((await cardsOf(FAMILY.parent)).length).toBe(before + 1);
    const approvals = (await outboxFor(number)).filter((m) => m.template === 'services.approve');
    expect(approvals).toHaveLength(2);
  });

  it('stops the clock while waiting for the citizen and restarts it on the supplement', async () => {
    on('2026-12-07'); // Monday
    const filed = await file(
      { form: { type: 'bhyt_card_reissue', reason: 'lost', changes: { fullName: 'Nguyễn Thị Hòa An' } } },
      parent,
    );
    expect(filed.status).toBe(400); // no evidence photo: refused
    expect(filed.body.errors[0]).toMatchObject({ field: 'attachments', code: 'required' });

    const ok = await file({
      form: { type: 'bhyt_card_reissue', reason: 'lost', changes: { fullName: 'Nguyễn Thị Hòa An' } },
      attachments: [{ kind: 'evidence', data: await photo() }],
    });
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({ dueOn: '2026-12-10', attachments: [{ kind: 'evidence' }] });
    const number = ok.body.number;
    await act(number, { action: 'receive' });
    on('2026-12-08'); // one working day used
    const asked = await act(number, { action: 'ask_supplement', reasonText: 'Ảnh giấy khai sinh rõ hơn' });
    expect(asked.body).toMatchObject({ status: 'waiting_for_citizen', clockStopped: true, late: false });
    on('2026-12-14'); // past the first estimate, but the clock was stopped: not late
    const mine = await app.inject({
      method: 'GET',
      url: `/api/v1/me/service-requests/${number}`,
      headers: parent,
    });
    expect(mine.json<Body>()).toMatchObject({ late: false, clockStopped: true });
    const supplemented = await citizenAct(number, {
      action: 'supplement',
      attachments: [{ kind: 'evidence', data: await photo() }],
    });
    expect(supplemented.status).toBe(200);
    // Two working days left from Monday 14: Wednesday 16.
    expect(supplemented.body).toMatchObject({
      status: 'supplemented',
      dueOn: '2026-12-16',
      clockStopped: false,
    });
    on('2026-12-17');
    const late = await app.inject({
      method: 'GET',
      url: `/api/v1/me/service-requests/${number}`,
      headers: parent,
    });
    expect(late.json<Body>().late).toBe(true);
    const queue = await app.inject({
      method: 'GET',
      url: '/api/v1/officer/service-requests?sla=overdue',
      headers: officer,
    });
    expect(queue.json<Body>().items.map((i) => i.number)).toContain(number);
    expect(queue.json<Body>().items.find((i) => i.number === number)?.sla).toBe('overdue');
    const approved = await act(number, { action: 'approve' });
    expect(approved.body).toMatchObject({ status: 'approved', late: true });
    const person = await database.db
      .selectFrom('persons')
      .select('full_name')
      .where('bhxh_code', '=', FAMILY.parent)
      .executeTakeFirstOrThrow();
    expect(person.full_name).toBe('Nguyễn Thị Hòa An');
  });

  it('counts a deadline across Tết and a weekend', async () => {
    on('2027-02-01'); // Monday before Tết Đinh Mùi (6 February 2027)
    const filed = await file({ form: { type: 'bhxh_book_reissue', reason: 'lost' } });
    expect(filed.status).toBe(201);
    // 5 working days (Luật BHXH 41/2024 Art. 28(4)): 2, 3, 4 Feb; Tết 5–11 Feb off (2027 not yet
    // announced: the rule, with 6 and 7 Feb given back on 10 and 11 Feb); Fri 12, Mon 15 Feb.
    expect(filed.body.dueOn).toBe('2027-02-15');
    const receipt = await app.inject({
      method: 'GET',
      url: `/api/v1/me/service-requests/${filed.body.number}/receipt`,
      headers: parent,
    });
    expect(receipt.statusCode).toBe(200);
    expect(receipt.headers['content-type']).toBe('application/pdf');
    expect(receipt.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    // The electronic book notice comes with the approval, not before.
    const resultUrl = `/api/v1/me/service-requests/${filed.body.number}/result`;
    expect((await app.inject({ method: 'GET', url: resultUrl, headers: parent })).statusCode).toBe(404);
    await act(filed.body.number, { action: 'receive' });
    await act(filed.body.number, { action: 'approve' });
    const notice = await app.inject({ method: 'GET', url: resultUrl, headers: parent });
    expect(notice.statusCode).toBe(200);
    expect(notice.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
  });

  it("answers 404 for another agency's or another person's request", async () => {
    on('2026-12-07');
    const filed = await file({ form: { type: 'bhxh_book_reissue', reason: 'damaged' } });
    const number = filed.body.number;
    const open = await app.inject({
      method: 'GET',
      url: `/api/v1/officer/service-requests/${number}`,
      headers: officer79,
    });
    expect(open.statusCode).toBe(404);
    expect((await act(number, { action: 'receive' }, officer79)).status).toBe(404);
    const queue = await app.inject({
      method: 'GET',
      url: '/api/v1/officer/service-requests',
      headers: officer79,
    });
    expect(queue.json<Body>().items.map((i) => i.number)).not.toContain(number);
    const other = await app.inject({
      method: 'GET',
      url: `/api/v1/me/service-requests/${number}`,
      headers: stranger,
    });
    expect(other.statusCode).toBe(404);
    // The own agency's officer opens it: an audited read of the person's data.
    const mine = await app.inject({
      method: 'GET',
      url: `/api/v1/officer/service-requests/${number}`,
      headers: officer,
    });
    expect(mine.statusCode).toBe(200);
    expect(mine.json<Body>().person.fullName).toBeTruthy();
    const audit = await database.db
      .selectFrom('audit_log')
      .select('action')
      .where('target_id', '=', number)
      .where('action', '=', 'service_request.opened')
      .execute();
    expect(audit).toHaveLength(1);
  });

  it('lets a guardian file a card reissue for a minor child, not for an adult one', async () => {
    on('2026-12-07');
    const child = await file({
      forBhxhCode: FAMILY.child,
      form: { type: 'bhyt_card_reissue', reason: 'lost' },
    });
    expect(child.status).toBe(201);
    const adult = await file({
      forBhxhCode: FAMILY.adultChild,
      form: { type: 'bhyt_card_reissue', reason: 'lost' },
    });
    expect(adult.status).toBe(404);
    const list = await app.inject({ method: 'GET', url: '/api/v1/me/service-requests', headers: parent });
    expect(list.json<Body>().items.map((i) => i.number)).toContain(child.body.number);
  });

  it('names the field: a rejection without a reason, a bank account in another name', async () => {
    on('2026-12-07');
    const filed = await file({ form: { type: 'bhxh_book_reissue', reason: 'lost' } });
    const noReason = await act(filed.body.number, { action: 'reject' });
    expect(noReason.status).toBe(400);
    expect(noReason.body.errors[0]?.field).toBe('reasonCode');
    const rejected = await act(filed.body.number, { action: 'reject', reasonCode: 'duplicate' });
    expect(rejected.body.status).toBe('rejected');
    const bankForm = {
      type: 'pension_payment_change',
      method: 'bank_account',
      bankName: 'Vietcombank',
      accountNumber: '0011001234567',
      accountHolder: 'Người Khác',
    };
    // Someone paid no pension or monthly allowance lately has nothing to move: 422 on the type.
    const notPaid = await file({ form: bankForm });
    expect(notPaid.status).toBe(422);
    expect(notPaid.body.errors[0]).toMatchObject({ field: 'form.type', code: 'not_eligible' });
    await sql`INSERT INTO benefit_payments (bhxh_code, kind, period_from, period_to, amount, decision_number, paid_on)
      VALUES (${FAMILY.parent}, 'pension', '2026-11-01', '2026-11-30', 6500000, '77/QĐ-BHXH', '2026-11-05')`.execute(
      database.db,
    );
    const bank = await file({ form: bankForm });
    expect(bank.status).toBe(400);
    expect(bank.body.errors[0]).toMatchObject({ field: 'form.accountHolder', code: 'not_own_account' });
    const withdrawn = await file({ form: { type: 'bhxh_book_reissue', reason: 'lost' } });
    expect((await citizenAct(withdrawn.body.number, { action: 'withdraw' })).body.status).toBe('withdrawn');
  });
});
