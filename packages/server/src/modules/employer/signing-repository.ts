import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';

/** The queries of signed submissions (signing.ts): a passkey with the account that holds it. */

/** A passkey by its credential id, with its account's role, unit, admin flag and status. */
export function findSigningPasskey(db: Kysely<Database>, credentialId: string) {
  return db
    .selectFrom('passkeys as p')
    .innerJoin('accounts as a', 'a.id', 'p.account_id')
    .select([
      'p.id',
      'p.account_id',
      'p.public_key',
      'p.counter',
      'p.transports',
      'p.device_type',
      'p.backed_up',
      'a.role',
      'a.unit_code',
      'a.unit_admin',
      'a.status',
    ])
    .where('p.id', '=', credentialId)
    .executeTakeFirst();
}

/** Records a signature made with a passkey: its counter and when it was last used. */
export async function recordSigningUse(
  db: Kysely<Database>,
  credentialId: string,
  use: { counter: number; backedUp: boolean },
): Promise<void> {
  await db
    .updateTable('passkeys')
    .set({ counter: use.counter, last_used_at: new Date(), backed_up: use.backedUp })
    .where('id', '=', credentialId)
    .execute();
}
