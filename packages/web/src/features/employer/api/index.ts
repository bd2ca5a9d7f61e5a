import * as units from '@vssid/domain/api/units';
import { withActionKey } from '../../../shared/action-key';
import { fetcher } from '../../../shared/api-call';

/** The employer portal's calls (contracts: `@vssid/domain/api/units`; rules: server `modules/employer`). */

export const fetchMyUnit = fetcher(units.getMyUnit);
export const fetchPeople = fetcher(units.listUnitPeople);
export const fetchPerson = fetcher(units.getUnitPerson);
export const fetchAccounts = fetcher(units.listUnitAccounts);
export const fetchBatch = fetcher(units.getUnitBatch);
export const runBatch = fetcher(units.runUnitBatch);
export const createBatch = withActionKey('createUnitBatch', fetcher(units.createUnitBatch));
export const createStaff = withActionKey('createUnitStaff', fetcher(units.createUnitStaff));
export const setStaffStatus = withActionKey('setUnitStaffStatus', fetcher(units.setUnitStaffStatus));
export const checkSignature = fetcher(units.checkUnitSignature);

const sendPerson = fetcher(units.completeUnitPerson);
/** A person's data as the web sends it: the fields as JSON in the `form` part, one file part per photo. */
export const completePerson = (bhxhCode: string, body: FormData) =>
  sendPerson({ params: { bhxhCode }, body });
