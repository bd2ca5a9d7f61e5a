import type { Kysely } from 'kysely';
import type { Database } from './schema';

/**
 * Records that `guardianCode` is the guardian of `wardCode` in `guardian_wards` (migration 0030),
 * in the caller's transaction, with the write of `persons.guardian_bhxh_code` it mirrors: on Citus
 * the row goes to the guardian's shard, where the guardian's card list reads it. Idempotent.
 */
export async function recordWard(
  db: Kysely<Database>,
  guardianCode: string,
  wardCode: string,
): Promise<void> {
  await db
    .insertInto('guardian_wards')
    .values({ bhxh_code: guardianCode, ward_bhxh_code: wardCode })
    .onConflict((oc) => oc.columns(['bhxh_code', 'ward_bhxh_code']).doNothing())
    .execute();
}
