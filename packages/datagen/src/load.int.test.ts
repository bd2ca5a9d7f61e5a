import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate, type DatabaseHandle } from '@vssid/server';
import { createTestDatabase } from '@vssid/server/testing';
import { ensureDemoData } from './demo';
import { loadWithInserts } from './load';
import { type ServiceRequestAction, serviceRequestWorkflow } from '@vssid/domain/service-requests';

let db: { handle: DatabaseHandle };
beforeAll(async () => {
  db = { handle: await createTestDatabase() };
  await migrate(db.handle.db);
});
afterAll(async () => {
  await db.handle.close();
});

describe('loading a nation', () => {
  it('loads with inserts in one transaction, and the identity sequences move past the given ids', async () => {
    const report = await loadWithInserts(db.handle.db, { seed: 'int', persons: 250, batchPersons: 100 });
    expect(report.persons).toBe(250);
    const persons = await db.handle.db
      .selectFrom('persons')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(persons.n)).toBe(250);
    expect(report.rowsByTable.medical_visits).toBeGreaterThan(0);
    // The guardian → wards relation mirrored, keyed by the guardian (0030), row for row.
    const wards = await sql<{ mirrored: string; relation: string; unmatched: string }>`
      SELECT (SELECT count(*) FROM guardian_wards) AS mirrored,
             (SELECT count(*) FROM persons WHERE guardian_bhxh_code IS NOT NULL) AS relation,
             (SELECT count(*) FROM guardian_wards w WHERE NOT EXISTS (
                SELECT 1 FROM persons p WHERE p.bhxh_code = w.ward_bhxh_code AND p.guardian_bhxh_code = w.bhxh_code)) AS unmatched`.execute(
      db.handle.db,
    );
    expect(Number(wards.rows[0]?.relation)).toBeGreaterThan(0);
    expect(wards.rows[0]?.mirrored).toBe(wards.rows[0]?.relation);
    expect(Number(wards.rows[0]?.unmatched)).toBe(0);
    // The units' payments ledger (issue #27): payments for months from 2025-07, made in the next
    // month and before the data's as-of date; the large Hà Nội unit has more workers than any other.
    const payments = await sql<{ n: string; first: string; last: string }>`
      SELECT count(*) AS n, min(paid_on)::text AS first, max(paid_on)::text AS last FROM unit_payments`.execute(
      db.handle.db,
    );
    expect(Number(payments.rows[0]?.n)).toBe(report.rowsByTable.unit_payments);
    expect(Number(payments.rows[0]?.n)).toBeGreaterThan(0);
    expect((payments.rows[0]?.first ?? '') >= '2025-08-05').toBe(true);
    expect((payments.rows[0]?.last ?? '9999') < '2026-11-01').toBe(true);
    const maxCard = await sql<{ m: string }>`SELECT max(id)::text AS m FROM bhyt_cards`.execute(db.handle.db);
    const inserted = await db.handle.db
      .insertInto('bhyt_cards')
      .values({
        bhxh_code: (
          await db.handle.db.selectFrom('persons').select('bhxh_code').limit(1).executeTakeFirstOrThrow()
        ).bhxh_code,
        card_number: '0100000000',
        object_code: 'GD',
        benefit_level: 4,
        registered_clinic_code: (
          await db.handle.db.selectFrom('clinics').select('code').limit(1).executeTakeFirstOrThrow()
        ).code,
        valid_from: '2026-01-01',
        valid_to: '2026-12-31',
        five_year_date: null,
        issued_on: '2026-01-01',
        issuing_agency_code: 'VN',
        status: 'revoked',
        replaced_by_id: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    expect(BigInt(inserted.id)).toBeGreaterThan(BigInt(maxCard.rows[0]?.m ?? '0'));
    // Online service requests (issue 23): about one person in five, each log folding to its status,
    // and every agency's number sequence past the generated numbers.
    const requests = await db.handle.db.selectFrom('service_requests').selectAll().execute();
    expect(requests.length).toBeGreaterThan(20);
    expect(requests.length).toBeLessThan(90);
    const actions = await db.handle.db.selectFrom('service_request_actions').selectAll().execute();
    for (const request of requests) {
      const log = actions
        .filter((a) => a.request_id === request.id)
        .sort((a, b) => a.seq - b.seq)
        .map((a) => a.action as ServiceRequestAction);
      expect(serviceRequestWorkflow.foldStatus(log)).toEqual({ ok: true, status: request.status });
    }
    const behind = await sql<{ n: string }>`SELECT count(*)::text AS n FROM service_requests r
        LEFT JOIN service_request_sequences s ON s.agency_code = r.agency_code AND s.year = split_part(r.number, '.', 3)::smallint
        WHERE s.last_value IS NULL OR s.last_value < split_part(r.number, '.', 4)::integer`.execute(
      db.handle.db,
    );
    expect(behind.rows[0]?.n).toBe('0');
    // The tallies the officers' queue adds up (migration 0032) count the loaded requests exactly.
    const offTally = await sql<{ n: string }>`SELECT count(*)::text AS n FROM (
        SELECT agency_code, status, type, count(*)::integer AS n FROM service_requests
        WHERE status <> 'draft' GROUP BY 1, 2, 3) c
        FULL JOIN (SELECT * FROM service_request_tallies WHERE n <> 0) t USING (agency_code, status, type)
        WHERE c.n IS DISTINCT FROM t.n`.execute(db.handle.db);
    expect(offTally.rows[0]?.n).toBe('0');
  });

  it('refuses to load into a database that already holds persons', async () => {
    await expect(loadWithInserts(db.handle.db, { seed: 'int', persons: 10 })).rejects.toThrow(
      /already holds persons/,
    );
  });

  it('keeps the demo data of a database that has some, and names codes to try', async () => {
    const lines = await ensureDemoData(db.handle.db);
    expect(lines[0]).toBe('Demo BHXH codes:');
    expect(lines.slice(1).every((l) => /\d{10}/.test(l))).toBe(true);
    const persons = await db.handle.db
      .selectFrom('persons')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(persons.n)).toBe(250);
  });
});
