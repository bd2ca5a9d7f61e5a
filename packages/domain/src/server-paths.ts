/**
 * Paths the Fastify server answers itself, never the app shell: the server's fallback to
 * index.html skips them, the dev server proxies them, and the service worker neither serves
 * index.html for them nor caches them.
 */
export const SERVER_PATHS = ['/api', '/fhir', '/healthz', '/readyz', '/.well-known', '/dev'] as const;

/** `/api` and everything below it, but not `/apiary`. */
export function isServerPath(pathname: string): boolean {
  return SERVER_PATHS.some((prefix) => pathname === prefix || pathname.startsWith(`${prefix}/`));
}
