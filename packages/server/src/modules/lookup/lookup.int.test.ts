import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  checkProofOfWork,
  communes2025,
  communesPre2025,
  haversineKm,
  solveProofOfWork,
} from '@vssid/domain';
import { buildApp } from '../../app';
import type { DatabaseHandle } from '../../db/database';
import { createTestDatabase, testConfig } from '../../testing/database';
import { Catalog, UnitWordIndex } from './catalogs';
import { lookupKey, lookupWords } from './keys';
import {
  databaseLookupKeys,
  hitAndConsumeChallenge,
  insertChallenge,
  loadAgents,
  loadUnitIndex,
  searchUnits,
  unitsByCode,
} from './repository';

let database: DatabaseHandle;
let app: FastifyInstance;
/** A second API node on the same database: limits must hold across nodes. */
let otherNode: FastifyInstance;
const RATE_MAX = 6;
const POW_BITS = 6;

// An old (pre-2025) commune of Quận Ba Đình, Hà Nội, for a person recorded only with old units.
const oldBaDinhCommune = communesPre2025('001')[0]!.code;

beforeAll(async () => {
  database = await createTestDatabase();
  const config = testConfig({
    LOOKUP_POW_BITS: String(POW_BITS),
    LOOKUP_RATE_LIMIT_MAX: String(RATE_MAX),
    LOOKUP_RATE_LIMIT_WINDOW_MS: '600000',
  });
  app = await buildApp(config, { database });
  otherNode = await buildApp(config, { database });
  const db = database.db;
  await db
    .insertInto('bhxh_agencies')
    .values([
      agency('VN', null, 'central', 'Bảo hiểm xã hội Việt Nam', '01', null, 21.0254, 105.8477),
      agency('01', 'VN', 'province', 'Bảo hiểm xã hội thành phố Hà Nội', '01', '00004', 21.035, 105.83),
      agency('0101', '01', 'local', 'Bảo hiểm xã hội cơ sở Hoàn Kiếm', '01', '00070', 21.028, 105.852),
      agency('0102', '01', 'local', 'Bảo hiểm xã hội cơ sở Láng', '01', '00199', 21.02, 105.8),
      agency('79', 'VN', 'province', 'Bảo hiểm xã hội Thành phố Hồ Chí Minh', '79', null, 10.7725, 106.698),
    ])
    .execute();
  await db
    .insertInto('clinics')
    .values([
      clinic('01001', 'Bệnh viện Bạch Mai', 'central', '00190', true, true, 21.0015, 105.8413),
      clinic('01002', 'Bệnh viện Đa khoa Xanh-Pôn', 'province', '00004', true, true, 21.031, 105.836),
      clinic('01003', 'Trạm Y tế phường Hoàn Kiếm', 'commune', '00070', false, true, 21.029, 105.853),
      clinic('01004', 'Phòng khám tư nhân Ánh Dương', 'district', '00070', false, false, 21.03, 105.85),
      clinic('01005', 'Trung tâm Y tế khu vực Láng', 'district', '00199', true, true, 21.019, 105.802),
    ])
    .execute();
  await db
    .insertInto('employer_units')
    .values([
      unit('TA0001', '0101234567', 'Công ty TNHH Minh Phát', 'Nguyễn Thị Hoa'),
      unit('TA0002', '0109876543', 'Công ty cổ phần Xây dựng Minh Phát Hà Nội', 'Trần Văn Nam'),
      unit('TA0003', '0105555555', 'Trường Tiểu học Đông Á', 'Lê Thị Mai'),
    ])
    .execute();
  await db
    .insertInto('collection_agents')
    .values([
      collectionAgent('DL010001', 'Bưu điện Hoàn Kiếm', 'post_office', '00070', 21.027, 105.853),
      collectionAgent(
        'DL010002',
        'Đại lý thu BHXH, BHYT Phường Láng',
        'commune_agent',
        '00199',
        21.018,
        105.801,
      ),
    ])
    .execute();
  await db
    .insertInto('persons')
    .values([
      person('0101000001', 'Nguyễn Văn An', '1990-05-12', '01', '00004', {
        phone: '0912345623',
        cccd: '001090000001',
      }),
      person('0101000002', 'Nguyễn Văn Ân', '1990-05-12', '01', '00070', { phone: '0987654321' }),
      person('0101000003', 'Trần Thị Bích', '1985-03-04', '01', '00199', { old_cmnd: '123456789' }),
      person('0101000004', 'Lê Văn Tám', '1975-08-19', '01', '00004', { phone: '0911111111' }),
      person('0101000005', 'Lê Văn Tâm', '1975-08-19', '01', '00004', {}),
      ...[6, 7, 8, 9].map((i) => person(`010100000${i}`, 'Phạm Văn Hùng', '1970-01-01', '01', '00004', {})),
      person('7901000001', 'Nguyễn Văn An', '1990-05-12', '79', null, { phone: '0900000001' }),
      person('0101000010', 'Hoàng Văn Sơn', null, '01', '00070', { phone: '0933333333' }),
      {
        ...person('0101000011', 'Đỗ Thị Ánh', '1960-02-02', null, null, { phone: '0944444444' }),
        old_province_code: '01',
        old_district_code: '001',
        old_commune_code: oldBaDinhCommune,
      },
    ])
    .execute();
});
afterAll(async () => {
  await otherNode.close();
  await app.close();
  await database.close();
});

function agency(
  code: string,
  parent: string | null,
  level: 'central' | 'province' | 'local',
  name: string,
  province: string,
  commune: string | null,
  latitude: number,
  longitude: number,
) {
  return {
    code,
    parent_code: parent,
    level,
    name,
    address: `Số 1, ${name}`,
    province_code: province,
    commune_code: commune,
    phone: '02439361111',
    email: `bhxh${code}@example.vn`,
    latitude,
    longitude,
    opening_hours: 'Thứ Hai – Thứ Sáu: 7:30–17:00',
  };
}

function clinic(
  code: string,
  name: string,
  level: 'central' | 'province' | 'district' | 'commune',
  commune: string,
  sickLeave: boolean,
  contracted: boolean,
  latitude: number,
  longitude: number,
) {
  return {
    code,
    name,
    level,
    address: `Số 2, ${name}`,
    province_code: '01',
    commune_code: commune,
    phone: '02438693731',
    latitude,
    longitude,
    bhyt_contracted: contracted,
    issues_sick_leave: sickLeave,
  };
}

function unit(code: string, taxCode: string, name: string, representative: string) {
  return {
    code,
    tax_code: taxCode,
    name,
    kind: 'enterprise' as const,
    address: `Số 3, Phường Láng, Thành phố Hà Nội`,
    province_code: '01',
    commune_code: '00199',
    representative_name: representative,
    phone: '02437771234',
    email: `${code.toLowerCase()}@example.vn`,
    employee_count: 10,
    managing_agency: '0102',
  };
}

function collectionAgent(
  code: string,
  name: string,
  kind: 'post_office' | 'commune_agent',
  commune: string,
  latitude: number,
  longitude: number,
) {
  return {
    code,
    name,
    kind,
    address: `Số 4, ${name}`,
    province_code: '01',
    commune_code: commune,
    phone: '0988888888',
    latitude,
    longitude,
    agency_code: '0101',
  };
}

function person(
  code: string,
  name: string,
  birthDate: string | null,
  province: string | null,
  commune: string | null,
  extra: { phone?: string; cccd?: string; old_cmnd?: string },
) {
  return {
    bhxh_code: code,
    full_name: name,
    birth_date: birthDate,
    birth_year: birthDate ? Number(birthDate.slice(0, 4)) : 1980,
    gender: 'male' as const,
    cccd: extra.cccd ?? null,
    old_cmnd: extra.old_cmnd ?? null,
    phone: extra.phone ?? null,
    province_code: province,
    commune_code: commune,
  };
}

let ipSeq = 1;
/** A fresh client address, so each test starts with its own per-IP counter. */
const freshIp = () => `10.1.${Math.floor(ipSeq / 250)}.${(ipSeq++ % 250) + 1}`;

async function solvedChallenge(node: FastifyInstance, ip: string) {
  const res = await node.inject({ method: 'POST', url: '/api/v1/lookup/challenge', remoteAddress: ip });
  expect(res.statusCode).toBe(200);
  const c = res.json<{ challengeId: string; salt: string; bits: number; expiresAt: string }>();
  expect(c.bits).toBe(POW_BITS);
  expect(c.salt).toMatch(/^[0-9a-f]{32}$/);
  return { challengeId: c.challengeId, nonce: String(solveProofOfWork(c.salt, c.bits)), salt: c.salt };
}

interface Answer {
  matches: {
    token: string;
    maskedCode: string;
    initials: string;
    birthYear: number;
    gender: string;
    similarName: boolean;
    maskedPhone: string | null;
  }[];
  tooMany: boolean;
}

async function lookUp(query: Record<string, string>, ip = freshIp(), node = app) {
  const challenge = await solvedChallenge(node, ip);
  return node.inject({
    method: 'POST',
    url: '/api/v1/lookup/bhxh-code',
    remoteAddress: ip,
    payload: { challengeId: challenge.challengeId, nonce: challenge.nonce, ...query },
  });
}

const codesOf = async (query: Record<string, string>) => {
  const res = await lookUp(query);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<Answer>();
};

describe('search keys', () => {
  it('are the same in TypeScript and in SQL', async () => {
    const names = [
      'Nguyễn Văn Đức',
      'NGUYỄN VĂN ĐỨC',
      'Nguye\u0302\u0303n Va\u0306n Đức',
      'Bệnh viện Đa khoa Xanh-Pôn',
      "Ea H'Leo",
      'Trạm Y tế  phường   Hoàn Kiếm ',
      'Bưu điện (Hà Nội), số 1/2',
      'Phường Văn Miếu - Quốc Tử Giám',
      'Ơ Ư ơ ư Ă ă Â â Ê ê Ô ô',
      '',
    ];
    expect(await databaseLookupKeys(database.db, names)).toEqual(names.map(lookupKey));
    expect(lookupKey('Bệnh viện Đa khoa Xanh-Pôn')).toBe('benh vien da khoa xanh pon');
  });
});

describe('the proof-of-work challenge', () => {
  it('is needed, single use, and refused when unsolved or expired', async () => {
    const ip = freshIp();
    const query = { fullName: 'Nguyễn Văn An', birthDate: '1990-05-12', provinceCode: '01' };
    const challenge = await solvedChallenge(app, ip);
    const first = await app.inject({
      method: 'POST',
      url: '/api/v1/lookup/bhxh-code',
      remoteAddress: ip,
      payload: { challengeId: challenge.challengeId, nonce: challenge.nonce, ...query },
    });
    expect(first.statusCode).toBe(200);
    const again = await app.inject({
      method: 'POST',
      url: '/api/v1/lookup/bhxh-code',
      remoteAddress: ip,
      payload: { challengeId: challenge.challengeId, nonce: challenge.nonce, ...query },
    });
    expect(again.statusCode).toBe(400);
    expect(again.json()).toMatchObject({ code: 'challenge_invalid', errors: [{ field: 'challengeId' }] });

    const unsolved = await solvedChallenge(app, ip);
    let wrong = 0;
    while (checkProofOfWork(unsolved.salt, wrong, POW_BITS)) wrong++;
    const bad = await app.inject({
      method: 'POST',
      url: '/api/v1/lookup/bhxh-code',
      remoteAddress: ip,
      headers: { 'accept-language': 'en' },
      payload: { challengeId: unsolved.challengeId, nonce: String(wrong), ...query },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: 'challenge_failed', errors: [{ field: 'nonce' }] });
    expect(bad.json<{ title: string }>().title).toMatch(/anti-automation/);

    const expired = await solvedChallenge(app, ip);
    await sql`UPDATE lookup_challenges SET expires_at = now() - interval '1 second' WHERE id = ${expired.challengeId}`.execute(
      database.db,
    );
    const late = await app.inject({
      method: 'POST',
      url: '/api/v1/lookup/bhxh-code',
      remoteAddress: ip,
      payload: { challengeId: expired.challengeId, nonce: expired.nonce, ...query },
    });
    expect(late.json()).toMatchObject({ code: 'challenge_invalid' });
  });

  it('is solved by the challenge issued by another node (shared database)', async () => {
    const ip = freshIp();
    const challenge = await solvedChallenge(otherNode, ip);
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/lookup/bhxh-code',
      remoteAddress: ip,
      payload: { ...challenge, salt: undefined, idNumber: '001090000001' },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<Answer>().matches).toHaveLength(1);
  });
});

describe('the exact search in the challenge round trip', () => {
  it('runs only within the limit and with a live challenge', async () => {
    const exact = {
      birthYear: 1990,
      provinceCode: '01',
      oldProvinceCodes: [],
      key: lookupKey('Nguyễn Văn An'),
      maxHits: 2,
    };
    const window = [new Date(Date.UTC(2026, 0, 1)), new Date(Date.UTC(2026, 0, 2))] as const;
    const challenge = async () => {
      const id = randomUUID();
      await insertChallenge(database.db, {
        id,
        salt: '0'.repeat(32),
        bits: 0,
        expiresAt: new Date(Date.now() + 60_000),
      });
      return id;
    };
    const bucket = `test:${randomUUID()}`;
    const first = await hitAndConsumeChallenge(database.db, bucket, ...window, await challenge(), exact);
    // Both names have the key "nguyen van an" (tone marks aside).
    expect(first.exact?.map((p) => p.bhxh_code).sort()).toEqual(['0101000001', '0101000002']);
    expect(first.exact?.find((p) => p.bhxh_code === '0101000001')).toMatchObject({
      full_name: 'Nguyễn Văn An',
      birth_date: '1990-05-12',
      phone: '0912345623',
    });
    // Unknown (or already used) challenge: nobody searched.
    const unknown = await hitAndConsumeChallenge(database.db, bucket, ...window, randomUUID(), exact);
    expect(unknown).toMatchObject({ hits: 2, challenge: null, exact: null });
    // Over the limit: nobody searched, the challenge used up all the same.
    const over = await hitAndConsumeChallenge(database.db, bucket, ...window, await challenge(), exact);
    expect(over).toMatchObject({ hits: 3, exact: null });
    expect(over.challenge).not.toBeNull();
  });
});

describe('matching', () => {
  it('ignores tone marks and case, and finds both people whose names differ only by tone', async () => {
    const answer = await codesOf({ fullName: 'NGUYEN van an', birthDate: '1990-05-12', provinceCode: '01' });
    expect(answer.tooMany).toBe(false);
    expect(answer.matches.map((m) => m.maskedCode)).toEqual(['01******01', '01******02']);
    expect(answer.matches.every((m) => !m.similarName)).toBe(true);
  });

  it('narrows by commune, and by province', async () => {
    const answer = await codesOf({
      fullName: 'Nguyễn Văn An',
      birthDate: '1990',
      provinceCode: '01',
      communeCode: '00070',
    });
    expect(answer.matches.map((m) => m.maskedCode)).toEqual(['01******02']);
    const hcm = await codesOf({ fullName: 'Nguyễn Văn An', birthDate: '1990', provinceCode: '79' });
    expect(hcm.matches.map((m) => m.maskedCode)).toEqual(['79******01']);
  });

  it('needs the full date to agree when given', async () => {
    const answer = await codesOf({ fullName: 'Nguyễn Văn An', birthDate: '1990-05-13', provinceCode: '01' });
    expect(answer.matches).toEqual([]);
    // A person whose only the year is known is found by the year with any full date.
    const yearOnly = await codesOf({
      fullName: 'Hoang Van Son',
      birthDate: '1980-07-07',
      provinceCode: '01',
    });
    expect(yearOnly.matches.map((m) => m.maskedCode)).toEqual(['01******10']);
  });

  it('tolerates one typo when nothing matches exactly, and prefers exact names', async () => {
    const typo = await codesOf({ fullName: 'Tran Thi Bch', birthDate: '1985-03-04', provinceCode: '01' });
    expect(typo.matches).toHaveLength(1);
    expect(typo.matches[0]).toMatchObject({ maskedCode: '01******03', similarName: true });
    const swapped = await codesOf({ fullName: 'Tarn Thi Bich', birthDate: '1985', provinceCode: '01' });
    expect(swapped.matches.map((m) => m.maskedCode)).toEqual(['01******03']);
    const twoTypos = await codesOf({ fullName: 'Tarn Thi Bch', birthDate: '1985', provinceCode: '01' });
    expect(twoTypos.matches).toEqual([]);
    // "Le Van Tam" is exactly Tám and Tâm without tones; "Le Van Tan" is one typo from both.
    const exact = await codesOf({ fullName: 'Lê Văn Tám', birthDate: '1975', provinceCode: '01' });
    expect(exact.matches.map((m) => [m.maskedCode, m.similarName])).toEqual([
      ['01******04', false],
      ['01******05', false],
    ]);
    const near = await codesOf({ fullName: 'Le Van Tan', birthDate: '1975', provinceCode: '01' });
    expect(near.matches.map((m) => m.similarName)).toEqual([true, true]);
  });

  it('answers none when more than three people match, asking for more detail', async () => {
    const answer = await codesOf({ fullName: 'Phạm Văn Hùng', birthDate: '1970', provinceCode: '01' });
    expect(answer).toEqual({ matches: [], tooMany: true });
  });

  it('finds by CCCD or old CMND number', async () => {
    const byCccd = await codesOf({ idNumber: '001090000001' });
    expect(byCccd.matches.map((m) => m.maskedCode)).toEqual(['01******01']);
    const byCmnd = await codesOf({ idNumber: '123456789' });
    expect(byCmnd.matches.map((m) => m.maskedCode)).toEqual(['01******03']);
    expect((await codesOf({ idNumber: '999999999' })).matches).toEqual([]);
  });

  it('finds people recorded only with old units through the 2025 province and commune', async () => {
    const answer = await codesOf({ fullName: 'Do Thi Anh', birthDate: '1960-02-02', provinceCode: '01' });
    expect(answer.matches.map((m) => m.maskedCode)).toEqual(['01******11']);
  });

  it('names the missing or wrong fields', async () => {
    const res = await lookUp({ fullName: 'An', provinceCode: '99', communeCode: '00004' });
    expect(res.statusCode).toBe(400);
    const fields = res.json<{ errors: { field: string }[] }>().errors.map((e) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['birthDate', 'provinceCode']));
    const wrongCommune = await lookUp({
      fullName: 'Nguyễn Văn An',
      birthDate: '1990',
      provinceCode: '79',
      communeCode: '00004',
    });
    expect(wrongCommune.json()).toMatchObject({ errors: [{ field: 'communeCode', code: 'unknown_unit' }] });
    const future = await lookUp({ fullName: 'Nguyễn Văn An', birthDate: '2999', provinceCode: '01' });
    expect(future.json()).toMatchObject({ errors: [{ field: 'birthDate' }] });
    const unknownField = await lookUp({
      fullName: 'Nguyễn Văn An',
      birthDate: '1990',
      provinceCode: '01',
      bhxhCode: 'x',
    });
    expect(unknownField.json()).toMatchObject({ code: 'validation', errors: [{ code: 'unknown_field' }] });
  });
});

describe('masking', () => {
  it('answers initials, birth year and masked code and phone, never the code, name or phone', async () => {
    const res = await lookUp({
      fullName: 'Nguyễn Văn An',
      birthDate: '1990-05-12',
      provinceCode: '01',
      communeCode: '00004',
    });
    const answer = res.json<Answer>();
    expect(answer.matches).toEqual([
      {
        token: expect.stringMatching(/^[A-Za-z0-9_-]{32}$/) as string,
        maskedCode: '01******01',
        initials: 'N. V. A.',
        birthYear: 1990,
        gender: 'male',
        similarName: false,
        maskedPhone: '09******23',
      },
    ]);
    expect(res.body).not.toContain('0101000001');
    expect(res.body).not.toContain('0912345623');
    expect(res.body).not.toContain('Nguyễn');
    expect(res.body).not.toContain('1990-05-12');
  });

  it('audits each answer as a read of that person, with the caller and address', async () => {
    const ip = freshIp();
    await lookUp({ idNumber: '001090000001' }, ip);
    const rows = await database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'lookup.bhxh_code')
      .where(sql<boolean>`host(ip) = ${ip}`)
      .execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      actor_type: 'anonymous',
      subject_bhxh_code: '0101000001',
      target_type: 'person',
    });
    expect(rows[0]!.details).toMatchObject({ by: 'id_number', matches: 1 });
  });
});

describe('the full code by SMS', () => {
  it('goes to the registered phone only, once per answer, and is audited', async () => {
    const ip = freshIp();
    const answer = (await lookUp({ idNumber: '001090000001' }, ip)).json<Answer>();
    const token = answer.matches[0]!.token;
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/lookup/bhxh-code/sms',
      remoteAddress: ip,
      payload: { token },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ maskedPhone: '09******23', alreadySent: false });
    const again = await app.inject({
      method: 'POST',
      url: '/api/v1/lookup/bhxh-code/sms',
      remoteAddress: ip,
      payload: { token },
    });
    expect(again.json()).toEqual({ maskedPhone: '09******23', alreadySent: true });
    const messages = await database.db
      .selectFrom('outbox')
      .selectAll()
      .where('idempotency_key', '=', `lookup-sms:${token}`)
      .execute();
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ channel: 'sms', recipient: '0912345623', language: 'vi' });
    expect(String(messages[0]!.payload.text)).toContain('0101000001');
    expect(String(messages[0]!.payload.text)).toContain('Nguyễn Văn An');
    const audit = await database.db
      .selectFrom('audit_log')
      .select(['subject_bhxh_code', 'actor_type'])
      .where('action', '=', 'lookup.bhxh_code_sms')
      .where(sql<boolean>`host(ip) = ${ip}`)
      .execute();
    expect(audit).toEqual([{ subject_bhxh_code: '0101000001', actor_type: 'anonymous' }]);
  });

  it('is refused without a registered phone, for an unknown or expired token, and after three a day', async () => {
    const noPhone = (await codesOf({ idNumber: '123456789' })).matches[0]!.token;
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/lookup/bhxh-code/sms',
      payload: { token: noPhone },
    });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'no_registered_phone' });

    const unknown = await app.inject({
      method: 'POST',
      url: '/api/v1/lookup/bhxh-code/sms',
      payload: { token: 'x'.repeat(32) },
    });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toMatchObject({ code: 'lookup_token_expired' });

    const sendFor = async () => {
      const ip = freshIp();
      const token = (
        await lookUp({ fullName: 'Lê Văn Tám', birthDate: '1975-08-19', provinceCode: '01' }, ip)
      ).json<Answer>().matches[0]!.token;
      return app.inject({
        method: 'POST',
        url: '/api/v1/lookup/bhxh-code/sms',
        remoteAddress: ip,
        payload: { token },
      });
    };
    for (let i = 0; i < 3; i++) expect((await sendFor()).statusCode).toBe(200);
    const fourth = await sendFor();
    expect(fourth.statusCode).toBe(429);
    expect(fourth.json()).toMatchObject({ code: 'rate_limited' });

    const old = (await codesOf({ idNumber: '001090000001' })).matches[0]!.token;
    await sql`UPDATE lookup_match_tokens SET expires_at = now() - interval '1 second' WHERE token = ${old}`.execute(
      database.db,
    );
    const expired = await app.inject({
      method: 'POST',
      url: '/api/v1/lookup/bhxh-code/sms',
      payload: { token: old },
    });
    expect(expired.statusCode).toBe(404);
  });
});

describe('rate limits', () => {
  it('hold per IP across API nodes, counting look-ups and SMS requests', async () => {
    const ip = freshIp();
    const statuses: number[] = [];
    for (let i = 0; i < RATE_MAX; i++) {
      const res = await lookUp({ idNumber: '999999999' }, ip, i % 2 ? otherNode : app);
      statuses.push(res.statusCode);
    }
    expect(statuses).toEqual(Array<number>(RATE_MAX).fill(200));
    const blocked = await lookUp({ idNumber: '999999999' }, ip, otherNode);
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json()).toMatchObject({ code: 'rate_limited' });
    const sms = await app.inject({
      method: 'POST',
      url: '/api/v1/lookup/bhxh-code/sms',
      remoteAddress: ip,
      payload: { token: 'y'.repeat(32) },
    });
    expect(sms.statusCode).toBe(429);
    // Another address is not affected.
    expect((await lookUp({ idNumber: '999999999' })).statusCode).toBe(200);
  });
});

interface DirectoryPage<T> {
  page: number;
  pageSize: number;
  total: number;
  pages: number;
  places?: {
    code: string;
    kind: string;
    name: string;
    provinceName: string;
    matchedOld: { name: string } | null;
  }[];
  widenedToProvince?: boolean;
  items: T[];
}
type Item = {
  code: string;
  name: string;
  distanceKm: number | null;
  provinceName: string;
  communeName: string | null;
};

const get = async <T = Item>(url: string, language = 'vi') => {
  const res = await app.inject({ url, headers: { 'accept-language': language } });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<DirectoryPage<T>>();
};

describe('BHXH agencies', () => {
  it('by province, central and provincial offices first, paginated', async () => {
    const all = await get('/api/v1/lookup/agencies?province=01');
    expect(all.items.map((a) => a.code)).toEqual(['VN', '01', '0101', '0102']);
    expect(all).toMatchObject({ total: 4, page: 1, pages: 1 });
    const second = await get('/api/v1/lookup/agencies?province=01&pageSize=3&page=2');
    expect(second.items.map((a) => a.code)).toEqual(['0102']);
    expect(second).toMatchObject({ total: 4, pages: 2 });
    const beyond = await get('/api/v1/lookup/agencies?province=01&pageSize=3&page=5');
    expect(beyond).toMatchObject({ items: [], total: 4 });
  });

  it('by commune, widening to the province where the commune has no office', async () => {
    const here = await get('/api/v1/lookup/agencies?commune=00070');
    expect(here.items.map((a) => a.code)).toEqual(['0101']);
    expect(here.widenedToProvince).toBe(false);
    const none = await get('/api/v1/lookup/agencies?commune=00008');
    expect(none.widenedToProvince).toBe(true);
    expect(none.items.map((a) => a.code)).toEqual(['VN', '01', '0101', '0102']);
  });

  it('finds the new unit by an old district or commune name', async () => {
    const byOldDistrict = await get(`/api/v1/lookup/agencies?place=${encodeURIComponent('Quận Đống Đa')}`);
    expect(byOldDistrict.places?.length).toBeGreaterThan(1);
    expect(byOldDistrict.places?.every((p) => p.matchedOld?.name === 'Quận Đống Đa')).toBe(true);
    expect(byOldDistrict.places?.map((p) => p.code)).toContain('00199');
    expect(byOldDistrict.items.map((a) => a.code)).toContain('0102');
    const byOldCommune = await get(`/api/v1/lookup/agencies?place=${encodeURIComponent('phuong truc bach')}`);
    expect(byOldCommune.places).toMatchObject([
      { code: '00004', name: 'Ba Đình', matchedOld: { name: 'Phường Trúc Bạch' } },
    ]);
    expect(byOldCommune.items.map((a) => a.code)).toEqual(['01']);
  });

  it.each([
    // An old province before a commune of its name: Bình Dương is in Hồ Chí Minh since 2025 (not
    // Xã Bình Dương of Gia Lai); Hà Tây in Hà Nội since 2008 (not Xã Hà Tây).
    ['Bình Dương', '79', 'Tỉnh Bình Dương', ['79']],
    ['binh duong', '79', 'Tỉnh Bình Dương', ['79']],
    ['Hà Tây', '01', 'Tỉnh Hà Tây', ['VN', '01', '0101', '0102']],
    ['tinh ha tay', '01', 'Tỉnh Hà Tây', ['VN', '01', '0101', '0102']],
  ])(
    '%s: the old province, only its land in the province it is now in',
    async (place, code, old, offices) => {
      const found = await get(`/api/v1/lookup/agencies?place=${encodeURIComponent(place)}`);
      expect(found.places).toMatchObject([{ code, kind: 'oldProvince', matchedOld: { name: old } }]);
      // No office sits in the old province's land in these rows, so the province's are listed; an
      // office of the rest of the province (Hoàn Kiếm, 0101, in old Hà Nội) would be listed otherwise.
      expect(found.widenedToProvince).toBe(true);
      expect(found.items.map((a) => a.code)).toEqual(offices);
    },
  );

  it('an old province narrows the search to its land', async () => {
    // A clinic in Phường Hà Đông (old Hà Tây's land) beside the fixture's, all in old Hà Nội's.
    const haDong = communes2025('01').find((c) => c.name === 'Hà Đông')!.code;
    const db = database.db;
    await db
      .insertInto('clinics')
      .values(clinic('01009', 'Bệnh viện Đa khoa Hà Đông', 'province', haDong, true, true, 20.97, 105.78))
      .execute();
    const clinicsOf = async (place: string) =>
      (await get(`/api/v1/lookup/clinics?place=${encodeURIComponent(place)}`)).items.map((c) => c.code);
    try {
      // (A node's catalog follows a change once its announcement arrives.)
      await vi.waitFor(async () => {
        expect(await clinicsOf('Hà Nội')).toEqual(expect.arrayContaining(['01003', '01009']));
      });
      expect(await clinicsOf('Hà Tây')).toEqual(['01009']);
    } finally {
      await db.deleteFrom('clinics').where('code', '=', '01009').execute();
      await vi.waitFor(async () => {
        expect(await clinicsOf('Hà Nội')).not.toContain('01009');
      });
    }
  });

  it.each(['Thị xã Hà Đông', 'TX Hà Đông', 'Thành phố Hà Đông', 'ha dong'])(
    '%s: the old district, with its kind and province',
    async (place) => {
      const found = await get(`/api/v1/lookup/agencies?place=${encodeURIComponent(place)}`);
      expect(found.places?.length).toBeGreaterThan(1);
      expect(found.places?.[0]).toMatchObject({ name: 'Hà Đông', provinceName: 'Hà Nội' });
      for (const p of found.places ?? [])
        expect(p).toMatchObject({ kind: 'oldDistrict', matchedOld: { name: 'Quận Hà Đông' } });
    },
  );

  it('a province split before 2008 is in each province it went into', async () => {
    const found = await get(`/api/v1/lookup/agencies?place=${encodeURIComponent('Sông Bé')}`);
    expect(found.places).toMatchObject([
      { code: '75', kind: 'oldProvince', matchedOld: { name: 'Tỉnh Sông Bé' } },
      { code: '79', kind: 'oldProvince', matchedOld: { name: 'Tỉnh Sông Bé' } },
    ]);
  });

  it('a commune typed with its type is that commune', async () => {
    const found = await get(`/api/v1/lookup/agencies?place=${encodeURIComponent('Xã Bình Dương')}`);
    expect(found.places).toMatchObject([{ kind: 'commune', name: 'Bình Dương', provinceName: 'Gia Lai' }]);
  });

  it('nearest to a position, with the distance', async () => {
    const [lat, lng] = [21.0285, 105.8542];
    const near = await get(`/api/v1/lookup/agencies?lat=${lat}&lng=${lng}&pageSize=3`);
    expect(near.items.map((a) => a.code)).toEqual(['0101', 'VN', '01']);
    expect(near.items[0]!.distanceKm).toBeCloseTo(haversineKm(lat, lng, 21.028, 105.852), 1);
    const distances = near.items.map((a) => a.distanceKm!);
    expect([...distances].sort((a, b) => a - b)).toEqual(distances);
    expect(near.total).toBe(5);
  });

  it('names units in English for English readers, in Vietnamese otherwise', async () => {
    const en = await get('/api/v1/lookup/agencies?commune=00070', 'en');
    expect(en.items[0]).toMatchObject({ provinceName: 'Hanoi', communeName: 'Hoan Kiem' });
    const ko = await get('/api/v1/lookup/agencies?commune=00070', 'ko');
    expect(ko.items[0]).toMatchObject({
      provinceName: 'Hà Nội',
      communeName: 'Hoàn Kiếm',
      name: 'Bảo hiểm xã hội cơ sở Hoàn Kiếm',
    });
  });

  it('refuses unknown units and half a position, naming the field', async () => {
    const res = await app.inject({ url: '/api/v1/lookup/agencies?province=99' });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({
      errors: [{ in: 'querystring', field: 'province', code: 'unknown_unit' }],
    });
    const half = await app.inject({ url: '/api/v1/lookup/agencies?lat=21' });
    expect(half.statusCode).toBe(400);
    expect(half.json()).toMatchObject({ errors: [{ field: 'lng' }] });
    const mismatch = await app.inject({ url: '/api/v1/lookup/agencies?province=79&commune=00070' });
    expect(mismatch.json()).toMatchObject({ errors: [{ field: 'commune' }] });
  });
});

describe('contracted clinics', () => {
  type Clinic = Item & { level: string; issuesSickLeave: boolean };
  it('by province in level order, contracted ones only', async () => {
    const all = await get<Clinic>('/api/v1/lookup/clinics?province=01');
    expect(all.items.map((c) => c.code)).toEqual(['01001', '01002', '01005', '01003']);
  });

  it('by level, name without tone marks, code, commune, and the ones issuing sick-leave certificates', async () => {
    expect((await get<Clinic>('/api/v1/lookup/clinics?level=district')).items.map((c) => c.code)).toEqual([
      '01005',
    ]);
    expect((await get<Clinic>('/api/v1/lookup/clinics?q=bach%20mai')).items.map((c) => c.code)).toEqual([
      '01001',
    ]);
    expect((await get<Clinic>('/api/v1/lookup/clinics?q=xanh%20pon')).items.map((c) => c.code)).toEqual([
      '01002',
    ]);
    expect((await get<Clinic>('/api/v1/lookup/clinics?q=01003')).items.map((c) => c.code)).toEqual(['01003']);
    expect((await get<Clinic>('/api/v1/lookup/clinics?commune=00070')).items.map((c) => c.code)).toEqual([
      '01003',
    ]);
    const sick = await get<Clinic>('/api/v1/lookup/clinics?province=01&sickLeave=true');
    expect(sick.items.map((c) => c.code)).toEqual(['01001', '01002', '01005']);
    expect(sick.items.every((c) => c.issuesSickLeave)).toBe(true);
  });

  it('nearest first', async () => {
    const near = await get<Clinic>('/api/v1/lookup/clinics?lat=21.019&lng=105.802&pageSize=2');
    expect(near.items.map((c) => c.code)).toEqual(['01005', '01002']);
    expect(near.items[0]!.distanceKm).toBe(0);
  });
});

describe('employer units', () => {
  type Unit = Item & {
    taxCode: string;
    representativeName: string;
    phone: string;
    email: string;
    address: string;
  };
  it('by tax code, with address, representative, phone and email', async () => {
    const res = await get<Unit>('/api/v1/lookup/units?taxCode=0101234567');
    expect(res.items).toEqual([
      expect.objectContaining({
        code: 'TA0001',
        taxCode: '0101234567',
        name: 'Công ty TNHH Minh Phát',
        address: 'Số 3, Phường Láng, Thành phố Hà Nội',
        representativeName: 'Nguyễn Thị Hoa',
        phone: '02437771234',
        email: 'ta0001@example.vn',
      }),
    ]);
  });

  it('by the words of the name, in name order', async () => {
    const res = await get<Unit>('/api/v1/lookup/units?q=minh%20phat');
    expect(res.items.map((u) => u.code)).toEqual(['TA0002', 'TA0001']);
    expect((await get<Unit>('/api/v1/lookup/units?q=DONG%20A')).items.map((u) => u.code)).toEqual(['TA0003']);
    const none = await app.inject({ url: '/api/v1/lookup/units' });
    expect(none.statusCode).toBe(400);
    expect(none.json()).toMatchObject({ code: 'lookup_query_needed', errors: [{ field: 'q' }] });
  });
});

describe('collection agents', () => {
  it('by province and commune, and nearest', async () => {
    expect((await get('/api/v1/lookup/agents?province=01')).items.map((a) => a.code)).toEqual([
      'DL010001',
      'DL010002',
    ]);
    expect((await get('/api/v1/lookup/agents?commune=00199')).items.map((a) => a.code)).toEqual(['DL010002']);
    const near = await get('/api/v1/lookup/agents?lat=21.018&lng=105.801');
    expect(near.items.map((a) => a.code)).toEqual(['DL010002', 'DL010001']);
    const byOldName = await get(`/api/v1/lookup/agents?place=${encodeURIComponent('Quận Hoàn Kiếm')}`);
    expect(byOldName.items.map((a) => a.code)).toContain('DL010001');
  });
});

describe('administrative units', () => {
  it('lists the 2025 provinces and the communes of one', async () => {
    const provinces = await app.inject({ url: '/api/v1/lookup/provinces' });
    expect(provinces.json<{ items: unknown[] }>().items).toHaveLength(34);
    const communes = await app.inject({ url: '/api/v1/lookup/provinces/01/communes' });
    expect(communes.json<{ items: { code: string; name: string }[] }>().items[0]).toEqual({
      code: '00004',
      name: 'Phường Ba Đình',
    });
    expect((await app.inject({ url: '/api/v1/lookup/provinces/99/communes' })).statusCode).toBe(404);
  });
});

describe('the directories held in memory', () => {
  type Clinic = Item & { level: string; issuesSickLeave: boolean };
  const codes = async (node: FastifyInstance, url: string) => {
    const res = await node.inject({ url });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<DirectoryPage<Clinic>>().items.map((c) => c.code);
  };

  it('answer every committed change on every node, however it was written, once it is announced', async () => {
    const url = '/api/v1/lookup/clinics?commune=00199';
    // Both nodes are subscribed to the announcements: a change shows as soon as it has arrived.
    const eventually = (node: FastifyInstance, u: string) =>
      expect.poll(() => codes(node, u), { timeout: 5000, interval: 20 });
    expect(await codes(app, url)).toEqual(['01005']);
    expect(await codes(otherNode, url)).toEqual(['01005']);
    // Written with SQL, outside the API: the trigger moves the version and announces it all the same.
    await sql`INSERT INTO clinics (code, name, level, address, province_code, commune_code, issues_sick_leave)
      VALUES ('01006', 'Bệnh viện Đa khoa Láng Hạ', 'province', 'Số 6, Phường Láng', '01', '00199', true)`.execute(
      database.db,
    );
    await eventually(app, url).toEqual(['01006', '01005']);
    await eventually(otherNode, url).toEqual(['01006', '01005']);
    await sql`UPDATE clinics SET bhyt_contracted = false WHERE code = '01005'`.execute(database.db);
    await eventually(otherNode, url).toEqual(['01006']);
    await eventually(app, `/api/v1/lookup/clinics?q=lang%20ha`).toEqual(['01006']);
    await sql`UPDATE clinics SET name = 'Bệnh viện Thanh Nhàn' WHERE code = '01006'`.execute(database.db);
    await eventually(app, `/api/v1/lookup/clinics?q=lang%20ha`).toEqual([]);
    expect(await codes(app, `/api/v1/lookup/clinics?q=thanh%20nhan`)).toEqual(['01006']);
    await sql`DELETE FROM clinics WHERE code = '01006'`.execute(database.db);
    await sql`UPDATE clinics SET bhyt_contracted = true WHERE code = '01005'`.execute(database.db);
    await eventually(app, url).toEqual(['01005']);
    await eventually(otherNode, url).toEqual(['01005']);
  });

  it('trust their copy while subscribed until a change is announced, and check every search otherwise', async () => {
    const catalog = new Catalog('collection_agents', loadAgents);
    const phone = async () =>
      (await catalog.search(database.db, { provinceCode: '01', limit: 20, offset: 0 })).rows.find(
        (r) => r.code === 'DL010002',
      )?.phone;
    catalog.setLive(true);
    const before = await phone();
    await sql`UPDATE collection_agents SET phone = '02438888888' WHERE code = 'DL010002'`.execute(
      database.db,
    );
    expect(await phone()).toBe(before); // no announcement reached this copy: no query was made
    catalog.changed();
    expect(await phone()).toBe('02438888888');
    // The subscription lost: every search reads the version, changes show at once.
    catalog.setLive(false);
    await sql`UPDATE collection_agents SET phone = '02437777777' WHERE code = 'DL010002'`.execute(
      database.db,
    );
    expect(await phone()).toBe('02437777777');
  });

  it('are loaded once per change, however many searches ask at the same time', async () => {
    let loads = 0;
    const catalog = new Catalog('collection_agents', (db) => {
      loads += 1;
      return loadAgents(db);
    });
    const search = () => catalog.search(database.db, { provinceCode: '01', limit: 20, offset: 0 });
    const first = await Promise.all(Array.from({ length: 10 }, search));
    expect(loads).toBe(1);
    expect(first.every((p) => p.total === 2)).toBe(true);
    await search();
    expect(loads).toBe(1);
    await sql`UPDATE collection_agents SET phone = '02439999999' WHERE code = 'DL010001'`.execute(
      database.db,
    );
    const after = await Promise.all(Array.from({ length: 10 }, search));
    expect(loads).toBe(2);
    expect(after[0]!.rows.find((r) => r.code === 'DL010001')?.phone).toBe('02439999999');
  });
});

describe('the employer units word index', () => {
  it('answers what the SQL search answers, and nothing while it is behind the database', async () => {
    const index = new UnitWordIndex(loadUnitIndex, unitsByCode, 0);
    const sqlPage = (q: string, province?: string, offset = 0, limit = 20) =>
      searchUnits(database.db, { words: lookupWords(q), provinceCode: province, limit, offset });
    const indexPage = (q: string, province?: string, offset = 0, limit = 20) =>
      index.search(database.db, { words: lookupWords(q), provinceCode: province, limit, offset });
    expect(await indexPage('minh phat')).toBeNull(); // nothing held yet: SQL answers, a build starts
    await index.settled();
    await sql`INSERT INTO employer_units (code, tax_code, name, kind, address, province_code, managing_agency)
      VALUES ('TA0004', '0104444444', 'Hợp tác xã Minh Minh Phát', 'cooperative', 'Số 4, Phường Láng', '79', '01'),
             ('TA0005', NULL, 'Công ty TNHH Phát Minh', 'enterprise', 'Số 5, Phường Láng', '01', '01')`.execute(
      database.db,
    );
    expect(await indexPage('minh phat')).toBeNull(); // the insert moved the version
    await index.settled();
    for (const [q, province, offset, limit] of [
      ['minh phat', undefined, 0, 20],
      ['minh phat', undefined, 1, 2],
      ['minh phat', '79', 0, 20],
      ['minh', undefined, 3, 20],
      ['cong ty', undefined, 0, 1],
      ['dong a', undefined, 0, 20],
      ['khong co', undefined, 0, 20],
    ] as const) {
      const expected = await sqlPage(q, province, offset, limit);
      expect(await indexPage(q, province, offset, limit), `${q} ${province} ${offset}`).toEqual(expected);
    }
    // A word twice in a name counts the unit once.
    expect((await indexPage('minh'))?.total).toBe((await sqlPage('minh')).total);
    expect((await indexPage('minh phat'))?.rows.map((r) => r.code)).toEqual([
      'TA0002',
      'TA0001',
      'TA0005',
      'TA0004',
    ]);
    await sql`DELETE FROM employer_units WHERE code IN ('TA0004', 'TA0005')`.execute(database.db);
    expect(await indexPage('minh phat')).toBeNull();
    const units = await get('/api/v1/lookup/units?q=minh%20phat');
    expect(units.items.map((u) => u.code)).toEqual(['TA0002', 'TA0001']);
  });

  it('answers a page with no query while subscribed and nothing was announced, its rows held', async () => {
    const index = new UnitWordIndex(loadUnitIndex, unitsByCode, 0, 2);
    index.setLive(true);
    const page = async (q: string) =>
      index.search(database.db, { words: lookupWords(q), limit: 20, offset: 0 });
    expect(await page('minh')).toBeNull();
    await index.settled();
    const first = await page('minh');
    expect(first?.rows.map((r) => r.code)).toEqual(['TA0002', 'TA0001']);
    await sql`UPDATE employer_units SET phone = '02436666666' WHERE code = 'TA0001'`.execute(database.db);
    // Not announced to this index: its held rows answer, with no query.
    expect((await page('minh'))?.rows.find((r) => r.code === 'TA0001')?.phone).toBe(first?.rows[1]?.phone);
    index.changed();
    expect(await page('minh')).toBeNull(); // the version moved: SQL answers, the index is rebuilt
    await index.settled();
    expect((await page('minh'))?.rows.find((r) => r.code === 'TA0001')?.phone).toBe('02436666666');
    // At most two rows held: a page of three still answers, reading what is not held.
    expect((await page('cong ty'))?.rows.map((r) => r.code)).toEqual(
      (await searchUnits(database.db, { words: ['cong', 'ty'], limit: 20, offset: 0 })).rows.map(
        (r) => r.code,
      ),
    );
  });

  it('is rebuilt at most once per interval', async () => {
    let loads = 0;
    const index = new UnitWordIndex(
      (db) => {
        loads += 1;
        return loadUnitIndex(db);
      },
      unitsByCode,
      60_000,
    );
    const search = () => index.search(database.db, { words: ['minh'], limit: 20, offset: 0 });
    expect(await search()).toBeNull();
    await index.settled();
    expect((await search())?.total).toBe(2);
    await sql`UPDATE employer_units SET phone = '02437770000' WHERE code = 'TA0001'`.execute(database.db);
    expect(await search()).toBeNull();
    await index.settled();
    expect(await search()).toBeNull(); // still behind: the next rebuild waits for the interval
    expect(loads).toBe(1);
  });
});
