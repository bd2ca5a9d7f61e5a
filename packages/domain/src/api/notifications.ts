import * as z from 'zod/mini';
import { defineContract, NoContent, problems } from './contract';

/**
 * Notifications (issue 25): a person's inbox (policy news, system messages, greetings) with its
 * unread count, and the policy news the communications role writes (drafts, publish, unpublish,
 * versions) with the progress of its national fan-out.
 */

const TAGS = ['notifications'];
const d = z.describe;

export const NotificationKindSchema = z.enum(['news', 'system', 'greeting']);
export type NotificationKind = z.infer<typeof NotificationKindSchema>;

export const NotificationSchema = z
  .object({
    id: z.string(),
    kind: NotificationKindSchema,
    title: z.string(),
    body: z.string(),
    imageUrl: z.nullable(z.string()),
    createdAt: z.string(),
    read: z.boolean(),
  })
  .check(z.meta({ id: 'Notification' }));
export type Notification = z.infer<typeof NotificationSchema>;

export const InboxPageSchema = z.object({
  items: z.array(NotificationSchema),
  nextCursor: z.nullable(z.string()).check(d('Pass as `cursor` for the next (older) page')),
  unread: z.int(),
});
export type InboxPage = z.infer<typeof InboxPageSchema>;

const Id = z.string().check(z.regex(/^[1-9]\d{0,17}$/));

export const listMyNotifications = defineContract({
  method: 'GET',
  path: '/api/v1/me/notifications',
  access: { roles: ['citizen'] },
  scope: 'self',
  tags: TAGS,
  summary: "The caller's inbox, newest first, in pages (keyset), with the unread count",
  description: 'Only the caller’s own messages; texts in the language of the request.',
  query: z.object({
    cursor: z.optional(z.string().check(z.regex(/^\d{13}\.\d{1,18}$/))),
    limit: z._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(50)), 20),
  }),
  responses: { 200: InboxPageSchema, ...problems(400, 401, 403, 429) },
});

export const countMyUnread = defineContract({
  method: 'GET',
  path: '/api/v1/me/notifications/unread',
  access: { roles: ['citizen'] },
  scope: 'self',
  tags: TAGS,
  summary: 'The number of unread messages (the badge on the home page and the tab bar)',
  responses: { 200: z.object({ unread: z.int() }), ...problems(401, 403, 429) },
});

export const markNotificationRead = defineContract({
  method: 'POST',
  path: '/api/v1/me/notifications/:id/read',
  access: { roles: ['citizen'] },
  scope: 'self',
  tags: TAGS,
  summary: 'Mark one message read (idempotent); another person’s message answers 404',
  params: z.object({ id: Id }),
  responses: { 204: NoContent, ...problems(400, 401, 403, 404, 429) },
});

export const markAllNotificationsRead = defineContract({
  method: 'POST',
  path: '/api/v1/me/notifications/read-all',
  access: { roles: ['citizen'] },
  scope: 'self',
  tags: TAGS,
  summary: 'Mark every message of the caller read',
  responses: { 204: NoContent, ...problems(401, 403, 429) },
});

// ------------------------------------------------------------------ policy news

export const OBJECT_GROUPS = ['retirees', 'students', 'voluntary', 'household', 'employees'] as const;
export const ObjectGroupSchema = z.enum(OBJECT_GROUPS);
export type ObjectGroup = z.infer<typeof ObjectGroupSchema>;

const Age = z.int().check(z.minimum(0), z.maximum(130));
export const AudienceSchema = z
  .object({
    provinces: z.array(z.string().check(z.regex(/^\d{2}$/))).check(z.maxLength(34)),
    groups: z.array(ObjectGroupSchema).check(z.maxLength(OBJECT_GROUPS.length)),
    ageFrom: z.nullable(Age),
    ageTo: z.nullable(Age),
  })
  .check(
    z.meta({ id: 'NewsAudience' }),
    d(
      'Who gets the article: every list empty and both ages null is everyone. Provinces (2025 codes), object groups (any of them), age in whole years on the day of the fan-out.',
    ),
    z.refine((a) => a.ageFrom === null || a.ageTo === null || a.ageFrom <= a.ageTo, {
      path: ['ageTo'],
      message: 'age_range',
    }),
  );
export type Audience = z.infer<typeof AudienceSchema>;

const Text = (max: number) => z.string().check(z.trim(), z.minLength(1), z.maxLength(max));
export const NewsTextSchema = z.object({ title: Text(200), body: Text(10_000) });
export const NewsContentSchema = z
  .object({
    vi: NewsTextSchema,
    en: z.optional(NewsTextSchema),
    zh: z.optional(NewsTextSchema),
    ja: z.optional(NewsTextSchema),
    ko: z.optional(NewsTextSchema),
  })
  .check(d('The article in Vietnamese (required) and the other languages; a missing one shows Vietnamese.'));
export type NewsContent = z.infer<typeof NewsContentSchema>;

export const NEWS_STATUSES = ['draft', 'published', 'unpublished'] as const;
export const NewsStatusSchema = z.enum(NEWS_STATUSES);

export const FanOutSchema = z.object({
  status: z.enum(['running', 'done', 'cancelled']),
  scanned: z.int(),
  sent: z.int(),
  total: z.int().check(d('Accounts to look at (an upper bound of `sent`)')),
});
export type FanOut = z.infer<typeof FanOutSchema>;

export const NewsSchema = z
  .object({
    id: z.string(),
    status: NewsStatusSchema,
    version: z.int(),
    content: NewsContentSchema,
    audience: AudienceSchema,
    updatedAt: z.string(),
    publishedAt: z.nullable(z.string()),
    fanOut: z.nullable(FanOutSchema),
  })
  .check(z.meta({ id: 'News' }));
export type News = z.infer<typeof NewsSchema>;

export const NewsVersionSchema = z.object({
  version: z.int(),
  status: NewsStatusSchema,
  content: NewsContentSchema,
  audience: AudienceSchema,
  savedBy: z.string(),
  savedAt: z.string(),
});

const COMMS = { roles: ['communications'] } as const;
const NewsParams = z.object({ id: Id });
export const NewsDraftSchema = z.object({ content: NewsContentSchema, audience: AudienceSchema });
export type NewsDraft = z.input<typeof NewsDraftSchema>;

export const listNews = defineContract({
  method: 'GET',
  path: '/api/v1/news',
  access: COMMS,
  scope: 'any',
  tags: TAGS,
  summary: 'Policy news, newest first, with the progress of each fan-out',
  responses: { 200: z.object({ items: z.array(NewsSchema) }), ...problems(401, 403, 429) },
});

export const getNews = defineContract({
  method: 'GET',
  path: '/api/v1/news/:id',
  access: COMMS,
  scope: 'any',
  tags: TAGS,
  summary: 'One article with its versions and the progress of its fan-out',
  params: NewsParams,
  responses: {
    200: z.object({ news: NewsSchema, versions: z.array(NewsVersionSchema) }),
    ...problems(400, 401, 403, 404, 429),
  },
});

export const createNews = defineContract({
  method: 'POST',
  path: '/api/v1/news',
  access: COMMS,
  scope: 'any',
  tags: TAGS,
  summary: 'Write a draft (version 1)',
  body: NewsDraftSchema,
  responses: { 201: NewsSchema, ...problems(400, 401, 403, 429) },
});

export const updateNews = defineContract({
  method: 'PUT',
  path: '/api/v1/news/:id',
  access: COMMS,
  scope: 'any',
  tags: TAGS,
  summary: 'Save a new version of a draft or unpublished article (a published one is unpublished first: 409)',
  params: NewsParams,
  body: NewsDraftSchema,
  responses: { 200: NewsSchema, ...problems(400, 401, 403, 404, 409, 429) },
});

export const publishNews = defineContract({
  method: 'POST',
  path: '/api/v1/news/:id/publish',
  access: COMMS,
  scope: 'any',
  tags: TAGS,
  summary:
    'Publish: starts the fan-out to the audience (once per article; publishing again after an unpublish shows it again in the inboxes it reached)',
  params: NewsParams,
  responses: { 200: NewsSchema, ...problems(400, 401, 403, 404, 429) },
});

export const unpublishNews = defineContract({
  method: 'POST',
  path: '/api/v1/news/:id/unpublish',
  access: COMMS,
  scope: 'any',
  tags: TAGS,
  summary: 'Unpublish: the article leaves every inbox and a running fan-out stops',
  params: NewsParams,
  responses: { 200: NewsSchema, ...problems(400, 401, 403, 404, 429) },
});

// ------------------------------------------------------------------ Web Push

export const getPushKey = defineContract({
  method: 'GET',
  path: '/api/v1/push/key',
  access: 'public',
  scope: 'none',
  tags: TAGS,
  summary: "The server's VAPID public key (base64url), for `pushManager.subscribe`",
  responses: { 200: z.object({ publicKey: z.string() }), ...problems(429) },
});

const Base64Url = (min: number, max: number) =>
  z.string().check(z.regex(/^[A-Za-z0-9_-]+={0,2}$/), z.minLength(min), z.maxLength(max));
export const PushSubscriptionBodySchema = z.object({
  endpoint: z.url().check(z.maxLength(1000), d('The push service URL of the device (https)')),
  keys: z.object({ p256dh: Base64Url(80, 100), auth: Base64Url(16, 32) }),
});
export type PushSubscriptionBody = z.infer<typeof PushSubscriptionBodySchema>;

export const subscribePush = defineContract({
  method: 'POST',
  path: '/api/v1/me/push-subscriptions',
  access: { roles: ['citizen'] },
  scope: 'self',
  tags: TAGS,
  summary: 'Allow pushes to this device (the browser’s PushSubscription); again: its keys are updated',
  description:
    'The endpoint must be on a known push service (configuration `PUSH_ENDPOINT_HOSTS`), else 400 naming `endpoint`.',
  body: PushSubscriptionBodySchema,
  responses: { 204: NoContent, ...problems(400, 401, 403, 429) },
});

export const unsubscribePush = defineContract({
  method: 'POST',
  path: '/api/v1/me/push-subscriptions/remove',
  access: { roles: ['citizen'] },
  scope: 'self',
  tags: TAGS,
  summary: 'Stop pushes to a device of the caller (idempotent)',
  body: z.object({ endpoint: z.url().check(z.maxLength(1000)) }),
  responses: { 204: NoContent, ...problems(400, 401, 403, 429) },
});

export const NotificationPreferencesSchema = z
  .object({ news: z.boolean(), system: z.boolean(), greeting: z.boolean() })
  .check(
    z.meta({ id: 'NotificationPreferences' }),
    d('What is pushed to the devices; the inbox keeps everything'),
  );
export type NotificationPreferences = z.infer<typeof NotificationPreferencesSchema>;

export const getNotificationPreferences = defineContract({
  method: 'GET',
  path: '/api/v1/me/notification-preferences',
  access: { roles: ['citizen'] },
  scope: 'self',
  tags: TAGS,
  summary: 'The categories pushed to the caller’s devices',
  responses: { 200: NotificationPreferencesSchema, ...problems(401, 403, 429) },
});

export const setNotificationPreferences = defineContract({
  method: 'PUT',
  path: '/api/v1/me/notification-preferences',
  access: { roles: ['citizen'] },
  scope: 'self',
  tags: TAGS,
  summary: 'Choose the categories pushed to the caller’s devices',
  body: NotificationPreferencesSchema,
  responses: { 200: NotificationPreferencesSchema, ...problems(400, 401, 403, 429) },
});
