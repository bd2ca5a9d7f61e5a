import { type Insertable, type Kysely, sql } from 'kysely';
import type { Database } from '../../db/schema';
import type { AccountTable } from '../../db/schema-auth';

/** The queries of the demo sign-ins (demo.ts): people to sign in as, places, and their accounts. */

/** The kind of insured person a demo account shows. */
type DemoPersonKind = 'worker_with_owed_months' | 'retiree' | 'parent';

const DEMO_PERSON_WHERE = {
  worker_with_owed_months: sql`EXISTS (SELECT 1 FROM participation_periods pp WHERE pp.bhxh_code = p.bhxh_code AND pp.status = 'owed')`,
  retiree: sql`EXISTS (SELECT 1 FROM benefit_payments b WHERE b.bhxh_code = p.bhxh_code AND b.kind = 'pension')`,
  parent: sql`EXISTS (SELECT 1 FROM persons c WHERE c.guardian_bhxh_code = p.bhxh_code)`,
} as const;

/** The first person (by BHXH code) of this kind who has a phone. */
export async function findDemoPerson(db: Kysely<Database>, kind: DemoPersonKind) {
  const result = await sql<{ bhxh_code: string; full_name: string; phone: string }>`
        SELECT p.bhxh_code, p.full_name, p.phone FROM persons p
        WHERE p.phone IS NOT NULL AND ${DEMO_PERSON_WHERE[kind]} ORDER BY p.bhxh_code LIMIT 1`.execute(db);
  return result.rows[0];
}

export function findAgency(db: Kysely<Database>, code: string) {
  return db.selectFrom('bhxh_agencies').select(['code', 'name']).where('code', '=', code).executeTakeFirst();
}

/**
 * The demo's employer unit (issue #27): the unit where `person` works now, else the one with the
 * most current workers (periods reaching the last two months the data holds); `school`: the school
 * with the most. Falls back to the first unit by code.
 */
export async function findDemoUnit(
  db: Kysely<Database>,
  which: { person?: string | undefined; school?: boolean },
): Promise<{ code: string; name: string } | undefined> {
  const result = await sql<{ code: string; name: string }>`
    WITH recent AS (SELECT max(to_month) - interval '2 months' AS since FROM participation_periods)
    SELECT u.code, u.name FROM employer_units u
    JOIN participation_periods p ON p.unit_code = u.code
    WHERE p.to_month >= (SELECT since FROM recent)
      AND (${which.school ?? false} = false OR u.kind = 'school')
    GROUP BY u.code, u.name
    ORDER BY bool_or(p.bhxh_code = ${which.person ?? ''}) DESC, count(DISTINCT p.bhxh_code) DESC, u.code
    LIMIT 1`.execute(db);
  if (result.rows[0]) return result.rows[0];
  if (which.school) return undefined;
  return db.selectFrom('employer_units').select(['code', 'name']).orderBy('code').limit(1).executeTakeFirst();
}

export function findFirstClinicOfProvince(db: Kysely<Database>, provinceCode: string) {
  return db
    .selectFrom('clinics')
    .select(['code', 'name'])
    .where('province_code', '=', provinceCode)
    .orderBy('code')
    .limit(1)
    .executeTakeFirst();
}

/** The province offices that receive dossiers, but this one. */
export function findReceivingProvinceAgencies(db: Kysely<Database>, except: string) {
  return db
    .selectFrom('bhxh_agencies')
    .select(['code', 'name'])
    .where('level', '=', 'province')
    .where('receives_dossiers', '=', true)
    .where('code', '<>', except)
    .orderBy('code')
    .execute();
}

/** Inserts an account unless its user name is taken (an existing account is left alone). */
export async function insertAccountIfAbsent(
  db: Kysely<Database>,
  account: Insertable<AccountTable>,
): Promise<void> {
  await db
    .insertInto('accounts')
    .values(account)
    // The predicate as a literal: PostgreSQL matches a partial unique index only when it can prove
    // the conflict target's predicate implies the index's, which a bound parameter does not.
    .onConflict((oc) =>
      oc
        .column('username')
        .where(sql<boolean>`status <> 'closed'`)
        .doNothing(),
    )
    .execute();
}
