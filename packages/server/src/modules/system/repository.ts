import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';

/** How many of the given migrations are recorded as applied. */
export async function countApplied(db: Kysely<Database>, ids: readonly string[]): Promise<number> {
  if (ids.length === 0) return 0;
  const row = await db
    .selectFrom('schema_migrations')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('id', 'in', ids)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
