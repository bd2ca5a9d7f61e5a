import { ApiError, NetworkError } from '../../shared/api';
import type { LookupKind } from './lookup-kinds';

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

/** No field has a problem. */
export const NO_FIELDS: Record<string, string> = {};

/**
 * What a look-up that failed with `error` shows: with the network lost, the last answer kept on
 * the device (if any); else the problem, with the message of each field the server refused.
 */
export function failedView<T>(
  kind: LookupKind,
  error: unknown,
  t: (key: 'lookup.offlineNothing' | 'lookup.failed') => string,
):
  | { kind: 'done'; stored: Stored<T>; offline: true; fromBefore: true }
  | { kind: 'failed'; message: string; fields: Record<string, string> } {
  const stored = loadLast<T>(kind);
  if (error instanceof NetworkError && stored)
    return { kind: 'done', stored, offline: true, fromBefore: true };
  if (error instanceof ApiError) {
    const fields: Record<string, string> = {};
    for (const e of error.problem.errors ?? []) fields[e.field] = e.message;
    return { kind: 'failed', message: error.problem.title, fields };
  }
  return {
    kind: 'failed',
    message: error instanceof NetworkError ? t('lookup.offlineNothing') : t('lookup.failed'),
    fields: NO_FIELDS,
  };
}
