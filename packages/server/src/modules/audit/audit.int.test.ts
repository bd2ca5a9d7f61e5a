import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/database';
import { migrate } from '../../db/migrate';
import { createTestDatabase } from '../../testing/database';
import { systemContext } from '../../context';
import { readAudited } from './data-access';
import { insertAuditEvent } from './repository';
import { auditService } from './service';

let database: DatabaseHandle;
beforeAll(async () => {
  database = await createTestDatabase();
  await migrate(database.db);
});
afterAll(() => database.close());

describe('audit log', () => {
  it('lists the entries about one person, newest first, with who and why', async () => {
    const db = database.db;
    // Reads of personal data are written by the data-access layer only (data-access.ts): the
    // fixture writes them as it does, into the table.
    await insertAuditEvent(db, {
      actor_type: 'officer',
      actor_id: 'officer-1',
      subject_bhxh_code: '0123456789',
      action: 'dossier.opened',
      target_type: 'dossier',
      target_id: '00001.GD_2026_001',
      purpose: 'registration.review',
      ip: '127.0.0.1',
      request_id: 'r1',
      details: { agency: '00101' },
    });
    await insertAuditEvent(db, {
      actor_type: 'clinic',
      actor_id: 'clinic-01C54',
      subject_bhxh_code: '0123456789',
      action: 'records.card.read',
      target_type: null,
      target_id: null,
      purpose: null,
      ip: null,
      request_id: null,
      details: {},
    });
    await auditService.record(db, {
      actor_type: 'anonymous',
      actor_id: null,
      subject_bhxh_code: '9999999999',
      action: 'auth.sign_in.failed',
      target_type: null,
      target_id: null,
      purpose: null,
      ip: '10.0.0.1',
      request_id: null,
      details: {},
    });
    const rows = await auditService.listForSubject(db, '0123456789');
    expect(rows.map((r) => r.action)).toEqual(['records.card.read', 'dossier.opened']);
    expect(rows[1]).toMatchObject({
      actor_type: 'officer',
      purpose: 'registration.review',
      details: { agency: '00101' },
    });
    const page = await auditService.listForSubject(db, '0123456789', { limit: 1, before: rows[0]!.id });
    expect(page.map((r) => r.action)).toEqual(['dossier.opened']);
  });

  it('refuses a subject that is not a BHXH code', async () => {
    await expect(
      auditService.record(database.db, {
        actor_type: 'system',
        actor_id: null,
        subject_bhxh_code: '12345',
        action: 'files.orphans_removed',
        target_type: null,
        target_id: null,
        purpose: null,
        ip: null,
        request_id: null,
        details: {},
      }),
    ).rejects.toThrow(/BHXH code/);
  });

  it('leaves reads of personal data to the data-access layer', async () => {
    for (const action of ['records.card.read', 'dossier.opened', 'dossier.file.read'] as const)
      await expect(
        auditService.record(database.db, {
          actor_type: 'officer',
          actor_id: 'officer-1',
          subject_bhxh_code: '0123456789',
          action,
          target_type: null,
          target_id: null,
          purpose: 'registration.review',
          ip: null,
          request_id: null,
          details: {},
        }),
      ).rejects.toThrow(/readAudited/);
  });

  it('writes a read after it succeeds, and nothing for a read that fails', async () => {
    const ctx = systemContext('vi', 'read-1');
    const reader = {
      accountId: 'officer-2',
      sessionId: 's',
      role: 'officer' as const,
      bhxhCode: null,
      agencyCode: '00101',
      unitCode: null,
      clinicCode: null,
      displayName: 'Cán bộ',
      mustChangePassword: false,
    };
    const entry = () => ({
      reader,
      subject: '0123456780',
      action: 'dossier.opened' as const,
      purpose: 'registration.review' as const,
      target: { type: 'dossier', id: 'D9' },
    });
    await expect(
      readAudited(database.db, ctx, () => Promise.reject(new Error('no such dossier')), entry),
    ).rejects.toThrow('no such dossier');
    expect(await auditService.listForSubject(database.db, '0123456780')).toEqual([]);
    expect(await readAudited(database.db, ctx, () => Promise.resolve('data'), entry)).toBe('data');
    const rows = await auditService.listForSubject(database.db, '0123456780');
    expect(rows).toMatchObject([
      { action: 'dossier.opened', actor_id: 'officer-2', target_id: 'D9', request_id: 'read-1' },
    ]);
    expect(
      await readAudited(
        database.db,
        ctx,
        () => Promise.resolve(1),
        () => null,
      ),
    ).toBe(1);
    expect(await auditService.listForSubject(database.db, '0123456780')).toHaveLength(1);
  });
});
