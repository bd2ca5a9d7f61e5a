import sharp from 'sharp';

/**
 * Photos sent with a registration (portrait, ID card front and back, birth certificate): the type
 * is decided by the bytes (magic numbers), never by a file name or a declared content type; the
 * size is limited; the picture is decoded and re-encoded as JPEG, which drops every metadata
 * block (EXIF with GPS position and camera, XMP, ICC comments) and anything hidden after the image.
 */

type ImageType = 'image/jpeg' | 'image/png' | 'image/webp';

/** The image type its first bytes announce, or null when they are not JPEG, PNG or WebP. */
export function detectImageType(bytes: Uint8Array): ImageType | null {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (bytes.length >= 8 && png.every((b, i) => bytes[i] === b)) return 'image/png';
  const ascii = (from: number, to: number) => String.fromCharCode(...bytes.subarray(from, to));
  if (bytes.length >= 12 && ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'image/webp';
  return null;
}

export interface ImageLimits {
  /** Largest accepted upload, in bytes. */
  maxBytes: number;
  /** Smallest accepted width and height, in pixels (a readable ID card needs some). */
  minSide: number;
  /** The re-encoded picture fits in this many pixels on its longest side. */
  maxSide: number;
}

/** ASSUMPTION: 2 MB per photo is enough for a phone picture; 200 px is the least readable ID photo. */
export const DEFAULT_IMAGE_LIMITS: ImageLimits = { maxBytes: 2 * 1024 * 1024, minSide: 200, maxSide: 2000 };

type ImageProblem =
  | { code: 'unsupported' }
  | { code: 'too_large'; maxBytes: number }
  | { code: 'too_small'; minSide: number }
  | { code: 'unreadable' };

interface CleanImage {
  bytes: Buffer;
  contentType: 'image/jpeg';
  width: number;
  height: number;
  /** What the upload claimed to be, by its bytes. */
  detected: ImageType;
}

/**
 * Checks and cleans one uploaded photo: by content (magic bytes), size-limited, decoded (a file
 * that only starts like an image fails here), turned upright from its EXIF orientation, shrunk to
 * `maxSide`, and re-encoded as JPEG without metadata.
 */
export async function cleanImage(
  bytes: Uint8Array,
  limits: ImageLimits = DEFAULT_IMAGE_LIMITS,
): Promise<{ ok: true; image: CleanImage } | { ok: false; problem: ImageProblem }> {
  if (bytes.length > limits.maxBytes)
    return { ok: false, problem: { code: 'too_large', maxBytes: limits.maxBytes } };
  const detected = detectImageType(bytes);
  if (!detected) return { ok: false, problem: { code: 'unsupported' } };
  try {
    const input = sharp(bytes, { failOn: 'error', limitInputPixels: 40_000_000 });
    const meta = await input.metadata();
    if (!meta.width || !meta.height) return { ok: false, problem: { code: 'unreadable' } };
    // Oriented size (EXIF orientations 5–8 swap width and height).
    const swap = (meta.orientation ?? 1) >= 5;
    const w = swap ? meta.height : meta.width;
    const h = swap ? meta.width : meta.height;
    if (Math.min(w, h) < limits.minSide)
      return { ok: false, problem: { code: 'too_small', minSide: limits.minSide } };
    const { data, info } = await input
      .rotate()
      .resize({ width: limits.maxSide, height: limits.maxSide, fit: 'inside', withoutEnlargement: true })
      .flatten({ background: '#ffffff' })
      // Standard Huffman tables, not optimised ones: the file is a few per cent larger and the
      // encoding takes about half the CPU (measured: 17.5 -> 10.3 ms for a 300 KB photo).
      .jpeg({ quality: 85, mozjpeg: false, optimiseCoding: false })
      .toBuffer({ resolveWithObject: true });
    return {
      ok: true,
      image: { bytes: data, contentType: 'image/jpeg', width: info.width, height: info.height, detected },
    };
  } catch {
    return { ok: false, problem: { code: 'unreadable' } };
  }
}
