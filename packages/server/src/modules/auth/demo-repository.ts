import { type Insertable, type Kysely, sql } from 'kysely';
import type { Database } from '../../db/schema';
import type { AccountTable } from '../../db/schema-auth';

/** The queries of the demo sign-ins (demo.ts): people to sign in as, places, and their accounts. */

/** The kind of insured person a demo account shows. */
type DemoPersonKind =
  'worker_with_owed_months' | 'retiree' | 'parent' | 'household_card_holder' | 'voluntary_candidate';

const DEMO_PERSON_WHERE = {
  worker_with_owed_months: sql`EXISTS (SELECT 1 FROM participation_periods pp WHERE pp.bhxh_code = p.bhxh_code AND pp.status = 'owed')`,
  retiree: sql`EXISTS (SELECT 1 FROM benefit_payments b WHERE b.bhxh_code = p.bhxh_code AND b.kind = 'pension')`,
  parent: sql`EXISTS (SELECT 1 FROM persons c WHERE c.guardian_bhxh_code = p.bhxh_code)`,
  // Issue #26: someone with a household (GD) card to renew, and an adult outside compulsory BHXH
  // this month (and not retired) who may register for voluntary BHXH.
  household_card_holder: sql`EXISTS (SELECT 1 FROM bhyt_cards c WHERE c.bhxh_code = p.bhxh_code
    AND c.object_code = 'GD' AND c.status = 'active')`,
  voluntary_candidate: sql`p.birth_year BETWEEN extract(year FROM current_date)::int - 55 AND extract(year FROM current_date)::int - 18
    AND NOT EXISTS (SELECT 1 FROM participation_periods pp WHERE pp.bhxh_code = p.bhxh_code
      AND pp.scheme = 'bhxh_compulsory' AND pp.to_month >= date_trunc('month', current_date))
    AND NOT EXISTS (SELECT 1 FROM benefit_payments b WHERE b.bhxh_code = p.bhxh_code AND b.kind = 'pension')`,
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
