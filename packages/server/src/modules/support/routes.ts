import {
  answerTicket,
  correctTicketRecord,
  getMyTicket,
  getTicket,
  listMyTickets,
  listTicketQueue,
  openTicket,
  rateMyTicket,
  replyMyTicket,
  requestCallback,
  setMyTicketStatus,
} from '@vssid/domain/api/support';
import type { FastifyPluginAsync } from 'fastify';
import { route } from '../../http/contract-route';
import { createSupportService } from './service';

/** Support tickets and call-back requests (issue 25): the person's side and the officers' queue. */
export const supportRoutes: FastifyPluginAsync<{ now?: (() => Date) | undefined }> = async (app, { now }) => {
  const support = createSupportService({
    db: app.database.db,
    translator: app.translator,
    ...(now ? { now } : {}),
  });

  route(app, openTicket, async ({ body, ctx, reply }) =>
    reply.status(201).send(await support.open(ctx, body)),
  );
  route(app, requestCallback, async ({ body, ctx, reply }) =>
    reply.status(201).send(await support.callback(ctx, body)),
  );
  route(app, listMyTickets, async ({ ctx }) => ({ items: await support.listMine(ctx) }));
  route(app, getMyTicket, ({ params, ctx }) => support.getMine(ctx, params.id));
  route(app, replyMyTicket, ({ params, body, ctx }) => support.replyMine(ctx, params.id, body.text));
  route(app, setMyTicketStatus, ({ params, body, ctx }) =>
    support.setMineStatus(ctx, params.id, body.status),
  );
  route(app, rateMyTicket, ({ params, body, ctx }) => support.rateMine(ctx, params.id, body.rating));

  route(app, listTicketQueue, async ({ query, ctx }) => ({ items: await support.queue(ctx, query.status) }));
  route(app, getTicket, ({ params, query, ctx }) => support.get(ctx, params.id, query.purpose));
  route(app, answerTicket, ({ params, body, ctx }) => support.answer(ctx, params.id, body.text, body.close));
  route(app, correctTicketRecord, ({ params, body, ctx }) => support.correct(ctx, params.id, body));
};
