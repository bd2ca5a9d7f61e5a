import type { Kysely } from 'kysely';
import { type CallContext, signedIn } from '../../context';
import type { Database } from '../../db/schema';
import { AppError } from '../../http/problem';
import type { Translator } from '../../i18n';
import { auditService } from '../audit/service';
import {
  agencyScope,
  fieldProblem,
  findAgenciesWithOfficers,
  findOfferedAgencies,
  updateAgencyReceiving,
} from '../registration';

/**
 * Agency admins say which agencies of their scope (their own and those below it) receive
 * registration dossiers (issue 20). An agency is offered to citizens only when it receives AND an
 * active officer can see its queue (the rule of `registration/receiving.ts`).
 */
export function createReceivingAdmin(deps: { db: Kysely<Database>; translator: Translator }) {
  const { db, translator } = deps;

  /**
   * For an agency admin: their agency and those below it, whether each receives dossiers, its
   * own active officers, and whether citizens are offered it now (receiving and covered).
   */
  async function listForAdmin(ctx: CallContext) {
    const admin = signedIn(ctx);
    const scope = admin.agencyCode ? await agencyScope(db, admin.agencyCode) : [];
    const [rows, offered] = await Promise.all([
      findAgenciesWithOfficers(db, scope),
      findOfferedAgencies(db, { codes: scope }),
    ]);
    const offeredCodes = new Set(offered.map((a) => a.code));
    return {
      agencies: rows.map((r) => ({
        code: r.code,
        name: r.name,
        level: r.level,
        receivesDossiers: r.receives_dossiers,
        officers: Number(r.officers ?? 0),
        offered: offeredCodes.has(r.code),
      })),
    };
  }

  return {
    listForAdmin,

    /**
     * An agency admin says whether an agency of their scope receives dossiers (audited). The
     * national head office never does (422 on `receivesDossiers`); out of scope: 404. Dossiers it
     * already holds stay in its queue.
     */
    async setReceiving(ctx: CallContext, code: string, receives: boolean) {
      const admin = signedIn(ctx);
      const scope = admin.agencyCode ? await agencyScope(db, admin.agencyCode) : [];
      const [agency] = scope.includes(code) ? await findAgenciesWithOfficers(db, [code]) : [];
      if (!agency) throw new AppError(404, 'not_found', 'notFound');
      // The national head office has no counter for registration dossiers, ever.
      if (receives && agency.level === 'central')
        throw fieldProblem(translator, ctx.language, {
          status: 422,
          code: 'central_never_receives',
          key: 'registration.centralNeverReceives',
          field: 'receivesDossiers',
          fieldCode: 'central_never_receives',
        });
      await db.transaction().execute(async (trx) => {
        await updateAgencyReceiving(trx, code, receives);
        await auditService.record(trx, {
          actor_type: admin.role,
          actor_id: admin.accountId,
          subject_bhxh_code: null,
          action: 'agency.receiving_changed',
          target_type: 'agency',
          target_id: code,
          purpose: null,
          ip: ctx.client.ip,
          request_id: ctx.requestId,
          details: { receivesDossiers: receives },
        });
      });
      const changed = (await listForAdmin(ctx)).agencies.find((a) => a.code === code);
      if (!changed) throw new AppError(404, 'not_found', 'notFound');
      return changed;
    },
  };
}

export type ReceivingAdmin = ReturnType<typeof createReceivingAdmin>;
