import type { Kysely } from 'kysely';
import { findUnit2025, vietnamDayStart } from '@vssid/domain';
import type { StatsGroupBy, StatsRow } from '@vssid/domain/api/back-office';
import { type CallContext, type Principal, signedIn } from '../../context';
import type { Database } from '../../db/schema';
import { AppError } from '../../http/problem';
import type { Translator } from '../../i18n';
import { auditService } from '../audit/service';
import { agencyScope } from '../registration';
import { countActionsByAgency, findAgenciesWithTargets, upsertTarget } from './stats-repository';

/**
 * Registration statistics for agency admins (issue "Registration", point 8): per agency or per
 * 2025 province, the dossiers received, approved, rejected and expired in a year, against the
 * agencies' targets. Scope: the admin's agency and every agency below it.
 *
 * ASSUMPTIONS: a dossier counts in the year of each action (Vietnam time, UTC+7): received =
 * `submit` actions, approved / rejected / expired = those actions, so a dossier submitted in
 * December and approved in January counts once in each year for what happened then. Progress
 * measures approved dossiers (the valid ones) against the target. A province's row sums the
 * agencies in scope located there (`bhxh_agencies.province_code`, a 2025 code).
 */

export type StatsService = ReturnType<typeof createStatsService>;

const notFound = () => new AppError(404, 'not_found', 'notFound');

const progressOf = (approved: number, target: number | null) =>
  target === null || target === 0 ? null : Math.round((approved / target) * 1000) / 10;

export function createStatsService(deps: { db: Kysely<Database>; translator: Translator }) {
  const { db, translator } = deps;

  async function scopeOf(principal: Principal) {
    const scope = principal.agencyCode ? await agencyScope(db, principal.agencyCode) : [];
    if (scope.length === 0) throw notFound();
    return scope;
  }

  async function stats(ctx: CallContext, year: number, groupBy: StatsGroupBy) {
    const scope = await scopeOf(signedIn(ctx));
    const start = vietnamDayStart(`${year}-01-01`);
    const end = vietnamDayStart(`${year + 1}-01-01`);
    const counts = await countActionsByAgency(db, scope, start, end);
    const agencies = await findAgenciesWithTargets(db, scope, year);
    const byAgency = new Map<string, StatsRow>(
      agencies.map((a) => [
        a.code,
        {
          key: a.code,
          name: a.name,
          provinceCode: a.province_code,
          received: 0,
          approved: 0,
          rejected: 0,
          expired: 0,
          target: a.target ?? null,
          progress: null,
        },
      ]),
    );
    const field = { submit: 'received', approve: 'approved', reject: 'rejected', expire: 'expired' } as const;
    for (const c of counts) {
      const row = byAgency.get(c.agency_code);
      if (row) row[field[c.action as keyof typeof field]] += Number(c.n);
    }
    let rows = [...byAgency.values()];
    if (groupBy === 'province') {
      const byProvince = new Map<string, StatsRow>();
      for (const r of rows) {
        const p =
          byProvince.get(r.provinceCode) ??
          ({
            key: r.provinceCode,
            name: findUnit2025(r.provinceCode)?.name ?? r.provinceCode,
            provinceCode: r.provinceCode,
            received: 0,
            approved: 0,
            rejected: 0,
            expired: 0,
            target: null,
            progress: null,
          } satisfies StatsRow);
        p.received += r.received;
        p.approved += r.approved;
        p.rejected += r.rejected;
        p.expired += r.expired;
        if (r.target !== null) p.target = (p.target ?? 0) + r.target;
        byProvince.set(r.provinceCode, p);
      }
      rows = [...byProvince.values()].sort((a, b) => a.key.localeCompare(b.key));
    }
    for (const r of rows) r.progress = progressOf(r.approved, r.target);
    const totals = rows.reduce(
      (t, r) => ({
        received: t.received + r.received,
        approved: t.approved + r.approved,
        rejected: t.rejected + r.rejected,
        expired: t.expired + r.expired,
        target: r.target === null ? t.target : (t.target ?? 0) + r.target,
      }),
      { received: 0, approved: 0, rejected: 0, expired: 0, target: null as number | null },
    );
    return {
      year,
      groupBy,
      rows,
      totals: { ...totals, progress: progressOf(totals.approved, totals.target) },
    };
  }

  return {
    stats,

    /** The same table as CSV (RFC 4180, UTF-8 with BOM so spreadsheet programs read Vietnamese). */
    async csv(ctx: CallContext, year: number, groupBy: StatsGroupBy) {
      const result = await stats(ctx, year, groupBy);
      const h = (k: string) => translator.t(ctx.language, `messages:registration.officer.statsCsv.${k}`);
      const header = [
        groupBy === 'agency' ? h('agency') : h('province'),
        h('agencyName'),
        h('received'),
        h('approved'),
        h('rejected'),
        h('expired'),
        h('target'),
        h('progress'),
      ];
      const lines = [
        header,
        ...result.rows.map((r) => [
          r.key,
          r.name,
          r.received,
          r.approved,
          r.rejected,
          r.expired,
          r.target ?? '',
          r.progress ?? '',
        ]),
      ];
      return '\uFEFF' + lines.map((l) => l.map(csvField).join(',')).join('\r\n') + '\r\n';
    },

    async setTarget(ctx: CallContext, agencyCode: string, year: number, target: number) {
      const principal = signedIn(ctx);
      const scope = await scopeOf(principal);
      if (!scope.includes(agencyCode)) throw notFound();
      await db.transaction().execute(async (trx) => {
        await upsertTarget(trx, agencyCode, year, target);
        await auditService.record(trx, {
          actor_type: principal.role,
          actor_id: principal.accountId,
          subject_bhxh_code: null,
          action: 'registration.target.set',
          target_type: 'agency',
          target_id: agencyCode,
          purpose: null,
          ip: ctx.client.ip,
          request_id: ctx.requestId,
          details: { year, target },
        });
      });
      return { agencyCode, year, target };
    },
  };
}

/** One CSV field: quoted when it holds a separator, quote or line break; formula starts neutralised. */
export function csvField(value: string | number): string {
  let text = String(value);
  // A cell starting with = + - @ would run as a formula in a spreadsheet (CSV injection).
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
