import {
  getSickPayClaim,
  listSickLeaveCertificates,
  listSickPayClaims,
  submitSickPayBatch,
  supplementSickPayClaim,
} from '@vssid/domain/api/sick-pay';
import { fetcher } from '../../../shared/api-call';

/** The sick-pay claims' calls (contracts: `@vssid/domain/api/sick-pay`). */
export const fetchCertificates = fetcher(listSickLeaveCertificates);
export const postBatch = fetcher(submitSickPayBatch);
export const fetchClaims = fetcher(listSickPayClaims);
export const fetchClaim = fetcher(getSickPayClaim);
export const postSupplement = fetcher(supplementSickPayClaim);
