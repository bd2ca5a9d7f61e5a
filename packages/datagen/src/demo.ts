import { type Kysely, sql } from 'kysely';
import type { Database } from '@vssid/server';
import { loadWithInserts } from './load';

export const DEMO_SEED = 'vssid-demo';
export const DEMO_PERSONS = 2000;

/**
 * Loads the demo nation (about 2,000 persons with their whole history) into an empty database —
 * the first `npm start` — and returns lines for the start banner with BHXH codes worth trying.
 * A database that already holds persons is left as it is.
 */
export async function ensureDemoData(
  db: Kysely<Database>,
  log: (line: string) => void = () => undefined,
): Promise<string[]> {
  const existing = await db
    .selectFrom('persons')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  if (Number(existing.n) === 0) {
    log(`Loading the demo nation (${DEMO_PERSONS} persons with their history)…`);
    const report = await loadWithInserts(db, { seed: DEMO_SEED, persons: DEMO_PERSONS });
    log(`Demo data loaded: ${report.rows} rows in ${(report.elapsedMs / 1000).toFixed(1)} s.`);
  }
  return demoCodes(db);
}

/** A few people who show the data's variety: a worker with owed months, a retiree, a guardian of a child. */
async function demoCodes(db: Kysely<Database>): Promise<string[]> {
  const worker = await sql<{ bhxh_code: string; full_name: string }>`
    SELECT p.bhxh_code, p.full_name FROM persons p
    WHERE EXISTS (SELECT 1 FROM participation_periods pp WHERE pp.bhxh_code = p.bhxh_code AND pp.status = 'owed')
    ORDER BY p.bhxh_code LIMIT 1`.execute(db);
  const retiree = await sql<{ bhxh_code: string; full_name: string }>`
    SELECT p.bhxh_code, p.full_name FROM persons p
    WHERE EXISTS (SELECT 1 FROM benefit_payments b WHERE b.bhxh_code = p.bhxh_code AND b.kind = 'pension')
    ORDER BY p.bhxh_code LIMIT 1`.execute(db);
  const guardian = await sql<{ bhxh_code: string; full_name: string }>`
    SELECT g.bhxh_code, g.full_name FROM persons g
    WHERE EXISTS (SELECT 1 FROM persons c WHERE c.guardian_bhxh_code = g.bhxh_code)
    ORDER BY g.bhxh_code LIMIT 1`.execute(db);
  const line = (label: string, row: { bhxh_code: string; full_name: string } | undefined) =>
    row ? [`${label.padEnd(22)} ${row.bhxh_code}  ${row.full_name}`] : [];
  return [
    'Demo BHXH codes:',
    ...line('  worker, owed months', worker.rows[0]),
    ...line('  retiree with pension', retiree.rows[0]),
    ...line('  parent of a child', guardian.rows[0]),
  ];
}
