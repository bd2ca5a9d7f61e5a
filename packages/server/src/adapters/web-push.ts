import webpush from 'web-push';

/**
 * Web Push (RFC 8030) through the `web-push` library: it signs the VAPID token (RFC 8292) and
 * encrypts the payload for the device (RFC 8291, aes128gcm); the request itself is sent here with
 * `fetch`, with a timeout. A push service's 404 or 410 says the subscription is gone for good.
 */

export interface PushSubscriptionKeys {
  endpoint: string;
  keys: { p256dh: string; auth: string };
}

export interface VapidKeys {
  publicKey: string;
  privateKey: string;
  /** Who the push services may contact: an `https:` URL or a `mailto:` address. */
  subject: string;
}

export type PushOutcome = 'sent' | 'gone';

export interface PushSender {
  send(
    subscription: PushSubscriptionKeys,
    payload: string,
    options: { ttlSeconds: number; topic?: string },
  ): Promise<PushOutcome>;
}

/** A new VAPID key pair (P-256, base64url), for the key store. */
export function newVapidKeys(): { publicKey: string; privateKey: string } {
  return webpush.generateVAPIDKeys();
}

export function webPushSender(
  vapid: () => Promise<VapidKeys>,
  options: { timeoutMs?: number } = {},
): PushSender {
  return {
    async send(subscription, payload, { ttlSeconds, topic }) {
      const keys = await vapid();
      const request = webpush.generateRequestDetails(subscription, payload, {
        vapidDetails: keys,
        TTL: ttlSeconds,
        contentEncoding: 'aes128gcm',
        ...(topic ? { topic } : {}),
      });
      const response = await fetch(request.endpoint, {
        method: request.method,
        headers: request.headers as Record<string, string>,
        body: new Uint8Array(request.body),
        signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
      });
      await response.arrayBuffer().catch(() => undefined);
      if (response.status === 404 || response.status === 410) return 'gone';
      if (!response.ok) throw new Error(`push service answered ${String(response.status)}`);
      return 'sent';
    },
  };
}
