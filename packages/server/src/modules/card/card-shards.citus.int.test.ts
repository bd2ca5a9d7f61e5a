import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vietnamToday } from '@vssid/domain';
import type { DatabaseHandle } from '../../db/database';
import { createTestDatabase } from '../../testing/database';
import { findCardOf, findCardsOfFamily } from './repository';
import { FAMILY, insertFamily } from './test-fixtures';

/**
 * On Citus (project int-citus only): a person's card, and a citizen's card list up to their wards'
 * codes, are read on the one shard of the person (issue #28; migration 0030). Citus's
 * `multi_task_query_log_level` set to `error` on the connection makes any statement that would
 * ask more than one shard fail instead.
 */
let database: DatabaseHandle;
beforeAll(async () => {
  database = await createTestDatabase();
  await insertFamily(database.db, vietnamToday(new Date()));
});
afterAll(() => database.close());

/** Runs `read` on one connection where a statement on several shards is an error. */
function onOneShard<T>(read: (db: DatabaseHandle['db']) => Promise<T>): Promise<T> {
  return database.db.connection().execute(async (conn) => {
    await sql`SET citus.multi_task_query_log_level = 'error'`.execute(conn);
    try {
      return await read(conn);
    } finally {
      await sql`RESET citus.multi_task_query_log_level`.execute(conn);
    }
  });
}

describe('card reads on Citus', () => {
  it('fails a statement on several shards where the guard is set (the guard works)', async () => {
    await expect(onOneShard((db) => sql`SELECT count(*) FROM persons`.execute(db))).rejects.toThrow(
      /multi-task query/i,
    );
  });

  it("reads a person's current card on one shard", async () => {
    const row = await onOneShard((db) => findCardOf(db, FAMILY.stranger));
    expect(row).toMatchObject({ bhxh_code: FAMILY.stranger, card_status: 'active' });
  });

  it("reads a card list and the guardian's wards on the guardian's shard", async () => {
    // Not a guardian: one statement, on one shard.
    expect(
      (await onOneShard((db) => findCardsOfFamily(db, FAMILY.stranger))).map((r) => r.bhxh_code),
    ).toEqual([FAMILY.stranger]);
    // A guardian: the wards' codes come with the guardian's own row; their cards are then read on
    // their own shards (those of two codes, not all 32).
    const rows = await findCardsOfFamily(database.db, FAMILY.parent);
    expect(rows.map((r) => r.bhxh_code)).toEqual([FAMILY.parent, FAMILY.adultChild, FAMILY.child]);
  });
});
