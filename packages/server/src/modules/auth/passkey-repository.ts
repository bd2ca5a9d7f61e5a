import type { Insertable, Kysely, Selectable } from 'kysely';
import type { Database } from '../../db/schema';
import type { PasskeyTable, WebauthnChallengeTable } from '../../db/schema-auth';

/** The queries of passkeys (passkey-service.ts): WebAuthn challenges and the stored passkeys. */

type PasskeyRow = Selectable<PasskeyTable>;

export async function insertChallenge(
  db: Kysely<Database>,
  challenge: Insertable<WebauthnChallengeTable>,
): Promise<void> {
  await db.insertInto('webauthn_challenges').values(challenge).execute();
}

/** Removes the challenges that expired before `before`. */
export async function deleteChallengesExpiredBefore(db: Kysely<Database>, before: Date): Promise<void> {
  await db.deleteFrom('webauthn_challenges').where('expires_at', '<', before).execute();
}

/** Marks a live challenge of this kind used (once, whoever asks first) and returns it. */
export function useChallenge(db: Kysely<Database>, id: string, kind: 'registration' | 'authentication') {
  return db
    .updateTable('webauthn_challenges')
    .set({ used_at: new Date() })
    .where('id', '=', id)
    .where('kind', '=', kind)
    .where('used_at', 'is', null)
    .where('expires_at', '>', new Date())
    .returningAll()
    .executeTakeFirst();
}

/** The ids and transports of an account's passkeys (the options' credential lists). */
export function findPasskeyIdsOfAccount(db: Kysely<Database>, accountId: string) {
  return db.selectFrom('passkeys').select(['id', 'transports']).where('account_id', '=', accountId).execute();
}

/** Whether a credential id is registered already (to any account). */
export async function passkeyExists(db: Kysely<Database>, id: string): Promise<boolean> {
  const row = await db.selectFrom('passkeys').select('account_id').where('id', '=', id).executeTakeFirst();
  return row !== undefined;
}

export function insertPasskey(db: Kysely<Database>, passkey: Insertable<PasskeyTable>): Promise<PasskeyRow> {
  return db.insertInto('passkeys').values(passkey).returningAll().executeTakeFirstOrThrow();
}

/** An account's passkeys, oldest first. */
export function findPasskeysOfAccount(db: Kysely<Database>, accountId: string) {
  return db
    .selectFrom('passkeys')
    .select(['id', 'name', 'created_at', 'last_used_at'])
    .where('account_id', '=', accountId)
    .orderBy('created_at', 'asc')
    .orderBy('id')
    .execute();
}

/** Deletes one of an account's passkeys; undefined when the account has no such passkey. */
export function deletePasskeyOfAccount(db: Kysely<Database>, id: string, accountId: string) {
  return db
    .deleteFrom('passkeys')
    .where('id', '=', id)
    .where('account_id', '=', accountId)
    .returning(['id', 'name'])
    .executeTakeFirst();
}

export function findPasskey(db: Kysely<Database>, id: string): Promise<PasskeyRow | undefined> {
  return db.selectFrom('passkeys').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Records a sign-in with a passkey: its signature counter, when, and whether it is backed up now. */
export async function recordPasskeyUse(
  db: Kysely<Database>,
  id: string,
  use: { counter: number; backedUp: boolean },
): Promise<void> {
  await db
    .updateTable('passkeys')
    .set({ counter: use.counter, last_used_at: new Date(), backed_up: use.backedUp })
    .where('id', '=', id)
    .execute();
}
