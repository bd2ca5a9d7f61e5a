import type { FastifyInstance } from 'fastify';
import sharp from 'sharp';
import { afterAll, beforeAll } from 'vitest';
import { buildApp } from '../../app';
import type { DatabaseHandle } from '../../db/database';
import { signInAs } from '../../testing/auth';
import { createTestDatabase, testConfig } from '../../testing/database';
import { solvedProof } from '../../testing/proof';
import { startSmtp } from '../../testing/smtp';
import { recordWard } from '../../db/guardian-wards';

/**
 * Tests only: the declared fields of a Form 01 for oneself (everything but the photos) for a
 * person of `persons`, addressed to `agencyCode`.
 */
export function form01Fields(
  p: { code: string; cccd: string; name: string; birth: string },
  agencyCode: string,
): Record<string, unknown> {
  return {
    bhxhCode: p.code,
    fullName: p.name,
    idNumber: p.cccd,
    dateOfBirth: p.birth,
    gender: 'female',
    address: { provinceCode: '01', communeCode: '00004', line: '12 phố Lý Thường Kiệt' },
    phone: '0912345678',
    agencyCode,
    delivery: 'counter',
    acceptTerms: true,
    commitment: true,
  };
}

/**
 * Tests only: the Hà Nội provincial agency that receives the test dossiers, under `code`, with an
 * officer of its own (dossiers go only to an agency whose queue an officer sees: issue 20).
 */
export async function insertHanoiAgency(app: FastifyInstance, code: string): Promise<void> {
  await app.database.db
    .insertInto('bhxh_agencies')
    .values({
      code,
      level: 'province',
      name: 'Bảo hiểm xã hội Thành phố Hà Nội',
      address: '15 Trần Duy Hưng, Phường Yên Hòa, Thành phố Hà Nội',
      province_code: '01',
    })
    .execute();
  await signInAs(app, { role: 'officer', agencyCode: code, username: `canbo.${code}` });
}

/** A JPEG photo of `seed` colour carrying EXIF (camera, GPS-like comment) to be stripped. */
export async function photo(seed: number, size = 400): Promise<string> {
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

export const AGENCY = '0101';
export let database: DatabaseHandle;
/** A real SMTP server on loopback that keeps the raw messages. */
export let smtp: Awaited<ReturnType<typeof startSmtp>>;
export let app: FastifyInstance;
export let photos: { portrait: string; id_front: string; id_back: string };
let personSeq = 0;

/**
 * A person in `persons` and the population registry (CCCD, name, date of birth, gender). An adult
 * has a phone on record unless `phone: null` (where a self registration's outcome is sent).
 */
export async function person(
  options: { name?: string; birth?: string; guardian?: string; phone?: string | null; email?: string } = {},
) {
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
      phone:
        options.phone !== undefined
          ? options.phone
          : options.guardian
            ? null
            : `09${String(80_000_000 + personSeq).padStart(8, '0')}`,
      email: options.email ?? null,
      guardian_bhxh_code: options.guardian ?? null,
    })
    .execute();
  if (options.guardian) await recordWard(app.database.db, options.guardian, code);
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

/** Tests only: the phone on record of a person made by `person()` (without one: null). */
export async function phoneOf(code: string): Promise<string | null> {
  const row = await app.database.db
    .selectFrom('persons')
    .select('phone')
    .where('bhxh_code', '=', code)
    .executeTakeFirst();
  return row?.phone ?? null;
}

/**
 * Tests only: the newest dossier of `code`, as its person learns it from the SMS (a self
 * registration's answer does not name it, issue #22 item 1): number, access token, Form 01 link.
 */
export async function filed(code: string) {
  const row = await app.database.db
    .selectFrom('dossiers')
    .select(['id', 'number', 'status'])
    .where('bhxh_code', '=', code)
    .orderBy('submitted_at', 'desc')
    .executeTakeFirstOrThrow();
  return {
    number: row.number,
    status: row.status,
    accessToken: row.id,
    form01Url: `/api/v1/registrations/${encodeURIComponent(row.number)}/form01.pdf?t=${row.id}`,
  };
}

/** Tests only: the texts of the SMS queued for `phone`, oldest first. */
export async function smsTo(phone: string): Promise<string[]> {
  const rows = await app.database.db
    .selectFrom('outbox')
    .select(['payload'])
    .where('recipient', '=', phone)
    .where('channel', '=', 'sms')
    .orderBy('created_at')
    .execute();
  return rows.map((r) => String((r.payload as { text?: string }).text));
}

export function form(
  p: { code: string; cccd: string; name: string; birth: string },
  extra: Record<string, unknown> = {},
) {
  return { ...form01Fields(p, AGENCY), photos, ...extra };
}

let keySeq = 0;
export const newKey = () => `test-key-${Date.now()}-${++keySeq}`;
/** A self registration, with a solved look-up challenge added to the body (unless it has one). */
export const submit = async (body: unknown, key = newKey(), headers: Record<string, string> = {}) =>
  app.inject({
    method: 'POST',
    url: '/api/v1/registrations',
    headers: { 'idempotency-key': key, ...headers },
    payload: { ...(await solvedProof(app)), ...(body as object) },
  });

/**
 * The registration tests' world, one per test file that calls this at its top: an app on a fresh
 * database with the development inbox and a real SMTP server, the Hà Nội agency, three photos.
 * Its parts are exported as live bindings (`app`, `database`, `smtp`, `photos`), set by beforeAll.
 */
export function useRegistrationWorld(): void {
  beforeAll(async () => {
    database = await createTestDatabase();
    smtp = await startSmtp();
    app = await buildApp(testConfig({ DEMO: 'true', DEV_INBOX: 'true', SMTP_URL: smtp.url }), { database });
    await insertHanoiAgency(app, AGENCY);
    photos = { portrait: await photo(10), id_front: await photo(60), id_back: await photo(120) };
  }, 60_000);
  afterAll(async () => {
    await app.close();
    await smtp.close();
    await database.close();
  });
}
