import {
  confirmWithdrawal,
  listMyRegistrations,
  listReceivingAgencies,
  type RegistrationReceived,
  type RegistrationResult,
  startWithdrawal,
  submitChildRegistration,
  submitRegistration,
} from '@vssid/domain/api/registration';
import { issueLookupChallenge } from '@vssid/domain/api/lookup';
import { fetcher } from '../../../shared/api-call';

/** The citizen's registration calls (contracts: `@vssid/domain/api/registration`). */

/** The agencies a dossier may be filed to in a province, nearest first. */
export const fetchReceivingAgencies = fetcher(listReceivingAgencies);
/** Withdrawing a pending dossier: the OTP to its phone, then the code. */
export const askWithdrawal = fetcher(startWithdrawal);
export const confirmWithdrawalCode = fetcher(confirmWithdrawal);
/** The signed-in citizen's dossiers, their own and their children's, newest first. */
export const fetchMyRegistrations = fetcher(listMyRegistrations);

const sendSelf = fetcher(submitRegistration);
const sendChild = fetcher(submitChildRegistration);

/*
 * A submit as the web app sends it: `multipart/form-data` (the form's fields as JSON in the `form`
 * part, each photo as a file part; see the contract's description), with its Idempotency-Key. The
 * answer is read by the contract (a guardian's: 201 created, 200 when the key had already made the
 * dossier; one's own: 202 received, the outcome going by SMS, issue #22 item 1).
 */
/** Form 01 for oneself. */
export const submitSelf = (body: FormData, idempotencyKey: string): Promise<RegistrationReceived> =>
  sendSelf({ body, headers: { 'idempotency-key': idempotencyKey } });
/** A guardian registers their minor child. */
export const submitChild = (body: FormData, idempotencyKey: string): Promise<RegistrationResult> =>
  sendChild({ body, headers: { 'idempotency-key': idempotencyKey } });

const issueChallenge = fetcher(issueLookupChallenge);

/**
 * A solved look-up challenge for a self registration (issue #22 item 1: the same proof of work
 * and per-IP limit as the BHXH code look-up); the solver is loaded only here.
 */
export async function solvedChallenge(): Promise<{ challengeId: string; nonce: string }> {
  const challenge = await issueChallenge({});
  const { solveChallenge } = await import('../../../shared/pow');
  return { challengeId: challenge.challengeId, nonce: await solveChallenge(challenge.salt, challenge.bits) };
}
