/**
 * After `vite build`: writes `<file>.br` (brotli, quality 11; 6 for source maps, which only
 * developer tools fetch and are most of the bytes) and `<file>.gz` (gzip, level 9)
 * beside every text file of dist, for the server to send to clients that accept them
 * (@fastify/static `preCompressed`), so no request pays for compression. A file whose compressed
 * form would not be smaller (tiny ones) gets none and is sent as it is.
 *   tsx packages/web/scripts/precompress.ts [dist]
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import zlib from 'node:zlib';

const TEXT = /\.(?:js|mjs|css|html|svg|json|webmanifest|map|txt)$/;
const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

function* files(dir: string): Generator<string> {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* files(full);
    else if (TEXT.test(entry.name)) yield full;
  }
}

/** Compresses every text file under `dist`; returns the bytes before and after brotli. */
export async function precompress(dist: string): Promise<{ files: number; raw: number; br: number }> {
  const total = { files: 0, raw: 0, br: 0 };
  await Promise.all(
    [...files(dist)].map(async (file) => {
      const raw = fs.readFileSync(file);
      const [br, gz] = await Promise.all([
        brotli(raw, {
          params: {
            [zlib.constants.BROTLI_PARAM_QUALITY]: file.endsWith('.map')
              ? 6
              : zlib.constants.BROTLI_MAX_QUALITY,
            [zlib.constants.BROTLI_PARAM_SIZE_HINT]: raw.length,
          },
        }),
        gzip(raw, { level: zlib.constants.Z_BEST_COMPRESSION }),
      ]);
      // Stale ones from an earlier build of the same name must not outlive it.
      for (const [ext, data] of [
        ['.br', br],
        ['.gz', gz],
      ] as const) {
        if (data.length < raw.length) fs.writeFileSync(file + ext, data);
        else fs.rmSync(file + ext, { force: true });
      }
      total.files += 1;
      total.raw += raw.length;
      total.br += Math.min(br.length, raw.length);
    }),
  );
  return total;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const dist = path.resolve(
    process.argv[2] ?? path.join(path.dirname(fileURLToPath(import.meta.url)), '../dist'),
  );
  const t = await precompress(dist);
  console.log(
    `precompressed ${t.files} text files in ${path.relative(process.cwd(), dist) || '.'}: ${Math.round(t.raw / 1024)} KiB, ${Math.round(t.br / 1024)} KiB with brotli`,
  );
}
