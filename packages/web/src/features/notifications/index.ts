export { InboxPage } from './inbox-page';
export { NewsPage } from './news-page';
export { refreshUnread } from './unread';
