import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import type { AuditAction } from '@vssid/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/database';
import { systemContext } from '../../context';
import { isPersonalDataRead, readAudited } from '../audit/data-access';
import { auditService } from '../audit/service';
import {
  ADULT,
  CHILD,
  getAs,
  GROWN,
  type Headers,
  OTHER,
  type RecordsWorld,
  SOUTH,
  startRecordsWorld,
  stopRecordsWorld,
} from './test-fixtures';

/**
 * Who may read a person's records (the person, the guardian of a minor, staff within scope) and
 * the audit entries reads leave, as the person sees them (who viewed my data), against a real
 * database (PGlite and PostgreSQL). The second group reads the entries the first one leaves.
 */

let world: RecordsWorld | undefined;
let database: DatabaseHandle;
let app: FastifyInstance;
let adult: Headers;
let other: Headers;
let officer01: Headers;
let officer01Id: string;
let officer79: Headers;
let central: Headers;
let employer: Headers;
let clinic: Headers;

beforeAll(async () => {
  world = await startRecordsWorld();
  ({ database, app, adult, other, officer01, officer01Id, officer79, central, employer, clinic } = world);
}, 60_000);
afterAll(() => stopRecordsWorld(world));

const get = (url: string, headers?: Headers, lang?: string) => getAs(app, url, headers, lang);

async function auditActions(subject: string) {
  return database.db
    .selectFrom('audit_log')
    .select(['action', 'actor_type', 'purpose', 'details', 'target_id'])
    .where('subject_bhxh_code', '=', subject)
    .orderBy('id')
    .execute();
}

describe('who may read', () => {
  it('anonymous callers must sign in (401)', async () => {
    for (const url of ['/api/v1/me/participation', `/api/v1/persons/${ADULT}/benefits`]) {
      expect((await get(url)).statusCode).toBe(401);
    }
  });

  it('another citizen, an employer or a clinic user gets 404 for the person', async () => {
    for (const headers of [other, employer, clinic]) {
      for (const what of ['participation', 'benefits', 'medical-visits', 'estimates', 'participation.pdf']) {
        const res = await get(`/api/v1/persons/${ADULT}/${what}?purpose=check`, headers);
        expect(res.statusCode, what).toBe(404);
      }
    }
    expect((await get(`/api/v1/me/benefits?for=${ADULT}`, other)).statusCode).toBe(404);
    // Staff have no records of their own.
    expect((await get('/api/v1/me/benefits', officer01)).statusCode).toBe(404);
  });

  it('a guardian reads a minor child’s records (audited), not a grown child’s', async () => {
    const res = await get(`/api/v1/me/participation?for=${CHILD}`, adult);
    expect(res.statusCode).toBe(200);
    expect(res.json<{ bhxhCode: string }>().bhxhCode).toBe(CHILD);
    expect((await get(`/api/v1/persons/${CHILD}/medical-visits`, adult)).statusCode).toBe(200);
    expect((await get(`/api/v1/persons/${GROWN}/participation`, adult)).statusCode).toBe(404);
    const entries = await auditActions(CHILD);
    expect(entries.map((e) => e.action)).toEqual([
      'records.participation.read',
      'records.medical_visits.read',
    ]);
    expect(entries[0]).toMatchObject({ actor_type: 'citizen', details: { via: 'guardian' } });
  });

  it('an officer reads a person of their province with a purpose, audited with who and why', async () => {
    const before = (await auditActions(ADULT)).length;
    const missing = await get(`/api/v1/persons/${ADULT}/participation`, officer01);
    expect(missing.statusCode).toBe(400);
    expect(missing.json<{ errors: { field: string; message: string }[] }>().errors[0]).toMatchObject({
      field: 'purpose',
      message: 'Cán bộ cần nêu mục đích tra cứu hồ sơ.',
    });
    expect(await auditActions(ADULT)).toHaveLength(before);

    const res = await get(
      `/api/v1/persons/${ADULT}/participation?purpose=${encodeURIComponent('Giải quyết hồ sơ hưởng')}`,
      officer01,
    );
    expect(res.statusCode).toBe(200);
    const visit = await get(`/api/v1/persons/${ADULT}/medical-visits/LK002?purpose=review`, officer01);
    expect(visit.statusCode).toBe(200);
    const entries = (await auditActions(ADULT)).slice(before);
    expect(entries).toEqual([
      expect.objectContaining({
        action: 'records.participation.read',
        actor_type: 'officer',
        purpose: 'Giải quyết hồ sơ hưởng',
        details: { via: 'staff', agencyCode: '01', displayName: 'Cán bộ Hà Nội' },
      }),
      expect.objectContaining({
        action: 'records.medical_visit.read',
        target_id: 'LK002',
        purpose: 'review',
      }),
    ]);
  });

  it('an officer of another province gets 404 and leaves no audit entry; the national office reads all', async () => {
    const before = (await auditActions(ADULT)).length;
    expect((await get(`/api/v1/persons/${ADULT}/benefits?purpose=check`, officer79)).statusCode).toBe(404);
    expect((await get(`/api/v1/persons/0199999999/benefits?purpose=check`, officer01)).statusCode).toBe(404);
    expect(await auditActions(ADULT)).toHaveLength(before);
    expect((await get(`/api/v1/persons/${SOUTH}/benefits?purpose=check`, officer79)).statusCode).toBe(200);
    expect((await get(`/api/v1/persons/${SOUTH}/benefits?purpose=check`, officer01)).statusCode).toBe(404);
    expect((await get(`/api/v1/persons/${SOUTH}/participation.pdf?purpose=check`, central)).statusCode).toBe(
      200,
    );
    expect((await auditActions(SOUTH)).map((e) => e.action)).toEqual([
      'records.benefits.read',
      'records.participation_pdf.read',
    ]);
  });

  it('the person’s own reads are not audited', async () => {
    const before = (await auditActions(OTHER)).length;
    await get('/api/v1/me/participation', other);
    await get('/api/v1/me/benefits', other);
    expect(await auditActions(OTHER)).toHaveLength(before);
  });
});

describe('who viewed my data', () => {
  it('lists staff reads of my records with who, agency, when and why, newest first, paged', async () => {
    const res = await get('/api/v1/me/data-access', adult);
    expect(res.statusCode).toBe(200);
    const body = res.json<{
      items: {
        action: string;
        actorType: string;
        actorName: string | null;
        organization: { kind: string; code: string; name: string | null } | null;
        purposeCode: string | null;
        purposeStated: string | null;
        at: string;
      }[];
      nextBefore: string | null;
    }>();
    expect(body.items.map((i) => i.action)).toEqual([
      'records.medical_visit.read',
      'records.participation.read',
    ]);
    expect(body.items[1]).toMatchObject({
      actorType: 'officer',
      actorName: 'Cán bộ Hà Nội',
      organization: { kind: 'agency', code: '01', name: 'BHXH thành phố Hà Nội' },
      purposeCode: null,
      purposeStated: 'Giải quyết hồ sơ hưởng',
    });
    const page = await get('/api/v1/me/data-access?limit=1', adult);
    const p1 = page.json<typeof body>();
    expect(p1.items).toHaveLength(1);
    const p2 = (await get(`/api/v1/me/data-access?limit=1&before=${p1.nextBefore ?? ''}`, adult)).json<
      typeof body
    >();
    expect(p2.items.map((i) => i.action)).toEqual(['records.participation.read']);
  });

  it('folds one approval (the opening, the photos read, the paper step, the decision) into one entry', async () => {
    // The dossier's reads go through the one audited read (audit/data-access.ts), as the back
    // office writes them; its actions through the audit service.
    const reader = {
      accountId: officer01Id,
      sessionId: 'fixture',
      role: 'officer' as const,
      bhxhCode: null,
      agencyCode: '01',
      unitCode: null,
      clinicCode: null,
      displayName: 'Cán bộ Hà Nội',
      mustChangePassword: false,
    };
    const system = systemContext();
    const ctx = { ...system, client: { ...system.client, ip: '127.0.0.1' } };
    const step = (action: AuditAction, dossier: string, details: Record<string, unknown> = {}) =>
      isPersonalDataRead(action)
        ? readAudited(
            database.db,
            ctx,
            async () => null,
            () => ({
              reader,
              subject: OTHER,
              action,
              purpose: 'registration.review' as const,
              target: { type: 'dossier', id: dossier },
              details,
            }),
          )
        : auditService.record(database.db, {
            actor_type: 'officer',
            actor_id: officer01Id,
            subject_bhxh_code: OTHER,
            action,
            target_type: 'dossier',
            target_id: dossier,
            purpose: 'registration.review',
            ip: '127.0.0.1',
            request_id: null,
            details,
          });
    // An older review by the same officer, two hours before: a piece of work of its own.
    await step('dossier.opened', 'D0');
    await sql`UPDATE audit_log SET at = at - interval '2 hours' WHERE target_id = 'D0'`.execute(database.db);
    await step('dossier.opened', 'D1');
    for (const kind of ['portrait', 'id_front', 'id_back']) await step('dossier.file.read', 'D1', { kind });
    await step('dossier.record_paper', 'D1');
    await step('dossier.approve', 'D1');
    await step('dossier.opened', 'D2');

    type Entry = {
      action: string;
      targetId: string | null;
      actorName: string | null;
      organization: { kind: string; code: string; name: string | null } | null;
      purposeCode: string | null;
      purposeStated: string | null;
      steps: { action: string; file: string | null }[];
    };
    type Page = { items: Entry[]; nextBefore: string | null };
    const all = (await get('/api/v1/me/data-access', other)).json<Page>();
    expect(all.items.map((i) => [i.action, i.targetId, i.steps.length])).toEqual([
      ['dossier.opened', 'D2', 1],
      ['dossier.approve', 'D1', 6],
      ['dossier.opened', 'D0', 1],
    ]);
    expect(all.items[1]).toMatchObject({
      actorName: 'Cán bộ Hà Nội',
      organization: { kind: 'agency', code: '01', name: 'BHXH thành phố Hà Nội' },
      purposeCode: 'registration.review',
      purposeStated: null,
    });
    expect(all.items[1]?.steps.map((x) => [x.action, x.file])).toEqual([
      ['dossier.opened', null],
      ['dossier.file.read', 'portrait'],
      ['dossier.file.read', 'id_front'],
      ['dossier.file.read', 'id_back'],
      ['dossier.record_paper', null],
      ['dossier.approve', null],
    ]);

    // A page that would cut the approval leaves it whole for the next page: nothing is dropped.
    const first = (await get('/api/v1/me/data-access?limit=3', other)).json<Page>();
    expect(first.items.map((i) => i.targetId)).toEqual(['D2']);
    const second = (
      await get(`/api/v1/me/data-access?limit=6&before=${first.nextBefore ?? ''}`, other)
    ).json<Page>();
    expect(second.items.map((i) => [i.targetId, i.steps.length])).toEqual([['D1', 6]]);
    const third = (await get(`/api/v1/me/data-access?before=${second.nextBefore ?? ''}`, other)).json<Page>();
    expect(third.items.map((i) => i.targetId)).toEqual(['D0']);
    expect(third.nextBefore).toBeNull();
  });

  it('guardian reads are not staff reads; a guardian sees who viewed the child’s data; staff get 404', async () => {
    const child = await get(`/api/v1/me/data-access?for=${CHILD}`, adult);
    expect(child.statusCode).toBe(200);
    expect(child.json<{ items: unknown[] }>().items).toEqual([]);
    expect((await get(`/api/v1/persons/${ADULT}/data-access?purpose=check`, officer01)).statusCode).toBe(404);
  });
});
