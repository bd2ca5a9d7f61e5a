import { startVneidSignIn, vneidStatus } from '@vssid/domain/api/auth';
import type { ResultOf } from '@vssid/domain/api/contract';
import { fetcher, urlOf } from '../../../shared/api-call';

/** The VNeID calls (contracts: `@vssid/domain/api/auth`). */

/** Whether "Sign in with VNeID" is on here, and whether it is the development stand-in. */
export const fetchVneidStatus = fetcher(vneidStatus);
export type VneidStatus = ResultOf<typeof vneidStatus>;

/** Where the browser goes to sign in with VNeID, coming back to `next` (the server keeps it inside the app). */
export function vneidStartUrl(next: string | null): string {
  return urlOf(startVneidSignIn, { query: next ? { next } : {} });
}
