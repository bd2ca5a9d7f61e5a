import type { Kysely } from 'kysely';
import type { CallContext } from '../../context';
import type { Database } from '../../db/schema';
import {
  type AuditEventRow,
  findAuditEventsByActor,
  findAuditEventsBySubject,
  insertAuditEvent,
  type NewAuditEvent,
  type StatedPurpose,
  statedPurpose,
} from './repository';
import { isPersonalDataRead } from './data-access';

export type { NewAuditEvent, StatedPurpose };
export { statedPurpose };

/**
 * The audit trail: security events and every read of personal data by staff. Callers pass the
 * transaction they are in, so an audited change and its audit entry commit together.
 */
interface AuditService {
  record(db: Kysely<Database>, event: NewAuditEvent): Promise<void>;
  /** "Who viewed my data": entries whose subject is this person, newest first. */
  listForSubject(
    db: Kysely<Database>,
    bhxhCode: string,
    options?: { limit?: number; before?: string },
  ): Promise<AuditEventRow[]>;
  /** An account's own security events of these kinds (sign-in history), newest first. */
  listForActor(
    db: Kysely<Database>,
    actorType: AuditEventRow['actor_type'],
    actorId: string,
    options: { actions: string[]; limit?: number },
  ): Promise<AuditEventRow[]>;
}

/** Who an account event is about: the account (null when nobody was recognised). */
interface AuditActor {
  id: string;
  role: NewAuditEvent['actor_type'];
  bhxh_code: string | null;
}

/**
 * THE shape of a security event of an account (sign-in, passkey, VNeID…): the account as actor
 * and subject, the call's address and request id, no purpose. `target` names what it is about.
 */
export function accountEvent(
  origin: { ip: string; requestId: string },
  actor: AuditActor | null,
  action: NewAuditEvent['action'],
  target: { type: string; id: string | null },
  details: Record<string, unknown> = {},
): NewAuditEvent {
  return {
    actor_type: actor ? actor.role : 'anonymous',
    actor_id: actor?.id ?? null,
    subject_bhxh_code: actor?.bhxh_code ?? null,
    action,
    target_type: target.type,
    target_id: target.id,
    purpose: null,
    ip: origin.ip || null,
    request_id: origin.requestId,
    details,
  };
}

/**
 * A module's writer of account events about one kind of object: `targetOf` names the object from
 * the event's details (the passkey, the VNeID identity).
 */
export function accountAuditor(
  targetOf: (details: Record<string, unknown>) => { type: string; id: string | null },
) {
  return (
    db: Kysely<Database>,
    ctx: CallContext,
    actor: AuditActor | null,
    action: NewAuditEvent['action'],
    details: Record<string, unknown> = {},
  ): Promise<void> =>
    auditService.record(
      db,
      accountEvent(
        { ip: ctx.client.ip, requestId: ctx.requestId },
        actor,
        action,
        targetOf(details),
        details,
      ),
    );
}

export const auditService: AuditService = {
  async record(db, event) {
    if (isPersonalDataRead(event.action))
      throw new Error(
        `${event.action}: reads of personal data are audited by readAudited (audit/data-access.ts)`,
      );
    if (event.subject_bhxh_code != null && !/^\d{10}$/.test(event.subject_bhxh_code)) {
      throw new Error('audit subject must be a 10-digit BHXH code');
    }
    await insertAuditEvent(db, event);
  },
  listForSubject(db, bhxhCode, options = {}) {
    return findAuditEventsBySubject(db, bhxhCode, Math.min(options.limit ?? 50, 200), options.before);
  },
  listForActor(db, actorType, actorId, options) {
    return findAuditEventsByActor(
      db,
      actorType,
      actorId,
      options.actions,
      Math.min(options.limit ?? 50, 200),
    );
  },
};
