import type { AuditAction, AuditPurpose } from '@vssid/domain';
import type { Kysely } from 'kysely';
import type { CallContext, Principal } from '../../context';
import type { Database } from '../../db/schema';
import { insertAuditEvent, type StatedPurpose } from './repository';

/**
 * THE place where a read of a person's data by someone else is audited (issue #21 item 3): the
 * entries the person sees under "who viewed my data". Modules do not write these entries by hand:
 * they read through `readAudited`, which performs the read and then writes the entry before the
 * data is handed back (no entry, no data; a refused or failed read writes nothing).
 *
 * Who reads through it: the records' data-access layer (records/data-access.ts: records, card,
 * FHIR, for guardians and staff within scope), the registration back office (a dossier
 * opened, a dossier's photo read), the online services (a request opened by an officer, a request's file read by an officer or a guardian) and the
 * support tickets (a ticket's file read by an officer or a guardian). The audit service refuses these actions from anyone else
 * (`isPersonalDataRead`), so a new screen cannot forget the entry by writing its own.
 *
 * Public look-ups of a BHXH code are audited by the look-up with their match tokens, in one
 * statement (a read by nobody signed in, on the busiest public path): `lookup.*`, not a read here.
 */

/** The audit actions that are reads of a person's data by someone else. */
export function isPersonalDataRead(action: string): boolean {
  return (
    /^records\.[a-z_]+\.read$/.test(action) ||
    action === 'dossier.opened' ||
    action === 'dossier.file.read' ||
    action === 'service_request.opened' ||
    action === 'service_request.attachment.read' ||
    action === 'support.attachment.read'
  );
}

/** What one read was: by whom, of whom, why, and what exactly. */
export interface PersonalDataRead {
  reader: Principal;
  /** The person whose data was read (10-digit BHXH code). */
  subject: string;
  action: AuditAction;
  purpose: AuditPurpose | StatedPurpose | null;
  target?: { type: string; id: string } | undefined;
  details?: Record<string, unknown>;
}

async function writeRead(db: Kysely<Database>, ctx: CallContext, read: PersonalDataRead): Promise<void> {
  if (!isPersonalDataRead(read.action)) throw new Error(`${read.action} is not a read of personal data`);
  if (!/^\d{10}$/.test(read.subject)) throw new Error('audit subject must be a 10-digit BHXH code');
  await insertAuditEvent(db, {
    actor_type: read.reader.role,
    actor_id: read.reader.accountId,
    subject_bhxh_code: read.subject,
    action: read.action,
    target_type: read.target?.type ?? null,
    target_id: read.target?.id ?? null,
    purpose: read.purpose,
    ip: ctx.client.ip,
    request_id: ctx.requestId,
    details: read.details ?? {},
  });
}

/**
 * Performs `read`, then writes the audit entry `entryOf` names for its data (null: not audited,
 * the person's own read), then returns the data.
 */
export async function readAudited<T>(
  db: Kysely<Database>,
  ctx: CallContext,
  read: () => Promise<T>,
  entryOf: (data: T) => PersonalDataRead | null,
): Promise<T> {
  const data = await read();
  const entry = entryOf(data);
  if (entry) await writeRead(db, ctx, entry);
  return data;
}

/**
 * Performs `read`, then writes one audit entry per person `entriesOf` names for its data (a list
 * about several people: an employer unit's workers' certificates), then returns the data.
 */
export async function readAuditedEach<T>(
  db: Kysely<Database>,
  ctx: CallContext,
  read: () => Promise<T>,
  entriesOf: (data: T) => PersonalDataRead[],
): Promise<T> {
  const data = await read();
  for (const entry of entriesOf(data)) await writeRead(db, ctx, entry);
  return data;
}
