import * as z from 'zod/mini';
import { defineContract, IdempotencyKeyHeaders, NoContent, problems, ROLES } from './contract';

/** Staff administration: an agency admin manages the officers of their own agency, under `/api/v1/staff`. */

export const OfficerStatusSchema = z.enum(['active', 'disabled']);
export type OfficerStatus = z.infer<typeof OfficerStatusSchema>;

export const OfficerSchema = z
  .object({
    id: z.string(),
    username: z.string(),
    displayName: z.string(),
    role: z.enum(ROLES),
    status: OfficerStatusSchema,
    phoneMasked: z.optional(z.nullable(z.string())),
    createdAt: z.optional(z.string()),
  })
  .check(z.meta({ id: 'Officer' }));
export type Officer = z.infer<typeof OfficerSchema>;

export const listOfficers = defineContract({
  method: 'GET',
  path: '/api/v1/staff/officers',
  access: { roles: ['agency_admin'] },
  scope: 'agency',
  tags: ['staff'],
  summary: "The officers of the admin's agency",
  responses: { 200: z.object({ officers: z.array(OfficerSchema) }), ...problems(400, 401, 403, 429) },
});

export const NewOfficerSchema = z.object({
  username: z.string().check(z.trim(), z.toLowerCase(), z.regex(/^[a-z0-9._-]{3,64}$/)),
  displayName: z.string().check(z.trim(), z.minLength(2), z.maxLength(120)),
  phone: z.string().check(z.regex(/^0\d{9}$/)),
  email: z.optional(z.email()),
  /** Issue 25: a communications officer (policy news, the help centre) instead of an officer. */
  role: z.optional(z.enum(['officer', 'communications'])),
});
export type NewOfficer = z.input<typeof NewOfficerSchema>;

export const createOfficer = defineContract({
  method: 'POST',
  path: '/api/v1/staff/officers',
  access: { roles: ['agency_admin'] },
  scope: 'agency',
  tags: ['staff'],
  summary: "Create an officer of the admin's agency; the initial password goes by SMS",
  body: NewOfficerSchema,
  headers: IdempotencyKeyHeaders,
  idempotent: true,
  responses: { ...problems(409, 422), 201: OfficerSchema, ...problems(400, 401, 403, 409, 429) },
});

export const setOfficerStatus = defineContract({
  method: 'POST',
  path: '/api/v1/staff/officers/:id/status',
  access: { roles: ['agency_admin'] },
  scope: 'agency',
  tags: ['staff'],
  summary: 'Disable (ending their sessions) or re-enable an officer',
  params: z.object({ id: z.string().check(z.maxLength(20)) }),
  body: z.object({ status: OfficerStatusSchema }),
  headers: IdempotencyKeyHeaders,
  idempotent: true,
  responses: { ...problems(409, 422), 204: NoContent, ...problems(400, 401, 403, 404, 429) },
});
