import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app';
import type { DatabaseHandle } from '../../db/database';
import { signInAs } from '../../testing/auth';
import { createTestDatabase, testConfig } from '../../testing/database';
import { appendAction, createDossier } from '../registration';

/**
 * Officers racing on one dossier (two tabs, two officers, a double click): the row lock and the
 * (dossier, seq) key let exactly one action through per state; the others get 409 and nothing
 * of theirs is saved: one log entry, one account, one issued-password SMS.
 */
let database: DatabaseHandle;
let app: FastifyInstance;
let officers: { authorization: string }[];

beforeAll(async () => {
  database = await createTestDatabase();
  app = await buildApp(testConfig({ RATE_LIMIT_MAX: '100000' }), { database });
  await sql`INSERT INTO bhxh_agencies (code, level, name, address, province_code)
            VALUES ('01', 'province', 'BHXH thành phố Hà Nội', '15 Trần Duy Hưng', '01')`.execute(
    database.db,
  );
  officers = [];
  for (let i = 0; i < 3; i++)
    officers.push((await signInAs(app, { role: 'officer', agencyCode: '01' })).headers);
});
afterAll(async () => {
  await app.close();
  await database.close();
});

async function dossier(code: string, phone: string) {
  await sql`INSERT INTO persons (bhxh_code, full_name, birth_year, gender, phone)
            VALUES (${code}, 'Vũ Thị Mai', 1991, 'female', ${phone})`.execute(database.db);
  return database.db.transaction().execute(async (trx) => {
    const d = await createDossier(trx, {
      bhxh_code: code,
      kind: 'self',
      agency_code: '01',
      guardian_bhxh_code: null,
      declared: { bhxhCode: code, fullName: 'Vũ Thị Mai', phone },
      registry_check: {},
      delivery: 'counter',
      idempotency_key: `race-${code}`,
      bulk_import_id: null,
    });
    await appendAction(trx, d, 'submit', { type: 'citizen', id: null });
    return d;
  });
}

const act = (number: string, i: number, action: string) =>
  app.inject({
    method: 'POST',
    url: `/api/v1/officer/dossiers/${number}/actions`,
    headers: { ...officers[i % officers.length], 'idempotency-key': randomUUID() },
    payload: { action },
  });

describe('concurrent officer actions', () => {
  it('lets one of several simultaneous record_paper through', async () => {
    const d = await dossier('0120000001', '0912000001');
    const answers = await Promise.all([0, 1, 2, 3, 4].map((i) => act(d.number, i, 'record_paper')));
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 409, 409, 409, 409]);
    const log = await database.db
      .selectFrom('dossier_actions')
      .select('action')
      .where('bhxh_code', '=', d.bhxh_code)
      .execute();
    expect(log.map((a) => a.action)).toEqual(['submit', 'record_paper']);
  });

  it('creates one account and one password SMS when two officers approve at once', async () => {
    const d = await dossier('0120000002', '0912000002');
    expect((await act(d.number, 0, 'record_paper')).statusCode).toBe(200);
    const answers = await Promise.all([0, 1, 2].map((i) => act(d.number, i, 'approve')));
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 409, 409]);
    const accounts = await database.db
      .selectFrom('accounts')
      .select('id')
      .where('bhxh_code', '=', d.bhxh_code)
      .execute();
    expect(accounts).toHaveLength(1);
    const sms = await database.db
      .selectFrom('outbox')
      .select('template')
      .where('recipient', '=', '0912000002')
      .execute();
    expect(sms.map((m) => m.template)).toEqual(['account.issued']);
    const status = await database.db
      .selectFrom('dossiers')
      .select('status')
      .where('number', '=', d.number)
      .executeTakeFirstOrThrow();
    expect(status.status).toBe('approved');
  });

  it('lets approve or reject win, never both', async () => {
    const d = await dossier('0120000003', '0912000003');
    await act(d.number, 0, 'record_paper');
    const [approve, reject] = await Promise.all([
      act(d.number, 1, 'approve'),
      app.inject({
        method: 'POST',
        url: `/api/v1/officer/dossiers/${d.number}/actions`,
        headers: { ...officers[2], 'idempotency-key': randomUUID() },
        payload: { action: 'reject', reasonCode: 'duplicate' },
      }),
    ]);
    expect([approve.statusCode, reject.statusCode].sort()).toEqual([200, 409]);
    const log = await database.db
      .selectFrom('dossier_actions')
      .select('action')
      .where('bhxh_code', '=', d.bhxh_code)
      .execute();
    expect(log).toHaveLength(3);
    const accounts = await database.db
      .selectFrom('accounts')
      .select('id')
      .where('bhxh_code', '=', d.bhxh_code)
      .execute();
    const messages = await database.db
      .selectFrom('outbox')
      .select('template')
      .where('recipient', '=', '0912000003')
      .execute();
    // Exactly the consequences of the winner.
    if (approve.statusCode === 200) {
      expect(accounts).toHaveLength(1);
      expect(messages.map((m) => m.template)).toEqual(['account.issued']);
    } else {
      expect(accounts).toHaveLength(0);
      expect(messages.map((m) => m.template)).toEqual(['registration.rejected']);
    }
  });
});
