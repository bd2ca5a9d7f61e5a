import {
  actOnMyRequest,
  fileServiceRequest,
  getMyRequest,
  listMyRequests,
  payMyRequest,
  quoteService,
  sendPhoneChangeOtp,
  serviceCatalogue,
} from '@vssid/domain/api/services';
import { fetcher } from '../../../shared/api-call';

/** The online public services' calls of the citizen app (contracts: `@vssid/domain/api/services`). */

export const fetchCatalogue = fetcher(serviceCatalogue);
export const fetchMyRequests = fetcher(listMyRequests);
export const fetchMyRequest = fetcher(getMyRequest);
export const sendRequest = fetcher(fileServiceRequest);
export const sendRequestAction = fetcher(actOnMyRequest);
export const sendPhoneOtp = fetcher(sendPhoneChangeOtp);

/** A photo as the API takes it in JSON: base64 without the data-URL prefix. */
export function base64Of(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      resolve(typeof reader.result === 'string' ? reader.result.replace(/^data:[^,]*,/, '') : '');
    };
    reader.onerror = () => {
      reject(reader.error ?? new Error('read failed'));
    };
    reader.readAsDataURL(file);
  });
}

/** What a voluntary BHXH or household BHYT request would cost (issue #26). */
export const fetchQuote = fetcher(quoteService);

/** A new payment of a paid request and the gateway URL (issue #26). */
export const sendPayment = fetcher(payMyRequest);
