import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema';

/**
 * The queries of the periodic jobs over tables no single module of theirs owns. The orphan file
 * clean-up (file-cleanup.ts) asks which stored files a dossier still refers to.
 */

/** Of these content hashes, those a dossier, a service request or a ticket refers to: a photo (`dossier_files`, `service_request_files`, `ticket_attachments`) or a Form 01 PDF. */
export async function referencedFileHashes(
  db: Kysely<Database>,
  hashes: readonly string[],
): Promise<Set<string>> {
  const rows = await db
    .selectFrom('dossier_files')
    .select('sha256')
    .where('sha256', '=', (eb) => eb.fn.any(eb.val([...hashes])))
    // The stored Form 01 PDFs (migration 0014) are a dossier's files too.
    .union((eb) =>
      eb
        .selectFrom('dossier_pdfs')
        .select('sha256')
        .where('sha256', '=', (e) => e.fn.any(e.val([...hashes]))),
    )
    // Photos attached to online service requests (migration 0017).
    .union((eb) =>
      eb
        .selectFrom('service_request_files')
        .select('sha256')
        .where('sha256', '=', (e) => e.fn.any(e.val([...hashes]))),
    )
    // Files attached to support tickets and their replies (migration 0021).
    .union((eb) =>
      eb
        .selectFrom('ticket_attachments')
        .select('sha256')
        .where('sha256', '=', (e) => e.fn.any(e.val([...hashes]))),
    )
    .execute();
  // Photos a unit completed for a person, not yet in a dossier (issue #27, migration 0026).
  const completed = await sql<{ sha256: string }>`
    SELECT x.value->>'sha256' AS sha256
    FROM unit_person_data u CROSS JOIN LATERAL jsonb_each(u.photos) x
    WHERE x.value->>'sha256' = ANY(${[...hashes]}::text[])`.execute(db);
  return new Set([...rows.map((r) => r.sha256), ...completed.rows.map((r) => r.sha256)]);
}

/**
 * Moves up to `batch` due changes of initial clinic (`next_clinic_from` on or before `today`) onto
 * their cards, in one statement; the condition is checked again on each row under its lock, so two
 * nodes at once move each card once. How many moved.
 */
export async function moveDueClinicChanges(
  db: Kysely<Database>,
  today: string,
  batch: number,
): Promise<number> {
  const result = await sql`
    UPDATE bhyt_cards c
       SET registered_clinic_code = c.next_clinic_code,
           next_clinic_code = NULL,
           next_clinic_from = NULL
      FROM (SELECT bhxh_code, id FROM bhyt_cards
             WHERE next_clinic_code IS NOT NULL AND next_clinic_from <= ${today}::date
             LIMIT ${batch}) due
     WHERE c.bhxh_code = due.bhxh_code AND c.id = due.id
       AND c.next_clinic_code IS NOT NULL AND c.next_clinic_from <= ${today}::date`.execute(db);
  return Number(result.numAffectedRows ?? 0n);
}

/**
 * Runs `work` if this node gets the transaction-level advisory lock named `key` (another node
 * holding it: false, and nothing runs), then keeps the lock until `hold.until` (epoch ms) or until
 * `hold.signal` aborts. The lock's transaction only holds the lock: `work` uses connections of
 * its own. Transaction-level, so it works through PgBouncer in transaction mode.
 */
export async function holdTickLock(
  db: Kysely<Database>,
  key: string,
  hold: { until: number; signal: AbortSignal },
  work: () => Promise<unknown>,
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const { rows } = await sql<{ got: boolean }>`
      SELECT pg_try_advisory_xact_lock(hashtextextended(${key}, 0)) AS got`.execute(trx);
    if (!rows[0]?.got) return false;
    await work();
    const wait = hold.until - Date.now();
    if (wait > 0 && !hold.signal.aborted)
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, wait);
        function done() {
          clearTimeout(timer);
          hold.signal.removeEventListener('abort', done);
          resolve();
        }
        hold.signal.addEventListener('abort', done);
      });
    return true;
  });
}

/** Who a renewal reminder (issue #26) goes to: the holder, and their guardian for a ward. */
export interface RenewalDue {
  bhxh_code: string;
  /** The paid period's or the card's id: the reminder is sent once per it. */
  id: string;
  /** The last day covered (`yyyy-mm-dd`). */
  ends_on: string;
  full_name: string;
  phone: string | null;
  language: string | null;
  guardian_bhxh_code: string | null;
  guardian_phone: string | null;
  guardian_language: string | null;
}

// The person and their account on the person's shard; a ward's guardian is another person (on
// another shard under Citus, issue #28), read by `withGuardians` in a second statement.
const RENEWAL_PEOPLE = sql`JOIN persons p ON p.bhxh_code = x.bhxh_code
  LEFT JOIN accounts a ON a.bhxh_code = p.bhxh_code AND a.role = 'citizen' AND a.status = 'active'`;
const RENEWAL_COLUMNS = sql`p.full_name, COALESCE(a.phone, p.phone) AS phone, a.language,
  p.guardian_bhxh_code, NULL::text AS guardian_phone, NULL::text AS guardian_language`;

/** The guardians' phone and language filled in (one statement for all of them). */
async function withGuardians(db: Kysely<Database>, rows: RenewalDue[]): Promise<RenewalDue[]> {
  const codes = [...new Set(rows.flatMap((r) => (r.guardian_bhxh_code ? [r.guardian_bhxh_code] : [])))];
  if (codes.length === 0) return rows;
  const guardians = await sql<{ bhxh_code: string; phone: string | null; language: string | null }>`
    SELECT g.bhxh_code, COALESCE(ga.phone, g.phone) AS phone, ga.language
      FROM persons g
      LEFT JOIN accounts ga ON ga.bhxh_code = g.bhxh_code AND ga.role = 'citizen' AND ga.status = 'active'
     WHERE g.bhxh_code = ANY(${codes}::text[])`.execute(db);
  const byCode = new Map(guardians.rows.map((g) => [g.bhxh_code, g]));
  return rows.map((r) => {
    const g = r.guardian_bhxh_code ? byCode.get(r.guardian_bhxh_code) : undefined;
    return g ? { ...r, guardian_phone: g.phone, guardian_language: g.language } : r;
  });
}

/**
 * Voluntary BHXH periods (paid) whose last month ends between `today` and `until`, with no later
 * voluntary period: the person has not paid the next one yet.
 */
export async function findVoluntaryPeriodsEnding(db: Kysely<Database>, today: string, until: string) {
  const result = await sql<RenewalDue>`
    SELECT x.bhxh_code, x.id::text AS id,
           ((x.to_month + interval '1 month')::date - 1)::text AS ends_on, ${RENEWAL_COLUMNS}
      FROM participation_periods x ${RENEWAL_PEOPLE}
     WHERE x.scheme = 'bhxh_voluntary' AND x.status = 'paid'
       AND (x.to_month + interval '1 month')::date - 1 BETWEEN ${today}::date AND ${until}::date
       AND NOT EXISTS (SELECT 1 FROM participation_periods n
                        WHERE n.bhxh_code = x.bhxh_code AND n.scheme = 'bhxh_voluntary'
                          AND n.from_month > x.to_month)`.execute(db);
  return withGuardians(db, result.rows);
}

/** Household (GD) cards in force ending between `today` and `until`, with no later card. */
export async function findHouseholdCardsEnding(db: Kysely<Database>, today: string, until: string) {
  const result = await sql<RenewalDue>`
    SELECT x.bhxh_code, x.id::text AS id, x.valid_to::text AS ends_on, ${RENEWAL_COLUMNS}
      FROM bhyt_cards x ${RENEWAL_PEOPLE}
     WHERE x.object_code = 'GD' AND x.status = 'active'
       AND x.valid_to BETWEEN ${today}::date AND ${until}::date
       AND NOT EXISTS (SELECT 1 FROM bhyt_cards n
                        WHERE n.bhxh_code = x.bhxh_code AND n.status <> 'replaced' AND n.valid_from > x.valid_to)`.execute(
    db,
  );
  return withGuardians(db, result.rows);
}
