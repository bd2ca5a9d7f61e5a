import {
  countMyUnread,
  createNews,
  getNotificationPreferences,
  getPushKey,
  setNotificationPreferences,
  subscribePush,
  unsubscribePush,
  getNews,
  listMyNotifications,
  listNews,
  markAllNotificationsRead,
  markNotificationRead,
  publishNews,
  unpublishNews,
  updateNews,
} from '@vssid/domain/api/notifications';
import type { FastifyPluginAsync } from 'fastify';
import { route } from '../../http/contract-route';
import { createInboxService } from './inbox-service';
import { createNewsService } from './news-service';

/** The inbox (`/api/v1/me/notifications`), Web Push and policy news (`/api/v1/news`), issue 25. */
export const notificationRoutes: FastifyPluginAsync = async (app) => {
  const inbox = createInboxService({ db: app.database.db, translator: app.translator });
  const news = createNewsService({ db: app.database.db });

  route(app, listMyNotifications, ({ query, ctx }) => inbox.list(ctx, query));
  route(app, countMyUnread, async ({ ctx }) => ({ unread: await inbox.unread(ctx) }));
  route(app, markNotificationRead, async ({ params, ctx, reply }) => {
    await inbox.markRead(ctx, params.id);
    return reply.status(204).send(null);
  });
  route(app, markAllNotificationsRead, async ({ ctx, reply }) => {
    await inbox.markAllRead(ctx);
    return reply.status(204).send(null);
  });

  route(app, getPushKey, async () => ({ publicKey: await app.push.publicKey() }));
  route(app, subscribePush, async ({ body, ctx, reply }) => {
    await app.push.subscribe(ctx, body);
    return reply.status(204).send(null);
  });
  route(app, unsubscribePush, async ({ body, ctx, reply }) => {
    await app.push.unsubscribe(ctx, body.endpoint);
    return reply.status(204).send(null);
  });
  route(app, getNotificationPreferences, ({ ctx }) => app.push.preferences(ctx));
  route(app, setNotificationPreferences, ({ body, ctx }) => app.push.setPreferences(ctx, body));

  route(app, listNews, async ({ ctx }) => ({ items: await news.list(ctx) }));
  route(app, getNews, ({ params, ctx }) => news.get(ctx, params.id));
  route(app, createNews, async ({ body, ctx, reply }) =>
    reply.status(201).send(await news.create(ctx, body)),
  );
  route(app, updateNews, ({ params, body, ctx }) => news.update(ctx, params.id, body));
  route(app, publishNews, ({ params, ctx }) => news.publish(ctx, params.id));
  route(app, unpublishNews, ({ params, ctx }) => news.unpublish(ctx, params.id));
};
