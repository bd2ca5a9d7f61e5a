import { FORMER_PROVINCES } from './former-provinces';
import mappingFile from './data/mapping-2025.json';
import pre2025File from './data/units-pre2025.json';
import units2025File from './data/units-2025.json';
import type {
  Commune2025,
  CommunePre2025,
  DistrictPre2025,
  Province2025,
  ProvincePre2008,
  ProvincePre2025,
  Unit2025,
} from './types';

/**
 * Decoding the compact data (format: scripts/build-admin-units.ts) into the lists and maps every
 * look-up reads, built on first use.
 */

type Row = readonly [number, string, number, ...unknown[]];
interface Units2025File {
  types: string[];
  provinces: (readonly [number, string, number, string, Row[]])[];
}
interface Pre2025File {
  types: string[];
  provinces: (readonly [number, string, number, (readonly [number, string, number, Row[]])[]])[];
}
interface MappingFile {
  provinces: [number, number][];
  communes: [number, number[]][];
  districts: [number, number[]][];
}

const pad = (code: number, digits: number) => String(code).padStart(digits, '0');
const asciiName = (name: string) =>
  name
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D');

/** Rows of a list with delta-coded codes, with their absolute codes. */
function* absolute<R extends readonly [number, ...unknown[]]>(rows: readonly R[]): Generator<[number, R]> {
  let code = 0;
  for (const row of rows) {
    code += row[0];
    yield [code, row];
  }
}

interface Index {
  provinces2025: Province2025[];
  communes2025: Commune2025[];
  unit2025ByCode: Map<string, Unit2025>;
  communes2025ByProvince: Map<string, Commune2025[]>;
  provincesPre2025: ProvincePre2025[];
  provincesPre2008: ProvincePre2008[];
  districtsPre2025: DistrictPre2025[];
  communesPre2025: CommunePre2025[];
  provincePre2025ByCode: Map<string, ProvincePre2025>;
  districtPre2025ByCode: Map<string, DistrictPre2025>;
  communePre2025ByCode: Map<string, CommunePre2025>;
  districtsPre2025ByProvince: Map<string, DistrictPre2025[]>;
  communesPre2025ByDistrict: Map<string, CommunePre2025[]>;
  /** Old commune code → new commune codes. */
  newCommuneCodes: Map<string, string[]>;
  /** New commune code → old commune codes. */
  oldCommuneCodes: Map<string, string[]>;
  /** Old districts without communes → new unit codes. */
  newCodesOfDistrict: Map<string, string[]>;
  newProvinceCode: Map<string, string>;
}

let cache: Index | null = null;

function push<K, V>(map: Map<K, V[]>, key: K, value: V) {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Built on first use, once: the data is static. */
export function index(): Index {
  if (cache) return cache;
  const u25 = units2025File as unknown as Units2025File;
  const old = pre2025File as unknown as Pre2025File;
  const map = mappingFile as unknown as MappingFile;
  const type25 = (i: number) => u25.types[i] ?? '';
  const typeOld = (i: number) => old.types[i] ?? '';

  const provinces2025: Province2025[] = [];
  const communes2025: Commune2025[] = [];
  const communes2025ByProvince = new Map<string, Commune2025[]>();
  for (const [pCode, name, type, nameEn, communes] of u25.provinces) {
    const province: Province2025 = {
      generation: '2025',
      level: 'province',
      code: pad(pCode, 2),
      name,
      kind: type25(type),
      fullName: `${type25(type)} ${name}`,
      nameEn,
    };
    provinces2025.push(province);
    communes2025ByProvince.set(province.code, []);
    for (const [code, [, cName, cType, cNameEn]] of absolute(communes)) {
      const commune: Commune2025 = {
        generation: '2025',
        level: 'commune',
        code: pad(code, 5),
        provinceCode: province.code,
        name: cName,
        kind: type25(cType),
        fullName: `${type25(cType)} ${cName}`,
        nameEn: typeof cNameEn === 'string' ? cNameEn : asciiName(cName),
      };
      communes2025.push(commune);
      push(communes2025ByProvince, province.code, commune);
    }
  }

  const provincesPre2025: ProvincePre2025[] = [];
  const districtsPre2025: DistrictPre2025[] = [];
  const communesPre2025: CommunePre2025[] = [];
  const districtsPre2025ByProvince = new Map<string, DistrictPre2025[]>();
  const communesPre2025ByDistrict = new Map<string, CommunePre2025[]>();
  for (const [pCode, name, type, districts] of old.provinces) {
    const province: ProvincePre2025 = {
      generation: 'pre2025',
      level: 'province',
      code: pad(pCode, 2),
      name,
      kind: typeOld(type),
      fullName: `${typeOld(type)} ${name}`,
    };
    provincesPre2025.push(province);
    districtsPre2025ByProvince.set(province.code, []);
    for (const [dCode, [, dName, dType, communes]] of absolute(districts)) {
      const district: DistrictPre2025 = {
        generation: 'pre2025',
        level: 'district',
        code: pad(dCode, 3),
        provinceCode: province.code,
        name: dName,
        kind: typeOld(dType),
        fullName: `${typeOld(dType)} ${dName}`,
      };
      districtsPre2025.push(district);
      push(districtsPre2025ByProvince, province.code, district);
      communesPre2025ByDistrict.set(district.code, []);
      for (const [code, [, cName, cType]] of absolute(communes)) {
        const commune: CommunePre2025 = {
          generation: 'pre2025',
          level: 'commune',
          code: pad(code, 5),
          districtCode: district.code,
          provinceCode: province.code,
          name: cName,
          kind: typeOld(cType),
          fullName: `${typeOld(cType)} ${cName}`,
        };
        communesPre2025.push(commune);
        push(communesPre2025ByDistrict, district.code, commune);
      }
    }
  }

  const newCommuneCodes = new Map<string, string[]>();
  const oldCommuneCodes = new Map<string, string[]>();
  for (const [newCode, oldDeltas] of map.communes) {
    const to = pad(newCode, 5);
    let code = 0;
    for (const delta of oldDeltas) {
      code += delta;
      const from = pad(code, 5);
      push(newCommuneCodes, from, to);
      push(oldCommuneCodes, to, from);
    }
  }
  for (const codes of newCommuneCodes.values()) codes.sort();

  const unit2025ByCode = new Map<string, Unit2025>([
    ...provinces2025.map((p) => [p.code, p] as const),
    ...communes2025.map((c) => [c.code, c] as const),
  ]);
  cache = {
    provinces2025,
    communes2025,
    unit2025ByCode,
    communes2025ByProvince,
    provincesPre2025,
    provincesPre2008: FORMER_PROVINCES.map((row) => ({
      generation: 'pre2008',
      level: 'province',
      code: row.code,
      name: row.name,
      kind: row.kind,
      fullName: `${row.kind} ${row.name}`,
      abolishedYear: row.abolishedYear,
      source: row.source,
    })),
    districtsPre2025,
    communesPre2025,
    provincePre2025ByCode: new Map(provincesPre2025.map((p) => [p.code, p])),
    districtPre2025ByCode: new Map(districtsPre2025.map((d) => [d.code, d])),
    communePre2025ByCode: new Map(communesPre2025.map((c) => [c.code, c])),
    districtsPre2025ByProvince,
    communesPre2025ByDistrict,
    newCommuneCodes,
    oldCommuneCodes,
    newCodesOfDistrict: new Map(map.districts.map(([d, codes]) => [pad(d, 3), codes.map((c) => pad(c, 5))])),
    newProvinceCode: new Map(map.provinces.map(([from, to]) => [pad(from, 2), pad(to, 2)])),
  };
  return cache;
}
