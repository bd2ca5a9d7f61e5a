import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getAs, type Headers, type RecordsWorld, startRecordsWorld, stopRecordsWorld } from './test-fixtures';

/**
 * The records API's medical visits against a real database (PGlite and PostgreSQL): the pages of
 * visits, their cursor and limit, and a visit with its documents.
 */

let world: RecordsWorld | undefined;
let app: FastifyInstance;
let adult: Headers;
let other: Headers;

beforeAll(async () => {
  world = await startRecordsWorld();
  ({ app, adult, other } = world);
}, 60_000);
afterAll(() => stopRecordsWorld(world));

const get = (url: string, headers?: Headers, lang?: string) => getAs(app, url, headers, lang);

describe('medical visits', () => {
  it('pages visits newest first with the ICD-10 name, setting and costs, then the next page', async () => {
    const first = await get('/api/v1/me/medical-visits?limit=2', adult);
    expect(first.statusCode).toBe(200);
    const page1 = first.json<{
      items: {
        maLk: string;
        icd10Main: { code: string; name: string | null };
        setting: string;
        fundPaid: number;
        coPayment: number;
        clinicName: string;
        admittedAt: string;
        documentCount: number;
      }[];
      nextCursor: string | null;
    }>();
    expect(page1.items.map((v) => v.maLk)).toEqual(['LK004', 'LK003']);
    expect(page1.items[1]).toMatchObject({
      icd10Main: { code: 'I10', name: 'Bệnh lý tăng huyết áp vô căn (nguyên phát)' },
      setting: 'outpatient',
      clinicName: 'Bệnh viện Bạch Mai',
      admittedAt: '2023-11-20T14:00:00',
      fundPaid: 800_000,
      coPayment: 200_000,
    });
    expect(page1.items[0]?.icd10Main).toEqual({ code: 'Q99', name: null });
    expect(page1.nextCursor).not.toBeNull();
    const second = await get(
      `/api/v1/me/medical-visits?limit=2&cursor=${encodeURIComponent(page1.nextCursor ?? '')}`,
      adult,
      'en',
    );
    const page2 = second.json<typeof page1>();
    expect(page2.items.map((v) => v.maLk)).toEqual(['LK002', 'LK001']);
    expect(page2.items[0]).toMatchObject({
      setting: 'inpatient',
      documentCount: 2,
      icd10Main: { name: 'Acute appendicitis' },
    });
    expect(page2.nextCursor).toBeNull();
  });

  it('a bad cursor or limit is a 400 naming the field', async () => {
    const bad = await get('/api/v1/me/medical-visits?cursor=bm90LWEtY3Vyc29y', adult);
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ errors: { field: string }[] }>().errors[0]?.field).toBe('cursor');
    const limit = await get('/api/v1/me/medical-visits?limit=1000', adult);
    expect(limit.statusCode).toBe(400);
    expect(limit.json<{ errors: { field: string }[] }>().errors[0]?.field).toBe('limit');
  });

  it('a visit shows its documents; an unknown visit or another person’s is 404', async () => {
    const res = await get('/api/v1/me/medical-visits/LK002', adult);
    expect(res.statusCode).toBe(200);
    expect(res.json<{ documents: unknown[] }>().documents).toEqual([
      {
        kind: 'discharge',
        number: 'RV-2021-55',
        issuedOn: '2021-06-15',
        content: { days: 5, outcome: 'Khỏi' },
      },
      {
        kind: 'sick_leave',
        number: 'NO-2021-12',
        issuedOn: '2021-06-15',
        content: { days: 10, from: '2021-06-15' },
      },
    ]);
    expect((await get('/api/v1/me/medical-visits/LK999', adult)).statusCode).toBe(404);
    expect((await get('/api/v1/me/medical-visits/LK002', other)).statusCode).toBe(404);
  });
});
