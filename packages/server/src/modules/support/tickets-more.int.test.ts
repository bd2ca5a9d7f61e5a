import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app';
import type { DatabaseHandle } from '../../db/database';
import { signInAs } from '../../testing/auth';
import { createTestDatabase, testConfig } from '../../testing/database';
import { solvedProof } from '../../testing/proof';
import { photo } from '../registration/test-fixtures';
import { recordWard } from '../../db/guardian-wards';

/**
 * Issue 25 item 2, what the first tickets lacked: tickets opened without signing in (an OTP to
 * the phone on record, no account-existence oracle), attachments on both sides, corrections of
 * cards, visits and benefit payments, and the notifications of replies both ways.
 */

let database: DatabaseHandle;
let app: FastifyInstance;
type Headers = { authorization: string };
let citizen: Headers;
let stranger: Headers;
let hanoi: Headers;
let hue: Headers;
let cardId = '';
let benefitId = '';
let accountId = '';

const CODE = '0100000911';
const PHONE = '0912000911';
const CHILD = '0100000913';
const CHILD_PHONE = '0912000913';
const UNKNOWN = '0100000999';
const PURPOSE = 'Giải quyết phản ánh';

const PDF = Buffer.from('%PDF-1.7\n1 0 obj << /Type /Page >> endobj\ntrailer << >>\n%%EOF\n');

beforeAll(async () => {
  database = await createTestDatabase();
  app = await buildApp(testConfig(), { database, now: () => new Date('2026-12-04T03:00:00Z') });
  const db = database.db;
  await db
    .insertInto('bhxh_agencies')
    .values([
      { code: '01', level: 'province', name: 'BHXH Hà Nội', address: 'Hà Nội', province_code: '01' },
      { code: '46', level: 'province', name: 'BHXH Huế', address: 'Huế', province_code: '46' },
    ])
    .execute();
  const clinic = (code: string, name: string) => ({
    code,
    name,
    level: 'district' as const,
    address: 'Hà Nội',
    province_code: '01',
  });
  await db
    .insertInto('clinics')
    .values([clinic('01001', 'Bệnh viện Bạch Mai'), clinic('01002', 'Bệnh viện Thanh Nhàn')])
    .execute();
  const person = (code: string, name: string, phone: string, extra = {}) => ({
    bhxh_code: code,
    full_name: name,
    birth_year: 1985,
    gender: 'female' as const,
    province_code: '01',
    phone,
    ...extra,
  });
  await db
    .insertInto('persons')
    .values([
      person(CODE, 'Trần Thị Mai', PHONE),
      person(CHILD, 'Trần Minh An', CHILD_PHONE, {
        birth_year: 2015,
        birth_date: '2015-05-01',
        guardian_bhxh_code: CODE,
      }),
    ])
    .execute();
  await recordWard(db, CODE, CHILD);
  cardId = (
    await db
      .insertInto('bhyt_cards')
      .values({
        bhxh_code: CODE,
        card_number: `GD479${CODE}`,
        object_code: 'GD',
        benefit_level: 4,
        registered_clinic_code: '01001',
        valid_from: '2026-01-01',
        valid_to: '2026-12-31',
        issued_on: '2025-12-20',
        issuing_agency_code: '01',
        status: 'active',
      })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
  await db
    .insertInto('medical_visits')
    .values({
      bhxh_code: CODE,
      ma_lk: 'LK0911',
      clinic_code: '01001',
      card_number: `GD479${CODE}`,
      visit_kind: '03',
      route: 1,
      admitted_at: '2026-10-02 08:00:00',
      discharged_at: '2026-10-05 10:00:00',
      treatment_days: 3,
      diagnosis_in: 'Sốt',
      diagnosis_out: 'Viêm phổi',
      icd10_main: 'J18',
      total_cost: 3_000_000,
      covered_cost: 2_400_000,
      co_payment: 600_000,
      fund_paid: 1_800_000,
    })
    .execute();
  benefitId = (
    await db
      .insertInto('benefit_payments')
      .values({
        bhxh_code: CODE,
        kind: 'sickness',
        period_from: '2026-10-02',
        period_to: '2026-10-05',
        amount: 1_200_000,
        decision_number: '123/QĐ-BHXH',
      })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
  const signedIn = await signInAs(app, { role: 'citizen', bhxhCode: CODE, displayName: 'Trần Thị Mai' });
  citizen = signedIn.headers;
  accountId = signedIn.principal.accountId;
  stranger = (await signInAs(app, { role: 'citizen', bhxhCode: '0100000912' })).headers;
  hanoi = (await signInAs(app, { role: 'officer', agencyCode: '01', displayName: 'Cán bộ Hà Nội' })).headers;
  hue = (await signInAs(app, { role: 'officer', agencyCode: '46' })).headers;
});
afterAll(async () => {
  await app.close();
  await database.close();
});

let ipSeq = 0;
const post = (url: string, headers: Partial<Headers>, payload: object) =>
  app.inject({ method: 'POST', url, headers, payload, remoteAddress: `10.9.0.${String(++ipSeq)}` });
const get = (url: string, headers: Headers) => app.inject({ url, headers });

const smsTo = (phone: string) =>
  database.db
    .selectFrom('outbox')
    .select(['template', 'payload'])
    .where('recipient', '=', phone)
    .orderBy('id')
    .execute();
const lastCode = async (phone: string) => {
  const texts = (await smsTo(phone)).map((m) => String(m.payload.text));
  const code = /\b(\d{6})\b/.exec(texts.at(-1) ?? '')?.[1];
  if (!code) throw new Error(`no OTP to ${phone}`);
  return code;
};
/** Every step of the person's "who viewed / changed my data". */
const trail = async () =>
  (await get('/api/v1/me/data-access', citizen))
    .json<{ items: { steps: { action: string }[] }[] }>()
    .items.flatMap((e) => e.steps.map((s) => s.action));

describe('a ticket opened without signing in', () => {
  const start = async (who: object) =>
    post('/api/v1/support/tickets', {}, { ...who, ...(await solvedProof(app)) });

  it('answers the same for a code on record and one that is not, and opens the ticket with the code sent', async () => {
    const known = await start({ bhxhCode: CODE });
    const unknown = await start({ bhxhCode: UNKNOWN });
    expect(known.statusCode).toBe(202);
    expect(unknown.statusCode).toBe(202);
    const shape = (r: typeof known) => Object.keys(r.json<object>()).sort();
    expect(shape(unknown)).toEqual(shape(known));
    expect(known.json()).not.toHaveProperty('destination');

    // A wrong code is one answer for both; the unknown one's challenge never opens anything.
    const wrong = (challengeId: string) =>
      post(
        '/api/v1/support/tickets/confirm',
        {},
        { challengeId, code: '000000', category: 'account', text: 'Tôi quên mật khẩu.' },
      );
    const [k, u] = [
      await wrong(known.json<{ challengeId: string }>().challengeId),
      await wrong(unknown.json<{ challengeId: string }>().challengeId),
    ];
    expect(u.statusCode).toBe(k.statusCode);
    expect(u.json<{ code: string }>().code).toBe(k.json<{ code: string }>().code);
    // The resend tells nothing either.
    const resent = await post(
      '/api/v1/auth/otp/resend',
      {},
      { challengeId: unknown.json<{ challengeId: string }>().challengeId },
    );
    expect(resent.json<{ destination?: unknown }>().destination ?? null).toBeNull();

    // Without a proof of work: refused before anything is looked at.
    const noProof = await post('/api/v1/support/tickets', {}, { bhxhCode: CODE });
    expect(noProof.statusCode).toBe(400);
    // Both a code and a phone (or neither): a field error.
    const both = await start({ bhxhCode: CODE, phone: PHONE });
    expect(both.json<{ errors: { field: string }[] }>().errors[0]?.field).toBe('bhxhCode');

    // The code sent to the phone on record opens the ticket for the person, routed as usual.
    const challengeId = known.json<{ challengeId: string }>().challengeId;
    const body = {
      challengeId,
      code: await lastCode(PHONE),
      category: 'account',
      text: 'Tôi không đăng nhập được vào VssID.',
      attachments: [{ data: await photo(30, 320) }],
    };
    const opened = await post('/api/v1/support/tickets/confirm', {}, body);
    expect(opened.statusCode, opened.body).toBe(201);
    const ticket = opened.json<{ id: string; agencyCode: string }>();
    expect(ticket.agencyCode).toBe('01');
    // A retry answers the same ticket; the SMS names it.
    const again = await post('/api/v1/support/tickets/confirm', {}, body);
    expect(again.json<{ id: string }>().id).toBe(ticket.id);
    const sms = await smsTo(PHONE);
    expect(sms.filter((m) => m.template === 'support.opened')).toHaveLength(1);
    expect(String(sms.at(-1)?.payload.text)).toContain(ticket.id);
    // Nothing was sent for the unknown code.
    expect(
      await database.db.selectFrom('outbox').select('id').where('recipient', '=', UNKNOWN).execute(),
    ).toEqual([]);

    // The person follows it in the app once signed in; the officers' answers go by SMS too.
    const mine = (await get('/api/v1/me/tickets', citizen)).json<{ items: { id: string }[] }>().items;
    expect(mine.map((t) => t.id)).toContain(ticket.id);
    await post(`/api/v1/officer/tickets/${ticket.id}/messages`, hanoi, {
      text: 'Bạn hãy đặt lại mật khẩu bằng OTP.',
    });
    const answered = (await smsTo(PHONE)).filter((m) => m.template === 'support.answered');
    expect(answered).toHaveLength(1);
    expect(String(answered[0]?.payload.text)).toContain('đặt lại mật khẩu');
    const asked = await database.db
      .selectFrom('audit_log')
      .select('action')
      .where('subject_bhxh_code', '=', CODE)
      .where('action', '=', 'support.ticket.otp_requested')
      .execute();
    expect(asked.length).toBeGreaterThan(0);
  });

  it('takes the registered phone in place of the code, with the same answer for an unknown phone', async () => {
    const known = await start({ phone: CHILD_PHONE });
    const unknown = await start({ phone: '0999999999' });
    expect([known.statusCode, unknown.statusCode]).toEqual([202, 202]);
    const opened = await post(
      '/api/v1/support/tickets/confirm',
      {},
      {
        challengeId: known.json<{ challengeId: string }>().challengeId,
        code: await lastCode(CHILD_PHONE),
        category: 'other',
        text: 'Con tôi cần cấp lại thẻ BHYT.',
        attachments: [{ data: PDF.toString('base64') }],
      },
    );
    expect(opened.statusCode, opened.body).toBe(201);
    const id = opened.json<{ id: string }>().id;
    const row = await database.db
      .selectFrom('tickets')
      .select(['bhxh_code', 'opened_via'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ bhxh_code: CHILD, opened_via: 'otp' });

    // The guardian of the minor reads the file (audited); another citizen gets 404.
    const attachment = await database.db
      .selectFrom('ticket_attachments')
      .select('id')
      .where('ticket_id', '=', id)
      .executeTakeFirstOrThrow();
    const url = `/api/v1/me/tickets/${id}/attachments/${attachment.id}`;
    const byGuardian = await get(url, citizen);
    expect(byGuardian.statusCode).toBe(200);
    expect(byGuardian.headers['content-type']).toBe('application/pdf');
    expect((await get(url, stranger)).statusCode).toBe(404);
    const audit = await database.db
      .selectFrom('audit_log')
      .select('action')
      .where('subject_bhxh_code', '=', CHILD)
      .execute();
    expect(audit.map((a) => a.action)).toContain('support.attachment.read');
  });
});

describe('attachments', () => {
  it('are cleaned or checked, shown on both sides, and readable by the person and the agency only', async () => {
    const opened = await post('/api/v1/me/tickets', citizen, {
      category: 'benefits',
      text: 'Tôi gửi giấy ra viện để hưởng chế độ ốm đau.',
      attachments: [{ data: await photo(40, 320) }, { data: PDF.toString('base64') }],
    });
    expect(opened.statusCode, opened.body).toBe(201);
    const id = opened.json<{ id: string }>().id;
    const detail = (await get(`/api/v1/me/tickets/${id}`, citizen)).json<{
      attachments: { id: string; contentType: string; author: string }[];
    }>();
    expect(detail.attachments.map((a) => a.contentType)).toEqual(['image/jpeg', 'application/pdf']);
    const [image, pdf] = detail.attachments;
    const own = await get(`/api/v1/me/tickets/${id}/attachments/${image?.id ?? ''}`, citizen);
    expect(own.statusCode).toBe(200);
    // Re-encoded: the camera's metadata is gone.
    expect(own.rawPayload.includes(Buffer.from('Secret Model'))).toBe(false);
    expect(
      (await get(`/api/v1/me/tickets/${id}/attachments/${pdf?.id ?? ''}`, citizen)).rawPayload.equals(PDF),
    ).toBe(true);

    // Another person's: 404, as another agency's officer; the responsible agency's read is audited.
    expect((await get(`/api/v1/me/tickets/${id}/attachments/${image?.id ?? ''}`, stranger)).statusCode).toBe(
      404,
    );
    const officerUrl = `/api/v1/officer/tickets/${id}/attachments/${image?.id ?? ''}?purpose=${encodeURIComponent(PURPOSE)}`;
    expect((await get(officerUrl, hue)).statusCode).toBe(404);
    expect((await get(officerUrl, hanoi)).statusCode).toBe(200);
    expect(await trail()).toContain('support.attachment.read');
    // A file id of another ticket through this one: 404.
    expect((await get(`/api/v1/me/tickets/${id}/attachments/999999`, citizen)).statusCode).toBe(404);

    // The officer answers with a file; the person sees it beside the answer.
    const answered = await post(`/api/v1/officer/tickets/${id}/messages`, hanoi, {
      text: 'Mẫu đơn đề nghị gửi kèm.',
      attachments: [{ data: PDF.toString('base64') }],
    });
    expect(answered.statusCode, answered.body).toBe(200);
    const after = (await get(`/api/v1/me/tickets/${id}`, citizen)).json<{
      attachments: { author: string; messageId: string | null }[];
    }>();
    expect(after.attachments.at(-1)?.author).toBe('officer');
    expect(typeof after.attachments.at(-1)?.messageId).toBe('string');
  });

  it('refuses a garbage PDF, a polyglot and active content with a field error, and saves nothing', async () => {
    const count = async () => (await database.db.selectFrom('tickets').select('id').execute()).length;
    const before = await count();
    const cases: [Buffer, string][] = [
      [Buffer.from('%PDF-1.7 này không phải là một tệp PDF'), 'not_pdf'],
      // A JPEG's first bytes before a PDF: taken for a picture, which does not decode.
      [Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), PDF]), 'unreadable'],
      [
        Buffer.from(
          '%PDF-1.7\n1 0 obj << /Type /Page /AA << /O << /S /JavaScript /JS (app.alert(1)) >> >> >> endobj\n%%EOF\n',
        ),
        'active_content',
      ],
    ];
    for (const [bytes, code] of cases) {
      const res = await post('/api/v1/me/tickets', citizen, {
        category: 'other',
        text: 'Tôi gửi kèm giấy tờ.',
        attachments: [{ data: PDF.toString('base64') }, { data: bytes.toString('base64') }],
      });
      expect(res.statusCode, res.body).toBe(422);
      expect(
        res.json<{ errors: { field: string; code: string; message: string }[] }>().errors[0],
      ).toMatchObject({
        field: 'attachments.1.data',
        code,
      });
    }
    const tooMany = await post('/api/v1/me/tickets', citizen, {
      category: 'other',
      text: 'Quá nhiều tệp.',
      attachments: Array.from({ length: 4 }, () => ({ data: PDF.toString('base64') })),
    });
    expect(tooMany.statusCode).toBe(400);
    expect(await count()).toBe(before);
  });
});

describe('corrections beyond participation periods', () => {
  const wrongData = async (record: { type: string; id: string }) => {
    const res = await post('/api/v1/me/tickets', citizen, {
      category: 'wrong_data',
      text: 'Thông tin này bị sai.',
      record,
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json<{ id: string }>().id;
  };
  const correct = (id: string, field: string, value: string) =>
    post(`/api/v1/officer/tickets/${id}/corrections`, hanoi, { field, value, purpose: PURPOSE });

  it('corrects a card, a visit and a benefit payment: checked by field, audited, old and new shown to the person', async () => {
    const card = await wrongData({ type: 'card', id: cardId });
    const seen = await get(`/api/v1/officer/tickets/${card}?purpose=${encodeURIComponent(PURPOSE)}`, hanoi);
    expect(seen.statusCode, seen.body).toBe(200);
    const record = seen.json<{
      record: { type: string; fields: { field: string; value: string | null }[]; correctable: string[] };
    }>().record;
    expect(record.type).toBe('card');
    expect(record.fields).toContainEqual({ field: 'registeredClinicCode', value: '01001' });
    expect(record.correctable).toEqual(['registeredClinicCode', 'validFrom', 'validTo', 'benefitLevel']);
    expect(
      (await correct(card, 'fromMonth', '2026-01')).json<{ errors: { field: string }[] }>().errors[0]?.field,
    ).toBe('field');
    expect(
      (await correct(card, 'registeredClinicCode', '01999')).json<{ errors: { field: string }[] }>().errors[0]
        ?.field,
    ).toBe('value');
    expect((await correct(card, 'validTo', '2025-06-30')).statusCode).toBe(400);
    expect((await correct(card, 'registeredClinicCode', '01002')).statusCode).toBe(200);
    expect((await correct(card, 'benefitLevel', '3')).statusCode).toBe(200);

    const visit = await wrongData({ type: 'visit', id: 'LK0911' });
    expect((await correct(visit, 'dischargedOn', '2026-10-01')).statusCode).toBe(400);
    expect((await correct(visit, 'diagnosisOut', 'Viêm phế quản cấp')).statusCode).toBe(200);
    expect((await correct(visit, 'dischargedOn', '2026-10-06')).statusCode).toBe(200);

    const benefit = await wrongData({ type: 'benefit', id: benefitId });
    expect((await correct(benefit, 'amount', '-5')).statusCode).toBe(400);
    expect((await correct(benefit, 'amount', '1500000')).statusCode).toBe(200);

    // The records changed.
    const db = database.db;
    expect(
      await db
        .selectFrom('bhyt_cards')
        .select(['registered_clinic_code', 'benefit_level'])
        .where('id', '=', cardId)
        .executeTakeFirst(),
    ).toEqual({
      registered_clinic_code: '01002',
      benefit_level: 3,
    });
    const v = await db
      .selectFrom('medical_visits')
      .select(['diagnosis_out', 'discharged_at'])
      .where('ma_lk', '=', 'LK0911')
      .executeTakeFirstOrThrow();
    expect(v.diagnosis_out).toBe('Viêm phế quản cấp');
    expect(v.discharged_at.getUTCDate()).toBe(6);
    expect(
      (
        await db
          .selectFrom('benefit_payments')
          .select('amount')
          .where('id', '=', benefitId)
          .executeTakeFirstOrThrow()
      ).amount,
    ).toBe('1500000');

    // The person sees the old and the new values, and the corrections in their trail.
    const corrections = async (id: string) =>
      (await get(`/api/v1/me/tickets/${id}`, citizen)).json<{
        corrections: { field: string; oldValue: string; newValue: string; recordType: string }[];
      }>().corrections;
    expect(await corrections(card)).toEqual([
      expect.objectContaining({
        recordType: 'card',
        field: 'registeredClinicCode',
        oldValue: '01001',
        newValue: '01002',
      }),
      expect.objectContaining({ field: 'benefitLevel', oldValue: '4', newValue: '3' }),
    ]);
    expect(await corrections(visit)).toEqual([
      expect.objectContaining({ recordType: 'visit', field: 'diagnosisOut', oldValue: 'Viêm phổi' }),
      expect.objectContaining({ field: 'dischargedOn', oldValue: '2026-10-05', newValue: '2026-10-06' }),
    ]);
    expect(await corrections(benefit)).toEqual([
      expect.objectContaining({
        recordType: 'benefit',
        field: 'amount',
        oldValue: '1200000',
        newValue: '1500000',
      }),
    ]);
    const actions = await trail();
    for (const action of [
      'records.card.corrected',
      'records.medical_visit.corrected',
      'records.benefit_payment.corrected',
      'records.card.read',
    ])
      expect(actions).toContain(action);
  });
});

describe('replies both ways', () => {
  it('notifies the person once per answer (inbox and push); a reply sends the ticket back up the queue, unread', async () => {
    const db = database.db;
    await db
      .insertInto('push_subscriptions')
      .values({ account_id: accountId, endpoint: 'https://push.example.vn/sub/1', p256dh: 'x', auth: 'y' })
      .execute();
    const id = (
      await post('/api/v1/me/tickets', citizen, {
        category: 'services',
        text: 'Hồ sơ cấp lại thẻ của tôi đến đâu rồi?',
      })
    ).json<{ id: string }>().id;
    const unread = async (h: Headers) =>
      (await get('/api/v1/officer/tickets/unread-count', h)).json<{ count: number }>().count;
    const base = await unread(hanoi);
    expect(base).toBeGreaterThan(0);
    expect(await unread(hue)).toBe(0);

    const answer = await post(`/api/v1/officer/tickets/${id}/messages`, hanoi, {
      text: 'Hồ sơ đang được xử lý.',
    });
    expect(answer.statusCode).toBe(200);
    expect(await unread(hanoi)).toBe(base - 1);
    const notes = await db
      .selectFrom('notifications')
      .select(['id', 'idempotency_key'])
      .where('account_id', '=', accountId)
      .where('template', '=', 'support.answered')
      .where(sql<string>`params->>'ticket'`, '=', id)
      .execute();
    expect(notes).toHaveLength(1);
    const pushes = await db
      .selectFrom('outbox')
      .select('id')
      .where('channel', '=', 'push')
      .where('idempotency_key', 'like', `%${notes[0]?.idempotency_key ?? '-'}%`)
      .execute();
    expect(pushes).toHaveLength(1);
    const inbox = (await get('/api/v1/me/notifications', citizen)).json<{ items: { title: string }[] }>()
      .items;
    expect(inbox.filter((n) => n.title.includes(id))).toHaveLength(1);

    // The person replies: open again, unread for the agency, ahead of answered tickets.
    const reply = await post(`/api/v1/me/tickets/${id}/messages`, citizen, { text: 'Cảm ơn, tôi chờ thêm.' });
    expect(reply.json<{ ticket: { status: string } }>().ticket.status).toBe('open');
    expect(await unread(hanoi)).toBe(base);
    const queue = (await get('/api/v1/officer/tickets', hanoi)).json<{
      items: { id: string; status: string; unread: boolean }[];
    }>().items;
    const mine = queue.find((t) => t.id === id);
    expect(mine).toMatchObject({ status: 'open', unread: true });
    const firstAnswered = queue.findIndex((t) => t.status === 'answered');
    if (firstAnswered >= 0) expect(queue.findIndex((t) => t.id === id)).toBeLessThan(firstAnswered);
    // Opening it clears the marker.
    await get(`/api/v1/officer/tickets/${id}?purpose=${encodeURIComponent(PURPOSE)}`, hanoi);
    expect(await unread(hanoi)).toBe(base - 1);
  });
});
