import type { CardView } from '@vssid/domain';

/** The card API's answers (GET /api/v1/me/cards): the types live in the domain, shared with the server. */
export type { CardCredential, CardStatus, CardView } from '@vssid/domain';

export interface CardsAnswer {
  cards: CardView[];
}
