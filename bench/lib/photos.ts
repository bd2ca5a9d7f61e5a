import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';

/**
 * Three phone-like photos of about 300 KB each (portrait, ID front, ID back) for the
 * `registration-submit` scenario, written base64 to temporary files: the load worker fills
 * `{photo1}`…`{photo3}` in the body from them (the body is too large for a command-line argument).
 * Noise does not compress, so the JPEG size is steered by the picture's size.
 */
export async function benchPhotos(targetBytes = 300 * 1024): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  for (let i = 1; i <= 3; i++) {
    let side = 520;
    let jpeg = Buffer.alloc(0);
    for (let attempt = 0; attempt < 8; attempt++) {
      const width = side;
      const height = Math.round(side * 0.75);
      const raw = Buffer.alloc(width * height * 3);
      for (let p = 0; p < raw.length; p++)
        raw[p] = (p * 31 + i * 97 + ((p / 3) % width) * 7) ^ (Math.random() * 64);
      jpeg = await sharp(raw, { raw: { width, height, channels: 3 } })
        .jpeg({ quality: 80 })
        .toBuffer();
      const ratio = targetBytes / jpeg.length;
      if (Math.abs(1 - ratio) < 0.08) break;
      side = Math.max(240, Math.round(side * Math.sqrt(ratio)));
    }
    const file = path.join(os.tmpdir(), `vssid-bench-photo${i}-${process.pid}.b64`);
    fs.writeFileSync(file, jpeg.toString('base64'));
    files[`photo${i}`] = file;
  }
  return files;
}
