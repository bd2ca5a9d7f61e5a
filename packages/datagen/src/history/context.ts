import { regionOfProvince } from '@vssid/domain/declarations';
import type { findCommunePre2025, Province2025 } from '@vssid/domain';
import type { Gender } from '../names';
import { WeightedList } from '../random';
import type { Catalogs, ClinicRow, EmployerUnitRow } from '../rows';

/** What every history of a person is generated from: the catalogs by province, and the person's plan. */

export interface Context {
  catalogs: Catalogs;
  clinicsByProvince: Map<string, ClinicRow[]>;
  /** Employers weighted by size: bigger units employ more of the people generated. */
  unitsByProvince: Map<string, WeightedList<EmployerUnitRow>>;
  allUnits: WeightedList<EmployerUnitRow>;
  officesByProvince: Map<string, string[]>;
}

export function makeContext(catalogs: Catalogs): Context {
  const group = <T extends { province_code: string }>(rows: T[]) => {
    const m = new Map<string, T[]>();
    for (const row of rows) {
      const list = m.get(row.province_code);
      if (list) list.push(row);
      else m.set(row.province_code, [row]);
    }
    return m;
  };
  const offices = new Map<string, string[]>();
  for (const a of catalogs.agencies) {
    if (a.level !== 'local' || !a.code) continue;
    const list = offices.get(a.province_code);
    if (list) list.push(a.code);
    else offices.set(a.province_code, [a.code]);
  }
  const bySize = (units: EmployerUnitRow[]) => new WeightedList(units, (u) => 1 + u.employee_count);
  const unitsByProvince = new Map([...group(catalogs.units)].map(([code, units]) => [code, bySize(units)]));
  return {
    catalogs,
    clinicsByProvince: group(catalogs.clinics),
    unitsByProvince,
    allUnits: bySize(catalogs.units),
    officesByProvince: offices,
  };
}

/** Region of the regional minimum wage: the domain's table (the statement uses the same). */
export const regionOf = regionOfProvince;

export interface Member {
  seq: number;
  gender: Gender;
  birth: string;
  yearOnly: boolean;
  name: string;
}

export interface PersonPlan {
  member: Member;
  age: number;
  province: Province2025;
  communeCode: string;
  oldCommune: ReturnType<typeof findCommunePre2025>;
  street: string;
  guardianSeq: number | null;
}
