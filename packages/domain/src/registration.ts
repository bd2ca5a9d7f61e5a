/**
 * Registration for electronic transactions with BHXH (tờ khai mẫu 01, "Tờ khai đăng ký sử dụng,
 * điều chỉnh thông tin và ngừng sử dụng phương thức giao dịch điện tử trong lĩnh vực bảo hiểm xã
 * hội"): the dossier's workflow, its number, its deadline, and the Form 01 schema shared by the
 * web form and the server (the server validates with the same schema the form uses).
 */
import * as z from 'zod/mini';
import { defineWorkflow } from './workflow';

/**
 * Statuses of a dossier:
 * - `draft`: pre-filled from a unit's or school's list, to be completed by the person or an officer;
 * - `submitted`: sent; the signed paper Form 01 must reach the agency within 10 days;
 * - `paper_received`: an officer checked the signed Form 01 against the ID card;
 * - `approved` (account created, password sent by SMS), `rejected` (with a reason), `expired`;
 * - `withdrawn`: the person (or the guardian) took it back, proving it with an OTP sent to the
 *   dossier's phone; they may then file again.
 * `redirect` (an officer sends the dossier to another receiving agency) keeps the status: only the
 * receiving agency changes, and the log says from where to where.
 */
export const DOSSIER_STATUSES = [
  'draft',
  'submitted',
  'paper_received',
  'approved',
  'rejected',
  'expired',
  'withdrawn',
] as const;
export type DossierStatus = (typeof DOSSIER_STATUSES)[number];
export const DOSSIER_ACTIONS = [
  'submit',
  'record_paper',
  'approve',
  'reject',
  'expire',
  'withdraw',
  'redirect',
] as const;
export type DossierAction = (typeof DOSSIER_ACTIONS)[number];
/** Dossiers still waiting for someone (at most one per person). */
export const OPEN_DOSSIER_STATUSES = [
  'draft',
  'submitted',
  'paper_received',
] as const satisfies readonly DossierStatus[];

export const DOSSIER_TRANSITIONS = {
  draft: { submit: 'submitted', reject: 'rejected', withdraw: 'withdrawn', redirect: 'draft' },
  submitted: {
    record_paper: 'paper_received',
    reject: 'rejected',
    expire: 'expired',
    withdraw: 'withdrawn',
    redirect: 'submitted',
  },
  paper_received: {
    approve: 'approved',
    reject: 'rejected',
    withdraw: 'withdrawn',
    redirect: 'paper_received',
  },
  approved: {},
  rejected: {},
  expired: {},
  withdrawn: {},
} as const satisfies { readonly [S in DossierStatus]: { readonly [A in DossierAction]?: DossierStatus } };

export const dossierWorkflow = defineWorkflow<DossierStatus, DossierAction>({
  initial: 'draft',
  transitions: DOSSIER_TRANSITIONS,
});

/** Days the person has to bring or post the signed Form 01 (seed: "Sau 10 ngày kể từ ngày đăng ký…"). */
export const PAPER_FORM_DEADLINE_DAYS = 10;

/** The deadline for the paper form: 10 days after submission, to the millisecond. */
export function paperFormDeadline(submittedAt: Date): Date {
  return new Date(submittedAt.getTime() + PAPER_FORM_DEADLINE_DAYS * 86_400_000);
}

/**
 * The dossier number: a 5-digit sequence per receiving agency and year, then `GD_<year>_<agency>`
 * ("00264.GD_2026_0101"). Assumption: the seeds' "00264.GD_2021_091" reads as sequence 00264,
 * GD (giao dịch điện tử), the year, and the receiving agency's code.
 */
export function formatDossierNumber(sequence: number, year: number, agencyCode: string): string {
  return `${String(sequence).padStart(5, '0')}.GD_${year}_${agencyCode}`;
}

export const DOSSIER_NUMBER_PATTERN = /^\d{5,}\.GD_\d{4}_[0-9A-Z]{2,8}$/;

/** Reasons an officer may pick when rejecting (or write their own as `other`). */
export const REJECTION_REASONS = [
  'paper_form_missing',
  'signature_missing',
  'id_mismatch',
  'photo_unclear',
  'registry_mismatch',
  'duplicate',
  'other',
] as const;
export type RejectionReason = (typeof REJECTION_REASONS)[number];

const digits = (n: number) => new RegExp(`^\\d{${n}}$`);

/** The declared fields of Form 01 for oneself (the photos travel beside them). */
export const Form01Schema = z.object({
  bhxhCode: z.string().check(z.regex(digits(10))),
  fullName: z.string().check(z.trim(), z.minLength(2), z.maxLength(100)),
  /** CCCD (12 digits) or passport number. */
  idNumber: z.string().check(z.trim(), z.regex(/^(\d{12}|[A-Z]\d{7,8})$/)),
  dateOfBirth: z.iso.date(),
  gender: z.enum(['male', 'female']),
  address: z.object({
    provinceCode: z.string().check(z.regex(digits(2))),
    communeCode: z.string().check(z.regex(digits(5))),
    line: z.string().check(z.trim(), z.minLength(2), z.maxLength(200)),
  }),
  phone: z.string().check(z.regex(/^0\d{9}$/)),
  email: z.optional(z.email().check(z.maxLength(200))),
  /** Send the declaration (PDF) by email too. */
  emailDeclaration: z._default(z.boolean(), false),
  agencyCode: z.string().check(z.regex(/^[0-9A-Z]{2,8}$/)),
  delivery: z.enum(['counter', 'post']),
  acceptTerms: z.literal(true),
  commitment: z.literal(true),
});
export type Form01 = z.infer<typeof Form01Schema>;

/** A guardian registering a child (Dịch vụ công → Đăng ký tài khoản cho con). */
export const ChildForm01Schema = z.object({
  childBhxhCode: z.string().check(z.regex(digits(10))),
  childFullName: z.string().check(z.trim(), z.minLength(2), z.maxLength(100)),
  agencyCode: z.string().check(z.regex(/^[0-9A-Z]{2,8}$/)),
  delivery: z.enum(['counter', 'post']),
  commitment: z.literal(true),
});
export type ChildForm01 = z.infer<typeof ChildForm01Schema>;
