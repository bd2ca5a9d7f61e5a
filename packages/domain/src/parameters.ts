/**
 * The effective-dated social insurance parameters: the small lookup API over the table.
 *
 * The table itself (each row with its `from` date and `source`) is in `parameter-table.ts`, the
 * shapes of its values in `parameter-types.ts`; both are re-exported here, so `./parameters`
 * stays the one import path. To correct a value, edit its row in the table: no code changes.
 */

import { PARAMETERS } from './parameter-table';
import type { Effective, ParameterName, ParameterTypes } from './parameter-types';

export * from './parameter-table';
export * from './parameter-types';

/** `yyyy-mm` reads as the first day of the month; `yyyy-mm-dd` as is. */
function dayOf(isoDate: string): string {
  return /^\d{4}-\d{2}$/.test(isoDate) ? `${isoDate}-01` : isoDate;
}

/**
 * The row of a parameter in force on an ISO date (`yyyy-mm-dd`, or `yyyy-mm` for the month's first
 * day), with its source and flags. Dates before a table's first row get the first row: every table
 * starts before the earliest record the system holds for it.
 */
export function parameterEntryAt<K extends ParameterName>(
  name: K,
  isoDate: string,
): Effective<ParameterTypes[K]> {
  const rows: readonly Effective<ParameterTypes[K]>[] = PARAMETERS[name];
  const day = dayOf(isoDate);
  const first = rows[0];
  if (first === undefined) throw new Error(`parameter ${name} has no rows`); // a bug in the table
  let found = first;
  for (const row of rows) {
    if (row.from > day) break;
    found = row;
  }
  return found;
}

/** The value of a parameter in force on an ISO date (`yyyy-mm-dd` or `yyyy-mm`). */
export function parameterAt<K extends ParameterName>(name: K, isoDate: string): ParameterTypes[K] {
  return parameterEntryAt(name, isoDate).value;
}

/** Every row of a parameter, oldest first. */
export function parameterHistory<K extends ParameterName>(name: K): readonly Effective<ParameterTypes[K]>[] {
  return PARAMETERS[name];
}
