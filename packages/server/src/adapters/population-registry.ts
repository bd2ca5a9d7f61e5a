import type { Kysely } from 'kysely';
import { normalizeForSearch } from '@vssid/domain';
import type { Database } from '../db/schema';
import { findRegistryPerson } from './population-registry-repository';

/**
 * The national population registry (Cơ sở dữ liệu quốc gia về dân cư), asked whether a CCCD
 * belongs to the declared person. The real service is reached through the government's data
 * exchange platform; the local default reads the `population_registry` table (the synthetic copy
 * the data generator fills), so development and tests run without it.
 */
type RegistryField = 'fullName' | 'dateOfBirth' | 'gender';

export type RegistryOutcome =
  | { outcome: 'match'; checkedAt: string }
  | { outcome: 'mismatch'; fields: RegistryField[]; checkedAt: string }
  | { outcome: 'not_found'; checkedAt: string };

export interface RegistryQuery {
  idNumber: string;
  fullName: string;
  /** yyyy-mm-dd */
  dateOfBirth: string;
  gender: 'male' | 'female';
}

export interface PopulationRegistry {
  check(query: RegistryQuery): Promise<RegistryOutcome>;
}

/**
 * Reads `population_registry`. Names are compared after `normalizeForSearch` (case, tones and
 * spacing do not count: "NGUYỄN  văn An" is "Nguyễn Văn An"). ASSUMPTION: when the registry only
 * knows the birth year (old records), a declared date in that year matches. A passport number
 * (not 12 digits) is not in the population registry: `not_found`, for the officer to check by hand.
 */
export function localPopulationRegistry(db: Kysely<Database>): PopulationRegistry {
  return {
    async check(query) {
      const checkedAt = new Date().toISOString();
      if (!/^\d{12}$/.test(query.idNumber)) return { outcome: 'not_found', checkedAt };
      const row = await findRegistryPerson(db, query.idNumber);
      if (!row) return { outcome: 'not_found', checkedAt };
      const fields: RegistryField[] = [];
      if (normalizeForSearch(row.full_name) !== normalizeForSearch(query.fullName)) fields.push('fullName');
      const dateMatches = row.birth_date
        ? row.birth_date === query.dateOfBirth
        : Number(query.dateOfBirth.slice(0, 4)) === row.birth_year;
      if (!dateMatches) fields.push('dateOfBirth');
      if (row.gender !== query.gender) fields.push('gender');
      return fields.length ? { outcome: 'mismatch', fields, checkedAt } : { outcome: 'match', checkedAt };
    },
  };
}
