import type { Insertable, Kysely, Selectable } from 'kysely';
import type { AuditAction, AuditPurpose } from '@vssid/domain';
import type { AuditLogTable, Database } from '../../db/schema';

export type AuditEventRow = Selectable<AuditLogTable>;

/** A staff member's purpose in their own words, kept as typed (made by `statedPurpose`). */
export type StatedPurpose = string & { readonly __statedPurpose: true };

/** The words a staff member gave as the purpose of a read, trimmed. */
export function statedPurpose(text: string): StatedPurpose {
  return text.trim() as StatedPurpose;
}

/**
 * An audit entry to write: its action is one of the domain's `AUDIT_ACTIONS` and its purpose one
 * of `AUDIT_PURPOSES` or a staff member's stated words, so every code written has a translation.
 */
export type NewAuditEvent = Omit<Insertable<AuditLogTable>, 'id' | 'at' | 'action' | 'purpose'> & {
  action: AuditAction;
  purpose?: AuditPurpose | StatedPurpose | null;
};

export async function insertAuditEvent(db: Kysely<Database>, event: NewAuditEvent): Promise<void> {
  // A call from no network (a job, the command line) has no address: null, not an empty inet.
  await db
    .insertInto('audit_log')
    .values({ ...event, ip: event.ip || null })
    .execute();
}

/** Entries about one person, newest first (served by `audit_log_subject_idx`). */
export async function findAuditEventsBySubject(
  db: Kysely<Database>,
  bhxhCode: string,
  limit: number,
  before?: string,
): Promise<AuditEventRow[]> {
  let q = db.selectFrom('audit_log').selectAll().where('subject_bhxh_code', '=', bhxhCode);
  if (before !== undefined) q = q.where('id', '<', before);
  return q.orderBy('at', 'desc').orderBy('id', 'desc').limit(limit).execute();
}

/** What one account did (or what was attempted on it), newest first (served by `audit_log_actor_idx`). */
export async function findAuditEventsByActor(
  db: Kysely<Database>,
  actorType: AuditLogTable['actor_type'],
  actorId: string,
  actions: string[],
  limit: number,
): Promise<AuditEventRow[]> {
  return db
    .selectFrom('audit_log')
    .selectAll()
    .where('actor_type', '=', actorType)
    .where('actor_id', '=', actorId)
    .where('action', 'in', actions)
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}
