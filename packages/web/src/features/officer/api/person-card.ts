import { readPersonCard } from '@vssid/domain/api/card';
import { fetcher, urlOf } from '../../../shared/api-call';

/** A person's card for officers and agency admins (audited; 404 outside the agency's scope). */
export const fetchPersonCard = fetcher(readPersonCard);

export interface CardQuery {
  bhxhCode: string;
  /** Why the card is read: kept in the audit log, which the person sees ("who viewed my data"). */
  purpose: string;
}

/** The API address of a card read (the purpose in the query string, as the API wants it). */
export function personCardUrl(query: CardQuery): string {
  return urlOf(readPersonCard, { params: { bhxhCode: query.bhxhCode }, query: { purpose: query.purpose } });
}
