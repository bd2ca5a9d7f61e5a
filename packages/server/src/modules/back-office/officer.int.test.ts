import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vietnamToday } from '@vssid/domain';
import { localFileStorage } from '../../adapters/storage';
import { buildApp } from '../../app';
import type { DatabaseHandle } from '../../db/database';
import { signInAs } from '../../testing/auth';
import { createTestDatabase, testConfig } from '../../testing/database';
import { appendAction, createDossier } from '../registration';

/** The parts of the API's answers these tests read. */
interface Body {
  code: string;
  status: string | number;
  title: string;
  allowed: string;
  errors: { field: string; code: string; message: string }[];
  seq: number;
  total: number;
  items: { number: string; status: string }[];
  allowedActions: string[];
  actions: {
    action: string;
    actorType: string;
    actorId: string | null;
    actorName: string | null;
    at: string;
  }[];
  files: { kind: string; url: string }[];
  comparison: { field: string; declared: string | null; registry: string | null; differs: boolean }[];
  registry: { found: boolean; address: string | null };
}

let database: DatabaseHandle;
let app: FastifyInstance;
let dataDir: string;
let seq = 0;

type Headers = { authorization: string };
let officer0101: Headers;
let officer01: Headers;
let officer79: Headers;
let officer0101Id: string;

beforeAll(async () => {
  database = await createTestDatabase();
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'vssid-officer-'));
  app = await buildApp(testConfig({ RATE_LIMIT_MAX: '100000', DATA_DIR: dataDir }), { database });
  await sql`INSERT INTO bhxh_agencies (code, parent_code, level, name, address, province_code) VALUES
      ('01', NULL, 'province', 'BHXH thành phố Hà Nội', '15 Trần Duy Hưng', '01'),
      ('0101', '01', 'local', 'BHXH cơ sở Ba Đình', '1 Đội Cấn', '01'),
      ('79', NULL, 'province', 'BHXH Thành phố Hồ Chí Minh', '117C Nguyễn Đình Chính', '79')`.execute(
    database.db,
  );
  const a = await signInAs(app, { role: 'officer', agencyCode: '0101', displayName: 'Trần Văn Cán Bộ' });
  officer0101 = a.headers;
  officer0101Id = a.principal.accountId;
  officer01 = (await signInAs(app, { role: 'officer', agencyCode: '01' })).headers;
  officer79 = (await signInAs(app, { role: 'officer', agencyCode: '79' })).headers;
});
afterAll(async () => {
  await app.close();
  await database.close();
  await fs.rm(dataDir, { recursive: true, force: true });
});

/** A person, their registry entry, and a submitted dossier received by `agency`. */
async function submittedDossier(
  agency = '0101',
  options: {
    registryName?: string;
    email?: string;
    kind?: 'self' | 'child';
    guardian?: string;
    language?: string;
  } = {},
) {
  seq++;
  const code = `01${String(seq).padStart(8, '0')}`;
  const cccd = `001090${String(seq).padStart(6, '0')}`;
  const phone = `09${String(seq).padStart(8, '0')}`;
  await sql`INSERT INTO persons (bhxh_code, full_name, birth_date, birth_year, gender, cccd, phone, guardian_bhxh_code)
            VALUES (${code}, 'Nguyễn Thị Hoà', '1990-05-17', 1990, 'female', ${cccd}, ${phone}, NULL)`.execute(
    database.db,
  );
  await sql`INSERT INTO population_registry (cccd, full_name, birth_date, birth_year, gender, address)
            VALUES (${cccd}, ${options.registryName ?? 'Nguyễn Thị Hoà'}, '1990-05-17', 1990, 'female', '12 Phố Huế, Hà Nội')`.execute(
    database.db,
  );
  const declared = {
    bhxhCode: code,
    fullName: 'Nguyễn Thị Hoà',
    idNumber: cccd,
    dateOfBirth: '1990-05-17',
    gender: 'female',
    address: { provinceCode: '01', communeCode: '00001', line: '12 Phố Huế' },
    phone,
    ...(options.email ? { email: options.email } : {}),
    agencyCode: agency,
    delivery: 'counter',
  };
  const dossier = await database.db.transaction().execute(async (trx) => {
    const created = await createDossier(trx, {
      bhxh_code: code,
      kind: options.kind ?? 'self',
      agency_code: agency,
      guardian_bhxh_code: options.guardian ?? null,
      declared,
      registry_check: { outcome: 'match' },
      delivery: 'counter',
      idempotency_key: `test-${code}`,
      bulk_import_id: null,
    });
    await appendAction(
      trx,
      created,
      'submit',
      { type: 'citizen', id: null },
      { details: { language: options.language ?? 'vi' } },
    );
    return created;
  });
  return { code, phone, cccd, number: dossier.number, id: dossier.id };
}

const act = (number: string, headers: Headers, body: Record<string, unknown>) =>
  app.inject({
    method: 'POST',
    url: `/api/v1/officer/dossiers/${number}/actions`,
    headers: { ...headers, 'idempotency-key': randomUUID() },
    payload: body,
  });

async function messagesTo(recipient: string) {
  return database.db
    .selectFrom('outbox')
    .select(['template', 'payload', 'channel', 'idempotency_key'])
    .where('recipient', '=', recipient)
    .orderBy('id')
    .execute();
}

describe('officer back office', () => {
  it('walks the workflow: record paper, approve; the account gets an issued password by SMS only, the email says it is ready', async () => {
    const d = await submittedDossier('0101', { email: 'hoa@example.vn' });
    const wrong = await act(d.number, officer0101, { action: 'approve' });
    expect(wrong.statusCode).toBe(409);
    expect(wrong.json<Body>()).toMatchObject({ code: 'action_not_allowed', status: 409 });
    expect(wrong.json<Body>().allowed.split(',')).toEqual([
      'record_paper',
      'reject',
      'expire',
      'withdraw',
      'redirect',
    ]);

    const paper = await act(d.number, officer0101, { action: 'record_paper' });
    expect(paper.statusCode).toBe(200);
    expect(paper.json<Body>()).toMatchObject({ status: 'paper_received', seq: 2 });

    const approve = await act(d.number, officer0101, { action: 'approve' });
    expect(approve.statusCode).toBe(200);
    expect(approve.json<Body>()).toMatchObject({ status: 'approved', seq: 3 });

    const account = await database.db
      .selectFrom('accounts')
      .selectAll()
      .where('bhxh_code', '=', d.code)
      .executeTakeFirstOrThrow();
    expect(account).toMatchObject({
      role: 'citizen',
      username: d.code,
      must_change_password: true,
      phone: d.phone,
    });
    const sms = await messagesTo(d.phone);
    expect(sms.map((m) => m.template)).toEqual(['account.issued']);
    const smsText = String(sms[0]?.payload.text);
    expect(smsText).toContain(d.code);
    const password = /Mật khẩu: (\S+)\./.exec(smsText)?.[1] ?? '';
    expect(password).toMatch(/^\S{8,}$/);
    // The email says the account is ready and how to sign in, never the password.
    const emails = await messagesTo('hoa@example.vn');
    expect(emails.map((m) => [m.channel, m.template])).toEqual([['email', 'account.ready']]);
    const mail = `${String(emails[0]?.payload.subject)}\n${String(emails[0]?.payload.text)}`;
    expect(mail).not.toContain(password);
    expect(mail).toContain(d.code);
    expect(mail).toContain(`đuôi ${d.phone.slice(-3)}`);
    expect(mail).toContain('tin nhắn SMS');

    // A final status allows nothing; the log reads who did what.
    const again = await act(d.number, officer0101, { action: 'reject', reasonCode: 'duplicate' });
    expect(again.statusCode).toBe(409);
    expect(again.json<Body>().allowed).toBe('');
    const page = await app.inject({ url: `/api/v1/officer/dossiers/${d.number}`, headers: officer0101 });
    expect(page.statusCode).toBe(200);
    const body = page.json<Body>();
    expect(body.status).toBe('approved');
    expect(body.allowedActions).toEqual([]);
    expect(body.actions.map((a: { action: string }) => a.action)).toEqual([
      'submit',
      'record_paper',
      'approve',
    ]);
    expect(body.actions[1]).toMatchObject({
      actorType: 'officer',
      actorId: officer0101Id,
      actorName: 'Trần Văn Cán Bộ',
    });
    expect(Date.parse(body.actions[2]?.at ?? '')).toBeGreaterThan(0);
  });

  it('refuses to approve when the person already has an account, and nothing is half-saved', async () => {
    const d = await submittedDossier();
    await act(d.number, officer0101, { action: 'record_paper' });
    await signInAs(app, { role: 'citizen', bhxhCode: d.code });
    const res = await act(d.number, officer0101, { action: 'approve' });
    expect(res.statusCode).toBe(409);
    expect(res.json<Body>().code).toBe('account_exists');
    const row = await database.db
      .selectFrom('dossiers')
      .select('status')
      .where('number', '=', d.number)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe('paper_received');
    const log = await database.db
      .selectFrom('dossier_actions')
      .select('action')
      .where('bhxh_code', '=', d.code)
      .execute();
    expect(log.map((a) => a.action)).toEqual(['submit', 'record_paper']);
  });

  it('rejects with a listed or written reason and tells the person by SMS and email in their language', async () => {
    const d = await submittedDossier('0101', { email: 'reject@example.vn' });
    const missing = await act(d.number, officer0101, { action: 'reject' });
    expect(missing.statusCode).toBe(400);
    expect(missing.json<Body>().errors[0]?.field).toBe('reasonCode');
    const other = await act(d.number, officer0101, { action: 'reject', reasonCode: 'other' });
    expect(other.statusCode).toBe(400);
    expect(other.json<Body>().errors[0]?.field).toBe('reasonText');

    const res = await act(d.number, officer0101, { action: 'reject', reasonCode: 'photo_unclear' });
    expect(res.json<Body>()).toMatchObject({ status: 'rejected' });
    const [sms] = await messagesTo(d.phone);
    expect(sms?.template).toBe('registration.rejected');
    expect(String(sms?.payload.text)).toContain(d.number);
    expect(String(sms?.payload.text)).toContain('ảnh chụp không rõ');
    const [email] = await messagesTo('reject@example.vn');
    expect(String(email?.payload.subject)).toContain(d.number);

    const english = await submittedDossier('0101', { language: 'en' });
    await act(english.number, officer0101, { action: 'reject', reasonCode: 'signature_missing' });
    const [smsEn] = await messagesTo(english.phone);
    expect(smsEn?.payload.text).toContain('Reason: the form is not signed.');

    const written = await submittedDossier();
    await act(written.number, officer0101, { action: 'reject', reasonText: 'Chữ ký không trùng với CCCD' });
    const [sms2] = await messagesTo(written.phone);
    expect(String(sms2?.payload.text)).toContain('Chữ ký không trùng với CCCD');
    const log = await database.db
      .selectFrom('dossier_actions')
      .select(['reason_code', 'reason_text'])
      .where('bhxh_code', '=', written.code)
      .where('action', '=', 'reject')
      .executeTakeFirstOrThrow();
    expect(log).toEqual({ reason_code: 'other', reason_text: 'Chữ ký không trùng với CCCD' });
  });

  it("scopes by agency: the agency's and its local offices' dossiers; another agency's answer 404", async () => {
    const local = await submittedDossier('0101');
    const provincial = await submittedDossier('01');
    // The provincial office sees its local office's dossier; the local office not the province's.
    expect(
      (await app.inject({ url: `/api/v1/officer/dossiers/${local.number}`, headers: officer01 })).statusCode,
    ).toBe(200);
    expect(
      (await app.inject({ url: `/api/v1/officer/dossiers/${provincial.number}`, headers: officer0101 }))
        .statusCode,
    ).toBe(404);
    const other = await app.inject({ url: `/api/v1/officer/dossiers/${local.number}`, headers: officer79 });
    expect(other.statusCode).toBe(404);
    expect((await act(local.number, officer79, { action: 'record_paper' })).statusCode).toBe(404);
    expect(
      (
        await app.inject({
          url: `/api/v1/officer/dossiers/${local.number}/files/portrait`,
          headers: officer79,
        })
      ).statusCode,
    ).toBe(404);
    const queue79 = await app.inject({ url: '/api/v1/officer/dossiers', headers: officer79 });
    expect(queue79.json<Body>().total).toBe(0);
    // Citizens and anonymous callers are refused.
    const citizen = await signInAs(app, { role: 'citizen', bhxhCode: '0199999999' });
    expect((await app.inject({ url: '/api/v1/officer/dossiers', headers: citizen.headers })).statusCode).toBe(
      403,
    );
    expect((await app.inject({ url: '/api/v1/officer/dossiers' })).statusCode).toBe(401);
  });

  it('audits every opening of a dossier and every photo read', async () => {
    const d = await submittedDossier();
    await app.inject({ url: `/api/v1/officer/dossiers/${d.number}`, headers: officer0101 });
    await app.inject({ url: `/api/v1/officer/dossiers/${d.number}`, headers: officer0101 });
    const rows = await database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('subject_bhxh_code', '=', d.code)
      .where('action', '=', 'dossier.opened')
      .execute();
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({ actor_type: 'officer', actor_id: officer0101Id, target_id: d.number });
    // A denied opening (out of scope) is not a read of the data and leaves no entry for the other agency.
    await app.inject({ url: `/api/v1/officer/dossiers/${d.number}`, headers: officer79 });
    const after = await database.db
      .selectFrom('audit_log')
      .select('id')
      .where('subject_bhxh_code', '=', d.code)
      .where('action', '=', 'dossier.opened')
      .execute();
    expect(after).toHaveLength(2);
  });

  it('serves the photos from content-addressed storage and shows declared data beside the registry', async () => {
    const d = await submittedDossier('0101', { registryName: 'Nguyễn Thị Hòa Bình' });
    const bytes = Buffer.from('\xff\xd8\xff\xe0fake-jpeg-bytes-for-the-test', 'latin1');
    const sha = createHash('sha256').update(bytes).digest('hex');
    // The test app's storage (in-memory database: a folder under the system's temporary directory).
    await localFileStorage(path.join(os.tmpdir(), 'vssid-files')).put(bytes);
    await database.db
      .insertInto('dossier_files')
      .values({
        bhxh_code: d.code,
        dossier_id: d.id,
        kind: 'portrait',
        content_type: 'image/jpeg',
        byte_size: bytes.length,
        width: 600,
        height: 800,
        sha256: sha,
      })
      .execute();
    const page = (
      await app.inject({ url: `/api/v1/officer/dossiers/${d.number}`, headers: officer0101 })
    ).json<Body>();
    expect(page.files).toEqual([
      expect.objectContaining({
        kind: 'portrait',
        url: `/api/v1/officer/dossiers/${d.number}/files/portrait`,
      }),
    ]);
    const name = page.comparison.find((c: { field: string }) => c.field === 'fullName');
    expect(name).toMatchObject({
      declared: 'Nguyễn Thị Hoà',
      registry: 'Nguyễn Thị Hòa Bình',
      differs: true,
    });
    const dob = page.comparison.find((c: { field: string }) => c.field === 'dateOfBirth');
    expect(dob).toMatchObject({ declared: '1990-05-17', registry: '1990-05-17', differs: false });
    expect(page.registry).toMatchObject({ found: true, address: '12 Phố Huế, Hà Nội' });

    const photo = await app.inject({ url: page.files[0]?.url ?? '', headers: officer0101 });
    expect(photo.statusCode).toBe(200);
    expect(photo.headers['content-type']).toBe('image/jpeg');
    expect(photo.rawPayload.equals(bytes)).toBe(true);
    const audited = await database.db
      .selectFrom('audit_log')
      .select('details')
      .where('subject_bhxh_code', '=', d.code)
      .where('action', '=', 'dossier.file.read')
      .execute();
    expect(audited).toHaveLength(1);
    expect(
      (await app.inject({ url: `/api/v1/officer/dossiers/${d.number}/files/id_back`, headers: officer0101 }))
        .statusCode,
    ).toBe(404);
  });

  it('lists the queue with filters, search and pagination', async () => {
    const a = await submittedDossier('0101');
    const b = await submittedDossier('0101');
    await act(b.number, officer0101, { action: 'record_paper' });
    const list = async (query: string) =>
      (await app.inject({ url: `/api/v1/officer/dossiers?${query}`, headers: officer01 })).json<Body>();
    const received = await list('status=paper_received');
    expect(received.items.map((i: { number: string }) => i.number)).toContain(b.number);
    expect(received.items.every((i: { status: string }) => i.status === 'paper_received')).toBe(true);
    expect((await list(`q=${a.code}`)).items.map((i: { number: string }) => i.number)).toEqual([a.number]);
    expect((await list(`q=${encodeURIComponent(b.number)}`)).items).toHaveLength(1);
    expect((await list('q=thị hoà')).total).toBeGreaterThanOrEqual(2);
    expect((await list('kind=bulk')).total).toBe(0);
    const page1 = await list('limit=2&offset=0');
    const page2 = await list('limit=2&offset=2');
    expect(page1.items).toHaveLength(2);
    expect(page1.total).toBe(page2.total);
    expect(page1.items[0]?.number).not.toBe(page2.items[0]?.number);
    const today = vietnamToday();
    expect((await list(`from=${today}&to=${today}`)).total).toBe(page1.total);
    expect((await list('from=2000-01-01&to=2000-01-02')).total).toBe(0);
    const bad = await app.inject({ url: '/api/v1/officer/dossiers?status=nope', headers: officer01 });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<Body>().errors[0]?.field).toBe('status');
  });

  it('approving a child dossier links the guardian when none is recorded', async () => {
    seq++;
    const guardian = `01${String(seq).padStart(8, '0')}`;
    await sql`INSERT INTO persons (bhxh_code, full_name, birth_year, gender, phone)
              VALUES (${guardian}, 'Lê Văn Bố', 1985, 'male', '0912000111')`.execute(database.db);
    const d = await submittedDossier('0101', { kind: 'child', guardian });
    await act(d.number, officer0101, { action: 'record_paper' });
    expect((await act(d.number, officer0101, { action: 'approve' })).statusCode).toBe(200);
    const child = await database.db
      .selectFrom('persons')
      .select('guardian_bhxh_code')
      .where('bhxh_code', '=', d.code)
      .executeTakeFirstOrThrow();
    expect(child.guardian_bhxh_code).toBe(guardian);
    // Mirrored, in the approval's transaction, in the look-up the guardian's card list reads (0030).
    const wards = await database.db
      .selectFrom('guardian_wards')
      .select('ward_bhxh_code')
      .where('bhxh_code', '=', guardian)
      .execute();
    expect(wards.map((w) => w.ward_bhxh_code)).toEqual([d.code]);
  });

  it("counts the scope's open dossiers for the back office home: waiting for paper, for a decision, due today", async () => {
    await sql`INSERT INTO bhxh_agencies (code, parent_code, level, name, address, province_code)
              VALUES ('48', NULL, 'province', 'BHXH thành phố Đà Nẵng', '1 Trần Phú', '48')`.execute(
      database.db,
    );
    const officer48 = (await signInAs(app, { role: 'officer', agencyCode: '48' })).headers;
    const summary = async (headers?: Headers) =>
      app.inject({ url: '/api/v1/officer/dossiers/summary', ...(headers ? { headers } : {}) });
    expect((await summary(officer48)).json()).toEqual({ awaitingPaper: 0, awaitingDecision: 0, dueToday: 0 });

    await submittedDossier('48'); // waiting for the paper, due later
    const dueToday = await submittedDossier('48');
    const decided = await submittedDossier('48');
    const paperIn = await submittedDossier('48');
    // Due at 23:30 today in Vietnam (16:30 UTC): today's, whatever the hour now.
    const today = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
    await sql`UPDATE dossiers SET deadline_at = ${new Date(`${today}T23:30:00+07:00`)}
              WHERE number = ${dueToday.number}`.execute(database.db);
    for (const d of [decided, paperIn])
      expect((await act(d.number, officer48, { action: 'record_paper' })).statusCode).toBe(200);
    expect((await act(decided.number, officer48, { action: 'approve' })).statusCode).toBe(200);

    expect((await summary(officer48)).json()).toEqual({ awaitingPaper: 2, awaitingDecision: 1, dueToday: 1 });
    // Another agency counts none of them; citizens and anonymous callers are refused.
    const other = (await summary(officer79)).json<{ awaitingPaper: number }>();
    const queue79 = (
      await app.inject({ url: '/api/v1/officer/dossiers?status=submitted', headers: officer79 })
    ).json<Body>();
    expect(other.awaitingPaper).toBe(queue79.total);
    const citizen = await signInAs(app, { role: 'citizen', bhxhCode: '0199999998' });
    expect((await summary(citizen.headers)).statusCode).toBe(403);
    expect((await summary()).statusCode).toBe(401);
  });
});
