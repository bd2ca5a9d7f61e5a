import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CLERK,
  CLINIC,
  CLINIC_NAME,
  credentialAndToken,
  type GatewayWorld,
  OK_BIRTH,
  OK_CCCD,
  OK_NAME,
  P,
  startGatewayWorld,
  stopGatewayWorld,
} from './test-fixtures';

/**
 * `POST /api/egw/KQNhanLichSuKCB2024` against a real database: one test per result code, each on
 * the person (or the call) built for it in test-fixtures.ts; then what the person sees.
 */

let world: GatewayWorld | undefined;
let query = '';

beforeAll(async () => {
  world = await startGatewayWorld();
  ({ query } = await credentialAndToken(world));
  const clerk = await world.app.inject({
    method: 'POST',
    url: '/api/v1/clinic/clerks',
    headers: world.clinicAdmin,
    payload: { cccd: CLERK.cccd, fullName: CLERK.name },
  });
  expect(clerk.statusCode).toBe(200);
}, 60_000);
afterAll(() => stopGatewayWorld(world));

interface Answer {
  maKetQua: string;
  ghiChu: string;
  maThe: string | null;
  hoTen: string | null;
  maDKBD: string | null;
  gtTheDen: string | null;
  maTheMoi: string | null;
  tenDKBDMoi: string | null;
  dsLichSuKCB2018: unknown[] | null;
  dsLichSuKT2018: { userKT: string; maLoi: string }[] | null;
}

async function check(
  body: Partial<{ maThe: string; hoTen: string; ngaySinh: string; hoTenCb: string; cccdCb: string }>,
  q = query,
) {
  const res = await world!.app.inject({
    method: 'POST',
    url: `/api/egw/KQNhanLichSuKCB2024?${q}`,
    payload: {
      maThe: P.ok,
      hoTen: OK_NAME,
      ngaySinh: OK_BIRTH,
      hoTenCb: CLERK.name,
      cccdCb: CLERK.cccd,
      ...body,
    },
  });
  expect(res.statusCode).toBe(200);
  return res.json<Answer>();
}

const person = (code: string) =>
  world!.database.db
    .selectFrom('persons')
    .select(['full_name', sql<string>`to_char(birth_date, 'DD/MM/YYYY')`.as('birth')])
    .where('bhxh_code', '=', code)
    .executeTakeFirstOrThrow();

/** A check of this person as they are recorded (name and date of birth right). */
async function checkPerson(code: string, maThe = code) {
  const p = await person(code);
  return check({ maThe, hoTen: p.full_name, ngaySinh: p.birth });
}

describe('result codes', () => {
  it('000: a valid card whose details match, with the card, recent visits and checks', async () => {
    const a = await check({});
    expect(a.maKetQua).toBe('000');
    expect(a.ghiChu).toBe('Thẻ còn giá trị sử dụng, thông tin trùng khớp');
    expect(a).toMatchObject({ maThe: P.ok, hoTen: OK_NAME, maDKBD: '01C54', gtTheDen: '31/12/2026' });
    expect(a.dsLichSuKCB2018).toEqual([]);
  });

  it('000 by the CCCD in the card-code field, and with a birth year only', async () => {
    expect((await check({ maThe: OK_CCCD })).maKetQua).toBe('000');
    const byYear = await check({ ngaySinh: '1980' });
    expect(byYear.maKetQua).toBe('000');
    expect(byYear.dsLichSuKT2018?.[0]).toMatchObject({ maLoi: '000' });
    expect(byYear.dsLichSuKT2018?.[0]?.userKT).toContain(CLINIC_NAME);
  });

  it('001 and 002: cards of the ministries of defence and public security', async () => {
    expect((await checkPerson(P.defence)).maKetQua).toBe('001');
    expect((await checkPerson(P.police)).maKetQua).toBe('002');
  });

  it('003: the old card expired and a new one was issued, with the new card', async () => {
    const a = await checkPerson(P.oldExpired, `GD401${P.oldExpired}`);
    expect(a.maKetQua).toBe('003');
    expect(a.maTheMoi).toBe(P.oldExpired);
    expect(a.tenDKBDMoi).toBe('Trạm Y tế phường Ba Đình');
  });

  it('004: the old card still valid and a new one issued', async () => {
    const a = await checkPerson(P.oldValid, `HC401${P.oldValid}`);
    expect(a.maKetQua).toBe('004');
    expect(a.maTheMoi).toBe(P.oldValid);
  });

  it('010: an expired card', async () => {
    expect((await checkPerson(P.expired)).maKetQua).toBe('010');
  });

  it('050: nobody with that code, and an adult without a card', async () => {
    const a = await check({ maThe: '0199999999' });
    expect(a.maKetQua).toBe('050');
    expect(a.hoTen).toBeNull();
    expect((await check({ maThe: P.adultNoCard, hoTen: 'Lê Văn Bình', ngaySinh: '1970' })).maKetQua).toBe(
      '050',
    );
  });

  it('051, 052, 053: a card number wrong in its object code, its province, its benefit level', async () => {
    expect((await check({ maThe: `HS401${P.ok}` })).maKetQua).toBe('051');
    expect((await check({ maThe: `DN479${P.ok}` })).maKetQua).toBe('052');
    expect((await check({ maThe: `DN301${P.ok}` })).maKetQua).toBe('053');
    expect((await check({ maThe: `DN401${P.ok}` })).maKetQua).not.toBe('000');
  });

  it('054: a clerk the clinic has not registered; 055: a registered CCCD with another name', async () => {
    expect((await check({ cccdCb: '001085999999' })).maKetQua).toBe('054');
    expect((await check({ hoTenCb: 'Nguyễn Văn Khác' })).maKetQua).toBe('055');
  });

  it('060: a wrong name; 061: wrong but with the same first letters', async () => {
    const wrong = await check({ hoTen: 'Trần Thị Bình' });
    expect(wrong.maKetQua).toBe('060');
    expect(wrong.maThe).toBeNull();
    expect((await check({ hoTen: 'Nguyễn Văn Anh' })).maKetQua).toBe('061');
  });

  it('070: a wrong date of birth', async () => {
    expect((await check({ ngaySinh: '13/05/1980' })).maKetQua).toBe('070');
  });

  it('100: a replaced card whose new card is missing from the data', async () => {
    expect((await checkPerson(P.broken)).maKetQua).toBe('100');
  });

  it('101: the gateway failing itself answers 101, never a 500', async () => {
    const db = world!.database.db;
    await sql`ALTER TABLE clinic_card_checks RENAME TO clinic_card_checks_away`.execute(db);
    try {
      expect((await check({})).maKetQua).toBe('101');
    } finally {
      await sql`ALTER TABLE clinic_card_checks_away RENAME TO clinic_card_checks`.execute(db);
    }
  });

  it('110: a revoked card', async () => {
    expect((await checkPerson(P.revoked)).maKetQua).toBe('110');
  });

  it('120–124: cards reported reduced, by reason', async () => {
    expect((await checkPerson(P.outOfProvince)).maKetQua).toBe('120');
    expect((await checkPerson(P.inProvince)).maKetQua).toBe('121');
    expect((await checkPerson(P.readded)).maKetQua).toBe('122');
    expect((await checkPerson(P.reducedOther)).maKetQua).toBe('123');
    expect((await checkPerson(P.stopped)).maKetQua).toBe('124');
  });

  it('130: a child under 6 without a card', async () => {
    expect((await checkPerson(P.child)).maKetQua).toBe('130');
  });

  it('205: parameters in a wrong format, naming the parameter', async () => {
    const a = await check({ maThe: 'ABC' });
    expect(a.maKetQua).toBe('205');
    expect(a.ghiChu).toContain('maThe');
    expect((await check({ ngaySinh: '31/02/1980' })).maKetQua).toBe('205');
    expect((await check({ cccdCb: '12345' })).maKetQua).toBe('205');
  });

  it('401: no token, a forged token, or a token of a rotated credential', async () => {
    expect((await check({}, '')).maKetQua).toBe('401');
    expect((await check({}, 'token=eyJhbGciOiJIUzI1NiJ9.e30.x')).maKetQua).toBe('401');
    const before = query;
    ({ query } = await credentialAndToken(world!));
    expect((await check({}, before)).maKetQua).toBe('401');
    expect((await check({})).maKetQua).toBe('000');
  });
});

describe('the gateway around the check', () => {
  it('token/take answers 401 in maKetQua for a wrong password, and accepts the MD5 of the right one', async () => {
    const { credential } = await credentialAndToken(world!);
    const wrong = await world!.app.inject({
      method: 'POST',
      url: '/api/token/take',
      payload: { username: credential.username, password: 'sai-mat-khau' },
    });
    expect(wrong.json()).toEqual({ maKetQua: '401', APIKey: null });
    const { createHash } = await import('node:crypto');
    const md5 = createHash('md5').update(credential.password).digest('hex');
    const right = await world!.app.inject({
      method: 'POST',
      url: '/api/token/take',
      payload: { username: credential.username, password: md5 },
    });
    expect(right.json<{ maKetQua: string }>().maKetQua).toBe('200');
    ({ query } = {
      query: `token=${right.json<{ APIKey: { access_token: string } }>().APIKey.access_token}`,
    });
  });

  it("an agency admin of another province cannot issue this clinic's credential (404)", async () => {
    const res = await world!.app.inject({
      method: 'POST',
      url: `/api/v1/agency/clinics/${CLINIC}/gateway-credential`,
      headers: world!.agency79,
    });
    expect(res.statusCode).toBe(404);
  });

  it('a removed clerk is refused (054) and may be registered again', async () => {
    const removed = await world!.app.inject({
      method: 'DELETE',
      url: `/api/v1/clinic/clerks/${CLERK.cccd}`,
      headers: world!.clinicAdmin,
    });
    expect(removed.statusCode).toBe(204);
    expect((await check({})).maKetQua).toBe('054');
    await world!.app.inject({
      method: 'POST',
      url: '/api/v1/clinic/clerks',
      headers: world!.clinicAdmin,
      payload: { cccd: CLERK.cccd, fullName: CLERK.name },
    });
    const list = await world!.app.inject({
      method: 'GET',
      url: '/api/v1/clinic/clerks',
      headers: world!.clinicAdmin,
    });
    expect(list.json()).toMatchObject({ clerks: [{ cccd: CLERK.cccd, fullName: CLERK.name }] });
  });

  it('a bad clerk registration is a 400 naming the field', async () => {
    const res = await world!.app.inject({
      method: 'POST',
      url: '/api/v1/clinic/clerks',
      headers: world!.clinicAdmin,
      payload: { cccd: '123', fullName: 'Ai Đó' },
    });
    expect(res.statusCode).toBe(400);
    expect(JSON.stringify(res.json())).toContain('cccd');
  });

  it('the person sees the check under "who viewed my data", with the clinic\'s name and the clerk', async () => {
    const res = await world!.app.inject({
      method: 'GET',
      url: '/api/v1/me/data-access',
      headers: world!.citizen,
    });
    expect(res.statusCode).toBe(200);
    const items = res.json<{
      items: {
        action: string;
        at: string;
        actorName: string | null;
        organization: { name: string | null } | null;
      }[];
    }>().items;
    const seen = items.find((i) => i.action === 'records.card_check.read');
    expect(seen).toMatchObject({
      actorName: CLERK.name,
      organization: { kind: 'clinic', code: CLINIC, name: CLINIC_NAME },
    });
    // The entry's time is the database's clock (not the pinned one): a real instant.
    expect(Number.isNaN(Date.parse(seen?.at ?? ''))).toBe(false);
  });

  it("the clinic's own screen: a check in words, today's checks, the visit files", async () => {
    const res = await world!.app.inject({
      method: 'POST',
      url: '/api/v1/clinic/card-checks',
      headers: world!.clinicAdmin,
      payload: { maThe: OK_CCCD, hoTen: OK_NAME, ngaySinh: OK_BIRTH, cccdCb: CLERK.cccd },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      valid: true,
      benefitLevel: 4,
      fundPercent: 80,
      registeredClinicName: 'Trạm Y tế phường Ba Đình',
      result: { maKetQua: '000', maThe: P.ok },
    });
    const today = await world!.app.inject({
      method: 'GET',
      url: '/api/v1/clinic/card-checks/today',
      headers: world!.clinicAdmin,
    });
    const checks = today.json<{ checks: { code: string; channel: string; clerkName: string }[] }>().checks;
    expect(checks[0]).toMatchObject({ code: OK_CCCD, channel: 'screen', clerkName: CLERK.name });
    expect(checks.length).toBeGreaterThan(10);
    const files = await world!.app.inject({
      method: 'GET',
      url: '/api/v1/clinic/visit-files',
      headers: world!.clinicAdmin,
    });
    expect(files.json()).toEqual({ files: [] });
  });
});
