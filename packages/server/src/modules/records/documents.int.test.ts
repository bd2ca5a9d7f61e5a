import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app';
import type { DatabaseHandle } from '../../db/database';
import { signInAs } from '../../testing/auth';
import { createTestDatabase, testConfig } from '../../testing/database';
import { FAMILY, insertFamily } from '../card/test-fixtures';

/**
 * Giấy tờ của tôi (issue 23 item 5): the receipts, the book notice, the Form 01 and the visit
 * documents of a person, each downloadable through the route that serves it; a guardian reads a
 * minor child's (audited), anyone else gets 404.
 */

interface Doc {
  id: string;
  kind: string;
  at: string;
  number: string;
  serviceType: string | null;
  visit: { maLk: string; kind: string; issuedOn: string; clinicName: string | null } | null;
  href: string | null;
}
interface Page {
  bhxhCode: string;
  items: Doc[];
  nextCursor: string | null;
  errors?: { field: string }[];
}

let database: DatabaseHandle;
let app: FastifyInstance;
let clock = new Date('2026-12-07T02:00:00Z');
type Headers = { authorization: string };
let parent: Headers;
let stranger: Headers;
let officer: Headers;
let keySeq = 0;
const numbers: Record<'own' | 'book' | 'child', string> = { own: '', book: '', child: '' };
const DOSSIER = '00007.GD_2026_0101';

async function file(body: Record<string, unknown>): Promise<string> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/me/service-requests',
    headers: { ...parent, 'idempotency-key': `documents-test-${++keySeq}` },
    payload: { agencyCode: '0101', ...body },
  });
  expect(res.statusCode).toBe(201);
  return res.json<{ number: string }>().number;
}

async function officerAct(number: string, action: string) {
  const res = await app.inject({
    method: 'POST',
    url: `/api/v1/officer/service-requests/${number}/actions`,
    headers: { ...officer, 'idempotency-key': `documents-officer-${++keySeq}` },
    payload: { action },
  });
  expect(res.statusCode).toBe(200);
}

const list = (query: string, headers: Headers = parent) =>
  app.inject({ method: 'GET', url: `/api/v1/me/documents${query}`, headers });

beforeAll(async () => {
  database = await createTestDatabase();
  app = await buildApp(testConfig({ RATE_LIMIT_MAX: '100000' }), { database, now: () => clock });
  await insertFamily(database.db, '2026-12-07');
  parent = (await signInAs(app, { role: 'citizen', bhxhCode: FAMILY.parent })).headers;
  stranger = (await signInAs(app, { role: 'citizen', bhxhCode: FAMILY.stranger })).headers;
  officer = (await signInAs(app, { role: 'officer', agencyCode: '0101' })).headers;

  numbers.own = await file({ form: { type: 'bhyt_card_reissue', reason: 'lost' } });
  clock = new Date('2026-12-08T02:00:00Z');
  numbers.child = await file({
    form: { type: 'bhyt_card_reissue', reason: 'damaged' },
    forBhxhCode: FAMILY.child,
  });
  clock = new Date('2026-12-09T02:00:00Z');
  numbers.book = await file({ form: { type: 'bhxh_book_reissue', reason: 'lost' } });
  await officerAct(numbers.book, 'receive');
  clock = new Date('2026-12-10T02:00:00Z');
  await officerAct(numbers.book, 'approve');

  // The child's registration dossier, filed by the parent; a visit of the child with a document.
  const db = database.db;
  await db
    .insertInto('dossiers')
    .values({
      bhxh_code: FAMILY.child,
      id: randomUUID(),
      number: DOSSIER,
      kind: 'child',
      agency_code: '0101',
      guardian_bhxh_code: FAMILY.parent,
      declared: {
        childFullName: 'Trần Minh Khôi',
        dateOfBirth: '2022-03-04',
        gender: 'male',
        guardianName: 'Nguyễn Thị Hoà',
      },
      registry_check: {},
      delivery: 'counter',
      status: 'submitted',
      submitted_at: new Date('2026-11-20T03:00:00Z'),
      deadline_at: new Date('2026-11-25T03:00:00Z'),
      idempotency_key: 'documents-test-dossier',
      bulk_import_id: null,
    })
    .execute();
  await db
    .insertInto('medical_visits')
    .values({
      bhxh_code: FAMILY.child,
      ma_lk: 'LKCHILD1',
      clinic_code: '01C54',
      card_number: FAMILY.child,
      registered_clinic_code: '01C54',
      visit_kind: '03',
      route: 1,
      admitted_at: '2026-10-01 08:00:00',
      discharged_at: '2026-10-04 10:00:00',
      treatment_days: 3,
      diagnosis_in: null,
      diagnosis_out: null,
      icd10_main: 'J18',
      icd10_other: null,
      outcome: 1,
      total_cost: 2_000_000,
      covered_cost: 2_000_000,
      co_payment: 0,
      fund_paid: 2_000_000,
      five_year_date: null,
    })
    .execute();
  await db
    .insertInto('visit_documents')
    .values({
      bhxh_code: FAMILY.child,
      ma_lk: 'LKCHILD1',
      kind: 'discharge',
      number: 'RV-2026-88',
      issued_on: '2026-10-04',
      content: { days: 3 },
    })
    .execute();
}, 90_000);
afterAll(async () => {
  await app.close();
  await database.close();
});

describe('Giấy tờ của tôi', () => {
  it("lists the person's own receipts and book notice, newest first, each downloadable", async () => {
    const res = await list('');
    expect(res.statusCode).toBe(200);
    const page = res.json<Page>();
    expect(page.bhxhCode).toBe(FAMILY.parent);
    expect(page.items.map((d) => [d.kind, d.number])).toEqual([
      ['book_notice', numbers.book],
      ['request_receipt', numbers.book],
      ['request_receipt', numbers.own],
    ]);
    expect(page.items[0]).toMatchObject({
      serviceType: 'bhxh_book_reissue',
      at: '2026-12-10T02:00:00.000Z',
      href: `/api/v1/me/service-requests/${encodeURIComponent(numbers.book)}/result`,
    });
    // The child's request is the child's document, not the parent's.
    expect(page.items.some((d) => d.number === numbers.child)).toBe(false);
    for (const doc of page.items) {
      const pdf = await app.inject({ method: 'GET', url: doc.href ?? '', headers: parent });
      expect(pdf.statusCode, doc.id).toBe(200);
      expect(pdf.headers['content-type']).toContain('application/pdf');
    }
  });

  it("lets a guardian read a minor child's documents, audited, and download them", async () => {
    const res = await list(`?for=${FAMILY.child}`);
    expect(res.statusCode).toBe(200);
    const page = res.json<Page>();
    expect(page.items.map((d) => [d.kind, d.number])).toEqual([
      ['request_receipt', numbers.child],
      ['form01', DOSSIER],
      ['visit_document', 'RV-2026-88'],
    ]);
    const visit = page.items[2];
    expect(visit).toMatchObject({
      href: null,
      at: '2026-10-03T17:00:00.000Z',
      visit: {
        maLk: 'LKCHILD1',
        kind: 'discharge',
        issuedOn: '2026-10-04',
        clinicName: 'Trạm Y tế phường Ba Đình',
      },
    });
    for (const doc of page.items.filter((d) => d.href)) {
      const pdf = await app.inject({ method: 'GET', url: doc.href ?? '', headers: parent });
      expect(pdf.statusCode, doc.id).toBe(200);
      expect(pdf.headers['content-type']).toContain('application/pdf');
    }
    // The visit document is read on its visit's page, through the records route.
    const visitPage = await app.inject({
      method: 'GET',
      url: `/api/v1/me/medical-visits/LKCHILD1?for=${FAMILY.child}`,
      headers: parent,
    });
    expect(visitPage.statusCode).toBe(200);
    const entries = await database.db
      .selectFrom('audit_log')
      .select(['action', 'target_id'])
      .where('subject_bhxh_code', '=', FAMILY.child)
      .where('action', '=', 'records.documents.read')
      .execute();
    expect(entries.length).toBeGreaterThanOrEqual(1);
  });

  it('pages by a keyset cursor without losing or repeating a document', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res = await list(`?for=${FAMILY.child}&limit=1${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.statusCode).toBe(200);
      const page: Page = res.json<Page>();
      seen.push(...page.items.map((d) => d.id));
      cursor = page.nextCursor;
      pages++;
    } while (cursor && pages < 10);
    const whole = (await list(`?for=${FAMILY.child}`)).json<Page>();
    expect(seen).toEqual(whole.items.map((d) => d.id));
    const bad = await list('?cursor=bm90LWEtY3Vyc29y');
    expect(bad.statusCode).toBe(400);
    expect(bad.json<Page>().errors?.[0]?.field).toBe('cursor');
  });

  it("answers 404 to a stranger, for the list and for the child's files; staff are refused", async () => {
    expect((await list(`?for=${FAMILY.child}`, stranger)).statusCode).toBe(404);
    expect((await list(`?for=${FAMILY.parent}`, stranger)).statusCode).toBe(404);
    const receipt = await app.inject({
      method: 'GET',
      url: `/api/v1/me/service-requests/${numbers.child}/receipt`,
      headers: stranger,
    });
    expect(receipt.statusCode).toBe(404);
    const form01 = await app.inject({
      method: 'GET',
      url: `/api/v1/registrations/${DOSSIER}/form01.pdf`,
      headers: stranger,
    });
    expect(form01.statusCode).toBe(404);
    // An adult child is no longer a ward.
    expect((await list(`?for=${FAMILY.adultChild}`)).statusCode).toBe(404);
    expect((await list('', officer)).statusCode).toBe(403);
    // The stranger's own list is empty, not someone else's.
    const own = (await list('', stranger)).json<Page>();
    expect(own).toMatchObject({ bhxhCode: FAMILY.stranger, items: [], nextCursor: null });
  });

  it('lets the guardian download the receipt of a request the child filed themself', async () => {
    const child = (await signInAs(app, { role: 'citizen', bhxhCode: FAMILY.child })).headers;
    const filed = await app.inject({
      method: 'POST',
      url: '/api/v1/me/service-requests',
      headers: { ...child, 'idempotency-key': `documents-test-${++keySeq}` },
      payload: { agencyCode: '0101', form: { type: 'bhyt_card_reissue', reason: 'lost' } },
    });
    expect(filed.statusCode).toBe(201);
    const number = filed.json<{ number: string }>().number;
    const listed = (await list(`?for=${FAMILY.child}`)).json<Page>().items[0];
    expect(listed).toMatchObject({ kind: 'request_receipt', number });
    const pdf = await app.inject({ method: 'GET', url: listed?.href ?? '', headers: parent });
    expect(pdf.statusCode).toBe(200);
    // Following the request (its page, its actions) stays with the person and who filed it.
    const page = await app.inject({
      method: 'GET',
      url: `/api/v1/me/service-requests/${number}`,
      headers: parent,
    });
    expect(page.statusCode).toBe(404);
    const foreign = await app.inject({ method: 'GET', url: listed?.href ?? '', headers: stranger });
    expect(foreign.statusCode).toBe(404);
  });
});
