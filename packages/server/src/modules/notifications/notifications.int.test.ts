import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app';
import type { DatabaseHandle } from '../../db/database';
import { signInAs } from '../../testing/auth';
import { createTestDatabase, testConfig } from '../../testing/database';
import { notify } from './inbox-service';

let database: DatabaseHandle;
let app: FastifyInstance;
type Headers = { authorization: string };
const people: Record<string, Headers> = {};
let comms: Headers;

interface Someone {
  code: string;
  name: string;
  province: string;
  birthDate: string;
  gender: 'male' | 'female';
  pension?: boolean;
  employedUntil?: string;
}

const SOMEONE: Someone[] = [
  {
    code: '0100000001',
    name: 'Nguyễn Văn Hưu',
    province: '01',
    birthDate: '1955-03-02',
    gender: 'male',
    pension: true,
  },
  {
    code: '0100000002',
    name: 'Trần Thị Làm',
    province: '01',
    birthDate: '2000-10-20',
    gender: 'female',
    employedUntil: '2026-11-01',
  },
  {
    code: '4600000003',
    name: 'Lê Văn Huế',
    province: '46',
    birthDate: '1990-06-15',
    gender: 'male',
    employedUntil: '2026-11-01',
  },
  {
    code: '4600000004',
    name: 'Phạm Thị Hưu',
    province: '46',
    birthDate: '1958-12-07',
    gender: 'female',
    pension: true,
  },
  {
    code: '0100000005',
    name: 'Đỗ Văn Cũ',
    province: '01',
    birthDate: '1985-01-01',
    gender: 'male',
    employedUntil: '2024-01-01',
  },
];

beforeAll(async () => {
  database = await createTestDatabase();
  app = await buildApp(testConfig(), { database });
  const db = database.db;
  for (const p of SOMEONE) {
    await db
      .insertInto('persons')
      .values({
        bhxh_code: p.code,
        full_name: p.name,
        birth_date: p.birthDate,
        birth_year: Number(p.birthDate.slice(0, 4)),
        gender: p.gender,
        province_code: p.province,
      })
      .execute();
    if (p.pension)
      await db
        .insertInto('benefit_payments')
        .values({
          bhxh_code: p.code,
          kind: 'pension',
          period_from: '2026-10-01',
          period_to: '2026-10-31',
          amount: 6_000_000,
          decision_number: '123/QĐ-BHXH',
        })
        .execute();
    if (p.employedUntil)
      await db
        .insertInto('participation_periods')
        .values({
          bhxh_code: p.code,
          scheme: 'bhxh_compulsory',
          from_month: '2020-01-01',
          to_month: p.employedUntil,
          salary: 10_000_000,
          employee_rate_bp: 800,
          employer_rate_bp: 1750,
          employee_amount: 0,
          employer_amount: 0,
          state_support: 0,
          status: 'paid',
        })
        .execute();
    people[p.code] = (
      await signInAs(app, { role: 'citizen', bhxhCode: p.code, displayName: p.name })
    ).headers;
  }
  comms = (await signInAs(app, { role: 'communications', agencyCode: '01' })).headers;
});
afterAll(async () => {
  await app.close();
  await database.close();
});

const inbox = async (code: string, language = 'vi') => {
  const res = await app.inject({
    url: '/api/v1/me/notifications',
    headers: { ...people[code], 'accept-language': language },
  });
  expect(res.statusCode).toBe(200);
  return res.json<{
    items: {
      id: string;
      kind: string;
      title: string;
      body: string;
      imageUrl: string | null;
      read: boolean;
    }[];
    unread: number;
  }>();
};

const draft = (title: string, audience: Record<string, unknown>) => ({
  content: {
    vi: { title, body: `${title}: nội dung chi tiết.` },
    en: { title: `EN ${title}`, body: 'Details.' },
  },
  audience: { provinces: [], groups: [], ageFrom: null, ageTo: null, ...audience },
});

async function publish(body: ReturnType<typeof draft>): Promise<string> {
  const created = await app.inject({ method: 'POST', url: '/api/v1/news', headers: comms, payload: body });
  expect(created.statusCode).toBe(201);
  const id = created.json<{ id: string }>().id;
  const published = await app.inject({ method: 'POST', url: `/api/v1/news/${id}/publish`, headers: comms });
  expect(published.statusCode).toBe(200);
  await app.fanOut.runOnce(new Date('2026-12-07T00:00:00Z'));
  return id;
}

describe('policy news', () => {
  it('reaches Hà Nội retirees only: not a worker in Huế, not a retiree of Huế, not a Hà Nội worker', async () => {
    const id = await publish(
      draft('Tăng lương hưu từ 1/1/2027', { provinces: ['01'], groups: ['retirees'] }),
    );
    const retiree = await inbox('0100000001');
    expect(retiree.unread).toBe(1);
    expect(retiree.items).toEqual([
      expect.objectContaining({ kind: 'news', title: 'Tăng lương hưu từ 1/1/2027', read: false }),
    ]);
    expect((await inbox('0100000001', 'en')).items[0]?.title).toBe('EN Tăng lương hưu từ 1/1/2027');
    // Japanese was not written: Vietnamese is shown.
    expect((await inbox('0100000001', 'ja')).items[0]?.title).toBe('Tăng lương hưu từ 1/1/2027');
    for (const other of ['0100000002', '4600000003', '4600000004', '0100000005'])
      expect((await inbox(other)).items).toEqual([]);

    const view = await app.inject({ url: `/api/v1/news/${id}`, headers: comms });
    expect(view.json<{ news: { fanOut: unknown } }>().news.fanOut).toEqual({
      status: 'done',
      scanned: 5,
      sent: 1,
      total: 5,
    });
  });

  it('targets current employees by age band (a period ended in 2024 is not current)', async () => {
    const id = await publish(draft('Người lao động trẻ', { groups: ['employees'], ageTo: 30 }));
    const has = async (code: string) =>
      (await inbox(code)).items.some((n) => n.title === 'Người lao động trẻ');
    expect(await has('0100000002')).toBe(true);
    expect(await has('4600000003')).toBe(false); // 36 years old
    expect(await has('0100000005')).toBe(false); // no current period
    expect(await has('0100000001')).toBe(false);
    // Unpublished: out of every inbox; edits make versions; published again: back, not doubled.
    await app.inject({ method: 'POST', url: `/api/v1/news/${id}/unpublish`, headers: comms });
    expect(await has('0100000002')).toBe(false);
    const edited = await app.inject({
      method: 'PUT',
      url: `/api/v1/news/${id}`,
      headers: comms,
      payload: draft('Người lao động trẻ', { groups: ['employees'], ageTo: 30 }),
    });
    expect(edited.statusCode).toBe(200);
    await app.inject({ method: 'POST', url: `/api/v1/news/${id}/publish`, headers: comms });
    await app.fanOut.runOnce(new Date('2026-12-07T00:00:00Z'));
    expect((await inbox('0100000002')).items.filter((n) => n.title === 'Người lao động trẻ')).toHaveLength(1);
    const versions = await app.inject({ url: `/api/v1/news/${id}`, headers: comms });
    expect(
      versions.json<{ versions: { version: number; status: string }[] }>().versions.map((v) => v.status),
    ).toEqual(['published', 'unpublished', 'unpublished', 'published', 'draft']);
    const published = await app.inject({
      method: 'PUT',
      url: `/api/v1/news/${id}`,
      headers: comms,
      payload: draft('x', {}),
    });
    expect(published.statusCode).toBe(409);
  });

  it('is written by the communications role only, and a bad audience is a 400 naming the field', async () => {
    const citizen = await app.inject({
      method: 'POST',
      url: '/api/v1/news',
      headers: people['0100000001'],
      payload: draft('x', {}),
    });
    expect(citizen.statusCode).toBe(403);
    const bad = await app.inject({
      method: 'POST',
      url: '/api/v1/news',
      headers: comms,
      payload: draft('x', { groups: ['pilots'] }),
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ errors: { field: string }[] }>().errors.map((e) => e.field)).toContain(
      'audience.groups.0',
    );
    const missing = await app.inject({ url: '/api/v1/news/999999', headers: comms });
    expect(missing.statusCode).toBe(404);
  });
});

describe('the inbox', () => {
  it('counts unread, marks read (another person’s message answers 404), pages by keyset', async () => {
    for (let i = 1; i <= 3; i++)
      await notify(
        app.database.db,
        { bhxhCode: '4600000003' },
        {
          template: 'notifications.greetings.birthday',
          idempotencyKey: `test:${i}`,
        },
      );
    // The same cause again: nothing more.
    expect(
      await notify(
        app.database.db,
        { bhxhCode: '4600000003' },
        {
          template: 'notifications.greetings.birthday',
          idempotencyKey: 'test:1',
        },
      ),
    ).toBe(false);
    const box = await inbox('4600000003');
    expect(box.unread).toBe(3);
    const first = box.items[0];
    if (!first) throw new Error('empty inbox');
    expect(first.body).toContain('Lê Văn Huế');
    const other = await app.inject({
      method: 'POST',
      url: `/api/v1/me/notifications/${first.id}/read`,
      headers: people['0100000001'],
    });
    expect(other.statusCode).toBe(404);
    const mine = await app.inject({
      method: 'POST',
      url: `/api/v1/me/notifications/${first.id}/read`,
      headers: people['4600000003'],
    });
    expect(mine.statusCode).toBe(204);
    const count = await app.inject({ url: '/api/v1/me/notifications/unread', headers: people['4600000003'] });
    expect(count.json()).toEqual({ unread: 2 });

    const page1 = await app.inject({
      url: '/api/v1/me/notifications?limit=2',
      headers: people['4600000003'],
    });
    const p1 = page1.json<{ items: { id: string }[]; nextCursor: string }>();
    expect(p1.items).toHaveLength(2);
    const page2 = await app.inject({
      url: `/api/v1/me/notifications?limit=2&cursor=${encodeURIComponent(p1.nextCursor)}`,
      headers: people['4600000003'],
    });
    const p2 = page2.json<{ items: { id: string }[]; nextCursor: string | null }>();
    expect(p2.items).toHaveLength(1);
    expect(p2.nextCursor).toBeNull();
    expect(new Set([...p1.items, ...p2.items].map((n) => n.id)).size).toBe(3);
    const badCursor = await app.inject({
      url: '/api/v1/me/notifications?cursor=abc',
      headers: people['4600000003'],
    });
    expect(badCursor.statusCode).toBe(400);

    await app.inject({
      method: 'POST',
      url: '/api/v1/me/notifications/read-all',
      headers: people['4600000003'],
    });
    expect((await inbox('4600000003')).unread).toBe(0);
  });
});

describe('greetings', () => {
  it('go out from 08:00 Vietnam time: 20/10 to women, birthdays to those born that day, once each', async () => {
    const before = async () =>
      Object.fromEntries(
        await Promise.all(
          SOMEONE.map(
            async (p) => [p.code, (await inbox(p.code)).items.filter((n) => n.kind === 'greeting')] as const,
          ),
        ),
      );
    // 07:30 in Hà Nội on 20 October: too early.
    await app.fanOut.runOnce(new Date('2026-10-20T00:30:00Z'));
    expect(Object.values(await before()).flat()).toEqual([]);
    await app.fanOut.runOnce(new Date('2026-10-20T01:00:00Z'));
    await app.fanOut.runOnce(new Date('2026-10-20T05:00:00Z'));
    const got = await before();
    expect(got['0100000002']?.map((n) => n.title)).toEqual(
      expect.arrayContaining(['Chúc mừng ngày Phụ nữ Việt Nam 20/10', 'Chúc mừng sinh nhật']),
    );
    expect(got['0100000002']).toHaveLength(2);
    expect(got['4600000004']?.map((n) => n.title)).toEqual(['Chúc mừng ngày Phụ nữ Việt Nam 20/10']);
    expect(got['4600000004']?.[0]?.imageUrl).toBe('/greetings/vietnam_womens_day.svg');
    expect(got['0100000001']).toEqual([]);
    expect(got['4600000003']).toEqual([]);
    const en = await inbox('4600000004', 'en');
    expect(en.items.find((n) => n.kind === 'greeting')?.body).toContain('Phạm Thị Hưu');
    expect(en.items.find((n) => n.kind === 'greeting')?.title).toBe("Happy Vietnamese Women's Day");
  });
});
