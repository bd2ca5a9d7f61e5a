/**
 * The employer and school portal (issue #27): the unit's home, people, batches and accounts, and
 * the signing of a unit's submissions with the unit admin's passkey (`signSubmission`), used by
 * the declarations and sick-pay features.
 */
export { EmployerHomePage } from './employer-home-page';
export { PeoplePage } from './people-page';
export { PersonPage } from './person-page';
export { BatchPage } from './batch-page';
export { AccountsPage } from './accounts-page';
export { signSubmission, type SubmissionAssertion } from './sign-submission';
