import type { ResultOf } from '@vssid/domain/api/contract';
import type { searchAgencies, searchAgents, searchClinics, searchUnits } from '@vssid/domain/api/lookup';

/**
 * The look-up screens' own types. The API's answers are the contracts' (`@vssid/domain/api/lookup`):
 * a directory's answer is the answer of its kind's call.
 */

export type DirectoryKind = 'agencies' | 'clinics' | 'units' | 'agents';
export type LookupKind = 'bhxhCode' | DirectoryKind;
export const LOOKUP_KINDS: readonly LookupKind[] = ['bhxhCode', 'agencies', 'clinics', 'units', 'agents'];

/** The answer of a directory search, of whichever kind. */
export type DirectoryAnswer =
  | ResultOf<typeof searchAgencies>
  | ResultOf<typeof searchClinics>
  | ResultOf<typeof searchUnits>
  | ResultOf<typeof searchAgents>;
/** One item of a directory's answer. */
export type DirectoryItem = DirectoryAnswer['items'][number];
