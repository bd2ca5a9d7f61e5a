import { issueLookupChallenge } from '@vssid/domain/api/lookup';
import { listMyCards } from '@vssid/domain/api/card';
import {
  listMyMedicalVisits,
  readMyBenefits,
  readMyMedicalVisit,
  readMyParticipation,
} from '@vssid/domain/api/records';
import {
  answerTicket,
  confirmOtpTicket,
  correctTicketRecord,
  countUnreadTickets,
  getMyTicket,
  getTicket,
  listMyTickets,
  listTicketQueue,
  openTicket,
  rateMyTicket,
  readMyTicketAttachment,
  readTicketAttachment,
  replyMyTicket,
  requestCallback,
  setMyTicketStatus,
  startOtpTicket,
} from '@vssid/domain/api/support';
import { fetcher } from '../../../shared/api-call';

/** Support tickets and call-backs (contracts: `@vssid/domain/api/support`). */

export type { NewTicket, Ticket, TicketAttachment, TicketDetail } from '@vssid/domain/api/support';

export const fetchMyTickets = fetcher(listMyTickets);
export const fetchMyTicket = fetcher(getMyTicket);
export const addTicket = fetcher(openTicket);
export const addCallback = fetcher(requestCallback);
export const replyTicket = fetcher(replyMyTicket);
export const changeTicketStatus = fetcher(setMyTicketStatus);
export const rateTicket = fetcher(rateMyTicket);
export const fetchMyAttachment = fetcher(readMyTicketAttachment);
/** The person's participation periods: a wrong-data ticket names one of them. */
export const fetchPeriods = fetcher(readMyParticipation);
/** The person's card, visits (paged, newest first) and benefit payments: or one of them. */
export const fetchCards = fetcher(listMyCards);
export const fetchVisits = fetcher(listMyMedicalVisits);
export const fetchVisit = fetcher(readMyMedicalVisit);
export const fetchBenefits = fetcher(readMyBenefits);

export const startTicketWithOtp = fetcher(startOtpTicket);
export const confirmTicketWithOtp = fetcher(confirmOtpTicket);

export const fetchQueue = fetcher(listTicketQueue);
export const fetchUnreadCount = fetcher(countUnreadTickets);
export const fetchTicket = fetcher(getTicket);
export const sendAnswer = fetcher(answerTicket);
export const sendCorrection = fetcher(correctTicketRecord);
export const fetchAttachment = fetcher(readTicketAttachment);

const issueChallenge = fetcher(issueLookupChallenge);

/** The look-up's proof of work, solved off the main thread, for a ticket opened without signing in. */
export async function solvedChallenge(): Promise<{ challengeId: string; nonce: string }> {
  const c = await issueChallenge({});
  const { solveChallenge } = await import('../../../shared/pow');
  return { challengeId: c.challengeId, nonce: await solveChallenge(c.salt, c.bits) };
}

/** A file as the API takes it in JSON: base64 without the data-URL prefix. */
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
