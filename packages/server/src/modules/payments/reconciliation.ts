import type { Kysely } from 'kysely';
import type { PaymentDifference } from '@vssid/domain/api/payments';
import { type CallContext, signedIn } from '../../context';
import type { Database } from '../../db/schema';
import { AppError } from '../../http/problem';
import { auditService } from '../audit/service';
import type { GatewayTransaction, PaymentGateway } from './gateway';
import {
  agencyProvinces,
  claimReconciliationRun,
  type DifferenceRow,
  expirePayments,
  findDifference,
  findPaymentsForReconciliation,
  findProvinceOf,
  hasReconciliationRun,
  insertDifferences,
  listDifferences,
  type NewDifference,
  type PaymentRow,
  resolveDifference,
} from './repository';

const DAY_MS = 86_400_000;

/** The day before `day` (yyyy-MM-dd). */
function previousDay(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) - DAY_MS).toISOString().slice(0, 10);
}

/**
 * The comparison of one day: the gateway's transactions of the day against our payments named by
 * them or paid on the day by the gateway's own date (vnp_PayDate, GMT+7). Pure, so the table of cases is tested directly.
 * - money taken by the gateway for a reference we do not have: `missing_ours`;
 * - money taken, our payment not paid (the notification never came or was refused): `state_mismatch`;
 * - money taken, another amount than ours: `amount_mismatch`;
 * - our payment paid, the gateway has no successful transaction for it: `missing_theirs` (or
 *   `state_mismatch` when it has a failed one).
 */
export function compareDay(
  day: string,
  theirs: readonly GatewayTransaction[],
  ours: readonly PaymentRow[],
): Omit<NewDifference, 'province_code'>[] {
  const byRef = new Map(ours.map((p) => [p.txn_ref, p]));
  const theirRefs = new Set(theirs.map((t) => t.txnRef));
  const out: Omit<NewDifference, 'province_code'>[] = [];
  const row = (
    kind: NewDifference['kind'],
    txnRef: string,
    o: PaymentRow | undefined,
    t: GatewayTransaction | undefined,
  ) =>
    out.push({
      run_date: day,
      kind,
      txn_ref: txnRef,
      bhxh_code: o?.bhxh_code ?? null,
      payment_id: o?.id ?? null,
      our_amount_vnd: o ? Number(o.amount_vnd) : null,
      their_amount_vnd: t ? t.amountVnd : null,
      our_status: o?.status ?? null,
      their_status: t ? t.transactionStatus : null,
    });
  for (const t of theirs) {
    const taken = t.transactionStatus === '00';
    const o = byRef.get(t.txnRef);
    if (!o) {
      if (taken) row('missing_ours', t.txnRef, o, t);
    } else if (taken && Number(o.amount_vnd) !== t.amountVnd) row('amount_mismatch', t.txnRef, o, t);
    else if (taken !== (o.status === 'paid')) row('state_mismatch', t.txnRef, o, t);
  }
  for (const o of ours)
    if (o.status === 'paid' && !theirRefs.has(o.txn_ref)) row('missing_theirs', o.txn_ref, o, undefined);
  return out;
}

function differenceView(row: DifferenceRow): PaymentDifference {
  const n = (v: string | null) => (v === null ? null : Number(v));
  return {
    id: row.id,
    runDate: row.run_date,
    kind: row.kind,
    txnRef: row.txn_ref,
    bhxhCode: row.bhxh_code,
    personName: row.full_name,
    ourAmountVnd: n(row.our_amount_vnd),
    theirAmountVnd: n(row.their_amount_vnd),
    ourStatus: row.our_status,
    theirStatus: row.their_status,
    detectedAt: row.detected_at.toISOString(),
    resolvedAt: row.resolved_at?.toISOString() ?? null,
    resolutionNote: row.resolution_note,
  };
}

export type Reconciliation = ReturnType<typeof createReconciliation>;

/**
 * The daily reconciliation (issue #26 item 3) and the officers' list of its differences. A day
 * is reconciled once: its run row is inserted in the transaction that writes the differences, so
 * a second node (or a second tick) finds it done. Pending payments a day past the gateway's
 * deadline become `expired` in the same pass.
 */
export function createReconciliation(deps: {
  db: Kysely<Database>;
  gateway: PaymentGateway | null;
  now?: (() => Date) | undefined;
}) {
  const { db, gateway } = deps;
  const now = deps.now ?? (() => new Date());

  return {
    /** Reconciles `day` (default: yesterday in Vietnam) unless done; null when done or no gateway. */
    async reconcile(day?: string): Promise<{ day: string; differences: number } | null> {
      if (!gateway) return null;
      const at = now();
      const target = day ?? previousDay(new Date(at.getTime() + 7 * 3_600_000).toISOString().slice(0, 10));
      await expirePayments(db, new Date(at.getTime() - DAY_MS), []);
      if (await hasReconciliationRun(db, target)) return null;
      const theirs = await gateway.listTransactions(target);
      return db.transaction().execute(async (trx) => {
        // The gateway's references in slices (a statement's parameters are bounded).
        const byId = new Map<string, PaymentRow>();
        const refs = theirs.map((t) => t.txnRef);
        for (let i = 0; i === 0 || i < refs.length; i += 5000)
          for (const p of await findPaymentsForReconciliation(
            trx,
            target.replaceAll('-', ''),
            refs.slice(i, i + 5000),
          ))
            byId.set(p.id, p);
        const ours = [...byId.values()];
        const found = compareDay(target, theirs, ours);
        const rows: NewDifference[] = [];
        for (const d of found)
          rows.push({ ...d, province_code: d.bhxh_code ? await findProvinceOf(trx, d.bhxh_code) : null });
        const claimed = await claimReconciliationRun(trx, {
          run_date: target,
          gateway_count: theirs.length,
          our_count: ours.length,
          differences: rows.length,
        });
        if (!claimed) return null;
        await insertDifferences(trx, rows);
        return { day: target, differences: rows.length };
      });
    },

    async list(ctx: CallContext, state: 'open' | 'resolved'): Promise<PaymentDifference[]> {
      const agency = signedIn(ctx).agencyCode;
      if (!agency) return [];
      const scope = await agencyProvinces(db, agency);
      return (await listDifferences(db, scope, state, 200)).map(differenceView);
    },

    async resolve(ctx: CallContext, id: string, note: string): Promise<PaymentDifference> {
      const principal = signedIn(ctx);
      const scope = principal.agencyCode
        ? await agencyProvinces(db, principal.agencyCode)
        : { all: false, provinces: [] };
      return db.transaction().execute(async (trx) => {
        const row = await findDifference(trx, id);
        const visible =
          row && (scope.all || (row.province_code !== null && scope.provinces.includes(row.province_code)));
        if (!row || !visible) throw new AppError(404, 'not_found', 'notFound');
        if (row.resolved_at) throw new AppError(409, 'difference_resolved', 'payments.alreadyResolved');
        const resolved = await resolveDifference(trx, id, principal.accountId, note);
        await auditService.record(trx, {
          actor_type: principal.role === 'agency_admin' ? 'agency_admin' : 'officer',
          actor_id: principal.accountId,
          subject_bhxh_code: row.bhxh_code,
          action: 'payment.difference_resolved',
          target_type: 'payment_difference',
          target_id: id,
          purpose: null,
          ip: ctx.client.ip || null,
          request_id: ctx.requestId,
          details: { kind: row.kind, txnRef: row.txn_ref, note },
        });
        return differenceView({ ...resolved, full_name: null });
      });
    },
  };
}
