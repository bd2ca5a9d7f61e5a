import type { Kysely } from 'kysely';
import { type CallContext, signedIn } from '../../context';
import type { Database } from '../../db/schema';
import { AppError } from '../../http/problem';
import type { Translator } from '../../i18n';
import { maskPhone } from '../auth/credentials';
import type { AuthService } from '../auth/service';

/**
 * Staff administration (issue #21 item 4: apart from signing in): an agency admin lists, creates,
 * disables and re-enables the officers of their own agency. The accounts are auth's (its
 * repository and its issued passwords); the rules of who may change whom are here.
 */
export function createStaffService(deps: {
  db: Kysely<Database>;
  auth: AuthService;
  translator: Translator;
}) {
  const { db, auth, translator } = deps;

  return {
    /** An agency admin's officers (and admins). */
    async listOfficers(ctx: CallContext) {
      const admin = signedIn(ctx);
      const rows = await auth.staffOfAgency(admin.agencyCode ?? '');
      return rows.map((r) => ({
        id: r.id,
        username: r.username,
        displayName: r.display_name,
        role: r.role,
        status: staffStatus(r.status),
        phoneMasked: r.phone ? maskPhone(r.phone) : null,
        createdAt: r.created_at.toISOString(),
      }));
    },

    /** An officer of the admin's agency; the initial password goes to their phone by SMS. */
    async createOfficer(
      ctx: CallContext,
      input: {
        username: string;
        displayName: string;
        phone: string;
        email?: string | undefined;
        role?: 'officer' | 'communications' | undefined;
      },
    ) {
      const admin = signedIn(ctx);
      if (!admin.agencyCode) throw new AppError(403, 'forbidden', 'auth.forbidden');
      const taken = await auth.accountByUsername(input.username.toLowerCase());
      if (taken)
        throw new AppError(409, 'username_taken', 'auth.usernameTaken', {}, [
          {
            in: 'body',
            field: 'username',
            code: 'auth.username_taken',
            message: translator.t(ctx.language, 'auth.usernameTaken'),
          },
        ]);
      const origin = { ip: ctx.client.ip, requestId: ctx.requestId };
      const account = await db.transaction().execute(async (trx) => {
        const created = await auth.createAccountWithIssuedPassword(
          trx,
          {
            // Issue 25: an admin also creates the communications staff of their agency.
            role: input.role ?? 'officer',
            username: input.username,
            displayName: input.displayName,
            agencyCode: admin.agencyCode,
            phone: input.phone,
            email: input.email ?? null,
            createdBy: admin.accountId,
            language: ctx.language,
          },
          origin,
        );
        await auth.auditAccount(
          trx,
          origin,
          await auth.accountIn(trx, admin.accountId),
          'staff.officer.created',
          {
            officer: created.id,
          },
        );
        return created;
      });
      return {
        id: account.id,
        username: account.username,
        displayName: account.display_name,
        role: account.role,
        status: staffStatus(account.status),
      };
    },

    /** Disables an officer of the admin's own agency (another agency's: 404) and ends their sessions. */
    async setOfficerStatus(ctx: CallContext, officerId: string, status: 'active' | 'disabled') {
      const admin = signedIn(ctx);
      const officer = /^\d{1,18}$/.test(officerId) ? await auth.accountById(officerId) : undefined;
      if (
        !officer ||
        officer.agency_code !== admin.agencyCode ||
        (officer.role !== 'officer' && officer.role !== 'communications')
      )
        throw new AppError(404, 'not_found', 'notFound');
      await db.transaction().execute(async (trx) => {
        await auth.setAccountStatus(trx, officer.id, status);
        if (status === 'disabled') await auth.endAccountSessions(trx, officer.id, 'account_disabled');
        await auth.auditAccount(
          trx,
          ctx,
          await auth.accountIn(trx, admin.accountId),
          `staff.officer.${status === 'disabled' ? 'disabled' : 'enabled'}`,
          { officer: officer.id },
        );
      });
    },
  };
}

/** Only citizens' accounts are closed (e-transactions stopped, issue #23): a staff account shows as disabled. */
function staffStatus(status: 'active' | 'disabled' | 'closed'): 'active' | 'disabled' {
  return status === 'closed' ? 'disabled' : status;
}
