import { api } from '../../shared/api';
import type { CardView } from '../card';

/** A person's card for officers and agency admins (server: modules/card/routes.ts; audited). */

export interface CardQuery {
  bhxhCode: string;
  /** Why the card is read: kept in the audit log, which the person sees ("who viewed my data"). */
  purpose: string;
}

/** The API address of a card read (the purpose in the query string, as the API wants it). */
export function personCardUrl(query: CardQuery): string {
  return `/api/v1/officer/cards/${encodeURIComponent(query.bhxhCode)}?${new URLSearchParams({ purpose: query.purpose }).toString()}`;
}

export const personCardApi = {
  /** 404 when the person is outside the agency's scope (or does not exist: the same answer). */
  read: (query: CardQuery, signal?: AbortSignal) =>
    api<CardView>(personCardUrl(query), signal ? { signal } : {}),
};
