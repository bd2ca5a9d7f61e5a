import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/schema';

/** One person with their current card, its clinic and issuing agency: one row of one statement. */
export interface CardRow {
  bhxh_code: string;
  full_name: string;
  birth_date: string | null;
  birth_year: number;
  gender: 'male' | 'female';
  guardian_bhxh_code: string | null;
  guardian_name: string | null;
  address_line: string | null;
  province_code: string | null;
  commune_code: string | null;
  old_province_code: string | null;
  card_id: string | null;
  card_number: string | null;
  object_code: string | null;
  benefit_level: number | null;
  valid_from: string | null;
  valid_to: string | null;
  five_year_date: string | null;
  issued_on: string | null;
  card_status: 'active' | 'replaced' | 'revoked' | 'suspended' | 'reduced' | null;
  clinic_code: string | null;
  clinic_name: string | null;
  clinic_address: string | null;
  next_clinic_code: string | null;
  next_clinic_name: string | null;
  next_clinic_address: string | null;
  next_clinic_from: string | null;
  agency_code: string | null;
  agency_name: string | null;
  agency_province_code: string | null;
}

/** A CardRow as its statement reads it: the guardian's name comes apart (withGuardianNames). */
type PersonCardRow = Omit<CardRow, 'guardian_name'>;

const CARD_JOINS = sql`LEFT JOIN clinics cl ON cl.code = c.registered_clinic_code
  LEFT JOIN clinics ncl ON ncl.code = c.next_clinic_code
  LEFT JOIN bhxh_agencies a ON a.code = c.issuing_agency_code`;

/**
 * The current card of each person `p` of the statement: the newest card that has not been replaced
 * (a revoked or suspended card is still "current" and shown with its status), or else the newest
 * card. The cards are also restricted to `codes`, the persons' codes the statement filters on: on
 * Citus a correlated subquery's table is pruned by its own filters only, and without them the
 * read of one person's card went to all 32 shards (34 requests/s at 20,000 persons; issue #28);
 * with them it goes to the shard (or shards) of those codes. The same rows either way.
 */
function currentCard(codes: readonly string[]) {
  return sql`LEFT JOIN LATERAL (
    SELECT bc.id, bc.card_number, bc.object_code, bc.benefit_level, bc.valid_from, bc.valid_to,
           bc.five_year_date, bc.issued_on, bc.status, bc.registered_clinic_code, bc.issuing_agency_code,
           bc.next_clinic_code, bc.next_clinic_from
      FROM bhyt_cards bc
     WHERE bc.bhxh_code = p.bhxh_code AND bc.bhxh_code IN (${sql.join(codes)})
     ORDER BY (bc.status = 'replaced'), bc.valid_from DESC, bc.id DESC
     LIMIT 1
  ) c ON true
  ${CARD_JOINS}`;
}

const COLUMNS = sql`p.bhxh_code, p.full_name, p.birth_date::text AS birth_date, p.birth_year, p.gender,
  p.guardian_bhxh_code, p.address_line, p.province_code, p.commune_code,
  p.old_province_code,
  c.id::text AS card_id, c.card_number, c.object_code, c.benefit_level, c.valid_from::text AS valid_from,
  c.valid_to::text AS valid_to, c.five_year_date::text AS five_year_date, c.issued_on::text AS issued_on,
  c.status AS card_status,
  cl.code AS clinic_code, cl.name AS clinic_name, cl.address AS clinic_address,
  ncl.code AS next_clinic_code, ncl.name AS next_clinic_name, ncl.address AS next_clinic_address,
  c.next_clinic_from::text AS next_clinic_from,
  a.code AS agency_code, a.name AS agency_name, a.province_code AS agency_province_code`;

/**
 * The rows with their guardian's name. The guardian is another person (on Citus, on another
 * shard: issue #28), so not joined in the rows' statement: taken from the rows themselves (a
 * family's children name the person whose card it is), else read by key in one more statement —
 * only for a minor's own card. Joined in one statement, Citus pulled every person to the
 * coordinator for each card (6 requests/s).
 */
async function withGuardianNames(db: Kysely<Database>, rows: PersonCardRow[]): Promise<CardRow[]> {
  const known = new Map(rows.map((r) => [r.bhxh_code, r.full_name]));
  const missing = [
    ...new Set(rows.map((r) => r.guardian_bhxh_code).filter((c): c is string => c !== null && !known.has(c))),
  ];
  if (missing.length) {
    const guardians = await db
      .selectFrom('persons')
      .select(['bhxh_code', 'full_name'])
      .where('bhxh_code', 'in', missing)
      .execute();
    for (const g of guardians) known.set(g.bhxh_code, g.full_name);
  }
  return rows.map((r) => ({
    ...r,
    guardian_name: r.guardian_bhxh_code === null ? null : (known.get(r.guardian_bhxh_code) ?? null),
  }));
}

/** The person of this BHXH code with their current card (one statement; a minor's guardian one more), or undefined. */
export async function findCardOf(db: Kysely<Database>, bhxhCode: string): Promise<CardRow | undefined> {
  const result = await sql<PersonCardRow>`SELECT ${COLUMNS} FROM persons p ${currentCard([bhxhCode])}
    WHERE p.bhxh_code = ${bhxhCode}`.execute(db);
  return (await withGuardianNames(db, result.rows))[0];
}

/**
 * The person and the persons whose guardian they are, each with their current card. On Citus
 * (issue #28) the wards are found on the guardian's shard: `guardian_wards` (0030) is keyed by the
 * guardian and co-located with the guardian's row, so the first statement reads the person, their
 * card and their wards' codes on one shard; only for a guardian, a second reads the wards' cards
 * on the wards' shards, each still checked against the relation on the ward's own row
 * (`persons.guardian_bhxh_code`, the source of truth). Found from the wards' side (`OR
 * p.guardian_bhxh_code = …`), the list asked every shard.
 */
export async function findCardsOfFamily(db: Kysely<Database>, bhxhCode: string): Promise<CardRow[]> {
  const own = await sql<PersonCardRow & { wards: string[] | null }>`SELECT ${COLUMNS},
      (SELECT array_agg(w.ward_bhxh_code ORDER BY w.ward_bhxh_code) FROM guardian_wards w
        WHERE w.bhxh_code = p.bhxh_code AND w.bhxh_code = ${bhxhCode}) AS wards
    FROM persons p ${currentCard([bhxhCode])}
    WHERE p.bhxh_code = ${bhxhCode}`.execute(db);
  const self = own.rows[0];
  if (!self) return [];
  const { wards, ...person } = self;
  const rows: PersonCardRow[] = [person];
  if (wards?.length) {
    const children = await sql<PersonCardRow>`SELECT ${COLUMNS} FROM persons p ${currentCard(wards)}
      WHERE p.bhxh_code IN (${sql.join(wards)}) AND p.guardian_bhxh_code = ${bhxhCode}
      ORDER BY p.birth_year, p.birth_date NULLS LAST, p.bhxh_code`.execute(db);
    rows.push(...children.rows);
  }
  return withGuardianNames(db, rows);
}

/** Every card of one person (or only the card `cardId`), newest first, with the person (FHIR Coverage). */
export async function findCardsOfPerson(
  db: Kysely<Database>,
  bhxhCode: string,
  cardId?: string,
): Promise<CardRow[]> {
  const result = await sql<PersonCardRow>`SELECT ${COLUMNS} FROM persons p
    JOIN bhyt_cards c ON c.bhxh_code = p.bhxh_code ${cardId === undefined ? sql`` : sql`AND c.id = ${cardId}`}
    ${CARD_JOINS}
    WHERE p.bhxh_code = ${bhxhCode}
    ORDER BY c.valid_from DESC, c.id DESC`.execute(db);
  return withGuardianNames(db, result.rows);
}
