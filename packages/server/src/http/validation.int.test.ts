import Fastify from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { serializerCompiler } from 'fastify-type-provider-zod';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createTranslator } from '../i18n';
import { registerErrorHandling } from './error-handler';
import { validatorCompiler } from './validation';

/** The validation path every route shares, on a small app with one schema'd route. */
async function appWithForm() {
  const app = Fastify({ logger: false }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandling(app, createTranslator(), 1_048_576);
  app.post(
    '/form',
    {
      schema: {
        querystring: z.object({ page: z.coerce.number().int().min(1).default(1) }),
        body: z.strictObject({
          fullName: z.string().min(2).max(10),
          phone: z.string().regex(/^0\d{9}$/),
          age: z.number().int().min(0).max(120),
          kind: z.enum(['individual', 'child']),
          contact: z.object({ email: z.email() }).optional(),
        }),
      },
    },
    (request) => ({ ok: true, page: request.query.page, name: request.body.fullName }),
  );
  await app.ready();
  return app;
}

describe('request validation', () => {
  it('accepts a valid body and applies defaults', async () => {
    const app = await appWithForm();
    const res = await app.inject({
      method: 'POST',
      url: '/form',
      payload: { fullName: 'Lê Văn A', phone: '0912345678', age: 30, kind: 'individual' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ ok: true, page: 1, name: 'Lê Văn A' });
  });

  it('names every bad field with a translated message', async () => {
    const app = await appWithForm();
    const res = await app.inject({
      method: 'POST',
      url: '/form',
      headers: { 'accept-language': 'vi' },
      payload: { phone: '12', age: 200, kind: 'other', contact: { email: 'no' }, extra: 1 },
    });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    const body = res.json<{
      code: string;
      title: string;
      errors: { in: string; field: string; code: string; message: string }[];
    }>();
    expect(body.code).toBe('validation');
    expect(body.title).toBe('Dữ liệu gửi lên không hợp lệ. Vui lòng kiểm tra các trường được đánh dấu.');
    const byField = Object.fromEntries(body.errors.map((e) => [e.field, e]));
    expect(byField.fullName).toMatchObject({
      in: 'body',
      code: 'required',
      message: 'Trường “fullName” là bắt buộc.',
    });
    expect(byField.phone).toMatchObject({ code: 'invalid_format' });
    expect(byField.age).toMatchObject({
      code: 'too_big',
      message: 'Trường “age” phải nhỏ hơn hoặc bằng 120.',
    });
    expect(byField.kind).toMatchObject({ code: 'invalid_value' });
    expect(byField['contact.email']).toMatchObject({ code: 'invalid_format' });
    expect(byField.extra).toMatchObject({ code: 'unknown_field' });
  });

  it('translates field errors into each language', async () => {
    const app = await appWithForm();
    const expected: Record<string, string> = {
      en: '“fullName” must have at least 2 characters.',
      zh: '“fullName”至少需要 2 个字符。',
      ja: '「fullName」は 2 文字以上で入力してください。',
      ko: '‘fullName’ 항목은 2자 이상이어야 합니다.',
    };
    for (const [language, message] of Object.entries(expected)) {
      const res = await app.inject({
        method: 'POST',
        url: '/form',
        headers: { 'accept-language': language },
        payload: { fullName: 'A', phone: '0912345678', age: 1, kind: 'child' },
      });
      expect(res.json<{ errors: { message: string }[] }>().errors[0]?.message).toBe(message);
    }
  });

  it('reports query-string errors where they are', async () => {
    const app = await appWithForm();
    const res = await app.inject({
      method: 'POST',
      url: '/form?page=0',
      payload: { fullName: 'Lê Văn A', phone: '0912345678', age: 30, kind: 'individual' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json<{ errors: unknown[] }>().errors).toEqual([
      expect.objectContaining({ in: 'querystring', field: 'page', code: 'too_small' }),
    ]);
  });

  it('answers 415 to a body of an unsupported content type', async () => {
    const app = await appWithForm();
    const res = await app.inject({
      method: 'POST',
      url: '/form',
      headers: { 'content-type': 'application/x-unknown' },
      payload: 'abc',
    });
    expect(res.statusCode).toBe(415);
    expect(res.json()).toMatchObject({
      code: 'unsupported_media_type',
      title: 'Định dạng nội dung không được hỗ trợ.',
    });
  });

  it('never answers 500 to a wrong JSON type at the root', async () => {
    const app = await appWithForm();
    for (const payload of ['[]', '"text"', '42', 'null']) {
      const res = await app.inject({
        method: 'POST',
        url: '/form',
        headers: { 'content-type': 'application/json' },
        payload,
      });
      expect(res.statusCode).toBe(400);
    }
  });
});
