import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  OPEN_REQUEST_STATUSES,
  type RequestType,
  type ServiceRequestStatus,
} from '@vssid/domain/service-requests';
import type { DatabaseHandle } from '../../db/database';
import { migrate } from '../../db/migrate';
import { createTestDatabase, testEngine } from '../../testing/database';
import { seedAgencies } from '../../testing/agencies';
import { findRequestQueue } from './queue-repository';
import { insertRequest } from './repository';

/**
 * The officers' queue (issue #23) against a plain model: the scope's requests in the statuses
 * asked, soonest due first (then the earliest filed), one page, and the total. Both statement forms
 * are checked on the same rows: the LATERAL join with the page and the total in one statement
 * (PostgreSQL and PGlite) and the UNION ALL branches Citus plans (`distributed`; only that one on
 * the Citus suite).
 */

const AGENCIES = ['79', '7901', '7902', '01'] as const;
const SCOPE = ['79', '7901', '7902'];
const STATUSES: ServiceRequestStatus[] = [...OPEN_REQUEST_STATUSES, 'approved', 'rejected'];
const PERSONS = ['7900000001', '7900000002', '7900000003'];
const NAMES = ['Nguyễn Văn An', 'Trần Thị Bình', 'Lê Hoàng Cường'];

interface Row {
  number: string;
  agency: string;
  status: ServiceRequestStatus;
  due: string;
  submitted: string;
  running: boolean;
  person: number;
  type: RequestType;
}

let database: DatabaseHandle;
const rows: Row[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  await migrate(database.db);
  await seedAgencies(database.db);
  for (const [i, code] of PERSONS.entries())
    await sql`INSERT INTO persons (bhxh_code, full_name, birth_date, birth_year, gender, province_code)
      VALUES (${code}, ${NAMES[i]}, '1980-01-01', 1980, 'female', '79')`.execute(database.db);
  // 90 requests: agencies, statuses, due days and filing times drawn with a fixed seed; equal due
  // days on purpose (the filing time decides), and a few stopped clocks.
  const drawn = fc.sample(
    fc.record({
      agency: fc.constantFrom(...AGENCIES),
      status: fc.constantFrom(...STATUSES),
      dueDay: fc.integer({ min: 1, max: 12 }),
      minute: fc.integer({ min: 0, max: 10_000 }),
      running: fc.boolean(),
      person: fc.integer({ min: 0, max: 2 }),
    }),
    { numRuns: 90, seed: 23 },
  );
  for (const [i, d] of drawn.entries()) {
    const row: Row = {
      number: `DVC.${d.agency}.2026.${String(i + 1).padStart(6, '0')}`,
      agency: d.agency,
      status: d.status,
      due: `2026-12-${String(d.dueDay).padStart(2, '0')}`,
      // Unique filing times: the model's order is then total.
      submitted: new Date(Date.UTC(2026, 10, 1) + (d.minute * 100 + i) * 1000).toISOString(),
      running: d.running,
      person: d.person,
      type: i % 2 ? 'bhxh_book_reissue' : 'bhyt_card_reissue',
    };
    rows.push(row);
    // Through the repository, as the services file them: the request's tally moves with it.
    await insertRequest(database.db, {
      bhxh_code: PERSONS[row.person]!,
      id: crypto.randomUUID(),
      number: row.number,
      type: row.type,
      agency_code: row.agency,
      filed_by_bhxh_code: PERSONS[row.person]!,
      form: {},
      status: row.status,
      submitted_at: new Date(row.submitted),
      working_days: 3,
      used_days: 0,
      running_since: row.running ? '2026-11-30' : null,
      due_on: row.due,
      idempotency_key: `queue-test-${i}`,
    });
  }
}, 60_000);
afterAll(async () => {
  await database.close();
});

function model(filter: {
  statuses: readonly ServiceRequestStatus[];
  type?: RequestType | undefined;
  due?: { before: string } | { on: string } | undefined;
}) {
  return rows
    .filter((r) => SCOPE.includes(r.agency) && filter.statuses.includes(r.status))
    .filter((r) => filter.type === undefined || r.type === filter.type)
    .filter((r) =>
      !filter.due
        ? true
        : r.running && ('on' in filter.due ? r.due === filter.due.on : r.due < filter.due.before),
    )
    .sort((a, b) => a.due.localeCompare(b.due) || a.submitted.localeCompare(b.submitted));
}

describe('the officers’ request queue', () => {
  it('pages the scope’s requests in due order with the total, in both statement forms', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          statuses: fc.oneof(
            fc.constant(OPEN_REQUEST_STATUSES),
            fc.constantFrom(...STATUSES).map((s) => [s]),
          ),
          due: fc.option(
            fc.oneof(
              fc.integer({ min: 1, max: 12 }).map((d) => ({ on: `2026-12-${String(d).padStart(2, '0')}` })),
              fc
                .integer({ min: 1, max: 12 })
                .map((d) => ({ before: `2026-12-${String(d).padStart(2, '0')}` })),
            ),
            { nil: undefined },
          ),
          type: fc.option(fc.constantFrom<RequestType>('bhxh_book_reissue', 'bhyt_card_reissue'), {
            nil: undefined,
          }),
          limit: fc.integer({ min: 1, max: 25 }),
          offset: fc.integer({ min: 0, max: 40 }),
        }),
        async (filter) => {
          const expected = model(filter);
          const page = expected.slice(filter.offset, filter.offset + filter.limit);
          // Citus plans only the UNION ALL form (the app chooses it there).
          for (const distributed of testEngine() === 'citus' ? [true] : [false, true]) {
            const got = await findRequestQueue(database.db, { scope: SCOPE, distributed, ...filter });
            expect(got.total).toBe(expected.length);
            expect(got.rows.map((r) => r.number)).toEqual(page.map((r) => r.number));
            for (const [i, r] of got.rows.entries()) {
              const want = page[i]!;
              expect(r.full_name).toBe(NAMES[want.person]);
              expect(r.due_on).toBe(want.due);
              expect(r.running_since).toBe(want.running ? '2026-11-30' : null);
              expect(new Date(r.submitted_at).toISOString()).toBe(want.submitted);
            }
          }
        },
      ),
      { numRuns: 40 },
    );
  });

  it('finds by BHXH code, request number and name within the scope only', async () => {
    const inScope = rows.find(
      (r) =>
        SCOPE.includes(r.agency) &&
        (OPEN_REQUEST_STATUSES as readonly ServiceRequestStatus[]).includes(r.status),
    )!;
    const outside = rows.find((r) => r.agency === '01')!;
    const base = { scope: SCOPE, statuses: STATUSES, limit: 100, offset: 0 };
    const byNumber = await findRequestQueue(database.db, { ...base, q: inScope.number });
    expect(byNumber.rows.map((r) => r.number)).toEqual([inScope.number]);
    expect(byNumber.total).toBe(1);
    expect((await findRequestQueue(database.db, { ...base, q: outside.number })).total).toBe(0);
    const byCode = await findRequestQueue(database.db, { ...base, q: PERSONS[1]! });
    const ofPerson = model({ statuses: STATUSES }).filter((r) => r.person === 1);
    expect(byCode.rows.map((r) => r.number)).toEqual(ofPerson.map((r) => r.number));
    const byName = await findRequestQueue(database.db, { ...base, q: 'thị bình' });
    expect(byName.rows.map((r) => r.number)).toEqual(ofPerson.map((r) => r.number));
    expect(byName.total).toBe(ofPerson.length);
  });
});
