import { type Kysely, sql } from 'kysely';
import type { RequestType, ServiceRequestStatus } from '@vssid/domain/service-requests';
import type { Database } from '../../db/schema';

/**
 * The number of requests per agency, status and type (migration 0032), which the officers' queue
 * adds up for its total instead of counting a province's open requests on every page. Every
 * write that files a request or changes its status moves the tallies in the same transaction
 * (repository.ts: `insertRequest`, `setRequestStatus`), so a committed request is
 * always counted; the data loaders count them again after a load (`RECOUNT_REQUEST_TALLIES_SQL`).
 */

interface TallyKey {
  agency_code: string;
  status: ServiceRequestStatus;
  type: RequestType;
}

/**
 * Adds each change's `delta` to its tally in ONE statement, rows in key order: two transactions
 * moving the same tallies (a submission and a receipt at one agency) lock them in the same
 * order, so they wait for each other but never deadlock.
 */
export async function moveTallies(
  db: Kysely<Database>,
  changes: readonly (TallyKey & { delta: number })[],
): Promise<void> {
  const merged = new Map<string, TallyKey & { n: number }>();
  // A draft is never committed (a request is created and submitted in one transaction) and never
  // listed: drafts are not tallied, which spares every filing one statement.
  for (const c of changes.filter((change) => change.status !== 'draft')) {
    const key = `${c.agency_code}\u0000${c.status}\u0000${c.type}`;
    const row = merged.get(key) ?? { agency_code: c.agency_code, status: c.status, type: c.type, n: 0 };
    row.n += c.delta;
    merged.set(key, row);
  }
  const rows = [...merged.entries()]
    .filter(([, row]) => row.n !== 0)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, row]) => row);
  if (rows.length === 0) return;
  await db
    .insertInto('service_request_tallies')
    .values(rows)
    .onConflict((oc) =>
      oc
        .columns(['agency_code', 'status', 'type'])
        .doUpdateSet({ n: sql<number>`service_request_tallies.n + excluded.n` }),
    )
    .execute();
}

/** A request leaving one tally for another (its status changed); nothing when it did not. */
export function tallyChange(before: TallyKey, after: TallyKey): (TallyKey & { delta: number })[] {
  if (
    before.agency_code === after.agency_code &&
    before.status === after.status &&
    before.type === after.type
  )
    return [];
  return [
    { agency_code: before.agency_code, status: before.status, type: before.type, delta: -1 },
    { agency_code: after.agency_code, status: after.status, type: after.type, delta: 1 },
  ];
}

/**
 * Every tally counted again from the requests, as two statements to run in one transaction (a
 * bulk load writes the requests with COPY, and a benchmark's floor server files requests behind
 * the application's back): every tally zeroed, then set to its count. Plain statements, which a
 * Citus coordinator runs too (the tallies are on the coordinator, the requests distributed).
 */
export const RECOUNT_REQUEST_TALLIES_SQL = [
  'UPDATE service_request_tallies SET n = 0 WHERE n <> 0',
  `INSERT INTO service_request_tallies (agency_code, status, type, n)
   SELECT agency_code, status, type, count(*)::integer FROM service_requests WHERE status <> 'draft'
   GROUP BY 1, 2, 3
   ON CONFLICT (agency_code, status, type) DO UPDATE SET n = excluded.n`,
] as const;
