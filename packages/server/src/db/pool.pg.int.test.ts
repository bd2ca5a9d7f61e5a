import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../testing/database';
import type { DatabaseHandle } from './database';

let database: DatabaseHandle;

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.close();
});

describe('the connection pool when PostgreSQL ends a connection (issue 28: failover)', () => {
  it('a connection lost inside a transaction, between two queries, fails that transaction only', async () => {
    const transaction = database.db.transaction().execute(async (trx) => {
      const { rows } = await sql<{ pid: number }>`SELECT pg_backend_pid() AS pid`.execute(trx);
      const pid = rows[0]?.pid;
      // Ended from another connection while this one waits on its code, as a dying primary ends it.
      await sql`SELECT pg_terminate_backend(${pid}::int)`.execute(database.db);
      // The server's FATAL arrives while no query runs on this connection: an unheard 'error'
      // on the client would end the process here.
      await new Promise((resolve) => setTimeout(resolve, 300));
      await sql`SELECT 1`.execute(trx);
    });
    await expect(transaction).rejects.toThrow();
    // The pool dropped the dead connection: the next queries run on new ones.
    for (let i = 0; i < 6; i++) {
      const { rows } = await sql<{ one: number }>`SELECT 1 AS one`.execute(database.db);
      expect(rows[0]?.one).toBe(1);
    }
  });
});
