import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildApp } from '../../app';
import type { DatabaseHandle } from '../../db/database';
import { createTestDatabase, testConfig } from '../../testing/database';
import { solvedProof } from '../../testing/proof';
import { pdfText } from '../../testing/pdf';
import { form01Fields, insertHanoiAgency } from './test-fixtures';

/**
 * #21 item 7: photos as multipart/form-data parts, and the Form 01 PDF rendered once after the
 * submit commits, stored, and served from storage on every download.
 */
const AGENCY = '0101';
let database: DatabaseHandle;
let app: FastifyInstance;
let jpeg: Buffer;
let seq = 0;

async function person() {
  seq++;
  const code = `01${String(78_000_000 + seq).padStart(8, '0')}`;
  const cccd = `001${String(191_000_000 + seq).padStart(9, '0')}`;
  const name = `Đặng Thu Trang ${'ABCDEFGHIJ'[seq % 10] ?? ''}`;
  await app.database.db
    .insertInto('persons')
    .values({
      bhxh_code: code,
      full_name: name,
      birth_date: '1992-08-09',
      birth_year: 1992,
      gender: 'female',
      cccd,
    })
    .execute();
  return { code, cccd, name };
}

const formOf = (p: { code: string; cccd: string; name: string }) =>
  form01Fields({ ...p, birth: '1992-08-09' }, AGENCY);

/** A multipart/form-data body as a browser's FormData makes it. */
async function multipart(form: string | null, photos: Record<string, Buffer>) {
  const data = new FormData();
  if (form !== null) data.append('form', form);
  for (const [kind, bytes] of Object.entries(photos))
    data.append(kind, new Blob([new Uint8Array(bytes)], { type: 'image/jpeg' }), `${kind}.jpg`);
  const encoded = new Response(data);
  return {
    payload: Buffer.from(await encoded.arrayBuffer()),
    type: encoded.headers.get('content-type') ?? '',
  };
}

let keySeq = 0;
async function submit(form: string | null, photos: Record<string, Buffer>, language = 'vi') {
  // A form that is a JSON object gets a solved look-up challenge, as the web app adds it.
  let withProof = form;
  try {
    const parsed: unknown = form === null ? null : JSON.parse(form);
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed))
      withProof = JSON.stringify({ ...(await solvedProof(app)), ...parsed });
  } catch {
    // not JSON: sent as it is
  }
  const { payload, type } = await multipart(withProof, photos);
  return app.inject({
    method: 'POST',
    url: '/api/v1/registrations',
    headers: {
      'content-type': type,
      'idempotency-key': `multipart-${++keySeq}-${Date.now()}`,
      'accept-language': language,
    },
    payload,
  });
}

const three = () => ({ portrait: jpeg, id_front: jpeg, id_back: jpeg });
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const pdfRows = (number: string) =>
  app.database.db
    .selectFrom('dossier_pdfs')
    .innerJoin('dossiers', (j) =>
      j
        .onRef('dossiers.id', '=', 'dossier_pdfs.dossier_id')
        .onRef('dossiers.bhxh_code', '=', 'dossier_pdfs.bhxh_code'),
    )
    .select(['dossier_pdfs.language', 'dossier_pdfs.sha256'])
    .where('dossiers.number', '=', number)
    .orderBy('dossier_pdfs.language')
    .execute();

/**
 * The dossier a self registration made for `code`, as the SMS gives it (the answer does not name
 * it: #22 item 1), once its Form 01 PDF is stored (rendered after the answer, in the background).
 */
async function filedOf(code: string) {
  const row = await app.database.db
    .selectFrom('dossiers')
    .select(['id', 'number'])
    .where('bhxh_code', '=', code)
    .executeTakeFirstOrThrow();
  await vi.waitFor(async () => {
    expect((await pdfRows(row.number)).map((r) => r.language)).toContain('vi');
  });
  return { number: row.number, form01Url: `/api/v1/registrations/${row.number}/form01.pdf?t=${row.id}` };
}

beforeAll(async () => {
  database = await createTestDatabase();
  app = await buildApp(testConfig(), { database });
  await insertHanoiAgency(app, AGENCY);
  jpeg = await sharp({
    create: { width: 400, height: 300, channels: 3, background: { r: 200, g: 90, b: 40 } },
  })
    .jpeg()
    .withExif({ IFD0: { Make: 'TestCam', ImageDescription: 'GPS 21.0285,105.8542' } })
    .toBuffer();
}, 60_000);
afterAll(async () => {
  await app.close();
  await database.close();
});

describe('Form 01 submitted as multipart/form-data', () => {
  it('creates the dossier with the cleaned photos and stores the PDF once, served as stored', async () => {
    const p = await person();
    const res = await submit(JSON.stringify(formOf(p)), three());
    expect(res.statusCode).toBe(202);
    const result = await filedOf(p.code);
    const files = await app.database.db
      .selectFrom('dossier_files')
      .select(['kind', 'content_type'])
      .where('bhxh_code', '=', p.code)
      .orderBy('kind')
      .execute();
    expect(files.map((f) => f.kind)).toEqual(['id_back', 'id_front', 'portrait']);

    // Stored after the submit answered: the download is the stored file.
    const stored = await pdfRows(result.number);
    expect(stored.map((r) => r.language)).toEqual(['vi']);
    const first = await app.inject({ url: result.form01Url });
    expect(first.statusCode).toBe(200);
    expect(first.headers['content-type']).toBe('application/pdf');
    expect(sha256(first.rawPayload)).toBe(stored[0]?.sha256);
    expect(await pdfText(first.rawPayload)).toContain(p.name);
    // A render writes its creation time into the file: equal bytes mean no second render.
    const second = await app.inject({ url: `${result.form01Url}&download=1` });
    expect(sha256(second.rawPayload)).toBe(stored[0]?.sha256);
  }, 30_000);

  it('renders another language once under concurrent downloads', async () => {
    const p = await person();
    expect((await submit(JSON.stringify(formOf(p)), three())).statusCode).toBe(202);
    const { number, form01Url } = await filedOf(p.code);
    const answers = await Promise.all(
      Array.from({ length: 6 }, () => app.inject({ url: form01Url, headers: { 'accept-language': 'en' } })),
    );
    const rows = await pdfRows(number);
    expect(rows.map((r) => r.language)).toEqual(['en', 'vi']);
    const en = rows.find((r) => r.language === 'en')?.sha256;
    for (const a of answers) {
      expect(a.statusCode).toBe(200);
      expect(sha256(a.rawPayload)).toBe(en);
    }
  }, 30_000);

  it('names the field of a missing, oversized or unreadable photo part, and saves nothing', async () => {
    const p = await person();
    const form = JSON.stringify(formOf(p));
    const missing = await submit(form, { portrait: jpeg, id_front: jpeg });
    expect(missing.statusCode).toBe(400);
    expect(missing.json<{ errors: { field: string }[] }>().errors.map((e) => e.field)).toEqual([
      'photos.id_back',
    ]);

    const huge = Buffer.concat([jpeg, Buffer.alloc(2 * 1024 * 1024)]);
    const tooLarge = await submit(form, { ...three(), portrait: huge });
    expect(tooLarge.statusCode).toBe(422);
    expect(tooLarge.json()).toMatchObject({ errors: [{ field: 'photos.portrait', code: 'too_large' }] });

    const notImage = await submit(form, { ...three(), id_front: Buffer.from('%PDF-1.7 not a photo') }, 'en');
    expect(notImage.statusCode).toBe(422);
    const problem = notImage.json<{ errors: { field: string; code: string; message: string }[] }>();
    expect(problem.errors).toEqual([
      expect.objectContaining({ field: 'photos.id_front', code: 'unsupported' }),
    ]);
    expect(problem.errors[0]?.message).toMatch(/[a-z]/);

    const dossiers = await app.database.db
      .selectFrom('dossiers')
      .select('id')
      .where('bhxh_code', '=', p.code)
      .execute();
    expect(dossiers).toEqual([]);
  }, 30_000);

  it('names the form part when it is missing, not JSON or poisoned, in the caller language', async () => {
    const p = await person();
    for (const form of [null, '{"bhxhCode":', '[1,2]', '{"__proto__":{"x":1}}']) {
      const res = await submit(form, three(), 'en');
      expect(res.statusCode).toBe(400);
      const body = res.json<{ errors: { field: string; message: string }[] }>();
      expect(body.errors).toEqual([expect.objectContaining({ field: 'form' })]);
      expect(body.errors[0]?.message).toContain('JSON');
    }
    // A field of the form part is named as in a JSON body.
    const bad = await submit(JSON.stringify({ ...formOf(p), idNumber: '12' }), three());
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ errors: { field: string }[] }>().errors.map((e) => e.field)).toContain('idNumber');
  }, 30_000);

  it('answers a multipart body it cannot read (no boundary, a broken part) with a 400 problem, not a 500', async () => {
    for (const [url, type, payload] of [
      ['/api/v1/registrations', 'multipart/form-data', '--broken'],
      [
        '/api/v1/registrations',
        'multipart/form-data; boundary=x',
        '--x\r\nContent-Disposition: form-data\r\n\r\n',
      ],
      ['/api/v1/registrations/withdrawals', 'multipart/form-data', '--broken'],
    ] as const) {
      const res = await app.inject({
        method: 'POST',
        url,
        headers: { 'content-type': type, 'idempotency-key': `broken-${++keySeq}` },
        payload,
      });
      expect(res.statusCode, `${url} ${type}`).toBe(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
  });
});
