import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app';
import type { DatabaseHandle } from '../../db/database';
import { signInAs } from '../../testing/auth';
import { createTestDatabase, testConfig } from '../../testing/database';

let database: DatabaseHandle;
let app: FastifyInstance;
type Headers = { authorization: string };
let citizen: Headers;
let hanoiOfficer: Headers;
let hueOfficer: Headers;
let employerAgencyOfficer: Headers;
let periodOfUnit = '';
let ownPeriod = '';

const CODE = '0100000901';

beforeAll(async () => {
  database = await createTestDatabase();
  // Friday 4 December 2026, 10:00 in Hà Nội.
  app = await buildApp(testConfig(), { database, now: () => new Date('2026-12-04T03:00:00Z') });
  const db = database.db;
  await db
    .insertInto('bhxh_agencies')
    .values([
      { code: '01', level: 'province', name: 'BHXH Hà Nội', address: 'Hà Nội', province_code: '01' },
      {
        code: '0101',
        parent_code: '01',
        level: 'local',
        name: 'BHXH Ba Đình',
        address: 'Ba Đình',
        province_code: '01',
      },
      { code: '46', level: 'province', name: 'BHXH Huế', address: 'Huế', province_code: '46' },
      { code: '79', level: 'province', name: 'BHXH TP.HCM', address: 'TP.HCM', province_code: '79' },
    ])
    .execute();
  await db
    .insertInto('employer_units')
    .values({
      code: 'TS0001',
      name: 'Công ty May Sài Gòn',
      kind: 'enterprise',
      address: 'TP.HCM',
      province_code: '79',
      managing_agency: '79',
    })
    .execute();
  await db
    .insertInto('persons')
    .values({
      bhxh_code: CODE,
      full_name: 'Lê Thị Phản',
      birth_year: 1988,
      gender: 'female',
      province_code: '01',
    })
    .execute();
  const period = (unit: string | null, from: string, to: string) => ({
    bhxh_code: CODE,
    scheme: 'bhxh_compulsory' as const,
    from_month: from,
    to_month: to,
    unit_code: unit,
    salary: 8_000_000,
    employee_rate_bp: 800,
    employer_rate_bp: 1750,
    employee_amount: 0,
    employer_amount: 0,
    state_support: 0,
    status: 'paid' as const,
  });
  periodOfUnit = (
    await db
      .insertInto('participation_periods')
      .values(period('TS0001', '2019-01-01', '2021-06-01'))
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
  ownPeriod = (
    await db
      .insertInto('participation_periods')
      .values(period(null, '2022-01-01', '2022-12-01'))
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
  citizen = (await signInAs(app, { role: 'citizen', bhxhCode: CODE, displayName: 'Lê Thị Phản' })).headers;
  hanoiOfficer = (await signInAs(app, { role: 'officer', agencyCode: '01', displayName: 'Cán bộ Hà Nội' }))
    .headers;
  hueOfficer = (await signInAs(app, { role: 'officer', agencyCode: '46' })).headers;
  employerAgencyOfficer = (
    await signInAs(app, { role: 'officer', agencyCode: '79', displayName: 'Cán bộ TP.HCM' })
  ).headers;
});
afterAll(async () => {
  await app.close();
  await database.close();
});

const post = (url: string, headers: Headers, payload: Record<string, unknown>) =>
  app.inject({ method: 'POST', url, headers, payload });

describe('tickets', () => {
  it('route to the employer’s agency for an employer-reported period, else to the person’s, with working-day SLAs', async () => {
    const wrong = await post('/api/v1/me/tickets', citizen, {
      category: 'wrong_data',
      text: 'Thời gian làm việc tại công ty May Sài Gòn bắt đầu từ tháng 3/2018.',
      record: { type: 'participation', id: periodOfUnit },
    });
    expect(wrong.statusCode).toBe(201);
    expect(wrong.json()).toMatchObject({
      agencyCode: '79',
      status: 'open',
      firstAnswerDue: '2026-12-08',
      resolutionDue: '2026-12-18',
      sla: 'green',
    });
    const account = await post('/api/v1/me/tickets', citizen, {
      category: 'account',
      text: 'Tôi không nhận được mã OTP.',
    });
    expect(account.json()).toMatchObject({
      agencyCode: '01',
      firstAnswerDue: '2026-12-07',
      resolutionDue: '2026-12-09',
    });
    const callback = await post('/api/v1/me/callbacks', citizen, { phone: '0912000901' });
    expect(callback.json()).toMatchObject({ category: 'callback', agencyCode: '01', phone: '0912000901' });

    // Wrong data needs the record, and one of the person's own.
    const noRecord = await post('/api/v1/me/tickets', citizen, {
      category: 'wrong_data',
      text: 'Sai thông tin.',
    });
    expect(noRecord.statusCode).toBe(400);
    expect(noRecord.json<{ errors: { field: string }[] }>().errors[0]?.field).toBe('record');
    const notMine = await post('/api/v1/me/tickets', citizen, {
      category: 'wrong_data',
      text: 'Sai thông tin.',
      record: { type: 'participation', id: '999999' },
    });
    expect(notMine.json<{ errors: { field: string }[] }>().errors[0]?.field).toBe('record.id');

    // Queues: Hà Nội sees its two (the province's queue), TP.HCM the employer's, Huế none.
    const queue = async (h: Headers) =>
      (await app.inject({ url: '/api/v1/officer/tickets', headers: h }))
        .json<{ items: { category: string }[] }>()
        .items.map((t) => t.category);
    expect((await queue(hanoiOfficer)).sort()).toEqual(['account', 'callback']);
    expect(await queue(employerAgencyOfficer)).toEqual(['wrong_data']);
    expect(await queue(hueOfficer)).toEqual([]);
    const id = wrong.json<{ id: string }>().id;
    const other = await app.inject({
      url: `/api/v1/officer/tickets/${id}?purpose=Giải quyết phản ánh`,
      headers: hueOfficer,
    });
    expect(other.statusCode).toBe(404);
  });

  it('a wrong period is corrected by the officer: audited, the person sees old and new, the period and the trail', async () => {
    const opened = await post('/api/v1/me/tickets', citizen, {
      category: 'wrong_data',
      text: 'Năm 2022 tôi làm việc đến hết tháng 12, không phải tháng 11.',
      record: { type: 'participation', id: ownPeriod },
    });
    const id = opened.json<{ id: string; agencyCode: string }>().id;
    expect(opened.json<{ agencyCode: string }>().agencyCode).toBe('01');

    const seen = await app.inject({
      url: `/api/v1/officer/tickets/${id}?purpose=Giải quyết phản ánh sai thông tin`,
      headers: hanoiOfficer,
    });
    expect(seen.statusCode).toBe(200);
    const seenRecord = seen.json<{
      bhxhCode: string;
      record: { type: string; id: string; fields: { field: string; value: string | null }[] };
    }>();
    expect(seenRecord).toMatchObject({ bhxhCode: CODE, record: { type: 'participation', id: ownPeriod } });
    expect(seenRecord.record.fields).toContainEqual({ field: 'fromMonth', value: '2022-01' });
    expect(seenRecord.record.fields).toContainEqual({ field: 'toMonth', value: '2022-12' });

    const bad = await post(`/api/v1/officer/tickets/${id}/corrections`, hanoiOfficer, {
      field: 'toMonth',
      value: '2021-13',
      purpose: 'Sửa theo phản ánh',
    });
    expect(bad.statusCode).toBe(400);
    const corrected = await post(`/api/v1/officer/tickets/${id}/corrections`, hanoiOfficer, {
      field: 'fromMonth',
      value: '2021-11',
      purpose: 'Sửa theo phản ánh',
    });
    expect(corrected.statusCode).toBe(200);

    const mine = await app.inject({ url: `/api/v1/me/tickets/${id}`, headers: citizen });
    expect(mine.json()).toMatchObject({
      ticket: { status: 'answered' },
      corrections: [
        {
          recordType: 'participation',
          recordId: ownPeriod,
          field: 'fromMonth',
          oldValue: '2022-01',
          newValue: '2021-11',
        },
      ],
    });
    const participation = await app.inject({ url: '/api/v1/me/participation', headers: citizen });
    expect(JSON.stringify(participation.json())).toContain('2021-11');
    const trail = await app.inject({ url: '/api/v1/me/data-access', headers: citizen });
    const actions = trail.json<{ items: { action: string }[] }>().items.map((e) => e.action);
    expect(actions).toContain('records.participation.corrected');
    expect(actions).toContain('records.participation.read');
    const inbox = await app.inject({ url: '/api/v1/me/notifications', headers: citizen });
    expect(inbox.json<{ items: { title: string }[] }>().items.map((n) => n.title)).toContain(
      'Thông tin của bạn đã được sửa',
    );

    // Close, rate, reopen by a reply.
    const answer = await post(`/api/v1/officer/tickets/${id}/messages`, hanoiOfficer, {
      text: 'Đã sửa theo sổ BHXH của bạn.',
      close: true,
    });
    expect(answer.json<{ ticket: { status: string; sla: string } }>().ticket).toMatchObject({
      status: 'closed',
      sla: 'done',
    });
    const rated = await post(`/api/v1/me/tickets/${id}/rating`, citizen, { rating: 5 });
    expect(rated.json<{ ticket: { rating: number } }>().ticket.rating).toBe(5);
    const reply = await post(`/api/v1/me/tickets/${id}/messages`, citizen, {
      text: 'Cảm ơn, nhưng còn tháng 12/2021.',
    });
    expect(
      reply.json<{ ticket: { status: string }; messages: { author: string; authorName: string | null }[] }>(),
    ).toMatchObject({
      ticket: { status: 'open' },
      messages: [
        { author: 'officer', authorName: 'Cán bộ Hà Nội' },
        { author: 'person', authorName: null },
      ],
    });
    // Another person cannot see it.
    const stranger = await signInAs(app, { role: 'citizen', bhxhCode: '0100000902' });
    expect(
      (await app.inject({ url: `/api/v1/me/tickets/${id}`, headers: stranger.headers })).statusCode,
    ).toBe(404);
  });
});
