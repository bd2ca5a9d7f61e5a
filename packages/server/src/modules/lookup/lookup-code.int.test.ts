import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkProofOfWork, solveProofOfWork } from '@vssid/domain';
import type { DatabaseHandle } from '../../db/database';
import { lookupKey } from './keys';
import { databaseLookupKeys, hitAndConsumeChallenge, insertChallenge } from './repository';
import { POW_BITS, RATE_MAX, startLookupNodes, stopLookupNodes } from './test-fixtures';

/** The BHXH code look-up: keys, the proof of work, matching, masking, the SMS, the limits. */

let database: DatabaseHandle;
let app: FastifyInstance;
/** A second API node on the same database: limits must hold across nodes. */
let otherNode: FastifyInstance;

beforeAll(async () => {
  ({ database, app, otherNode } = await startLookupNodes());
});
afterAll(async () => {
  await stopLookupNodes({ database, app, otherNode });
});

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
