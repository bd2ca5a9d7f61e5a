import { cleanImage, type ImageLimits } from '../../adapters/images';
import type { FileStorage } from '../../adapters/storage';
import type { CallContext } from '../../context';
import type { DossierFileTable } from '../../db/schema-registration';
import { AppError, type FieldError } from '../../http/problem';
import type { Translator } from '../../i18n';

/** The kinds of a dossier's photos. */
export type PhotoKind = DossierFileTable['kind'];

/**
 * A submission's photos: every one checked by content and cleaned (decoded, re-encoded without
 * metadata) and stored by its SHA-256; all problems reported at once, per field (422).
 */
export function createPhotoCleaner(deps: {
  translator: Translator;
  storage: FileStorage;
  limits: ImageLimits;
}) {
  const tr = (ctx: CallContext, key: string, params: Record<string, unknown> = {}) =>
    deps.translator.t(ctx.language, key, params);
  const fieldError = (
    ctx: CallContext,
    field: string,
    code: string,
    key: string,
    params: Record<string, unknown>,
  ): FieldError => ({ in: 'body', field, code, message: tr(ctx, key, params) });

  return async (
    kinds: readonly PhotoKind[],
    photos: Partial<Record<PhotoKind, Uint8Array>>,
    ctx: CallContext,
  ) => {
    const errors: FieldError[] = [];
    const cleaned: { kind: PhotoKind; bytes: Buffer; width: number; height: number }[] = [];
    for (const kind of kinds) {
      const label = tr(ctx, `messages:registration.photo.${kind}`);
      const bytes = photos[kind];
      if (!bytes?.length) {
        errors.push(
          fieldError(ctx, `photos.${kind}`, 'required', 'registration.image.missing', { kind: label }),
        );
        continue;
      }
      const result = await cleanImage(bytes, deps.limits);
      if (result.ok) {
        cleaned.push({
          kind,
          bytes: result.image.bytes,
          width: result.image.width,
          height: result.image.height,
        });
        continue;
      }
      const p = result.problem;
      const [code, key, params] =
        p.code === 'too_large'
          ? ['too_large', 'registration.image.tooLarge', { maxKb: Math.floor(p.maxBytes / 1024) }]
          : p.code === 'too_small'
            ? ['too_small', 'registration.image.tooSmall', { min: p.minSide }]
            : p.code === 'unsupported'
              ? ['unsupported', 'registration.image.unsupported', {}]
              : ['unreadable', 'registration.image.unreadable', {}];
      errors.push(fieldError(ctx, `photos.${kind}`, code, key, { ...params, kind: label }));
    }
    if (errors.length) throw new AppError(422, 'validation_failed', 'validation', {}, errors);
    // Content-addressed and idempotent: stored before the transaction; a rolled-back submit
    // leaves unreferenced files only (ASSUMPTION: a sweeper may remove unreferenced files later).
    return Promise.all(cleaned.map(async (c) => ({ ...c, sha256: await deps.storage.put(c.bytes) })));
  };
}
