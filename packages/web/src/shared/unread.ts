import { useSyncExternalStore } from 'react';

/**
 * The unread notifications' count shown on the home page and the tab bar (issue 25). A few lines
 * in the app's chunk: the count itself is fetched by the notifications feature, downloaded
 * apart when the citizen shell asks for it, which sets it here; the inbox sets it again as messages are read.
 */
let unread = 0;
const listeners = new Set<() => void>();

export function setUnread(count: number): void {
  if (count === unread) return;
  unread = count;
  for (const l of listeners) l();
}

const subscribe = (l: () => void) => {
  listeners.add(l);
  return () => {
    listeners.delete(l);
  };
};

/** The current count (0 until the feature has fetched it, and for anyone not signed in as a citizen). */
export function useUnread(): number {
  return useSyncExternalStore(
    subscribe,
    () => unread,
    () => 0,
  );
}
