import { randomUUID } from 'node:crypto';
import type { Role, Scope } from '@vssid/domain/api';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../app';
import type { DatabaseHandle } from '../db/database';
import { form01Fields, photo } from '../modules/registration/test-fixtures';
import { solvedProof } from './proof';
import { signInAs } from './auth';
import { createTestDatabase, testConfig } from './database';
import { seedUnitWorld, type UnitWorld } from './matrix-units';
import { unitSigner } from './unit-signer';

/**
 * Tests only: the world of the route × role × foreign-object matrix (issue #22,
 * `http/route-matrix.int.test.ts`): two of everything, in two provinces (Hà Nội 01, Hồ Chí
 * Minh 79), so that every object has an owner of the caller's own scope and one of another's.
 *
 * - citizens A (01) and B (79), persons with accounts; A is the guardian of the minor WA and of
 *   GA, who is grown (no longer A's ward); B is the guardian of the minor WB (another child);
 * - officers and agency admins of agencies 01 and 79 (and an officer of each, not a caller,
 *   whose status the admins set);
 * - employer users (the units' admins) of units U1 (01) and U2 (79), with a worker, a staff
 *   account and a batch each (`matrix-units.ts`); clinic users of clinics 01001 and 79001;
 * - each person's card and a medical visit at their province's clinic; a passkey of A and of B;
 *   a dossier filed to each agency (by persons without accounts); a bulk import of each agency.
 */

export const PERSONS = {
  A: '0100000001',
  WA: '0100000002',
  GA: '0100000003',
  B: '7900000004',
  WB: '7900000005',
} as const;
export type PersonKey = keyof typeof PERSONS;

/** Who an object belongs to: the keys a caller's scope is compared with. */
export interface Owner {
  account?: string;
  person?: string;
  /** The person is a minor whose guardian is this citizen (a grown child has none here). */
  guardian?: string;
  agency?: string;
  unit?: string;
  clinic?: string;
}

export interface Caller {
  name: string;
  /** null: anonymous. */
  role: Role | null;
  headers: Record<string, string>;
  account?: string;
  person?: string;
  agency?: string;
  unit?: string;
  clinic?: string;
  /** How to open a new session for this caller (after a route that ends sessions). */
  signIn?: () => Promise<Record<string, string>>;
}

export interface MatrixWorld extends UnitWorld {
  database: DatabaseHandle;
  app: FastifyInstance;
  callers: Caller[];
  /** The owner of each person's objects (records, card, visits). */
  personOwner: Record<PersonKey, Owner>;
  /** Card ids by person (FHIR Coverage ids are `<code>-<id>`). */
  cardId: Record<PersonKey, string>;
  passkeys: { id: string; owner: Owner }[];
  dossiers: { number: string; token: string | null; owner: Owner }[];
  imports: { id: string; owner: Owner }[];
  /** Support tickets of citizens A and B (issue 25). */
  tickets: { id: string; owner: Owner; attachmentId: string }[];
  /**
   * Online service requests (issue #23) of A (01), of A's ward WA filed by A (01) and of B (79):
   * `open` are submitted (an officer may receive them), `withdrawable` are submitted (their citizen
   * may withdraw them), `decided` are approved (A's and B's a BHXH book reissue, whose result PDF
   * exists; WA's a card reissue, a service a guardian may file but without a result document).
   * The decided ones carry a PDF (`attachment`: its step and place).
   */
  requests: Record<'open' | 'withdrawable' | 'decided', RequestRef[]>;
  /**
   * A declaration (issue #27) of each unit, submitted, for citizen A (U1, agency 01) and B (U2,
   * agency 79): the unit's to read; written directly (a filing needs the admin's passkey).
   */
  declarations: { number: string; owner: Owner }[];
  /** Officers (not callers) of each agency, whose status the admins may set. */
  officers: { id: string; owner: Owner }[];
  /** A paid payment of citizens A and B, and a reconciliation difference of each province (issue #26). */
  payments: { id: string; owner: Owner }[];
  paymentDifferences: { id: string; owner: Owner }[];
  agencies: { code: string; owner: Owner }[];
  units: { code: string; owner: Owner }[];
  clinics: { code: string; owner: Owner }[];
  /**
   * Sick-pay claims (issue #27): a worker of each unit with a sick-leave certificate not yet
   * claimed (`claimable`), one claimed (`claimed`, submitted) and one the officer asked a
   * supplement for (`waiting`).
   */
  sickLeave: Record<
    'claimable',
    { bhxhCode: string; maLk: string; owner: Owner; sign: (kind: string, payload: unknown) => unknown }[]
  > &
    Record<'claimed' | 'waiting', { number: string; owner: Owner }[]>;
}

const PROVINCE_OF = (code: string) => code.slice(0, 2);
const CLINIC_OF: Record<string, string> = { '01': '01001', '79': '79001' };

async function seedCatalogs(db: DatabaseHandle['db']) {
  await db
    .insertInto('bhxh_agencies')
    .values(
      ['01', '79'].map((code) => ({
        code,
        parent_code: null,
        level: 'province' as const,
        name: code === '01' ? 'BHXH thành phố Hà Nội' : 'BHXH Thành phố Hồ Chí Minh',
        address: code === '01' ? 'Hà Nội' : 'TP.HCM',
        province_code: code,
      })),
    )
    .execute();
  await db
    .insertInto('employer_units')
    .values(
      [
        { code: 'TA0001', name: 'Công ty TNHH Ánh Dương', province_code: '01', managing_agency: '01' },
        { code: 'TB0002', name: 'Công ty CP Sông Sài Gòn', province_code: '79', managing_agency: '79' },
      ].map((u) => ({ ...u, kind: 'enterprise' as const, address: 'Địa chỉ' })),
    )
    .execute();
  await db
    .insertInto('clinics')
    .values([
      {
        code: '01001',
        name: 'Bệnh viện Bạch Mai',
        level: 'central' as const,
        address: 'Hà Nội',
        province_code: '01',
      },
      {
        code: '79001',
        name: 'Bệnh viện Chợ Rẫy',
        level: 'central' as const,
        address: 'TP.HCM',
        province_code: '79',
      },
    ])
    .execute();
}

async function seedPersons(db: DatabaseHandle['db']) {
  const row = (code: string, name: string, birth: string, guardian: string | null) => ({
    bhxh_code: code,
    full_name: name,
    birth_date: birth,
    birth_year: Number(birth.slice(0, 4)),
    gender: 'female' as const,
    province_code: PROVINCE_OF(code),
    guardian_bhxh_code: guardian,
  });
  await db
    .insertInto('persons')
    .values([
      row(PERSONS.A, 'Nguyễn Thị Hồng Nhung', '1985-04-12', null),
      row(PERSONS.B, 'Phạm Thị Lan', '1988-03-03', null),
    ])
    .execute();
  await db
    .insertInto('persons')
    .values([
      row(PERSONS.WA, 'Trần Minh Khôi', '2015-09-01', PERSONS.A),
      row(PERSONS.GA, 'Trần Thu Hà', '2000-01-01', PERSONS.A),
      row(PERSONS.WB, 'Phạm Gia Bảo', '2016-03-03', PERSONS.B),
    ])
    .execute();
  const cards: Record<string, string> = {};
  let id = 2001;
  for (const code of Object.values(PERSONS)) {
    const clinic = CLINIC_OF[PROVINCE_OF(code)] ?? '01001';
    cards[code] = String(id);
    await db
      .insertInto('bhyt_cards')
      .values({
        bhxh_code: code,
        id: String(id++),
        card_number: code,
        object_code: 'GD',
        benefit_level: 4,
        registered_clinic_code: clinic,
        valid_from: '2026-01-01',
        valid_to: '2027-12-31',
        five_year_date: null,
        issued_on: '2026-01-01',
        issuing_agency_code: PROVINCE_OF(code),
        status: 'active',
        replaced_by_id: null,
      })
      .execute();
    await db
      .insertInto('medical_visits')
      .values({
        bhxh_code: code,
        ma_lk: `LK${code}`,
        clinic_code: clinic,
        card_number: code,
        registered_clinic_code: clinic,
        visit_kind: '01',
        route: 1,
        admitted_at: '2026-03-02 08:00:00',
        discharged_at: '2026-03-02 09:00:00',
        treatment_days: 0,
        diagnosis_in: null,
        diagnosis_out: null,
        icd10_main: 'J06',
        icd10_other: null,
        outcome: 1,
        total_cost: 500_000,
        covered_cost: 500_000,
        co_payment: 100_000,
        fund_paid: 400_000,
        five_year_date: null,
      })
      .execute();
  }
  return cards;
}

/** A dossier filed to `agency` by a person without an account (through the API, as a citizen would). */
async function fileDossier(app: FastifyInstance, code: string, cccd: string, agency: string, photos: object) {
  const p = { code, cccd, name: `Đặng Văn Hùng ${agency}`, birth: '1992-02-02' };
  await app.database.db
    .insertInto('persons')
    .values({
      bhxh_code: code,
      full_name: p.name,
      birth_date: p.birth,
      birth_year: 1992,
      gender: 'female',
      cccd,
      province_code: PROVINCE_OF(code),
    })
    .execute();
  await app.database.db
    .insertInto('population_registry')
    .values({
      cccd,
      full_name: p.name,
      birth_date: p.birth,
      birth_year: 1992,
      gender: 'female',
      address: 'Hà Nội',
    })
    .execute();
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/registrations',
    headers: { 'idempotency-key': `matrix-${code}` },
    // Registration is behind the look-up's proof of work (#22 item 1): a solved challenge.
    payload: { ...(await solvedProof(app)), ...form01Fields(p, agency), photos },
  });
  if (res.statusCode >= 300)
    throw new Error(`filing a dossier for the matrix: ${res.statusCode} ${res.body}`);
  // The answer does not name the dossier (issue #22 item 1): its number and access token (the
  // Form 01 link's `?t=`, sent by SMS) are read where the person would find them, here the table.
  const row = await app.database.db
    .selectFrom('dossiers')
    .select(['number', 'id'])
    .where('bhxh_code', '=', code)
    .executeTakeFirstOrThrow();
  return { number: row.number, token: row.id };
}

let requestKeySeq = 0;

interface RequestRef {
  number: string;
  owner: Owner;
  attachment?: { seq: number; position: number };
}

/** The world's service requests (see `MatrixWorld.requests`), filed and decided through the API. */
async function fileServiceRequests(
  app: FastifyInstance,
  callers: Caller[],
  personOwner: Record<PersonKey, Owner>,
): Promise<MatrixWorld['requests']> {
  const headersOf = (name: string) => callers.find((c) => c.name === name)?.headers ?? {};
  const call = async (method: 'POST', url: string, headers: Record<string, string>, payload: object) => {
    const res = await app.inject({
      method,
      url,
      headers: { ...headers, 'idempotency-key': `matrix-request-${++requestKeySeq}` },
      payload,
    });
    if (res.statusCode >= 300) throw new Error(`${url} for the matrix: ${res.statusCode} ${res.body}`);
    return res.json<{ number: string; attachments?: { seq: number; position: number }[] }>();
  };
  const requests: MatrixWorld['requests'] = { open: [], withdrawable: [], decided: [] };
  for (const key of ['A', 'WA', 'B'] as const) {
    const citizen = headersOf(key === 'B' ? 'citizen B' : 'citizen A');
    const agency = PROVINCE_OF(PERSONS[key]);
    const officer = headersOf(`officer ${agency}`);
    const owner = personOwner[key];
    const fileOne = (form: object, attachments: object[] = []) =>
      call('POST', '/api/v1/me/service-requests', citizen, {
        form,
        agencyCode: agency,
        ...(key === 'WA' ? { forBhxhCode: PERSONS.WA } : {}),
        attachments,
      });
    const card = { type: 'bhyt_card_reissue', reason: 'lost' };
    requests.open.push({ number: (await fileOne(card)).number, owner });
    requests.withdrawable.push({ number: (await fileOne(card)).number, owner });
    const decided = await fileOne(key === 'WA' ? card : { type: 'bhxh_book_reissue', reason: 'lost' }, [
      { kind: 'evidence', data: MATRIX_PDF },
    ]);
    for (const action of ['receive', 'approve'])
      await call('POST', `/api/v1/officer/service-requests/${decided.number}/actions`, officer, { action });
    const attachment = decided.attachments?.[0];
    requests.decided.push({
      number: decided.number,
      owner,
      ...(attachment ? { attachment: { seq: attachment.seq, position: attachment.position } } : {}),
    });
  }
  return requests;
}

/** A fresh database with the matrix's world, the app on it (demo mode: every route), every caller signed in. */
/** A one-page PDF (checked by content like any ticket attachment), attached to the world's tickets. */
const MATRIX_PDF = Buffer.from('%PDF-1.7\n1 0 obj << /Type /Page >> endobj\n%%EOF\n').toString('base64');

export async function startMatrixWorld(): Promise<MatrixWorld> {
  const database = await createTestDatabase();
  // No rate limit may answer 429 in place of the access decision the matrix looks at.
  const app = await buildApp(
    testConfig({
      DEV_INBOX: 'true',
      RATE_LIMIT_MAX: '1000000',
      SIGNIN_RATE_LIMIT_PER_IP: '1000000',
      LOOKUP_RATE_LIMIT_MAX: '1000000',
    }),
    { database },
  );
  await app.ready();
  const db = database.db;
  await seedCatalogs(db);
  const cards = await seedPersons(db);

  const callers: Caller[] = [{ name: 'anonymous', role: null, headers: {} }];
  const add = async (
    name: string,
    options: Parameters<typeof signInAs>[1] & { username: string },
    tags: Omit<Caller, 'name' | 'role' | 'headers' | 'account'>,
  ) => {
    const signIn = async () => (await signInAs(app, options)).headers;
    const first = await signInAs(app, options);
    callers.push({
      name,
      role: options.role,
      headers: first.headers,
      account: first.principal.accountId,
      ...tags,
      signIn,
    });
  };
  await add(
    'citizen A',
    { role: 'citizen', bhxhCode: PERSONS.A, username: PERSONS.A },
    { person: PERSONS.A },
  );
  await add(
    'citizen B',
    { role: 'citizen', bhxhCode: PERSONS.B, username: PERSONS.B },
    { person: PERSONS.B },
  );
  for (const agency of ['01', '79']) {
    await add(
      `officer ${agency}`,
      { role: 'officer', agencyCode: agency, username: `canbo.${agency}` },
      { agency },
    );
    await add(
      `agency admin ${agency}`,
      { role: 'agency_admin', agencyCode: agency, username: `quantri.${agency}` },
      { agency },
    );
  }
  await add(
    'employer U1',
    { role: 'employer', unitCode: 'TA0001', username: 'donvi.ta0001', unitAdmin: true },
    { unit: 'TA0001' },
  );
  await add(
    'employer U2',
    { role: 'employer', unitCode: 'TB0002', username: 'donvi.tb0002', unitAdmin: true },
    { unit: 'TB0002' },
  );
  await add(
    'clinic 01001',
    { role: 'clinic', clinicCode: '01001', username: 'kcb.01001' },
    { clinic: '01001' },
  );
  await add(
    'clinic 79001',
    { role: 'clinic', clinicCode: '79001', username: 'kcb.79001' },
    { clinic: '79001' },
  );
  await add(
    'communications 01',
    { role: 'communications', agencyCode: '01', username: 'truyenthong.01' },
    { agency: '01' },
  );
  const accountOf = (name: string) => callers.find((c) => c.name === name)?.account ?? '';

  const personOwner = {} as Record<PersonKey, Owner>;
  for (const [key, code] of Object.entries(PERSONS) as [PersonKey, string][]) {
    const account = key === 'A' || key === 'B' ? accountOf(`citizen ${key}`) : undefined;
    const guardian = key === 'WA' ? PERSONS.A : key === 'WB' ? PERSONS.B : undefined;
    personOwner[key] = {
      person: code,
      agency: PROVINCE_OF(code),
      clinic: CLINIC_OF[PROVINCE_OF(code)],
      ...(account ? { account } : {}),
      ...(guardian ? { guardian } : {}),
    };
  }
  const cardId = Object.fromEntries(
    (Object.entries(PERSONS) as [PersonKey, string][]).map(([k, code]) => [k, cards[code] ?? '']),
  ) as Record<PersonKey, string>;

  const passkeys: MatrixWorld['passkeys'] = [];
  for (const key of ['A', 'B'] as const) {
    const id = `pk-${key}-${randomUUID()}`;
    await db
      .insertInto('passkeys')
      .values({
        id,
        account_id: accountOf(`citizen ${key}`),
        public_key: Buffer.from([1, 2, 3]),
        device_type: 'singleDevice',
        name: `Khoá ${key}`,
      })
      .execute();
    passkeys.push({ id, owner: { account: accountOf(`citizen ${key}`), person: PERSONS[key] } });
  }

  const officers: MatrixWorld['officers'] = [];
  const imports: MatrixWorld['imports'] = [];
  for (const agency of ['01', '79']) {
    const other = await signInAs(app, { role: 'officer', agencyCode: agency, username: `canbo2.${agency}` });
    officers.push({ id: other.principal.accountId, owner: { account: other.principal.accountId, agency } });
    const id = randomUUID();
    await db
      .insertInto('bulk_imports')
      .values({
        id,
        agency_code: agency,
        unit_code: null,
        file_name: 'ds.csv',
        created_by: accountOf(`officer ${agency}`),
        status: 'validated',
      })
      .execute();
    imports.push({ id, owner: { agency } });
  }

  const photos = {
    portrait: await photo(10, 320),
    id_front: await photo(60, 320),
    id_back: await photo(120, 320),
  };
  const dossiers: MatrixWorld['dossiers'] = [];
  for (const [code, cccd, agency] of [
    ['0100000011', '001190000011', '01'],
    ['7900000012', '079190000012', '79'],
  ] as const) {
    const filed = await fileDossier(app, code, cccd, agency, photos);
    dossiers.push({ ...filed, owner: { person: code, agency } });
  }

  // A support ticket of each citizen (issue 25), routed by the service to its agency.
  const tickets: MatrixWorld['tickets'] = [];
  for (const key of ['A', 'B'] as const) {
    const caller = callers.find((c) => c.name === `citizen ${key}`);
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/me/tickets',
      headers: { ...caller?.headers, 'content-type': 'application/json' },
      payload: JSON.stringify({
        category: 'other',
        text: `Câu hỏi thử của ${key}`,
        attachments: [{ data: MATRIX_PDF }],
      }),
    });
    if (res.statusCode !== 201) throw new Error(`a ticket for the matrix: ${res.statusCode} ${res.body}`);
    const ticket = res.json<{ id: string; agencyCode: string }>();
    const detail = await app.inject({ url: `/api/v1/me/tickets/${ticket.id}`, headers: caller?.headers });
    tickets.push({
      id: ticket.id,
      attachmentId: detail.json<{ attachments: { id: string }[] }>().attachments[0]?.id ?? '',
      owner: { account: accountOf(`citizen ${key}`), person: PERSONS[key], agency: ticket.agencyCode },
    });
  }
  const requests = await fileServiceRequests(app, callers, personOwner);
  const declarations: MatrixWorld['declarations'] = [];
  for (const [unit, agency, person, n] of [
    ['TA0001', '01', PERSONS.A, 1],
    ['TB0002', '79', PERSONS.B, 2],
  ] as const) {
    const number = `DVC.${agency}.2026.90000${n}`;
    const id = randomUUID();
    await db
      .insertInto('service_requests')
      .values({
        bhxh_code: person,
        id,
        number,
        type: 'declaration_600b',
        agency_code: agency,
        filed_by_bhxh_code: null,
        filed_by_unit_code: unit,
        form: { type: 'declaration_600b', bhxhCode: person, fromMonth: '2026-12', salary: 9_000_000 },
        status: 'submitted',
        working_days: 5,
        running_since: '2026-12-07',
        due_on: '2026-12-14',
        idempotency_key: `matrix-declaration-${n}`,
      })
      .execute();
    await db
      .insertInto('service_request_actions')
      .values({
        bhxh_code: person,
        request_id: id,
        seq: 1,
        action: 'submit',
        actor_type: 'employer',
        actor_id: null,
        reason_code: null,
        reason_text: null,
        details: {},
        idempotency_key: null,
      })
      .execute();
    declarations.push({ number, owner: { unit, agency } });
  }

  const payments: MatrixWorld['payments'] = [];
  const paymentDifferences: MatrixWorld['paymentDifferences'] = [];
  for (const key of ['A', 'B'] as const) {
    const id = randomUUID();
    const code = PERSONS[key];
    await db
      .insertInto('payments')
      .values({
        bhxh_code: code,
        id,
        txn_ref: `VSMATRIX${key}${Date.now()}`,
        purpose: 'matrix',
        reference_id: key,
        amount_vnd: 10_000,
        order_info: 'Ma trận',
        locale: 'vi',
        return_path: '/',
        created_at: new Date(),
        expires_at: new Date(Date.now() + 900_000),
        // Paid, so that its receipt exists.
        status: 'paid',
        settled_at: new Date(),
        gateway_txn_no: '14000001',
        gateway_pay_date: '20260101090000',
      })
      .execute();
    payments.push({ id, owner: { account: accountOf(`citizen ${key}`), person: code } });
    const difference = await db
      .insertInto('payment_differences')
      .values({
        run_date: '2026-01-01',
        kind: 'missing_theirs',
        txn_ref: `VSMATRIX${key}`,
        bhxh_code: code,
        payment_id: id,
        province_code: PROVINCE_OF(code),
        our_amount_vnd: 10_000,
        their_amount_vnd: null,
        our_status: 'paid',
        their_status: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    paymentDifferences.push({ id: difference.id, owner: { person: code, agency: PROVINCE_OF(code) } });
  }

  const sickLeave = await seedSickLeave(app, callers);

  return {
    ...(await seedUnitWorld(app, db)),
    database,
    app,
    callers,
    personOwner,
    cardId,
    passkeys,
    dossiers,
    imports,
    requests,
    declarations,
    officers,
    tickets,
    payments,
    paymentDifferences,
    agencies: ['01', '79'].map((code) => ({ code, owner: { agency: code } })),
    units: [
      { code: 'TA0001', owner: { unit: 'TA0001', agency: '01' } },
      { code: 'TB0002', owner: { unit: 'TB0002', agency: '79' } },
    ],
    clinics: [
      { code: '01001', owner: { clinic: '01001', agency: '01' } },
      { code: '79001', owner: { clinic: '79001', agency: '79' } },
    ],
    sickLeave,
  };
}

/**
 * A worker of each unit (compulsory BHXH there) with three sick-leave certificates: one left to
 * claim, one claimed, one claimed and asked a supplement for by the unit's agency's officer.
 */
async function seedSickLeave(app: FastifyInstance, callers: Caller[]): Promise<MatrixWorld['sickLeave']> {
  const db = app.database.db;
  const headersOf = (name: string) => callers.find((c) => c.name === name)?.headers ?? {};
  const world: MatrixWorld['sickLeave'] = { claimable: [], claimed: [], waiting: [] };
  for (const [unit, agency, code, caller] of [
    ['TA0001', '01', '0100000091', 'employer U1'],
    ['TB0002', '79', '7900000092', 'employer U2'],
  ] as const) {
    const owner = { unit, agency };
    await db
      .insertInto('persons')
      .values({ bhxh_code: code, full_name: `Người lao động ${unit}`, birth_year: 1988, gender: 'male' })
      .execute();
    await db
      .insertInto('participation_periods')
      .values({
        bhxh_code: code,
        scheme: 'bhxh_compulsory',
        from_month: '2020-01-01',
        to_month: '2030-12-01',
        unit_code: unit,
        salary: 9_000_000,
        position: null,
        employee_rate_bp: 0,
        employer_rate_bp: 0,
        employee_amount: 0,
        employer_amount: 0,
        state_support: 0,
        status: 'paid',
      })
      .execute();
    const maLks = ['SL1', 'SL2', 'SL3'].map((n) => `${n}${code}`);
    for (const [i, maLk] of maLks.entries()) {
      const from = `2026-03-${String(9 + i * 7).padStart(2, '0')}`;
      await db
        .insertInto('medical_visits')
        .values({
          bhxh_code: code,
          ma_lk: maLk,
          clinic_code: CLINIC_OF[agency] ?? '01001',
          card_number: code,
          visit_kind: '01',
          route: 1,
          admitted_at: `${from}T08:00:00`,
          discharged_at: `${from}T09:00:00`,
          treatment_days: 0,
          icd10_main: 'J06.9',
          total_cost: 100_000,
          covered_cost: 100_000,
          co_payment: 20_000,
          fund_paid: 80_000,
        })
        .execute();
      await db
        .insertInto('visit_documents')
        .values({
          bhxh_code: code,
          ma_lk: maLk,
          kind: 'sick_leave',
          number: `CT${maLk}`,
          issued_on: from,
          content: { days: 2, from, fields: { MA_BS: 'BS01' } },
        })
        .execute();
    }
    const [claimable, claimed, waiting] = maLks;
    // The unit admin's device: batches are signed (issue #27 item 6).
    const { sign } = await unitSigner(app, headersOf(caller));
    world.claimable.push({ bhxhCode: code, maLk: claimable ?? '', owner, sign });
    const claims = [claimed, waiting].map((maLk) => ({ bhxhCode: code, maLk, heavyWork: false }));
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/employer/sick-leave/claims',
      headers: { ...headersOf(caller), 'idempotency-key': `matrix-sick-${unit}` },
      payload: { claims, signature: sign('630a', { claims }) },
    });
    if (res.statusCode !== 201)
      throw new Error(`sick-pay claims for the matrix: ${res.statusCode} ${res.body}`);
    const filed = res.json<{ claims: { number: string; maLk: string }[] }>().claims;
    const numberOf = (maLk: string | undefined) => filed.find((c) => c.maLk === maLk)?.number ?? '';
    world.claimed.push({ number: numberOf(claimed), owner });
    const officer = headersOf(`officer ${agency}`);
    for (const [action, extra] of [
      ['receive', {}],
      ['ask_supplement', { reasonText: 'Bảng chấm công' }],
    ] as const) {
      const acted = await app.inject({
        method: 'POST',
        url: `/api/v1/officer/service-requests/${numberOf(waiting)}/actions`,
        headers: { ...officer, 'idempotency-key': `matrix-sick-${unit}-${action}` },
        payload: { action, ...extra },
      });
      if (acted.statusCode !== 200)
        throw new Error(`${action} for the matrix: ${acted.statusCode} ${acted.body}`);
    }
    world.waiting.push({ number: numberOf(waiting), owner });
  }
  return world;
}

export async function stopMatrixWorld(world: MatrixWorld | undefined): Promise<void> {
  await world?.app.close();
  await world?.database.close();
}

/** Whether `caller` may reach an object of `owner` under the declared scopes (contract.ts `Scope`). */
export function inScope(scopes: readonly Scope[], caller: Caller, owner: Owner): boolean {
  const self =
    (owner.account !== undefined && owner.account === caller.account) ||
    (owner.person !== undefined && owner.person === caller.person);
  return scopes.some((scope) => {
    switch (scope) {
      case 'any':
        return true;
      case 'none':
        return false;
      case 'self':
        return self;
      case 'self-or-ward':
        return (
          self ||
          (caller.role === 'citizen' && owner.guardian !== undefined && owner.guardian === caller.person)
        );
      case 'agency':
        return (
          (caller.role === 'officer' || caller.role === 'agency_admin') && owner.agency === caller.agency
        );
      case 'unit':
        return caller.role === 'employer' && owner.unit === caller.unit;
      case 'clinic':
        return caller.role === 'clinic' && owner.clinic === caller.clinic;
    }
  });
}
