import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/schema';
import type { DossierRow } from './repository';

/**
 * SQL the citizen side and the back office share: the scope of an officer's agency, and who a
 * dossier's messages go to (`contact.ts`).
 */

/**
 * The agencies whose dossiers an officer of `agencyCode` handles: the agency itself and every
 * agency below it (a provincial office sees its local offices' dossiers; the national office sees
 * all). ASSUMPTION (issue 5, "decide and document"): scope follows `bhxh_agencies.parent_code`
 * downwards, never sideways or upwards.
 */
export async function agencyScope(db: Kysely<Database>, agencyCode: string): Promise<string[]> {
  const result = await sql<{ code: string }>`
    WITH RECURSIVE scope(code) AS (
      SELECT code FROM bhxh_agencies WHERE code = ${agencyCode}
      UNION
      SELECT a.code FROM bhxh_agencies a JOIN scope s ON a.parent_code = s.code
    )
    SELECT code FROM scope`.execute(db);
  return result.rows.map((r) => r.code);
}

export interface PersonContact {
  bhxh_code: string;
  full_name: string;
  birth_date: string | null;
  birth_year: number;
  gender: 'male' | 'female';
  cccd: string | null;
  phone: string | null;
  email: string | null;
  address_line: string | null;
  province_code: string | null;
  commune_code: string | null;
  guardian_bhxh_code: string | null;
}

export async function findPersonContact(
  db: Kysely<Database>,
  bhxhCode: string,
): Promise<PersonContact | undefined> {
  const row = await db
    .selectFrom('persons')
    .select([
      'bhxh_code',
      'full_name',
      sql<string | null>`to_char(birth_date, 'YYYY-MM-DD')`.as('birth_date'),
      'birth_year',
      'gender',
      'cccd',
      'phone',
      'email',
      'address_line',
      'province_code',
      'commune_code',
      'guardian_bhxh_code',
    ])
    .where('bhxh_code', '=', bhxhCode)
    .executeTakeFirst();
  return row;
}

/** The language of the account of a BHXH code (a child's guardian), if it has one. */
export function findAccountLanguage(db: Kysely<Database>, bhxhCode: string) {
  return db.selectFrom('accounts').select('language').where('bhxh_code', '=', bhxhCode).executeTakeFirst();
}

/** The details of a dossier's `submit` action (the language the form was submitted in). */
export function findSubmitDetails(db: Kysely<Database>, dossier: DossierRow) {
  return db
    .selectFrom('dossier_actions')
    .select('details')
    .where('bhxh_code', '=', dossier.bhxh_code)
    .where('dossier_id', '=', dossier.id)
    .where('action', '=', 'submit')
    .executeTakeFirst();
}
