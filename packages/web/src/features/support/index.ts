import { loadSupportCatalog } from '../../i18n';
import { HelpEditorPage } from './help-editor-page';
import { TicketQueuePage } from './queue-page';
import { SupportPage } from './support-page';

/**
 * The screens of support (issue 25), each given once its texts (the `support` catalog, a chunk of
 * its own) are loaded, so that the home page does not download them.
 */
export const supportPage = async () => {
  await loadSupportCatalog();
  return SupportPage;
};
export const ticketQueuePage = async () => {
  await loadSupportCatalog();
  return TicketQueuePage;
};
export const helpEditorPage = async () => {
  await loadSupportCatalog();
  return HelpEditorPage;
};

/** The officers' tickets menu marker: how many tickets of the agency are unread. */
export { fetchUnreadCount } from './api';
