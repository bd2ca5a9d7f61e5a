/**
 * Paths the Fastify server answers itself, never the app shell: the dev server proxies them, and
 * the service worker neither serves index.html for them nor caches them.
 */
export const SERVER_PATHS = ['/api', '/fhir', '/healthz', '/readyz', '/.well-known', '/dev'] as const;

/** `/api` and everything below it, but not `/apiary`. */
export function serverPathPattern(prefix: string): RegExp {
  return new RegExp(`^${prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?:/|$)`);
}

export function isServerPath(pathname: string): boolean {
  return SERVER_PATHS.some((prefix) => serverPathPattern(prefix).test(pathname));
}

/**
 * Workbox route: a page load of a server path (API docs, health checks…). Workbox copies this
 * function's source into sw.js, so it may use nothing from outside its body; the test checks that
 * it agrees with SERVER_PATHS.
 */
export function isServerNavigation({ request, url }: { request: Request; url: URL }): boolean {
  return (
    request.mode === 'navigate' &&
    /^\/(?:api|fhir|healthz|readyz|\.well-known|dev)(?:\/|$)/.test(url.pathname)
  );
}
