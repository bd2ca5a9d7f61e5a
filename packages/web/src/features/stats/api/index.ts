import {
  registrationStats,
  registrationStatsCsv,
  setRegistrationTarget,
  type StatsGroupBy,
} from '@vssid/domain/api/back-office';
import { createUnitAdmin, listUnitAdoption } from '@vssid/domain/api/units';
import { withActionKey } from '../../../shared/action-key';
import { fetcher, urlOf } from '../../../shared/api-call';

/** Registration statistics and targets (contracts: `@vssid/domain/api/back-office`). */

export const fetchStats = fetcher(registrationStats);
export const saveTarget = withActionKey('setRegistrationTarget', fetcher(setRegistrationTarget));

/** The address of the statistics as CSV (a download link). */
export const statsCsvUrl = (year: number, groupBy: StatsGroupBy) =>
  urlOf(registrationStatsCsv, { query: { year, groupBy } });

/** Adoption per unit and a unit's admin account (issue #27; contracts: `@vssid/domain/api/units`). */
export const fetchUnitAdoption = fetcher(listUnitAdoption);
export const createUnitAdminAccount = withActionKey('createUnitAdmin', fetcher(createUnitAdmin));
