/**
 * Vietnam's public holidays: the rule of the Labour Code (effective-dated) and, per year, the days
 * the government announces for officials and public employees (công chức, viên chức) — the BHXH
 * agencies' working calendar. The computation is in `working-days.ts`.
 *
 * Each announcement row lists the days off that replace the rule's Tết days, the extra days off
 * given by swapping, and the weekend days worked in exchange. Rows marked `assumption` are our
 * recollection of the announcement, not read from the document: check them against it. A year
 * without a row is computed by the rule alone (Tết = last day of the lunar year + 1st–4th of the
 * first month; 2 September plus 1 September; a holiday on a weekend moves to the next working day).
 */

import type { Effective } from './parameter-types';

/** The holiday rule in force: how many days and which second day of National Day. */
export interface HolidayRule {
  /** Days of Tết Nguyên đán: the last day(s) of the old lunar year + the first of the new. */
  tetDaysBefore: number;
  tetDaysAfter: number;
  /** The day beside 2 September (the Labour Code: one day before or after, the government chooses). */
  nationalDayNeighbour: 'before' | 'after';
}

/** @public What the government announced for one year (officials' calendar). */
export interface HolidayAnnouncement {
  /** The weekdays off for Tết as announced (replacing the rule's Tết days and their compensation). */
  tet?: readonly string[];
  /** Other days off announced (swaps, compensation), `yyyy-mm-dd`. */
  off: readonly string[];
  /** Weekend days worked in exchange for a swapped day off, `yyyy-mm-dd`. */
  work: readonly string[];
  source: string;
  /** Our recollection of the announcement, not read from it: verify. */
  assumption?: true;
}

/**
 * The Labour Code's holidays. Bộ luật Lao động 45/2019/QH14, Art. 112 (from 2021-01-01): 1 January;
 * 5 days of Tết; 10 March (lunar, Giỗ Tổ Hùng Vương); 30 April; 1 May; 2 September and one day
 * before or after it. Art. 111(3): a holiday on the weekly rest day is taken on the next working day.
 * Assumption: the rule's default Tết days are the last day of the lunar year and the 1st–4th of
 * the new one, and the day beside 2 September is 1 September (as the government chose in 2024–2025).
 */
export const HOLIDAY_RULES: readonly Effective<HolidayRule>[] = [
  {
    from: '2021-01-01',
    value: { tetDaysBefore: 1, tetDaysAfter: 4, nationalDayNeighbour: 'before' },
    source: 'Bộ luật Lao động 45/2019/QH14, Art. 111(3), Art. 112',
    assumption: true,
  },
];

/** The government's yearly announcements of holidays for officials (Thông báo of MOLISA / Bộ Nội vụ). */
export const HOLIDAY_ANNOUNCEMENTS: Readonly<Record<number, HolidayAnnouncement>> = {
  2024: {
    tet: ['2024-02-08', '2024-02-09', '2024-02-12', '2024-02-13', '2024-02-14'],
    off: ['2024-04-29', '2024-09-03'],
    work: ['2024-05-04'],
    source: 'Thông báo 6150/TB-LĐTBXH (2023): Tết 08–14/02/2024; 30/4 swap with Sat 04/05; 02–03/09',
    assumption: true,
  },
  2025: {
    tet: ['2025-01-27', '2025-01-28', '2025-01-29', '2025-01-30', '2025-01-31'],
    off: ['2025-05-02'],
    work: ['2025-04-26'],
    source: 'Thông báo 6150/TB-LĐTBXH (2024): Tết 25/01–02/02/2025; 02/05 swap with Sat 26/04; 01–02/09',
    assumption: true,
  },
  2026: {
    tet: ['2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20'],
    off: ['2026-01-02'],
    work: ['2026-01-10'],
    source: 'Bộ Nội vụ announcement (2025): Tết 14/02–22/02/2026; 02/01 swap with Sat 10/01',
    assumption: true,
  },
};
