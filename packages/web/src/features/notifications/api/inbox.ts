import {
  countMyUnread,
  getNotificationPreferences,
  getPushKey,
  setNotificationPreferences,
  subscribePush,
  unsubscribePush,
  createNews,
  listMyNotifications,
  listNews,
  markAllNotificationsRead,
  markNotificationRead,
  publishNews,
  unpublishNews,
  updateNews,
} from '@vssid/domain/api/notifications';
import { fetcher } from '../../../shared/api-call';

/** The inbox and policy news (contracts: `@vssid/domain/api/notifications`). */

export type {
  Audience,
  News,
  NewsDraft,
  Notification,
  NotificationPreferences,
  ObjectGroup,
} from '@vssid/domain/api/notifications';
export { OBJECT_GROUPS } from '@vssid/domain/api/notifications';

/** One page of the caller's inbox, newest first, with the unread count. */
export const fetchInbox = fetcher(listMyNotifications);
/** The unread count alone (the badges). */
export const fetchUnread = fetcher(countMyUnread);
export const readNotification = fetcher(markNotificationRead);
export const readAllNotifications = fetcher(markAllNotificationsRead);

export const fetchNewsList = fetcher(listNews);
export const addNews = fetcher(createNews);
export const saveNews = fetcher(updateNews);
export const putNewsOnline = fetcher(publishNews);
export const takeNewsOffline = fetcher(unpublishNews);

/** Web Push: the server's key, this device on or off, the categories pushed. */
export const fetchPushKey = fetcher(getPushKey);
export const savePushDevice = fetcher(subscribePush);
export const removePushDevice = fetcher(unsubscribePush);
export const fetchPreferences = fetcher(getNotificationPreferences);
export const savePreferences = fetcher(setNotificationPreferences);
