import type { FastifyInstance } from 'fastify';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DOSSIER_NUMBER_PATTERN } from '@vssid/domain';
import { detectImageType } from '../../adapters/images';
import { buildApp } from '../../app';
import type { DatabaseHandle } from '../../db/database';
import { signInAs } from '../../testing/auth';
import { createTestDatabase, testConfig } from '../../testing/database';
import { appendAction, getDossier } from './dossiers';
import { startSmtp } from '../../testing/smtp';
import { pdfText } from '../../testing/pdf';
import { form01Fields, insertHanoiAgency } from './test-fixtures';

/** A real SMTP server on loopback that keeps the raw messages. */

/** A JPEG photo of `seed` colour carrying EXIF (camera, GPS-like comment) to be stripped. */
async function photo(seed: number, size = 400): Promise<string> {
  const bytes = await sharp({
    create: {
      width: size,
      height: Math.round(size * 0.75),
      channels: 3,
      background: { r: seed % 256, g: 90, b: 140 },
    },
  })
    .jpeg()
    .withExif({ IFD0: { Make: 'TestCam', Model: 'Secret Model', ImageDescription: 'GPS 21.0285,105.8542' } })
    .toBuffer();
  return bytes.toString('base64');
}

const AGENCY = '0101';
let database: DatabaseHandle;
let smtp: Awaited<ReturnType<typeof startSmtp>>;
let app: FastifyInstance;
let photos: { portrait: string; id_front: string; id_back: string };
let personSeq = 0;

/** A person in `persons` and the population registry (CCCD, name, date of birth, gender). */
async function person(options: { name?: string; birth?: string; guardian?: string; phone?: string } = {}) {
  personSeq++;
  const code = `01${String(77_000_000 + personSeq).padStart(8, '0')}`;
  const cccd = `001${String(190_000_000 + personSeq).padStart(9, '0')}`;
  const name = options.name ?? `Nguyễn Thị Hồng Nhung ${'ABCDEFGHIJKLMNOPQRSTUVWXYZ'[personSeq % 26] ?? ''}`;
  const birth = options.birth ?? '1990-05-17';
  await app.database.db
    .insertInto('persons')
    .values({
      bhxh_code: code,
      full_name: name,
      birth_date: birth,
      birth_year: Number(birth.slice(0, 4)),
      gender: 'female',
      cccd: options.guardian ? null : cccd,
      phone: options.phone ?? null,
      guardian_bhxh_code: options.guardian ?? null,
    })
    .execute();
  if (!options.guardian)
    await app.database.db
      .insertInto('population_registry')
      .values({
        cccd,
        full_name: name,
        birth_date: birth,
        birth_year: Number(birth.slice(0, 4)),
        gender: 'female',
        address: 'Hà Nội',
      })
      .execute();
  return { code, cccd, name, birth };
}

function form(
  p: { code: string; cccd: string; name: string; birth: string },
  extra: Record<string, unknown> = {},
) {
  return { ...form01Fields(p, AGENCY), photos, ...extra };
}

let keySeq = 0;
const newKey = () => `test-key-${Date.now()}-${++keySeq}`;
const submit = (body: unknown, key = newKey(), headers: Record<string, string> = {}) =>
  app.inject({
    method: 'POST',
    url: '/api/v1/registrations',
    headers: { 'idempotency-key': key, ...headers },
    payload: body as object,
  });

beforeAll(async () => {
  database = await createTestDatabase();
  smtp = await startSmtp();
  app = await buildApp(testConfig({ DEV_INBOX: 'true', SMTP_URL: smtp.url }), { database });
  await insertHanoiAgency(app, AGENCY);
  photos = { portrait: await photo(10), id_front: await photo(60), id_back: await photo(120) };
}, 60_000);
afterAll(async () => {
  await app.close();
  await smtp.close();
  await database.close();
});

describe('registration for oneself', () => {
  it('creates a numbered dossier with a 10-day deadline, clean photos, an SMS and the registry outcome', async () => {
    const p = await person();
    const res = await submit(form(p));
    expect(res.statusCode).toBe(201);
    const body = res.json<{
      number: string;
      status: string;
      deadlineAt: string;
      submittedAt: string;
      registryCheck: { outcome: string };
      form01Url: string;
      accessToken: string;
    }>();
    expect(body.number).toMatch(DOSSIER_NUMBER_PATTERN);
    expect(body.number).toMatch(/\.GD_\d{4}_0101$/);
    expect(body.status).toBe('submitted');
    expect(body.registryCheck.outcome).toBe('match');
    expect(new Date(body.deadlineAt).getTime() - new Date(body.submittedAt).getTime()).toBe(10 * 86_400_000);

    const dossier = await getDossier(app.database.db, { number: body.number });
    expect(dossier?.actions.map((a) => a.action)).toEqual(['submit']);
    expect(dossier?.files.map((f) => f.kind).sort()).toEqual(['id_back', 'id_front', 'portrait']);
    const sms = await app.database.db
      .selectFrom('outbox')
      .selectAll()
      .where('recipient', '=', '0912345678')
      .execute();
    const mine = sms.filter((m) => String((m.payload as { text?: string }).text).includes(body.number));
    expect(mine).toHaveLength(1);
    expect((mine[0]?.payload as { text: string }).text).toMatch(/\d{2}\/\d{2}\/\d{4}/);

    // The stored photo is a re-encoded JPEG without the uploaded EXIF.
    const storedHash = dossier?.files[0]?.sha256 ?? '';
    const { localFileStorage } = await import('../../adapters/storage');
    const os = await import('node:os');
    const path = await import('node:path');
    const stored = await localFileStorage(path.join(os.tmpdir(), 'vssid-files')).get(storedHash);
    expect(stored).not.toBeNull();
    expect(detectImageType(stored ?? Buffer.alloc(0))).toBe('image/jpeg');
    expect((await sharp(stored ?? Buffer.alloc(0)).metadata()).exif).toBeUndefined();
    expect(stored?.includes('Secret Model')).toBe(false);

    // The PDF: with the token only, holding the declared name with its diacritics.
    expect((await app.inject({ url: `/api/v1/registrations/${body.number}/form01.pdf` })).statusCode).toBe(
      404,
    );
    expect(
      (
        await app.inject({
          url: `/api/v1/registrations/${body.number}/form01.pdf?t=00000000-0000-4000-8000-000000000000`,
        })
      ).statusCode,
    ).toBe(404);
    const pdf = await app.inject({ url: body.form01Url });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toContain('application/pdf');
    const text = await pdfText(pdf.rawPayload);
    expect(text).toContain(p.name);
    expect(text).toContain(body.number);
    expect(text).toContain('Bảo hiểm xã hội Thành phố Hà Nội');
    expect(text).toContain('Cá nhân tôi cam kết hoàn toàn chịu trách nhiệm');
    // In the reader's language and its typeface, with the Vietnamese names and title as they are.
    for (const [language, label] of [
      ['zh', '档案编号'],
      ['ja', '書類番号'],
      ['ko', '서류 번호'],
    ] as const) {
      const translated = await pdfText(
        (await app.inject({ url: body.form01Url, headers: { 'accept-language': language } })).rawPayload,
      );
      expect(translated, language).toContain(label);
      expect(translated, language).toContain(p.name);
      expect(translated, language).toContain('Bảo hiểm xã hội Thành phố Hà Nội');
      expect(translated, language).toContain('TỜ KHAI ĐĂNG KÝ SỬ DỤNG');
    }
  }, 30_000);

  it('is idempotent: a retried or concurrent submit with the same key gives the same dossier', async () => {
    const p = await person();
    const key = newKey();
    const [a, b, c] = await Promise.all([submit(form(p), key), submit(form(p), key), submit(form(p), key)]);
    const codes = [a, b, c].map((r) => r.statusCode).sort();
    expect(codes).toEqual([200, 200, 201]);
    const numbers = new Set([a, b, c].map((r) => r.json<{ number: string }>().number));
    expect(numbers.size).toBe(1);
    const again = await submit(form(p), key);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual(
      a.statusCode === 201 ? a.json() : b.statusCode === 201 ? b.json() : c.json(),
    );
    const rows = await app.database.db
      .selectFrom('dossiers')
      .select('number')
      .where('bhxh_code', '=', p.code)
      .execute();
    expect(rows).toHaveLength(1);
    // A different key for the same person: refused, the pending dossier named.
    const other = await submit(form(p));
    expect(other.statusCode).toBe(409);
    expect(other.json<{ code: string; errors: { field: string }[] }>()).toMatchObject({
      code: 'dossier_pending',
      errors: [{ field: 'bhxhCode' }],
    });
    // The same key for someone else: refused.
    const q = await person();
    expect((await submit(form(q), key)).statusCode).toBe(422);
  }, 30_000);

  it('requires the Idempotency-Key header', async () => {
    const p = await person();
    const res = await app.inject({ method: 'POST', url: '/api/v1/registrations', payload: form(p) });
    expect(res.statusCode).toBe(400);
    expect(JSON.stringify(res.json())).toContain('idempotency-key');
  });

  it('checks the code, the name, accounts, the commune, the email choice and the form schema, per field', async () => {
    const p = await person();
    const unknown = await submit(form({ ...p, code: '0199999999' }));
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json()).toMatchObject({ code: 'person_not_found', errors: [{ field: 'bhxhCode' }] });

    const wrongName = await submit(form({ ...p, name: 'Trần Văn Bình' }), newKey(), {
      'accept-language': 'en',
    });
    expect(wrongName.statusCode).toBe(422);
    expect(wrongName.json()).toMatchObject({ code: 'name_mismatch', errors: [{ field: 'fullName' }] });
    expect(wrongName.json<{ errors: { message: string }[] }>().errors[0]?.message).toContain(
      'does not belong',
    );

    // Case, tones and spaces do not count in the name comparison.
    const sloppy = await submit(form({ ...p, name: p.name.toUpperCase().replace(' ', '  ') }));
    expect(sloppy.statusCode).toBe(201);

    const q = await person();
    await signInAs(app, { role: 'citizen', bhxhCode: q.code });
    const active = await submit(form(q));
    expect(active.statusCode).toBe(409);
    expect(active.json()).toMatchObject({ code: 'account_exists' });

    const r = await person();
    const badCommune = await submit(
      form(r, { address: { provinceCode: '79', communeCode: '00004', line: '1 Lê Lợi' } }),
    );
    expect(badCommune.statusCode).toBe(422);
    expect(badCommune.json()).toMatchObject({ errors: [{ field: 'address.communeCode' }] });
    const noEmail = await submit(form(r, { emailDeclaration: true }));
    expect(noEmail.json()).toMatchObject({ errors: [{ field: 'email' }] });
    const schema = await submit(form(r, { phone: '12345', commitment: false }));
    expect(schema.statusCode).toBe(400);
    const fields = schema.json<{ errors: { field: string }[] }>().errors.map((e) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['phone', 'commitment']));
    const agency = await submit(form(r, { agencyCode: 'ZZ99' }));
    expect(agency.json()).toMatchObject({ code: 'agency_not_found', errors: [{ field: 'agencyCode' }] });
  }, 30_000);

  it('refuses prototype poisoning and broken JSON in the 1 MB bodies as every other route does', async () => {
    const p = await person();
    const valid = JSON.stringify(
      form(p, { photos: { portrait: 'QUJD', id_front: 'QUJD', id_back: 'QUJD' } }),
    );
    const post = (payload: string) =>
      app.inject({
        method: 'POST',
        url: '/api/v1/registrations',
        headers: { 'idempotency-key': newKey(), 'content-type': 'application/json', 'accept-language': 'en' },
        payload,
      });
    const poisoned = [
      '"address":{"__proto__":{"isAdmin":true},',
      '"address":{"\\u005f_proto__":{"isAdmin":true},',
      '"address":{"constructor":{"prototype":{"isAdmin":true}},',
    ].map((inner) => valid.replace('"address":{', inner));
    for (const payload of [...poisoned, '{"bhxhCode":', '']) {
      expect(payload).not.toBe(valid);
      const res = await post(payload);
      expect(res.statusCode, payload.slice(0, 80)).toBe(400);
      expect(res.json()).toMatchObject({
        code: 'malformed_json',
        title: 'The request body is not valid JSON.',
      });
    }
    // The same body without the poison is parsed, and refused for its photos only.
    const plain = await post(valid);
    expect(plain.statusCode).toBe(422);
    expect(plain.json<{ errors: { field: string }[] }>().errors.map((e) => e.field)).toEqual([
      'photos.portrait',
      'photos.id_front',
      'photos.id_back',
    ]);
    expect(
      await app.database.db.selectFrom('dossiers').select('id').where('bhxh_code', '=', p.code).execute(),
    ).toEqual([]);
  }, 30_000);

  it('checks photos by content and size, not by name', async () => {
    const p = await person();
    const text = Buffer.from('GIF89a this is not a picture at all').toString('base64');
    const fakeJpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(400, 7)]).toString(
      'base64',
    );
    const small = await photo(5, 80);
    const res = await submit(form(p, { photos: { portrait: text, id_front: fakeJpeg, id_back: small } }));
    expect(res.statusCode).toBe(422);
    const errors = res.json<{ errors: { field: string; code: string }[] }>().errors;
    expect(errors).toEqual([
      expect.objectContaining({ field: 'photos.portrait', code: 'unsupported' }),
      expect.objectContaining({ field: 'photos.id_front', code: 'unreadable' }),
      expect.objectContaining({ field: 'photos.id_back', code: 'too_small' }),
    ]);
    const big = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), Buffer.alloc(2 * 1024 * 1024 + 10)]).toString(
      'base64',
    );
    const tooBig = await submit(form(p, { photos: { ...photos, portrait: big } }));
    expect(tooBig.json()).toMatchObject({ errors: [{ field: 'photos.portrait', code: 'too_large' }] });
    // Not base64 (a character outside the alphabet; missing padding), named per field.
    const notBase64 = await submit(
      form(p, {
        photos: {
          ...photos,
          portrait: `${photos.portrait.slice(0, 8)}*${photos.portrait.slice(9)}`,
          id_back: 'QUJDRA',
        },
      }),
    );
    expect(notBase64.statusCode).toBe(400);
    expect(notBase64.json<{ errors: { field: string; code: string }[] }>().errors).toEqual([
      expect.objectContaining({ field: 'photos.portrait', code: 'invalid_format' }),
      expect.objectContaining({ field: 'photos.id_back', code: 'invalid_format' }),
    ]);
    expect(
      await app.database.db.selectFrom('dossiers').select('id').where('bhxh_code', '=', p.code).execute(),
    ).toEqual([]);
  }, 30_000);

  it('stores a population-registry mismatch with the differing fields, for the person and the officer', async () => {
    const p = await person();
    const res = await submit(form(p, { dateOfBirth: '1991-05-17', gender: 'male' }));
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      registryCheck: { outcome: 'mismatch', fields: ['dateOfBirth', 'gender'] },
    });
    const q = await person();
    const unknown = await submit(form(q, { idNumber: '001099999999' }));
    expect(unknown.json()).toMatchObject({ registryCheck: { outcome: 'not_found' } });
  });
});

describe('the dossier state machine', () => {
  it('folds the log, refuses disallowed actions with the status and the allowed actions, and caches the status', async () => {
    const p = await person();
    const number = (await submit(form(p))).json<{ number: string }>().number;
    const dossier = await getDossier(app.database.db, { number });
    if (!dossier) throw new Error('no dossier');
    const officer = { type: 'officer' as const, id: '1' };
    await expect(
      app.database.db.transaction().execute((trx) => appendAction(trx, dossier, 'approve', officer)),
    ).rejects.toMatchObject({
      status: 409,
      code: 'action_not_allowed',
      extensions: { currentStatus: 'submitted', allowed: 'record_paper,reject,expire,withdraw,redirect' },
    });
    await app.database.db.transaction().execute((trx) => appendAction(trx, dossier, 'record_paper', officer));
    const approved = await app.database.db
      .transaction()
      .execute((trx) => appendAction(trx, dossier, 'approve', officer, { details: { note: 'ok' } }));
    expect(approved.dossier.status).toBe('approved');
    expect(approved.action.seq).toBe(3);
    await expect(
      app.database.db
        .transaction()
        .execute((trx) => appendAction(trx, dossier, 'reject', officer, { reasonCode: 'other' })),
    ).rejects.toMatchObject({
      code: 'action_not_allowed',
      extensions: { currentStatus: 'approved', allowed: '' },
    });
    const after = await getDossier(app.database.db, { number });
    expect(after?.actions.map((a) => [a.seq, a.action])).toEqual([
      [1, 'submit'],
      [2, 'record_paper'],
      [3, 'approve'],
    ]);
    expect(after?.status).toBe('approved');
  });
});

describe('expiry and messages', () => {
  it('expires submitted dossiers after 10 days once, with an SMS, and leaves the others', async () => {
    const p = await person({ phone: '0987000111' });
    const q = await person();
    const a = (await submit(form(p, { phone: '0987000111' }))).json<{ number: string }>().number;
    const b = (await submit(form(q, { phone: '0987000222' }))).json<{ number: string }>().number;
    const bd = await getDossier(app.database.db, { number: b });
    if (!bd) throw new Error('no dossier');
    await app.database.db
      .transaction()
      .execute((trx) => appendAction(trx, bd, 'record_paper', { type: 'officer', id: '1' }));

    expect(await app.dossierExpiry.runOnce(new Date(Date.now() + 9 * 86_400_000))).toEqual({ expired: 0 });
    const later = new Date(Date.now() + 10 * 86_400_000 + 60_000);
    const first = await app.dossierExpiry.runOnce(later);
    expect(first.expired).toBeGreaterThanOrEqual(1);
    expect(await app.dossierExpiry.runOnce(later)).toEqual({ expired: 0 });
    expect((await getDossier(app.database.db, { number: a }))?.status).toBe('expired');
    expect((await getDossier(app.database.db, { number: b }))?.status).toBe('paper_received');
    const sms = await app.database.db
      .selectFrom('outbox')
      .selectAll()
      .where('template', '=', 'registration.sms.expired')
      .where('recipient', '=', '0987000111')
      .execute();
    expect(sms).toHaveLength(1);
    expect((sms[0]?.payload as { text: string }).text).toContain(a);
    // Expired: a new registration is possible again.
    expect((await submit(form(p, { phone: '0987000111' }))).statusCode).toBe(201);
  });

  it('emails the declaration PDF through a real SMTP server, exactly once across a restart', async () => {
    const p = await person();
    const res = await submit(form(p, { email: 'nhung@example.vn', emailDeclaration: true }));
    expect(res.statusCode).toBe(201);
    const number = res.json<{ number: string }>().number;
    // "Crash" after the commit: a second app on the same database delivers the queued messages.
    const restarted = await buildApp(testConfig({ DEV_INBOX: 'true', SMTP_URL: smtp.url }), { database });
    try {
      await restarted.outbox.runOnce();
      await restarted.outbox.runOnce();
    } finally {
      await restarted.close();
    }
    await app.outbox.runOnce();
    const mails = smtp.mails.filter((m) => m.to.includes('nhung@example.vn'));
    expect(mails).toHaveLength(1);
    const raw = mails[0]?.raw ?? '';
    expect(raw).toContain('application/pdf');
    expect(raw).toContain(`${number}.pdf`);
    const delivered = await app.database.db
      .selectFrom('outbox')
      .select(['delivered_at', 'attempts'])
      .where('idempotency_key', 'like', `registration.submitted:%:email`)
      .where('recipient', '=', 'nhung@example.vn')
      .execute();
    expect(delivered).toHaveLength(1);
    expect(delivered[0]?.delivered_at).not.toBeNull();
  }, 30_000);
});

describe('registering a child', () => {
  it('lets a guardian register their minor child, with an SMS holding the declaration link', async () => {
    const parent = await person();
    const guardian = await signInAs(app, { role: 'citizen', bhxhCode: parent.code, phone: '0933000111' });
    const child = await person({ name: 'Lê Minh Khôi', birth: '2016-03-02', guardian: parent.code });
    const adult = await person({ name: 'Lê Minh Đức', birth: '2000-03-02', guardian: parent.code });
    const stranger = await person({ name: 'Phạm Gia Hân', birth: '2017-01-01' });
    const childPhotos = { portrait: photos.portrait, birth_certificate: photos.id_front };
    const body = (code: string, name: string) => ({
      childBhxhCode: code,
      childFullName: name,
      agencyCode: AGENCY,
      delivery: 'post',
      commitment: true,
      photos: childPhotos,
    });
    const post = (payload: object, headers: Record<string, string> = guardian.headers) =>
      app.inject({
        method: 'POST',
        url: '/api/v1/me/children/registrations',
        headers: { ...headers, 'idempotency-key': newKey() },
        payload,
      });

    expect((await post(body(child.code, child.name), {})).statusCode).toBe(401);
    expect((await post(body(stranger.code, stranger.name))).json()).toMatchObject({
      code: 'not_guardian',
      errors: [{ field: 'childBhxhCode' }],
    });
    expect((await post(body(adult.code, adult.name))).json()).toMatchObject({ code: 'child_not_minor' });
    expect(
      (await post({ ...body(child.code, child.name), photos: { portrait: photos.portrait } })).statusCode,
    ).toBe(400);

    const res = await post(body(child.code, child.name));
    expect(res.statusCode).toBe(201);
    const result = res.json<{ number: string; kind: string; form01Url: string }>();
    expect(result.kind).toBe('child');
    const sms = await app.database.db
      .selectFrom('outbox')
      .selectAll()
      .where('template', '=', 'registration.sms.child')
      .where('recipient', '=', '0933000111')
      .execute();
    expect(sms).toHaveLength(1);
    expect((sms[0]?.payload as { text: string }).text).toContain(result.form01Url);

    // The guardian lists it and reads the declaration while signed in (no token needed).
    const mine = await app.inject({ url: '/api/v1/me/registrations', headers: guardian.headers });
    expect(mine.json<{ items: { number: string; fullName: string }[] }>().items).toEqual(
      expect.arrayContaining([expect.objectContaining({ number: result.number, fullName: 'Lê Minh Khôi' })]),
    );
    const pdf = await app.inject({
      url: `/api/v1/registrations/${result.number}/form01.pdf`,
      headers: guardian.headers,
    });
    expect(pdf.statusCode).toBe(200);
    const text = await pdfText(pdf.rawPayload);
    expect(text).toContain('Lê Minh Khôi');
    expect(text).toContain(parent.name);
    // Someone else signed in: 404.
    const other = await signInAs(app, { role: 'citizen', bhxhCode: stranger.code });
    expect(
      (await app.inject({ url: `/api/v1/registrations/${result.number}/form01.pdf`, headers: other.headers }))
        .statusCode,
    ).toBe(404);
  }, 30_000);

  it("pages the guardian's dossiers newest first with a cursor that survives equal submission times", async () => {
    const parent = await person();
    const guardian = await signInAs(app, { role: 'citizen', bhxhCode: parent.code, phone: '0933000222' });
    const children = [
      await person({ name: 'Đỗ Gia Bảo', birth: '2015-01-01', guardian: parent.code }),
      await person({ name: 'Đỗ Gia Linh', birth: '2017-06-01', guardian: parent.code }),
      await person({ name: 'Đỗ Gia Hưng', birth: '2019-09-09', guardian: parent.code }),
    ];
    const numbers: string[] = [];
    for (const child of children) {
      const res = await app.inject({
        method: 'POST',
        url: '/api/v1/me/children/registrations',
        headers: { ...guardian.headers, 'idempotency-key': newKey() },
        payload: {
          childBhxhCode: child.code,
          childFullName: child.name,
          agencyCode: AGENCY,
          delivery: 'counter',
          commitment: true,
          photos: { portrait: photos.portrait, birth_certificate: photos.id_front },
        },
      });
      expect(res.statusCode).toBe(201);
      numbers.push(res.json<{ number: string }>().number);
    }
    type Page = {
      items: { number: string; fullName: string; agency: { name: string } }[];
      nextCursor: string | null;
    };
    const list = async (query: string) => {
      const res = await app.inject({ url: `/api/v1/me/registrations${query}`, headers: guardian.headers });
      expect(res.statusCode).toBe(200);
      return res.json<Page>();
    };
    const walk = async () => {
      const seen: Page['items'] = [];
      let page = await list('?limit=2');
      seen.push(...page.items);
      while (page.nextCursor) {
        expect(page.items).toHaveLength(2);
        page = await list(`?limit=2&cursor=${encodeURIComponent(page.nextCursor)}`);
        seen.push(...page.items);
      }
      return seen;
    };

    // Newest first, each dossier once, with its agency's name.
    const all = await walk();
    expect(all.map((d) => d.number)).toEqual([...numbers].reverse());
    expect(all.map((d) => d.fullName)).toEqual(children.map((c) => c.name).reverse());
    expect(all.every((d) => d.agency.name !== AGENCY)).toBe(true);
    expect((await list('')).items.map((d) => d.number)).toEqual([...numbers].reverse());

    // Three dossiers submitted in the same microsecond: still each once (the id breaks the tie).
    await app.database.db
      .updateTable('dossiers')
      .set({ submitted_at: new Date('2026-03-04T05:06:07.123Z') })
      .where('number', 'in', numbers)
      .execute();
    const tied = await walk();
    expect(tied).toHaveLength(3);
    expect(new Set(tied.map((d) => d.number))).toEqual(new Set(numbers));

    // A cursor this server did not make, and a page too large, name the field.
    for (const cursor of [
      'nonsense',
      Buffer.from('2026-02-30T00:00:00.000000Z|00000000-0000-0000-0000-000000000000').toString('base64url'),
    ]) {
      const bad = await app.inject({
        url: `/api/v1/me/registrations?cursor=${cursor}`,
        headers: guardian.headers,
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.json()).toMatchObject({ errors: [{ field: 'cursor' }] });
    }
    const large = await app.inject({ url: '/api/v1/me/registrations?limit=51', headers: guardian.headers });
    expect(large.statusCode).toBe(400);
    expect(large.json()).toMatchObject({ errors: [{ field: 'limit' }] });
  }, 30_000);
});
