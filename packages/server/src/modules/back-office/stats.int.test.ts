import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app';
import type { DatabaseHandle } from '../../db/database';
import { signInAs } from '../../testing/auth';
import { createTestDatabase, testConfig } from '../../testing/database';
import { vietnamYear, withVietnamOffset } from '@vssid/domain';
import { appendAction, createDossier } from '../registration';

/** The parts of the API's answers these tests read. */
interface Body {
  code: string;
  status: string | number;
  title: string;
  allowed: string;
  errors: { field: string; code: string; message: string }[];
  rows: { key: string; name: string }[];
  totals: Record<string, number | null>;
}

let database: DatabaseHandle;
let app: FastifyInstance;
let admin01: { authorization: string };
let officer01: { authorization: string };
let seq = 0;
const year = vietnamYear(new Date());

async function dossier(
  agency: string,
  actions: ('submit' | 'record_paper' | 'approve' | 'reject' | 'expire')[],
) {
  seq++;
  const code = `01${String(seq).padStart(8, '0')}`;
  await sql`INSERT INTO persons (bhxh_code, full_name, birth_year, gender) VALUES (${code}, 'Người Thử', 1990, 'male')`.execute(
    database.db,
  );
  return database.db.transaction().execute(async (trx) => {
    const d = await createDossier(trx, {
      bhxh_code: code,
      kind: 'self',
      agency_code: agency,
      guardian_bhxh_code: null,
      declared: { fullName: 'Người Thử' },
      registry_check: {},
      delivery: 'counter',
      idempotency_key: `stats-${code}`,
      bulk_import_id: null,
    });
    for (const a of actions) await appendAction(trx, d, a, { type: 'system', id: 'test' });
    return { ...d, code };
  });
}

beforeAll(async () => {
  database = await createTestDatabase();
  app = await buildApp(testConfig({ RATE_LIMIT_MAX: '100000' }), { database });
  await sql`INSERT INTO bhxh_agencies (code, parent_code, level, name, address, province_code) VALUES
      ('01', NULL, 'province', 'BHXH thành phố Hà Nội', '15 Trần Duy Hưng', '01'),
      ('0101', '01', 'local', 'BHXH cơ sở Ba Đình', '1 Đội Cấn', '01'),
      ('0102', '01', 'local', 'BHXH cơ sở Hoàn Kiếm, "phố cổ"', '2 Hàng Bài', '01'),
      ('79', NULL, 'province', 'BHXH Thành phố Hồ Chí Minh', '117C Nguyễn Đình Chính', '79')`.execute(
    database.db,
  );
  admin01 = (await signInAs(app, { role: 'agency_admin', agencyCode: '01' })).headers;
  officer01 = (await signInAs(app, { role: 'officer', agencyCode: '01' })).headers;
  await dossier('0101', ['submit', 'record_paper', 'approve']);
  await dossier('0101', ['submit', 'record_paper', 'approve']);
  await dossier('0101', ['submit', 'reject']);
  await dossier('0102', ['submit', 'expire']);
  await dossier('0102', ['submit']);
  await dossier('0102', []); // a draft is not received
  await dossier('79', ['submit', 'record_paper', 'approve']);
  // Last year's approval counts in last year only.
  const old = await dossier('01', ['submit', 'record_paper', 'approve']);
  await sql`UPDATE dossier_actions SET at = ${new Date(withVietnamOffset(`${year - 1}-06-01T10:00:00`))} WHERE bhxh_code = ${old.code}`.execute(
    database.db,
  );
});
afterAll(async () => {
  await app.close();
  await database.close();
});

describe('registration statistics', () => {
  it('counts per agency in scope against targets, and per province', async () => {
    const put = await app.inject({
      method: 'PUT',
      url: `/api/v1/admin/registration-targets/0101/${year}`,
      headers: { ...admin01, 'idempotency-key': randomUUID() },
      payload: { target: 8 },
    });
    expect(put.statusCode).toBe(200);
    const outOfScope = await app.inject({
      method: 'PUT',
      url: `/api/v1/admin/registration-targets/79/${year}`,
      headers: { ...admin01, 'idempotency-key': randomUUID() },
      payload: { target: 8 },
    });
    expect(outOfScope.statusCode).toBe(404);

    const res = await app.inject({ url: `/api/v1/admin/registration-stats?year=${year}`, headers: admin01 });
    expect(res.statusCode).toBe(200);
    const body = res.json<Body>();
    expect(body.rows.map((r: { key: string }) => r.key)).toEqual(['01', '0101', '0102']);
    expect(body.rows[1]).toMatchObject({
      received: 3,
      approved: 2,
      rejected: 1,
      expired: 0,
      target: 8,
      progress: 25,
    });
    expect(body.rows[2]).toMatchObject({
      received: 2,
      approved: 0,
      rejected: 0,
      expired: 1,
      target: null,
      progress: null,
    });
    expect(body.rows[0]).toMatchObject({ received: 0, approved: 0 });
    expect(body.totals).toMatchObject({ received: 5, approved: 2, rejected: 1, expired: 1, target: 8 });

    const province = (
      await app.inject({
        url: `/api/v1/admin/registration-stats?year=${year}&groupBy=province`,
        headers: admin01,
      })
    ).json<Body>();
    expect(province.rows).toHaveLength(1);
    expect(province.rows[0]).toMatchObject({
      key: '01',
      name: 'Hà Nội',
      received: 5,
      approved: 2,
      target: 8,
    });

    const last = (
      await app.inject({ url: `/api/v1/admin/registration-stats?year=${year - 1}`, headers: admin01 })
    ).json<Body>();
    expect(last.totals).toMatchObject({ received: 1, approved: 1 });
  });

  it('exports CSV with translated headers and quoted fields', async () => {
    const res = await app.inject({
      url: `/api/v1/admin/registration-stats.csv?year=${year}`,
      headers: { ...admin01, 'accept-language': 'en' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    expect(res.headers['content-disposition']).toContain(`registration-stats-${year}-agency.csv`);
    const lines = res.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe('Agency code,Agency name,Received,Approved,Rejected,Expired,Target,Progress (%)');
    expect(lines).toContain('0101,BHXH cơ sở Ba Đình,3,2,1,0,8,25');
    expect(lines).toContain('0102,"BHXH cơ sở Hoàn Kiếm, ""phố cổ""",2,0,0,1,,');
  });

  it('is for agency admins only', async () => {
    expect(
      (await app.inject({ url: `/api/v1/admin/registration-stats?year=${year}`, headers: officer01 }))
        .statusCode,
    ).toBe(403);
    const bad = await app.inject({ url: '/api/v1/admin/registration-stats?year=abc', headers: admin01 });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<Body>().errors[0]?.field).toBe('year');
  });
});
