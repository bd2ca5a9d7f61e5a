/**
 * The officers' back office: the registration queue and the dossier page (issue 5), the agency
 * admin's officers and clinic gateway credentials, and a person's card within the agency's scope.
 */
export { QueuePage } from './queue-page';
export { DossierPage } from './dossier-page';
export { OfficersPage } from './officers-page';
export { ClinicCredentialsPage } from './clinic-credentials-page';
export { managesOfficers } from './officers-logic';
export { PersonCardPage } from './person-card-page';
export { DossierSummaryCard } from './summary-card';
export { RequestsQueuePage } from './requests-queue-page';
export { ServiceRequestPage } from './request-page';
