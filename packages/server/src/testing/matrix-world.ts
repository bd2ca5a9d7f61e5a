import { randomUUID } from 'node:crypto';
import type { Scope } from '@vssid/domain/api';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../app';
import type { DatabaseHandle } from '../db/database';
import { form01Fields, photo } from '../modules/registration/test-fixtures';
import { solvedProof } from './proof';
import { signInAs } from './auth';
import { createTestDatabase, testConfig } from './database';
import { seedUnitWorld } from './matrix-units';
import { seedSickLeave } from './matrix-sick-leave';

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

export * from './matrix-types';
import {
  CLINIC_OF,
  PERSONS,
  type Caller,
  type MatrixWorld,
  type Owner,
  type PersonKey,
} from './matrix-types';
import { recordWard } from '../db/guardian-wards';
import { insertRequest } from '../modules/services/repository';

const PROVINCE_OF = (code: string) => code.slice(0, 2);

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
  await recordWard(db, PERSONS.A, PERSONS.WA);
  await recordWard(db, PERSONS.A, PERSONS.GA);
  await recordWard(db, PERSONS.B, PERSONS.WB);
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
    // Through the repository: the request's unique keys and its tally (0029, 0032) with it.
    await insertRequest(db, {
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
    });
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
