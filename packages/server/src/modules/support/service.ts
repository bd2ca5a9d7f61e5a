import { dateOfBirthOf, isMinor, vietnamToday } from '@vssid/domain';
import type { CorrectableFieldName, Ticket, TicketDetail } from '@vssid/domain/api/support';
import type { Language } from '@vssid/domain/i18n';
import { slaColour, ticketDueDates, type TicketCategory } from '@vssid/domain/support';
import type { Kysely } from 'kysely';
import { type CallContext, signedIn } from '../../context';
import type { Database } from '../../db/schema';
import { AppError } from '../../http/problem';
import type { Translator } from '../../i18n';
import { readAudited } from '../audit/data-access';
import { auditService, statedPurpose } from '../audit/service';
import { notify } from '../notifications/inbox-service';
import { enqueueMessage } from '../outbox/service';
import { attachmentView, type StoredFile, type TicketFiles } from './attachments';
import { checkCorrection, readRecordFields, readRecordForOfficer, RECORD_AUDIT } from './corrections';
import { updateRecordField } from './record-repository';
import {
  countUnread,
  findAgencyAndChildren,
  findAttachment,
  findPerson,
  findPersonAgency,
  findPersonContact,
  findTicket,
  insertAttachments,
  insertCorrection,
  insertTicket,
  insertTicketMessage,
  listAttachments,
  listCorrections,
  listQueue,
  listTicketMessages,
  listTicketsOfPerson,
  type TicketRow,
  updateTicket,
} from './repository';

/**
 * Support tickets (issue 25). Who reaches what: a citizen their own tickets (another person's: 404);
 * an officer or agency admin the tickets routed to their agency or its local offices (others:
 * 404). Routing: a wrong-data ticket about an employer-reported participation period goes to the
 * employer's managing agency; every other ticket to the person's provincial office (ASSUMPTION:
 * the office of the province of their 2025 address; the national office when there is none).
 * The files of a ticket: the person, the guardian of a minor person (audited) and the officers
 * of the agency (audited, with the purpose).
 */

const notFound = () => new AppError(404, 'not_found', 'notFound');

function fieldError(translator: Translator, ctx: CallContext, field: string, key: string): AppError {
  return new AppError(400, 'validation_failed', 'validation', {}, [
    { in: 'body', field, code: key, message: translator.t(ctx.language, key) },
  ]);
}

function view(t: TicketRow, now: Date): Ticket {
  return {
    id: t.id,
    category: t.category,
    status: t.status,
    text: t.text,
    record: t.record_type && t.record_id ? { type: t.record_type, id: t.record_id } : null,
    agencyCode: t.agency_code,
    phone: t.phone,
    createdAt: t.created_at.toISOString(),
    firstAnswerDue: t.first_answer_due,
    resolutionDue: t.resolution_due,
    sla: slaColour(
      {
        status: t.status,
        firstAnsweredAt: t.first_answered_at,
        firstAnswerDue: t.first_answer_due,
        resolutionDue: t.resolution_due,
      },
      now,
    ),
    rating: t.rating,
  };
}

type Files = readonly { data: Uint8Array }[] | undefined;

/** What opens a ticket, signed in or with an OTP. */
export interface TicketOpening {
  category: TicketCategory;
  text: string;
  record?: { type: 'participation' | 'card' | 'visit' | 'benefit'; id: string } | undefined;
  phone?: string | undefined;
  attachments?: Files;
}

export function createSupportService(deps: {
  db: Kysely<Database>;
  translator: Translator;
  files: TicketFiles;
  now?: () => Date;
}) {
  const { db, translator, files } = deps;
  const now = () => deps.now?.() ?? new Date();

  const detail = async (trx: Kysely<Database>, t: TicketRow): Promise<TicketDetail> => {
    const [messages, corrections, attachments] = await Promise.all([
      listTicketMessages(trx, t),
      listCorrections(trx, t),
      listAttachments(trx, t),
    ]);
    return {
      ticket: view(t, now()),
      messages: messages.map((m) => ({
        id: m.id,
        author: m.author,
        authorName: m.author === 'officer' ? m.author_name : null,
        text: m.text,
        at: m.created_at.toISOString(),
      })),
      corrections: corrections.map((c) => ({
        id: c.id,
        recordType: c.record_type as 'participation',
        recordId: c.record_id,
        field: c.field,
        oldValue: c.old_value,
        newValue: c.new_value,
        at: c.created_at.toISOString(),
      })),
      attachments: attachments.map(attachmentView),
    };
  };

  /** The caller's own ticket, locked for a change when `forUpdate`. */
  const mine = async (ctx: CallContext, trx: Kysely<Database>, id: string, forUpdate = false) => {
    const me = signedIn(ctx);
    const t = await findTicket(trx, id, forUpdate);
    if (!t || t.bhxh_code !== me.bhxhCode) throw notFound();
    return t;
  };

  /** A ticket of the officer's agency or its local offices. */
  const ofAgency = async (ctx: CallContext, trx: Kysely<Database>, id: string, forUpdate = false) => {
    const me = signedIn(ctx);
    const t = await findTicket(trx, id, forUpdate);
    if (!t || !me.agencyCode || !(await findAgencyAndChildren(trx, me.agencyCode)).includes(t.agency_code))
      throw notFound();
    return t;
  };

  const attach = (
    trx: Kysely<Database>,
    t: TicketRow,
    stored: StoredFile[],
    author: 'person' | 'officer',
    messageId: string | null,
  ) =>
    insertAttachments(
      trx,
      stored.map((f) => ({ ...f, bhxh_code: t.bhxh_code, ticket_id: t.id, author, message_id: messageId })),
    );

  /** The record a ticket names, one of the person's own (400 naming `record.id` otherwise), and its agency. */
  const checkRecord = async (ctx: CallContext, bhxhCode: string, input: TicketOpening) => {
    if (input.category === 'wrong_data' && !input.record)
      throw fieldError(translator, ctx, 'record', 'support.recordRequired');
    if (!input.record) return null;
    const found = await readRecordFields(db, bhxhCode, input.record);
    if (!found) throw fieldError(translator, ctx, 'record.id', 'support.recordUnknown');
    return found.managingAgency;
  };

  /**
   * Opens a ticket for the person `bhxhCode` in `trx` (the files stored already), routed to the
   * responsible agency. `via`: signed in (`opened_by` the account) or with an OTP (its challenge).
   */
  const openFor = async (
    trx: Kysely<Database>,
    bhxhCode: string,
    input: TicketOpening,
    stored: StoredFile[],
    opening: { openedBy: string | null; via: 'app' | 'otp'; challenge?: string; language: Language },
    recordAgency: string | null,
  ): Promise<TicketRow> => {
    const person = await findPerson(trx, bhxhCode);
    if (!person) throw notFound();
    const agency = recordAgency ?? (await findPersonAgency(trx, person.province_code));
    if (!agency) throw new AppError(503, 'unavailable', 'unavailable');
    const due = ticketDueDates(input.category, now());
    const ticket = await insertTicket(trx, {
      bhxh_code: person.bhxh_code,
      category: input.category,
      text: input.text,
      record_type: input.record?.type ?? null,
      record_id: input.record?.id ?? null,
      agency_code: agency,
      phone: input.phone ?? null,
      opened_by: opening.openedBy,
      opened_via: opening.via,
      otp_challenge: opening.challenge ?? null,
      language: opening.language,
      first_answer_due: due.firstAnswerDue,
      resolution_due: due.resolutionDue,
    });
    await attach(trx, ticket, stored, 'person', null);
    return ticket;
  };

  const open = async (ctx: CallContext, input: TicketOpening): Promise<Ticket> => {
    const me = signedIn(ctx);
    const person = me.bhxhCode ? await findPerson(db, me.bhxhCode) : undefined;
    if (!person) throw notFound();
    const recordAgency = await checkRecord(ctx, person.bhxh_code, input);
    const stored = await files.store(ctx, input.attachments, 0);
    const ticket = await db
      .transaction()
      .execute((trx) =>
        openFor(
          trx,
          person.bhxh_code,
          input,
          stored,
          { openedBy: me.accountId, via: 'app', language: ctx.language },
          recordAgency,
        ),
      );
    return view(ticket, now());
  };

  /** The SMS of a ticket opened with an OTP (its number; an officer's answer), to the phone on record. */
  const smsToPerson = async (
    trx: Kysely<Database>,
    t: TicketRow,
    key: string,
    template: string,
    text?: string,
  ) => {
    const person = await findPersonContact(trx, t.bhxh_code);
    const phone = person?.phone?.trim();
    if (!phone) return;
    await enqueueMessage(trx, {
      idempotency_key: key,
      channel: 'sms',
      recipient: phone,
      template: `support.${template}`,
      language: t.language,
      payload: {
        text: translator.t(t.language, `messages:support.sms.${template}`, {
          ticket: t.id,
          text: text && text.length > 300 ? `${text.slice(0, 300)}…` : (text ?? ''),
        }),
      },
    });
  };

  /** A file of the ticket `t`, read by `reader` (null: the person, not audited). */
  const fileOf = async (
    ctx: CallContext,
    t: TicketRow,
    attachmentId: string,
    audit: { via: 'guardian' | 'staff'; purpose: string | null } | null,
  ) => {
    const me = signedIn(ctx);
    return readAudited(
      db,
      ctx,
      async () => {
        const row = await findAttachment(db, t, attachmentId);
        if (!row) throw notFound();
        return { row, bytes: await files.bytes(row) };
      },
      ({ row }) =>
        audit && {
          reader: me,
          subject: t.bhxh_code,
          action: 'support.attachment.read',
          purpose: audit.purpose === null ? null : statedPurpose(audit.purpose),
          target: { type: 'ticket_attachment', id: `${t.id}/${row.id}` },
          details: {
            via: audit.via,
            displayName: me.displayName,
            ...(me.agencyCode ? { agencyCode: me.agencyCode } : {}),
          },
        },
    );
  };

  return {
    open,
    openFor,
    checkRecord,
    smsToPerson,
    view: (t: TicketRow) => view(t, now()),
    callback: (ctx: CallContext, input: { phone: string; text?: string | undefined }) =>
      open(ctx, { category: 'callback', text: input.text ?? '', phone: input.phone }),

    async listMine(ctx: CallContext): Promise<Ticket[]> {
      const me = signedIn(ctx);
      return (await listTicketsOfPerson(db, me.bhxhCode ?? '')).map((t) => view(t, now()));
    },

    getMine: async (ctx: CallContext, id: string) => detail(db, await mine(ctx, db, id)),

    /**
     * A file of one's ticket, or of a minor ward's (the guardian's read audited). Anybody else's: 404.
     */
    async readMyFile(ctx: CallContext, id: string, attachmentId: string) {
      const me = signedIn(ctx);
      const t = await findTicket(db, id);
      if (!t || !me.bhxhCode) throw notFound();
      if (t.bhxh_code === me.bhxhCode) return fileOf(ctx, t, attachmentId, null);
      const person = await findPersonContact(db, t.bhxh_code);
      if (
        !person ||
        person.guardian_bhxh_code !== me.bhxhCode ||
        !isMinor(dateOfBirthOf(person), vietnamToday(now()))
      )
        throw notFound();
      return fileOf(ctx, t, attachmentId, { via: 'guardian', purpose: null });
    },

    /**
     * The person's reply, with files: the ticket goes back to the officers (`open`, unread); a
     * closed one is opened again with a new resolution day (its service level starts over).
     */
    async replyMine(ctx: CallContext, id: string, text: string, attachments?: Files) {
      const t0 = await mine(ctx, db, id);
      const stored = await files.store(ctx, attachments, (await listAttachments(db, t0)).length);
      return db.transaction().execute(async (trx) => {
        const t = await mine(ctx, trx, id, true);
        const messageId = await insertTicketMessage(trx, t, 'person', signedIn(ctx).accountId, text);
        await attach(trx, t, stored, 'person', messageId);
        const change = {
          status: 'open' as const,
          closed_at: null,
          unread_by_officers: true,
          ...(t.status === 'closed'
            ? { resolution_due: ticketDueDates(t.category, now()).resolutionDue }
            : {}),
        };
        await updateTicket(trx, t, change);
        return detail(trx, { ...t, ...change });
      });
    },

    setMineStatus: (ctx: CallContext, id: string, status: 'open' | 'closed') =>
      db.transaction().execute(async (trx) => {
        const t = await mine(ctx, trx, id, true);
        const closedAt = status === 'closed' ? (t.closed_at ?? now()) : null;
        const change = {
          status,
          closed_at: closedAt,
          ...(status === 'open' && t.status === 'closed'
            ? { resolution_due: ticketDueDates(t.category, now()).resolutionDue, unread_by_officers: true }
            : {}),
        };
        await updateTicket(trx, t, change);
        return detail(trx, { ...t, ...change });
      }),

    rateMine: (ctx: CallContext, id: string, rating: number) =>
      db.transaction().execute(async (trx) => {
        const t = await mine(ctx, trx, id, true);
        if (t.status !== 'closed') throw new AppError(409, 'ticket_not_closed', 'support.notClosed');
        await updateTicket(trx, t, { rating });
        return detail(trx, { ...t, rating });
      }),

    async queue(ctx: CallContext, status: TicketRow['status'] | undefined) {
      const me = signedIn(ctx);
      const agencies = me.agencyCode ? await findAgencyAndChildren(db, me.agencyCode) : [];
      return (await listQueue(db, agencies, status)).map((t) => ({
        ...view(t, now()),
        unread: t.unread_by_officers && t.status !== 'closed',
      }));
    },

    async unreadCount(ctx: CallContext) {
      const me = signedIn(ctx);
      const agencies = me.agencyCode ? await findAgencyAndChildren(db, me.agencyCode) : [];
      return { count: await countUnread(db, agencies) };
    },

    /**
     * The ticket and the record it names, read through the records' audited access (with the
     * purpose); the ticket is no longer unread for the agency.
     */
    async get(ctx: CallContext, id: string, purpose: string) {
      const t = await ofAgency(ctx, db, id);
      const person = await findPerson(db, t.bhxh_code);
      const record =
        t.record_type && t.record_id
          ? await readRecordForOfficer(
              { db, translator },
              ctx,
              t.bhxh_code,
              { type: t.record_type, id: t.record_id },
              purpose,
            )
          : null;
      if (t.unread_by_officers) await updateTicket(db, t, { unread_by_officers: false });
      return {
        detail: await detail(db, { ...t, unread_by_officers: false }),
        personName: person?.full_name ?? '',
        bhxhCode: t.bhxh_code,
        record,
      };
    },

    /** A file of a ticket of the agency, the read audited with the purpose. */
    async readFile(ctx: CallContext, id: string, attachmentId: string, purpose: string) {
      const t = await ofAgency(ctx, db, id);
      return fileOf(ctx, t, attachmentId, { via: 'staff', purpose });
    },

    /**
     * An answer, with files (the first one stops the first-answer clock). The person gets one
     * inbox message per answer (and a push where allowed); a ticket opened with an OTP, an SMS.
     */
    async answer(ctx: CallContext, id: string, text: string, close: boolean, attachments?: Files) {
      const t0 = await ofAgency(ctx, db, id);
      const stored = await files.store(ctx, attachments, (await listAttachments(db, t0)).length);
      return db.transaction().execute(async (trx) => {
        const me = signedIn(ctx);
        const t = await ofAgency(ctx, trx, id, true);
        const messageId = await insertTicketMessage(trx, t, 'officer', me.accountId, text);
        await attach(trx, t, stored, 'officer', messageId);
        const change = {
          status: close ? ('closed' as const) : ('answered' as const),
          first_answered_at: t.first_answered_at ?? now(),
          closed_at: close ? now() : null,
          unread_by_officers: false,
        };
        await updateTicket(trx, t, change);
        await notify(
          trx,
          { bhxhCode: t.bhxh_code },
          {
            template: 'support.answered',
            params: { ticket: t.id },
            idempotencyKey: `ticket:${t.id}:message:${messageId}`,
          },
        );
        if (t.opened_via === 'otp')
          await smsToPerson(trx, t, `ticket:${t.id}:message:${messageId}:sms`, 'answered', text);
        return detail(trx, { ...t, ...change });
      });
    },

    /**
     * Corrects one field of the record a wrong-data ticket names: the record, the correction (old
     * and new value, kept and shown to the person), the audit entry the person sees under "who
     * viewed / changed my data" (`records.<type>.corrected`) and their notification, in one
     * transaction.
     */
    correct: (
      ctx: CallContext,
      id: string,
      input: { field: CorrectableFieldName; value: string; purpose: string },
    ) =>
      db.transaction().execute(async (trx) => {
        const me = signedIn(ctx);
        const t = await ofAgency(ctx, trx, id, true);
        if (t.category !== 'wrong_data' || !t.record_type || !t.record_id)
          throw new AppError(409, 'not_correctable', 'support.notCorrectable');
        const record = { type: t.record_type, id: t.record_id };
        const found = await readRecordFields(trx, t.bhxh_code, record, true);
        if (!found) throw notFound();
        const checked = await checkCorrection(trx, record.type, found.fields, input.field, input.value);
        if (!checked.ok)
          throw fieldError(
            translator,
            ctx,
            checked.field,
            checked.field === 'field' ? 'support.fieldNotCorrectable' : 'support.badValue',
          );
        const old = found.fields[input.field] ?? '';
        await updateRecordField(trx, t.bhxh_code, record.id, checked.change);
        await insertCorrection(trx, {
          bhxh_code: t.bhxh_code,
          ticket_id: t.id,
          record_type: record.type,
          record_id: record.id,
          field: input.field,
          old_value: old,
          new_value: input.value,
          officer: me.accountId,
        });
        await auditService.record(trx, {
          actor_type: me.role,
          actor_id: me.accountId,
          subject_bhxh_code: t.bhxh_code,
          action: RECORD_AUDIT[record.type].action,
          target_type: RECORD_AUDIT[record.type].target,
          target_id: record.id,
          purpose: statedPurpose(input.purpose),
          ip: ctx.client.ip,
          request_id: ctx.requestId,
          details: { ticket: t.id, field: input.field, old, new: input.value, displayName: me.displayName },
        });
        const change = { status: 'answered' as const, first_answered_at: t.first_answered_at ?? now() };
        await updateTicket(trx, t, change);
        await notify(
          trx,
          { bhxhCode: t.bhxh_code },
          {
            template: 'support.corrected',
            params: { ticket: t.id },
            idempotencyKey: `ticket:${t.id}:correction:${input.field}:${input.value}`,
          },
        );
        return detail(trx, { ...t, ...change });
      }),
  };
}

export type SupportService = ReturnType<typeof createSupportService>;
