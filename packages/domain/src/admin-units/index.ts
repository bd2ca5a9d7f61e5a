import { normalizeForSearch } from '../text';
import mapping from './data/mapping-2025.json';
import pre2025 from './data/units-pre2025.json';
import units2025 from './data/units-2025.json';

/**
 * Vietnam's administrative units: the two-level units in force since 2025-07-01 (34 provinces,
 * 3,321 communes/wards/special zones), the three-level units before (63 provinces, 696 districts,
 * 10,035 communes), and the mapping from old communes to new ones. Data: see data/SOURCES.md
 * (MIT, attributions in data/LICENSE-*).
 */
export interface Province2025 {
  code: string;
  name: string;
  fullName: string;
  nameEn: string;
}
export interface Commune2025 {
  code: string;
  provinceCode: string;
  name: string;
  /** Phường, Xã or Đặc khu. */
  kind: string;
  fullName: string;
  nameEn: string;
}
export interface ProvincePre2025 {
  code: string;
  name: string;
  fullName: string;
}
export interface DistrictPre2025 {
  code: string;
  provinceCode: string;
  name: string;
  /** Quận, Huyện, Thị xã or Thành phố. */
  kind: string;
  fullName: string;
}
export interface CommunePre2025 {
  code: string;
  districtCode: string;
  provinceCode: string;
  name: string;
  /** Phường, Xã or Thị trấn. */
  kind: string;
  fullName: string;
}

interface Index {
  provinces2025: Province2025[];
  communes2025: Commune2025[];
  province2025ByCode: Map<string, Province2025>;
  commune2025ByCode: Map<string, Commune2025>;
  communes2025ByProvince: Map<string, Commune2025[]>;
  provincesPre2025: ProvincePre2025[];
  districtsPre2025: DistrictPre2025[];
  communesPre2025: CommunePre2025[];
  provincePre2025ByCode: Map<string, ProvincePre2025>;
  districtPre2025ByCode: Map<string, DistrictPre2025>;
  communePre2025ByCode: Map<string, CommunePre2025>;
  search: { key: string; bare: string; unit: UnitMatch['unit'] }[];
}

let index: Index | null = null;

function groupBy<T>(items: T[], key: (t: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}

/** Built once, on first use: the data is static. */
function getIndex(): Index {
  if (index) return index;
  const provinces2025 = units2025.provinces.map(([code = '', name = '', fullName = '', nameEn = '']) => ({
    code,
    name,
    fullName,
    nameEn,
  }));
  const communes2025 = units2025.communes.map(
    ([code = '', provinceCode = '', name = '', kind = '', nameEn = '']) => ({
      code,
      provinceCode,
      name,
      kind,
      fullName: `${kind} ${name}`,
      nameEn,
    }),
  );
  const provincesPre2025 = pre2025.provinces.map(([code = '', name = '', fullName = '']) => ({
    code,
    name,
    fullName,
  }));
  const districtsPre2025 = pre2025.districts.map(([code = '', provinceCode = '', name = '', kind = '']) => ({
    code,
    provinceCode,
    name,
    kind,
    fullName: `${kind} ${name}`,
  }));
  const districtPre2025ByCode = new Map(districtsPre2025.map((d) => [d.code, d]));
  const communesPre2025 = pre2025.communes.map(([code = '', districtCode = '', name = '', kind = '']) => ({
    code,
    districtCode,
    provinceCode: districtPre2025ByCode.get(districtCode)?.provinceCode ?? '',
    name,
    kind,
    fullName: `${kind} ${name}`,
  }));
  const search: Index['search'] = [
    ...provinces2025.map((u) => ({
      key: normalizeForSearch(u.fullName),
      bare: normalizeForSearch(u.name),
      unit: { level: 'province', generation: '2025', ...u } as const,
    })),
    ...communes2025.map((u) => ({
      key: normalizeForSearch(u.fullName),
      bare: normalizeForSearch(u.name),
      unit: { level: 'commune', generation: '2025', ...u } as const,
    })),
    ...provincesPre2025.map((u) => ({
      key: normalizeForSearch(u.fullName),
      bare: normalizeForSearch(u.name),
      unit: { level: 'province', generation: 'pre2025', ...u } as const,
    })),
    ...districtsPre2025.map((u) => ({
      key: normalizeForSearch(u.fullName),
      bare: normalizeForSearch(u.name),
      unit: { level: 'district', generation: 'pre2025', ...u } as const,
    })),
    ...communesPre2025.map((u) => ({
      key: normalizeForSearch(u.fullName),
      bare: normalizeForSearch(u.name),
      unit: { level: 'commune', generation: 'pre2025', ...u } as const,
    })),
  ];
  index = {
    provinces2025,
    communes2025,
    province2025ByCode: new Map(provinces2025.map((p) => [p.code, p])),
    commune2025ByCode: new Map(communes2025.map((c) => [c.code, c])),
    communes2025ByProvince: groupBy(communes2025, (c) => c.provinceCode),
    provincesPre2025,
    districtsPre2025,
    communesPre2025,
    provincePre2025ByCode: new Map(provincesPre2025.map((p) => [p.code, p])),
    districtPre2025ByCode,
    communePre2025ByCode: new Map(communesPre2025.map((c) => [c.code, c])),
    search,
  };
  return index;
}

export const provinces2025 = (): readonly Province2025[] => getIndex().provinces2025;
export const communes2025 = (provinceCode?: string): readonly Commune2025[] =>
  provinceCode === undefined
    ? getIndex().communes2025
    : (getIndex().communes2025ByProvince.get(provinceCode) ?? []);
export const findProvince2025 = (code: string): Province2025 | undefined =>
  getIndex().province2025ByCode.get(code);
export const findCommune2025 = (code: string): Commune2025 | undefined =>
  getIndex().commune2025ByCode.get(code);
export const provincesPre2025 = (): readonly ProvincePre2025[] => getIndex().provincesPre2025;
export const districtsPre2025 = (provinceCode?: string): readonly DistrictPre2025[] =>
  provinceCode === undefined
    ? getIndex().districtsPre2025
    : getIndex().districtsPre2025.filter((d) => d.provinceCode === provinceCode);
export const communesPre2025 = (districtCode?: string): readonly CommunePre2025[] =>
  districtCode === undefined
    ? getIndex().communesPre2025
    : getIndex().communesPre2025.filter((c) => c.districtCode === districtCode);
export const findProvincePre2025 = (code: string): ProvincePre2025 | undefined =>
  getIndex().provincePre2025ByCode.get(code);
export const findDistrictPre2025 = (code: string): DistrictPre2025 | undefined =>
  getIndex().districtPre2025ByCode.get(code);
export const findCommunePre2025 = (code: string): CommunePre2025 | undefined =>
  getIndex().communePre2025ByCode.get(code);

const communeMap = mapping.communes as Record<string, string[] | undefined>;
const provinceMap = mapping.provinces as Record<string, string[] | undefined>;

/** The 2025 commune(s) an old commune became (several when it was split). */
export function newCommunesForOldCommune(oldCode: string): readonly Commune2025[] {
  return (communeMap[oldCode] ?? []).flatMap((code) => findCommune2025(code) ?? []);
}

/** The 2025 province an old province became part of. */
export function newProvinceForOldProvince(oldCode: string): Province2025 | undefined {
  const code = provinceMap[oldCode]?.[0];
  return code === undefined ? undefined : findProvince2025(code);
}

/** The 2025 communes an old district's communes went into. */
export function newCommunesForOldDistrict(districtCode: string): readonly Commune2025[] {
  const seen = new Map<string, Commune2025>();
  for (const c of communesPre2025(districtCode))
    for (const n of newCommunesForOldCommune(c.code)) seen.set(n.code, n);
  return [...seen.values()];
}

export type UnitMatch = {
  unit:
    | ({ level: 'province'; generation: '2025' } & Province2025)
    | ({ level: 'commune'; generation: '2025' } & Commune2025)
    | ({ level: 'province'; generation: 'pre2025' } & ProvincePre2025)
    | ({ level: 'district'; generation: 'pre2025' } & DistrictPre2025)
    | ({ level: 'commune'; generation: 'pre2025' } & CommunePre2025);
  /** For an old unit: the 2025 unit(s) it became. */
  current: readonly (Province2025 | Commune2025)[];
};

/**
 * Finds units by name, without tone marks and case ("ba dinh", "Phuong Ba Dinh", "Ba Đình"),
 * with or without the kind ("Phường", "Xã", "Quận"…). Old units (districts, communes and
 * provinces before 2025-07-01) are returned with the 2025 unit(s) they became, so a search by an
 * old name finds the new unit. Exact names rank before prefixes, prefixes before substrings.
 */
export function findUnits(
  query: string,
  options: { generation?: '2025' | 'pre2025' | 'both'; provinceCode?: string; limit?: number } = {},
): UnitMatch[] {
  const q = normalizeForSearch(query);
  if (q.length < 2) return [];
  const generation = options.generation ?? 'both';
  const limit = options.limit ?? 20;
  const ranked: { rank: number; order: number; entry: Index['search'][number] }[] = [];
  for (const [order, entry] of getIndex().search.entries()) {
    if (generation !== 'both' && entry.unit.generation !== generation) continue;
    if (options.provinceCode !== undefined && provinceOf(entry.unit) !== options.provinceCode) continue;
    const rank =
      entry.bare === q || entry.key === q
        ? 0
        : entry.bare.startsWith(q) || entry.key.startsWith(q)
          ? 1
          : entry.key.includes(q)
            ? 2
            : -1;
    if (rank >= 0) ranked.push({ rank, order, entry });
  }
  ranked.sort(
    (a, b) =>
      a.rank - b.rank ||
      (a.entry.unit.generation === '2025' ? 0 : 1) - (b.entry.unit.generation === '2025' ? 0 : 1) ||
      a.order - b.order,
  );
  return ranked.slice(0, limit).map(({ entry }) => ({ unit: entry.unit, current: currentOf(entry.unit) }));
}

function provinceOf(unit: UnitMatch['unit']): string {
  if (unit.level === 'province')
    return unit.generation === '2025' ? unit.code : (newProvinceForOldProvince(unit.code)?.code ?? '');
  if (unit.generation === '2025') return unit.provinceCode;
  return newProvinceForOldProvince(unit.provinceCode)?.code ?? '';
}

function currentOf(unit: UnitMatch['unit']): readonly (Province2025 | Commune2025)[] {
  if (unit.generation === '2025') return [unit];
  switch (unit.level) {
    case 'province': {
      const p = newProvinceForOldProvince(unit.code);
      return p ? [p] : [];
    }
    case 'district':
      return newCommunesForOldDistrict(unit.code);
    case 'commune':
      return newCommunesForOldCommune(unit.code);
  }
}
