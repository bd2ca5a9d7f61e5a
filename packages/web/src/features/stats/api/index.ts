import {
  registrationStats,
  registrationStatsCsv,
  setRegistrationTarget,
  type StatsGroupBy,
} from '@vssid/domain/api/back-office';
import { withActionKey } from '../../../shared/action-key';
import { fetcher, urlOf } from '../../../shared/api-call';

/** Registration statistics and targets (contracts: `@vssid/domain/api/back-office`). */

export const fetchStats = fetcher(registrationStats);
export const saveTarget = withActionKey('setRegistrationTarget', fetcher(setRegistrationTarget));

/** The address of the statistics as CSV (a download link). */
export const statsCsvUrl = (year: number, groupBy: StatsGroupBy) =>
  urlOf(registrationStatsCsv, { query: { year, groupBy } });
