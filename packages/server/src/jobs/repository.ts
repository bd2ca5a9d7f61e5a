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
