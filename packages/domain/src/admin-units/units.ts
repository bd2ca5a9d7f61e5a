import { FORMER_PROVINCES } from './former-provinces';
import { index } from './decode';
import type {
  AdminUnit,
  Commune2025,
  CommunePre2025,
  DistrictPre2025,
  FormerUnit,
  Province2025,
  ProvincePre2008,
  ProvincePre2025,
  Unit2025,
} from './types';

/**
 * The lists of units, the look-ups by code, and what old units became (old → new); the search
 * by name is in search.ts.
 */

/* ---- lists and look-ups ------------------------------------------------------------------------ */

/** The 34 provinces in force since 2025-07-01, in official order. */
export function provinces2025(): readonly Province2025[] {
  return index().provinces2025;
}

/** The wards, communes and special zones of a 2025 province (all 3,321 without a code). */
export function communes2025(provinceCode?: string): readonly Commune2025[] {
  return provinceCode === undefined
    ? index().communes2025
    : (index().communes2025ByProvince.get(provinceCode) ?? []);
}

/** A 2025 province (2-digit code) or commune (5-digit code), or undefined. */
export function findUnit2025(code: string): Unit2025 | undefined {
  return index().unit2025ByCode.get(code.trim());
}

/** A 2025 province or commune by code; throws when there is none (use `findUnit2025` for input). */
export function getUnit2025(code: string): Unit2025 {
  const unit = findUnit2025(code);
  if (!unit) throw new Error(`no 2025 administrative unit has code ${code}`);
  return unit;
}

export function findProvince2025(code: string): Province2025 | undefined {
  const unit = findUnit2025(code);
  return unit?.level === 'province' ? unit : undefined;
}

export function findCommune2025(code: string): Commune2025 | undefined {
  const unit = findUnit2025(code);
  return unit?.level === 'commune' ? unit : undefined;
}

/** The 63 provinces before 2025-07-01. */
export function provincesPre2025(): readonly ProvincePre2025[] {
  return index().provincesPre2025;
}

/** The districts of an old province (all 696 without a code). */
export function districtsPre2025(provinceCode?: string): readonly DistrictPre2025[] {
  return provinceCode === undefined
    ? index().districtsPre2025
    : (index().districtsPre2025ByProvince.get(provinceCode) ?? []);
}

/** The communes of an old district (all 10,035 without a code). */
export function communesPre2025(districtCode?: string): readonly CommunePre2025[] {
  return districtCode === undefined
    ? index().communesPre2025
    : (index().communesPre2025ByDistrict.get(districtCode) ?? []);
}

/** The provinces abolished from 1976 to 2008, before the pre-2025 list begins (former-provinces.ts). */
export function provincesPre2008(): readonly ProvincePre2008[] {
  return index().provincesPre2008;
}

export function findProvincePre2025(code: string): ProvincePre2025 | undefined {
  return index().provincePre2025ByCode.get(code.trim());
}

export function findDistrictPre2025(code: string): DistrictPre2025 | undefined {
  return index().districtPre2025ByCode.get(code.trim());
}

export function findCommunePre2025(code: string): CommunePre2025 | undefined {
  return index().communePre2025ByCode.get(code.trim());
}

/* ---- old → new --------------------------------------------------------------------------------- */

/**
 * The 2025 unit(s) an old commune went into: one when it was merged whole, several when it was
 * split. Also knows 12 old codes the pre-2025 list no longer has (units changed before the reform).
 */
export function newUnitsForOldCommune(oldCode: string): readonly Commune2025[] {
  return (index().newCommuneCodes.get(oldCode.trim()) ?? []).flatMap((code) => findCommune2025(code) ?? []);
}

/** The old communes (wholly or partly) merged into a 2025 commune. */
export function oldCommunesForNewUnit(newCode: string): readonly CommunePre2025[] {
  return (index().oldCommuneCodes.get(newCode.trim()) ?? []).flatMap(
    (code) => findCommunePre2025(code) ?? [],
  );
}

/** The 2025 units an old district's communes went into (for island districts: the special zone). */
export function newUnitsForOldDistrict(districtCode: string): readonly Commune2025[] {
  const code = districtCode.trim();
  const direct = index().newCodesOfDistrict.get(code);
  if (direct) return direct.flatMap((c) => findCommune2025(c) ?? []);
  const seen = new Map<string, Commune2025>();
  for (const commune of communesPre2025(code))
    for (const unit of newUnitsForOldCommune(commune.code)) seen.set(unit.code, unit);
  return [...seen.values()].sort((a, b) => a.code.localeCompare(b.code));
}

/** The 2025 province an old province became (part of). */
export function newProvinceForOldProvince(oldCode: string): Province2025 | undefined {
  const code = index().newProvinceCode.get(oldCode.trim());
  return code === undefined ? undefined : findProvince2025(code);
}

const territoryCache = new Map<string, readonly Commune2025[]>();

/**
 * The 2025 communes whose land was (wholly or partly) an old province's: the units its old
 * communes went into (an island district without communes: the unit it became). For a province
 * abolished before 2008, those of the pre-2025 provinces and districts of its land, without the
 * communes that were never its own (Hà Tây: the four of Lương Sơn that went to Hà Nội with it).
 */
export function territoryOfOldProvince(unit: ProvincePre2025 | ProvincePre2008): readonly Commune2025[] {
  const id = `${unit.generation}:${unit.code}`;
  const known = territoryCache.get(id);
  if (known) return known;
  const former = FORMER_PROVINCES.find((row) => row.code === unit.code);
  const provinceCodes = unit.generation === 'pre2008' ? (former?.pre2025ProvinceCodes ?? []) : [unit.code];
  const districtCodes = [
    ...provinceCodes.flatMap((code) => districtsPre2025(code).map((d) => d.code)),
    ...(former?.pre2025DistrictCodes ?? []),
  ];
  const excluded = new Set(unit.generation === 'pre2008' ? (former?.excludedCommuneCodes ?? []) : []);
  const found = new Map<string, Commune2025>();
  for (const districtCode of districtCodes) {
    const communes = communesPre2025(districtCode);
    const units =
      communes.length === 0
        ? newUnitsForOldDistrict(districtCode)
        : communes.filter((c) => !excluded.has(c.code)).flatMap((c) => newUnitsForOldCommune(c.code));
    for (const commune of units) found.set(commune.code, commune);
  }
  const territory = [...found.values()].sort((a, b) => a.code.localeCompare(b.code));
  territoryCache.set(id, territory);
  return territory;
}

/** The 2025 unit(s) an old unit of any level became. */
export function newUnitsForOldUnit(unit: FormerUnit): readonly Unit2025[] {
  if (unit.generation === 'pre2008') {
    const row = FORMER_PROVINCES.find((r) => r.code === unit.code);
    const into = new Map<string, Province2025>();
    for (const code of [
      ...(row?.pre2025ProvinceCodes ?? []),
      ...(row?.pre2025DistrictCodes ?? []).map((d) => findDistrictPre2025(d)?.provinceCode ?? ''),
    ]) {
      const province = newProvinceForOldProvince(code);
      if (province) into.set(province.code, province);
    }
    return [...into.values()].sort((a, b) => a.code.localeCompare(b.code));
  }
  switch (unit.level) {
    case 'province': {
      const province = newProvinceForOldProvince(unit.code);
      return province ? [province] : [];
    }
    case 'district':
      return newUnitsForOldDistrict(unit.code);
    case 'commune':
      return newUnitsForOldCommune(unit.code);
  }
}

/**
 * The address of a unit with its parents, as written in Vietnamese: "Phường Ba Đình, Thành phố
 * Hà Nội"; "Phường Trúc Bạch, Quận Ba Đình, Thành phố Hà Nội".
 */
export function unitAddress(unit: AdminUnit): string {
  const parts: string[] = [unit.fullName];
  if (unit.generation === '2025') {
    if (unit.level === 'commune') parts.push(findProvince2025(unit.provinceCode)?.fullName ?? '');
  } else if (unit.generation === 'pre2025') {
    if (unit.level === 'commune') parts.push(findDistrictPre2025(unit.districtCode)?.fullName ?? '');
    if (unit.level !== 'province') parts.push(findProvincePre2025(unit.provinceCode)?.fullName ?? '');
  }
  return parts.filter((p) => p !== '').join(', ');
}
