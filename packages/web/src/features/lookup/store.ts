import type { LookupKind } from './types';

/**
 * The last answer of each look-up, kept on the device so that it shows again with no network.
 * localStorage: a few KB per look-up, synchronous, there before the first render. Only what the
 * screen showed is kept (code look-ups: the masked answers, never a full code).
 */
const KEY = (kind: LookupKind) => `vssid.lookup.${kind}.v1`;

export interface Stored<T> {
  /** What was searched, to fill the form again. */
  params: Record<string, string>;
  answer: T;
  savedAt: string;
}

export function loadLast<T>(kind: LookupKind): Stored<T> | null {
  try {
    const raw = localStorage.getItem(KEY(kind));
    if (!raw) return null;
    const parsed = JSON.parse(raw) as Partial<Stored<T>>;
    return parsed.answer !== undefined && typeof parsed.savedAt === 'string' && parsed.params
      ? (parsed as Stored<T>)
      : null;
  } catch {
    return null;
  }
}

export function saveLast<T>(kind: LookupKind, params: Record<string, string>, answer: T): Stored<T> {
  const stored: Stored<T> = { params, answer, savedAt: new Date().toISOString() };
  try {
    localStorage.setItem(KEY(kind), JSON.stringify(stored));
  } catch {
    // A full or disabled storage only costs the offline copy.
  }
  return stored;
}
