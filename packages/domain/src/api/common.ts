import * as z from 'zod/mini';

/**
 * Pieces the contracts share. Contracts are written with `zod/mini` (the same schemas as `zod`,
 * built from functions instead of methods): the web parses every answer with them, and mini
 * cost its app chunk 60 KB (18 KB gzipped) where classic zod cost 92 KB (27 KB gzipped),
 * measured with the first contracts (issue #21). Write `z.optional(x)`, `z.nullable(x)`,
 * `x.check(z.regex(…), z.describe('…'))`.
 */

export const BhxhCode = z.string().check(z.regex(/^\d{10}$/, 'bhxh_code.format'));
export const Money = z.int().check(z.nonnegative(), z.describe('VND'));
export const Month = z.string().check(z.regex(/^\d{4}-\d{2}$/), z.describe('yyyy-mm'));
export const IsoDate = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/), z.describe('yyyy-mm-dd'));
/** Why a staff member reads personal data: kept in the audit log the person sees. */
export const StaffPurpose = z.string().check(z.trim(), z.minLength(3), z.maxLength(200));
export const BhxhCodeParams = z.object({ bhxhCode: BhxhCode });

/** `schema` with a description (OpenAPI). */
export function described<T extends z.ZodMiniType>(schema: T, description: string): T {
  return schema.check(z.describe(description));
}
