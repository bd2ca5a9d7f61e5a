import type { FastifyInstance } from 'fastify';
import { communesPre2025 } from '@vssid/domain';
import { buildApp } from '../../app';
import type { DatabaseHandle } from '../../db/database';
import { createTestDatabase, testConfig } from '../../testing/database';

/**
 * The look-up tests' world (lookup-code.int.test.ts, lookup-directories.int.test.ts): two API
 * nodes on one database (limits and catalogs must hold across nodes), and the agencies, clinics,
 * employer units, collection agents and people they search.
 */

export const RATE_MAX = 6;
export const POW_BITS = 6;

interface LookupNodes {
  database: DatabaseHandle;
  app: FastifyInstance;
  /** A second API node on the same database: limits must hold across nodes. */
  otherNode: FastifyInstance;
}

// An old (pre-2025) commune of Quận Ba Đình, Hà Nội, for a person recorded only with old units.
const oldBaDinhCommune = (() => {
  const commune = communesPre2025('001')[0];
  if (!commune) throw new Error('no commune in the old district 001');
  return commune.code;
})();

export async function startLookupNodes(): Promise<LookupNodes> {
  const database = await createTestDatabase();
  const config = testConfig({
    LOOKUP_POW_BITS: String(POW_BITS),
    LOOKUP_RATE_LIMIT_MAX: String(RATE_MAX),
    LOOKUP_RATE_LIMIT_WINDOW_MS: '600000',
  });
  const app = await buildApp(config, { database });
  const otherNode = await buildApp(config, { database });
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
  return { database, app, otherNode };
}

export async function stopLookupNodes({ database, app, otherNode }: LookupNodes): Promise<void> {
  await otherNode.close();
  await app.close();
  await database.close();
}

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

export function clinic(
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
