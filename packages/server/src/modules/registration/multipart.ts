import type { FastifyMultipartOptions } from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import { DEFAULT_IMAGE_LIMITS } from '../../adapters/images';
import { AppError } from '../../http/problem';

/**
 * `@fastify/multipart`'s options for the submit routes (and the benchmark's registration floor):
 * at most the form and four photos, each photo cut one byte past the cleaner's limit
 * (throwFileSizeLimit off: the cleaner then refuses it as too large and names the field).
 */
export const SUBMIT_MULTIPART_OPTIONS = {
  throwFileSizeLimit: false,
  limits: {
    fileSize: DEFAULT_IMAGE_LIMITS.maxBytes + 1,
    files: 4,
    fields: 1,
    fieldSize: 64 * 1024,
    parts: 5,
    headerPairs: 20,
  },
} satisfies FastifyMultipartOptions;

/** The file parts a submit may carry; others are read and dropped. */
const PHOTO_PARTS = new Set(['portrait', 'id_front', 'id_back', 'birth_certificate']);

/**
 * Reads a submit's multipart body part by part as it arrives: the `form` text part, and each photo
 * part's bytes (bounded by `SUBMIT_MULTIPART_OPTIONS`) under its name.
 */
export async function readSubmitParts(
  request: FastifyRequest,
): Promise<{ formText: string | undefined; photos: Record<string, Buffer> }> {
  let formText: string | undefined;
  const photos: Record<string, Buffer> = {};
  try {
    for await (const part of request.parts()) {
      if (part.type === 'file') {
        const bytes = await part.toBuffer();
        if (PHOTO_PARTS.has(part.fieldname)) photos[part.fieldname] = bytes;
      } else if (part.fieldname === 'form' && typeof part.value === 'string') formText = part.value;
    }
  } catch (error) {
    // The multipart reader's own limits answer with their status (413…); a body it cannot read at
    // all (no boundary, a broken part: plain `Error`s of busboy) is the caller's fault, not a 500.
    if (error instanceof AppError || typeof (error as { statusCode?: unknown }).statusCode === 'number')
      throw error;
    throw new AppError(400, 'bad_request', 'badRequest');
  }
  return { formText, photos };
}
