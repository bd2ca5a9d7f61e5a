import { CARDS_STORAGE_KEY } from '../../shared/personal-data';
import { fetchMyCards } from './api';
import type { CardsAnswer } from './types';

/**
 * The last cards seen, kept on the device so that the card (and both QR codes) shows with no
 * network, even after a reload. localStorage: small (a few KB), synchronous, available before
 * the first render. Assumption: the device is the person's own; signing out clears it
 * (`forgetCards`), and the signed credential inside goes stale within a day anyway.
 */
const KEY = CARDS_STORAGE_KEY;

export interface StoredCards {
  answer: CardsAnswer;
  /** When the server answered (ISO), shown as "last updated". */
  savedAt: string;
}

export function loadCards(): StoredCards | null {
  try {
    const raw = localStorage.getItem(KEY);
    if (!raw) return null;
    const parsed = JSON.parse(raw) as Partial<StoredCards>;
    return parsed.answer && Array.isArray(parsed.answer.cards) && typeof parsed.savedAt === 'string'
      ? (parsed as StoredCards)
      : null;
  } catch {
    return null;
  }
}

export function saveCards(answer: CardsAnswer): StoredCards {
  const stored: StoredCards = { answer, savedAt: answer.cards[0]?.retrievedAt ?? new Date().toISOString() };
  try {
    localStorage.setItem(KEY, JSON.stringify(stored));
  } catch {
    // A full or disabled storage only costs the offline copy.
  }
  return stored;
}

export function forgetCards(): void {
  try {
    localStorage.removeItem(KEY);
  } catch {
    // nothing to forget
  }
}

/** The signed-in person's card and their children's, from the server. */
export function fetchCards(signal: AbortSignal): Promise<CardsAnswer> {
  return fetchMyCards({ signal });
}
