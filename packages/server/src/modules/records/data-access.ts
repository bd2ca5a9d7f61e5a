import type { RecordsReadWhat } from '@vssid/domain';
import type { Kysely } from 'kysely';
import type { CallContext } from '../../context';
import type { Database } from '../../db/schema';
import { AppError } from '../../http/problem';
import type { Translator } from '../../i18n';
import { type PersonalDataRead, readAudited } from '../audit/data-access';
import { type RecordsAccess, resolveRecordsAccess } from './access';

/**
 * THE data-access layer of personal records (issue #21 item 3): every read of a person's records
 * by someone else goes through here, so that the person's "who viewed my data" list is complete
 * by construction rather than by each route remembering to write an entry.
 *
 * `readRecords` does the three steps of a read, always in this order:
 * 1. decides who may read (`resolveRecordsAccess`, access.ts: the person, the guardian of a
 *    minor, staff within scope with a purpose; 401/403/404/400 otherwise). A refused read
 *    writes nothing;
 * 2. performs the read (the caller's `read`, given the access: the subject and how). A read
 *    that fails (the person has no card: 404) writes nothing either;
 * 3. writes the audit entry `records.<what>.read` for a guardian's or a staff member's read,
 *    through the one audited read of personal data (audit/data-access.ts `readAudited`)
 *    (who, their agency and name, the purpose, the IP and the request id), and only then hands
 *    the data back: no entry, no data. The person's own reads are not audited.
 *
 * `readAccessTrail` is the one read that is not audited: the trail itself, read by the person or
 * their guardian (staff get 404: they read it through the audit tools).
 *
 * Who uses it: the records routes (records/routes.ts), the card service (card/service.ts: the
 * citizen's, the children's and the officers' card reads), the FHIR service (fhir/service.ts).
 * Every other module that reads a person's data for staff must use it too and write no
 * `records.*.read` (or other read) audit entry by hand: the registration back office's dossier
 * reads and the look-up's staff reads are to move onto it. No other module writes these entries.
 */

interface DataAccessDeps {
  db: Kysely<Database>;
  translator: Translator;
}

/** Whose records, and why (staff). `target` null: the caller's own. */
export interface RecordsReadRequest {
  target: string | null;
  purpose?: string | undefined;
  /** Where the purpose is given, for the 400 without one (default: the `purpose` query field). */
  purposeField?: { in: string; field: string };
  /** Today in Vietnam (the minor rule); default: the real today. */
  today?: string;
  /** Staff deciding a service request of the person (access.ts says when that is in scope). */
  basis?: { serviceRequest: string };
}

/** What an audit entry names beside the person: the card, the visit read. */
interface AuditTarget {
  type: string;
  id: string;
}

/**
 * Resolves the access, performs `read`, writes the audit entry of a guardian's or staff read,
 * then returns the data. `targetOf` names what was read in the entry, from the data.
 */
export async function readRecords<T>(
  deps: DataAccessDeps,
  ctx: CallContext,
  request: RecordsReadRequest,
  what: RecordsReadWhat,
  read: (access: RecordsAccess) => Promise<T>,
  targetOf?: (data: T) => AuditTarget | undefined,
): Promise<T> {
  const access = await resolveRecordsAccess(deps.db, ctx, deps.translator, request);
  return readAudited(
    deps.db,
    ctx,
    () => read(access),
    (data) => entryOf(access, what, targetOf?.(data)),
  );
}

/**
 * "Who viewed my data": the trail is the person's (or their guardian's) to read, not audited;
 * staff get 404, exactly as for a person who does not exist.
 */
export async function readAccessTrail<T>(
  deps: DataAccessDeps,
  ctx: CallContext,
  request: RecordsReadRequest,
  read: (subject: string) => Promise<T>,
): Promise<T> {
  const access = await resolveRecordsAccess(deps.db, ctx, deps.translator, request);
  if (access.via === 'staff') throw new AppError(404, 'not_found', 'notFound');
  return read(access.subject);
}

/**
 * The audit entry of a read by someone other than the person: staff (with their purpose, agency
 * and name, shown to the person under "who viewed my data") and guardians; none for the person.
 */
function entryOf(
  access: RecordsAccess,
  what: RecordsReadWhat,
  target: AuditTarget | undefined,
): PersonalDataRead | null {
  if (access.via === 'self') return null;
  const p = access.principal;
  return {
    reader: p,
    subject: access.subject,
    action: `records.${what}.read`,
    purpose: access.purpose,
    target,
    details: {
      via: access.via,
      displayName: p.displayName,
      ...(p.agencyCode ? { agencyCode: p.agencyCode } : {}),
    },
  };
}
