import {
  addMonths,
  monthCaps,
  monthDue,
  regionOfProvince,
  STATEMENT_FROM,
  sumFunds,
} from '@vssid/domain/declarations';
import { AS_OF } from './history/calendar';
import { Random } from './random';

/** Runs one statement with positional parameters: the COPY path's pg client or Kysely's. */
type Query = <R>(text: string, values: unknown[]) => Promise<R[]>;

/**
 * The units' payments ledger (issue #27 item 4), filled after the people are loaded: each unit's
 * monthly dues from its compulsory periods (the statement's own rule: the capped salary fund ×
 * each fund's total rate, `monthDue`), and payments as units make them, from STATEMENT_FROM
 * to the month before the data's as-of date. Deterministic by the unit's code:
 * - 85 % pay each month in full between the 5th and the 25th of the next month;
 * - 10 % stopped paying two to five months before the as-of date (their workers get the notice
 *   of the 10th: owing 30 days or more);
 * - 5 % pay 80 % of each month (a growing debt, with interest).
 * Only payments made before the as-of date are written.
 */
export async function fillUnitPayments(query: Query): Promise<number> {
  const last = addMonths(AS_OF.slice(0, 7), -1);
  const months: string[] = [];
  for (let m = STATEMENT_FROM; m <= last; m = addMonths(m, 1)) months.push(m);
  if (months.length === 0) return 0;
  // Each month's caps for regions I–III, as a VALUES list the aggregation joins.
  const caps = months.flatMap((m) =>
    ([1, 2, 3] as const).map((region) => {
      const c = monthCaps(m, region);
      return `('${m}-01'::date, ${region}, ${c.bhxhBhyt}::bigint, ${c.bhtn}::bigint)`;
    }),
  );
  const regionOne = ['01', '79', '31', '48'].filter((p) => regionOfProvince(p) === 1);
  const regionTwo = ['22', '24', '75', '92', '56'].filter((p) => regionOfProvince(p) === 2);
  const rows = await query<{
    unit_code: string;
    month: string;
    people: string;
    fund: string;
    basis_a: string;
    basis_b: string;
  }>(
    `WITH units AS (
       SELECT code, CASE WHEN province_code = ANY($1::text[]) THEN 1
                         WHEN province_code = ANY($2::text[]) THEN 2 ELSE 3 END AS region
       FROM employer_units),
     caps (month, region, cap_a, cap_b) AS (VALUES ${caps.join(', ')})
     SELECT p.unit_code, to_char(c.month, 'YYYY-MM') AS month, count(*) AS people, sum(p.salary) AS fund,
            sum(least(p.salary, c.cap_a)) AS basis_a, sum(least(p.salary, c.cap_b)) AS basis_b
     FROM participation_periods p
     JOIN units u ON u.code = p.unit_code
     JOIN caps c ON c.region = u.region AND p.from_month <= c.month AND p.to_month >= c.month
     WHERE p.scheme = 'bhxh_compulsory' AND p.to_month >= $3::date
     GROUP BY p.unit_code, c.month`,
    [regionOne, regionTwo, `${STATEMENT_FROM}-01`],
  );
  const units: string[] = [];
  const days: string[] = [];
  const amounts: number[] = [];
  const references: string[] = [];
  for (const r of rows) {
    const due = sumFunds(
      monthDue({
        month: r.month,
        people: Number(r.people),
        salaryFund: Number(r.fund),
        basisBhxhBhyt: Number(r.basis_a),
        basisBhtn: Number(r.basis_b),
      }),
    );
    const h = new Random(r.unit_code).int(0, 9_999);
    const behaviour = h % 100;
    const stoppedFrom = addMonths(last, -(2 + (h % 4)));
    if (behaviour >= 85 && behaviour < 95 && r.month >= stoppedFrom) continue;
    const amount = behaviour >= 95 ? Math.round(due * 0.8) : due;
    const day = new Random(`${r.unit_code}:${r.month}`).int(5, 25);
    const paidOn = `${addMonths(r.month, 1)}-${String(day).padStart(2, '0')}`;
    if (amount <= 0 || paidOn >= AS_OF) continue;
    units.push(r.unit_code);
    days.push(paidOn);
    amounts.push(amount);
    references.push(`UNC ${r.unit_code} ${r.month}`);
  }
  const chunk = 20_000;
  for (let i = 0; i < units.length; i += chunk)
    await query(
      `INSERT INTO unit_payments (unit_code, paid_on, amount, reference)
       SELECT * FROM unnest($1::text[], $2::date[], $3::bigint[], $4::text[])`,
      [
        units.slice(i, i + chunk),
        days.slice(i, i + chunk),
        amounts.slice(i, i + chunk),
        references.slice(i, i + chunk),
      ],
    );
  return units.length;
}
