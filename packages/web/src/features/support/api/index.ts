import { readMyParticipation } from '@vssid/domain/api/records';
import {
  answerTicket,
  correctTicketRecord,
  getMyTicket,
  getTicket,
  listMyTickets,
  listTicketQueue,
  openTicket,
  rateMyTicket,
  replyMyTicket,
  requestCallback,
  setMyTicketStatus,
} from '@vssid/domain/api/support';
import { fetcher } from '../../../shared/api-call';

/** Support tickets and call-backs (contracts: `@vssid/domain/api/support`). */

export type { NewTicket, Ticket, TicketDetail } from '@vssid/domain/api/support';

export const fetchMyTickets = fetcher(listMyTickets);
export const fetchMyTicket = fetcher(getMyTicket);
export const addTicket = fetcher(openTicket);
export const addCallback = fetcher(requestCallback);
export const replyTicket = fetcher(replyMyTicket);
export const changeTicketStatus = fetcher(setMyTicketStatus);
export const rateTicket = fetcher(rateMyTicket);
/** The person's participation periods: a wrong-data ticket names one of them. */
export const fetchPeriods = fetcher(readMyParticipation);

export const fetchQueue = fetcher(listTicketQueue);
export const fetchTicket = fetcher(getTicket);
export const sendAnswer = fetcher(answerTicket);
export const sendCorrection = fetcher(correctTicketRecord);
