import type { listMyCards } from '@vssid/domain/api/card';
import type { ResultOf } from '@vssid/domain/api/contract';

/** The card API's answers: `z.infer` of the contracts in `@vssid/domain/api/card`. */
export type { CardStatus, CardView } from '@vssid/domain/api/card';

export type CardsAnswer = ResultOf<typeof listMyCards>;
