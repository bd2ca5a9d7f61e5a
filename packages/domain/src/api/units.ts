import * as z from 'zod/mini';
import { AuthenticationResponseSchema } from './auth';
import { defineContract, IdempotencyKeyHeaders, NoContent, problems } from './contract';
import { Photo } from './registration';

/**
 * The employer and school portal (issue #27), under `/api/v1/employer` for the unit's users and
 * `/api/v1/admin/units` for the agency: unit accounts (the agency creates a unit's admin, the
 * admin creates and disables unit staff), the unit's people with their account status, their
 * data completed for registration and sent in batches, adoption, and the signature check of the
 * unit admin's passkey. The server's rules are in `modules/employer`.
 */

const d = z.describe;
const TAGS = ['employer'];

/** A unit code (mã đơn vị) as the catalog holds it. */
export const UnitCodeSchema = z.string().check(z.regex(/^[0-9A-Z]{6,10}$/), d('Unit code (mã đơn vị)'));

/**
 * A tax code (mã số thuế, MST) in the form of Circular 105/2020/TT-BTC art. 5 (under the Law on
 * Tax Administration 38/2019/QH14): 10 digits for an enterprise or organisation, 13 digits for a
 * dependent unit or branch, written `NNNNNNNNNN-NNN`; the hyphen may be left out. Stored as its
 * digits. Its check digit is not verified (the algorithm is not in the sources we hold).
 */
export const TaxCodeSchema = z.pipe(
  z
    .string()
    .check(
      z.trim(),
      z.regex(/^\d{10}(-?\d{3})?$/),
      d('Tax code (MST): 10 digits, or 13 written NNNNNNNNNN-NNN (Circular 105/2020/TT-BTC art. 5)'),
    ),
  z.transform((value: string) => value.replace('-', '')),
);

const Username = z.string().check(z.trim(), z.toLowerCase(), z.regex(/^[a-z0-9._-]{3,64}$/));
const DisplayName = z.string().check(z.trim(), z.minLength(2), z.maxLength(120));
const Phone = z.string().check(z.regex(/^0\d{9}$/));

export const UnitAccountStatusSchema = z.enum(['active', 'disabled']);

export const UnitAccountSchema = z
  .object({
    id: z.string(),
    username: z.string(),
    displayName: z.string(),
    unitAdmin: z.boolean().check(d("The unit's admin (true) or unit staff")),
    status: UnitAccountStatusSchema,
    phoneMasked: z.nullable(z.string()),
    createdAt: z.string(),
  })
  .check(z.meta({ id: 'UnitAccount' }));
export type UnitAccount = z.infer<typeof UnitAccountSchema>;

/** A new unit user: the initial password goes to the phone by SMS, to be changed at the first sign-in. */
export const NewUnitUserSchema = z.object({
  username: Username,
  displayName: DisplayName,
  phone: Phone,
  email: z.optional(z.email().check(z.maxLength(200))),
});
export type NewUnitUser = z.input<typeof NewUnitUserSchema>;

export const NewUnitAdminSchema = z.object({ ...NewUnitUserSchema.shape, taxCode: TaxCodeSchema });
export type NewUnitAdmin = z.input<typeof NewUnitAdminSchema>;

/** Adoption: accounts ÷ people of a unit (issue #27 item 2). */
export const AdoptionSchema = z
  .object({
    people: z.int().check(d('Current workers (or a school’s students and staff)')),
    accounts: z.int().check(d('Of them, with an active VssID account')),
    pending: z.int().check(d('Of them, with a registration dossier being processed')),
    ready: z.int().check(d('Of them, completed by the unit and not yet sent')),
    rate: z.number().check(d('accounts ÷ people, 0 when the unit has no people')),
  })
  .check(z.meta({ id: 'Adoption' }));
export type Adoption = z.infer<typeof AdoptionSchema>;

export const MyUnitSchema = z.object({
  code: z.string(),
  name: z.string(),
  taxCode: z.nullable(z.string()),
  kind: z.enum(['enterprise', 'state_agency', 'school', 'cooperative', 'household_business', 'other']),
  address: z.string(),
  managingAgency: z.object({ code: z.string(), name: z.string() }),
  unitAdmin: z.boolean().check(d('Whether the caller is the unit’s admin')),
  adoption: AdoptionSchema,
});
export type MyUnit = z.infer<typeof MyUnitSchema>;

/** none: no account and nothing sent; ready: completed, not yet sent; pending: a dossier open; active: an account. */
export const PersonAccountStatusSchema = z.enum(['none', 'ready', 'pending', 'active']);
export type PersonAccountStatus = z.infer<typeof PersonAccountStatusSchema>;

export const UnitPersonSchema = z
  .object({
    bhxhCode: z.string(),
    fullName: z.string(),
    birthYear: z.int(),
    gender: z.enum(['male', 'female']),
    position: z.nullable(z.string()),
    since: z.string().check(d('First month of the current period at the unit (YYYY-MM)')),
    accountStatus: PersonAccountStatusSchema,
    dossierNumber: z.nullable(z.string()),
  })
  .check(z.meta({ id: 'UnitPerson' }));
export type UnitPerson = z.infer<typeof UnitPersonSchema>;

/** What the unit completes for a person without an account (CV 728/BHXH-TT&PTĐT §2.2). */
export const UnitPersonFormSchema = z.object({
  idNumber: z.string().check(z.trim(), z.regex(/^(\d{12}|[A-Z]\d{7,8})$/), d('CCCD (12 digits) or passport')),
  address: z.object({
    provinceCode: z.string().check(z.regex(/^\d{2}$/)),
    communeCode: z.string().check(z.regex(/^\d{5}$/)),
    line: z.string().check(z.trim(), z.minLength(2), z.maxLength(200)),
  }),
  phone: Phone,
  email: z.optional(z.email().check(z.maxLength(200))),
});
export type UnitPersonForm = z.infer<typeof UnitPersonFormSchema>;

export const UnitPersonDetailSchema = z.object({
  ...UnitPersonSchema.shape,
  completed: z.nullable(
    z.object({
      ...UnitPersonFormSchema.shape,
      photos: z.array(z.enum(['portrait', 'id_front', 'id_back'])),
      updatedAt: z.string(),
    }),
  ),
});
export type UnitPersonDetail = z.infer<typeof UnitPersonDetailSchema>;

export const UnitBatchSchema = z
  .object({
    id: z.string(),
    status: z.enum(['running', 'done']),
    total: z.int(),
    processed: z.int(),
    created: z.int().check(d('Dossiers made so far')),
    createdAt: z.string(),
    finishedAt: z.nullable(z.string()),
    people: z.array(
      z.object({
        bhxhCode: z.string(),
        fullName: z.string(),
        dossierNumber: z.nullable(z.string()),
        error: z.nullable(z.object({ code: z.string(), message: z.string() })),
      }),
    ),
  })
  .check(z.meta({ id: 'UnitBatch' }));
export type UnitBatch = z.infer<typeof UnitBatchSchema>;

export const UnitAdoptionRowSchema = z.object({
  unitCode: z.string(),
  name: z.string(),
  taxCode: z.nullable(z.string()),
  agencyCode: z.string(),
  admins: z.int(),
  ...AdoptionSchema.shape,
});
export type UnitAdoptionRow = z.infer<typeof UnitAdoptionRowSchema>;

const UnitParams = z.object({ unitCode: UnitCodeSchema });
const PersonParams = z.object({ bhxhCode: z.string().check(z.regex(/^\d{10}$/)) });
const BatchParams = z.object({ id: z.uuid() });

/* ---------------------------------------------------------------- the agency */

export const createUnitAdmin = defineContract({
  method: 'POST',
  path: '/api/v1/admin/units/:unitCode/admins',
  access: { roles: ['agency_admin'] },
  scope: 'agency',
  tags: TAGS,
  summary: "Create a unit's admin account; the initial password goes by SMS",
  description:
    "A unit managed by the admin's agency or one below it (another: 404). The tax code must be the unit's on record " +
    '(422 `tax_code_mismatch`); a unit without one on record takes it.',
  params: UnitParams,
  body: NewUnitAdminSchema,
  headers: IdempotencyKeyHeaders,
  idempotent: true,
  responses: { 201: UnitAccountSchema, ...problems(400, 401, 403, 404, 409, 422, 429) },
});

export const listUnitAdoption = defineContract({
  method: 'GET',
  path: '/api/v1/admin/unit-adoption',
  access: { roles: ['agency_admin'] },
  scope: 'agency',
  tags: TAGS,
  summary: 'Adoption (accounts ÷ people) per unit of the admin’s agency and those below it',
  query: z.object({
    q: z.optional(
      z.string().check(z.trim(), z.maxLength(100), d('Unit code, tax code or words of the name')),
    ),
    limit: z._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(100)), 20),
    offset: z._default(z.coerce.number().check(z.int(), z.minimum(0), z.maximum(100_000)), 0),
  }),
  responses: {
    200: z.object({ total: z.int(), units: z.array(UnitAdoptionRowSchema) }),
    ...problems(400, 401, 403, 429),
  },
});

/* ---------------------------------------------------------------- the unit */

export const getMyUnit = defineContract({
  method: 'GET',
  path: '/api/v1/employer/unit',
  access: { roles: ['employer'] },
  scope: 'unit',
  tags: TAGS,
  summary: 'The caller’s unit, their part in it and its adoption',
  responses: { 200: MyUnitSchema, ...problems(401, 403, 429) },
});

export const listUnitAccounts = defineContract({
  method: 'GET',
  path: '/api/v1/employer/accounts',
  access: { roles: ['employer'] },
  scope: 'unit',
  tags: TAGS,
  summary: 'The unit’s admin and staff accounts',
  responses: { 200: z.object({ accounts: z.array(UnitAccountSchema) }), ...problems(401, 403, 429) },
});

export const createUnitStaff = defineContract({
  method: 'POST',
  path: '/api/v1/employer/accounts',
  access: { roles: ['employer'] },
  scope: 'unit',
  tags: TAGS,
  summary: 'The unit admin creates a unit staff account; the initial password goes by SMS',
  description: 'Unit staff may not (403 `unit_admin_only`).',
  body: NewUnitUserSchema,
  headers: IdempotencyKeyHeaders,
  idempotent: true,
  responses: { 201: UnitAccountSchema, ...problems(400, 401, 403, 409, 422, 429) },
});

export const setUnitStaffStatus = defineContract({
  method: 'POST',
  path: '/api/v1/employer/accounts/:id/status',
  access: { roles: ['employer'] },
  scope: 'unit',
  tags: TAGS,
  summary: 'The unit admin disables (ending their sessions) or re-enables a unit staff account',
  description:
    'Another unit’s account, or the unit’s admin: 404. Unit staff may not (403 `unit_admin_only`).',
  params: z.object({ id: z.string().check(z.regex(/^\d{1,18}$/)) }),
  body: z.object({ status: UnitAccountStatusSchema }),
  headers: IdempotencyKeyHeaders,
  idempotent: true,
  responses: { 204: NoContent, ...problems(400, 401, 403, 404, 409, 422, 429) },
});

export const listUnitPeople = defineContract({
  method: 'GET',
  path: '/api/v1/employer/people',
  access: { roles: ['employer'] },
  scope: 'unit',
  tags: TAGS,
  summary: 'The unit’s current people with their account status',
  description:
    'Persons with a participation period at the unit that has not ended before the current month (Vietnam time).',
  query: z.object({
    status: z.optional(PersonAccountStatusSchema),
    q: z.optional(z.string().check(z.trim(), z.maxLength(100), d('BHXH code or words of the name'))),
    limit: z._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(100)), 50),
    offset: z._default(z.coerce.number().check(z.int(), z.minimum(0), z.maximum(1_000_000)), 0),
  }),
  responses: {
    200: z.object({ total: z.int(), people: z.array(UnitPersonSchema) }),
    ...problems(400, 401, 403, 429),
  },
});

export const getUnitPerson = defineContract({
  method: 'GET',
  path: '/api/v1/employer/people/:bhxhCode',
  access: { roles: ['employer'] },
  scope: 'unit',
  tags: TAGS,
  summary: 'One of the unit’s people, with what the unit completed',
  description: 'A person who is not one of the unit’s current people answers 404.',
  params: PersonParams,
  responses: { 200: UnitPersonDetailSchema, ...problems(400, 401, 403, 404, 429) },
});

export const completeUnitPerson = defineContract({
  method: 'PUT',
  path: '/api/v1/employer/people/:bhxhCode',
  access: { roles: ['employer'] },
  scope: 'unit',
  tags: TAGS,
  summary: 'Complete a person’s contact data, portrait and ID photos for registration',
  description:
    'multipart/form-data: a text part `form` with the fields as JSON and the file parts `portrait`, `id_front`, ' +
    '`id_back` (JPEG, PNG or WebP, at most 2 MB, re-encoded as the registration does); or JSON with `photos` ' +
    'as base64. Only for a person without an account or an open dossier (409 otherwise); another unit’s: 404.',
  params: PersonParams,
  multipart: true,
  body: z.object({
    ...UnitPersonFormSchema.shape,
    photos: z.object({ portrait: Photo, id_front: Photo, id_back: Photo }),
  }),
  responses: { 200: UnitPersonDetailSchema, ...problems(400, 401, 403, 404, 409, 413, 415, 422, 429) },
});

export const createUnitBatch = defineContract({
  method: 'POST',
  path: '/api/v1/employer/batches',
  access: { roles: ['employer'] },
  scope: 'unit',
  tags: TAGS,
  summary: 'Send the completed people as one batch of registration dossiers',
  description:
    'Takes every person completed and not yet sent (422 `batch_empty` when none); `run` then makes the dossiers.',
  headers: IdempotencyKeyHeaders,
  idempotent: true,
  responses: { 201: UnitBatchSchema, ...problems(400, 401, 403, 409, 422, 429) },
});

export const runUnitBatch = defineContract({
  method: 'POST',
  path: '/api/v1/employer/batches/:id/run',
  access: { roles: ['employer'] },
  scope: 'unit',
  tags: TAGS,
  summary: 'Make the batch’s dossiers, one person at a time (poll the batch for the progress)',
  description: 'Resumes where it stopped; a finished batch answers as it is. Another unit’s batch: 404.',
  params: BatchParams,
  responses: { 200: UnitBatchSchema, ...problems(400, 401, 403, 404, 429) },
});

export const getUnitBatch = defineContract({
  method: 'GET',
  path: '/api/v1/employer/batches/:id',
  access: { roles: ['employer'] },
  scope: 'unit',
  tags: TAGS,
  summary: 'A batch with its progress and each person’s dossier number or problem',
  params: BatchParams,
  responses: { 200: UnitBatchSchema, ...problems(400, 401, 403, 404, 429) },
});

export const checkUnitSignature = defineContract({
  method: 'POST',
  path: '/api/v1/employer/signature-check',
  access: { roles: ['employer'] },
  scope: 'unit',
  tags: TAGS,
  summary: 'Check the unit admin’s signing passkey on a test text',
  description:
    'The admin signs `submissionChallenge("signature-check", payload)` (`@vssid/domain/signing`) with the passkey ' +
    'that will sign the unit’s submissions; 422 `signature_invalid` names why it would be refused.',
  body: z.object({
    payload: z.object({ text: z.string().check(z.minLength(1), z.maxLength(200)) }),
    signature: AuthenticationResponseSchema,
  }),
  responses: {
    200: z.object({ credentialId: z.string(), payloadHash: z.string(), signedAt: z.string() }),
    ...problems(400, 401, 403, 422, 429),
  },
});
