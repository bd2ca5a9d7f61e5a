export { SupportPage } from './support-page';
export { TicketQueuePage } from './queue-page';
export { HelpEditorPage } from './help-editor-page';
