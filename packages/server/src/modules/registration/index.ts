/**
 * The registration core the back office (`../back-office`) shares with the citizen side: the
 * dossier and its action log (`dossiers.ts`), the receiving agencies, a dossier's contact, the
 * scope of an officer's agency, and the field-named problem.
 */
export {
  actionNotAllowed,
  appendAction,
  createDossier,
  type DossierActionRow,
  type DossierActor,
  type DossierFileRow,
  type DossierRow,
  getDossier,
  isUniqueViolation,
} from './dossiers';
export { dossierContact } from './contact';
export { agencyScope, findPersonContact, type PersonContact } from './contact-repository';
export { agencyProblem, createReceivingAgencies, type ReceivingAgencies } from './receiving';
export { fieldProblem } from './field-problem';
export {
  findAgenciesWithOfficers,
  findOfferedAgencies,
  updateAgencyReceiving,
  updateDossierAgency,
} from './repository';
