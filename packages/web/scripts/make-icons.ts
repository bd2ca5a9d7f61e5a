/**
 * Renders the PWA icons from public/logo.svg once (sharp); the PNGs are committed, so builds
 * need neither this script nor sharp. Run again after changing the logo:
 *   npx tsx packages/web/scripts/make-icons.ts
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';

const pub = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../public');
const svg = fs.readFileSync(path.join(pub, 'logo.svg'));

await sharp(svg).resize(192, 192).png().toFile(path.join(pub, 'pwa-192x192.png'));
await sharp(svg).resize(512, 512).png().toFile(path.join(pub, 'pwa-512x512.png'));
await sharp(svg)
  .resize(180, 180)
  .flatten({ background: '#0b5cad' })
  .png()
  .toFile(path.join(pub, 'apple-touch-icon.png'));
await sharp(svg).resize(64, 64).png().toFile(path.join(pub, 'favicon-64x64.png'));
// Maskable: the logo inside the 80 % safe zone on a full-bleed background.
const inner = await sharp(svg).resize(400, 400).png().toBuffer();
await sharp({ create: { width: 512, height: 512, channels: 4, background: '#0b5cad' } })
  .composite([{ input: inner, top: 56, left: 56 }])
  .png()
  .toFile(path.join(pub, 'maskable-icon-512x512.png'));
console.log('icons written to', pub);
