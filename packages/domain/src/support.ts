import { addWorkingDaysFrom, workingDaysBetween } from './working-days';
import { vietnamToday } from './vietnam-time';

/**
 * Support tickets (issue 25): categories and their service levels, in working days of the BHXH
 * agencies (working-days.ts). ASSUMPTIONS (the issue names no figures; they are parameters, to be
 * set by the agency): first answer within 1 working day for account and call-back requests, 2 for
 * the others; resolution within 3 (account), 10 (wrong data, benefits: a record is checked and
 * corrected), 5 (services, other) and 1 (a call back).
 */
export const TICKET_CATEGORIES = [
  'account',
  'wrong_data',
  'benefits',
  'services',
  'other',
  'callback',
] as const;
export type TicketCategory = (typeof TICKET_CATEGORIES)[number];

export const TICKET_SLA: Record<TicketCategory, { firstAnswerDays: number; resolutionDays: number }> = {
  account: { firstAnswerDays: 1, resolutionDays: 3 },
  wrong_data: { firstAnswerDays: 2, resolutionDays: 10 },
  benefits: { firstAnswerDays: 2, resolutionDays: 10 },
  services: { firstAnswerDays: 2, resolutionDays: 5 },
  other: { firstAnswerDays: 2, resolutionDays: 5 },
  callback: { firstAnswerDays: 1, resolutionDays: 1 },
};

/** The due days (`yyyy-mm-dd`, end of that working day) of a ticket opened at `at`. */
export function ticketDueDates(
  category: TicketCategory,
  at: Date,
): { firstAnswerDue: string; resolutionDue: string } {
  const sla = TICKET_SLA[category];
  return {
    firstAnswerDue: addWorkingDaysFrom(at, sla.firstAnswerDays),
    resolutionDue: addWorkingDaysFrom(at, sla.resolutionDays),
  };
}

export type SlaColour = 'green' | 'amber' | 'red' | 'done';

/**
 * The colour of a ticket in the officers' queue: the deadline that matters now (the first answer
 * until there is one, then the resolution); red once it has passed, amber on its last working day,
 * green before; `done` when closed.
 */
export function slaColour(
  ticket: { status: string; firstAnsweredAt: Date | null; firstAnswerDue: string; resolutionDue: string },
  now: Date,
): SlaColour {
  if (ticket.status === 'closed') return 'done';
  const due = ticket.firstAnsweredAt ? ticket.resolutionDue : ticket.firstAnswerDue;
  const today = vietnamToday(now);
  if (today > due) return 'red';
  return workingDaysBetween(today, due) <= 0 ? 'amber' : 'green';
}
