import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vietnamToday } from '@vssid/domain';
import { buildApp } from '../../app';
import type { DatabaseHandle } from '../../db/database';
import { signInAs } from '../../testing/auth';
import { createTestDatabase, testConfig } from '../../testing/database';

/**
 * The employer portal (issue #27 items 1–2) on a small world: the Hà Nội agency (01) with a unit
 * U1 of five current workers (one with an account, one who left last year) and the Hồ Chí Minh
 * agency (79) with a unit U2 of one worker.
 */
let database: DatabaseHandle;
let app: FastifyInstance;
type Headers = Record<string, string>;
let agencyAdmin: Headers;
let otherAgencyAdmin: Headers;
let officer: Headers;
let jpeg: Buffer;

const U1 = 'EU0001';
const U2 = 'EU0002';
const month = `${vietnamToday().slice(0, 7)}-01`;
const json = (res: LightMyRequestResponse) => res.json<Record<string, unknown>>();
const key = () => ({ 'idempotency-key': randomUUID() });

async function seed() {
  const db = database.db;
  await sql`INSERT INTO bhxh_agencies (code, level, name, address, province_code) VALUES
    ('01', 'province', 'BHXH thành phố Hà Nội', 'Hà Nội', '01'),
    ('79', 'province', 'BHXH Thành phố Hồ Chí Minh', 'TP HCM', '79')`.execute(db);
  await sql`INSERT INTO employer_units (code, tax_code, name, kind, address, province_code, managing_agency) VALUES
    (${U1}, '0101234567', 'Công ty TNHH Thử Nghiệm', 'enterprise', 'Hà Nội', '01', '01'),
    (${U2}, NULL, 'Trường THCS Thử Nghiệm', 'school', 'TP HCM', '79', '79')`.execute(db);
  const people: [string, string, string, string][] = [
    ['0100000011', 'Nguyễn Văn An', U1, month],
    ['0100000012', 'Trần Thị Bình', U1, month],
    ['0100000013', 'Lê Văn Cường', U1, month],
    ['0100000014', 'Phạm Thị Dung', U1, month],
    ['0100000015', 'Hoàng Văn Em', U1, '2024-12-01'],
    ['7900000021', 'Võ Thị Giang', U2, month],
  ];
  for (const [code, name, unit, to] of people) {
    await sql`INSERT INTO persons (bhxh_code, full_name, birth_date, birth_year, gender, phone)
              VALUES (${code}, ${name}, '1990-05-01', 1990, 'female', ${`09${code.slice(2)}`})`.execute(db);
    await sql`INSERT INTO participation_periods (bhxh_code, scheme, from_month, to_month, unit_code, salary, status)
              VALUES (${code}, 'bhxh_compulsory', '2020-01-01', ${to}::date, ${unit}, 8000000, 'paid')`.execute(
      db,
    );
  }
  // One of U1's workers has an account already.
  await signInAs(app, { role: 'citizen', bhxhCode: '0100000014' });
}

beforeAll(async () => {
  database = await createTestDatabase();
  app = await buildApp(testConfig({ RATE_LIMIT_MAX: '100000', DEV_INBOX: 'true', DEMO: 'true' }), {
    database,
  });
  await seed();
  agencyAdmin = (await signInAs(app, { role: 'agency_admin', agencyCode: '01', username: 'quantri.01' }))
    .headers;
  otherAgencyAdmin = (await signInAs(app, { role: 'agency_admin', agencyCode: '79', username: 'quantri.79' }))
    .headers;
  officer = (await signInAs(app, { role: 'officer', agencyCode: '01', username: 'canbo.01' })).headers;
  jpeg = await sharp({
    create: { width: 400, height: 300, channels: 3, background: { r: 200, g: 90, b: 40 } },
  })
    .jpeg()
    .toBuffer();
});
afterAll(async () => {
  await app.close();
  await database.close();
});

const call = (method: 'GET' | 'POST' | 'PUT', url: string, headers: Headers, payload?: unknown) =>
  app.inject({ method, url, headers, ...(payload === undefined ? {} : { payload: payload as object }) });

const form = {
  idNumber: '001090000011',
  address: { provinceCode: '01', communeCode: '00004', line: '12 phố Lý Thường Kiệt' },
  phone: '0912345678',
};
const photos = () => ({
  portrait: jpeg.toString('base64'),
  id_front: jpeg.toString('base64'),
  id_back: jpeg.toString('base64'),
});

describe('unit accounts (issue #27 item 1)', () => {
  it('the agency creates a unit admin: the tax code in the MST format and the unit’s own; its scope only', async () => {
    const url = `/api/v1/admin/units/${U1}/admins`;
    const body = { username: 'admin.eu0001', displayName: 'Quản Trị Đơn Vị', phone: '0911000001' };
    const badFormat = await call('POST', url, { ...agencyAdmin, ...key() }, { ...body, taxCode: '01012345' });
    expect(badFormat.statusCode).toBe(400);
    expect(badFormat.json<{ errors: { field: string }[] }>().errors.map((e) => e.field)).toContain('taxCode');
    const mismatch = await call(
      'POST',
      url,
      { ...agencyAdmin, ...key() },
      { ...body, taxCode: '0109999999' },
    );
    expect(mismatch.statusCode).toBe(422);
    expect(json(mismatch).code).toBe('tax_code_mismatch');
    const elsewhere = await call(
      'POST',
      url,
      { ...otherAgencyAdmin, ...key() },
      { ...body, taxCode: '0101234567' },
    );
    expect(elsewhere.statusCode).toBe(404);
    const created = await call('POST', url, { ...agencyAdmin, ...key() }, { ...body, taxCode: '0101234567' });
    expect(created.statusCode).toBe(201);
    expect(json(created)).toMatchObject({ username: 'admin.eu0001', unitAdmin: true, status: 'active' });
    // The issued password went by SMS to the admin's phone.
    const sms = await database.db
      .selectFrom('outbox')
      .select('payload')
      .where('recipient', '=', '0911000001')
      .executeTakeFirstOrThrow();
    expect(String(sms.payload.text)).toContain('admin.eu0001');
    // A 13-digit MST written with its hyphen is taken by a unit without one on record.
    const school = await call(
      'POST',
      `/api/v1/admin/units/${U2}/admins`,
      { ...otherAgencyAdmin, ...key() },
      {
        username: 'admin.eu0002',
        displayName: 'Hiệu Trưởng',
        phone: '0911000002',
        taxCode: '0301234567-001',
      },
    );
    expect(school.statusCode).toBe(201);
    const unit = await database.db
      .selectFrom('employer_units')
      .select('tax_code')
      .where('code', '=', U2)
      .executeTakeFirstOrThrow();
    expect(unit.tax_code).toBe('0301234567001');
  });

  it('a unit user signs in with a password and an OTP every time, as staff do', async () => {
    const sms = await database.db
      .selectFrom('outbox')
      .select('payload')
      .where('recipient', '=', '0911000001')
      .orderBy('id')
      .executeTakeFirstOrThrow();
    const password = /([A-Za-z0-9]{10})/.exec(String(sms.payload.text).split('admin.eu0001')[1] ?? '')?.[1];
    expect(password).toBeTruthy();
    const first = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      payload: { username: 'admin.eu0001', password, client: 'app' },
      headers: { 'x-device-id': randomUUID() },
    });
    expect(first.statusCode).toBe(200);
    expect(json(first).status).toBe('otp_required');
  });

  it('the unit admin creates and disables staff; staff may do neither; another unit’s account is 404', async () => {
    // (The admin replaced the issued password at the first sign-in.)
    await database.db
      .updateTable('accounts')
      .set({ must_change_password: false })
      .where('role', '=', 'employer')
      .execute();
    const admin = await signInAs(app, { role: 'employer', unitCode: U1, username: 'admin.eu0001' });
    const created = await call(
      'POST',
      '/api/v1/employer/accounts',
      { ...admin.headers, ...key() },
      {
        username: 'nhanvien.eu0001',
        displayName: 'Nhân Viên Một',
        phone: '0911000003',
      },
    );
    expect(created.statusCode).toBe(201);
    const staffId = created.json<{ id: string; unitAdmin: boolean }>();
    expect(staffId.unitAdmin).toBe(false);
    await database.db
      .updateTable('accounts')
      .set({ must_change_password: false })
      .where('id', '=', staffId.id)
      .execute();
    const staff = await signInAs(app, { role: 'employer', unitCode: U1, username: 'nhanvien.eu0001' });
    const byStaff = await call(
      'POST',
      '/api/v1/employer/accounts',
      { ...staff.headers, ...key() },
      {
        username: 'nhanvien.eu0001b',
        displayName: 'Nhân Viên Hai',
        phone: '0911000004',
      },
    );
    expect(byStaff.statusCode).toBe(403);
    expect(json(byStaff).code).toBe('unit_admin_only');
    const list = await call('GET', '/api/v1/employer/accounts', staff.headers);
    expect(list.json<{ accounts: { username: string }[] }>().accounts.map((a) => a.username)).toEqual([
      'admin.eu0001',
      'nhanvien.eu0001',
    ]);
    const otherAdmin = await signInAs(app, { role: 'employer', unitCode: U2, username: 'admin.eu0002' });
    const foreign = await call(
      'POST',
      `/api/v1/employer/accounts/${staffId.id}/status`,
      {
        ...otherAdmin.headers,
        ...key(),
      },
      { status: 'disabled' },
    );
    expect(foreign.statusCode).toBe(404);
    const disabled = await call(
      'POST',
      `/api/v1/employer/accounts/${staffId.id}/status`,
      {
        ...admin.headers,
        ...key(),
      },
      { status: 'disabled' },
    );
    expect(disabled.statusCode).toBe(204);
    // The staff member's session ended with the account.
    await expect
      .poll(async () => (await call('GET', '/api/v1/employer/unit', staff.headers)).statusCode)
      .toBe(401);
    const row = await database.db
      .selectFrom('accounts')
      .select('status')
      .where('id', '=', staffId.id)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe('disabled');
  });
});

describe("the unit's people (issue #27 item 2)", () => {
  it('lists the current people with their account status; another unit’s worker is 404', async () => {
    const staff = await signInAs(app, { role: 'employer', unitCode: U1, username: 'nhanvien2.eu0001' });
    const list = await call('GET', '/api/v1/employer/people', staff.headers);
    expect(list.statusCode).toBe(200);
    const people = list.json<{ total: number; people: { bhxhCode: string; accountStatus: string }[] }>();
    expect(people.total).toBe(4);
    expect(Object.fromEntries(people.people.map((p) => [p.bhxhCode, p.accountStatus]))).toEqual({
      '0100000011': 'none',
      '0100000012': 'none',
      '0100000013': 'none',
      '0100000014': 'active',
    });
    const found = await call('GET', '/api/v1/employer/people?q=binh', staff.headers);
    expect(found.json<{ people: { fullName: string }[] }>().people.map((p) => p.fullName)).toEqual([
      'Trần Thị Bình',
    ]);
    for (const code of ['7900000021', '0100000015', '0199999999']) {
      expect((await call('GET', `/api/v1/employer/people/${code}`, staff.headers)).statusCode).toBe(404);
      const put = await call('PUT', `/api/v1/employer/people/${code}`, staff.headers, {
        ...form,
        photos: photos(),
      });
      expect(put.statusCode).toBe(404);
    }
  });

  it('completes people, sends a batch with its progress, and the dossiers reach the agency’s queue', async () => {
    const staff = await signInAs(app, { role: 'employer', unitCode: U1, username: 'nhanvien3.eu0001' });
    const empty = await call('POST', '/api/v1/employer/batches', { ...staff.headers, ...key() });
    expect(empty.statusCode).toBe(422);
    expect(json(empty).code).toBe('batch_empty');
    // The photos are checked as the registration checks them.
    const tiny = await sharp({ create: { width: 50, height: 50, channels: 3, background: '#888' } })
      .jpeg()
      .toBuffer();
    const bad = await call('PUT', '/api/v1/employer/people/0100000011', staff.headers, {
      ...form,
      photos: { ...photos(), portrait: tiny.toString('base64') },
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json<{ errors: { field: string }[] }>().errors.map((e) => e.field)).toEqual([
      'photos.portrait',
    ]);
    const withAccount = await call('PUT', '/api/v1/employer/people/0100000014', staff.headers, {
      ...form,
      photos: photos(),
    });
    expect(withAccount.statusCode).toBe(409);
    for (const code of ['0100000011', '0100000012']) {
      const done = await call('PUT', `/api/v1/employer/people/${code}`, staff.headers, {
        ...form,
        photos: photos(),
      });
      expect(done.statusCode).toBe(200);
      expect(json(done)).toMatchObject({ accountStatus: 'ready', completed: { idNumber: form.idNumber } });
    }
    const unit = (await call('GET', '/api/v1/employer/unit', staff.headers)).json<{
      adoption: Record<string, number>;
    }>();
    expect(unit.adoption).toEqual({ people: 4, accounts: 1, pending: 0, ready: 2, rate: 0.25 });

    const batch = await call('POST', '/api/v1/employer/batches', { ...staff.headers, ...key() });
    expect(batch.statusCode).toBe(201);
    const { id } = batch.json<{ id: string }>();
    expect(json(batch)).toMatchObject({ status: 'running', total: 2, processed: 0, created: 0 });
    const run = await call('POST', `/api/v1/employer/batches/${id}/run`, staff.headers);
    expect(run.statusCode).toBe(200);
    const result = run.json<{
      status: string;
      processed: number;
      people: { dossierNumber: string | null }[];
    }>();
    expect(result).toMatchObject({ status: 'done', processed: 2, created: 2 });
    const numbers = result.people.map((p) => p.dossierNumber);
    expect(numbers.every((n) => n !== null)).toBe(true);
    // Another unit's user does not see the batch.
    const otherAdmin = await signInAs(app, { role: 'employer', unitCode: U2, username: 'admin.eu0002' });
    expect((await call('GET', `/api/v1/employer/batches/${id}`, otherAdmin.headers)).statusCode).toBe(404);

    // In the Hà Nội agency's queue, submitted, with the photos.
    const queue = await call('GET', '/api/v1/officer/dossiers?status=submitted', officer);
    const items = queue.json<{ items: { number: string; bhxhCode: string; kind: string }[] }>().items;
    expect(
      items
        .filter((i) => numbers.includes(i.number))
        .map((i) => i.bhxhCode)
        .sort(),
    ).toEqual(['0100000011', '0100000012']);
    const files = await database.db
      .selectFrom('dossier_files')
      .select('kind')
      .where('bhxh_code', '=', '0100000011')
      .execute();
    expect(files.map((f) => f.kind).sort()).toEqual(['id_back', 'id_front', 'portrait']);
    // The person is told by SMS, at the phone on record.
    const sms = await database.db
      .selectFrom('outbox')
      .select('payload')
      .where('recipient', '=', '0900000011')
      .executeTakeFirstOrThrow();
    expect(String(sms.payload.text)).toContain(numbers[0] ?? 'x');

    const after = (await call('GET', '/api/v1/employer/unit', staff.headers)).json<{
      adoption: Record<string, number>;
    }>();
    expect(after.adoption).toEqual({ people: 4, accounts: 1, pending: 2, ready: 0, rate: 0.25 });
    // A second run finds nothing left to do.
    const again = await call('POST', `/api/v1/employer/batches/${id}/run`, staff.headers);
    expect(json(again)).toMatchObject({ status: 'done', processed: 2, created: 2 });
  });

  it('the agency’s statistics show adoption per unit of its scope', async () => {
    const res = await call('GET', '/api/v1/admin/unit-adoption', agencyAdmin);
    expect(res.statusCode).toBe(200);
    const body = res.json<{ total: number; units: Record<string, unknown>[] }>();
    expect(body.total).toBe(1);
    expect(body.units[0]).toMatchObject({
      unitCode: U1,
      admins: 1,
      people: 4,
      accounts: 1,
      pending: 2,
      ready: 0,
      rate: 0.25,
    });
    const hcm = (await call('GET', '/api/v1/admin/unit-adoption', otherAgencyAdmin)).json<{
      units: { unitCode: string; people: number }[];
    }>();
    expect(hcm.units).toMatchObject([{ unitCode: U2, people: 1 }]);
  });
});
