import type { Ticket, TicketDetail } from '@vssid/domain/api/support';
import { slaColour, ticketDueDates, type TicketCategory } from '@vssid/domain/support';
import type { Kysely } from 'kysely';
import { type CallContext, signedIn } from '../../context';
import type { Database } from '../../db/schema';
import { AppError } from '../../http/problem';
import type { Translator } from '../../i18n';
import { auditService, statedPurpose } from '../audit/service';
import { notify } from '../notifications/inbox-service';
import { readRecords } from '../records/data-access';
import {
  findAgencyAndChildren,
  findPeriod,
  findPerson,
  findPersonAgency,
  findTicket,
  insertCorrection,
  insertTicket,
  insertTicketMessage,
  listCorrections,
  listQueue,
  listTicketMessages,
  listTicketsOfPerson,
  type TicketRow,
  updatePeriodField,
  updateTicket,
} from './repository';

/**
 * Support tickets (issue 25). Who reaches what: a citizen their own tickets (another person's: 404);
 * an officer or agency admin the tickets routed to their agency or its local offices (others:
 * 404). Routing: a wrong-data ticket about an employer-reported participation period goes to the
 * employer's managing agency; every other ticket to the person's provincial office (ASSUMPTION:
 * the office of the province of their 2025 address; the national office when there is none).
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

const month = (date: string) => date.slice(0, 7);

export function createSupportService(deps: {
  db: Kysely<Database>;
  translator: Translator;
  now?: () => Date;
}) {
  const { db, translator } = deps;
  const now = () => deps.now?.() ?? new Date();

  const detail = async (trx: Kysely<Database>, t: TicketRow): Promise<TicketDetail> => {
    const [messages, corrections] = await Promise.all([listTicketMessages(trx, t), listCorrections(trx, t)]);
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

  const open = async (
    ctx: CallContext,
    input: { category: TicketCategory; text: string; record?: { type: string; id: string }; phone?: string },
  ): Promise<Ticket> => {
    const me = signedIn(ctx);
    const person = me.bhxhCode ? await findPerson(db, me.bhxhCode) : undefined;
    if (!person) throw notFound();
    if (input.category === 'wrong_data' && !input.record)
      throw fieldError(translator, ctx, 'record', 'support.recordRequired');
    let agency: string | null = null;
    if (input.record?.type === 'participation') {
      const period = /^\d{1,18}$/.test(input.record.id)
        ? await findPeriod(db, person.bhxh_code, input.record.id)
        : undefined;
      if (!period) throw fieldError(translator, ctx, 'record.id', 'support.recordUnknown');
      agency = period.managing_agency;
    }
    agency ??= await findPersonAgency(db, person.province_code);
    if (!agency) throw new AppError(503, 'unavailable', 'unavailable');
    const due = ticketDueDates(input.category, now());
    const ticket = await insertTicket(db, {
      bhxh_code: person.bhxh_code,
      category: input.category,
      text: input.text,
      record_type: (input.record?.type as TicketRow['record_type'] | undefined) ?? null,
      record_id: input.record?.id ?? null,
      agency_code: agency,
      phone: input.phone ?? null,
      opened_by: me.accountId,
      first_answer_due: due.firstAnswerDue,
      resolution_due: due.resolutionDue,
    });
    return view(ticket, now());
  };

  return {
    open,
    callback: (ctx: CallContext, input: { phone: string; text?: string | undefined }) =>
      open(ctx, { category: 'callback', text: input.text ?? '', phone: input.phone }),

    async listMine(ctx: CallContext): Promise<Ticket[]> {
      const me = signedIn(ctx);
      return (await listTicketsOfPerson(db, me.bhxhCode ?? '')).map((t) => view(t, now()));
    },

    getMine: async (ctx: CallContext, id: string) => detail(db, await mine(ctx, db, id)),

    /** The person's reply; a closed ticket is opened again by it. */
    replyMine: (ctx: CallContext, id: string, text: string) =>
      db.transaction().execute(async (trx) => {
        const t = await mine(ctx, trx, id, true);
        await insertTicketMessage(trx, t, 'person', signedIn(ctx).accountId, text);
        if (t.status !== 'open') await updateTicket(trx, t, { status: 'open', closed_at: null });
        return detail(trx, { ...t, status: 'open', closed_at: null });
      }),

    setMineStatus: (ctx: CallContext, id: string, status: 'open' | 'closed') =>
      db.transaction().execute(async (trx) => {
        const t = await mine(ctx, trx, id, true);
        const closedAt = status === 'closed' ? (t.closed_at ?? now()) : null;
        await updateTicket(trx, t, { status, closed_at: closedAt });
        return detail(trx, { ...t, status, closed_at: closedAt });
      }),

    rateMine: (ctx: CallContext, id: string, rating: number) =>
      db.transaction().execute(async (trx) => {
        const t = await mine(ctx, trx, id, true);
        if (t.status !== 'closed') throw new AppError(409, 'ticket_not_closed', 'support.notClosed');
        await updateTicket(trx, t, { rating });
        return detail(trx, { ...t, rating });
      }),

    async queue(ctx: CallContext, status: TicketRow['status'] | undefined): Promise<Ticket[]> {
      const me = signedIn(ctx);
      const agencies = me.agencyCode ? await findAgencyAndChildren(db, me.agencyCode) : [];
      return (await listQueue(db, agencies, status)).map((t) => view(t, now()));
    },

    /** The ticket and the record it names, read through the records' audited access (with the purpose). */
    async get(ctx: CallContext, id: string, purpose: string) {
      const t = await ofAgency(ctx, db, id);
      const person = await findPerson(db, t.bhxh_code);
      const record =
        t.record_type === 'participation' && t.record_id
          ? await readRecords(
              { db, translator },
              ctx,
              { target: t.bhxh_code, purpose },
              'participation',
              () => findPeriod(db, t.bhxh_code, t.record_id ?? ''),
              () => ({ type: 'participation_period', id: t.record_id ?? '' }),
            )
          : undefined;
      return {
        detail: await detail(db, t),
        personName: person?.full_name ?? '',
        bhxhCode: t.bhxh_code,
        record: record
          ? {
              id: record.id,
              scheme: record.scheme,
              fromMonth: month(record.from_month),
              toMonth: month(record.to_month),
              salary: Number(record.salary),
              unitCode: record.unit_code,
              status: record.status,
            }
          : null,
      };
    },

    /** An answer (the first one stops the first-answer clock); the person is notified. */
    answer: (ctx: CallContext, id: string, text: string, close: boolean) =>
      db.transaction().execute(async (trx) => {
        const me = signedIn(ctx);
        const t = await ofAgency(ctx, trx, id, true);
        await insertTicketMessage(trx, t, 'officer', me.accountId, text);
        const change = {
          status: close ? ('closed' as const) : ('answered' as const),
          first_answered_at: t.first_answered_at ?? now(),
          closed_at: close ? now() : null,
        };
        await updateTicket(trx, t, change);
        const count = (await listTicketMessages(trx, t)).length;
        await notify(
          trx,
          { bhxhCode: t.bhxh_code },
          {
            template: 'support.answered',
            params: { ticket: t.id },
            idempotencyKey: `ticket:${t.id}:message:${String(count)}`,
          },
        );
        return detail(trx, { ...t, ...change });
      }),

    /**
     * Corrects the participation period of a wrong-data ticket: the period, the correction (old
     * and new value, kept and shown to the person), a message on the ticket, the audit entry the
     * person sees under "who viewed / changed my data" and their notification, in one transaction.
     */
    correct: (
      ctx: CallContext,
      id: string,
      input: { field: 'fromMonth' | 'toMonth' | 'salary'; value: string; purpose: string },
    ) =>
      db.transaction().execute(async (trx) => {
        const me = signedIn(ctx);
        const t = await ofAgency(ctx, trx, id, true);
        if (t.category !== 'wrong_data' || t.record_type !== 'participation' || !t.record_id)
          throw new AppError(409, 'not_correctable', 'support.notCorrectable');
        const period = await findPeriod(trx, t.bhxh_code, t.record_id, true);
        if (!period) throw notFound();
        const old =
          input.field === 'salary'
            ? period.salary
            : month(input.field === 'fromMonth' ? period.from_month : period.to_month);
        let value: string | number;
        if (input.field === 'salary') {
          if (!/^\d{1,12}$/.test(input.value)) throw fieldError(translator, ctx, 'value', 'support.badValue');
          value = Number(input.value);
        } else {
          if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(input.value))
            throw fieldError(translator, ctx, 'value', 'support.badValue');
          const from = input.field === 'fromMonth' ? input.value : month(period.from_month);
          const to = input.field === 'toMonth' ? input.value : month(period.to_month);
          if (from > to) throw fieldError(translator, ctx, 'value', 'support.badValue');
          value = `${input.value}-01`;
        }
        await updatePeriodField(trx, t.bhxh_code, t.record_id, input.field, value);
        await insertCorrection(trx, {
          bhxh_code: t.bhxh_code,
          ticket_id: t.id,
          record_type: 'participation',
          record_id: t.record_id,
          field: input.field,
          old_value: old,
          new_value: input.value,
          officer: me.accountId,
        });
        await auditService.record(trx, {
          actor_type: me.role,
          actor_id: me.accountId,
          subject_bhxh_code: t.bhxh_code,
          action: 'records.participation.corrected',
          target_type: 'participation_period',
          target_id: t.record_id,
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
