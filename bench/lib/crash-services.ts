/**
 * The online service requests of the crash test (issue 23; bench/crash-test.ts): persons with a
 * citizen account and a BHYT card file a card reissue (Idempotency-Key), which the officer takes
 * up and approves (each action with its own key), in the SIGKILL burst and again after the
 * restart; then the checks: one request per person and key, one approval in each log, one new card
 * per request (the old one replaced).
 */
import { randomUUID } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import { type AccessTokens, type Database, hashPassword } from '@vssid/server';

export interface Person {
  code: string;
  cccd: string;
  name: string;
  phone: string;
  key: string;
}

/** The persons who file a request: codes and phones of their own. */
export function makeServicePeople(count: number): Person[] {
  return Array.from({ length: count }, (_, i) => ({
    code: `01${String(56_000_000 + i).padStart(8, '0')}`,
    cccd: `001${String(196_000_000 + i).padStart(9, '0')}`,
    name: `Trần Thị Dịch Vụ ${String.fromCharCode(65 + (i % 26))}${i}`,
    phone: `08${String(10_000_000 + i).padStart(8, '0')}`,
    key: `crash-svc-${randomUUID()}`,
  }));
}

/** The persons, a clinic and each person's card (issued by `agency`). */
export async function seedServicePersons(
  db: Kysely<Database>,
  people: Person[],
  agency: string,
): Promise<void> {
  await sql`INSERT INTO clinics (code, name, level, address, province_code)
            VALUES ('01C54', 'Trạm Y tế thử nghiệm', 'commune', '1 Đường Thử', '01')`.execute(db);
  for (const p of people) {
    await sql`INSERT INTO persons (bhxh_code, full_name, birth_date, birth_year, gender, cccd, phone)
              VALUES (${p.code}, ${p.name}, '1985-03-04', 1985, 'female', ${p.cccd}, ${p.phone})`.execute(db);
    await sql`INSERT INTO bhyt_cards (bhxh_code, card_number, object_code, benefit_level, registered_clinic_code,
                valid_from, valid_to, issued_on, issuing_agency_code, status)
              VALUES (${p.code}, ${p.code}, 'GD', 4, '01C54', '2026-01-01', '2027-12-31', '2026-01-01', ${agency}, 'active')`.execute(
      db,
    );
  }
}

/** A device (labelled `label`) and an open session of an account: the session's id. */
async function openSession(db: Kysely<Database>, accountId: string, label: string): Promise<string> {
  const device = randomUUID();
  await db.insertInto('devices').values({ account_id: accountId, id: device, label }).execute();
  const id = randomUUID();
  await db
    .insertInto('sessions')
    .values({
      id,
      account_id: accountId,
      device_id: device,
      method: 'password',
      expires_at: new Date(Date.now() + 3_600_000),
    })
    .execute();
  return id;
}

/**
 * The accounts that drive the requests, each with an open session (its device labelled `label`):
 * an officer of `agency` named `officerUsername`, and a citizen per person. Their access tokens:
 * the officer's, and the citizens' by person code.
 */
export async function seedAccountTokens(
  db: Kysely<Database>,
  tokens: AccessTokens,
  options: { agency: string; officerUsername: string; label: string; people: Person[] },
): Promise<{ officer: string; citizens: Map<string, string> }> {
  const { agency, label, people } = options;
  const unusable = await hashPassword(randomUUID()); // never used: the sessions are opened here
  const account = await db
    .insertInto('accounts')
    .values({
      role: 'officer',
      username: options.officerUsername,
      agency_code: agency,
      display_name: 'Cán bộ thử nghiệm',
      password_hash: unusable,
      must_change_password: false,
    })
    .returning(['id', 'display_name'])
    .executeTakeFirstOrThrow();
  const officer = await tokens.sign({
    accountId: account.id,
    sessionId: await openSession(db, account.id, label),
    role: 'officer',
    bhxhCode: null,
    agencyCode: agency,
    unitCode: null,
    clinicCode: null,
    displayName: account.display_name,
    mustChangePassword: false,
  });
  const citizens = new Map<string, string>();
  for (const p of people) {
    const citizen = await db
      .insertInto('accounts')
      .values({
        role: 'citizen',
        username: p.code,
        bhxh_code: p.code,
        display_name: p.name,
        phone: p.phone,
        password_hash: unusable,
        must_change_password: false,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const token = await tokens.sign({
      accountId: citizen.id,
      sessionId: await openSession(db, citizen.id, label),
      role: 'citizen',
      bhxhCode: p.code,
      agencyCode: null,
      unitCode: null,
      clinicCode: null,
      displayName: p.name,
      mustChangePassword: false,
    });
    citizens.set(p.code, token);
  }
  return { officer, citizens };
}

/** Files a card reissue with the person's key, then receive + approve, each with its own key. */
export function serviceRequestDriver(deps: {
  base: string;
  officer: Record<string, string>;
  citizens: Map<string, string>;
  agency: string;
  errors: string[];
  /** Person code → the request number acknowledged. */
  requestNumbers: Map<string, string>;
}): (p: Person) => Promise<void> {
  const { base, officer, citizens, agency, errors, requestNumbers } = deps;
  return async (p) => {
    try {
      const r = await fetch(`${base}/api/v1/me/service-requests`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${citizens.get(p.code) ?? ''}`,
          'content-type': 'application/json',
          'idempotency-key': p.key,
        },
        body: JSON.stringify({ form: { type: 'bhyt_card_reissue', reason: 'lost' }, agencyCode: agency }),
      });
      if (r.status !== 200 && r.status !== 201) {
        errors.push(`service request ${p.code}: ${r.status} ${await r.text()}`);
        return;
      }
      const { number } = (await r.json()) as { number: string };
      const before = requestNumbers.get(p.code);
      if (before && before !== number)
        errors.push(`service request ${p.code}: number changed ${before} → ${number}`);
      requestNumbers.set(p.code, number);
      for (const step of ['receive', 'approve'] as const) {
        const a = await fetch(`${base}/api/v1/officer/service-requests/${number}/actions`, {
          method: 'POST',
          headers: { ...officer, 'idempotency-key': `${p.key}-${step}` },
          body: JSON.stringify({ action: step }),
        });
        if (a.status !== 200) {
          errors.push(`service request ${number} ${step}: ${a.status} ${await a.text()}`);
          return;
        }
      }
    } catch {
      // connection refused or reset: the server is down
    }
  };
}

/** The checks after the restart, each reported through `check`. */
export async function checkServiceRequests(
  db: Kysely<Database>,
  people: Person[],
  requestNumbers: Map<string, string>,
  check: (ok: boolean, what: string) => void,
): Promise<void> {
  // Online service requests (issue 23).
  const requests = await db
    .selectFrom('service_requests')
    .select(['id', 'bhxh_code', 'number', 'status', 'idempotency_key', 'result_applied_at'])
    .execute();
  const serviceCodes = new Set(people.map((p) => p.code));
  check(
    requests.length === people.length &&
      new Set(requests.map((r) => r.bhxh_code)).size === people.length &&
      requests.every((r) => serviceCodes.has(r.bhxh_code) && requestNumbers.get(r.bhxh_code) === r.number),
    `one service request per person and key, with the number acknowledged (${requests.length} for ${people.length})`,
  );
  check(
    requests.every((r) => r.status === 'approved' && r.result_applied_at !== null),
    `every service request approved with its result applied (${requests.filter((r) => r.status === 'approved').length}/${requests.length})`,
  );
  const approvals = await db
    .selectFrom('service_request_actions')
    .select(['request_id'])
    .where('action', '=', 'approve')
    .execute();
  check(
    approvals.length === requests.length &&
      new Set(approvals.map((a) => a.request_id)).size === requests.length,
    `one approval in each request's log (${approvals.length} approvals for ${requests.length} requests)`,
  );
  const cards = await db
    .selectFrom('bhyt_cards')
    .select(['bhxh_code', 'status'])
    .where('bhxh_code', 'in', [...serviceCodes])
    .execute();
  const perPerson = new Map<string, string[]>();
  for (const c of cards) perPerson.set(c.bhxh_code, [...(perPerson.get(c.bhxh_code) ?? []), c.status]);
  const wrong = [...serviceCodes].filter(
    (code) => (perPerson.get(code) ?? []).sort().join(',') !== 'active,replaced',
  );
  check(
    wrong.length === 0,
    `each card reissued exactly once: one new card, the old one replaced (${wrong.length} people otherwise)`,
  );
  // The queue's tallies (migration 0032) moved with each filing and approval, never twice.
  const off = await sql<{ n: string }>`SELECT count(*)::text AS n FROM (
      SELECT agency_code, status, type, count(*)::integer AS n FROM service_requests
        WHERE status <> 'draft' GROUP BY 1, 2, 3) c
      FULL JOIN (SELECT * FROM service_request_tallies WHERE n <> 0) t USING (agency_code, status, type)
      WHERE c.n IS DISTINCT FROM t.n`.execute(db);
  check(
    off.rows[0]?.n === '0',
    `the officers' tallies equal the requests by agency, status and type (${off.rows[0]?.n ?? '?'} differ)`,
  );
}
