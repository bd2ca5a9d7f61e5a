/**
 * Vietnam's public holidays: the rule of the Labour Code (effective-dated) and, per year, the days
 * the government announced for officials and public employees (công chức, viên chức) — the BHXH
 * agencies' working calendar. The computation is in `working-days.ts`.
 *
 * Each announcement row lists the weekdays off for Tết, the other days off given by swapping, the
 * weekend days worked in exchange and which day stands beside 2 September. A year without a row is
 * computed by the rule alone (Tết = last day of the lunar year + 1st–4th of the first month; 2
 * September plus 1 September; a holiday on a weekend moves to the next working day).
 *
 * Verification (December 2026). Each row was checked against reports of the Government Office's
 * letters (công văn VPCP) or the Ministry of Home Affairs' notices, read in the stored pages named in
 * its `source`; the documents themselves were not in our sources. The lunar dates (Tết, Giỗ Tổ) are
 * computed by `@dqcai/vn-lunar` and agree with every report (Tết 10/02/2024, 29/01/2025,
 * 17/02/2026, 06/02/2027; Giỗ Tổ 18/04/2024, 07/04/2025, 26/04/2026).
 */

import type { Effective } from './parameter-types';

/** The holiday rule in force: how many days and which second day of National Day. */
export interface HolidayRule {
  /** Days of Tết Nguyên đán: the last day(s) of the old lunar year + the first of the new. */
  tetDaysBefore: number;
  tetDaysAfter: number;
  /** The day beside 2 September (the Labour Code: one day before or after, the government chooses). */
  nationalDayNeighbour: 'before' | 'after';
  /** 24 November, Ngày Văn hóa Việt Nam, is a paid holiday. */
  cultureDay: boolean;
}

/** @public What the government announced for one year (officials' calendar). */
export interface HolidayAnnouncement {
  /** The weekdays off for Tết as announced (replacing the rule's Tết days and their compensation). */
  tet?: readonly string[];
  /** The day announced beside 2 September, when it differs from the rule's. */
  nationalDayNeighbour?: 'before' | 'after';
  /** Other days off announced (swaps, compensation), `yyyy-mm-dd`. */
  off: readonly string[];
  /** Weekend days worked in exchange for a swapped day off, `yyyy-mm-dd`. */
  work: readonly string[];
  /** The announcements and where we read them. */
  source: string;
}

/**
 * The Labour Code's holidays. Bộ luật Lao động 45/2019/QH14, Art. 112 (from 2021-01-01): 1 January;
 * 5 days of Tết; 10 March (lunar, Giỗ Tổ Hùng Vương); 30 April; 1 May; 2 September and one day
 * before or after it — 11 days (as listed by vneconomy.vn, 26/02/2026, and vnexpress.net,
 * 17/01/2026). Art. 111(3): a holiday on the weekly rest day is taken on the next working day (the
 * 2026 Giỗ Tổ on Sunday 26/04 was taken on Monday 27/04).
 *
 * From 2026-07-01 the 12th day, 24 November (Ngày Văn hóa Việt Nam): Nghị quyết 28/2026/QH16 on
 * developing Vietnamese culture, in force 01/07/2026, as reported by Báo Chính phủ (baochinhphu.vn,
 * 24/04/2026, "Ngày Văn hóa Việt Nam 24/11: người lao động được nghỉ làm hưởng nguyên lương") and
 * xaydungchinhsach.chinhphu.vn (full text, 08/05/2026) — the resolution's text itself was not in
 * our sources. The Politburo chose the day in Nghị quyết 80-NQ/TW (January 2026; tienphong.vn,
 * cafef.vn, 13/01/2026) and the Government asked for Art. 112(1) to be amended (Nghị quyết
 * 30/NQ-CP; dantri.com.vn, vneconomy.vn, 26/02/2026). A swap around 24/11/2026 (Monday 23 off,
 * Saturday 28 worked) was reported only as a proposal: not applied.
 *
 * Assumption: for a year not yet announced, Tết is taken as the last day of the lunar year and the
 * 1st–4th of the new one, and the day beside 2 September as 1 September (as announced in 2025 and
 * 2026; 2024 took 3 September). The Prime Minister fixes both each year (Art. 112(3)).
 */
export const HOLIDAY_RULES: readonly Effective<HolidayRule>[] = [
  {
    from: '2021-01-01',
    value: { tetDaysBefore: 1, tetDaysAfter: 4, nationalDayNeighbour: 'before', cultureDay: false },
    source: 'Bộ luật Lao động 45/2019/QH14, Art. 111(3), Art. 112',
    assumption: true,
    note: 'The split of Tết (1 day before, 4 after) and 1 September stand for years not yet announced.',
  },
  {
    from: '2026-07-01',
    value: { tetDaysBefore: 1, tetDaysAfter: 4, nationalDayNeighbour: 'before', cultureDay: true },
    source:
      'Nghị quyết 28/2026/QH16 (24 November, Ngày Văn hóa Việt Nam, a paid holiday from 01/07/2026); Bộ luật Lao động 45/2019/QH14, Art. 111(3), Art. 112',
    assumption: true,
    note: 'The resolution read in Báo Chính phủ’s report (24/04/2026), not in its text; the Tết split and 1 September as above.',
  },
];

/** The government's yearly announcements of holidays for officials. */
export const HOLIDAY_ANNOUNCEMENTS: Readonly<Record<number, HolidayAnnouncement>> = {
  // Tết Giáp Thìn 08/02 (Thu, 29 Chạp) – 14/02 (Wed, mùng 5): 7 days, 5 of Tết + 2 given back;
  // National Day 31/08 – 03/09: 2 and 3 September; 30/04–01/05: Sat 27/04 – Wed 01/05, Monday
  // 29/04 swapped with Saturday 04/05.
  2024: {
    tet: ['2024-02-08', '2024-02-09', '2024-02-12', '2024-02-13', '2024-02-14'],
    nationalDayNeighbour: 'after',
    off: ['2024-04-29'],
    work: ['2024-05-04'],
    source:
      'Công văn 8662/VPCP-KGVX (2023): Tết 08–14/02/2024, Quốc khánh 31/08–03/09/2024 (read in th389.vn); Công văn 2450/VPCP-KGVX, 12/04/2024: 29/04 swapped with Sat 04/05 (read in baophapluat.vn, voh.com.vn, xaydungchinhsach.chinhphu.vn 20/04/2024)',
  },
  // Tết Ất Tỵ Sat 25/01 – Sun 02/02: nine days in a row, so the weekdays 27–31/01; 30/04–04/05
  // with Friday 02/05 swapped with Saturday 26/04; Giỗ Tổ Monday 07/04; National Day 30/08 – 02/09
  // (1 and 2 September).
  2025: {
    tet: ['2025-01-27', '2025-01-28', '2025-01-29', '2025-01-30', '2025-01-31'],
    nationalDayNeighbour: 'before',
    off: ['2025-05-02'],
    work: ['2025-04-26'],
    source:
      'Công văn 8726/VPCP-KGVX, 26/11/2024: Tết Ất Tỵ nine days in a row (read in pld.net.vn); 02/05 swapped with Sat 26/04, 30/04–04/05, Quốc khánh 30/08–02/09 (read in thoidai.com.vn)',
  },
  // New Year Thu 01/01 – Sun 04/01 with Friday 02/01 swapped with Saturday 10/01; Tết Bính Ngọ
  // Sat 14/02 – Sun 22/02 (27 Chạp – mùng 6), so the weekdays 16–20/02; National Day Sat 29/08 –
  // Wed 02/09: 1 and 2 September, Monday 31/08 swapped with Saturday 22/08.
  2026: {
    tet: ['2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20'],
    nationalDayNeighbour: 'before',
    off: ['2026-01-02', '2026-08-31'],
    work: ['2026-01-10', '2026-08-22'],
    source:
      'Công văn 12729/VPCP-KGVX, 25/12/2025: 01–04/01, 02/01 swapped with Sat 10/01 (read in tracuuquyhoach.com and collector.com.tr); Tết 14–22/02/2026 as decided (read in congan.com.vn, "Chính thức chốt phương án Tết Nguyên đán Bính Ngọ 2026"); Quốc khánh 29/08–02/09 with 31/08 swapped with Sat 22/08 (Bộ Nội vụ’s plan, xaydungchinhsach.chinhphu.vn 02/10/2025, and Thông báo 9441/TB-BNV — read only in two public calendars quoting them, not in the documents)',
  },
  // 2027: not in the table. One calendar quotes an official Tết of 05–14/02/2027 (10 days,
  // vpcp.chinhphu.vn/van-ban-ban-hanh/174505); a report of 22/09/2026 had two proposals (7 or 10
  // days) and nothing issued. Until it is read, 2027 follows the rule (05/02 + 06–09/02, the weekend
  // days given back on 10 and 11/02; 12/02 a working day).
};
