import { z } from 'zod';

/** Pieces the contracts share. */

export const BhxhCode = z.string().regex(/^\d{10}$/, 'bhxh_code.format');
export const Money = z.number().int().nonnegative().describe('VND');
export const Month = z
  .string()
  .regex(/^\d{4}-\d{2}$/)
  .describe('yyyy-mm');
export const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .describe('yyyy-mm-dd');
/** Why a staff member reads personal data: kept in the audit log the person sees. */
export const StaffPurpose = z.string().trim().min(3).max(200);
export const BhxhCodeParams = z.object({ bhxhCode: BhxhCode });
