import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app';
import type { DatabaseHandle } from '../../db/database';
import { signInAs } from '../../testing/auth';
import { createTestDatabase, testConfig } from '../../testing/database';

let database: DatabaseHandle;
let app: FastifyInstance;
let comms: { authorization: string };

beforeAll(async () => {
  database = await createTestDatabase();
  app = await buildApp(testConfig(), { database });
  comms = (await signInAs(app, { role: 'communications', agencyCode: '01' })).headers;
});
afterAll(async () => {
  await app.close();
  await database.close();
});

const article = (
  title: string,
  body: string,
  category = 'account',
  en?: { title: string; body: string },
) => ({
  kind: 'faq',
  category,
  content: { vi: { title, body }, ...(en ? { en } : {}) },
  images: [],
});

describe('the help centre', () => {
  it('publishes, searches without tone marks, best answers first, in the reader’s language, versions kept', async () => {
    const created = await app.inject({
      method: 'POST',
      url: '/api/v1/help/manage',
      headers: comms,
      payload: article(
        'Quên mật khẩu đăng nhập',
        'Chọn “Quên mật khẩu”, nhập mã số BHXH và mã OTP gửi đến điện thoại.',
        'account',
        {
          title: 'Forgot the password',
          body: 'Choose “Forgot password” and enter the OTP sent to your phone.',
        },
      ),
    });
    expect(created.statusCode).toBe(201);
    const id = created.json<{ id: string }>().id;
    const other = await app.inject({
      method: 'POST',
      url: '/api/v1/help/manage',
      headers: comms,
      payload: article(
        'Thẻ BHYT hết hạn',
        'Khi thẻ hết hạn, hãy gia hạn; quên mật khẩu không ảnh hưởng đến thẻ.',
        'card',
      ),
    });
    const otherId = other.json<{ id: string }>().id;

    // A draft is not public.
    expect((await app.inject({ url: `/api/v1/help/articles/${id}` })).statusCode).toBe(404);
    expect((await app.inject({ url: '/api/v1/help/articles?q=mat khau' })).json()).toEqual({ items: [] });

    for (const a of [id, otherId])
      expect(
        (
          await app.inject({
            method: 'POST',
            url: `/api/v1/help/manage/${a}/status`,
            headers: comms,
            payload: { status: 'published' },
          })
        ).statusCode,
      ).toBe(200);
    const found = await app.inject({ url: '/api/v1/help/articles?q=QUEN MAT KHAU' });
    expect(found.json<{ items: { id: string; title: string }[] }>().items.map((a) => a.id)).toEqual([
      id,
      otherId,
    ]);
    const byCategory = await app.inject({ url: '/api/v1/help/articles?q=quen mat khau&category=card' });
    expect(byCategory.json<{ items: { id: string }[] }>().items.map((a) => a.id)).toEqual([otherId]);
    const en = await app.inject({ url: `/api/v1/help/articles/${id}`, headers: { 'accept-language': 'en' } });
    expect(en.json()).toMatchObject({ title: 'Forgot the password' });
    // Not written in Japanese: Vietnamese.
    const ja = await app.inject({ url: `/api/v1/help/articles/${id}`, headers: { 'accept-language': 'ja' } });
    expect(ja.json()).toMatchObject({ title: 'Quên mật khẩu đăng nhập' });

    await app.inject({
      method: 'POST',
      url: `/api/v1/help/manage/${id}/status`,
      headers: comms,
      payload: { status: 'unpublished' },
    });
    expect((await app.inject({ url: `/api/v1/help/articles/${id}` })).statusCode).toBe(404);
    const versions = await database.db
      .selectFrom('help_article_versions')
      .select(['version', 'status'])
      .where('article_id', '=', id)
      .orderBy('version')
      .execute();
    expect(versions.map((v) => v.status)).toEqual(['draft', 'published', 'unpublished']);

    // Writers only; bad input names the field.
    const citizen = await signInAs(app, { role: 'citizen', bhxhCode: '0100000555' });
    expect(
      (
        await app.inject({
          method: 'POST',
          url: '/api/v1/help/manage',
          headers: citizen.headers,
          payload: article('x', 'y'),
        })
      ).statusCode,
    ).toBe(403);
    const bad = await app.inject({
      method: 'POST',
      url: '/api/v1/help/manage',
      headers: comms,
      payload: { ...article('Tiêu đề', 'Nội dung'), images: ['javascript:alert(1)'] },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ errors: { field: string }[] }>().errors[0]?.field).toBe('images.0');
  });
});
