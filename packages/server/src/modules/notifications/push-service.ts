import type { NotificationPreferences, PushSubscriptionBody } from '@vssid/domain/api/notifications';
import { isLanguage } from '@vssid/domain/i18n';
import type { Kysely } from 'kysely';
import type { KeySealer } from '../../adapters/key-sealer';
import { newVapidKeys, type PushSender, type VapidKeys } from '../../adapters/web-push';
import { type CallContext, signedIn } from '../../context';
import type { Database } from '../../db/schema';
import { AppError } from '../../http/problem';
import type { Translator } from '../../i18n';
import type { OutboxRow } from '../outbox/service';
import { renderNotification } from './inbox-service';
import {
  deleteSubscription,
  deleteSubscriptionByEndpoint,
  findPreferences,
  findPushedNotification,
  findSubscription,
  findVapidKeys,
  insertVapidKeys,
  savePreferences,
  upsertSubscription,
} from './push-repository';

const VAPID_CONTEXT = 'push_vapid_keys:1';

/** Plain http only to this machine (a test's push endpoint listed in PUSH_ENDPOINT_HOSTS). */
const isLoopback = (host: string) => host === '127.0.0.1' || host === 'localhost' || host === '[::1]';
/** A push not delivered within a day is dropped by the push service (the inbox still has it). */
const PUSH_TTL_SECONDS = 86_400;

/**
 * Web Push (issue 25): the VAPID key pair (made once, by the first node that needs it, and kept in
 * the database with its private key sealed like the card's keys), the devices a person allowed,
 * their preferences per category, and the delivery of the outbox's push messages.
 */
export function createPushService(deps: {
  db: Kysely<Database>;
  sealer: KeySealer;
  translator: Translator;
  /** `mailto:` or `https:`: whom push services may contact about our pushes. */
  subject: string;
  /** The push services' hosts (or their parents) an endpoint may be on. */
  endpointHosts: readonly string[];
}) {
  const { db, sealer, translator } = deps;
  let cached: Promise<VapidKeys> | null = null;

  const loadKeys = async (): Promise<VapidKeys> => {
    let row = await findVapidKeys(db);
    if (!row) {
      const made = newVapidKeys();
      await insertVapidKeys(
        db,
        made.publicKey,
        sealer.seal(Buffer.from(made.privateKey, 'utf8'), VAPID_CONTEXT),
      );
      row = await findVapidKeys(db);
      if (!row) throw new Error('VAPID keys not stored');
    }
    return {
      publicKey: row.public_key,
      privateKey: sealer.open(row.private_key, VAPID_CONTEXT).toString('utf8'),
      subject: deps.subject,
    };
  };
  const vapidKeys = () => {
    cached ??= loadKeys().catch((error: unknown) => {
      cached = null;
      throw error;
    });
    return cached;
  };

  return {
    vapidKeys,

    async publicKey(): Promise<string> {
      return (await vapidKeys()).publicKey;
    },

    async subscribe(ctx: CallContext, body: PushSubscriptionBody): Promise<void> {
      const me = signedIn(ctx);
      const url = new URL(body.endpoint);
      const host = url.hostname.toLowerCase();
      const known = deps.endpointHosts.some((h) => host === h || host.endsWith(`.${h}`));
      // Anything else would have the server POST to an address a caller chose (SSRF).
      if (!known || (url.protocol !== 'https:' && !isLoopback(host)))
        throw new AppError(400, 'validation_failed', 'validation', {}, [
          {
            in: 'body',
            field: 'endpoint',
            code: 'push.unknown_service',
            message: translator.t(ctx.language, 'push.unknownService'),
          },
        ]);
      await upsertSubscription(db, {
        accountId: me.accountId,
        endpoint: body.endpoint,
        p256dh: body.keys.p256dh,
        auth: body.keys.auth,
      });
    },

    /** Idempotent: an endpoint the caller does not have is already gone. */
    async unsubscribe(ctx: CallContext, endpoint: string): Promise<void> {
      await deleteSubscriptionByEndpoint(db, signedIn(ctx).accountId, endpoint);
    },

    async preferences(ctx: CallContext): Promise<NotificationPreferences> {
      return findPreferences(db, signedIn(ctx).accountId);
    },

    async setPreferences(ctx: CallContext, prefs: NotificationPreferences): Promise<NotificationPreferences> {
      await savePreferences(db, signedIn(ctx).accountId, prefs);
      return prefs;
    },

    /**
     * Delivers one outbox push message (recipient: the subscription's id; payload: the inbox row)
     * through `sender`, rendered in the account's language. A subscription removed since, an inbox
     * row gone or an article taken down: nothing to send (delivered). A push service's 404/410:
     * the subscription is removed. Anything else throws: the outbox retries later.
     */
    async deliver(sender: PushSender, message: OutboxRow, trx: Kysely<Database>): Promise<void> {
      const payload = message.payload as { accountId?: unknown; notificationId?: unknown };
      if (typeof payload.accountId !== 'string' || typeof payload.notificationId !== 'string') return;
      const subscription = await findSubscription(trx, message.recipient);
      if (!subscription) return;
      const row = await findPushedNotification(trx, payload.accountId, payload.notificationId);
      if (!row || (row.kind === 'news' && row.news_status !== 'published')) return;
      const language = isLanguage(row.language) ? row.language : 'vi';
      const shown = renderNotification(translator, row, language, row.display_name);
      const outcome = await sender.send(
        { endpoint: subscription.endpoint, keys: { p256dh: subscription.p256dh, auth: subscription.auth } },
        JSON.stringify({
          title: shown.title,
          body: shown.body,
          image: shown.imageUrl,
          url: '/notifications',
          tag: `notification-${shown.id}`,
          lang: language,
        }),
        { ttlSeconds: PUSH_TTL_SECONDS },
      );
      if (outcome === 'gone') await deleteSubscription(trx, subscription.id);
    },
  };
}

export type PushService = ReturnType<typeof createPushService>;
