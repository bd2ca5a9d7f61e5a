/**
 * Provinces abolished before the pre-2025 list (units-pre2025.json, 63 provinces) begins, whose
 * names people still write (birthplaces, old papers). Their territory is given as units of that
 * list. Since the 1997 split (61 → 64 provinces, then 63), one province was abolished: Hà Tây.
 *
 * Hà Tây: Nghị quyết 15/2008/QH12 of 2008-05-29 (in force 2008-08-01) merged the whole of Hà Tây,
 * Mê Linh district of Vĩnh Phúc and four communes of Lương Sơn district of Hòa Bình (Đông Xuân,
 * Tiến Xuân, Yên Bình, Yên Trung) into Hà Nội. Its 14 districts and towns kept their names (Hà
 * Đông and Sơn Tây, then cities, later became Quận Hà Đông and Thị xã Sơn Tây) and are the
 * pre-2025 districts 268, 269 and 271–282 of Hà Nội; the four Lương Sơn communes, now in Quốc Oai
 * (Đông Xuân) and Thạch Thất, were never Hà Tây's. The code is the province's code in the General
 * Statistics Office list of 2004 (Quyết định 124/2004/QĐ-TTg), which later lists leave unused.
 */
export interface FormerProvinceRow {
  code: string;
  name: string;
  kind: string;
  /** The first day it no longer existed. */
  abolishedOn: string;
  /** The pre-2025 province its territory was in. */
  pre2025ProvinceCode: string;
  /** The pre-2025 districts that were its territory. */
  pre2025DistrictCodes: readonly string[];
  /** Communes of those districts that were not its territory. */
  excludedCommuneCodes: readonly string[];
  source: string;
}

export const FORMER_PROVINCES: readonly FormerProvinceRow[] = [
  {
    code: '28',
    name: 'Hà Tây',
    kind: 'Tỉnh',
    abolishedOn: '2008-08-01',
    pre2025ProvinceCode: '01',
    pre2025DistrictCodes: [
      '268',
      '269',
      '271',
      '272',
      '273',
      '274',
      '275',
      '276',
      '277',
      '278',
      '279',
      '280',
      '281',
      '282',
    ],
    excludedCommuneCodes: ['04927', '04930', '04936', '04939'],
    source: 'Nghị quyết 15/2008/QH12',
  },
];
