import {
  findBhxhCode,
  issueLookupChallenge,
  listCommunes,
  listProvinces,
  readMyBhxhCode,
  searchAgencies,
  searchAgents,
  searchClinics,
  searchUnits,
  sendBhxhCodeBySms,
} from '@vssid/domain/api/lookup';
import { fetcher } from '../../../shared/api-call';

/** The look-ups' calls (contracts: `@vssid/domain/api/lookup`). */

/** A proof-of-work challenge for one BHXH code look-up. */
export const fetchChallenge = fetcher(issueLookupChallenge);
/** The BHXH code look-up: masked answers. */
export const fetchBhxhCode = fetcher(findBhxhCode);
/** The full code by SMS to the phone registered for a masked answer. */
export const sendCodeBySms = fetcher(sendBhxhCodeBySms);
/** The signed-in citizen's own code, in full. */
export const fetchMyBhxhCode = fetcher(readMyBhxhCode);
/** The 2025 provinces, and a province's communes. */
export const fetchProvinces = fetcher(listProvinces);
export const fetchCommunes = fetcher(listCommunes);
/** The directories. */
export const fetchAgencies = fetcher(searchAgencies);
export const fetchClinics = fetcher(searchClinics);
export const fetchUnits = fetcher(searchUnits);
export const fetchAgents = fetcher(searchAgents);
