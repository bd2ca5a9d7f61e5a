import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type RequestType,
  SERVICE_REQUEST_STATUSES,
  type ServiceRequestStatus,
} from '@vssid/domain/service-requests';
import type { DatabaseHandle } from '../../db/database';
import { migrate } from '../../db/migrate';
import { createTestDatabase } from '../../testing/database';
import { seedAgencies } from '../../testing/agencies';
import { insertRequest, lockRequest, type RequestRow, setRequestStatus, updateRequest } from './repository';
import { RECOUNT_REQUEST_TALLIES_SQL } from './tallies-repository';

/**
 * The tallies of migration 0032 against the requests themselves: whatever is filed, moved between
 * statuses and agencies (alone, concurrently, or in a transaction that rolls back), each tally is
 * the number of requests with its agency, status and type (drafts, never committed by the
 * services, are not tallied).
 */

const AGENCIES = ['79', '7901', '01'] as const;
const STATUSES = SERVICE_REQUEST_STATUSES;
const TYPES: RequestType[] = ['bhyt_card_reissue', 'bhxh_book_reissue'];
const PERSON = '7900000011';

let database: DatabaseHandle;
let filed = 0;

beforeAll(async () => {
  database = await createTestDatabase();
  await migrate(database.db);
  await seedAgencies(database.db);
  await sql`INSERT INTO persons (bhxh_code, full_name, birth_date, birth_year, gender, province_code)
      VALUES (${PERSON}, 'Phạm Thị Dung', '1985-03-02', 1985, 'female', '79')`.execute(database.db);
}, 60_000);
afterAll(async () => {
  await database.close();
});

function file(
  db: DatabaseHandle['db'],
  agency: string,
  status: ServiceRequestStatus,
  type: RequestType,
): Promise<RequestRow> {
  filed += 1;
  return insertRequest(db, {
    bhxh_code: PERSON,
    id: crypto.randomUUID(),
    number: `DVC.${agency}.2026.${String(filed).padStart(6, '0')}`,
    type,
    agency_code: agency,
    filed_by_bhxh_code: PERSON,
    form: {},
    status,
    working_days: 3,
    due_on: '2026-12-10',
    idempotency_key: `tallies-test-${filed}`,
  });
}

/** A status change as the engine makes it: the row locked, then `setRequestStatus` from it. */
async function moveTo(
  db: DatabaseHandle['db'],
  request: Pick<RequestRow, 'bhxh_code' | 'id'>,
  status: ServiceRequestStatus,
): Promise<void> {
  const locked = await lockRequest(db, request.bhxh_code, request.id);
  if (!locked) throw new Error('no such request');
  await setRequestStatus(db, locked, status);
}

/** The tallies that are not zero, and the requests counted by agency, status and type. */
async function bothSides() {
  const tallies = await sql<{ key: string; n: number }>`
    SELECT agency_code || '/' || status || '/' || type AS key, n FROM service_request_tallies
     WHERE n <> 0 ORDER BY 1`.execute(database.db);
  const counted = await sql<{ key: string; n: number }>`
    SELECT agency_code || '/' || status || '/' || type AS key, count(*)::integer AS n FROM service_requests
     WHERE status <> 'draft' GROUP BY 1 ORDER BY 1`.execute(database.db);
  return { tallies: tallies.rows, counted: counted.rows };
}

const step = fc.oneof(
  fc.record({
    kind: fc.constant('file' as const),
    agency: fc.constantFrom(...AGENCIES),
    status: fc.constantFrom(...STATUSES),
    type: fc.constantFrom(...TYPES),
  }),
  fc.record({
    kind: fc.constant('move' as const),
    pick: fc.nat(),
    status: fc.constantFrom(...STATUSES),
  }),
  fc.record({ kind: fc.constant('clock' as const), pick: fc.nat() }),
);

describe('the request tallies (0032)', () => {
  it('count every request by agency, status and type through filings, moves and rollbacks', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(step, { minLength: 1, maxLength: 12 }),
        fc.boolean(),
        async (steps, rollBack) => {
          const run = async (db: DatabaseHandle['db']) => {
            for (const s of steps) {
              if (s.kind === 'file') {
                await file(db, s.agency, s.status, s.type);
                continue;
              }
              const all = await db
                .selectFrom('service_requests')
                .select(['bhxh_code', 'id'])
                .orderBy('number')
                .execute();
              const target = all[s.pick % Math.max(1, all.length)];
              if (!target) continue;
              if (s.kind === 'clock') await updateRequest(db, target, { due_on: '2026-12-11', used_days: 1 });
              else await moveTo(db, target, s.status);
            }
          };
          if (rollBack) {
            const before = await bothSides();
            await database.db
              .transaction()
              .execute(async (trx) => {
                await run(trx);
                throw new Error('roll back');
              })
              .catch((error: unknown) => {
                if (!(error instanceof Error) || error.message !== 'roll back') throw error;
              });
            expect(await bothSides()).toEqual(before);
          } else {
            await database.db.transaction().execute(run);
          }
          const { tallies, counted } = await bothSides();
          expect(tallies).toEqual(counted);
        },
      ),
      { numRuns: 30 },
    );
  });

  it('stay exact under concurrent moves both ways and filings (no lost update, no deadlock)', async () => {
    const left = await Promise.all(
      Array.from({ length: 6 }, () => file(database.db, '79', 'received', 'bhyt_card_reissue')),
    );
    const right = await Promise.all(
      Array.from({ length: 6 }, () => file(database.db, '79', 'waiting_for_citizen', 'bhyt_card_reissue')),
    );
    // Concurrent transactions on the pool's connections move the same two tallies both ways
    // (received → waiting and waiting → received) while filings add to one of them: an increment
    // computed outside the database would lose some, and rows locked in opposite orders could
    // deadlock (moveTallies writes them in key order).
    await Promise.all([
      ...left.map((r) => database.db.transaction().execute((trx) => moveTo(trx, r, 'waiting_for_citizen'))),
      ...right.map((r) => database.db.transaction().execute((trx) => moveTo(trx, r, 'received'))),
      ...Array.from({ length: 4 }, () => file(database.db, '79', 'received', 'bhyt_card_reissue')),
    ]);
    const { tallies, counted } = await bothSides();
    expect(tallies).toEqual(counted);
  });

  it('are counted again from the requests after a bulk load', async () => {
    await file(database.db, '01', 'submitted', 'bhxh_book_reissue');
    // A load writes requests with COPY (no tally moves) and may find stale tallies.
    await sql`UPDATE service_request_tallies SET n = n + 7`.execute(database.db);
    await sql`INSERT INTO service_request_tallies (agency_code, status, type, n)
      VALUES ('7901', 'rejected', 'etx_stop', 3) ON CONFLICT DO NOTHING`.execute(database.db);
    await database.db.transaction().execute(async (trx) => {
      for (const statement of RECOUNT_REQUEST_TALLIES_SQL) await sql.raw(statement).execute(trx);
    });
    const { tallies, counted } = await bothSides();
    expect(tallies).toEqual(counted);
    expect(counted.length).toBeGreaterThan(0);
  });
});
