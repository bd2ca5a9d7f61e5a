/**
 * A person's data kept on the device for offline use (localStorage): the last cards seen
 * (features/card) and the last answer of each history screen (features/history). All of it goes
 * at sign-out and when the session has ended (app/session), so the next person on a shared
 * phone never sees it. Kept here, not in those features, so that the session (downloaded first)
 * does not pull the card and history screens into the first download.
 */
export const CARDS_STORAGE_KEY = 'vssid.cards.v1';
export const RECORDS_STORAGE_PREFIX = 'vssid.records:';

export function forgetPersonalData(): void {
  try {
    localStorage.removeItem(CARDS_STORAGE_KEY);
    for (let i = localStorage.length - 1; i >= 0; i--) {
      const key = localStorage.key(i);
      if (key?.startsWith(RECORDS_STORAGE_PREFIX)) localStorage.removeItem(key);
    }
  } catch {
    // Storage disabled: nothing was kept.
  }
}
