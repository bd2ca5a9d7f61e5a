import path from 'node:path';
import fastifyCompress from '@fastify/compress';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { isServerPath } from '@vssid/domain/server-paths';

/** Responses smaller than this go out as they are: compressing them costs more than it saves. */
const COMPRESSION_THRESHOLD_BYTES = 1024;

/**
 * Whether a request no route answered gets the PWA's index.html: a page load of any app route,
 * dotted ones included (`/officer/dossiers/00001.GD_2026_01`). Server paths and the hashed assets
 * under /assets (a missing one is a stale page asking for an old build: 404) never do.
 */
export function servesAppShell(method: string, url: string): boolean {
  if (method !== 'GET' && method !== 'HEAD') return false;
  const pathname = url.split('?')[0] ?? '/';
  return !isServerPath(pathname) && pathname !== '/assets' && !pathname.startsWith('/assets/');
}

/**
 * Brotli or gzip for every text response the client accepts: the API's JSON above
 * COMPRESSION_THRESHOLD_BYTES compressed as it is sent (brotli quality 4, the plugin's default:
 * a card read's JSON in well under a millisecond), PDFs and images (already compressed) left
 * alone. Registered before the routes it applies to.
 */
export async function registerCompression(app: FastifyInstance): Promise<void> {
  await app.register(fastifyCompress, {
    global: true,
    encodings: ['br', 'gzip'],
    threshold: COMPRESSION_THRESHOLD_BYTES,
  });
}

/**
 * The built PWA from `root`: files as they are, or the `.br`/`.gz` made at build time
 * (packages/web/scripts/precompress.ts) when the client accepts one (`Vary: Accept-Encoding`).
 * Hashed assets are cached for a year; everything else (index.html, sw.js, the manifest) is
 * checked on every use.
 */
export async function registerWebApp(app: FastifyInstance, root: string): Promise<void> {
  await app.register(fastifyStatic, {
    root,
    wildcard: false,
    index: false,
    preCompressed: true,
    setHeaders: (res, filePath) => {
      const rel = path.relative(root, filePath);
      void res.header(
        'cache-control',
        rel.startsWith('assets' + path.sep) ? 'public, max-age=31536000, immutable' : 'no-cache',
      );
    },
  });
}
