import type { Kysely } from 'kysely';
import type { CallContext } from '../../context';
import type { Database } from '../../db/schema';
import { accountAuditor } from '../audit/service';
import type { AuthService, IssuedSession } from '../auth/service';
import * as repo from './repository';

const VNEID_PROVIDER = 'vneid';

/** The CCCD an ID token names: the `cccd` claim when the provider sends one, else `sub`. */
export function cccdOf(claims: Record<string, unknown>): string | null {
  const value = typeof claims.cccd === 'string' ? claims.cccd : claims.sub;
  return typeof value === 'string' && /^\d{12}$/.test(value) ? value : null;
}

/** How a VNeID sign-in ended: a session, no account for the CCCD, or a failure and why. */
type VneidOutcome =
  { kind: 'signed_in'; session: IssuedSession } | { kind: 'no_account' } | { kind: 'failed'; reason: string };

/**
 * Signing in with the CCCD VNeID vouches for (routes.ts has the OpenID Connect side): the CCCD is
 * linked to the account of the insured person with it (`persons.cccd` → `accounts.bhxh_code`,
 * kept in `account_identities`), and a session opens with method `vneid`: VNeID has proved the
 * person, so no OTP is asked and, for a citizen, this device becomes the current one.
 */
export function createVneidService(deps: { db: Kysely<Database>; auth: AuthService }) {
  const { db, auth } = deps;

  const audit = accountAuditor(() => ({ type: 'identity', id: null }));

  /** A sign-in the provider refused or that could not be finished (the reason goes to the audit log). */
  async function failed(ctx: CallContext, reason: string, detail?: string | null): Promise<VneidOutcome> {
    await audit(db, ctx, null, 'auth.vneid.failed', detail === undefined ? { reason } : { reason, detail });
    return { kind: 'failed', reason };
  }

  return {
    failed,

    /** The provider's verified claims: the session of the account with this CCCD, if it has one. */
    async signIn(ctx: CallContext, claims: Record<string, unknown>): Promise<VneidOutcome> {
      const cccd = cccdOf(claims);
      if (!cccd) return failed(ctx, 'subject');
      const account = await repo.findAccountForCccd(db, VNEID_PROVIDER, cccd);
      if (!account) {
        // The CCCD is not recorded in the audit log: the person has no account to attach it to.
        await audit(db, ctx, null, 'auth.vneid.no_account', {});
        return { kind: 'no_account' };
      }
      if (account.status !== 'active') {
        await audit(db, ctx, account, 'auth.vneid.failed', { reason: 'disabled' });
        return { kind: 'failed', reason: 'disabled' };
      }
      const opened = await db.transaction().execute(async (trx) => {
        const linked = await repo.linkIdentity(trx, {
          provider: VNEID_PROVIDER,
          subject: cccd,
          accountId: account.id,
        });
        if (linked) await audit(trx, ctx, account, 'auth.vneid.linked', { provider: VNEID_PROVIDER });
        return auth.openSession(trx, account, 'vneid', ctx);
      });
      return { kind: 'signed_in', session: await auth.issueSession(opened) };
    },
  };
}
