import { randomUUID } from 'node:crypto';
import { vietnamToday } from '@vssid/domain';
import type { FastifyInstance } from 'fastify';
import sharp from 'sharp';
import type { DatabaseHandle } from '../db/database';
import { signInAs } from './auth';

/** Who an employer unit's object belongs to (a subset of the matrix's `Owner`). */
interface UnitOwner {
  unit: string;
  account?: string;
  person?: string;
}

/** The employer portal's objects of the matrix world (issue #27), per unit. */
export interface UnitWorld {
  /** A current worker without an account, of each unit. */
  unitPeople: { code: string; owner: UnitOwner }[];
  /** A staff account of each unit (not a caller), whose status the unit's admin sets. */
  unitStaff: { id: string; owner: UnitOwner }[];
  /** A finished batch of each unit. */
  unitBatches: { id: string; owner: UnitOwner }[];
  /** A JPEG the registration's cleaner accepts, in base64 (a person's photos). */
  unitPhoto: string;
}

const UNITS = [
  { unit: 'TA0001', agency: '01', person: '0100000021', name: 'Đỗ Văn Thợ' },
  { unit: 'TB0002', agency: '79', person: '7900000022', name: 'Lý Thị Công' },
] as const;

/**
 * Tests only: the matrix world's employer objects: in each of its units U1 (TA0001) and U2
 * (TB0002) a current worker without an account, a staff account and a finished batch (its
 * employer callers are the units' admins).
 */
export async function seedUnitWorld(app: FastifyInstance, db: DatabaseHandle['db']): Promise<UnitWorld> {
  const month = `${vietnamToday().slice(0, 7)}-01`;
  const photo = await sharp({ create: { width: 320, height: 240, channels: 3, background: '#5a8ca0' } })
    .jpeg()
    .toBuffer();
  const world: UnitWorld = {
    unitPeople: [],
    unitStaff: [],
    unitBatches: [],
    unitPhoto: photo.toString('base64'),
  };
  for (const u of UNITS) {
    await db
      .insertInto('persons')
      .values({
        bhxh_code: u.person,
        full_name: u.name,
        birth_date: '1992-02-02',
        birth_year: 1992,
        gender: 'male',
        province_code: u.agency,
      })
      .execute();
    await db
      .insertInto('participation_periods')
      .values({
        bhxh_code: u.person,
        scheme: 'bhxh_compulsory',
        from_month: '2022-01-01',
        to_month: month,
        unit_code: u.unit,
        salary: '9000000',
        employee_rate_bp: 800,
        employer_rate_bp: 1750,
        employee_amount: '0',
        employer_amount: '0',
        state_support: '0',
        status: 'paid',
      })
      .execute();
    world.unitPeople.push({ code: u.person, owner: { unit: u.unit } });
    const staff = await signInAs(app, {
      role: 'employer',
      unitCode: u.unit,
      username: `nhanvien.${u.unit.toLowerCase()}`,
    });
    world.unitStaff.push({
      id: staff.principal.accountId,
      owner: { unit: u.unit, account: staff.principal.accountId },
    });
    const id = randomUUID();
    await db
      .insertInto('unit_batches')
      .values({
        id,
        unit_code: u.unit,
        agency_code: u.agency,
        created_by: staff.principal.accountId,
        total: 1,
        processed: 1,
        status: 'done',
        finished_at: new Date(),
      })
      .execute();
    world.unitBatches.push({ id, owner: { unit: u.unit } });
  }
  return world;
}
