import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import type { Translator } from '../../i18n';
import { type CodeLookupSettings, createCodeLookup } from './code-service';
import { createDirectories } from './directory-service';

interface LookupSettings extends CodeLookupSettings {
  /** At most one rebuild of the employer units' word index per this many ms (catalogs.ts). */
  unitIndexReloadMs: number;
}

/**
 * The look-ups (Tra cứu): the BHXH code look-up behind its proof of work and limits
 * (code-service.ts) and the directories of agencies, clinics, employer units and collection
 * agents (directory-service.ts).
 */
export function createLookupService(db: Kysely<Database>, translator: Translator, settings: LookupSettings) {
  return {
    ...createCodeLookup(db, translator, settings),
    ...createDirectories(db, translator, settings.unitIndexReloadMs),
  };
}

export type LookupService = ReturnType<typeof createLookupService>;
