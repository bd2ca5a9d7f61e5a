import { setUnread } from '../../shared/unread';
import { fetchUnread } from './api/inbox';

/** Asks the server for the unread count and shows it on the badges. */
export async function refreshUnread(): Promise<void> {
  const answer = await fetchUnread({});
  setUnread(answer.unread);
}
