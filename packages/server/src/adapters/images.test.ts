import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { cleanImage, detectImageType } from './images';

const picture = (format: 'jpeg' | 'png' | 'webp', width = 400, height = 300) => {
  const base = sharp({ create: { width, height, channels: 3, background: { r: 200, g: 30, b: 60 } } });
  return (format === 'jpeg' ? base.jpeg() : format === 'png' ? base.png() : base.webp()).toBuffer();
};

describe('detectImageType', () => {
  it('reads the type from the magic bytes', async () => {
    expect(detectImageType(await picture('jpeg'))).toBe('image/jpeg');
    expect(detectImageType(await picture('png'))).toBe('image/png');
    expect(detectImageType(await picture('webp'))).toBe('image/webp');
    expect(detectImageType(Buffer.from('GIF89a……'))).toBeNull();
    expect(detectImageType(Buffer.from('%PDF-1.7'))).toBeNull();
    expect(detectImageType(new Uint8Array([0xff, 0xd8]))).toBeNull();
  });
});

describe('cleanImage', () => {
  it('re-encodes as JPEG without the metadata it came with', async () => {
    const withExif = await sharp(await picture('jpeg'))
      .withExif({ IFD0: { Make: 'PhoneMaker', Model: 'Secret 9', Copyright: 'GPS 21.02,105.85' } })
      .jpeg()
      .toBuffer();
    expect((await sharp(withExif).metadata()).exif).toBeDefined();
    const result = await cleanImage(withExif);
    if (!result.ok) throw new Error(result.problem.code);
    expect(result.image.contentType).toBe('image/jpeg');
    expect(detectImageType(result.image.bytes)).toBe('image/jpeg');
    expect((await sharp(result.image.bytes).metadata()).exif).toBeUndefined();
    expect(result.image.bytes.includes('Secret 9')).toBe(false);
    expect([result.image.width, result.image.height]).toEqual([400, 300]);
  });

  it('turns PNG and WebP into JPEG and shrinks very large pictures', async () => {
    const png = await cleanImage(await picture('png'));
    expect(png.ok && png.image.detected).toBe('image/png');
    const big = await cleanImage(await picture('webp', 3000, 1500), {
      maxBytes: 5_000_000,
      minSide: 200,
      maxSide: 1000,
    });
    expect(big.ok && [big.image.width, big.image.height]).toEqual([1000, 500]);
  });

  it('refuses by content and size, whatever the file claims to be', async () => {
    expect(await cleanImage(Buffer.from('not a picture'))).toEqual({
      ok: false,
      problem: { code: 'unsupported' },
    });
    const fake = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(100, 1)]);
    expect(await cleanImage(fake)).toEqual({ ok: false, problem: { code: 'unreadable' } });
    expect(await cleanImage(await picture('jpeg', 120, 90))).toEqual({
      ok: false,
      problem: { code: 'too_small', minSide: 200 },
    });
    expect(await cleanImage(await picture('jpeg'), { maxBytes: 100, minSide: 1, maxSide: 10 })).toEqual({
      ok: false,
      problem: { code: 'too_large', maxBytes: 100 },
    });
  });
});
