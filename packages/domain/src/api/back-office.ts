import * as z from 'zod/mini';
import { defineContract, IdempotencyKeyHeaders, problems } from './contract';
import { DOSSIER_NUMBER_PATTERN, DOSSIER_STATUSES, REJECTION_REASONS } from '../registration';

/**
 * The registration back office (issue "Registration", point 5): the officers' queue of dossiers,
 * one dossier (audited), its photos (audited), the actions record_paper / approve / reject and
 * redirection to another receiving agency; the unit and school lists (bulk imports); which
 * agencies receive dossiers; statistics and targets. Officers and agency admins; their scope is
 * the caller's agency and the agencies below it, and what is out of scope answers 404.
 */

const d = z.describe;
const TAGS = ['registration'];
const STAFF = { roles: ['officer', 'agency_admin'] } as const;
const ADMIN = { roles: ['agency_admin'] } as const;
const staffProblems = problems(400, 401, 403, 404);

const DossierNumber = z.string().check(z.regex(DOSSIER_NUMBER_PATTERN), d('e.g. 00264.GD_2026_0101'));
export const DossierFileKindSchema = z.enum(['portrait', 'id_front', 'id_back', 'birth_certificate']);
export type DossierFileKind = z.infer<typeof DossierFileKindSchema>;
const Kind = z.enum(['self', 'child', 'bulk']);
const Status = z.enum(DOSSIER_STATUSES);
const AgencyCode = z.string().check(z.regex(/^[0-9A-Z]{2,8}$/));

// ---- The queue and one dossier ----

export const QueueQuery = z.object({
  status: z.optional(Status),
  kind: z.optional(Kind).check(d('self, child (a guardian for a minor) or bulk (from a unit list)')),
  from: z.optional(z.iso.date()).check(d('submitted on or after this day (UTC+7), yyyy-mm-dd')),
  to: z.optional(z.iso.date()).check(d('submitted on or before this day (UTC+7), yyyy-mm-dd')),
  q: z
    .optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(100)))
    .check(d('a dossier number, a BHXH code or words of the name')),
  limit: z._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(100)), 20),
  offset: z._default(z.coerce.number().check(z.int(), z.minimum(0), z.maximum(100_000)), 0),
});

export const QueueItemSchema = z.object({
  number: z.string(),
  bhxhCode: z.string(),
  fullName: z.string(),
  kind: Kind,
  agencyCode: z.string(),
  status: Status,
  delivery: z.enum(['counter', 'post']),
  submittedAt: z.string(),
  deadlineAt: z.string(),
});
export type QueueItem = z.infer<typeof QueueItemSchema>;

export const OfficerQueueSchema = z
  .object({
    total: z.int(),
    limit: z.int(),
    offset: z.int(),
    items: z.array(QueueItemSchema),
  })
  .check(z.meta({ id: 'OfficerQueue' }));
export type OfficerQueue = z.infer<typeof OfficerQueueSchema>;

export const officerQueue = defineContract({
  method: 'GET',
  path: '/api/v1/officer/dossiers',
  access: STAFF,
  scope: 'agency',
  tags: TAGS,
  summary: "The queue of the agency's dossiers (and its local offices')",
  query: QueueQuery,
  responses: { 200: OfficerQueueSchema, ...staffProblems },
});

export const OfficerSummarySchema = z
  .object({
    awaitingPaper: z.int().check(d('submitted, waiting for the signed paper Form 01')),
    awaitingDecision: z.int().check(d('paper received: to approve or reject')),
    dueToday: z.int().check(d('waiting for the paper, deadline today (UTC+7)')),
  })
  .check(z.meta({ id: 'OfficerSummary' }));
export type OfficerSummary = z.infer<typeof OfficerSummarySchema>;

export const officerSummary = defineContract({
  method: 'GET',
  path: '/api/v1/officer/dossiers/summary',
  access: STAFF,
  scope: 'agency',
  tags: TAGS,
  summary: "The back office home's counts: open dossiers in the caller's scope, and those due today",
  responses: { 200: OfficerSummarySchema, ...staffProblems },
});

export const ActionLogEntrySchema = z.object({
  seq: z.int(),
  action: z.string(),
  actorType: z.string(),
  actorId: z.nullable(z.string()),
  actorName: z.nullable(z.string()),
  at: z.string(),
  reasonCode: z.nullable(z.string()),
  reasonText: z.nullable(z.string()),
});
export type ActionLogEntry = z.infer<typeof ActionLogEntrySchema>;

export const OfficerActionSchema = z.enum(['record_paper', 'approve', 'reject']);
export type OfficerAction = z.infer<typeof OfficerActionSchema>;

export const ComparedFieldSchema = z.enum(['fullName', 'dateOfBirth', 'gender', 'idNumber', 'address']);

export const OfficerDossierSchema = z
  .object({
    number: z.string(),
    bhxhCode: z.string(),
    kind: Kind,
    agencyCode: z.string(),
    guardianBhxhCode: z.nullable(z.string()),
    status: Status,
    delivery: z.enum(['counter', 'post']),
    submittedAt: z.string(),
    deadlineAt: z.string(),
    allowedActions: z.array(OfficerActionSchema),
    declared: z.record(z.string(), z.unknown()).check(d('The Form 01 fields as declared')),
    registry: z.object({
      found: z.boolean(),
      fullName: z.nullable(z.string()),
      dateOfBirth: z.nullable(z.string()),
      gender: z.nullable(z.string()),
      address: z.nullable(z.string()),
    }),
    registryCheck: z.record(z.string(), z.unknown()).check(d('The check made at submission')),
    comparison: z.array(
      z.object({
        field: ComparedFieldSchema,
        declared: z.nullable(z.string()),
        registry: z.nullable(z.string()),
        bhxh: z.nullable(z.string()),
        differs: z.boolean(),
      }),
    ),
    files: z.array(
      z.object({
        kind: DossierFileKindSchema,
        contentType: z.string(),
        byteSize: z.int(),
        width: z.int(),
        height: z.int(),
        url: z.string(),
      }),
    ),
    actions: z.array(ActionLogEntrySchema),
  })
  .check(z.meta({ id: 'OfficerDossier' }));
export type OfficerDossier = z.infer<typeof OfficerDossierSchema>;

const NumberParams = z.object({ number: DossierNumber });

export const openDossier = defineContract({
  method: 'GET',
  path: '/api/v1/officer/dossiers/:number',
  access: STAFF,
  scope: 'agency',
  tags: TAGS,
  summary: 'A dossier: declared data beside the registry, photos, the action log (audited)',
  params: NumberParams,
  responses: { 200: OfficerDossierSchema, ...staffProblems },
});

export const readDossierFile = defineContract({
  method: 'GET',
  path: '/api/v1/officer/dossiers/:number/files/:kind',
  access: STAFF,
  scope: 'agency',
  tags: TAGS,
  summary: "A dossier's photo (audited)",
  params: z.object({ number: DossierNumber, kind: DossierFileKindSchema }),
  responses: { 200: { kind: 'file', contentType: 'image/*' }, ...staffProblems },
});

export const OfficerActionResultSchema = z
  .object({ number: z.string(), status: Status, seq: z.int() })
  .check(z.meta({ id: 'OfficerActionResult' }));

export const redirectDossier = defineContract({
  method: 'POST',
  path: '/api/v1/officer/dossiers/:number/redirect',
  access: STAFF,
  scope: 'agency',
  tags: TAGS,
  summary:
    'Send the dossier to another agency that receives dossiers (logged in its action log, audited, the person told by SMS)',
  params: NumberParams,
  body: z.object({
    agencyCode: AgencyCode,
    reasonText: z.string().check(z.trim(), z.minLength(3), z.maxLength(500), d('Why it goes there')),
  }),
  headers: IdempotencyKeyHeaders,
  idempotent: true,
  responses: {
    ...problems(409, 422),
    200: z
      .extend(z.object({ number: z.string(), status: Status, seq: z.int() }), { agencyCode: z.string() })
      .check(z.meta({ id: 'OfficerRedirectResult' })),
    ...problems(409, 422),
    ...staffProblems,
  },
});

export const actOnDossier = defineContract({
  method: 'POST',
  path: '/api/v1/officer/dossiers/:number/actions',
  access: STAFF,
  scope: 'agency',
  tags: TAGS,
  summary: 'Record the signed paper form, approve (creates the account) or reject (with a reason)',
  params: NumberParams,
  body: z.object({
    action: OfficerActionSchema,
    reasonCode: z
      .optional(z.enum(REJECTION_REASONS))
      .check(d('reject: a reason from the list (other: write it)')),
    reasonText: z
      .optional(z.string().check(z.trim(), z.minLength(3), z.maxLength(500)))
      .check(d('reject: the reason in words')),
  }),
  headers: IdempotencyKeyHeaders,
  idempotent: true,
  responses: { ...problems(409, 422), 200: OfficerActionResultSchema, ...problems(409), ...staffProblems },
});

// ---- Bulk lists ----

export const BULK_MAX_ROWS = 5000;
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export const BulkImportStatusSchema = z.enum(['validating', 'validated', 'creating', 'done', 'failed']);

export const BulkRowSchema = z.object({
  rowNumber: z.int().check(d('the row in the file (the header is row 1)')),
  data: z.object({ bhxhCode: z.string(), fullName: z.string(), phone: z.string(), email: z.string() }),
  errors: z.array(z.object({ field: z.string(), code: z.string(), message: z.string() })),
  dossierNumber: z.nullable(z.string()),
});
export type BulkRow = z.infer<typeof BulkRowSchema>;

export const BulkImportSchema = z
  .object({
    id: z.uuid(),
    fileName: z.string(),
    agencyCode: z.string(),
    unitCode: z.nullable(z.string()),
    status: BulkImportStatusSchema,
    totalRows: z.int(),
    validRows: z.int(),
    errorRows: z.int(),
    processed: z.int().check(d('rows handled by the creation so far (the progress bar)')),
    created: z.int().check(d('dossiers created')),
    createdAt: z.string(),
    rows: z.array(BulkRowSchema),
  })
  .check(z.meta({ id: 'BulkImport' }));
export type BulkImport = z.infer<typeof BulkImportSchema>;

export const importBulkList = defineContract({
  method: 'POST',
  path: '/api/v1/officer/bulk-imports',
  access: STAFF,
  scope: 'agency',
  tags: TAGS,
  summary: `Import a list (CSV or XLSX, at most ${BULK_MAX_ROWS} rows) and validate each row`,
  description:
    'Columns (first row): Mã số BHXH, Họ và tên, Số điện thoại, Email (optional); English names work too. ' +
    'The body is the file itself (`Content-Type: text/csv`, the XLSX type or application/octet-stream), ' +
    'its name in `?fileName=`: no multipart, and the body limit bounds the size.',
  query: z.object({
    fileName: z.string().check(z.trim(), z.minLength(1), z.maxLength(200)),
    unitCode: z
      .optional(z.string().check(z.regex(/^[0-9A-Z]{6,10}$/)))
      .check(d('the unit or school of the list')),
  }),
  upload: ['text/csv', XLSX_TYPE, 'application/octet-stream'],
  headers: IdempotencyKeyHeaders,
  idempotent: true,
  responses: {
    ...problems(409, 422),
    201: BulkImportSchema,
    ...problems(409, 413, 415, 422),
    ...staffProblems,
  },
});

const ImportParams = z.object({ id: z.uuid() });

export const readBulkImport = defineContract({
  method: 'GET',
  path: '/api/v1/officer/bulk-imports/:id',
  access: STAFF,
  scope: 'agency',
  tags: TAGS,
  summary: 'An import: progress and its rows (or only those with errors)',
  params: ImportParams,
  query: z.object({
    onlyErrors: z._default(z.enum(['true', 'false']), 'false'),
    limit: z._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(500)), 100),
    offset: z._default(z.coerce.number().check(z.int(), z.minimum(0)), 0),
  }),
  responses: { 200: BulkImportSchema, ...staffProblems },
});

export const createBulkDossiers = defineContract({
  method: 'POST',
  path: '/api/v1/officer/bulk-imports/:id/create',
  access: STAFF,
  scope: 'agency',
  tags: TAGS,
  summary: 'Create the draft dossiers of the valid rows (resumable); answers with the rows left in error',
  params: ImportParams,
  headers: IdempotencyKeyHeaders,
  idempotent: true,
  responses: { ...problems(409, 422), 200: BulkImportSchema, ...problems(409), ...staffProblems },
});

// ---- Which agencies receive dossiers (agency admins) ----

export const AdminAgencySchema = z
  .object({
    code: z.string(),
    name: z.string(),
    level: z.enum(['central', 'province', 'local']),
    receivesDossiers: z.boolean(),
    officers: z.int().check(d('Its own active officers')),
    offered: z.boolean().check(d('Citizens may file to it now: it receives and an officer sees its queue')),
  })
  .check(z.meta({ id: 'AdminAgency' }));
export type AdminAgency = z.infer<typeof AdminAgencySchema>;

export const listAdminAgencies = defineContract({
  method: 'GET',
  path: '/api/v1/admin/agencies',
  access: ADMIN,
  scope: 'agency',
  tags: TAGS,
  summary: "The admin's agency and those below it: whether each receives registration dossiers",
  responses: { 200: z.object({ agencies: z.array(AdminAgencySchema) }), ...staffProblems },
});

export const setAgencyReceiving = defineContract({
  method: 'PUT',
  path: '/api/v1/admin/agencies/:code/receiving',
  access: ADMIN,
  scope: 'agency',
  tags: TAGS,
  summary: "Whether an agency of the admin's scope receives registration dossiers (audited)",
  params: z.object({ code: AgencyCode }),
  body: z.object({ receivesDossiers: z.boolean() }),
  headers: IdempotencyKeyHeaders,
  idempotent: true,
  responses: { ...problems(409, 422), 200: AdminAgencySchema, ...problems(422), ...staffProblems },
});

// ---- Statistics and targets (agency admins) ----

export const StatsGroupBySchema = z.enum(['agency', 'province']);
export type StatsGroupBy = z.infer<typeof StatsGroupBySchema>;

export const StatsQuery = z.object({
  year: z.coerce.number().check(z.int(), z.minimum(2015), z.maximum(2100)),
  groupBy: z._default(StatsGroupBySchema, 'agency'),
});

const Counts = {
  received: z.int(),
  approved: z.int(),
  rejected: z.int(),
  expired: z.int(),
  target: z.nullable(z.int()),
  progress: z.nullable(z.number()).check(d('approved / target, percent')),
};

export const StatsRowSchema = z.object({
  key: z.string(),
  name: z.string(),
  provinceCode: z.string(),
  ...Counts,
});
export type StatsRow = z.infer<typeof StatsRowSchema>;

export const RegistrationStatsSchema = z
  .object({
    year: z.int(),
    groupBy: StatsGroupBySchema,
    rows: z.array(StatsRowSchema),
    totals: z.object(Counts),
  })
  .check(z.meta({ id: 'RegistrationStats' }));
export type RegistrationStats = z.infer<typeof RegistrationStatsSchema>;

export const registrationStats = defineContract({
  method: 'GET',
  path: '/api/v1/admin/registration-stats',
  access: ADMIN,
  scope: 'agency',
  tags: TAGS,
  summary: 'Dossiers received, approved, rejected and expired per agency or province, against targets',
  query: StatsQuery,
  responses: { 200: RegistrationStatsSchema, ...staffProblems },
});

export const registrationStatsCsv = defineContract({
  method: 'GET',
  path: '/api/v1/admin/registration-stats.csv',
  access: ADMIN,
  scope: 'agency',
  tags: TAGS,
  summary: 'The statistics as CSV',
  query: StatsQuery,
  responses: { 200: { kind: 'file', contentType: 'text/csv' }, ...staffProblems },
});

export const setRegistrationTarget = defineContract({
  method: 'PUT',
  path: '/api/v1/admin/registration-targets/:agencyCode/:year',
  access: ADMIN,
  scope: 'agency',
  tags: TAGS,
  summary: "Set an agency's registration target for a year",
  params: z.object({
    agencyCode: AgencyCode,
    year: z.coerce.number().check(z.int(), z.minimum(2015), z.maximum(2100)),
  }),
  body: z.object({ target: z.int().check(z.minimum(0), z.maximum(100_000_000)) }),
  headers: IdempotencyKeyHeaders,
  idempotent: true,
  responses: {
    ...problems(409, 422),
    200: z.object({ agencyCode: z.string(), year: z.int(), target: z.int() }),
    ...staffProblems,
  },
});
