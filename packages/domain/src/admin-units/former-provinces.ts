/**
 * Provinces abolished before the pre-2025 list (units-pre2025.json, 63 provinces) begins, whose
 * names people still write: birthplaces and addresses on old papers, records of people who
 * worked before 1997. Their land is given as units of that list, as the provinces were when they
 * were abolished (later small border changes between provinces are not followed). The codes are
 * this table's own (no code of today's statistics list names them).
 *
 * Sources (resolutions of the National Assembly, Quốc hội):
 * - Nghị quyết 15/2008/QH12 of 2008-05-29, in force 2008-08-01: Hà Tây whole, Mê Linh district of
 *   Vĩnh Phúc and four communes of Lương Sơn district of Hòa Bình (Đông Xuân, Tiến Xuân, Yên Bình,
 *   Yên Trung) into Hà Nội. Hà Tây's 14 districts and towns are the pre-2025 districts 268, 269
 *   and 271–282 of Hà Nội (Hà Đông and Sơn Tây, towns then cities, became Quận Hà Đông and Thị xã
 *   Sơn Tây); the four communes, now in Quốc Oai and Thạch Thất, were never Hà Tây's.
 * - Nghị quyết of 1996-11-06 (Quốc hội khóa IX, kỳ họp thứ 10), in force 1997-01-01: Bắc Thái,
 *   Hà Bắc, Hải Hưng, Nam Hà, Vĩnh Phú, Quảng Nam – Đà Nẵng, Sông Bé and Minh Hải each split in two
 *   (Vĩnh Phú's Mê Linh went to Vĩnh Phúc, then to Hà Nội in 2008).
 * - Nghị quyết of 1991-12-26 (khóa VIII, kỳ họp thứ 10), in force 1992: Cửu Long and Thuận Hải.
 * - Nghị quyết of 1991-08-12 (khóa VIII, kỳ họp thứ 9): Hà Sơn Bình (Hà Tây and Hòa Bình),
 *   Hoàng Liên Sơn, Hà Tuyên, Hà Nam Ninh (Nam Hà and Ninh Bình), Nghệ Tĩnh, Gia Lai – Kon Tum.
 * - Nghị quyết of 1989-06-30 (khóa VIII, kỳ họp thứ 5): Bình Trị Thiên, Nghĩa Bình, Phú Khánh.
 * - Nghị quyết of 1978-12-29 (khóa VI, kỳ họp thứ 4): Cao Lạng.
 * Hậu Giang (1976–1991, into Cần Thơ and Sóc Trăng) is left out: a province of that name existed
 * from 2004 to 2025 and is in the pre-2025 list.
 */
interface FormerProvinceRow {
  code: string;
  name: string;
  kind: string;
  /** The year it ceased to exist (the resolutions' dates are in `source`). */
  abolishedYear: number;
  /** Pre-2025 provinces that were its land, whole. */
  pre2025ProvinceCodes: readonly string[];
  /** Pre-2025 districts that were its land (of provinces not listed whole). */
  pre2025DistrictCodes: readonly string[];
  /** Communes of those districts that were not its land. */
  excludedCommuneCodes: readonly string[];
  source: string;
}

/** Hà Tây's districts and towns, as pre-2025 districts of Hà Nội. */
const HA_TAY_DISTRICTS = [
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
];
const MELINH = '250';

const NQ_1996 = 'Nghị quyết ngày 06/11/1996 của Quốc hội';
const NQ_1991_12 = 'Nghị quyết ngày 26/12/1991 của Quốc hội';
const NQ_1991_08 = 'Nghị quyết ngày 12/08/1991 của Quốc hội';
const NQ_1989 = 'Nghị quyết ngày 30/06/1989 của Quốc hội';

/** A province split into whole pre-2025 provinces (and districts). */
const split = (
  code: string,
  name: string,
  abolishedYear: number,
  source: string,
  pre2025ProvinceCodes: readonly string[],
  pre2025DistrictCodes: readonly string[] = [],
): FormerProvinceRow => ({
  code,
  name,
  kind: 'Tỉnh',
  abolishedYear,
  pre2025ProvinceCodes,
  pre2025DistrictCodes,
  excludedCommuneCodes: [],
  source,
});

export const FORMER_PROVINCES: readonly FormerProvinceRow[] = [
  {
    code: 'ha-tay',
    name: 'Hà Tây',
    kind: 'Tỉnh',
    abolishedYear: 2008,
    pre2025ProvinceCodes: [],
    pre2025DistrictCodes: HA_TAY_DISTRICTS,
    excludedCommuneCodes: ['04927', '04930', '04936', '04939'],
    source: 'Nghị quyết 15/2008/QH12 (in force 2008-08-01)',
  },
  split('bac-thai', 'Bắc Thái', 1997, NQ_1996, ['06', '19']),
  split('ha-bac', 'Hà Bắc', 1997, NQ_1996, ['24', '27']),
  split('hai-hung', 'Hải Hưng', 1997, NQ_1996, ['30', '33']),
  split('nam-ha', 'Nam Hà', 1997, NQ_1996, ['35', '36']),
  split('vinh-phu', 'Vĩnh Phú', 1997, NQ_1996, ['25', '26'], [MELINH]),
  split('quang-nam-da-nang', 'Quảng Nam - Đà Nẵng', 1997, NQ_1996, ['48', '49']),
  split('song-be', 'Sông Bé', 1997, NQ_1996, ['70', '74']),
  split('minh-hai', 'Minh Hải', 1997, NQ_1996, ['95', '96']),
  split('cuu-long', 'Cửu Long', 1992, NQ_1991_12, ['84', '86']),
  split('thuan-hai', 'Thuận Hải', 1992, NQ_1991_12, ['58', '60']),
  split('ha-son-binh', 'Hà Sơn Bình', 1991, NQ_1991_08, ['17'], HA_TAY_DISTRICTS),
  split('hoang-lien-son', 'Hoàng Liên Sơn', 1991, NQ_1991_08, ['10', '15']),
  split('ha-tuyen', 'Hà Tuyên', 1991, NQ_1991_08, ['02', '08']),
  split('ha-nam-ninh', 'Hà Nam Ninh', 1992, NQ_1991_08, ['35', '36', '37']),
  split('nghe-tinh', 'Nghệ Tĩnh', 1991, NQ_1991_08, ['40', '42']),
  split('gia-lai-kon-tum', 'Gia Lai - Kon Tum', 1991, NQ_1991_08, ['62', '64']),
  split('binh-tri-thien', 'Bình Trị Thiên', 1989, NQ_1989, ['44', '45', '46']),
  split('nghia-binh', 'Nghĩa Bình', 1989, NQ_1989, ['51', '52']),
  split('phu-khanh', 'Phú Khánh', 1989, NQ_1989, ['54', '56']),
  split('cao-lang', 'Cao Lạng', 1978, 'Nghị quyết ngày 29/12/1978 của Quốc hội', ['04', '20']),
];
