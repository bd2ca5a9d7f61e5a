import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app';
import type { DatabaseHandle } from '../../db/database';
import { signInAs } from '../../testing/auth';
import { createTestDatabase, testConfig } from '../../testing/database';

/** The parts of the API's answers these tests read. */
interface Body {
  code: string;
  status: string | number;
  title: string;
  allowed: string;
  errors: { field: string; code: string; message: string }[];
  id: string;
  rows: {
    rowNumber: number;
    data: Record<string, string>;
    errors: { code: string; field: string; message: string }[];
  }[];
}

let database: DatabaseHandle;
let app: FastifyInstance;
let officer: { authorization: string };
let otherAgency: { authorization: string };

beforeAll(async () => {
  database = await createTestDatabase();
  app = await buildApp(testConfig({ RATE_LIMIT_MAX: '100000' }), { database });
  await sql`INSERT INTO bhxh_agencies (code, parent_code, level, name, address, province_code) VALUES
      ('01', NULL, 'province', 'BHXH thành phố Hà Nội', '15 Trần Duy Hưng', '01'),
      ('79', NULL, 'province', 'BHXH Thành phố Hồ Chí Minh', '117C Nguyễn Đình Chính', '79')`.execute(
    database.db,
  );
  await sql`INSERT INTO employer_units (code, name, kind, address, province_code, managing_agency)
            VALUES ('TS00001', 'Trường THPT Chu Văn An', 'school', '10 Thụy Khuê', '01', '01')`.execute(
    database.db,
  );
  await sql`INSERT INTO persons (bhxh_code, full_name, birth_year, gender) VALUES
      ('0110000001', 'Nguyễn Văn An', 2008, 'male'),
      ('0110000002', 'Trần Thị Bình', 2008, 'female'),
      ('0110000003', 'Lê Minh Châu', 2008, 'female'),
      ('0110000004', 'Phạm Đức Dũng', 2008, 'male'),
      ('0110000005', 'Hoàng Thu Hà', 2008, 'female')`.execute(database.db);
  officer = (await signInAs(app, { role: 'officer', agencyCode: '01' })).headers;
  otherAgency = (await signInAs(app, { role: 'officer', agencyCode: '79' })).headers;
  // 0110000004 already has an account.
  await signInAs(app, { role: 'citizen', bhxhCode: '0110000004' });
});
afterAll(async () => {
  await app.close();
  await database.close();
});

const upload = (body: Buffer | string, fileName: string, type: string, headers = officer) =>
  app.inject({
    method: 'POST',
    url: `/api/v1/officer/bulk-imports?fileName=${encodeURIComponent(fileName)}&unitCode=TS00001`,
    headers: { 'idempotency-key': randomUUID(), ...headers, 'content-type': type },
    payload: body,
  });

describe('bulk lists', () => {
  it('imports a CSV, validates each row, creates draft bulk dossiers with progress, and resumes idempotently', async () => {
    const csv = [
      'Mã số BHXH;Họ và tên;Số điện thoại;Email',
      '0110000001;Nguyen Van An;0912345001;an@example.vn',
      '0110000002;Trần Thị Bình;+84 912 345 002;',
      '0110000003;Lê Minh Châu;12345;',
      '0110000002;Trần Thị Bình;0912345004;',
      '0110000004;Phạm Đức Dũng;0912345005;',
      '0119999999;Không Có;0912345006;',
      '0110000005;Hoàng Thu Hương;0912345007;not-an-email',
      '',
    ].join('\r\n');
    const res = await upload(`\uFEFF${csv}`, 'lop-12a.csv', 'text/csv');
    expect(res.statusCode).toBe(201);
    const imp = res.json<Body>();
    expect(imp).toMatchObject({
      status: 'validated',
      totalRows: 7,
      errorRows: 6,
      validRows: 1,
      processed: 0,
    });
    const codes = Object.fromEntries(imp.rows.map((r) => [r.rowNumber, r.errors.map((e) => e.code).sort()]));
    expect(codes).toEqual({
      2: [],
      3: ['duplicate_in_file'],
      4: ['phone_format'],
      5: ['duplicate_in_file'],
      6: ['account_exists'],
      7: ['bhxh_code_unknown'],
      8: ['email_format', 'name_mismatch'],
    });
    expect(imp.rows[2]?.errors[0]?.message).toBe('Số điện thoại không hợp lệ (10 chữ số, bắt đầu bằng 0).');

    const created = await app.inject({
      method: 'POST',
      url: `/api/v1/officer/bulk-imports/${imp.id}/create`,
      headers: { ...officer, 'idempotency-key': randomUUID() },
    });
    expect(created.statusCode).toBe(200);
    expect(created.json<Body>()).toMatchObject({ status: 'done', processed: 1, created: 1 });
    const dossier = await database.db
      .selectFrom('dossiers')
      .selectAll()
      .where('bulk_import_id', '=', imp.id)
      .executeTakeFirstOrThrow();
    expect(dossier).toMatchObject({
      bhxh_code: '0110000001',
      kind: 'bulk',
      status: 'draft',
      agency_code: '01',
    });
    expect(dossier.declared).toMatchObject({
      fullName: 'Nguyen Van An',
      phone: '0912345001',
      unitCode: 'TS00001',
    });

    const again = await app.inject({
      method: 'POST',
      url: `/api/v1/officer/bulk-imports/${imp.id}/create`,
      headers: { ...officer, 'idempotency-key': randomUUID() },
    });
    expect(again.statusCode).toBe(409);
    expect(again.json<Body>().code).toBe('bulk_state');
    const count = await database.db
      .selectFrom('dossiers')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(1);

    // A second list with the same person now finds the open dossier.
    const second = await upload(
      'bhxh_code,full_name,phone\n0110000001,Nguyễn Văn An,0912345001\n',
      'b.csv',
      'text/csv',
    );
    expect(second.json<Body>().rows[0]?.errors.map((e) => e.code)).toEqual(['open_dossier']);

    // Another agency cannot see the import.
    expect(
      (await app.inject({ url: `/api/v1/officer/bulk-imports/${imp.id}`, headers: otherAgency })).statusCode,
    ).toBe(404);
    const onlyErrors = await app.inject({
      url: `/api/v1/officer/bulk-imports/${imp.id}?onlyErrors=true`,
      headers: officer,
    });
    expect(onlyErrors.json<Body>().rows.every((r) => r.errors.length > 0)).toBe(true);
  });

  it('imports an XLSX list (numeric cells that lost their leading zero are restored)', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Danh sách');
    sheet.addRow(['STT', 'Mã số BHXH', 'Họ và tên', 'Số điện thoại']);
    sheet.addRow([1, 110000002, 'Trần Thị Bình', 912345002]);
    sheet.addRow([2, '0110000003', { richText: [{ text: 'Lê Minh ' }, { text: 'Châu' }] }, '0912 345 003']);
    const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
    const res = await upload(
      bytes,
      'ds.xlsx',
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(res.statusCode).toBe(201);
    const imp = res.json<Body>();
    expect(imp).toMatchObject({ totalRows: 2, errorRows: 0 });
    expect(imp.rows.map((r) => r.data)).toEqual([
      expect.objectContaining({ bhxhCode: '0110000002', phone: '0912345002' }),
      expect.objectContaining({ bhxhCode: '0110000003', fullName: 'Lê Minh Châu', phone: '0912345003' }),
    ]);
    const created = await app.inject({
      method: 'POST',
      url: `/api/v1/officer/bulk-imports/${imp.id}/create`,
      headers: { ...officer, 'idempotency-key': randomUUID() },
    });
    expect(created.json<Body>()).toMatchObject({ processed: 2, created: 2, status: 'done' });
  });

  it('refuses files it cannot use with a translated problem', async () => {
    const noColumns = await upload('a,b\n1,2\n', 'x.csv', 'text/csv');
    expect(noColumns.statusCode).toBe(422);
    expect(noColumns.json<Body>()).toMatchObject({ code: 'bulk_missing_columns' });
    expect(noColumns.json<Body>().title).toContain('bhxhCode');
    const empty = await upload('Mã số BHXH,Họ và tên,Số điện thoại\n', 'x.csv', 'text/csv');
    expect(empty.json<Body>().code).toBe('bulk_empty');
    const badZip = await upload(Buffer.from('PK\u0003\u0004garbage'), 'x.xlsx', 'application/octet-stream');
    expect(badZip.json<Body>().code).toBe('bulk_unreadable');
    const pdf = await upload(Buffer.from('%PDF-1.4'), 'x.pdf', 'application/octet-stream');
    expect(pdf.statusCode).toBe(415);
    const noName = await app.inject({
      method: 'POST',
      url: '/api/v1/officer/bulk-imports',
      headers: { 'idempotency-key': randomUUID(), ...officer, 'content-type': 'text/csv' },
      payload: 'x',
    });
    expect(noName.statusCode).toBe(400);
    expect(noName.json<Body>().errors[0]?.field).toBe('fileName');
  });
});
