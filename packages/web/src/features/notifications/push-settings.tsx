import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Card, Notice } from '../../design';
import { messageOf } from '../auth';
import {
  fetchPreferences,
  fetchPushKey,
  type NotificationPreferences,
  removePushDevice,
  savePreferences,
  savePushDevice,
} from './api/inbox';

const CATEGORIES = ['news', 'system', 'greeting'] as const;

/** The VAPID key as `pushManager.subscribe` takes it. */
function keyBytes(base64url: string): Uint8Array<ArrayBuffer> {
  const text = atob(base64url.replace(/-/g, '+').replace(/_/g, '/'));
  const bytes = new Uint8Array(new ArrayBuffer(text.length));
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

const pushSupported = () =>
  typeof window !== 'undefined' &&
  'serviceWorker' in navigator &&
  'PushManager' in window &&
  'Notification' in window;

/**
 * Pushes to this device (issue 25): turn them on (the browser asks the person) or off, and the
 * categories pushed to every device of the person; the inbox keeps every message either way.
 */
export function PushSettings() {
  const { t } = useTranslation('support');
  const { t: tw } = useTranslation();
  const [prefs, setPrefs] = useState<NotificationPreferences | null>(null);
  const [registration, setRegistration] = useState<ServiceWorkerRegistration | null>(null);
  const [subscribed, setSubscribed] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [denied, setDenied] = useState(false);

  useEffect(() => {
    const controller = new AbortController();
    fetchPreferences({ signal: controller.signal }).then(setPrefs, (e: unknown) => {
      if (!controller.signal.aborted) setError(e);
    });
    if (pushSupported())
      void navigator.serviceWorker.ready.then(async (r) => {
        setRegistration(r);
        setSubscribed((await r.pushManager.getSubscription()) !== null);
      });
    return () => {
      controller.abort();
    };
  }, []);

  const enable = async () => {
    if (!registration) return;
    if ((await Notification.requestPermission()) !== 'granted') {
      setDenied(true);
      return;
    }
    const { publicKey } = await fetchPushKey({});
    const subscription = await registration.pushManager.subscribe({
      userVisibleOnly: true,
      applicationServerKey: keyBytes(publicKey),
    });
    const json = subscription.toJSON();
    await savePushDevice({
      body: {
        endpoint: subscription.endpoint,
        keys: { p256dh: json.keys?.p256dh ?? '', auth: json.keys?.auth ?? '' },
      },
    });
    setSubscribed(true);
  };

  const disable = async () => {
    const subscription = await registration?.pushManager.getSubscription();
    if (subscription) {
      await removePushDevice({ body: { endpoint: subscription.endpoint } });
      await subscription.unsubscribe();
    }
    setSubscribed(false);
  };

  const run = (action: () => Promise<void>) => {
    setError(null);
    action().catch((e: unknown) => {
      setError(e);
    });
  };

  return (
    <Card title={t('notifications.push.title')}>
      <p>{t('notifications.push.lead')}</p>
      {error ? <Notice tone="warn">{messageOf(tw, error)}</Notice> : null}
      {denied ? <Notice tone="warn">{t('notifications.push.denied')}</Notice> : null}
      {!pushSupported() ? <p>{t('notifications.push.unsupported')}</p> : null}
      {registration ? (
        subscribed ? (
          <Button
            variant="secondary"
            onClick={() => {
              run(disable);
            }}
          >
            {t('notifications.push.disable')}
          </Button>
        ) : (
          <Button
            onClick={() => {
              run(enable);
            }}
          >
            {t('notifications.push.enable')}
          </Button>
        )
      ) : null}
      {prefs ? (
        <fieldset className="push-categories">
          <legend>{t('notifications.push.categories')}</legend>
          {CATEGORIES.map((c) => (
            <label key={c} className="news__group">
              <input
                type="checkbox"
                data-testid={`push-category-${c}`}
                checked={prefs[c]}
                onChange={(e) => {
                  const next = { ...prefs, [c]: e.target.checked };
                  setPrefs(next);
                  run(async () => {
                    setPrefs(await savePreferences({ body: next }));
                  });
                }}
              />{' '}
              {t(`notifications.kinds.${c}`)}
            </label>
          ))}
        </fieldset>
      ) : null}
    </Card>
  );
}
