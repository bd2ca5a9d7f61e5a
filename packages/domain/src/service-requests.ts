/**
 * Online public services (dịch vụ công trực tuyến, issue 23): the request types of the catalogue,
 * the one workflow every request follows (an action log folded by `defineWorkflow`, like the
 * registration dossier), and the estimated completion date with its clock that stops while the
 * request waits for the citizen. Pure; the working-day calendar is `working-days.ts`.
 */

import type { Effective } from './parameter-types';
import { defineWorkflow } from './workflow';
import { addWorkingDays, workingDaysBetween } from './working-days';

export const SERVICE_REQUEST_STATUSES = [
  'draft',
  'submitted',
  'received',
  'waiting_for_citizen',
  'supplemented',
  'approved',
  'rejected',
  'withdrawn',
] as const;
export type ServiceRequestStatus = (typeof SERVICE_REQUEST_STATUSES)[number];

export const SERVICE_REQUEST_ACTIONS = [
  'submit',
  'receive',
  'ask_supplement',
  'supplement',
  'approve',
  'reject',
  'withdraw',
] as const;
export type ServiceRequestAction = (typeof SERVICE_REQUEST_ACTIONS)[number];

/** Actions an officer takes (the citizen's are submit, supplement and withdraw). */
export const OFFICER_REQUEST_ACTIONS = ['receive', 'ask_supplement', 'approve', 'reject'] as const;
export type OfficerRequestAction = (typeof OFFICER_REQUEST_ACTIONS)[number];

/**
 * A request is created as a `draft` and its log's first entry is `submit`, in the same
 * transaction (as a registration dossier). Assumption (issue silent): a request may be withdrawn
 * until it is decided, and rejected at any open step.
 */
export const SERVICE_REQUEST_TRANSITIONS = {
  draft: { submit: 'submitted' },
  submitted: { receive: 'received', reject: 'rejected', withdraw: 'withdrawn' },
  received: {
    ask_supplement: 'waiting_for_citizen',
    approve: 'approved',
    reject: 'rejected',
    withdraw: 'withdrawn',
  },
  waiting_for_citizen: { supplement: 'supplemented', reject: 'rejected', withdraw: 'withdrawn' },
  supplemented: {
    ask_supplement: 'waiting_for_citizen',
    approve: 'approved',
    reject: 'rejected',
    withdraw: 'withdrawn',
  },
  approved: {},
  rejected: {},
  withdrawn: {},
} as const;

export const serviceRequestWorkflow = defineWorkflow<ServiceRequestStatus, ServiceRequestAction>({
  initial: 'draft',
  transitions: SERVICE_REQUEST_TRANSITIONS,
});

/** Statuses an officer still has to act on (the queue's default). */
export const OPEN_REQUEST_STATUSES = [
  'submitted',
  'received',
  'waiting_for_citizen',
  'supplemented',
] as const satisfies readonly ServiceRequestStatus[];

export const REQUEST_REJECTION_REASONS = [
  'documents_missing',
  'data_mismatch',
  'not_eligible',
  'duplicate',
  'no_supplement',
  'other',
] as const;
export type RequestRejectionReason = (typeof REQUEST_REJECTION_REASONS)[number];

/** The services a person files for themselves (or a guardian for a child): the citizens' catalogue. */
export const CITIZEN_SERVICE_TYPES = [
  'bhyt_card_reissue',
  'bhxh_book_reissue',
  'pension_payment_change',
  'initial_clinic_change',
  'etx_info_change',
  'etx_stop',
  'voluntary_si_register',
  'household_hi',
] as const;
export type CitizenServiceType = (typeof CITIZEN_SERVICE_TYPES)[number];

/**
 * Requests an employer unit files about one of its workers (issue #27), through the same engine
 * and officers' queue: `sick_pay_claim`, one sick-leave certificate of a 630a batch. The request
 * is keyed by the worker (the person it is about, who is told of each step as its filer); the
 * unit acts on it through the employer portal, never the worker.
 */
export const UNIT_SERVICE_TYPES = ['sick_pay_claim'] as const;
export type UnitServiceType = (typeof UNIT_SERVICE_TYPES)[number];

export const SERVICE_TYPES = [...CITIZEN_SERVICE_TYPES, ...UNIT_SERVICE_TYPES] as const;
export type ServiceType = (typeof SERVICE_TYPES)[number];

/**
 * The employer's declarations (issue #27): filed by a unit for one of its workers, handled by the
 * agency's officers in the same queue and workflow as the citizens' services. 600: a new worker
 * (D02-LT line, with TK1-TS personal data when the worker has no BHXH code yet); 600a: a worker
 * leaves; 600b: a salary or position change. Not in the citizens' catalogue.
 */
export const DECLARATION_TYPES = ['declaration_600', 'declaration_600a', 'declaration_600b'] as const;
export type DeclarationType = (typeof DECLARATION_TYPES)[number];
export const isDeclarationType = (type: string): type is DeclarationType =>
  (DECLARATION_TYPES as readonly string[]).includes(type);

export const isServiceType = (type: string): type is ServiceType =>
  (SERVICE_TYPES as readonly string[]).includes(type);

/** Every type of request the engine runs: the citizens' services and the units' declarations. */
export const REQUEST_TYPES = [...SERVICE_TYPES, ...DECLARATION_TYPES] as const;
export type RequestType = (typeof REQUEST_TYPES)[number];

export function isUnitServiceType(type: string): type is UnitServiceType {
  return (UNIT_SERVICE_TYPES as readonly string[]).includes(type);
}

export type AttachmentKind = 'portrait' | 'id_front' | 'id_back' | 'evidence';

/** One service of the catalogue: who may use it, its documents, fee and legal processing time. */
export interface ServiceDefinition {
  type: ServiceType;
  /** Working days to process, without and with changed data (or other checks). */
  workingDays: { plain: number; withChanges: number };
  /** Where the processing time comes from. */
  source: string;
  /**
   * The figures were read in a source named in the comment above the entry (the legal text, or
   * the agency's own quotation of it); false: an assumption or the domain reference only.
   */
  verified: boolean;
  /** Attachments required when data change (a photo of the document proving the change). */
  attachmentsWithChanges: readonly AttachmentKind[];
  /** A guardian may file it for their minor child. */
  guardianMayFile: boolean;
  /** Fee in VND (0: free). */
  fee: number;
}

/**
 * The catalogue. Checked in December 2026 against the texts we could find (each entry says what was
 * read and where). QĐ 595/QĐ-BHXH (2017) was amended by QĐ 505/QĐ-BHXH (2020) and QĐ 490/QĐ-BHXH
 * (28/03/2023); neither amending text was in our sources (QĐ 490 is cited for the forms TK1-TS and
 * D02-LT), so where QĐ 595's figure is kept, no later change to it was found, not ruled out. Luật
 * BHXH 41/2024/QH15 (in force 01/07/2025) was read in full text (the law as published, in a public
 * repository's copy: teije05-art/clone-pjj-tax-legal-22dec, Doc_Undated_Luat_Bao_hiem.md) and takes
 * precedence over QĐ 595 where they differ.
 */
export const SERVICE_CATALOGUE: Readonly<Record<ServiceType, ServiceDefinition>> = {
  // QĐ 595/QĐ-BHXH Art. 30(2), as quoted by BHXH Việt Nam answering a reader (phunusuckhoe.
  // giadinhonline.vn, "Thủ tục cấp lại thẻ bảo hiểm y tế"): without changed information the card is
  // returned the same day the complete dossier is received; with changed information within 03
  // days of it. The text says "ngày": we count working days (assumption, as the agencies' other
  // times). No later text changing Art. 30 was found (see above).
  bhyt_card_reissue: {
    type: 'bhyt_card_reissue',
    workingDays: { plain: 0, withChanges: 3 },
    source: 'QĐ 595/QĐ-BHXH (2017), Art. 30(2): same day; 3 days with changed information',
    verified: true,
    attachmentsWithChanges: ['evidence'],
    guardianMayFile: true,
    fee: 0,
  },
  // The sources disagree. Luật BHXH 58/2014/QH13 Art. 99(3)(c): a reissued book within 15 days,
  // 45 when checking the contribution periods is complex (read in a quotation of the article,
  // huggingface.co/datasets/jasong03/legal_qa_with_old_docs); QĐ 595 Art. 27 and 29: 10 days, 45
  // when periods in other provinces or at several employers must be checked (read in hddtvn.com's
  // summary of QĐ 595). In force since 01/07/2025, Luật BHXH 41/2024/QH15 Art. 28(4): the agency
  // issues the book within 05 working days of a complete dossier, with no longer time for any case;
  // Art. 29(2): information is adjusted within 05 working days (both read in the law's text). The
  // most recent law applies: 5 working days, with or without changes or other provinces (our
  // reading: Art. 28(4) names no separate time for a reissue, and from 01/01/2026 the book is
  // electronic, Art. 25(2)).
  bhxh_book_reissue: {
    type: 'bhxh_book_reissue',
    workingDays: { plain: 5, withChanges: 5 },
    source:
      'Luật BHXH 41/2024/QH15, Art. 28(4) and Art. 29(2): 5 working days (replacing 10/45 days of QĐ 595/QĐ-BHXH Art. 29 and 15/45 days of Luật 58/2014 Art. 99(3)(c))',
    verified: true,
    attachmentsWithChanges: ['evidence'],
    guardianMayFile: false,
    fee: 0,
  },
  // Luật BHXH 41/2024/QH15 Art. 82 (change of the way or place of receiving a pension or monthly
  // allowance, the latter on moving within the country): the agency answers within 05 working days
  // of receiving the request (read in the law's text). Law 58/2014 Art. 115 gave the same 05
  // working days for a move (read in thuviensuckhoe.org, quoting Báo Dân sinh).
  pension_payment_change: {
    type: 'pension_payment_change',
    workingDays: { plain: 5, withChanges: 5 },
    source: 'Luật BHXH 41/2024/QH15, Art. 82(2): 5 working days',
    verified: true,
    attachmentsWithChanges: [],
    guardianMayFile: false,
    fee: 0,
  },
  // Assumption: a clinic change is a card reissue with changed data (QĐ 595 Art. 30(2), 3 days,
  // verified above); no text naming the clinic change's own time was found.
  initial_clinic_change: {
    type: 'initial_clinic_change',
    workingDays: { plain: 3, withChanges: 3 },
    source: 'QĐ 595/QĐ-BHXH (2017), Art. 30(2) (as a card reissue with changed data; assumption)',
    verified: false,
    attachmentsWithChanges: [],
    guardianMayFile: true,
    fee: 0,
  },
  // Form 01 (TT/Tờ khai mẫu 01, QĐ 422/QĐ-BHXH 2020) is the form to adjust one's e-transaction
  // information or to stop using e-transactions. Assumption (no time found for either, nor in the
  // domain reference; QĐ 3002 not found): processed like the e-transaction registration itself, in
  // 1 working day; no attachment, the person's own account only (a guardian files nothing for a
  // child's account).
  etx_info_change: {
    type: 'etx_info_change',
    workingDays: { plain: 1, withChanges: 1 },
    source: 'Form 01 (QĐ 422/QĐ-BHXH, 2020): 1 working day (assumption, as the registration)',
    verified: false,
    attachmentsWithChanges: [],
    guardianMayFile: false,
    fee: 0,
  },
  etx_stop: {
    type: 'etx_stop',
    workingDays: { plain: 1, withChanges: 1 },
    source: 'Form 01 (QĐ 422/QĐ-BHXH, 2020): 1 working day (assumption, as the registration)',
    verified: false,
    attachmentsWithChanges: [],
    guardianMayFile: false,
    fee: 0,
  },
  // Issue #26. Both are paid online: the request completes when the payment is credited (the
  // system receives and approves it, see docs/features.md); the one working day is the officers'
  // time to close a request left unpaid (assumption: no processing time for 602e or for household
  // BHYT was found; Luật 41/2024 Art. 28(4) gives 5 working days to issue the book of a first
  // voluntary participant, which the payment's credit already meets). The contribution is not a
  // fee (fee 0).
  voluntary_si_register: {
    type: 'voluntary_si_register',
    workingDays: { plain: 1, withChanges: 1 },
    source:
      'QĐ 3511/QĐ-BHXH; service 602e of QĐ 49/QĐ-BHXH (1 working day: assumption, completed on payment)',
    verified: false,
    attachmentsWithChanges: [],
    guardianMayFile: false,
    fee: 0,
  },
  household_hi: {
    type: 'household_hi',
    workingDays: { plain: 1, withChanges: 1 },
    source: 'QĐ 1187/QĐ-BHXH (1 working day: assumption, completed on payment)',
    verified: false,
    attachmentsWithChanges: [],
    guardianMayFile: false,
    fee: 0,
  },
  // Dossier 630a. Luật BHXH 41/2024/QH15 Art. 48(3): the agency settles within 07 working days of
  // the complete dossier from the employer (read in the law's text; Art. 48(2) gives the employer 07
  // working days before that, Law 58/2014 Art. 102 gave the agency 10 days).
  sick_pay_claim: {
    type: 'sick_pay_claim',
    workingDays: { plain: 7, withChanges: 7 },
    source: 'Luật BHXH 41/2024/QH15, Art. 48(3): 7 working days',
    verified: true,
    attachmentsWithChanges: [],
    guardianMayFile: false,
    fee: 0,
  },
};

/** The services paid online (issue #26): filing one creates a payment; its credit completes it. */
export const PAID_SERVICE_TYPES = [
  'voluntary_si_register',
  'household_hi',
] as const satisfies readonly ServiceType[];
export type PaidServiceType = (typeof PAID_SERVICE_TYPES)[number];
export function isPaidService(type: RequestType): type is PaidServiceType {
  return (PAID_SERVICE_TYPES as readonly RequestType[]).includes(type);
}

/** How a household member is related to the head (quan hệ với chủ hộ). */
export const HOUSEHOLD_RELATIONS = [
  'head',
  'spouse',
  'child',
  'parent',
  'sibling',
  'grandchild',
  'grandparent',
  'other',
] as const;
export type HouseholdRelation = (typeof HOUSEHOLD_RELATIONS)[number];

/**
 * The processing clock of a request: the legal working days, those already used before the
 * clock stopped, the day it (re)started, and the estimated completion day.
 */
export interface RequestClock {
  workingDays: number;
  usedDays: number;
  /** The day the clock runs from (submission, or the last supplement); null while stopped. */
  runningSince: string | null;
  /** The estimated completion day while running; the last estimate while stopped. */
  dueOn: string;
}

/** The clock at submission on `day`. */
export function startClock(day: string, workingDays: number): RequestClock {
  return { workingDays, usedDays: 0, runningSince: day, dueOn: addWorkingDays(day, workingDays) };
}

/** The clock stops on `day` (the request waits for the citizen): the days used so far are kept. */
export function stopClock(clock: RequestClock, day: string): RequestClock {
  if (clock.runningSince === null) return clock;
  const used = clock.usedDays + workingDaysBetween(clock.runningSince, day);
  return { ...clock, usedDays: Math.min(used, clock.workingDays), runningSince: null };
}

/** The clock restarts on `day` (the citizen supplemented): the days left count from then. */
export function restartClock(clock: RequestClock, day: string): RequestClock {
  if (clock.runningSince !== null) return clock;
  const left = Math.max(0, clock.workingDays - clock.usedDays);
  return { ...clock, runningSince: day, dueOn: addWorkingDays(day, left) };
}

/**
 * Late: decided after its estimated day, or still running past it. A request waiting for the
 * citizen is not late (its clock is stopped).
 */
export function isRequestLate(
  clock: Pick<RequestClock, 'dueOn' | 'runningSince'>,
  status: ServiceRequestStatus,
  today: string,
  decidedOn: string | null,
): boolean {
  if (status === 'withdrawn') return false;
  if (decidedOn !== null) return decidedOn > clock.dueOn;
  if (clock.runningSince === null) return false;
  return today > clock.dueOn;
}

/** The SLA colour of an open request for the officers' queue. */
export type RequestSla = 'on_time' | 'due_today' | 'overdue' | 'paused' | 'closed';

export function requestSla(
  clock: Pick<RequestClock, 'dueOn' | 'runningSince'>,
  status: ServiceRequestStatus,
  today: string,
): RequestSla {
  if (serviceRequestWorkflow.isFinal(status)) return 'closed';
  if (clock.runningSince === null) return 'paused';
  if (today > clock.dueOn) return 'overdue';
  return today === clock.dueOn ? 'due_today' : 'on_time';
}

/** A request number: `DVC.<agency>.<year>.<6-digit sequence>`, e.g. DVC.0101.2026.000042. */
export function formatRequestNumber(sequence: number, year: number, agencyCode: string): string {
  return `DVC.${agencyCode}.${year}.${String(sequence).padStart(6, '0')}`;
}
export const REQUEST_NUMBER_PATTERN = /^DVC\.[0-9A-Z]{2,8}\.\d{4}\.\d{6}$/;

/**
 * When a person may change their initial clinic (nơi đăng ký KCB ban đầu): the first days of each
 * quarter. Luật BHYT 25/2008/QH12 as amended (Art. 26) and NĐ 146/2018/NĐ-CP: "được thay đổi cơ
 * sở đăng ký KCB ban đầu vào đầu mỗi quý"; the first 10 days of the quarter as practised by
 * BHXH — our reading (the domain reference does not give the number of days): `assumption`.
 */
export const CLINIC_CHANGE_WINDOWS: readonly Effective<{ firstDaysOfQuarter: number }>[] = [
  {
    from: '2018-12-01',
    value: { firstDaysOfQuarter: 10 },
    source: 'Luật BHYT (25/2008/QH12, 46/2014/QH13) Art. 26; NĐ 146/2018/NĐ-CP',
    assumption: true,
  },
];

/** True on a day a person may ask to change their initial clinic. */
export function clinicChangeWindowOpen(day: string): boolean {
  let rule = CLINIC_CHANGE_WINDOWS[0];
  for (const row of CLINIC_CHANGE_WINDOWS) if (row.from <= day) rule = row;
  if (!rule) return false;
  const month = Number(day.slice(5, 7));
  const dom = Number(day.slice(8, 10));
  return (month - 1) % 3 === 0 && dom <= rule.value.firstDaysOfQuarter;
}

/** The first day of the month after `day` (yyyy-mm-dd). */
function firstOfNextMonth(day: string): string {
  const year = Number(day.slice(0, 4));
  const month = Number(day.slice(5, 7));
  return month === 12 ? `${year + 1}-01-01` : `${year}-${String(month + 1).padStart(2, '0')}-01`;
}

/**
 * When an approved change applies "from the next period" (issue #23): the first day of the next
 * month. Assumption, for both a change of initial clinic (requested in the first 10 days of a
 * quarter: the new clinic from the 1st of the following month, as the card's monthly validity
 * runs; the legal texts cited in CLINIC_CHANGE_WINDOWS do not fix the day) and a change of
 * pension payment place or method (the issue: "the payments from the next month on").
 */
export function nextPeriodStart(approvedOn: string): string {
  return firstOfNextMonth(approvedOn);
}
