import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { type AuditOrigin, type AuthServiceDeps, createAuthCore } from './core';
import { createOtpService } from './otp-service';
import { createPasswordService } from './password-service';
import * as repo from './repository';
import { createSessionService } from './session-service';
import { createSignInService } from './sign-in-service';

export { hashPassword, type IssuedSession, type OtpSent, passwordMatches } from './credentials';

export type AuthService = Awaited<ReturnType<typeof createAuthService>>;

/**
 * Accounts, sign-in, OTP, devices, sessions and passwords (issue "Sign-in"), one service made of
 * its parts by purpose: signing in (sign-in-service.ts), sessions (session-service.ts), one-time
 * codes (otp-service.ts) and passwords (password-service.ts), over what they share (core.ts).
 * Rules live there; SQL in repository.ts; HTTP in routes.ts. Staff administration is the staff
 * module's.
 */
export async function createAuthService(deps: AuthServiceDeps) {
  const core = await createAuthCore(deps);
  const otp = createOtpService(core);
  const sessions = createSessionService(core);
  const signIn = createSignInService(core, otp, sessions);
  const passwords = createPasswordService(core, otp, sessions);

  return {
    tokens: core.tokens,
    limiter: core.limiter,
    /** Ends the subscription to session ends (the app's onClose). */
    close: core.close,
    ...sessions,
    ...signIn,
    ...passwords,
    ...otp.calls,
    /** An audit entry about an account (`actor`), with the call's address and request id. */
    auditAccount: core.audit,
    /** The account, in `trx` (401 when it is gone). */
    accountIn: core.getAccountIn,
    accountById: (id: string) => repo.findAccountById(core.db, id),
    accountByUsername: (username: string) => repo.findAccountByUsername(core.db, username),
    /** The officers and admins of an agency, by user name. */
    staffOfAgency: (agencyCode: string) => repo.findStaffOfAgency(core.db, agencyCode),
    /** Enables or disables an account, in `trx` (disabling does not end its sessions: `endAccountSessions`). */
    setAccountStatus: (trx: Kysely<Database>, id: string, status: 'active' | 'disabled') =>
      repo.updateAccount(trx, id, { status }),

    /**
     * Closes a citizen's account in `trx` (an approved "stop using e-transactions", issue #23):
     * its sessions end (`account_closed`), its passkeys and VNeID link are removed, the row is kept
     * with status `closed` (its user name and BHXH code free for a new registration).
     */
    async closeAccount(trx: Kysely<Database>, origin: AuditOrigin, accountId: string, now: Date) {
      const account = await repo.findAccountById(trx, accountId);
      if (!account || account.status === 'closed') return false;
      const ended = await repo.endSessionsOfAccount(trx, accountId, 'account_closed');
      core.sessions.forget(ended);
      await repo.removeSignInMeansOfAccount(trx, accountId);
      await repo.updateAccount(trx, accountId, { status: 'closed', closed_at: now });
      await core.audit(trx, origin, account, 'auth.account.closed', { endedSessions: ended.length });
      return true;
    },

    /** The account's phone and email (an approved e-transaction information change), in `trx`. */
    async changeAccountContact(
      trx: Kysely<Database>,
      origin: AuditOrigin,
      accountId: string,
      changes: { phone?: string; email?: string },
    ) {
      const account = await repo.findAccountById(trx, accountId);
      if (!account || (changes.phone === undefined && changes.email === undefined)) return;
      await repo.updateAccount(trx, accountId, changes);
      await core.audit(trx, origin, account, 'auth.account.contact_changed', {
        phone: changes.phone !== undefined,
        email: changes.email !== undefined,
      });
    },

    /** Counts a request against database-held limits (429 with Retry-After when one is over). */
    rateLimit(limits: { key: string; max: number; windowSeconds: number }[]): Promise<void> {
      return core.limiter.hit(limits);
    },
  };
}
