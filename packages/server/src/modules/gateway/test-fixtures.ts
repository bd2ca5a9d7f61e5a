import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { buildApp } from '../../app';
import type { DatabaseHandle } from '../../db/database';
import { signInAs } from '../../testing/auth';
import { createTestDatabase, testConfig } from '../../testing/database';

/**
 * Tests only: the clinic gateway's world. Today is 2026-12-07, 08:15 in Vietnam. One person per
 * result code of the card check, each with the card (or no card) that gives it; a hospital with
 * its credential and a registered clerk; a commune clinic in another province.
 */

const NOW = new Date('2026-12-07T01:15:00Z');
export const CLINIC = '01B01';
export const CLINIC_NAME = 'Bệnh viện Bạch Mai';
export const CLERK = { cccd: '001085000111', name: 'Phạm Thu Trang' };

export const P = {
  ok: '0100010001',
  defence: '0100010002',
  police: '0100010003',
  oldExpired: '0100010004',
  oldValid: '0100010005',
  expired: '0100010006',
  broken: '0100010007',
  revoked: '0100010008',
  outOfProvince: '0100010120',
  inProvince: '0100010121',
  readded: '0100010122',
  reducedOther: '0100010123',
  stopped: '0100010124',
  child: '0100010013',
  adultNoCard: '0100010014',
} as const;
export const OK_CCCD = '001080012345';
export const OK_NAME = 'Nguyễn Văn An';
export const OK_BIRTH = '12/05/1980';

export interface GatewayWorld {
  database: DatabaseHandle;
  app: FastifyInstance;
  /** The hospital's admin (clinic role), the agency admins of Hà Nội and of Hồ Chí Minh City. */
  clinicAdmin: { authorization: string };
  agency01: { authorization: string };
  agency79: { authorization: string };
  citizen: { authorization: string };
}

type CardRow = [
  bhxh: string,
  id: number,
  number: string,
  object: string,
  level: number,
  from: string,
  to: string | null,
  status: string,
  extra?: { managing?: string; reduced?: string; replacedBy?: number },
];

async function seed(db: DatabaseHandle['db']) {
  await sql`INSERT INTO bhxh_agencies (code, parent_code, level, name, address, province_code) VALUES
      ('VN', NULL, 'central', 'Bảo hiểm xã hội Việt Nam', '7 Tràng Thi, Hà Nội', '01'),
      ('01', 'VN', 'province', 'BHXH thành phố Hà Nội', '15 Trần Duy Hưng', '01'),
      ('79', 'VN', 'province', 'BHXH Thành phố Hồ Chí Minh', '117C Nguyễn Đình Chính', '79')
    ON CONFLICT DO NOTHING`.execute(db);
  await sql`INSERT INTO clinics (code, name, level, address, province_code) VALUES
      (${CLINIC}, ${CLINIC_NAME}, 'central', '78 Giải Phóng, Đống Đa', '01'),
      ('01C54', 'Trạm Y tế phường Ba Đình', 'commune', '12 Phan Đình Phùng', '01'),
      ('79024', 'Bệnh viện quận 1', 'district', '235 Nguyễn Văn Cừ', '79')
    ON CONFLICT DO NOTHING`.execute(db);
  const people: [string, string, string | null, number, string, string | null][] = [
    [P.ok, OK_NAME, '1980-05-12', 1980, 'male', OK_CCCD],
    [P.defence, 'Lê Quang Hải', '1975-02-01', 1975, 'male', null],
    [P.police, 'Đặng Minh Tuấn', '1982-07-09', 1982, 'male', null],
    [P.oldExpired, 'Vũ Thị Lan', '1990-03-03', 1990, 'female', null],
    [P.oldValid, 'Hoàng Văn Nam', '1988-08-08', 1988, 'male', null],
    [P.expired, 'Bùi Thị Mai', '1995-11-20', 1995, 'female', null],
    [P.broken, 'Đỗ Văn Hùng', '1970-01-15', 1970, 'male', null],
    [P.revoked, 'Ngô Thị Hạnh', '1985-04-04', 1985, 'female', null],
    [P.outOfProvince, 'Trịnh Văn Long', '1983-06-06', 1983, 'male', null],
    [P.inProvince, 'Phan Thị Hoa', '1984-06-06', 1984, 'female', null],
    [P.readded, 'Lý Văn Đức', '1986-06-06', 1986, 'male', null],
    [P.reducedOther, 'Mai Thị Thu', '1987-06-06', 1987, 'female', null],
    [P.stopped, 'Tạ Văn Khoa', '1989-06-06', 1989, 'male', null],
    [P.child, 'Nguyễn Bảo Ngọc', '2023-03-04', 2023, 'female', null],
    [P.adultNoCard, 'Lê Văn Bình', null, 1970, 'male', null],
  ];
  for (const [code, name, birth, year, gender, cccd] of people)
    await sql`INSERT INTO persons (bhxh_code, full_name, birth_date, birth_year, gender, cccd, address_line, province_code)
      VALUES (${code}, ${name}, ${birth}, ${year}, ${gender}, ${cccd}, '78 Giải Phóng', '01')`.execute(db);
  const cards: CardRow[] = [
    [P.ok, 1, P.ok, 'DN', 4, '2026-01-01', '2026-12-31', 'active'],
    [P.defence, 2, P.defence, 'QN', 5, '2026-01-01', '2026-12-31', 'active', { managing: 'defence' }],
    [P.police, 3, P.police, 'CA', 5, '2026-01-01', '2026-12-31', 'active', { managing: 'public_security' }],
    [P.oldExpired, 5, P.oldExpired, 'GD', 4, '2026-01-01', '2026-12-31', 'active'],
    [
      P.oldExpired,
      4,
      `GD401${P.oldExpired}`,
      'GD',
      4,
      '2025-01-01',
      '2025-12-31',
      'replaced',
      { replacedBy: 5 },
    ],
    [P.oldValid, 7, P.oldValid, 'HC', 4, '2026-11-01', '2027-12-31', 'active'],
    [P.oldValid, 6, `HC401${P.oldValid}`, 'HC', 4, '2026-01-01', '2027-06-30', 'replaced', { replacedBy: 7 }],
    [P.expired, 8, P.expired, 'HS', 4, '2025-10-01', '2026-06-30', 'active'],
    [P.broken, 9, P.broken, 'DN', 4, '2025-01-01', '2026-12-31', 'replaced'],
    [P.revoked, 10, P.revoked, 'DN', 4, '2026-01-01', '2026-12-31', 'revoked'],
    [
      P.outOfProvince,
      11,
      P.outOfProvince,
      'DN',
      4,
      '2026-01-01',
      '2026-12-31',
      'reduced',
      { reduced: 'out_of_province' },
    ],
    [
      P.inProvince,
      12,
      P.inProvince,
      'DN',
      4,
      '2026-01-01',
      '2026-12-31',
      'reduced',
      { reduced: 'in_province' },
    ],
    [
      P.readded,
      13,
      P.readded,
      'DN',
      4,
      '2026-01-01',
      '2026-12-31',
      'reduced',
      { reduced: 'readded_same_unit' },
    ],
    [
      P.reducedOther,
      14,
      P.reducedOther,
      'DN',
      4,
      '2026-01-01',
      '2026-12-31',
      'reduced',
      { reduced: 'other' },
    ],
    [P.stopped, 15, P.stopped, 'DN', 4, '2026-01-01', '2026-12-31', 'reduced', { reduced: 'stopped' }],
  ];
  for (const [bhxh, id, number, object, level, from, to, status, extra] of cards)
    await sql`INSERT INTO bhyt_cards (bhxh_code, id, card_number, object_code, benefit_level, registered_clinic_code,
        valid_from, valid_to, five_year_date, issued_on, issuing_agency_code, status, replaced_by_id, managing_body, reduced_kind)
      VALUES (${bhxh}, ${id}, ${number}, ${object}, ${level}, '01C54', ${from}, ${to}, '2024-01-01', ${from}, '01',
        ${status}, ${extra?.replacedBy ?? null}, ${extra?.managing ?? 'bhxh'}, ${extra?.reduced ?? null})`.execute(
      db,
    );
}

export async function startGatewayWorld(): Promise<GatewayWorld> {
  const database = await createTestDatabase();
  const app = await buildApp(testConfig(), { database, now: () => NOW });
  await seed(database.db);
  const clinicAdmin = (
    await signInAs(app, { role: 'clinic', clinicCode: CLINIC, displayName: 'Quản trị Bạch Mai' })
  ).headers;
  const agency01 = (await signInAs(app, { role: 'agency_admin', agencyCode: '01' })).headers;
  const agency79 = (await signInAs(app, { role: 'agency_admin', agencyCode: '79' })).headers;
  const citizen = (await signInAs(app, { role: 'citizen', bhxhCode: P.ok, displayName: OK_NAME })).headers;
  return { database, app, clinicAdmin, agency01, agency79, citizen };
}

export async function stopGatewayWorld(world: GatewayWorld | undefined): Promise<void> {
  await world?.app.close();
  await world?.database.close();
}

/** Issues the clinic's credential (as Hà Nội's agency admin) and takes a token pair with it. */
export async function credentialAndToken(world: GatewayWorld, clinic = CLINIC) {
  const rotated = await world.app.inject({
    method: 'POST',
    url: `/api/v1/agency/clinics/${clinic}/gateway-credential`,
    headers: world.agency01,
  });
  const credential = rotated.json<{ username: string; password: string }>();
  const taken = await world.app.inject({
    method: 'POST',
    url: '/api/token/take',
    payload: { username: credential.username, password: credential.password },
  });
  const key = taken.json<{ APIKey: { access_token: string; id_token: string } }>().APIKey;
  const query = `token=${encodeURIComponent(key.access_token)}&id_token=${encodeURIComponent(key.id_token)}&username=${credential.username}`;
  return { credential, query };
}
