import { fundShare, isBenefitLevel } from '@vssid/domain';
import type { CardCheckCode, ScreenCheck } from '@vssid/domain/api/gateway';
import { startOfVietnamDay } from '@vssid/domain/vietnam-time';
import type { Kysely } from 'kysely';
import { type CallContext, signedIn } from '../../context';
import type { Database } from '../../db/schema';
import { AppError } from '../../http/problem';
import type { CheckService } from './check-service';
import * as repo from './repository';

/**
 * Codes with which the card may not be used for the visit (domain-reference.md: "Invalid for
 * treatment: 003, 010, 05x, 06x, 070, 110, 12x, 130"), and the gateway's own failures.
 */
const VALID: ReadonlySet<CardCheckCode> = new Set(['000', '001', '002', '004']);

/** The clinic's own screens: a check in words, today's checks, its visit files. */
export function createScreenService(deps: { db: Kysely<Database>; checks: CheckService; now?: () => Date }) {
  const { db, checks } = deps;
  const now = deps.now ?? (() => new Date());
  const clinicOf = (ctx: CallContext): string => {
    const principal = signedIn(ctx);
    if (principal.role !== 'clinic' || !principal.clinicCode)
      throw new AppError(403, 'forbidden', 'auth.forbidden');
    return principal.clinicCode;
  };

  return {
    async check(
      ctx: CallContext,
      body: { maThe: string; hoTen: string; ngaySinh: string; cccdCb: string },
    ): Promise<ScreenCheck> {
      const clinicCode = clinicOf(ctx);
      const clinic = await repo.findClinic(db, clinicCode);
      if (!clinic) throw new AppError(403, 'forbidden', 'auth.forbidden');
      // The clerk's name as the clinic registered it (an unregistered CCCD stays 054).
      const clerk = await repo.findClerk(db, clinicCode, body.cccdCb.trim());
      const result = await checks.check(
        ctx,
        { clinicCode, clinicName: clinic.name, username: signedIn(ctx).displayName },
        { ...body, hoTenCb: clerk?.full_name ?? '-' },
        'screen',
      );
      const valid = VALID.has(result.maKetQua);
      const cards = result.maSoBHXH ? await repo.findCardsOf(db, result.maSoBHXH) : [];
      const card = cards.find((c) => c.card_number === result.maThe);
      const level = card?.benefit_level;
      return {
        result,
        valid,
        benefitLevel: level ?? null,
        fundPercent: level !== undefined && isBenefitLevel(level) ? fundShare(level).percent : null,
        registeredClinicName: card?.clinic_name ?? null,
      };
    },

    async today(ctx: CallContext) {
      const rows = await repo.findChecksSince(db, clinicOf(ctx), startOfVietnamDay(now()), 200);
      return {
        checks: rows.map((r) => ({
          at: r.checked_at.toISOString(),
          code: r.query_code,
          resultCode: r.result_code,
          clerkName: r.clerk_name,
          channel: r.channel,
        })),
      };
    },

    async visitFiles(ctx: CallContext) {
      const rows = await repo.findVisitFiles(db, clinicOf(ctx), 200);
      return {
        files: rows.map((r) => ({
          maLk: r.ma_lk,
          receivedAt: r.received_at.toISOString(),
          status: r.status,
          fileTypes: r.file_types,
          submissions: r.submissions,
          errors: r.errors,
        })),
      };
    },
  };
}
export type ScreenService = ReturnType<typeof createScreenService>;
