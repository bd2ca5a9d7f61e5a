import { normalizeVnPhone } from '@vssid/domain';
import type { WebKey } from '../../i18n';
import { ApiError } from '../../shared/api';
import type { Role } from '../../app/session';
import type { NewOfficer, StaffMember, StaffStatus } from './api/officers';

/**
 * The pure rules of the officers screen (agency admins): the create form's request and how the
 * server's field errors land next to its fields, and which accounts can be disabled. No React,
 * no fetch: unit-tested in officers-logic.test.ts.
 */

export const OFFICER_FIELDS = ['username', 'displayName', 'phone', 'email'] as const;
export type OfficerField = (typeof OFFICER_FIELDS)[number];
export type OfficerDraft = Record<OfficerField, string>;

export const EMPTY_OFFICER: OfficerDraft = { username: '', displayName: '', phone: '', email: '' };

/** Who sees and opens the officers screen: agency admins only (the API answers 403 to others). */
export function managesOfficers(role: Role | undefined): boolean {
  return role === 'agency_admin';
}

/**
 * The draft as the API's body: trimmed, the user name in lower case, the phone in its national
 * form when it is a Vietnamese mobile (`+84 912 345 678` → `0912345678`; otherwise only spaces,
 * dots and dashes dropped, and the server says what is wrong), no email when none was typed.
 */
export function toNewOfficer(draft: OfficerDraft): NewOfficer {
  const phone = normalizeVnPhone(draft.phone);
  const email = draft.email.trim();
  return {
    username: draft.username.trim().toLowerCase(),
    displayName: draft.displayName.trim().replace(/\s+/g, ' '),
    phone: phone.ok ? phone.value : draft.phone.replace(/[\s.-]/g, ''),
    ...(email ? { email } : {}),
  };
}

/** A field's message: a catalog key of this screen, or the server's own (already translated) text. */
export type FieldMessage = { key: WebKey } | { text: string };

const isOfficerField = (field: string): field is OfficerField =>
  (OFFICER_FIELDS as readonly string[]).includes(field);

/**
 * The server's answer to a create, field by field (the first error of each field): a taken user
 * name says so; any other error of a known field says what the field must look like (the server's
 * generic "wrong format" names the field by its API name, which means nothing to a person).
 * Errors of other fields are not a field's business: the page shows the problem's title.
 */
export function officerFieldErrors(error: unknown): Partial<Record<OfficerField, FieldMessage>> {
  const out: Partial<Record<OfficerField, FieldMessage>> = {};
  if (!(error instanceof ApiError)) return out;
  if (error.code === 'username_taken') out.username = { key: 'officer.accounts.errors.usernameTaken' };
  for (const e of error.problem.errors ?? []) {
    if (!isOfficerField(e.field) || e.field in out) continue;
    out[e.field] = { key: `officer.accounts.errors.${e.field}` };
  }
  return out;
}

/** Officers can be disabled and enabled again; the agency's admins cannot be changed here. */
export function canChangeStatus(member: StaffMember): boolean {
  return member.role === 'officer';
}

/** The status a member's action button sets. */
export function nextStatus(status: StaffStatus): StaffStatus {
  return status === 'active' ? 'disabled' : 'active';
}
