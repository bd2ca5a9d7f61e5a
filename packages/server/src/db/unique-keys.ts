import type { Kysely } from 'kysely';
import type { Database, UniqueKeyScope } from './schema';

/**
 * Claims global keys of a person-scoped row in `unique_keys` (migration 0029), in the caller's
 * transaction, before the row is written. A key already claimed (by a committed row, or by a
 * concurrent transaction once it commits) is answered as the unique violation the row's own
 * constraint used to raise — code 23505 and the old constraint's name (`<table>_<column>_key`) —
 * so that callers recognise a reused idempotency key as before. One statement, one round trip;
 * on Citus each key goes to the shard of its value.
 */
export async function claimUniqueKeys(
  db: Kysely<Database>,
  bhxhCode: string,
  keys: { scope: UniqueKeyScope; value: string }[],
): Promise<void> {
  if (keys.length === 0) return;
  const claimed = await db
    .insertInto('unique_keys')
    .values(keys.map((k) => ({ value: k.value, scope: k.scope, bhxh_code: bhxhCode })))
    .onConflict((oc) => oc.columns(['value', 'scope']).doNothing())
    .returning(['scope', 'value'])
    .execute();
  const taken = keys.find((k) => !claimed.some((c) => c.scope === k.scope && c.value === k.value));
  if (taken) throw new UniqueKeyTaken(taken.scope);
}

/** A global key already claimed: reads like PostgreSQL's unique violation of the old constraint. */
class UniqueKeyTaken extends Error {
  readonly code = '23505';
  readonly constraint: string;
  constructor(scope: UniqueKeyScope) {
    const constraint = `${scope.replace('.', '_')}_key`;
    super(`duplicate key value violates unique constraint "${constraint}"`);
    this.constraint = constraint;
  }
}
