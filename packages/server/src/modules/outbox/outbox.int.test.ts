import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/database';
import { migrate } from '../../db/migrate';
import { createTestDatabase } from '../../testing/database';
import { deliverDueMessages, enqueueMessage, type OutboxRow, retryDelaySeconds } from './service';

let database: DatabaseHandle;
beforeEach(async () => {
  database = await createTestDatabase();
  await migrate(database.db);
});
afterEach(() => database.close());

const sms = (key: string) => ({
  idempotency_key: key,
  channel: 'sms' as const,
  recipient: '0912345678',
  template: 'test',
  language: 'vi',
  payload: { text: `message ${key}` },
});

const SMS = { channels: ['sms'] as const };

describe('outbox', () => {
  it('writes a message with the change that causes it, or not at all', async () => {
    await expect(
      database.db.transaction().execute(async (trx) => {
        await enqueueMessage(trx, sms('a'));
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(await database.db.selectFrom('outbox').selectAll().execute()).toEqual([]);
  });

  it('ignores a second message with the same idempotency key', async () => {
    expect(await enqueueMessage(database.db, sms('k'))).toBe(true);
    expect(await enqueueMessage(database.db, sms('k'))).toBe(false);
    expect(await database.db.selectFrom('outbox').selectAll().execute()).toHaveLength(1);
  });

  it('delivers each due message once, and retries failures later with backoff', async () => {
    for (const k of ['1', '2', '3']) await enqueueMessage(database.db, sms(k));
    const sent: string[] = [];
    const report = await deliverDueMessages(
      database.db,
      async (m: OutboxRow) => {
        if (m.idempotency_key === '2') throw new Error('gateway down');
        sent.push(m.idempotency_key);
      },
      SMS,
    );
    expect(report).toEqual({ delivered: 2, failed: 1 });
    expect(sent).toEqual(['1', '3']);
    // Nothing is due now: the failed one waits for its retry time.
    expect(await deliverDueMessages(database.db, async () => undefined, SMS)).toEqual({
      delivered: 0,
      failed: 0,
    });
    const failed = await database.db
      .selectFrom('outbox')
      .selectAll()
      .where('idempotency_key', '=', '2')
      .executeTakeFirstOrThrow();
    expect(failed).toMatchObject({ attempts: 1, last_error: 'gateway down', delivered_at: null });
    await sql`UPDATE outbox SET available_at = now() WHERE idempotency_key = '2'`.execute(database.db);
    expect(await deliverDueMessages(database.db, async () => undefined, SMS)).toEqual({
      delivered: 1,
      failed: 0,
    });
  });

  it('leaves the messages of a channel it cannot deliver queued, their attempts untouched', async () => {
    await enqueueMessage(database.db, sms('s'));
    await enqueueMessage(database.db, {
      ...sms('e'),
      channel: 'email',
      recipient: 'an@example.vn',
      payload: { subject: 'Tờ khai', text: 'Kính gửi' },
    });
    const taken: string[] = [];
    const deliver = async (m: OutboxRow) => {
      taken.push(m.idempotency_key);
    };
    expect(await deliverDueMessages(database.db, deliver, SMS)).toEqual({ delivered: 1, failed: 0 });
    expect(await deliverDueMessages(database.db, deliver, { channels: [] })).toEqual({
      delivered: 0,
      failed: 0,
    });
    expect(taken).toEqual(['s']);
    const email = await database.db
      .selectFrom('outbox')
      .selectAll()
      .where('idempotency_key', '=', 'e')
      .executeTakeFirstOrThrow();
    expect(email).toMatchObject({ attempts: 0, last_error: null, delivered_at: null });
    // A worker with the email adapter takes it.
    expect(await deliverDueMessages(database.db, deliver, { channels: ['sms', 'email'] })).toEqual({
      delivered: 1,
      failed: 0,
    });
    expect(taken).toEqual(['s', 'e']);
  });

  it('backs off exponentially up to an hour', () => {
    expect([0, 1, 2, 3, 10].map(retryDelaySeconds)).toEqual([30, 60, 120, 240, 3600]);
  });
});
