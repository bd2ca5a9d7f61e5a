import { readHelp, searchHelp } from '@vssid/domain/api/help';
import { fetcher } from '../../../shared/api-call';

/** The help centre (contracts: `@vssid/domain/api/help`). */

export type { HelpArticle } from '@vssid/domain/api/help';
export { HELP_CATEGORIES } from '@vssid/domain/api/help';

export const findHelp = fetcher(searchHelp);
export const fetchHelp = fetcher(readHelp);
