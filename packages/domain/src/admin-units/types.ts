/** The shapes of administrative units, of both generations and of the provinces abolished before. */

export interface Province2025 {
  generation: '2025';
  level: 'province';
  /** 2 digits. */
  code: string;
  name: string;
  /** "Tỉnh" or "Thành phố". */
  kind: string;
  /** "Thành phố Hà Nội". */
  fullName: string;
  /** "Hanoi". */
  nameEn: string;
}

export interface Commune2025 {
  generation: '2025';
  level: 'commune';
  /** 5 digits. */
  code: string;
  provinceCode: string;
  name: string;
  /** "Phường", "Xã" or "Đặc khu". */
  kind: string;
  /** "Phường Ba Đình". */
  fullName: string;
  nameEn: string;
}

export interface ProvincePre2025 {
  generation: 'pre2025';
  level: 'province';
  code: string;
  name: string;
  kind: string;
  fullName: string;
}

export interface DistrictPre2025 {
  generation: 'pre2025';
  level: 'district';
  /** 3 digits. */
  code: string;
  provinceCode: string;
  name: string;
  /** "Quận", "Huyện", "Thị xã" or "Thành phố". */
  kind: string;
  fullName: string;
}

export interface CommunePre2025 {
  generation: 'pre2025';
  level: 'commune';
  code: string;
  districtCode: string;
  provinceCode: string;
  name: string;
  /** "Phường", "Xã" or "Thị trấn". */
  kind: string;
  fullName: string;
}

/**
 * A province abolished before the pre-2025 list begins (Hà Tây in 2008; Sông Bé, Hà Bắc… in
 * 1997), its land described by pre-2025 units.
 */
export interface ProvincePre2008 {
  generation: 'pre2008';
  level: 'province';
  /** This list's own code: "ha-tay". */
  code: string;
  name: string;
  /** "Tỉnh". */
  kind: string;
  fullName: string;
  /** The year it ceased to exist. */
  abolishedYear: number;
  /** The act that abolished it: "Nghị quyết 15/2008/QH12 (in force 2008-08-01)". */
  source: string;
}

export type Unit2025 = Province2025 | Commune2025;
export type UnitPre2025 = ProvincePre2025 | DistrictPre2025 | CommunePre2025;
/** A unit no longer in force: of the pre-2025 list, or a province abolished before it. */
export type FormerUnit = UnitPre2025 | ProvincePre2008;
export type AdminUnit = Unit2025 | FormerUnit;
