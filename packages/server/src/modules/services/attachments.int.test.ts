import type { FastifyInstance } from 'fastify';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DataAccess } from '@vssid/domain/api/records';
import { buildApp } from '../../app';
import type { DatabaseHandle } from '../../db/database';
import { signInAs } from '../../testing/auth';
import { createTestDatabase, testConfig } from '../../testing/database';
import { FAMILY, insertFamily } from '../card/test-fixtures';

/**
 * Issue 23: a request's files readable again — by the person it is for, the guardian who filed it
 * or the guardian of the minor it is for (audited), and the officers of the agency that received
 * it or one above it (audited with their purpose, shown to the person); 404 to anybody else and
 * for a file not on the request. Sent as the ticket files are: the stored type, never sniffed,
 * not cached, a PDF as a download and a photo inline.
 */

interface Attachment {
  seq: number;
  position: number;
  kind: string;
  contentType: string;
  byteSize: number;
}

let database: DatabaseHandle;
let app: FastifyInstance;
const clock = new Date('2026-12-07T02:00:00Z');
type Headers = { authorization: string };
let parent: Headers;
let child: Headers;
let adultChild: Headers;
let stranger: Headers;
let officer: Headers;
let provinceOfficer: Headers;
let officer79: Headers;
let keySeq = 0;

const PDF = Buffer.from('%PDF-1.7\n1 0 obj << /Type /Page >> endobj\ntrailer << >>\n%%EOF\n');
const PURPOSE = 'Giải quyết yêu cầu cấp lại thẻ';
let photo = '';

beforeAll(async () => {
  database = await createTestDatabase();
  app = await buildApp(testConfig({ RATE_LIMIT_MAX: '100000' }), { database, now: () => clock });
  await insertFamily(database.db, '2026-12-07');
  parent = (await signInAs(app, { role: 'citizen', bhxhCode: FAMILY.parent })).headers;
  child = (await signInAs(app, { role: 'citizen', bhxhCode: FAMILY.child, username: 'con.nho' })).headers;
  adultChild = (await signInAs(app, { role: 'citizen', bhxhCode: FAMILY.adultChild, username: 'con.lon' }))
    .headers;
  stranger = (await signInAs(app, { role: 'citizen', bhxhCode: FAMILY.stranger, username: 'nguoi.la' }))
    .headers;
  officer = (await signInAs(app, { role: 'officer', agencyCode: '0101' })).headers;
  provinceOfficer = (await signInAs(app, { role: 'officer', agencyCode: '01', username: 'can.bo.01' }))
    .headers;
  officer79 = (await signInAs(app, { role: 'officer', agencyCode: '79', username: 'can.bo.79' })).headers;
  photo = (
    await sharp({ create: { width: 400, height: 300, channels: 3, background: '#336699' } })
      .withMetadata({ exif: { IFD0: { Model: 'Secret Model' } } })
      .jpeg()
      .toBuffer()
  ).toString('base64');
}, 60_000);
afterAll(async () => {
  await app.close();
  await database.close();
});

async function file(headers: Headers, extra: Record<string, unknown> = {}) {
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/me/service-requests',
    headers: { ...headers, 'idempotency-key': `files-test-${++keySeq}` },
    payload: {
      agencyCode: '0101',
      form: { type: 'bhyt_card_reissue', reason: 'damaged', changes: { addressLine: '15 Đội Cấn' } },
      attachments: [
        { kind: 'evidence', data: photo },
        { kind: 'evidence', data: PDF.toString('base64') },
      ],
      ...extra,
    },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<{ number: string; attachments: Attachment[] }>();
}

const mine = (number: string, seq: number, position: number, headers: Headers) =>
  app.inject({
    method: 'GET',
    url: `/api/v1/me/service-requests/${number}/attachments/${seq}/${position}`,
    headers,
  });
const staff = (number: string, seq: number, position: number, headers: Headers, purpose = PURPOSE) =>
  app.inject({
    method: 'GET',
    url: `/api/v1/officer/service-requests/${number}/attachments/${seq}/${position}?purpose=${encodeURIComponent(purpose)}`,
    headers,
  });

/** The file reads written about `subject`, with who read (`via`) and from which agency. */
const fileReads = async (subject: string) =>
  (
    await database.db
      .selectFrom('audit_log')
      .select(['actor_type', 'purpose', 'target_type', 'target_id', 'details'])
      .where('subject_bhxh_code', '=', subject)
      .where('action', '=', 'service_request.attachment.read')
      .orderBy('id')
      .execute()
  ).map(({ details, ...row }) => ({
    ...row,
    via: details.via,
    agencyCode: details.agencyCode ?? null,
  }));

describe("a service request's files", () => {
  it('are listed with their step, place and type, and read back by the person, unaudited', async () => {
    const filed = await file(parent);
    expect(filed.attachments.map(({ byteSize: _, ...a }) => a)).toEqual([
      { seq: 1, position: 0, kind: 'evidence', contentType: 'image/jpeg' },
      { seq: 1, position: 1, kind: 'evidence', contentType: 'application/pdf' },
    ]);
    expect(filed.attachments[1]?.byteSize).toBe(PDF.length);
    const image = await mine(filed.number, 1, 0, parent);
    expect(image.statusCode).toBe(200);
    expect(image.headers['content-type']).toBe('image/jpeg');
    expect(image.headers['cache-control']).toBe('private, no-store');
    expect(image.headers['x-content-type-options']).toBe('nosniff');
    expect(image.headers['content-disposition']).toBe(`inline; filename="ho-so-${filed.number}-1-0.jpg"`);
    // The stored, re-encoded photo: the camera's metadata is gone.
    expect(image.rawPayload.length).toBe(filed.attachments[0]?.byteSize);
    expect(image.rawPayload.includes(Buffer.from('Secret Model'))).toBe(false);

    const pdf = await mine(filed.number, 1, 1, parent);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.headers['content-disposition']).toBe(`attachment; filename="ho-so-${filed.number}-1-1.pdf"`);
    expect(pdf.headers['cache-control']).toBe('private, no-store');
    expect(pdf.headers['x-content-type-options']).toBe('nosniff');
    expect(pdf.rawPayload.equals(PDF)).toBe(true);
    expect(await fileReads(FAMILY.parent)).toEqual([]);
  });

  it('answer 404 to another citizen, for a file not on the request, and 400 for a malformed place', async () => {
    const { number } = await file(parent);
    expect((await mine(number, 1, 0, stranger)).statusCode).toBe(404);
    // A grown child's parent is no longer their guardian here.
    expect((await mine(number, 1, 0, adultChild)).statusCode).toBe(404);
    expect((await mine(number, 2, 0, parent)).statusCode).toBe(404);
    expect((await mine(number, 1, 2, parent)).statusCode).toBe(404);
    expect((await mine('DVC.0101.2026.999999', 1, 0, parent)).statusCode).toBe(404);
    const bad = await app.inject({
      method: 'GET',
      url: `/api/v1/me/service-requests/${number}/attachments/x/0`,
      headers: parent,
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    expect(await fileReads(FAMILY.parent)).toEqual([]);
  });

  it("are read by the guardian who filed for a minor, and by a minor's guardian, audited", async () => {
    const forChild = await file(parent, { forBhxhCode: FAMILY.child });
    expect((await mine(forChild.number, 1, 1, parent)).statusCode).toBe(200);
    // The minor's own request: their guardian reads it too, audited; a stranger does not.
    const byChild = await file(child);
    expect((await mine(byChild.number, 1, 0, parent)).statusCode).toBe(200);
    expect((await mine(byChild.number, 1, 0, child)).statusCode).toBe(200);
    expect((await mine(byChild.number, 1, 0, stranger)).statusCode).toBe(404);
    expect(await fileReads(FAMILY.child)).toEqual([
      {
        actor_type: 'citizen',
        purpose: null,
        target_type: 'service_request_attachment',
        target_id: `${forChild.number}/1/1`,
        via: 'guardian',
        agencyCode: null,
      },
      {
        actor_type: 'citizen',
        purpose: null,
        target_type: 'service_request_attachment',
        target_id: `${byChild.number}/1/0`,
        via: 'guardian',
        agencyCode: null,
      },
    ]);
    // A grown child's request: the parent is no guardian of an adult.
    const byAdult = await file(adultChild);
    expect((await mine(byAdult.number, 1, 0, parent)).statusCode).toBe(404);
  });

  it("are read by the agency's officers (audited with the purpose, shown to the person), 404 elsewhere", async () => {
    const { number } = await file(parent);
    const before = (await fileReads(FAMILY.parent)).length;
    const other = await staff(number, 1, 0, officer79);
    expect(other.statusCode).toBe(404);
    expect((await staff(number, 9, 0, officer)).statusCode).toBe(404);
    expect(await fileReads(FAMILY.parent)).toHaveLength(before);

    const image = await staff(number, 1, 0, officer);
    expect(image.statusCode).toBe(200);
    expect(image.headers['content-type']).toBe('image/jpeg');
    expect(image.headers['content-disposition']).toMatch(/^inline; /);
    expect(image.headers['cache-control']).toBe('private, no-store');
    expect(image.headers['x-content-type-options']).toBe('nosniff');
    const pdf = await staff(number, 1, 1, provinceOfficer, 'Kiểm tra giấy tờ');
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-disposition']).toMatch(/^attachment; /);
    expect(pdf.rawPayload.equals(PDF)).toBe(true);
    expect((await fileReads(FAMILY.parent)).slice(before)).toEqual([
      {
        actor_type: 'officer',
        purpose: PURPOSE,
        target_type: 'service_request_attachment',
        target_id: `${number}/1/0`,
        via: 'staff',
        agencyCode: '0101',
      },
      {
        actor_type: 'officer',
        purpose: 'Kiểm tra giấy tờ',
        target_type: 'service_request_attachment',
        target_id: `${number}/1/1`,
        via: 'staff',
        agencyCode: '01',
      },
    ]);

    // Without a purpose: 400 naming it.
    const noPurpose = await app.inject({
      method: 'GET',
      url: `/api/v1/officer/service-requests/${number}/attachments/1/0`,
      headers: officer,
    });
    expect(noPurpose.statusCode).toBe(400);

    // The person sees who read their document, and why.
    const trail = await app.inject({ method: 'GET', url: '/api/v1/me/data-access', headers: parent });
    expect(trail.statusCode).toBe(200);
    const items = trail.json<DataAccess>().items;
    const read = items.find((i) => i.steps.some((s) => s.action === 'service_request.attachment.read'));
    expect(read?.actorType).toBe('officer');
    expect(
      items
        .filter((i) => i.targetId === `${number}/1/0` || i.targetId === `${number}/1/1`)
        .map((i) => i.purposeStated),
    ).toEqual(expect.arrayContaining([PURPOSE]));
  });

  it("of a supplement are read by the step they came with; another agency's citizen-side routes stay closed", async () => {
    const { number } = await file(parent);
    const key = () => `files-test-${++keySeq}`;
    for (const payload of [
      { action: 'receive' },
      { action: 'ask_supplement', reasonText: 'Ảnh chụp rõ hơn' },
    ]) {
      const res = await app.inject({
        method: 'POST',
        url: `/api/v1/officer/service-requests/${number}/actions`,
        headers: { ...officer, 'idempotency-key': key() },
        payload,
      });
      expect(res.statusCode, res.body).toBe(200);
    }
    const supplemented = await app.inject({
      method: 'POST',
      url: `/api/v1/me/service-requests/${number}/actions`,
      headers: { ...parent, 'idempotency-key': key() },
      payload: { action: 'supplement', attachments: [{ kind: 'evidence', data: photo }] },
    });
    expect(supplemented.statusCode, supplemented.body).toBe(200);
    const added = supplemented.json<{ attachments: Attachment[] }>().attachments.at(-1);
    expect(added).toMatchObject({ position: 0, contentType: 'image/jpeg' });
    expect(added?.seq).toBeGreaterThan(1);
    const seq = added?.seq ?? 0;
    expect((await staff(number, seq, 0, officer)).statusCode).toBe(200);
    expect((await mine(number, seq, 0, parent)).statusCode).toBe(200);
    expect((await staff(number, seq, 0, officer79)).statusCode).toBe(404);
    // The citizen route is not the officer's, nor the officer route the citizen's.
    expect((await mine(number, seq, 0, officer)).statusCode).toBe(403);
    expect((await staff(number, seq, 0, parent)).statusCode).toBe(403);
  });
});
