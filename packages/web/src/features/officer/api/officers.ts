import { createOfficer, listOfficers, setOfficerStatus } from '@vssid/domain/api/staff';
import { withActionKey } from '../../../shared/action-key';
import { fetcher } from '../../../shared/api-call';

/** An agency admin's officers (contracts: `@vssid/domain/api/staff`). */

export type {
  NewOfficer,
  Officer as StaffMember,
  OfficerStatus as StaffStatus,
} from '@vssid/domain/api/staff';

/** The staff accounts of the admin's agency: its officers and its admins (only officers can be changed). */
export const fetchOfficers = fetcher(listOfficers);
/** 201 with the new officer; the initial password goes to their phone by SMS. */
export const addOfficer = withActionKey('createOfficer', fetcher(createOfficer));
/** 204; disabling ends the officer's sessions. */
export const changeOfficerStatus = withActionKey('setOfficerStatus', fetcher(setOfficerStatus));
