import sharp from 'sharp';
import { solvedProof } from '../../testing/proof';
import { describe, expect, it } from 'vitest';
import { DOSSIER_NUMBER_PATTERN } from '@vssid/domain';
import { detectImageType } from '../../adapters/images';
import { appendAction, getDossier } from './dossiers';
import { pdfText } from '../../testing/pdf';
import {
  app,
  filed,
  form,
  newKey,
  person,
  phoneOf,
  photo,
  photos,
  smsTo,
  submit,
  useRegistrationWorld,
} from './test-fixtures';

/** Registration for oneself (Form 01) and the dossier's state machine. */
useRegistrationWorld();

describe('registration for oneself', () => {
  it('creates a numbered dossier with a 10-day deadline, clean photos, an SMS and the registry outcome', async () => {
    const p = await person();
    const res = await submit(form(p));
    expect(res.statusCode).toBe(202);
    const phone = (await phoneOf(p.code)) ?? '';
    expect(res.json()).toEqual({ status: 'received', destination: `09******${phone.slice(-2)}` });
    const body = await filed(p.code);
    expect(body.number).toMatch(DOSSIER_NUMBER_PATTERN);
    expect(body.number).toMatch(/\.GD_\d{4}_0101$/);
    expect(body.status).toBe('submitted');
    const row = await getDossier(app.database.db, { number: body.number });
    expect((row?.registry_check as { outcome?: string }).outcome).toBe('match');
    expect((row?.deadline_at.getTime() ?? 0) - (row?.submitted_at.getTime() ?? 0)).toBe(10 * 86_400_000);

    const dossier = await getDossier(app.database.db, { number: body.number });
    expect(dossier?.actions.map((a) => a.action)).toEqual(['submit']);
    expect(dossier?.files.map((f) => f.kind).sort()).toEqual(['id_back', 'id_front', 'portrait']);
    // The SMS goes to the phone on record, not to the one typed in the form, with the number, the
    // deadline and the Form 01 link.
    const mine = (await smsTo(phone)).filter((text) => text.includes(body.number));
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatch(/\d{2}\/\d{2}\/\d{4}/);
    expect(mine[0]).toContain(body.form01Url);
    expect(await smsTo('0912345678')).toEqual([]);

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
    expect([a, b, c].map((r) => r.statusCode)).toEqual([202, 202, 202]);
    expect(new Set([a, b, c].map((r) => r.body)).size).toBe(1);
    const again = await submit(form(p), key);
    expect(again.statusCode).toBe(202);
    expect(again.json()).toEqual(a.json());
    const rows = await app.database.db
      .selectFrom('dossiers')
      .select('number')
      .where('bhxh_code', '=', p.code)
      .execute();
    expect(rows).toHaveLength(1);
    const phone = (await phoneOf(p.code)) ?? '';
    expect(await smsTo(phone)).toHaveLength(1);
    // A different key for the same person: the same answer; the pending dossier named by SMS only.
    const other = await submit(form(p));
    expect(other.statusCode).toBe(202);
    expect(other.json()).toEqual(a.json());
    expect((await smsTo(phone))[1]).toContain(rows[0]?.number);
    // The same key for someone else: refused.
    const q = await person();
    expect((await submit(form(q), key)).statusCode).toBe(422);
  }, 30_000);

  it('needs a solved look-up challenge, single use, and counts against the per-IP limit (#22 item 1)', async () => {
    const p = await person();
    const none = await app.inject({
      method: 'POST',
      url: '/api/v1/registrations',
      headers: { 'idempotency-key': newKey() },
      payload: form(p),
    });
    expect(none.statusCode).toBe(400);
    expect(JSON.stringify(none.json())).toContain('challengeId');
    const proof = await solvedProof(app);
    const first = await submit({ ...form(p), ...proof });
    expect(first.statusCode).toBe(202);
    const reused = await submit({ ...form(await person()), ...proof });
    expect(reused.statusCode).toBe(400);
    expect(reused.json()).toMatchObject({ code: 'challenge_invalid', errors: [{ field: 'challengeId' }] });
  });

  it('requires the Idempotency-Key header', async () => {
    const p = await person();
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/registrations',
      payload: { ...form(p), ...(await solvedProof(app)) },
    });
    expect(res.statusCode).toBe(400);
    expect(JSON.stringify(res.json())).toContain('idempotency-key');
  });

  it('checks the code, the name, accounts, the commune, the email choice and the form schema, per field', async () => {
    const p = await person();
    // An unknown code and a wrong name: one answer, the same status and body (issue #22 item 1).
    const unknown = await submit(form({ ...p, code: '0199999999' }), newKey(), { 'accept-language': 'en' });
    const wrongName = await submit(form({ ...p, name: 'Trần Văn Bình' }), newKey(), {
      'accept-language': 'en',
    });
    expect(unknown.statusCode).toBe(422);
    expect(wrongName.statusCode).toBe(422);
    const strip = (res: typeof unknown) => ({ ...res.json<object>(), requestId: undefined });
    expect(strip(unknown)).toEqual(strip(wrongName));
    expect(wrongName.json()).toMatchObject({
      code: 'data_mismatch',
      errors: [{ field: 'bhxhCode' }, { field: 'fullName' }],
    });
    expect(wrongName.json<{ errors: { message: string }[] }>().errors[0]?.message).toContain(
      'do not match our records',
    );

    // Case, tones and spaces do not count in the name comparison.
    const sloppy = await submit(form({ ...p, name: p.name.toUpperCase().replace(' ', '  ') }));
    expect(sloppy.statusCode).toBe(202);
    expect((await filed(p.code)).status).toBe('submitted');

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
      form(p, {
        photos: { portrait: 'QUJD', id_front: 'QUJD', id_back: 'QUJD' },
        ...(await solvedProof(app)),
      }),
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
    expect(res.statusCode).toBe(202);
    const check = async (code: string) =>
      (await getDossier(app.database.db, { number: (await filed(code)).number }))?.registry_check;
    expect(await check(p.code)).toMatchObject({ outcome: 'mismatch', fields: ['dateOfBirth', 'gender'] });
    const q = await person();
    expect((await submit(form(q, { idNumber: '001099999999' }))).statusCode).toBe(202);
    expect(await check(q.code)).toMatchObject({ outcome: 'not_found' });
  });
});

describe('the dossier state machine', () => {
  it('folds the log, refuses disallowed actions with the status and the allowed actions, and caches the status', async () => {
    const p = await person();
    expect((await submit(form(p))).statusCode).toBe(202);
    const { number } = await filed(p.code);
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
