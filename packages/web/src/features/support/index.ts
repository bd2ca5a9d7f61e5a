export { SupportPage } from './support-page';
export { TicketQueuePage } from './queue-page';
