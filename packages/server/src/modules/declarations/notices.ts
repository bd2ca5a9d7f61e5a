import type { Kysely } from 'kysely';
import { formatMoney, FUNDS } from '@vssid/domain';
import {
  addMonths,
  computeStatement,
  endOfMonth,
  monthCaps,
  monthOf,
  monthsOwingLong,
  regionOfProvince,
  STATEMENT_FROM,
  workerDue,
} from '@vssid/domain/declarations';
import type { Database } from '../../db/schema';
import { notify } from '../notifications/inbox-service';
import {
  findNoticeRun,
  finishNoticeRun,
  listActiveUnits,
  listPayments,
  monthSalaryFunds,
  startNoticeRun,
  workerMonths,
} from './repository';

/** The day of the month the notice goes out (issue #27 item 4). */
const NOTICE_DAY = 10;

/**
 * The monthly notice to workers whose unit owes contributions for 30 days or more (issue #27
 * item 4; the real VssID tells workers when their employer is late): from the 10th of each month
 * (Vietnam time; a pass on a later day of the month catches up a missed 10th), each unit's account
 * is folded as its statement is (`computeStatement` through the current month, payments to
 * `today`), and every worker employed at the unit in a month unpaid 30 days or more past its
 * deadline gets one message in their inbox (and a push through the outbox where allowed) naming
 * the unit, the months and their own contributions per fund for those months. Exactly once per
 * worker, unit and month: the inbox's idempotency key `contribution-owing:<month>:<unit>:<code>`;
 * a run finished for the month is not repeated. One transaction per unit.
 */
export async function sendOwingNotices(
  db: Kysely<Database>,
  today: string,
  now: Date,
  options: { batch?: number } = {},
): Promise<{ units: number; notices: number; skipped: boolean }> {
  if (Number(today.slice(8, 10)) < NOTICE_DAY) return { units: 0, notices: 0, skipped: true };
  const month = monthOf(today);
  const runMonth = `${month}-01`;
  const run = await findNoticeRun(db, runMonth);
  if (run?.finished_at) return { units: 0, notices: 0, skipped: true };
  await startNoticeRun(db, runMonth);
  const batch = options.batch ?? 200;
  let after = '';
  let units = 0;
  let notices = 0;
  for (;;) {
    const page = await listActiveUnits(db, `${STATEMENT_FROM}-01`, after, batch);
    for (const unit of page) {
      const sent = await noticeUnit(db, unit, today);
      if (sent > 0) units++;
      notices += sent;
    }
    const last = page[page.length - 1];
    if (!last || page.length < batch) break;
    after = last.code;
  }
  await finishNoticeRun(db, runMonth, notices, now);
  return { units, notices, skipped: false };
}

async function noticeUnit(
  db: Kysely<Database>,
  unit: { code: string; name: string; province_code: string },
  today: string,
): Promise<number> {
  const month = monthOf(today);
  const region = regionOfProvince(unit.province_code);
  const months = [];
  for (let m = STATEMENT_FROM; m <= month; m = addMonths(m, 1)) {
    const caps = monthCaps(m, region);
    months.push({ month: m, capBhxhBhyt: caps.bhxhBhyt, capBhtn: caps.bhtn });
  }
  const [funds, payments] = await Promise.all([
    monthSalaryFunds(db, unit.code, months),
    listPayments(db, unit.code, today < endOfMonth(month) ? today : endOfMonth(month)),
  ]);
  const owing = monthsOwingLong(computeStatement(month, funds, payments), today);
  if (owing.length === 0) return 0;
  const rows = await workerMonths(db, unit.code, owing);
  const byWorker = new Map<string, { month: string; salary: number }[]>();
  for (const r of rows) byWorker.set(r.bhxhCode, [...(byWorker.get(r.bhxhCode) ?? []), r]);
  return db.transaction().execute(async (trx) => {
    let sent = 0;
    for (const [bhxhCode, worked] of byWorker) {
      const due = Object.fromEntries(FUNDS.map((f) => [f, 0])) as Record<(typeof FUNDS)[number], number>;
      for (const w of worked) {
        const d = workerDue(w.salary, [w.month], region);
        for (const f of FUNDS) due[f] += d[f];
      }
      const told = await notify(
        trx,
        { bhxhCode },
        {
          template: 'declarations.inbox.owing',
          params: {
            unit: unit.name,
            months: worked.map((w) => `${w.month.slice(5, 7)}/${w.month.slice(0, 4)}`).join(', '),
            ...Object.fromEntries(FUNDS.map((f) => [f, formatMoney(due[f], 'vi')])),
          },
          idempotencyKey: `contribution-owing:${month}:${unit.code}:${bhxhCode}`,
        },
      );
      if (told) sent++;
    }
    return sent;
  });
}
