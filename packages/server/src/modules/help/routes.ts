import {
  createHelp,
  listManagedHelp,
  readHelp,
  searchHelp,
  setHelpStatus,
  updateHelp,
} from '@vssid/domain/api/help';
import type { FastifyPluginAsync } from 'fastify';
import { route } from '../../http/contract-route';
import { createHelpService } from './service';

/** The help centre (issue 25): public search and reading; the communications role writes. */
export const helpRoutes: FastifyPluginAsync = async (app) => {
  const help = createHelpService({ db: app.database.db });

  route(app, searchHelp, async ({ query, ctx }) => ({ items: await help.search(ctx, query) }));
  route(app, readHelp, ({ params, ctx }) => help.read(ctx, params.id));
  route(app, listManagedHelp, async ({ ctx }) => ({ items: await help.list(ctx) }));
  route(app, createHelp, async ({ body, ctx, reply }) =>
    reply.status(201).send(await help.create(ctx, body)),
  );
  route(app, updateHelp, ({ params, body, ctx }) => help.update(ctx, params.id, body));
  route(app, setHelpStatus, ({ params, body, ctx }) => help.setStatus(ctx, params.id, body.status));
};
