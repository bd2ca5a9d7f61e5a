import { listMyDocuments } from '@vssid/domain/api/documents';
import { fetcher } from '../../../shared/api-call';

/** Giấy tờ của tôi (contract: `@vssid/domain/api/documents`), with `for` for a minor child's. */
export const fetchMyDocuments = fetcher(listMyDocuments);
