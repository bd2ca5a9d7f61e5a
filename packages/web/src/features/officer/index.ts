/** The officers' back office (issue 5): the queue and the dossier page. */
export { QueuePage } from './queue-page';
export { DossierPage } from './dossier-page';
