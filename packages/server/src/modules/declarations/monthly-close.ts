import type { Kysely } from 'kysely';
import {
  addMonths,
  type EmployeeScheme,
  employeeCardObjectCode,
  monthOf,
  periodFigures,
  regionOfProvince,
  runningCardValidTo,
} from '@vssid/domain/declarations';
import { vietnamToday } from '@vssid/domain/vietnam-time';
import type { Database } from '../../db/schema';
import {
  currentCards,
  extendCards,
  extendRunningPeriods,
  findUnits,
  insertPeriods,
  listRunningBefore,
  type RunningPeriod,
  stopRunningPeriods,
} from './repository';

/**
 * The monthly close (issue #27; the real system records each declared worker's months as they
 * pass): from the first pass of a month (Vietnam time), every running compulsory period — a
 * worker still declared with the unit: set by a 600, ended by a 600a (migration 0031) — is
 * extended to that month, its amounts recomputed month by month with the rules in force for its
 * salary (`periodFigures`, as the declarations' effects do). A period whose months are all `paid`
 * is not stretched over unpaid months: it stops running and an owed successor (same unit, salary
 * and position) runs from the month after it. The worker's current card of the unit's kind stays
 * valid while the period runs (`runningCardValidTo`: to the end of the year of the month reached).
 *
 * Idempotent: a period already reaching the month is not read again (`to_month < month`), so a
 * second pass in the month, on any node, changes nothing. Bounded: batches of `batch` periods in
 * key order, one transaction each; each write is guarded by the period's end as read, so a 600a
 * or 600b approved meanwhile wins and the period is read again by the next pass. A month missed
 * entirely (no pass) is caught up: the period reaches the current month directly.
 */
export async function closeMonth(
  db: Kysely<Database>,
  today: string = vietnamToday(),
  options: { batch?: number } = {},
): Promise<{ periods: number; cards: number }> {
  const month = monthOf(today);
  const batch = options.batch ?? 500;
  let after: RunningPeriod | null = null;
  let periods = 0;
  let cards = 0;
  for (;;) {
    const page = await listRunningBefore(db, `${month}-01`, after, batch);
    if (page.length === 0) break;
    const done = await db.transaction().execute((trx) => closeBatch(trx, page, month));
    periods += done.periods;
    cards += done.cards;
    after = page[page.length - 1] ?? null;
    if (page.length < batch) break;
  }
  return { periods, cards };
}

const keyOf = (row: { bhxh_code: string; id: string }) => `${row.bhxh_code}:${row.id}`;

async function closeBatch(
  trx: Kysely<Database>,
  rows: readonly RunningPeriod[],
  month: string,
): Promise<{ periods: number; cards: number }> {
  const unitCodes = [...new Set(rows.map((r) => r.unit_code).filter((c): c is string => c !== null))];
  const units = new Map((await findUnits(trx, unitCodes)).map((u) => [u.code, u]));
  const owed = [];
  const paid = [];
  for (const row of rows) {
    const unit = row.unit_code === null ? undefined : units.get(row.unit_code);
    // Only the declarations' compulsory periods run, and they name their unit.
    if (!unit) throw new Error(`running period ${row.bhxh_code}/${row.id} has no unit`);
    const region = regionOfProvince(unit.province_code);
    const key = { bhxhCode: row.bhxh_code, id: row.id, oldTo: row.to_month };
    if (row.status === 'owed') {
      const f = periodFigures(
        row.scheme as EmployeeScheme,
        Number(row.salary),
        monthOf(row.from_month),
        month,
        region,
      );
      owed.push({ ...key, employeeAmount: f.employeeAmount, employerAmount: f.employerAmount });
    } else {
      paid.push({ key, row, region });
    }
  }
  const extended = await extendRunningPeriods(trx, `${month}-01`, owed);
  const stopped = new Set(
    (
      await stopRunningPeriods(
        trx,
        paid.map((p) => p.key),
      )
    ).map(keyOf),
  );
  const successors = paid
    .filter((p) => stopped.has(keyOf(p.row)))
    .map(({ row, region }) => {
      const from = addMonths(monthOf(row.to_month), 1);
      const f = periodFigures(row.scheme as EmployeeScheme, Number(row.salary), from, month, region);
      return {
        bhxh_code: row.bhxh_code,
        scheme: row.scheme,
        from_month: `${from}-01`,
        to_month: `${month}-01`,
        unit_code: row.unit_code,
        position: row.position,
        salary: row.salary,
        employee_rate_bp: f.employeeRateBp,
        employer_rate_bp: f.employerRateBp,
        employee_amount: f.employeeAmount,
        employer_amount: f.employerAmount,
        state_support: 0,
        status: 'owed' as const,
        running: true,
      };
    });
  await insertPeriods(trx, successors);

  // The card follows the BHYT period: the current card of the unit's kind stays valid.
  const changed = new Set([...extended.map(keyOf), ...stopped]);
  const cardKinds = new Map<string, Set<string>>();
  for (const row of rows) {
    if (row.scheme !== 'bhyt' || !changed.has(keyOf(row))) continue;
    const unit = row.unit_code === null ? undefined : units.get(row.unit_code);
    if (!unit) continue;
    const kinds = cardKinds.get(row.bhxh_code) ?? new Set<string>();
    kinds.add(employeeCardObjectCode(unit.kind));
    cardKinds.set(row.bhxh_code, kinds);
  }
  const validTo = runningCardValidTo(month);
  const cards = (await currentCards(trx, [...cardKinds.keys()])).filter(
    (c) =>
      c.status === 'active' &&
      cardKinds.get(c.bhxh_code)?.has(c.object_code) === true &&
      c.valid_to !== null &&
      c.valid_to < validTo,
  );
  return {
    periods: extended.length + stopped.size,
    cards: await extendCards(trx, cards, validTo),
  };
}
