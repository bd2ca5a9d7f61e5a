import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import type { Principal, Role } from '../modules/auth/guard';
import { hashPassword } from '../modules/auth/service';

interface SignInAsOptions {
  role: Role;
  /** Citizens: their BHXH code (a minimal person row is created when the test has none). */
  bhxhCode?: string;
  agencyCode?: string;
  unitCode?: string;
  /** Employer users: the unit's admin (true) or unit staff (default). */
  unitAdmin?: boolean;
  clinicCode?: string;
  displayName?: string;
  username?: string;
  phone?: string;
}

/**
 * Tests only: a real account (created when missing) and a real session opened through the auth
 * service, as a password sign-in on a trusted device would; returns a bearer header for
 * `app.inject`. Missing catalog rows the account points at are created with placeholder data.
 */
export async function signInAs(
  app: FastifyInstance,
  options: SignInAsOptions,
): Promise<{ headers: { authorization: string }; principal: Principal; refreshToken: string }> {
  const db = app.database.db;
  const displayName = options.displayName ?? 'Người Dùng Thử';
  const province = '01';
  if (options.role === 'citizen') {
    const code = options.bhxhCode ?? '0100000001';
    await sql`INSERT INTO persons (bhxh_code, full_name, birth_year, gender)
              VALUES (${code}, ${displayName}, 1990, 'female') ON CONFLICT DO NOTHING`.execute(db);
  }
  if (options.agencyCode)
    await sql`INSERT INTO bhxh_agencies (code, level, name, address, province_code)
              VALUES (${options.agencyCode}, 'province', 'BHXH thử nghiệm', 'Địa chỉ thử nghiệm', ${province})
              ON CONFLICT DO NOTHING`.execute(db);
  if (options.unitCode) {
    await sql`INSERT INTO bhxh_agencies (code, level, name, address, province_code)
              VALUES ('TST01', 'province', 'BHXH thử nghiệm', 'Địa chỉ thử nghiệm', ${province}) ON CONFLICT DO NOTHING`.execute(
      db,
    );
    await sql`INSERT INTO employer_units (code, name, kind, address, province_code, managing_agency)
              VALUES (${options.unitCode}, 'Đơn vị thử nghiệm', 'enterprise', 'Địa chỉ thử nghiệm', ${province}, 'TST01')
              ON CONFLICT DO NOTHING`.execute(db);
  }
  if (options.clinicCode)
    await sql`INSERT INTO clinics (code, name, level, address, province_code)
              VALUES (${options.clinicCode}, 'Cơ sở KCB thử nghiệm', 'district', 'Địa chỉ thử nghiệm', ${province})
              ON CONFLICT DO NOTHING`.execute(db);
  const username = (
    options.username ??
    (options.role === 'citizen'
      ? (options.bhxhCode ?? '0100000001')
      : `${options.role}.${randomUUID().slice(0, 8)}`)
  ).toLowerCase();
  let account = await db
    .selectFrom('accounts')
    .selectAll()
    .where('username', '=', username)
    .executeTakeFirst();
  account ??= await db
    .insertInto('accounts')
    .values({
      role: options.role,
      username,
      bhxh_code: options.role === 'citizen' ? (options.bhxhCode ?? '0100000001') : null,
      agency_code: options.agencyCode ?? null,
      unit_code: options.unitCode ?? null,
      unit_admin: options.unitAdmin ?? false,
      clinic_code: options.clinicCode ?? null,
      display_name: displayName,
      phone: options.phone ?? null,
      password_hash: await hashPassword(randomUUID()),
      must_change_password: false,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  const opened = await db.transaction().execute((trx) =>
    app.auth.openSession(trx, account, 'password', {
      principal: null,
      language: 'vi',
      requestId: 'test',
      client: { ip: '127.0.0.1', userAgent: 'vitest', deviceId: randomUUID(), deviceLabel: 'vitest' },
    }),
  );
  const issued = await app.auth.issueSession(opened);
  return {
    headers: { authorization: `Bearer ${issued.accessToken}` },
    principal: issued.principal,
    refreshToken: issued.refreshToken,
  };
}
