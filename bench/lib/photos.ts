import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';

/**
 * Three photos of about 300 KB each (portrait, ID front, ID back) for the `registration-submit`
 * scenario, written as JPEG files: the load worker puts them as they are in `{photo1}`…`{photo3}`
 * of the multipart body (the body is too large for a command-line argument). The JPEG size is steered by
 * the picture's size.
 * - `dense` (the scenario's): patterned noise, which hardly compresses: about 0.6 megapixels.
 * - `camera`: smooth shading with fine texture and sensor-like noise, as a phone picture is, which
 *   compresses better: about 1.7 megapixels at the same size, so more pixels to decode and encode
 *   (used by the registration floor, to show what the same size costs with a camera's picture).
 */
export async function benchPhotos(
  kind: 'dense' | 'camera' = 'dense',
  targetBytes = 300 * 1024,
): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  for (let i = 1; i <= 3; i++) {
    let side = kind === 'dense' ? 520 : 1400;
    let jpeg = Buffer.alloc(0);
    for (let attempt = 0; attempt < 8; attempt++) {
      const width = side;
      const height = Math.round(side * 0.75);
      const raw = Buffer.alloc(width * height * 3);
      if (kind === 'dense')
        for (let p = 0; p < raw.length; p++)
          raw[p] = (p * 31 + i * 97 + ((p / 3) % width) * 7) ^ (Math.random() * 64);
      else
        for (let y = 0; y < height; y++)
          for (let x = 0; x < width; x++) {
            const p = (y * width + x) * 3;
            const shade = 128 + 60 * Math.sin(x / 37 + i) * Math.cos(y / 53) + 40 * Math.sin((x + y) / 11);
            raw[p] = shade + Math.random() * 24;
            raw[p + 1] = 255 - shade + Math.random() * 24;
            raw[p + 2] = (x ^ y) & 255;
          }
      jpeg = await sharp(raw, { raw: { width, height, channels: 3 } })
        .jpeg({ quality: kind === 'dense' ? 80 : 85 })
        .toBuffer();
      const ratio = targetBytes / jpeg.length;
      if (Math.abs(1 - ratio) < 0.08) break;
      side = Math.max(240, Math.round(side * Math.sqrt(ratio)));
    }
    const file = path.join(os.tmpdir(), `vssid-bench-${kind}-photo${i}-${process.pid}.jpg`);
    fs.writeFileSync(file, jpeg);
    files[`photo${i}`] = file;
  }
  return files;
}
