import type { FastifyInstance } from 'fastify';
import { signInAs } from '../../testing/auth';

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
