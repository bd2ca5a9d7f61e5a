import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { ApiError, NetworkError } from '../../shared/api';
import { RECORDS_STORAGE_PREFIX } from '../../shared/personal-data';

/**
 * Offline for the history screens: the last JSON each screen loaded is kept in localStorage and
 * shown, marked as such, when the network fails. ASSUMPTION: the cache holds personal data on the
 * device, as the official app does; it goes at sign-out (shared/personal-data.ts) so the next
 * person on a shared device never sees it.
 */
const PREFIX = RECORDS_STORAGE_PREFIX;

interface Cached<T> {
  savedAt: string;
  data: T;
}

export type RecordState<T> =
  | { status: 'loading' }
  | { status: 'ready'; data: T; offline: false }
  | { status: 'ready'; data: T; offline: true; savedAt: string }
  | { status: 'signedOut' }
  | { status: 'notFound' }
  | { status: 'offline' }
  | { status: 'error'; message: string };

function read<T>(path: string): Cached<T> | null {
  try {
    const text = localStorage.getItem(PREFIX + path);
    return text ? (JSON.parse(text) as Cached<T>) : null;
  } catch {
    return null;
  }
}

function write(path: string, data: unknown): void {
  try {
    localStorage.setItem(PREFIX + path, JSON.stringify({ savedAt: new Date().toISOString(), data }));
  } catch {
    // Storage full or disabled: the screen still works online.
  }
}

/**
 * Loads a read of the records API with `load` (its fetcher, `api/`), falling back to the cached
 * copy when offline. `path` is the call's address (`urlOf`): what is loaded, and the cache's key.
 */
export function useRecord<T>(
  path: string,
  load: (signal: AbortSignal) => Promise<T>,
): RecordState<T> & { reload: () => void } {
  // The newest `load` (a closure of the screen's render); `path` says when to load again.
  const loader = useRef(load);
  useLayoutEffect(() => {
    loader.current = load;
  });
  const [attempt, setAttempt] = useState(0);
  const key = `${path}#${String(attempt)}`;
  // The answer remembers which request it belongs to: another path (or a retry) is loading.
  const [result, setResult] = useState<{ key: string; state: RecordState<T> } | null>(null);
  const reload = useCallback(() => {
    setAttempt((n) => n + 1);
  }, []);

  useEffect(() => {
    const controller = new AbortController();
    const settle = (state: RecordState<T>) => {
      if (!controller.signal.aborted) setResult({ key, state });
    };
    loader
      .current(controller.signal)
      .then((data) => {
        write(path, data);
        settle({ status: 'ready', data, offline: false });
      })
      .catch((error: unknown) => {
        if (error instanceof NetworkError) {
          const cached = read<T>(path);
          settle(
            cached
              ? { status: 'ready', data: cached.data, offline: true, savedAt: cached.savedAt }
              : { status: 'offline' },
          );
        } else if (error instanceof ApiError && error.status === 401) {
          settle({ status: 'signedOut' });
        } else if (error instanceof ApiError && error.status === 404) {
          settle({ status: 'notFound' });
        } else {
          settle({ status: 'error', message: error instanceof Error ? error.message : String(error) });
        }
      });
    return () => {
      controller.abort();
    };
  }, [path, key]);

  const state: RecordState<T> = result?.key === key ? result.state : { status: 'loading' };
  return { ...state, reload };
}
