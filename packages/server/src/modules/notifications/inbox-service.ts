import type { InboxPage, Notification } from '@vssid/domain/api/notifications';
import type { Language } from '@vssid/domain/i18n';
import type { Kysely } from 'kysely';
import { type CallContext, signedIn } from '../../context';
import type { Database } from '../../db/schema';
import { AppError, invalidCursor } from '../../http/problem';
import type { Translator } from '../../i18n';
import {
  countUnread,
  findAccountOfPerson,
  findInboxPage,
  insertNotification,
  markAllRead,
  markRead,
  type NotificationRow,
} from './repository';
import { enqueuePushes } from './push-repository';

/** Who a system message is for: an account, or a person (their citizen account, if they have one). @public */
export type Recipient = { accountId: string } | { bhxhCode: string };

/**
 * A system message: a `messages` catalog entry (`<template>.title`, `<template>.body`) and its
 * parameters. @public
 */
export interface SystemMessage {
  template: string;
  params?: Record<string, string | number>;
  /** One message per recipient and cause: `request:R-123:approved`. */
  idempotencyKey: string;
}

/**
 * THE entry point other modules call to put a system message in a person's inbox (request status,
 * card issued, payment due): with the transaction of the change that causes it, so both commit or
 * neither does. Idempotent by key. False when the person has no account (nobody to notify) or the
 * key was seen before. The person's devices get a push, through the outbox, if they allow system
 * messages.
 */
export async function notify(
  trx: Kysely<Database>,
  recipient: Recipient,
  message: SystemMessage,
): Promise<boolean> {
  const accountId =
    'accountId' in recipient ? recipient.accountId : await findAccountOfPerson(trx, recipient.bhxhCode);
  if (!accountId) return false;
  const id = await insertNotification(trx, {
    account_id: accountId,
    kind: 'system',
    template: message.template,
    params: message.params ?? {},
    idempotency_key: message.idempotencyKey,
  });
  if (id === null) return false;
  await enqueuePushes(trx, [{ accountId, notificationId: id }], 'system', message.idempotencyKey);
  return true;
}

/** The keyset of an inbox page: `<created_at ms>.<id>` of the last message shown. */
function encodeCursor(row: NotificationRow): string {
  return `${String(row.created_at.getTime()).padStart(13, '0')}.${row.id}`;
}

function decodeCursor(cursor: string): { at: Date; id: string } | null {
  const [ms, id] = cursor.split('.');
  const at = new Date(Number(ms));
  return id && !Number.isNaN(at.getTime()) ? { at, id } : null;
}

/**
 * A message in the reader's language. News: the article's text in that language, Vietnamese when
 * it was not written in it. Greetings and system messages: their template, with the reader's
 * name (greetings are written once per occasion for millions, so the name is not copied into
 * every row). ASSUMPTION: "the person's chosen language" is, in the inbox, the language the app
 * is used in (the request's, which the person chooses in the app) and, in a push, the account's
 * language (`accounts.language`).
 */
export function renderNotification(
  translator: Translator,
  row: Pick<
    NotificationRow,
    'id' | 'kind' | 'template' | 'params' | 'news_content' | 'created_at' | 'read_at'
  >,
  language: Language,
  name: string,
): Notification {
  let title = '';
  let body = '';
  let imageUrl: string | null = null;
  if (row.kind === 'news') {
    const text = row.news_content?.[language] ?? row.news_content?.vi;
    title = text?.title ?? '';
    body = text?.body ?? '';
  } else if (row.template) {
    const params = { name, ...row.params };
    title = translator.t(language, `messages:${row.template}.title`, params);
    body = translator.t(language, `messages:${row.template}.body`, params);
    if (row.kind === 'greeting') imageUrl = `/greetings/${row.template.split('.').pop() ?? 'birthday'}.svg`;
  }
  return {
    id: row.id,
    kind: row.kind,
    title,
    body,
    imageUrl,
    createdAt: row.created_at.toISOString(),
    read: row.read_at !== null,
  };
}

export function createInboxService(deps: { db: Kysely<Database>; translator: Translator }) {
  const { db, translator } = deps;

  return {
    async list(ctx: CallContext, query: { cursor?: string | undefined; limit: number }): Promise<InboxPage> {
      const me = signedIn(ctx);
      const before = query.cursor ? decodeCursor(query.cursor) : null;
      if (query.cursor && !before) throw invalidCursor(translator.t(ctx.language, 'records.badCursor'));
      const rows = await findInboxPage(db, me.accountId, { before, limit: query.limit + 1 });
      const page = rows.slice(0, query.limit);
      const last = page.at(-1);
      return {
        items: page.map((r) => renderNotification(translator, r, ctx.language, me.displayName)),
        nextCursor: rows.length > query.limit && last ? encodeCursor(last) : null,
        unread: await countUnread(db, me.accountId),
      };
    },

    async unread(ctx: CallContext): Promise<number> {
      return countUnread(db, signedIn(ctx).accountId);
    },

    async markRead(ctx: CallContext, id: string): Promise<void> {
      if (!(await markRead(db, signedIn(ctx).accountId, id)))
        throw new AppError(404, 'not_found', 'notFound');
    },

    async markAllRead(ctx: CallContext): Promise<void> {
      await markAllRead(db, signedIn(ctx).accountId);
    },
  };
}
