import {
  createHelp,
  listManagedHelp,
  readHelp,
  searchHelp,
  setHelpStatus,
  updateHelp,
} from '@vssid/domain/api/help';
import { fetcher } from '../../../shared/api-call';

/** The help centre (contracts: `@vssid/domain/api/help`). */

export type { HelpArticle } from '@vssid/domain/api/help';
export { HELP_CATEGORIES } from '@vssid/domain/api/help';

export const findHelp = fetcher(searchHelp);
export const fetchHelp = fetcher(readHelp);

export type { HelpDraft, ManagedHelp } from '@vssid/domain/api/help';
export const fetchManagedHelp = fetcher(listManagedHelp);
export const addHelp = fetcher(createHelp);
export const saveHelp = fetcher(updateHelp);
export const changeHelpStatus = fetcher(setHelpStatus);
