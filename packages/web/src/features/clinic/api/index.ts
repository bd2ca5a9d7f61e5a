import {
  checkCardOnScreen,
  listClerks,
  listTodayChecks,
  listVisitFiles,
  registerClerk,
  removeClerk,
} from '@vssid/domain/api/gateway';
import { fetcher } from '../../../shared/api-call';

/** The clinic's screens' calls (contracts: `@vssid/domain/api/gateway`). */
export const postCardCheck = fetcher(checkCardOnScreen);
export const fetchTodayChecks = fetcher(listTodayChecks);
export const fetchVisitFiles = fetcher(listVisitFiles);
export const fetchClerks = fetcher(listClerks);
export const postClerk = fetcher(registerClerk);
export const deleteClerk = fetcher(removeClerk);
