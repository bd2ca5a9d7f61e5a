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

/**
 * Attachments of tickets and replies (issue 25), both sides: photos re-encoded, PDFs checked by
 * content. ASSUMPTIONS (parameters, to be set by the agency): at most 3 files with a ticket or a
 * reply, 20 on one ticket, 2 MB each (a phone photo; the PDF check's own limit).
 */
export const TICKET_ATTACHMENTS = { perMessage: 3, perTicket: 20, maxBytes: 2 * 1024 * 1024 } as const;

/** The categories a person not signed in may open with an OTP (a wrong-data ticket names one of one's records: signed in). */
export const OTP_TICKET_CATEGORIES = ['account', 'benefits', 'services', 'other'] as const;

/**
 * What an officer may correct on each kind of record a wrong-data ticket names (issue 25): the
 * fields an agency corrects from its papers. A participation period: its months and salary; a
 * health insurance card: its registered clinic (nơi đăng ký KCB ban đầu), validity dates and
 * benefit level (mức hưởng); a visit: the diagnoses and the admission and discharge days; a
 * benefit payment: its amount and period.
 */
export const CORRECTABLE_FIELDS = {
  participation: ['fromMonth', 'toMonth', 'salary'],
  card: ['registeredClinicCode', 'validFrom', 'validTo', 'benefitLevel'],
  visit: ['diagnosisIn', 'diagnosisOut', 'admittedOn', 'dischargedOn'],
  benefit: ['amount', 'periodFrom', 'periodTo'],
} as const;
export type CorrectableRecordType = keyof typeof CORRECTABLE_FIELDS;
export type CorrectableField = (typeof CORRECTABLE_FIELDS)[CorrectableRecordType][number];
export const CORRECTABLE_FIELD_NAMES = [
  ...new Set(Object.values(CORRECTABLE_FIELDS).flat()),
] as readonly CorrectableField[] as [CorrectableField, ...CorrectableField[]];
