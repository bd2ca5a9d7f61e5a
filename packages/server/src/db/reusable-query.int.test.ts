import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from './database';
import { migrate } from './migrate';
import { reusableQuery } from './reusable-query';
import { createTestDatabase } from '../testing/database';
import { seedAgencies } from '../testing/agencies';

let database: DatabaseHandle;
beforeAll(async () => {
  database = await createTestDatabase();
  await migrate(database.db);
  await seedAgencies(database.db);
}, 60_000);
afterAll(async () => {
  await database.close();
});

describe('reusableQuery', () => {
  it('builds a shape once and runs it with each call’s values', async () => {
    let builds = 0;
    const agencies = reusableQuery(
      (db, shape: { level: 'province' | 'local' | null }, v: { codes: string[]; limit: number }) => {
        builds += 1;
        let q = db
          .selectFrom('bhxh_agencies')
          .select('code')
          .where(sql<boolean>`code = ANY(${sql.val(v.codes)}::text[])`);
        if (shape.level) q = q.where('level', '=', sql.lit(shape.level));
        return q.orderBy('code').limit(v.limit);
      },
    );
    const codes = async (level: 'province' | 'local' | null, v: { codes: string[]; limit: number }) =>
      (await agencies(database.db, { level }, v)).map((r) => r.code);
    expect(await codes(null, { codes: ['01', '79', '7901'], limit: 10 })).toEqual(['01', '79', '7901']);
    expect(await codes(null, { codes: ['79', '7901'], limit: 1 })).toEqual(['79']);
    expect(await codes(null, { codes: ['VN'], limit: 5 })).toEqual(['VN']);
    expect(builds).toBe(1);
    expect(await codes('local', { codes: ['01', '79', '7901'], limit: 10 })).toEqual(['7901']);
    expect(await codes('province', { codes: ['01', '79', '7901'], limit: 10 })).toEqual(['01', '79']);
    expect(builds).toBe(3);
    // In a transaction too (the compiled text is the same whatever runs it).
    await database.db.transaction().execute(async (trx) => {
      expect(
        (await agencies(trx, { level: 'local' }, { codes: ['7901'], limit: 1 })).map((r) => r.code),
      ).toEqual(['7901']);
    });
    expect(builds).toBe(3);
  });
});
