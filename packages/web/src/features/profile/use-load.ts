import { useCallback, useEffect, useState } from 'react';

type Load<T> = { status: 'loading' } | { status: 'done'; data: T } | { status: 'failed'; error: unknown };

/** Loads once on mount (and on `reload()`); a late answer after unmount is dropped. */
export function useLoad<T>(load: () => Promise<T>): { state: Load<T>; reload: () => void } {
  const [state, setState] = useState<Load<T>>({ status: 'loading' });
  const [round, setRound] = useState(0);
  useEffect(() => {
    let live = true;
    load().then(
      (data) => {
        if (live) setState({ status: 'done', data });
      },
      (error: unknown) => {
        if (live) setState({ status: 'failed', error });
      },
    );
    return () => {
      live = false;
    };
  }, [load, round]);
  const reload = useCallback(() => {
    setRound((r) => r + 1);
  }, []);
  return { state, reload };
}
