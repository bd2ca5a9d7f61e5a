import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { communes2025 } from '@vssid/domain';
import { buildApp } from '../../app';
import type { DatabaseHandle } from '../../db/database';
import { signInAs } from '../../testing/auth';
import { createTestDatabase, testConfig } from '../../testing/database';
import { solvedProof } from '../../testing/proof';
import { getDossier } from './dossiers';

/**
 * Issue 20, item 1: registration reaches an officer, always. Offered agencies (receiving, with an
 * officer, of the chosen province, nearest first), the check at submission, withdrawal with an
 * OTP (then filing again), and an officer's redirection to another receiving agency.
 */
let database: DatabaseHandle;
let app: FastifyInstance;
let photos: { portrait: string; id_front: string; id_back: string };

const [HN_A, HN_B] = communes2025('01');
const [HCM_A] = communes2025('79');

/** Agencies: the national head office, Hà Nội (province + two local offices, one without an officer above or in it), HCM. */
const AGENCIES = [
  {
    code: 'VN',
    parent_code: null,
    level: 'central',
    province_code: '01',
    commune_code: null,
    lat: 21.0254,
    lng: 105.8477,
  },
  {
    code: '01',
    parent_code: 'VN',
    level: 'province',
    province_code: '01',
    commune_code: HN_A?.code ?? null,
    lat: 21.0,
    lng: 105.8,
  },
  {
    code: '0101',
    parent_code: '01',
    level: 'local',
    province_code: '01',
    commune_code: HN_B?.code ?? null,
    lat: 21.2,
    lng: 105.6,
  },
  {
    code: '0102',
    parent_code: '01',
    level: 'local',
    province_code: '01',
    commune_code: null,
    lat: 20.9,
    lng: 105.9,
  },
  {
    code: '79',
    parent_code: 'VN',
    level: 'province',
    province_code: '79',
    commune_code: HCM_A?.code ?? null,
    lat: 10.77,
    lng: 106.7,
  },
  {
    code: '7901',
    parent_code: '79',
    level: 'local',
    province_code: '79',
    commune_code: null,
    lat: 10.8,
    lng: 106.6,
  },
] as const;

let personSeq = 0;
async function person(phone = '0912000333') {
  personSeq++;
  const code = `01${String(66_000_000 + personSeq).padStart(8, '0')}`;
  const cccd = `001${String(180_000_000 + personSeq).padStart(9, '0')}`;
  const name = `Trần Thị Thu Hà ${'ABCDEFGHIJ'[personSeq % 10] ?? ''}`;
  await app.database.db
    .insertInto('persons')
    .values({
      bhxh_code: code,
      full_name: name,
      birth_date: '1991-02-03',
      birth_year: 1991,
      gender: 'female',
      cccd,
      phone,
    })
    .execute();
  return { code, cccd, name, phone };
}

const form = (p: Awaited<ReturnType<typeof person>>, agencyCode: string) => ({
  bhxhCode: p.code,
  fullName: p.name,
  idNumber: p.cccd,
  dateOfBirth: '1991-02-03',
  gender: 'female',
  address: { provinceCode: '01', communeCode: HN_A?.code ?? '', line: '5 phố Tràng Tiền' },
  phone: p.phone,
  agencyCode,
  delivery: 'counter',
  acceptTerms: true,
  commitment: true,
  photos,
});

let keySeq = 0;
const submit = async (body: object, language = 'vi') =>
  app.inject({
    method: 'POST',
    url: '/api/v1/registrations',
    headers: { 'idempotency-key': `receiving-${Date.now()}-${++keySeq}`, 'accept-language': language },
    payload: { ...(await solvedProof(app)), ...body },
  });

const offered = async (query: string) => {
  const res = await app.inject({ url: `/api/v1/registrations/agencies?${query}` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{
    origin: string;
    items: { code: string; distanceKm: number | null; suggested: boolean }[];
  }>();
};

/** The outbox messages of a template to `phone`, newest first. */
/** The newest dossier of `code` (a self registration's answer does not name it: #22 item 1). */
const newestDossier = async (code: string) =>
  (
    await app.database.db
      .selectFrom('dossiers')
      .select('number')
      .where('bhxh_code', '=', code)
      .orderBy('submitted_at', 'desc')
      .executeTakeFirstOrThrow()
  ).number;

const messagesTo = (phone: string, template: string) =>
  app.database.db
    .selectFrom('outbox')
    .select('payload')
    .where('recipient', '=', phone)
    .where('template', '=', template)
    .orderBy('created_at', 'desc')
    .execute();
const textOf = (row: { payload: unknown } | undefined) =>
  (row?.payload as { text?: string } | undefined)?.text ?? '';

/** The newest OTP code sent to `phone`. */
async function otpSentTo(phone: string): Promise<string> {
  return /\b(\d{6})\b/.exec(textOf((await messagesTo(phone, 'otp.dossier_withdrawal'))[0]))?.[1] ?? '';
}

beforeAll(async () => {
  database = await createTestDatabase();
  app = await buildApp(testConfig({}), { database });
  for (const a of AGENCIES)
    await app.database.db
      .insertInto('bhxh_agencies')
      .values({
        code: a.code,
        parent_code: a.parent_code,
        level: a.level,
        name: `Bảo hiểm xã hội ${a.code}`,
        address: `Trụ sở ${a.code}`,
        province_code: a.province_code,
        commune_code: a.commune_code,
        latitude: a.lat,
        longitude: a.lng,
        // The national head office does not receive, as the catalog and migration 0013 say.
        receives_dossiers: a.level !== 'central',
      })
      .execute();
  const jpeg = async (r: number) =>
    (
      await sharp({ create: { width: 400, height: 300, channels: 3, background: { r, g: 80, b: 150 } } })
        .jpeg()
        .toBuffer()
    ).toString('base64');
  photos = { portrait: await jpeg(20), id_front: await jpeg(90), id_back: await jpeg(160) };
}, 60_000);
afterAll(async () => {
  await app.close();
  await database.close();
});

describe('the agencies offered to citizens', () => {
  it('lists only agencies that receive and that an active officer can see, of the chosen province', async () => {
    // No officer anywhere: nothing is offered, even the province's own offices.
    expect((await offered('province=01')).items).toEqual([]);
    // An officer of the national office would see every queue, but the national office itself is never offered.
    const national = await signInAs(app, { role: 'officer', agencyCode: 'VN', username: 'canbo.vn' });
    expect((await offered('province=01')).items.map((a) => a.code)).toEqual(['01', '0101', '0102']);
    await app.database.db
      .updateTable('accounts')
      .set({ status: 'disabled' })
      .where('id', '=', national.principal.accountId)
      .execute();
    // An officer of a local office covers that office only; of the province, the province and its offices.
    await signInAs(app, { role: 'officer', agencyCode: '0101', username: 'canbo.0101' });
    expect((await offered('province=01')).items.map((a) => a.code)).toEqual(['0101']);
    await signInAs(app, { role: 'officer', agencyCode: '01', username: 'canbo.01' });
    await signInAs(app, { role: 'officer', agencyCode: '79', username: 'canbo.79' });
    const hanoi = await offered('province=01');
    expect(hanoi.origin).toBe('none');
    expect(hanoi.items.map((a) => a.code)).toEqual(['01', '0101', '0102']);
    expect(hanoi.items.every((a) => !a.suggested)).toBe(true);
    // An agency that stops receiving leaves the list at once.
    await app.database.db
      .updateTable('bhxh_agencies')
      .set({ receives_dossiers: false })
      .where('code', '=', '0102')
      .execute();
    expect((await offered('province=01')).items.map((a) => a.code)).toEqual(['01', '0101']);
    await app.database.db
      .updateTable('bhxh_agencies')
      .set({ receives_dossiers: true })
      .where('code', '=', '0102')
      .execute();
  });

  it("puts the nearest first from the device's position, else from the commune, never leaving the province", async () => {
    // A position in Hồ Chí Minh City with Hà Nội chosen: still Hà Nội's offices only.
    const far = await offered('province=01&lat=10.8&lng=106.6');
    expect(far.items.map((a) => a.code).sort()).toEqual(['01', '0101', '0102']);
    const byPosition = await offered('province=01&lat=20.91&lng=105.91');
    expect(byPosition.origin).toBe('position');
    expect(byPosition.items[0]).toMatchObject({ code: '0102', suggested: true });
    expect(byPosition.items[0]?.distanceKm).toBeLessThan(2);
    const distances = byPosition.items.map((a) => a.distanceKm ?? Infinity);
    expect([...distances].sort((a, b) => a - b)).toEqual(distances);
    // Without a position: the chosen commune (the office placed in it comes first).
    const byCommune = await offered(`province=01&commune=${HN_B?.code ?? ''}`);
    expect(byCommune.origin).toBe('commune');
    expect(byCommune.items[0]).toMatchObject({ code: '0101', suggested: true });
    // A commune of another province is no origin for this one.
    expect((await offered(`province=01&commune=${HCM_A?.code ?? ''}`)).origin).toBe('none');
  });

  it('refuses a half position and an unknown province with 400 naming the field', async () => {
    const res = await app.inject({ url: '/api/v1/registrations/agencies?province=01&lat=21' });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ errors: [{ field: 'lng' }] });
    const unknown = await app.inject({
      url: '/api/v1/registrations/agencies?province=99',
      headers: { 'accept-language': 'en' },
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json()).toMatchObject({
      errors: [
        { field: 'province', code: 'unknown_unit', message: expect.stringMatching(/province/i) as unknown },
      ],
    });
  });
});

describe('filing to an agency', () => {
  it('refuses the national head office and an agency no officer can see with a translated 422 on agencyCode', async () => {
    const p = await person();
    const vn = await submit(form(p, 'VN'), 'en');
    expect(vn.statusCode).toBe(422);
    expect(vn.json()).toMatchObject({
      code: 'agency_not_receiving',
      errors: [
        {
          field: 'agencyCode',
          code: 'not_receiving',
          message: expect.stringMatching(/does not receive/) as unknown,
        },
      ],
    });
    await app.database.db
      .updateTable('accounts')
      .set({ status: 'disabled' })
      .where('username', '=', 'canbo.79')
      .execute();
    const uncovered = await submit(form(p, '7901'));
    expect(uncovered.statusCode).toBe(422);
    expect(uncovered.json()).toMatchObject({
      code: 'agency_not_receiving',
      errors: [{ field: 'agencyCode' }],
    });
    expect(
      await app.database.db.selectFrom('dossiers').select('number').where('bhxh_code', '=', p.code).execute(),
    ).toEqual([]);
    await app.database.db
      .updateTable('accounts')
      .set({ status: 'active' })
      .where('username', '=', 'canbo.79')
      .execute();
  });
});

describe('withdrawing a pending dossier', () => {
  it('takes an OTP sent to the dossier phone, logs the withdrawal, answers a replay the same, and frees the person to file again', async () => {
    const p = await person('0912000444');
    const first = await submit(form(p, '0101'));
    expect(first.statusCode, first.body).toBe(202);
    const number = await newestDossier(p.code);
    // A second submission answers the same; the pending dossier is named by SMS only.
    const again = await submit(form(p, '0101'));
    expect(again.json()).toEqual(first.json());
    expect(textOf((await messagesTo(p.phone, 'registration.sms.stillPending'))[0])).toContain(number);

    const other = await app.inject({
      method: 'POST',
      url: '/api/v1/registrations/withdrawals',
      payload: { bhxhCode: p.code, fullName: 'Người Khác Hẳn' },
    });
    // Another name: the registration's one answer, the same as for a code that does not exist.
    expect(other.statusCode).toBe(422);
    expect(other.json()).toMatchObject({
      code: 'data_mismatch',
      errors: [{ field: 'bhxhCode' }, { field: 'fullName' }],
    });
    const unknown = await app.inject({
      method: 'POST',
      url: '/api/v1/registrations/withdrawals',
      payload: { bhxhCode: '0199000444', fullName: 'Người Khác Hẳn' },
    });
    const strip = (b: Record<string, unknown>) => ({ ...b, requestId: undefined });
    expect(unknown.statusCode).toBe(422);
    expect(strip(unknown.json())).toEqual(strip(other.json()));

    const begin = () =>
      app.inject({
        method: 'POST',
        url: '/api/v1/registrations/withdrawals',
        payload: { bhxhCode: p.code, fullName: p.name.toUpperCase() },
      });
    // A first challenge, superseded by the next one ("send a new code"): its code no longer works.
    const earlier = (await begin()).json<{ challengeId: string }>();
    const earlierCode = await otpSentTo(p.phone);
    const start = await begin();
    expect(start.statusCode, start.body).toBe(200);
    const sent = start.json<{ challengeId: string; destination: string }>();
    expect(sent).toMatchObject({ destination: '09******44' });
    expect(start.body).not.toContain(number);
    const code = await otpSentTo(p.phone);
    expect(code).toMatch(/^\d{6}$/);

    const confirm = (c: string) =>
      app.inject({
        method: 'POST',
        url: '/api/v1/registrations/withdrawals/confirm',
        payload: { bhxhCode: p.code, challengeId: sent.challengeId, code: c },
      });
    const superseded = await app.inject({
      method: 'POST',
      url: '/api/v1/registrations/withdrawals/confirm',
      payload: { bhxhCode: p.code, challengeId: earlier.challengeId, code: earlierCode },
    });
    expect(superseded.statusCode).toBe(410);
    const wrong = await confirm(code === '000000' ? '111111' : '000000');
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json()).toMatchObject({ code: 'otp_invalid' });
    const ok = await confirm(code);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toEqual({ number, status: 'withdrawn' });
    const replay = await confirm(code);
    expect(replay.statusCode).toBe(200);
    expect(replay.json()).toEqual({ number, status: 'withdrawn' });

    const dossier = await getDossier(app.database.db, { number });
    expect(dossier?.actions.map((a) => a.action)).toEqual(['submit', 'withdraw']);
    expect(dossier?.actions[1]?.details).toMatchObject({ challengeId: sent.challengeId });
    const told = await messagesTo(p.phone, 'registration.withdrawn');
    expect(told).toHaveLength(1);
    expect(textOf(told[0])).toContain(number);

    const refiled = await submit(form(p, '01'));
    expect(refiled.statusCode, refiled.body).toBe(202);
    expect(await newestDossier(p.code)).not.toBe(number);
  });
});

describe("an officer's redirection", () => {
  it('moves the dossier to another receiving agency, logs and audits it, tells the person, and refuses what may not receive', async () => {
    const p = await person('0912000555');
    const filed = await submit(form(p, '0101'));
    expect(filed.statusCode, filed.body).toBe(202);
    const number = await newestDossier(p.code);
    const hanoi = await signInAs(app, { role: 'officer', agencyCode: '01', username: 'canbo.01' });
    const hcm = await signInAs(app, { role: 'officer', agencyCode: '79', username: 'canbo.79' });
    const redirect = (headers: { authorization: string }, agencyCode: string) =>
      app.inject({
        method: 'POST',
        url: `/api/v1/officer/dossiers/${encodeURIComponent(number)}/redirect`,
        headers: { ...headers, 'idempotency-key': randomUUID() },
        payload: { agencyCode, reasonText: 'Người đăng ký đã chuyển vào Thành phố Hồ Chí Minh' },
      });
    const queue = async (headers: { authorization: string }) =>
      (await app.inject({ url: '/api/v1/officer/dossiers?limit=100', headers }))
        .json<{ items: { number: string }[] }>()
        .items.map((d) => d.number);

    expect(await queue(hanoi.headers)).toContain(number);
    expect(await queue(hcm.headers)).not.toContain(number);
    // Out of scope: as if unknown.
    expect((await redirect(hcm.headers, '79')).statusCode).toBe(404);
    const toNational = await redirect(hanoi.headers, 'VN');
    expect(toNational.statusCode).toBe(422);
    expect(toNational.json()).toMatchObject({
      code: 'agency_not_receiving',
      errors: [{ field: 'agencyCode' }],
    });
    expect((await redirect(hanoi.headers, '0101')).json()).toMatchObject({ code: 'same_agency' });

    const moved = await redirect(hanoi.headers, '7901');
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json()).toMatchObject({ number, status: 'submitted', agencyCode: '7901' });
    expect(await queue(hanoi.headers)).not.toContain(number);
    expect(await queue(hcm.headers)).toContain(number);

    const dossier = await getDossier(app.database.db, { number });
    expect(dossier?.agency_code).toBe('7901');
    const log = dossier?.actions.at(-1);
    expect(log).toMatchObject({
      action: 'redirect',
      actor_type: 'officer',
      actor_id: hanoi.principal.accountId,
      reason_text: 'Người đăng ký đã chuyển vào Thành phố Hồ Chí Minh',
      details: { from: '0101', to: '7901' },
    });
    const audit = await app.database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'dossier.redirect')
      .where('target_id', '=', number)
      .execute();
    expect(audit).toHaveLength(1);
    expect(textOf((await messagesTo(p.phone, 'registration.redirected'))[0])).toContain(
      'Bảo hiểm xã hội 7901',
    );
    // The new agency's officer works on it as on any other.
    const paper = await app.inject({
      method: 'POST',
      url: `/api/v1/officer/dossiers/${encodeURIComponent(number)}/actions`,
      headers: { ...hcm.headers, 'idempotency-key': randomUUID() },
      payload: { action: 'record_paper' },
    });
    expect(paper.statusCode, paper.body).toBe(200);
  });
});

describe("an agency admin's choice of receiving agencies", () => {
  it('lists the scope with officers and what citizens are offered, changes it (audited), and never lets the national office receive', async () => {
    const admin = await signInAs(app, { role: 'agency_admin', agencyCode: '01', username: 'quantri.01' });
    const list = await app.inject({ url: '/api/v1/admin/agencies', headers: admin.headers });
    expect(list.statusCode).toBe(200);
    const agencies = list.json<{
      agencies: { code: string; receivesDossiers: boolean; officers: number; offered: boolean }[];
    }>().agencies;
    expect(agencies.map((a) => a.code)).toEqual(['01', '0101', '0102']);
    expect(agencies.find((a) => a.code === '01')).toMatchObject({
      receivesDossiers: true,
      officers: 1,
      offered: true,
    });
    expect(agencies.find((a) => a.code === '0102')).toMatchObject({ officers: 0, offered: true });

    const set = (headers: { authorization: string }, code: string, receivesDossiers: boolean) =>
      app.inject({
        method: 'PUT',
        url: `/api/v1/admin/agencies/${code}/receiving`,
        headers: { ...headers, 'accept-language': 'en', 'idempotency-key': randomUUID() },
        payload: { receivesDossiers },
      });
    const off = await set(admin.headers, '0102', false);
    expect(off.statusCode, off.body).toBe(200);
    expect(off.json()).toMatchObject({ code: '0102', receivesDossiers: false, offered: false });
    expect((await offered('province=01')).items.map((a) => a.code)).not.toContain('0102');
    const audit = await app.database.db
      .selectFrom('audit_log')
      .select(['actor_id', 'details'])
      .where('action', '=', 'agency.receiving_changed')
      .where('target_id', '=', '0102')
      .execute();
    expect(audit).toEqual([{ actor_id: admin.principal.accountId, details: { receivesDossiers: false } }]);
    expect((await set(admin.headers, '0102', true)).json()).toMatchObject({
      receivesDossiers: true,
      offered: true,
    });

    // Another province's agency: as if unknown; an officer may not; the national office never receives.
    expect((await set(admin.headers, '79', false)).statusCode).toBe(404);
    const officer = await signInAs(app, { role: 'officer', agencyCode: '01', username: 'canbo.01' });
    expect((await set(officer.headers, '0102', false)).statusCode).toBe(403);
    const national = await signInAs(app, { role: 'agency_admin', agencyCode: 'VN', username: 'quantri.vn' });
    const central = await set(national.headers, 'VN', true);
    expect(central.statusCode).toBe(422);
    expect(central.json()).toMatchObject({
      code: 'central_never_receives',
      errors: [
        { field: 'receivesDossiers', message: expect.stringMatching(/national head office/) as unknown },
      ],
    });
  });
});
