/**
 * The employer and school portal (issue #27): the unit's shell and pages, and the signing of a
 * unit's submissions with the unit admin's passkey (`signSubmission`), used by the declarations
 * and sick-pay features.
 */
export { signSubmission, type SubmissionAssertion } from './sign-submission';
