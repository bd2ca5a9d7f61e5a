import {
  answerTicket,
  confirmOtpTicket,
  correctTicketRecord,
  countUnreadTickets,
  getMyTicket,
  getTicket,
  listMyTickets,
  listTicketQueue,
  openTicket,
  rateMyTicket,
  readMyTicketAttachment,
  readTicketAttachment,
  replyMyTicket,
  requestCallback,
  setMyTicketStatus,
  startOtpTicket,
} from '@vssid/domain/api/support';
import { TICKET_ATTACHMENTS } from '@vssid/domain/support';
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import type { FileStorage } from '../../adapters/storage';
import type { CallContext } from '../../context';
import { route } from '../../http/contract-route';
import { sendStoredFile } from '../../http/stored-file';
import type { AuthService } from '../auth/service';
import { type AttachmentRow } from './repository';
import { createTicketFiles } from './attachments';
import { createOtpTickets } from './otp-tickets';
import { createSupportService } from './service';

/** Room for a message's files in base64 (4/3) plus its text. */
const ATTACHMENTS_BODY_LIMIT =
  Math.ceil((TICKET_ATTACHMENTS.perMessage * TICKET_ATTACHMENTS.maxBytes * 4) / 3) + 64 * 1024;

/** A ticket's file, named after the ticket and the file. */
const sendFile = (reply: FastifyReply, file: { row: AttachmentRow; bytes: Buffer }) =>
  sendStoredFile(reply, {
    contentType: file.row.content_type,
    bytes: file.bytes,
    filename: `phan-anh-${file.row.ticket_id}-${file.row.id}`,
  });

/** Support tickets and call-back requests (issue 25): the person's side, without signing in, and the officers' queue. */
export const supportRoutes: FastifyPluginAsync<{
  now?: (() => Date) | undefined;
  storage: FileStorage;
  auth: AuthService;
  proof: (ctx: CallContext, challengeId: string, nonce: string) => Promise<void>;
}> = async (app, { now, storage, auth, proof }) => {
  const files = createTicketFiles({ storage, translator: app.translator });
  const support = createSupportService({
    db: app.database.db,
    translator: app.translator,
    files,
    ...(now ? { now } : {}),
  });
  const otp = createOtpTickets({
    db: app.database.db,
    auth,
    support,
    files,
    translator: app.translator,
    proof,
  });
  const large = { bodyLimit: ATTACHMENTS_BODY_LIMIT };

  route(
    app,
    openTicket,
    async ({ body, ctx, reply }) => reply.status(201).send(await support.open(ctx, body)),
    large,
  );
  route(app, requestCallback, async ({ body, ctx, reply }) =>
    reply.status(201).send(await support.callback(ctx, body)),
  );
  route(app, listMyTickets, async ({ ctx }) => ({ items: await support.listMine(ctx) }));
  route(app, getMyTicket, ({ params, ctx }) => support.getMine(ctx, params.id));
  route(
    app,
    replyMyTicket,
    ({ params, body, ctx }) => support.replyMine(ctx, params.id, body.text, body.attachments),
    large,
  );
  route(app, setMyTicketStatus, ({ params, body, ctx }) =>
    support.setMineStatus(ctx, params.id, body.status),
  );
  route(app, rateMyTicket, ({ params, body, ctx }) => support.rateMine(ctx, params.id, body.rating));
  route(app, readMyTicketAttachment, async ({ params, ctx, reply }) =>
    sendFile(reply, await support.readMyFile(ctx, params.id, params.attachmentId)),
  );

  route(app, startOtpTicket, async ({ body, ctx, reply }) =>
    reply.status(202).send(await otp.start(ctx, body)),
  );
  route(
    app,
    confirmOtpTicket,
    async ({ body, ctx, reply }) => reply.status(201).send(await otp.confirm(ctx, body)),
    large,
  );

  route(app, listTicketQueue, async ({ query, ctx }) => ({ items: await support.queue(ctx, query.status) }));
  route(app, countUnreadTickets, ({ ctx }) => support.unreadCount(ctx));
  route(app, getTicket, ({ params, query, ctx }) => support.get(ctx, params.id, query.purpose));
  route(
    app,
    answerTicket,
    ({ params, body, ctx }) => support.answer(ctx, params.id, body.text, body.close, body.attachments),
    large,
  );
  route(app, readTicketAttachment, async ({ params, query, ctx, reply }) =>
    sendFile(reply, await support.readFile(ctx, params.id, params.attachmentId, query.purpose)),
  );
  route(app, correctTicketRecord, ({ params, body, ctx }) => support.correct(ctx, params.id, body));
};
