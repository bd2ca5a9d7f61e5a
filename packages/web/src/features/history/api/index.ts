import {
  listMyDataAccess,
  listMyMedicalVisits,
  myParticipationPdf,
  readMyBenefits,
  readMyEstimates,
  readMyMedicalVisit,
  readMyParticipation,
} from '@vssid/domain/api/records';
import { fetcher, urlOf } from '../../../shared/api-call';

/**
 * The records calls (contracts: `@vssid/domain/api/records`), shared by the history, medical and
 * benefits screens: the `/me/…` form, with `for` when a guardian reads a minor child's records.
 */

export const fetchMyParticipation = fetcher(readMyParticipation);
export const fetchMyBenefits = fetcher(readMyBenefits);
export const fetchMyMedicalVisits = fetcher(listMyMedicalVisits);
export const fetchMyMedicalVisit = fetcher(readMyMedicalVisit);
export const fetchMyEstimates = fetcher(readMyEstimates);
export const fetchMyDataAccess = fetcher(listMyDataAccess);

/** The Quá trình tham gia PDF (a download link, not a fetch). */
export const participationPdfUrl = (forCode: string | null): string =>
  urlOf(myParticipationPdf, { query: forQuery(forCode) });

/** `?for=<code>` when a guardian reads a child's records; nothing for the person's own. */
export function forQuery(forCode: string | null): { for?: string } {
  return forCode ? { for: forCode } : {};
}
