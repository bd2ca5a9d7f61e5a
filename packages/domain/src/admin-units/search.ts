import { normalizeForSearch } from '../text';
import { index } from './decode';
import type { AdminUnit, Commune2025, FormerUnit, Unit2025 } from './types';
import { communes2025, newUnitsForOldUnit, territoryOfOldProvince, unitAddress } from './units';

/** Finding units by name (`findUnits`): search keys, query parsing, ranking. */

interface SearchEntry {
  /** Full name, name, English name. */
  keys: string[];
  /** Name and English name (without the type). */
  nameKeys: string[];
  /** The type ("Quận", "Xã"…) as a search key. */
  kindKey: string;
  unit: AdminUnit;
}

let searchCache: SearchEntry[] | null = null;

/** The search keys of every unit, built on the first search. */
function searchIndex(): SearchEntry[] {
  if (searchCache) return searchCache;
  const i = index();
  const units: AdminUnit[] = [
    ...i.provinces2025,
    ...i.communes2025,
    ...i.provincesPre2025,
    ...i.provincesPre2008,
    ...i.districtsPre2025,
    ...i.communesPre2025,
  ];
  const keysOf = (texts: string[]) => [...new Set(texts.map(searchKey).filter((k) => k !== ''))];
  searchCache = units.map((unit) => {
    const nameEn = 'nameEn' in unit ? unit.nameEn : '';
    return {
      unit,
      keys: keysOf([unit.fullName, unit.name, nameEn]),
      nameKeys: keysOf([unit.name, nameEn]),
      kindKey: searchKey(unit.kind),
    };
  });
  return searchCache;
}

/** Abbreviations people type before a name: "P. Ba Đình", "Q.1", "TP HCM", "TT Đông Anh". */
const PREFIXES: readonly [RegExp, string][] = [
  [/^t\s?p\s/, 'thanh pho '],
  [/^t\s?x\s/, 'thi xa '],
  [/^t\s?t\s/, 'thi tran '],
  [/^p\s/, 'phuong '],
  [/^q\s/, 'quan '],
  [/^h\s/, 'huyen '],
  [/^x\s/, 'xa '],
];
const ALIASES: Readonly<Record<string, string>> = {
  hcm: 'ho chi minh',
  tphcm: 'thanh pho ho chi minh',
  'tp hcm': 'thanh pho ho chi minh',
};

type Level = AdminUnit['level'];
/**
 * The types a name may be written with, and the levels each may name in either generation: a
 * "Thành phố" is a province or a district-level city; "Thị xã Hà Đông" is today's Quận Hà Đông
 * (a town until 2006), so a type names a level, not one unit's current type.
 */
const DESIGNATIONS: readonly (readonly [string, readonly Level[]])[] = [
  ['thanh pho', ['province', 'district']],
  ['thi tran', ['commune']],
  ['thi xa', ['district']],
  ['dac khu', ['commune']],
  ['phuong', ['commune']],
  ['huyen', ['district']],
  ['quan', ['district']],
  ['tinh', ['province']],
  ['xa', ['commune']],
];

/**
 * The form names are compared in: without tone marks and case (`normalizeForSearch`), with
 * apostrophes dropped ("Ea H'Leo" = "Ea HLeo") and punctuation as spaces.
 */
function searchKey(text: string): string {
  return normalizeForSearch(text)
    .replace(/['’‘`]/g, '')
    .replace(/[.,;:()/\\_-]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

interface ParsedQuery {
  /** The whole query, abbreviations written out. */
  whole: string;
  /** A type the query starts with ("thi xa"), and the name after it. */
  designation?: { key: string; levels: readonly Level[]; name: string };
}

function parseQuery(query: string): ParsedQuery {
  let q = searchKey(query);
  q = ALIASES[q] ?? q;
  const prefix = PREFIXES.find(([pattern]) => pattern.test(q));
  if (prefix) q = q.replace(prefix[0], prefix[1]);
  const designation = DESIGNATIONS.find(([key]) => q.startsWith(`${key} `));
  if (!designation) return { whole: q };
  const [key, levels] = designation;
  const rest = q.slice(key.length + 1);
  return { whole: q, designation: { key, levels, name: ALIASES[rest] ?? rest } };
}

export type MatchKind = 'exact' | 'prefix' | 'word' | 'contains';
const MATCH_ORDER: readonly MatchKind[] = ['exact', 'prefix', 'word', 'contains'];

/** The best match of the query among keys, as an index of MATCH_ORDER. */
function matchOf(keys: readonly string[], q: string): number | undefined {
  let best: number | undefined;
  for (const k of keys) {
    // One scan for the keys that do not contain the query at all (nearly all of them).
    const at = k.indexOf(q);
    if (at < 0) continue;
    const rank = at === 0 ? (k.length === q.length ? 0 : 1) : k.includes(` ${q}`) ? 2 : 3;
    if (best === undefined || rank < best) best = rank;
  }
  return best;
}

/**
 * How well a unit matches: [match rank, type fit]. The whole query against the full names (fit
 * 0: "Xã Bình Dương" is that commune's own name); with a type typed, the rest against the bare
 * names, fit 0 when the unit has that type, 1 when the type may name its level (an old or
 * another designation: "Thị xã Hà Đông" for Quận Hà Đông), 2 otherwise (the name alone).
 */
function scoreOf(entry: SearchEntry, q: ParsedQuery): readonly [number, number] | undefined {
  const whole = matchOf(entry.keys, q.whole);
  let best: readonly [number, number] | undefined = whole === undefined ? undefined : [whole, 0];
  const d = q.designation;
  if (d && d.name !== '') {
    const rank = matchOf(entry.nameKeys, d.name);
    if (rank !== undefined) {
      const fit = entry.kindKey === d.key ? 0 : d.levels.includes(entry.unit.level) ? 1 : 2;
      if (best === undefined || rank < best[0] || (rank === best[0] && fit < best[1])) best = [rank, fit];
    }
  }
  return best;
}

/**
 * What a unit is, for people: a province (tỉnh/thành phố) or commune (xã/phường/đặc khu) in
 * force, or an old province (including one abolished before 2025, as Hà Tây), an old district
 * (huyện/quận/thị xã/thành phố) or an old commune.
 */
export type PlaceKind = 'province' | 'commune' | 'oldProvince' | 'oldDistrict' | 'oldCommune';

export function placeKind(unit: AdminUnit): PlaceKind {
  if (unit.generation === '2025') return unit.level;
  switch (unit.level) {
    case 'province':
      return 'oldProvince';
    case 'district':
      return 'oldDistrict';
    case 'commune':
      return 'oldCommune';
  }
}

/**
 * The order of kinds among equally good matches: a province, an old province and an old district
 * come before a commune of the same name (the old province of Bình Dương before Xã Bình Dương of
 * Gia Lai), a unit in force before an old one of the same level.
 */
const KIND_ORDER: Readonly<Record<PlaceKind, number>> = {
  province: 0,
  oldProvince: 1,
  oldDistrict: 2,
  commune: 3,
  oldCommune: 4,
};

/** The old unit whose name matched, when a 2025 unit is found through it. */
export interface MatchedOld {
  unit: FormerUnit;
  /** The old unit's address: "Phường Trúc Bạch, Quận Ba Đình, Thành phố Hà Nội". */
  address: string;
  /** True when the old unit went into several 2025 units (this is one of them). */
  split: boolean;
  /**
   * An old province that is now part of larger 2025 province(s) (Bình Dương in Thành phố Hồ Chí
   * Minh, Hà Tây in Hà Nội, Sông Bé in Hồ Chí Minh and Đồng Nai): the 2025 communes of its land
   * (`territoryOfOldProvince`). Absent when the 2025 province(s) are the old one whole (old Hà
   * Nội, Lai Châu…) or for other levels.
   */
  territory?: readonly Commune2025[];
}

export type UnitMatch =
  | {
      /** A 2025 unit: matched by its own name, or (with `matchedOld`) by the name of an old unit. */
      unit: Unit2025;
      match: MatchKind;
      matchedOld?: MatchedOld;
    }
  | {
      /** An old unit (pre-2025 or pre-2008), and the 2025 unit(s) it became. */
      unit: FormerUnit;
      match: MatchKind;
      current: readonly Unit2025[];
    };

export interface FindUnitsOptions {
  /**
   * Which names to search: '2025' the units in force; 'pre2025' the old units (returned as old
   * units, with what they became; provinces abolished before 2025 too); 'both' (default) the units
   * in force and the old names, an old name returning the 2025 unit(s) it became with `matchedOld`.
   */
  generation?: '2025' | 'pre2025' | 'both';
  /** Only units of this province: the 2025 province for 2025 units, the old province for old units. */
  provinceCode?: string;
  /** At most this many results (default 20). */
  limit?: number;
}

/** The old province's land when it is only part of the 2025 province(s) it went into. */
function partialTerritory(unit: FormerUnit, became: readonly Unit2025[]): readonly Commune2025[] | undefined {
  if (unit.level !== 'province') return undefined;
  const territory = territoryOfOldProvince(unit);
  const whole = became.reduce((n, p) => n + communes2025(p.code).length, 0);
  return territory.length < whole ? territory : undefined;
}

/**
 * Finds units by name, without tone marks or case: "ba dinh", "Ba Đình", "PHUONG BA DINH",
 * "P. Ba Đình". A type may be given or left out, the current one or an old one ("Tỉnh", "Thành
 * phố", "TP.", "Quận", "Huyện", "Thị xã", "Phường", "Xã", "Thị trấn", "Đặc khu"): "Thị xã Hà
 * Đông" finds Quận Hà Đông. Results are ranked: exact names, then names starting with the query,
 * then names with a word starting with it, then names containing it; within a rank, units of the
 * type typed, then of a type that may name their level, then the others; then provinces, old
 * provinces, old districts, communes, old communes (`KIND_ORDER`), then in code order. Queries
 * shorter than 2 characters find nothing.
 */
export function findUnits(query: string, options: FindUnitsOptions = {}): UnitMatch[] {
  const q = parseQuery(query);
  if (q.whole.length < 2) return [];
  const generation = options.generation ?? 'both';
  const limit = Math.max(0, options.limit ?? 20);
  const { provinceCode } = options;
  const provinceOf = (unit: AdminUnit) => (unit.level === 'province' ? unit.code : unit.provinceCode);

  // Rank every hit first; expand old units into what they became only while filling the results.
  type Hit = { rank: number; fit: number; kind: number; order: number; unit: AdminUnit };
  const hits: Hit[] = [];
  searchIndex().forEach((entry, order) => {
    const { unit } = entry;
    if (generation === '2025' && unit.generation !== '2025') return;
    if (generation === 'pre2025' && unit.generation === '2025') return;
    const score = scoreOf(entry, q);
    if (score === undefined) return;
    const expanded = unit.generation !== '2025' && generation === 'both';
    if (!expanded && provinceCode !== undefined && provinceOf(unit) !== provinceCode) return;
    hits.push({ rank: score[0], fit: score[1], kind: KIND_ORDER[placeKind(unit)], order, unit });
  });
  hits.sort((a, b) => a.rank - b.rank || a.fit - b.fit || a.kind - b.kind || a.order - b.order);

  const seen = new Set<string>();
  const results: UnitMatch[] = [];
  const add = (match: UnitMatch) => {
    const id = `${match.unit.generation}:${match.unit.level}:${match.unit.code}`;
    if (seen.has(id)) return;
    seen.add(id);
    results.push(match);
  };
  for (const { unit, rank } of hits) {
    if (results.length >= limit) break;
    const match = MATCH_ORDER[rank] ?? 'contains';
    if (unit.generation === '2025') add({ unit, match });
    else if (generation === 'pre2025') add({ unit, match, current: newUnitsForOldUnit(unit) });
    else {
      // An old district's units, the one that kept its name first (Huyện Ea H'leo: Xã Ea H'Leo).
      const oldName = searchKey(unit.name);
      const became = [...newUnitsForOldUnit(unit)].sort(
        (x, y) => Number(searchKey(y.name) === oldName) - Number(searchKey(x.name) === oldName),
      );
      const territory = partialTerritory(unit, became);
      const matchedOld: MatchedOld = {
        unit,
        address: unitAddress(unit),
        split: became.length > 1,
        ...(territory ? { territory } : {}),
      };
      for (const current of became) {
        if (results.length >= limit) break;
        if (provinceCode === undefined || provinceOf(current) === provinceCode)
          add({ unit: current, match, matchedOld });
      }
    }
  }
  return results;
}
