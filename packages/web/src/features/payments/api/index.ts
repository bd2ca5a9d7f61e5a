import {
  getMyPayment,
  listMyPayments,
  listPaymentDifferences,
  resolvePaymentDifference,
} from '@vssid/domain/api/payments';
import { fetcher } from '../../../shared/api-call';

/** The payments' calls of the app (contracts: `@vssid/domain/api/payments`). */

export const fetchMyPayment = fetcher(getMyPayment);
export const fetchMyPayments = fetcher(listMyPayments);
export const fetchDifferences = fetcher(listPaymentDifferences);
export const sendResolve = fetcher(resolvePaymentDifference);
