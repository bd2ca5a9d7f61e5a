import type { Kysely } from 'kysely';
import type { PaymentDifference } from '@vssid/domain/api/payments';
import { type CallContext, signedIn } from '../../context';
import type { Database } from '../../db/schema';
import { AppError } from '../../http/problem';
import { auditService } from '../audit/service';
import type { PaymentGateway, QueryAnswer } from './gateway';
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
const VIETNAM_OFFSET_MS = 7 * 3_600_000;
/** How many past days the default pass looks back for one not yet reconciled. */
const CATCH_UP_DAYS = 3;

/** The day before `day` (yyyy-MM-dd). */
function previousDay(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) - DAY_MS).toISOString().slice(0, 10);
}

/**
 * The comparison of our payments with the gateway's answers to querydr, one per payment. Pure, so
 * the table of cases is tested directly. A payment whose query failed is not compared (the day is
 * asked again at the next run).
 * - paid here, the gateway does not know the reference (91): `missing_theirs`;
 * - money taken (status 00) while ours is not paid (the notification never came or was refused),
 *   or paid here while the gateway's transaction did not take money: `state_mismatch`;
 * - money taken, another amount than ours: `amount_mismatch`;
 * - paid on both sides, same amount, but another transaction number than the one our notification
 *   recorded: `state_mismatch` (the list has no kind of its own for it; the officer opens both records).
 * `missing_ours` (money at the gateway for a reference we never made) cannot be found by querydr,
 * which answers only about references we ask for; the kind stays in the list's contract.
 */
export function compareAnswers(
  day: string,
  answers: readonly { payment: PaymentRow; answer: QueryAnswer }[],
): Omit<NewDifference, 'province_code'>[] {
  const out: Omit<NewDifference, 'province_code'>[] = [];
  for (const { payment: o, answer } of answers) {
    const t = answer.found ? answer.transaction : null;
    const row = (kind: NewDifference['kind']) =>
      out.push({
        run_date: day,
        kind,
        txn_ref: o.txn_ref,
        bhxh_code: o.bhxh_code,
        payment_id: o.id,
        our_amount_vnd: Number(o.amount_vnd),
        their_amount_vnd: t ? t.amountVnd : null,
        our_status: o.status,
        their_status: t ? t.transactionStatus : null,
      });
    const paidHere = o.status === 'paid';
    if (!t) {
      if (paidHere) row('missing_theirs');
      continue;
    }
    const taken = t.transactionStatus === '00';
    if (taken && Number(o.amount_vnd) !== t.amountVnd) row('amount_mismatch');
    else if (taken !== paidHere) row('state_mismatch');
    else if (taken && o.gateway_txn_no && o.gateway_txn_no !== t.transactionNo) row('state_mismatch');
  }
  return out;
}

/** `work` over `items`, at most `limit` at a time, results in the items' order. */
async function boundedMap<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
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
 * The daily reconciliation (issue #26 item 3) and the officers' list of its differences. VNPay has
 * no API listing a day's transactions; it answers querydr about one reference. So a day's pass asks
 * the gateway about each of our payments created that day (GMT+7) and each still pending from
 * before, at most `concurrency` calls at a time, each bounded by the adapter's timeout, and
 * compares (`compareAnswers`). Differences are inserted once per reference, kind and day (a
 * second pass adds nothing). The day's run row is written only when every call succeeded: a call
 * that failed is logged and the whole day is asked again at the next run (the list has no kind
 * for "could not query" without a migration). Pending payments a day past the gateway's deadline
 * become `expired` in each pass.
 */
export function createReconciliation(deps: {
  db: Kysely<Database>;
  gateway: PaymentGateway | null;
  now?: (() => Date) | undefined;
  concurrency?: number;
  log?: { warn: (obj: object, msg: string) => void };
}) {
  const { db, gateway } = deps;
  const now = deps.now ?? (() => new Date());
  const concurrency = deps.concurrency ?? 4;

  return {
    /**
     * Reconciles `day` unless done; by default the oldest of the last `CATCH_UP_DAYS` days (Vietnam
     * time, up to yesterday) not yet done, so a day left open by failed calls is asked again at the
     * next ticks even after midnight. Null when done or no gateway. `unqueried`: payments the
     * gateway could not be asked about (the day stays open).
     */
    async reconcile(day?: string): Promise<{ day: string; differences: number; unqueried: number } | null> {
      if (!gateway) return null;
      const at = now();
      await expirePayments(db, new Date(at.getTime() - DAY_MS));
      let target = day ?? null;
      if (target === null) {
        let candidate = new Date(at.getTime() + VIETNAM_OFFSET_MS).toISOString().slice(0, 10);
        const days: string[] = [];
        for (let i = 0; i < CATCH_UP_DAYS; i++) days.unshift((candidate = previousDay(candidate)));
        for (const d of days)
          if (!(await hasReconciliationRun(db, d))) {
            target = d;
            break;
          }
        if (target === null) return null;
      } else if (await hasReconciliationRun(db, target)) return null;
      const from = new Date(Date.parse(`${target}T00:00:00Z`) - VIETNAM_OFFSET_MS);
      const ours = await findPaymentsForReconciliation(db, from, new Date(from.getTime() + DAY_MS));
      const results = await boundedMap(ours, concurrency, async (payment) => {
        try {
          return {
            payment,
            answer: await gateway.queryTransaction({
              txnRef: payment.txn_ref,
              createdAt: payment.created_at,
            }),
          };
        } catch (error) {
          deps.log?.warn({ err: error, txnRef: payment.txn_ref }, 'payment reconciliation: querydr failed');
          return { payment, answer: null };
        }
      });
      const answered = results.flatMap((r) => (r.answer ? [{ payment: r.payment, answer: r.answer }] : []));
      const unqueried = results.length - answered.length;
      const found = compareAnswers(target, answered);
      return db.transaction().execute(async (trx) => {
        const rows: NewDifference[] = [];
        for (const d of found)
          rows.push({ ...d, province_code: d.bhxh_code ? await findProvinceOf(trx, d.bhxh_code) : null });
        await insertDifferences(trx, rows);
        if (unqueried === 0) {
          const claimed = await claimReconciliationRun(trx, {
            run_date: target,
            gateway_count: answered.filter((r) => r.answer.found).length,
            our_count: ours.length,
            differences: rows.length,
          });
          if (!claimed) return null;
        }
        return { day: target, differences: rows.length, unqueried };
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
