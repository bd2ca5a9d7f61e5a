/**
 * The registration core the back office (`../back-office`) shares with the citizen side: the
 * dossier and its action log (`dossiers.ts`), the receiving agencies, a dossier's contact, the
 * scope of an officer's agency, and the field-named problem.
 */
export {
  appendAction,
  createDossier,
  type DossierActionRow,
  type DossierFileRow,
  type DossierRow,
  isUniqueViolation,
} from './dossiers';
export { dossierContact } from './contact';
export { agencyScope, findPersonContact, type PersonContact } from './contact-repository';
export { createReceivingAgencies } from './receiving';
export { fieldProblem } from './field-problem';
export {
  findAgenciesWithOfficers,
  findOfferedAgencies,
  updateAgencyReceiving,
  updateDossierAgency,
} from './repository';
export { createUnitFiling, type StoredPhoto, type UnitFiling } from './unit-filing';
export { createPhotoCleaner } from './photos';
export { readSubmitParts, SUBMIT_MULTIPART_OPTIONS } from './multipart';
