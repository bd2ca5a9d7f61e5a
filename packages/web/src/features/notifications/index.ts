import { loadSupportCatalog } from '../../i18n';
import { InboxPage } from './inbox-page';
import { NewsPage } from './news-page';

export { refreshUnread } from './unread';

/** The inbox and the news editor, given once their texts (the `support` catalog) are loaded. */
export const inboxPage = async () => {
  await loadSupportCatalog();
  return InboxPage;
};
export const newsPage = async () => {
  await loadSupportCatalog();
  return NewsPage;
};
