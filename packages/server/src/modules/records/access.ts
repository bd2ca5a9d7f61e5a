import { type AuditPurpose, dateOfBirthOf, isAuditPurpose, isMinor, vietnamToday } from '@vssid/domain';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { AppError } from '../../http/problem';
import { type StatedPurpose, statedPurpose } from '../audit/service';
import { type CallContext, type Principal, signedIn } from '../../context';
import type { Translator } from '../../i18n';
import { findAgencyScope, findPersonForAccess, isOpenRequestOfAgency } from './repository';

/**
 * Who may read a person's records (issue "Records", point 10): THE one decision. Reads go through
 * the data-access layer (data-access.ts: `readRecords`), which asks this rule, performs the read
 * and writes the audit entry; do not call it (or copy the rule) elsewhere.
 *
 * - **The person**: a citizen reads their own records (`target` absent or their own code).
 * - **The guardian of a minor**: a citizen reads the records of a person whose
 *   `guardian_bhxh_code` is theirs and who is under 18 today, by the domain's one minor rule
 *   (`isMinor` in domain/dates.ts, which child registration also asks; a year of birth alone
 *   counts from 31 December of that year); the guardian's link ends at 18.
 * - **Staff within scope** (officers and agency admins, audited, with a stated purpose): the
 *   national office (agency level `central`) reads everyone; a provincial or local office reads
 *   persons whose current `province_code` is the agency's province (ASSUMPTION: the 2025 province
 *   of the person's address decides; a person with only a pre-2025 address is readable by the
 *   national office only, until their address is updated). Also, for the officers deciding a
 *   request (issue 23): the person of an open service request received by their agency or an
 *   agency below it, wherever the person lives, while it is open (`basis.serviceRequest`; the
 *   rule looks the request up itself). Once decided, the province rule alone applies again.
 * - Everyone else (other citizens, employer and clinic users, staff out of scope, unknown codes):
 *   404, exactly as for a person who does not exist, so nothing leaks about who exists.
 *   Anonymous callers get 401 (sign in first); an issued password not yet changed, 403.
 */
export type AccessVia = 'self' | 'guardian' | 'staff';

export interface RecordsAccess {
  /** The person whose records are read. */
  subject: string;
  via: AccessVia;
  principal: Principal;
  /** Why a staff member reads: their own words, or a system purpose such as `fhir.exchange` (staff only). */
  purpose: AuditPurpose | StatedPurpose | null;
}

const STAFF_READERS = new Set<Principal['role']>(['officer', 'agency_admin']);

const notFound = () => new AppError(404, 'not_found', 'notFound');

/**
 * Decides whether the caller may read `target`'s records (null: their own). Throws 401, 403, 404
 * or 400 (a staff read without `purpose`, naming the field); returns the access otherwise.
 */
export async function resolveRecordsAccess(
  db: Kysely<Database>,
  ctx: CallContext,
  translator: Translator,
  input: {
    target: string | null;
    purpose?: string | undefined;
    /** Where the purpose is given (default: the `purpose` query field; FHIR: a header). */
    purposeField?: { in: string; field: string };
    today?: string;
    /** Staff: the open service request of the person their agency decides (see the rule above). */
    basis?: { serviceRequest: string } | undefined;
  },
): Promise<RecordsAccess> {
  const principal = signedIn(ctx);
  if (principal.mustChangePassword)
    throw new AppError(403, 'password_change_required', 'auth.passwordChangeRequired');
  const today = input.today ?? vietnamToday();

  if (principal.role === 'citizen') {
    const own = principal.bhxhCode;
    if (!own) throw notFound();
    if (input.target === null || input.target === own)
      return { subject: own, via: 'self', principal, purpose: null };
    const person = await findPersonForAccess(db, input.target);
    if (!person || person.guardian_bhxh_code !== own || !isMinor(dateOfBirthOf(person), today))
      throw notFound();
    return { subject: input.target, via: 'guardian', principal, purpose: null };
  }

  if (STAFF_READERS.has(principal.role) && principal.agencyCode && input.target !== null) {
    const purpose = input.purpose?.trim() ?? '';
    if (!purpose)
      throw new AppError(400, 'validation_failed', 'validation', {}, [
        {
          ...(input.purposeField ?? { in: 'querystring', field: 'purpose' }),
          code: 'required',
          message: translator.t(ctx.language, 'records.purposeRequired'),
        },
      ]);
    const [agency, person] = await Promise.all([
      findAgencyScope(db, principal.agencyCode),
      findPersonForAccess(db, input.target),
    ]);
    if (!agency || !person) throw notFound();
    const inScope =
      agency.level === 'central' ||
      person.province_code === agency.province_code ||
      (input.basis !== undefined &&
        (await isOpenRequestOfAgency(db, input.basis.serviceRequest, input.target, principal.agencyCode)));
    if (!inScope) throw notFound();
    return {
      subject: input.target,
      via: 'staff',
      principal,
      purpose: isAuditPurpose(purpose) ? purpose : statedPurpose(purpose),
    };
  }

  throw notFound();
}
