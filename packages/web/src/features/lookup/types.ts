/** The look-up API's answers (packages/server/src/modules/lookup/routes.ts). */

export interface Challenge {
  challengeId: string;
  salt: string;
  bits: number;
  expiresAt: string;
}

export interface MaskedMatch {
  token: string;
  maskedCode: string;
  initials: string;
  birthYear: number;
  gender: 'male' | 'female';
  similarName: boolean;
  maskedPhone: string | null;
}

export interface CodeAnswer {
  matches: MaskedMatch[];
  tooMany: boolean;
}

export interface Place {
  provinceCode: string;
  provinceName: string;
  communeCode: string | null;
  communeName: string | null;
}

export interface Position {
  latitude: number | null;
  longitude: number | null;
  distanceKm: number | null;
}

export interface ResolvedPlace {
  code: string;
  level: 'province' | 'commune';
  /** What the name typed named: the unit itself, or the old unit it was found through. */
  kind: 'province' | 'commune' | 'oldProvince' | 'oldDistrict' | 'oldCommune';
  name: string;
  provinceCode: string;
  provinceName: string;
  matchedOld: { name: string; address: string } | null;
}

export interface DirectoryItem extends Place, Partial<Position> {
  code: string;
  name: string;
  address: string;
  phone: string | null;
  email?: string | null;
  openingHours?: string | null;
  level?: string;
  kind?: string;
  issuesSickLeave?: boolean;
  taxCode?: string | null;
  representativeName?: string | null;
}

export interface DirectoryAnswer {
  page: number;
  pageSize: number;
  total: number;
  pages: number;
  places?: ResolvedPlace[];
  widenedToProvince?: boolean;
  items: DirectoryItem[];
}

export interface AdminUnit {
  code: string;
  name: string;
}

export type DirectoryKind = 'agencies' | 'clinics' | 'units' | 'agents';
export type LookupKind = 'bhxhCode' | DirectoryKind;
export const LOOKUP_KINDS: readonly LookupKind[] = ['bhxhCode', 'agencies', 'clinics', 'units', 'agents'];
