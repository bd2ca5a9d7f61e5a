import { fileDeclaration, listDeclarations } from '@vssid/domain/api/declarations';
import { fetcher } from '../../../shared/api-call';

/** The unit's declarations (contracts: `@vssid/domain/api/declarations`). */
export const fetchDeclarations = fetcher(listDeclarations);
/** File a signed 600, 600a or 600b. */
export const sendDeclaration = fetcher(fileDeclaration);
