import { type Kysely, type Selectable, type SelectQueryBuilder, sql } from 'kysely';
import type { Database } from '../../db/schema';
import type { CatalogVersionTable } from '../../db/schema-lookup';
import type { NewAuditEvent } from '../audit/service';

/* ---- challenges, counters, match tokens ------------------------------------------------------ */

export async function insertChallenge(
  db: Kysely<Database>,
  challenge: { id: string; salt: string; bits: number; expiresAt: Date },
): Promise<void> {
  await db
    .insertInto('lookup_challenges')
    .values({
      id: challenge.id,
      salt: challenge.salt,
      bits: challenge.bits,
      expires_at: challenge.expiresAt,
    })
    .execute();
}

/** Takes a challenge out (single use): its salt and difficulty, or null when unknown or expired. */
export async function consumeChallenge(
  db: Kysely<Database>,
  challengeId: string,
): Promise<{ salt: string; bits: number } | null> {
  const row = await db
    .deleteFrom('lookup_challenges')
    .where('id', '=', challengeId)
    .returning(['salt', 'bits', sql<boolean>`expires_at > now()`.as('live')])
    .executeTakeFirst();
  return row?.live ? { salt: row.salt, bits: row.bits } : null;
}

/** The people an exact name search finds (findExactCandidates), with their phone. */
export type ExactCandidate = Omit<PersonCandidate, 'has_phone'> & { phone: string | null };

/** An exact name search to run in the same round trip when the limit and the challenge allow it. */
export interface ExactSearch {
  birthYear: number;
  provinceCode: string;
  oldProvinceCodes: readonly string[];
  key: string;
  /** The per-IP limit: over it, nobody is searched. */
  maxHits: number;
}

/**
 * In one round trip: counts one hit of `bucket` in its window and takes the challenge out
 * (single use, even when the hit is over the limit). Returns the hits so far (this one included)
 * and the challenge's salt and difficulty, or null when it is unknown or expired. With `exact`,
 * the same statement also runs findExactCandidates' search, but only when this hit is within
 * the limit and the challenge was live; the caller checks the proof of work and uses the people
 * found only if it holds (`exact` is null when the search did not run).
 */
export async function hitAndConsumeChallenge(
  db: Kysely<Database>,
  bucket: string,
  windowStart: Date,
  windowEnd: Date,
  challengeId: string,
  exact?: ExactSearch,
): Promise<{
  hits: number;
  challenge: { salt: string; bits: number } | null;
  exact: ExactCandidate[] | null;
}> {
  const search = exact
    ? sql`, found AS (
        SELECT bhxh_code, full_name, birth_date, birth_year, gender, commune_code, old_commune_code, phone
          FROM persons
         WHERE birth_year = ${exact.birthYear} AND province_code = ${exact.provinceCode}
           AND lookup_key(full_name) = ${exact.key}
        UNION ALL
        SELECT bhxh_code, full_name, birth_date, birth_year, gender, commune_code, old_commune_code, phone
          FROM persons
         WHERE birth_year = ${exact.birthYear} AND province_code IS NULL
           AND old_province_code = ANY(${sql.val([...exact.oldProvinceCodes])}::text[])
           AND lookup_key(full_name) = ${exact.key}
      )`
    : sql``;
  const found = exact
    ? sql`CASE WHEN gate.hits <= ${exact.maxHits} AND gate.live
            THEN (SELECT coalesce(json_agg(found), '[]'::json) FROM found) END`
    : sql`NULL::json`;
  const result = await sql<{
    hits: number;
    salt: string | null;
    bits: number | null;
    live: boolean | null;
    exact: ExactCandidate[] | null;
  }>`
    WITH hit AS (
      INSERT INTO lookup_rate_counters (bucket, window_start, window_end, hits)
      VALUES (${bucket}, ${windowStart}, ${windowEnd}, 1)
      ON CONFLICT (bucket, window_start) DO UPDATE SET hits = lookup_rate_counters.hits + 1
      RETURNING hits
    ), taken AS (
      DELETE FROM lookup_challenges WHERE id = ${challengeId} RETURNING salt, bits, expires_at > now() AS live
    ), gate AS (
      SELECT (SELECT hits FROM hit) AS hits, taken.salt, taken.bits, taken.live
      FROM (SELECT 1) AS one LEFT JOIN taken ON true
    )${search}
    SELECT gate.hits, gate.salt, gate.bits, gate.live, ${found} AS exact FROM gate`.execute(db);
  const row = result.rows[0];
  if (!row) throw new Error('no counter row');
  return {
    hits: row.hits,
    challenge: row.salt !== null && row.bits !== null && row.live ? { salt: row.salt, bits: row.bits } : null,
    exact: row.exact,
  };
}

/** Removes expired challenges, counters of ended windows and expired match tokens. */
export async function deleteExpired(db: Kysely<Database>): Promise<void> {
  await db
    .deleteFrom('lookup_challenges')
    .where('expires_at', '<', sql<Date>`now()`)
    .execute();
  await db
    .deleteFrom('lookup_rate_counters')
    .where('window_end', '<', sql<Date>`now()`)
    .execute();
  await db
    .deleteFrom('lookup_match_tokens')
    .where('expires_at', '<', sql<Date>`now()`)
    .execute();
}

/** Counts one hit in a fixed window and returns the hits so far in it (this one included). */
export async function hitCounter(
  db: Kysely<Database>,
  bucket: string,
  windowStart: Date,
  windowEnd: Date,
): Promise<number> {
  const row = await db
    .insertInto('lookup_rate_counters')
    .values({ bucket, window_start: windowStart, window_end: windowEnd, hits: 1 })
    .onConflict((oc) =>
      oc
        .columns(['bucket', 'window_start'])
        .doUpdateSet({ hits: sql<number>`lookup_rate_counters.hits + 1` }),
    )
    .returning('hits')
    .executeTakeFirstOrThrow();
  return row.hits;
}

/**
 * The match tokens of a look-up's answers and its audit entries, in one statement (atomic by
 * itself: one round trip instead of a transaction's four or more).
 */
export async function insertMatchTokensAndAudit(
  db: Kysely<Database>,
  tokens: { token: string; bhxhCode: string; expiresAt: Date }[],
  events: NewAuditEvent[],
): Promise<void> {
  if (!tokens.length) {
    await db.insertInto('audit_log').values(events).execute();
    return;
  }
  await db
    .with('tokens', (q) =>
      q
        .insertInto('lookup_match_tokens')
        .values(tokens.map((t) => ({ token: t.token, bhxh_code: t.bhxhCode, expires_at: t.expiresAt }))),
    )
    .insertInto('audit_log')
    .values(events)
    .execute();
}

export async function findMatchToken(
  db: Kysely<Database>,
  token: string,
): Promise<{ bhxhCode: string; smsSentAt: Date | null } | undefined> {
  const row = await db
    .selectFrom('lookup_match_tokens')
    .select(['bhxh_code', 'sms_sent_at'])
    .where('token', '=', token)
    .where('expires_at', '>', sql<Date>`now()`)
    .executeTakeFirst();
  return row ? { bhxhCode: row.bhxh_code, smsSentAt: row.sms_sent_at } : undefined;
}

/** Marks the token's SMS as sent; false when it had been sent already (a concurrent request). */
export async function markSmsSent(db: Kysely<Database>, token: string): Promise<boolean> {
  const rows = await db
    .updateTable('lookup_match_tokens')
    .set({ sms_sent_at: sql<Date>`now()` })
    .where('token', '=', token)
    .where('sms_sent_at', 'is', null)
    .returning('token')
    .execute();
  return rows.length === 1;
}

/* ---- persons ---------------------------------------------------------------------------------- */

export interface PersonCandidate {
  bhxh_code: string;
  full_name: string;
  birth_date: string | null;
  birth_year: number;
  gender: 'male' | 'female';
  commune_code: string | null;
  old_commune_code: string | null;
  has_phone: boolean;
}

const candidateColumns = [
  'bhxh_code',
  'full_name',
  'birth_date',
  'birth_year',
  'gender',
  'commune_code',
  'old_commune_code',
] as const;

/**
 * Everyone born in `birthYear` in the 2025 province (or, recorded only with old units, in one of
 * the old provinces that became it): the candidates the name is then compared with. Served by
 * persons_lookup_idx / persons_lookup_old_idx.
 */
export async function findCandidatesByYearAndProvince(
  db: Kysely<Database>,
  birthYear: number,
  provinceCode: string,
  oldProvinceCodes: readonly string[],
): Promise<Omit<PersonCandidate, 'has_phone'>[]> {
  const current = db
    .selectFrom('persons')
    .select(candidateColumns)
    .where('birth_year', '=', birthYear)
    .where('province_code', '=', provinceCode);
  if (!oldProvinceCodes.length) return current.execute();
  return current
    .unionAll(
      db
        .selectFrom('persons')
        .select(candidateColumns)
        .where('birth_year', '=', birthYear)
        .where('province_code', 'is', null)
        .where('old_province_code', 'in', [...oldProvinceCodes]),
    )
    .execute();
}

/**
 * The people born in `birthYear` in the province (or its old provinces, for those recorded only
 * with old units) whose name has exactly this search key, with their phone: an index lookup.
 */
export async function findExactCandidates(
  db: Kysely<Database>,
  birthYear: number,
  provinceCode: string,
  oldProvinceCodes: readonly string[],
  key: string,
): Promise<(Omit<PersonCandidate, 'has_phone'> & { phone: string | null })[]> {
  const columns = [...candidateColumns, 'phone'] as const;
  const current = db
    .selectFrom('persons')
    .select(columns)
    .where('birth_year', '=', birthYear)
    .where('province_code', '=', provinceCode)
    .where(sql<string>`lookup_key(full_name)`, '=', key);
  if (!oldProvinceCodes.length) return current.execute();
  return current
    .unionAll(
      db
        .selectFrom('persons')
        .select(columns)
        .where('birth_year', '=', birthYear)
        .where('province_code', 'is', null)
        .where('old_province_code', 'in', [...oldProvinceCodes])
        .where(sql<string>`lookup_key(full_name)`, '=', key),
    )
    .execute();
}

/** People with this CCCD or old CMND number. */
export async function findByIdNumber(
  db: Kysely<Database>,
  idNumber: string,
): Promise<Omit<PersonCandidate, 'has_phone'>[]> {
  const byCccd = db.selectFrom('persons').select(candidateColumns).where('cccd', '=', idNumber);
  const byCmnd = db.selectFrom('persons').select(candidateColumns).where('old_cmnd', '=', idNumber);
  return /^\d{12}$/.test(idNumber) ? byCccd.unionAll(byCmnd).execute() : byCmnd.execute();
}

/** The phone registered for these people (by code). */
export async function findPhones(
  db: Kysely<Database>,
  bhxhCodes: readonly string[],
): Promise<Map<string, string | null>> {
  if (!bhxhCodes.length) return new Map();
  const rows = await db
    .selectFrom('persons')
    .select(['bhxh_code', 'phone'])
    .where('bhxh_code', 'in', [...bhxhCodes])
    .execute();
  return new Map(rows.map((r) => [r.bhxh_code, r.phone]));
}

export async function findPersonName(
  db: Kysely<Database>,
  bhxhCode: string,
): Promise<{ full_name: string } | undefined> {
  return db.selectFrom('persons').select('full_name').where('bhxh_code', '=', bhxhCode).executeTakeFirst();
}

/* ---- directories ------------------------------------------------------------------------------ */

export interface Near {
  lat: number;
  lng: number;
}

export interface DirectoryFilter {
  provinceCode?: string | undefined;
  communeCodes?: readonly string[] | undefined;
  /** Every word must be among the words of the name (`lookup_words`). */
  words?: readonly string[] | undefined;
  near?: Near | undefined;
  limit: number;
  offset: number;
}

const total = sql<string>`count(*) over ()`.as('total');

export interface Page<T> {
  rows: T[];
  total: number;
}

/** A page of `run`'s rows; past the last page, the total comes from counting the rows of `base`. */
async function paged<T extends { total: string }, TB extends keyof Database, O>(
  run: () => Promise<T[]>,
  base: SelectQueryBuilder<Database, TB, O>,
  offset: number,
): Promise<Page<Omit<T, 'total'>>> {
  const rows = await run();
  const first = rows[0];
  const n = first
    ? Number(first.total)
    : offset > 0
      ? Number((await base.select(sql<string>`count(*)`.as('n')).executeTakeFirstOrThrow()).n)
      : 0;
  return { rows: rows.map(({ total: _t, ...rest }) => rest), total: n };
}

/* The small catalogs, loaded whole into memory and searched there (catalogs.ts). */

/** What every small catalog lists (catalogs.ts `PlacedRow`, with the address and phone). */
const placedColumns = [
  'code',
  'name',
  'address',
  'province_code',
  'commune_code',
  'phone',
  'latitude',
  'longitude',
] as const;

export function loadAgencies(db: Kysely<Database>) {
  return db
    .selectFrom('bhxh_agencies')
    .select([...placedColumns, 'level', 'email', 'opening_hours'])
    .execute();
}

/** The clinics with a BHYT contract: the only ones a look-up lists. */
export function loadContractedClinics(db: Kysely<Database>) {
  return db
    .selectFrom('clinics')
    .where('bhyt_contracted', '=', true)
    .select([...placedColumns, 'level', 'issues_sick_leave'])
    .execute();
}

export function loadAgents(db: Kysely<Database>) {
  return db
    .selectFrom('collection_agents')
    .select([...placedColumns, 'kind'])
    .execute();
}

const unitColumns = [
  'code',
  'tax_code',
  'name',
  'address',
  'province_code',
  'commune_code',
  'representative_name',
  'phone',
  'email',
] as const;

/** The version a catalog is at (`catalog_versions`, moved by every change of its table). */
export async function catalogVersion(
  db: Kysely<Database>,
  catalog: CatalogVersionTable['catalog'],
): Promise<string> {
  const { version } = await db
    .selectFrom('catalog_versions')
    .select('version')
    .where('catalog', '=', catalog)
    .executeTakeFirstOrThrow();
  return version;
}

/**
 * Every unit's code, name words and province in name order (the SQL search's order), with the
 * version of the catalog read before them: the rows are at least that new.
 */
export async function loadUnitIndex(db: Kysely<Database>) {
  const { version } = await db
    .selectFrom('catalog_versions')
    .select('version')
    .where('catalog', '=', 'employer_units')
    .executeTakeFirstOrThrow();
  const units = await db
    .selectFrom('employer_units')
    .select(['code', 'name_words', 'province_code'])
    .orderBy('name_sort')
    .orderBy('name')
    .orderBy('code')
    .execute();
  return { version, units };
}

/** The units with these codes and, in the same statement, the catalog's version. */
export async function unitsByCode(db: Kysely<Database>, codes: readonly string[]) {
  const rows = await db
    .selectFrom('catalog_versions as v')
    .leftJoin('employer_units as u', (join) =>
      join.on(sql<boolean>`u.code = ANY(${sql.val([...codes])}::text[])`),
    )
    .where('v.catalog', '=', 'employer_units')
    .select('v.version')
    .select(unitColumns.map((c) => `u.${c}` as const))
    .execute();
  const version = rows[0]?.version;
  if (version === undefined) throw new Error('no version row for employer_units');
  // A joined row (code not null) has every column as the table declares it.
  const units = rows.flatMap(({ version: _v, ...u }) => (u.code === null ? [] : [u as UnitRow]));
  return { version, rows: units };
}

type UnitRow = Pick<Selectable<Database['employer_units']>, (typeof unitColumns)[number]>;

export async function searchUnits(
  db: Kysely<Database>,
  f: Omit<DirectoryFilter, 'near' | 'communeCodes'> & { taxCode?: string | undefined },
) {
  let q = db.selectFrom('employer_units');
  if (f.taxCode) q = q.where('tax_code', '=', f.taxCode);
  if (f.provinceCode) q = q.where('province_code', '=', f.provinceCode);
  // The stored words (migration 0009), not lookup_words(name): nothing computed per match.
  if (f.words?.length) q = q.where(sql<boolean>`name_words @> ${sql.val([...f.words])}::text[]`);
  const base = q;
  const query = base.select([...unitColumns, total]);
  return paged(
    // Not byName: a common word ("cong ty") matches most units, and the key would be computed
    // for each; the stored lower(name) puts "cổ phần" before "TNHH" all the same.
    () =>
      query.orderBy('name_sort').orderBy('name').orderBy('code').limit(f.limit).offset(f.offset).execute(),
    base,
    f.offset,
  );
}

/** `lookup_key` as the database computes it (for the test that keeps it equal to keys.ts). */
export async function databaseLookupKeys(db: Kysely<Database>, texts: readonly string[]): Promise<string[]> {
  const rows = await sql<{ k: string }>`
    SELECT lookup_key(t) AS k FROM unnest(${sql.val([...texts])}::text[]) WITH ORDINALITY AS u(t, i) ORDER BY i`.execute(
    db,
  );
  return rows.rows.map((r) => r.k);
}
