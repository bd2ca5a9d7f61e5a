import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';

/** SQL of the local population registry (`population-registry.ts`): the synthetic copy's row of a CCCD. */
export function findRegistryPerson(db: Kysely<Database>, cccd: string) {
  return db
    .selectFrom('population_registry')
    .select(['full_name', 'birth_date', 'birth_year', 'gender'])
    .where('cccd', '=', cccd)
    .executeTakeFirst();
}
