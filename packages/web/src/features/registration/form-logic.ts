import { ChildForm01Schema, Form01Schema, parseBhytQr, parseCccdQr } from '@vssid/domain';
import type { TFunction } from 'i18next';
import { ApiError, NetworkError } from '../../shared/api';

/** Field → message key (or server message), for the fields of a form. */
export type FieldErrors = Record<string, string>;

/** The steps of "Đăng ký ngay" and the fields each holds (errors send the person back there). */
export const STEPS = ['terms', 'identity', 'contact', 'photos', 'agency', 'review'] as const;
export type Step = (typeof STEPS)[number];
export const STEP_FIELDS: Record<Step, readonly string[]> = {
  terms: ['acceptTerms'],
  identity: ['bhxhCode', 'fullName', 'idNumber', 'dateOfBirth', 'gender'],
  contact: [
    'address.provinceCode',
    'address.communeCode',
    'address.line',
    'phone',
    'email',
    'emailDeclaration',
  ],
  photos: ['photos.portrait', 'photos.id_front', 'photos.id_back'],
  agency: ['agencyCode', 'delivery'],
  review: ['commitment'],
};

export interface SelfDraft {
  acceptTerms: boolean;
  bhxhCode: string;
  fullName: string;
  idNumber: string;
  dateOfBirth: string;
  gender: '' | 'male' | 'female';
  provinceCode: string;
  communeCode: string;
  line: string;
  phone: string;
  email: string;
  emailDeclaration: boolean;
  agencyCode: string;
  delivery: '' | 'counter' | 'post';
  commitment: boolean;
}

export const EMPTY_DRAFT: SelfDraft = {
  acceptTerms: false,
  bhxhCode: '',
  fullName: '',
  idNumber: '',
  dateOfBirth: '',
  gender: '',
  provinceCode: '',
  communeCode: '',
  line: '',
  phone: '',
  email: '',
  emailDeclaration: false,
  agencyCode: '',
  delivery: '',
  commitment: false,
};

/** The draft as the API's Form 01 (empty optional fields left out). */
export function toForm01(d: SelfDraft) {
  return {
    bhxhCode: d.bhxhCode.trim(),
    fullName: d.fullName.trim(),
    idNumber: d.idNumber.trim().toUpperCase(),
    dateOfBirth: d.dateOfBirth,
    gender: d.gender,
    address: { provinceCode: d.provinceCode, communeCode: d.communeCode, line: d.line.trim() },
    phone: d.phone.replace(/[\s.-]/g, ''),
    ...(d.email.trim() ? { email: d.email.trim() } : {}),
    emailDeclaration: d.emailDeclaration,
    agencyCode: d.agencyCode,
    delivery: d.delivery,
    acceptTerms: d.acceptTerms,
    commitment: d.commitment,
  };
}

/**
 * The same schema as the server's (`Form01Schema` from the domain): one message key per
 * offending field, `registration.errors.<field>`. The photos are checked beside it (present).
 */
export function validateSelf(d: SelfDraft, photos: Record<string, unknown>): FieldErrors {
  const errors: FieldErrors = {};
  const result = Form01Schema.safeParse(toForm01(d));
  if (!result.success)
    for (const issue of result.error.issues) {
      const field = issue.path.map(String).join('.');
      if (!(field in errors)) errors[field] = `registration.errors.${field}`;
    }
  if (d.emailDeclaration && !d.email.trim())
    if (!('email' in errors)) errors.email = 'registration.errors.emailRequired';
  for (const kind of ['portrait', 'id_front', 'id_back'])
    if (!photos[kind]) errors[`photos.${kind}`] = 'registration.errors.photo';
  return errors;
}

export function validateChild(
  d: {
    childBhxhCode: string;
    childFullName: string;
    agencyCode: string;
    delivery: string;
    commitment: boolean;
  },
  photos: Record<string, unknown>,
): FieldErrors {
  const errors: FieldErrors = {};
  const result = ChildForm01Schema.safeParse({
    ...d,
    childBhxhCode: d.childBhxhCode.trim(),
    childFullName: d.childFullName.trim(),
  });
  if (!result.success)
    for (const issue of result.error.issues) {
      const field = issue.path.map(String).join('.');
      if (!(field in errors)) errors[field] = `childRegistration.errors.${field}`;
    }
  for (const kind of ['portrait', 'birth_certificate'])
    if (!photos[kind]) errors[`photos.${kind}`] = 'registration.errors.photo';
  return errors;
}

/** The server's field errors (already translated), keyed by field; `message:` marks them as text. */
export function serverFieldErrors(error: unknown): FieldErrors {
  const out: FieldErrors = {};
  if (error instanceof ApiError)
    for (const e of error.problem.errors ?? []) if (!(e.field in out)) out[e.field] = `message:${e.message}`;
  return out;
}

/** What to say of a refused submission: the network's failure, the server's problem, or the unexpected. */
export function submissionProblem(t: TFunction, error: unknown): string {
  if (error instanceof NetworkError) return t('registration.errors.network');
  return error instanceof ApiError ? error.problem.title : t('registration.errors.unexpected');
}

/**
 * A BHYT card's QR: the BHXH code (the card number's last 10 digits) and the name; `repaired` when
 * garbled text (mojibake) was repaired on reading, so the person is asked to check it.
 */
export function readBhytQr(text: string): { bhxhCode: string; fullName: string; repaired: boolean } | null {
  const parsed = parseBhytQr(text);
  if (!parsed.ok) return null;
  const number = parsed.value.cardNumber;
  return {
    bhxhCode: number.length === 10 ? number : number.slice(-10),
    fullName: parsed.value.fullName,
    repaired: (parsed.value.warnings?.length ?? 0) > 0,
  };
}

/** A CCCD's QR: number, name, date of birth, gender and address. */
export function readCccdQr(text: string) {
  const parsed = parseCccdQr(text);
  return parsed.ok ? parsed.value : null;
}
