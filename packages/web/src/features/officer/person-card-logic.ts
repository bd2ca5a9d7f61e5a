import { parseBhxhCode } from '@vssid/domain';
import type { WebKey } from '../../i18n';
import { ApiError } from '../../shared/api';
import type { CardQuery } from './api/person-card';

/**
 * The pure rules of the officers' card read: the form checked as the API checks it (a 10-digit
 * BHXH code; a purpose of 3 to 200 characters once trimmed), and the server's errors put next to
 * the same fields. Unit-tested in person-card-logic.test.ts.
 */

export const PURPOSE_MIN = 3;
export const PURPOSE_MAX = 200;

export type CardQueryField = keyof CardQuery;
export type CardQueryErrors = Partial<Record<CardQueryField, WebKey>>;

const MESSAGES: Record<CardQueryField, WebKey> = {
  bhxhCode: 'officer.card.errors.bhxhCode',
  purpose: 'officer.card.errors.purpose',
};

/** The query to send (code without spaces, purpose trimmed), or the message of each wrong field. */
export function checkCardQuery(
  draft: CardQuery,
): { ok: true; query: CardQuery } | { ok: false; errors: CardQueryErrors } {
  const errors: CardQueryErrors = {};
  const code = parseBhxhCode(draft.bhxhCode);
  const purpose = draft.purpose.trim();
  if (!code.ok) errors.bhxhCode = MESSAGES.bhxhCode;
  if (purpose.length < PURPOSE_MIN || purpose.length > PURPOSE_MAX) errors.purpose = MESSAGES.purpose;
  if (!code.ok || errors.purpose) return { ok: false, errors };
  return { ok: true, query: { bhxhCode: code.value, purpose } };
}

/** The server's field errors (params `bhxhCode`, querystring `purpose`) as the same messages. */
export function cardQueryServerErrors(error: unknown): CardQueryErrors {
  const errors: CardQueryErrors = {};
  if (error instanceof ApiError)
    for (const e of error.problem.errors ?? [])
      if (e.field === 'bhxhCode' || e.field === 'purpose') errors[e.field] = MESSAGES[e.field];
  return errors;
}

/** What a failed read means for the screen. */
export type CardReadFailure = 'not_in_scope' | 'invalid' | 'sign_in' | 'other';

export function cardReadFailure(error: unknown): CardReadFailure {
  if (!(error instanceof ApiError)) return 'other';
  if (error.status === 404) return 'not_in_scope';
  if (error.status === 401) return 'sign_in';
  if (error.status === 400 && Object.keys(cardQueryServerErrors(error)).length) return 'invalid';
  return 'other';
}
