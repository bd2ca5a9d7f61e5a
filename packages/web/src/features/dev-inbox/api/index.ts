import { listInboxMessages } from '@vssid/domain/api/dev-inbox';
import { fetcher } from '../../../shared/api-call';

/** The development inbox's call (contract: `@vssid/domain/api/dev-inbox`). */

/** The messages the system sent (only where the server has a development inbox). */
export const fetchInboxMessages = fetcher(listInboxMessages);
