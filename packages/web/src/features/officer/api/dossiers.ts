import {
  actOnDossier,
  listAdminAgencies,
  officerQueue,
  officerSummary,
  openDossier,
  redirectDossier,
  setAgencyReceiving,
} from '@vssid/domain/api/back-office';
import { listReceivingAgencies } from '@vssid/domain/api/registration';
import { withActionKey } from '../../../shared/action-key';
import { fetcher } from '../../../shared/api-call';

/** The officers' back office calls (contracts: `@vssid/domain/api/back-office`). */

/** The queue of the agency's dossiers (and its local offices'). */
export const fetchQueue = fetcher(officerQueue);
/** The back office home's counts. */
export const fetchSummary = fetcher(officerSummary);
/** One dossier: declared data beside the registry, photos, its log (audited). */
export const fetchDossier = fetcher(openDossier);
/** record_paper, approve or reject. */
export const actOn = withActionKey('actOnDossier', fetcher(actOnDossier));
/** Sends the dossier to another agency that receives dossiers (issue 20). */
export const redirectTo = withActionKey('redirectDossier', fetcher(redirectDossier));
/** The agencies of a province a dossier may go to (the registration API's list). */
export const fetchReceivingAgencies = fetcher(listReceivingAgencies);
/** For an agency admin: which agencies of their scope receive dossiers. */
export const fetchAdminAgencies = fetcher(listAdminAgencies);
export const setReceiving = withActionKey('setAgencyReceiving', fetcher(setAgencyReceiving));
