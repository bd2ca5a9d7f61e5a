export { isServerPath, SERVER_PATHS } from '@vssid/domain/server-paths';

/** `/api` and everything below it, but not `/apiary`. */
export function serverPathPattern(prefix: string): RegExp {
  return new RegExp(`^${prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?:/|$)`);
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
