import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app';
import type { DatabaseHandle } from '../../db/database';
import { signInAs } from '../../testing/auth';
import { createTestDatabase, testConfig } from '../../testing/database';
import { insertHouseholdWorld, PEOPLE } from '../../testing/paid-services';

/**
 * Issue #26 on the request engine: voluntary BHXH (602e) and household BHYT — the quote from the
 * parameter table, the checks against the records (covered members excluded with the reason,
 * names and dates of birth matched), and the renewal reminders.
 */

interface Body {
  number: string;
  status: string;
  code: string;
  amountVnd: number;
  form: Record<string, unknown>;
  voluntary: {
    kind: string;
    fromMonth: string;
    toMonth: string;
    totals: { personPays: number; stateSupport: number };
  };
  household: {
    total: number;
    members: {
      bhxhCode: string;
      status: string;
      excludedReason: { code: string; objectCode: string } | null;
      total: number;
      card: { continuity: string; validFrom: string; validTo: string } | null;
    }[];
  };
  errors: { field: string; code: string }[];
}

let database: DatabaseHandle;
let app: FastifyInstance;
let head: { authorization: string };
let volunteer: { authorization: string };
let employee: { authorization: string };
let keySeq = 0;
const clock = new Date('2026-12-07T02:00:00Z');

beforeAll(async () => {
  database = await createTestDatabase();
  app = await buildApp(testConfig({ RATE_LIMIT_MAX: '100000', DEV_INBOX: 'true' }), {
    database,
    now: () => clock,
  });
  await insertHouseholdWorld(database.db, '2026-12-07');
  head = (await signInAs(app, { role: 'citizen', bhxhCode: PEOPLE.head })).headers;
  volunteer = (await signInAs(app, { role: 'citizen', bhxhCode: PEOPLE.voluntary })).headers;
  employee = (await signInAs(app, { role: 'citizen', bhxhCode: PEOPLE.employee })).headers;
}, 60_000);
afterAll(async () => {
  await app.close();
  await database.close();
});

async function post(url: string, headers: object, payload: object) {
  const res = await app.inject({
    method: 'POST',
    url,
    headers: { ...headers, 'idempotency-key': `paid-key-${++keySeq}` },
    payload,
  });
  return { status: res.statusCode, body: res.json<Body>() };
}
const quote = (who: object, form: object) => post('/api/v1/me/service-quotes', who, { form });

const household = (members: readonly object[], months = 12) => ({ type: 'household_hi', months, members });
const THREE = [
  { bhxhCode: PEOPLE.head, fullName: 'Vũ Văn Hải', dateOfBirth: '1980-04-02', relation: 'head' },
  { cardNumber: PEOPLE.spouse, fullName: 'lý thị  lan', dateOfBirth: '1982-06-10', relation: 'spouse' },
  { bhxhCode: PEOPLE.grandmother, fullName: 'Đặng Thị Mơ', dateOfBirth: '1950-01-20', relation: 'parent' },
  { bhxhCode: PEOPLE.child, fullName: 'Vũ Minh An', dateOfBirth: '2012-09-01', relation: 'child' },
] as const;

describe('voluntary BHXH quote (602e)', () => {
  it('computes the amount from the parameter table for a new participant', async () => {
    const q = await quote(volunteer, {
      type: 'voluntary_si_register',
      chosenIncome: 1_500_000,
      supportGroup: 'other',
      mode: 'quarterly',
    });
    expect(q.status).toBe(200);
    expect(q.body.amountVnd).toBe(792_000); // 3 × (330,000 − 66,000)
    expect(q.body.voluntary).toMatchObject({
      kind: 'register',
      fromMonth: '2026-12',
      toMonth: '2027-02',
      totals: { personPays: 792_000, stateSupport: 198_000 },
    });
  });

  it('refuses an income below the rural poverty line, naming the field', async () => {
    const q = await quote(volunteer, {
      type: 'voluntary_si_register',
      chosenIncome: 1_000_000,
      supportGroup: 'other',
      mode: 'monthly',
    });
    expect(q.status).toBe(422);
    expect(q.body.errors[0]).toMatchObject({ field: 'form.chosenIncome', code: 'income_too_low' });
  });

  it('answers a negative, huge or over-the-cap income and an empty household with the field named, translated', async () => {
    const voluntary = (chosenIncome: number) =>
      quote(volunteer, {
        type: 'voluntary_si_register',
        chosenIncome,
        supportGroup: 'other',
        mode: 'monthly',
      });
    for (const income of [-1, 1e15, 1_500_000.5]) {
      const q = await voluntary(income);
      expect(q.status).toBe(400);
      expect(q.body.errors[0]).toMatchObject({ field: 'form.chosenIncome' });
    }
    // 20 × 2,340,000 = 46,800,000 is the most (NĐ 159/2025; domain reference).
    expect((await voluntary(46_800_000)).status).toBe(200);
    const over = await voluntary(46_800_001);
    expect(over.status).toBe(422);
    expect(over.body.errors[0]).toMatchObject({ field: 'form.chosenIncome' });
    const empty = await app.inject({
      method: 'POST',
      url: '/api/v1/me/service-quotes',
      headers: { ...head, 'accept-language': 'en', 'idempotency-key': `paid-key-${++keySeq}` },
      payload: { form: household([]) },
    });
    expect(empty.statusCode).toBe(400);
    expect(empty.headers['content-type']).toContain('application/problem+json');
    const body = empty.json<{ errors: { field: string; message: string }[] }>();
    expect(body.errors[0]?.field).toBe('form.members');
    expect(body.errors[0]?.message).toMatch(/[A-Za-z]/);
    expect(body.errors[0]?.message).not.toMatch(/[ạảãàáâậầấẩẫăắằặẳẵđ]/);
  });

  it('refuses a person in compulsory BHXH this month', async () => {
    const q = await quote(employee, {
      type: 'voluntary_si_register',
      chosenIncome: 2_000_000,
      supportGroup: 'other',
      mode: 'monthly',
    });
    expect(q.status).toBe(422);
    expect(q.body.errors[0]).toMatchObject({ field: 'form.type', code: 'compulsory' });
  });
});

describe('household BHYT quote', () => {
  it('excludes the member covered by another scheme with the reason, and ladders the others', async () => {
    const q = await quote(head, household(THREE));
    expect(q.status).toBe(200);
    const members = q.body.household.members;
    expect(members.map((m) => m.status)).toEqual(['pays', 'pays', 'excluded', 'pays']);
    expect(members[2]?.excludedReason).toEqual({ code: 'covered', objectCode: 'HT', validTo: null });
    // 12 × (105,300 + 73,710 + 63,180): three paying members (NĐ 146/2018, Art. 7 §1 (e)).
    expect(q.body.amountVnd).toBe(2_906_280);
    expect(members.map((m) => m.total)).toEqual([1_263_600, 884_520, 0, 758_160]);
    // Ended 2026-11-15 (a gap under 3 months): from the payment day; still valid: continuing;
    // never insured: 30 days after paying (Luật BHYT Art. 16 §3).
    expect(members.map((m) => m.card)).toEqual([
      { continuity: 'resumed', validFrom: '2026-12-07', validTo: '2027-12-06' },
      { continuity: 'continuing', validFrom: '2027-01-01', validTo: '2027-12-31' },
      null,
      { continuity: 'first_time', validFrom: '2027-01-06', validTo: '2028-01-05' },
    ]);
  });

  it('excludes a child under 6 (insured free by the state, TE) even without a card in the records', async () => {
    // Born 2023-03-10, no card recorded: the TE cover lasts to 30 September 2029 (72 months in
    // March 2029, before the school intake; Luật BHYT Art. 16 §3). Born 2020-11-20: 72 months on
    // 2026-11-20, after 30 September, so to 2026-11-30 — over on 2026-12-07: that child pays.
    await sql`INSERT INTO persons (bhxh_code, full_name, birth_date, birth_year, gender, address_line, province_code, guardian_bhxh_code)
      VALUES ('0100026107', 'Vũ Bảo Ngọc', '2023-03-10', 2023, 'female', '8 Đội Cấn', '01', ${PEOPLE.head}),
             ('0100026108', 'Vũ Gia Huy', '2020-11-20', 2020, 'male', '8 Đội Cấn', '01', ${PEOPLE.head})`.execute(
      database.db,
    );
    const q = await quote(
      head,
      household([
        THREE[0],
        { bhxhCode: '0100026107', fullName: 'Vũ Bảo Ngọc', dateOfBirth: '2023-03-10', relation: 'child' },
        { bhxhCode: '0100026108', fullName: 'Vũ Gia Huy', dateOfBirth: '2020-11-20', relation: 'child' },
      ]),
    );
    expect(q.status).toBe(200);
    const members = q.body.household.members;
    expect(members.map((m) => m.status)).toEqual(['pays', 'excluded', 'pays']);
    expect(members[1]?.excludedReason).toEqual({
      code: 'under_six',
      objectCode: 'TE',
      validTo: '2029-09-30',
    });
    // 12 × (105,300 + 73,710): two paying members.
    expect(q.body.amountVnd).toBe(2_148_120);
    // Only the child under 6 is left: nobody pays.
    const alone = await quote(
      head,
      household([
        { bhxhCode: '0100026107', fullName: 'Vũ Bảo Ngọc', dateOfBirth: '2023-03-10', relation: 'child' },
      ]),
    );
    expect(alone.body.errors[0]).toMatchObject({ field: 'form.members', code: 'nothing_to_pay' });
  });

  it('names the member whose name or date of birth does not match the records', async () => {
    const wrongName = await quote(head, household([{ ...THREE[0], fullName: 'Vũ Văn Hùng' }]));
    expect(wrongName.status).toBe(422);
    expect(wrongName.body.errors[0]).toMatchObject({ field: 'form.members.0.fullName', code: 'mismatch' });
    const wrongBirth = await quote(head, household([THREE[0], { ...THREE[1], dateOfBirth: '1982-06-11' }]));
    expect(wrongBirth.body.errors[0]).toMatchObject({
      field: 'form.members.1.dateOfBirth',
      code: 'mismatch',
    });
    const unknown = await quote(head, household([{ ...THREE[0], bhxhCode: '0100026999' }]));
    expect(unknown.body.errors[0]).toMatchObject({ field: 'form.members.0.bhxhCode', code: 'not_found' });
    const twice = await quote(head, household([THREE[0], THREE[0]]));
    expect(twice.body.errors[0]).toMatchObject({ field: 'form.members.1.bhxhCode', code: 'duplicate' });
  });

  it('refuses a period other than 3, 6 or 12 months and a list where nobody pays', async () => {
    const months = await quote(head, household(THREE, 2));
    expect(months.status).toBe(422);
    expect(months.body.errors[0]).toMatchObject({ field: 'form.months' });
    const nobody = await quote(head, household([THREE[2]]));
    expect(nobody.body.errors[0]).toMatchObject({ field: 'form.members', code: 'nothing_to_pay' });
  });
});

describe('renewal reminders', () => {
  it('sends one SMS and one inbox message per period ending within 15 days, to the holder and the guardian of a ward', async () => {
    const db = database.db;
    await sql`INSERT INTO participation_periods (bhxh_code, scheme, from_month, to_month, unit_code, position, salary,
        employee_rate_bp, employer_rate_bp, employee_amount, employer_amount, state_support, status) VALUES
        (${PEOPLE.voluntary}, 'bhxh_voluntary', '2026-10-01', '2026-12-01', NULL, NULL, 1500000, 2200, 0, 792000, 0, 198000, 'paid')`.execute(
      db,
    );
    await sql`INSERT INTO bhyt_cards (bhxh_code, card_number, object_code, benefit_level, registered_clinic_code,
        valid_from, valid_to, five_year_date, issued_on, issuing_agency_code, status, replaced_by_id) VALUES
        (${PEOPLE.child}, ${PEOPLE.child}, 'GD', 4, '01C54', '2026-01-01', '2027-01-02', NULL, '2026-01-01', '01', 'active', NULL)`.execute(
      db,
    );
    const sms = () =>
      db
        .selectFrom('outbox')
        .select(['recipient', 'template', 'payload'])
        .where('template', 'like', 'services.renew%')
        .orderBy('recipient')
        .execute();
    // 2026-12-10: neither ends within 15 days (31 December and 2 January).
    expect(await app.renewalReminders.runOnce('2026-12-10')).toEqual({ reminded: 0 });
    expect(await sms()).toEqual([]);
    expect(await app.renewalReminders.runOnce('2026-12-20')).toEqual({ reminded: 2 });
    const sent = await sms();
    expect(sent.map((m) => [m.recipient, m.template])).toEqual([
      ['0912026001', 'services.renewHousehold'], // the child's guardian (the child has no phone)
      ['0912026005', 'services.renewVoluntary'],
    ]);
    expect((sent[1]?.payload as { text: string }).text).toContain('12/2026');
    // Exactly once per period: a second pass (or a second node) writes nothing more.
    expect(await app.renewalReminders.runOnce('2026-12-21')).toEqual({ reminded: 0 });
    expect(await sms()).toHaveLength(2);
    const inbox = await db
      .selectFrom('notifications')
      .select(['template'])
      .where('template', 'like', 'services.renew%')
      .execute();
    expect(inbox.map((n) => n.template).sort()).toEqual([
      'services.renewHousehold',
      'services.renewVoluntary',
    ]);
  });
});
