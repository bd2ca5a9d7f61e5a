import { cardKeys, listMyCards } from '@vssid/domain/api/card';
import { fetcher } from '../../../shared/api-call';

/** The card area's calls (contracts: `@vssid/domain/api/card`). */

/** The signed-in person's card and their minor children's. */
export const fetchMyCards = fetcher(listMyCards);
/** The public keys of the card credentials, with the `iss` they sign for (the clinic's verifier). */
export const fetchCardKeys = fetcher(cardKeys);
