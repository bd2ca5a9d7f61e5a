import { actOnRequest, openRequest, requestQueue } from '@vssid/domain/api/services';
import { fetcher } from '../../../shared/api-call';

/** The officers' online service requests (contracts: `@vssid/domain/api/services`). */
export const fetchRequestQueue = fetcher(requestQueue);
/** One request with the person's record beside it (audited). */
export const fetchRequest = fetcher(openRequest);
/** receive, ask_supplement, approve, reject. */
export const actOnServiceRequest = fetcher(actOnRequest);
