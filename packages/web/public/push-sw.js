/* Web Push in the service worker (issue 25), imported by the generated worker (vite.config.ts
 * `workbox.importScripts`). The server sends `{ title, body, image, url, tag, lang }`, already in
 * the person's language and encrypted for this device (RFC 8291); the worker shows it and, when it
 * is tapped, focuses the app (or opens it) at `url` (the inbox). */
self.addEventListener('push', (event) => {
  let data;
  try {
    data = event.data ? event.data.json() : {};
  } catch {
    data = { body: event.data ? event.data.text() : '' };
  }
  const title = typeof data.title === 'string' && data.title ? data.title : 'VssID';
  const options = {
    body: typeof data.body === 'string' ? data.body : '',
    icon: '/pwa-192x192.png',
    badge: '/favicon-64x64.png',
    lang: typeof data.lang === 'string' ? data.lang : 'vi',
    tag: typeof data.tag === 'string' ? data.tag : undefined,
    data: { url: typeof data.url === 'string' && data.url.startsWith('/') ? data.url : '/notifications' },
  };
  if (typeof data.image === 'string' && data.image.startsWith('/')) options.image = data.image;
  event.waitUntil(self.registration.showNotification(title, options));
});

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const url = new URL(event.notification.data?.url ?? '/notifications', self.location.origin).href;
  event.waitUntil(
    self.clients.matchAll({ type: 'window', includeUncontrolled: true }).then((windows) => {
      for (const w of windows) {
        if (new URL(w.url).origin === self.location.origin && 'navigate' in w) {
          return w.navigate(url).then((c) => (c ?? w).focus());
        }
      }
      return self.clients.openWindow(url);
    }),
  );
});
