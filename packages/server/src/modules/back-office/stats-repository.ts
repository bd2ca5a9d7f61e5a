import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/schema';

/** SQL of the registration statistics (`stats-service.ts`). */

/** Per agency of `scope` and action: the submit, approve, reject and expire actions in [start, end). */
export async function countActionsByAgency(
  db: Kysely<Database>,
  scope: readonly string[],
  start: Date,
  end: Date,
): Promise<{ agency_code: string; action: string; n: string }[]> {
  const counts = await sql<{ agency_code: string; action: string; n: string }>`
      SELECT d.agency_code, a.action, count(*) AS n
      FROM dossier_actions a
      JOIN dossiers d ON d.bhxh_code = a.bhxh_code AND d.id = a.dossier_id
      WHERE d.agency_code IN (${sql.join(scope)})
        AND a.at >= ${start} AND a.at < ${end}
        AND a.action IN ('submit', 'approve', 'reject', 'expire')
      GROUP BY d.agency_code, a.action`.execute(db);
  return counts.rows;
}

/** The agencies of `scope` with their target of `year` (null without one), by code. */
export function findAgenciesWithTargets(db: Kysely<Database>, scope: readonly string[], year: number) {
  return db
    .selectFrom('bhxh_agencies as g')
    .leftJoin('registration_targets as t', (join) =>
      join.onRef('t.agency_code', '=', 'g.code').on('t.year', '=', year),
    )
    .select(['g.code', 'g.name', 'g.province_code', 't.target'])
    .where('g.code', 'in', scope)
    .orderBy('g.code')
    .execute();
}

export async function upsertTarget(
  db: Kysely<Database>,
  agencyCode: string,
  year: number,
  target: number,
): Promise<void> {
  await db
    .insertInto('registration_targets')
    .values({ agency_code: agencyCode, year, target })
    .onConflict((oc) => oc.columns(['agency_code', 'year']).doUpdateSet({ target }))
    .execute();
}
