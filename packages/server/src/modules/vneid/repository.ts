import type { Kysely, Selectable } from 'kysely';
import type { Database } from '../../db/schema';
import type { AccountTable } from '../../db/schema-auth';

/** The queries of "Sign in with VNeID": the account a CCCD names, and the link between them. */

type AccountRow = Selectable<AccountTable>;

/** The account of this CCCD: the one linked to it already, else the citizen's whose person has it. */
export async function findAccountForCccd(
  db: Kysely<Database>,
  provider: string,
  cccd: string,
): Promise<AccountRow | undefined> {
  const linked = await db
    .selectFrom('account_identities')
    .innerJoin('accounts', 'accounts.id', 'account_identities.account_id')
    .selectAll('accounts')
    .where('account_identities.provider', '=', provider)
    .where('account_identities.subject', '=', cccd)
    // A closed account (e-transactions stopped, issue #23) is not the person's account any more.
    .where('accounts.status', '<>', 'closed')
    .executeTakeFirst();
  if (linked) return linked;
  return db
    .selectFrom('persons')
    .innerJoin('accounts', 'accounts.bhxh_code', 'persons.bhxh_code')
    .selectAll('accounts')
    .where('persons.cccd', '=', cccd)
    .where('accounts.role', '=', 'citizen')
    .where('accounts.status', '<>', 'closed')
    .executeTakeFirst();
}

/** Links the provider's subject to the account; true when the link is new (false: it was there). */
export async function linkIdentity(
  trx: Kysely<Database>,
  link: { provider: string; subject: string; accountId: string },
): Promise<boolean> {
  const inserted = await trx
    .insertInto('account_identities')
    .values({ provider: link.provider, subject: link.subject, account_id: link.accountId })
    .onConflict((oc) => oc.columns(['provider', 'subject']).doNothing())
    .returning('account_id')
    .executeTakeFirst();
  return inserted !== undefined;
}

/** The national population registry's entry of a CCCD (the development VNeID stand-in signs people in from it). */
export function findRegistryPerson(db: Kysely<Database>, cccd: string) {
  return db
    .selectFrom('population_registry')
    .select(['cccd', 'full_name', 'birth_date', 'gender'])
    .where('cccd', '=', cccd)
    .executeTakeFirst();
}
