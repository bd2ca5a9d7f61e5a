import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { FileStorage } from '../../adapters/storage';
import { DOSSIER_STATUSES, REJECTION_REASONS, vietnamDayStart } from '@vssid/domain';
import { AppError, ProblemSchema } from '../../http/problem';
import { principalOf, requireRole } from '../auth/guard';
import type { OfficerContext, OfficerService } from './officer-service';

/**
 * The officers' back office API (issue "Registration", point 5), under
 * `/api/v1/officer/dossiers`: the queue, one dossier (audited), its photos (audited), the
 * actions record_paper / approve / reject, and redirection to another receiving agency. Officers and agency admins only; scope is the caller's
 * agency and the agencies below it; out of scope answers 404.
 */

const DossierNumber = z
  .string()
  .regex(/^\d{5,}\.GD_\d{4}_[0-9A-Z]{2,8}$/)
  .describe('e.g. 00264.GD_2026_0101');
const FileKind = z.enum(['portrait', 'id_front', 'id_back', 'birth_certificate']);
const Kind = z.enum(['self', 'child', 'bulk']);
const Status = z.enum(DOSSIER_STATUSES);
const IsoDate = z.iso.date();

const QueueQuery = z.object({
  status: Status.optional(),
  kind: Kind.optional().describe('self, child (a guardian for a minor) or bulk (from a unit list)'),
  from: IsoDate.optional().describe('submitted on or after this day (UTC+7), yyyy-mm-dd'),
  to: IsoDate.optional().describe('submitted on or before this day (UTC+7), yyyy-mm-dd'),
  q: z
    .string()
    .trim()
    .min(1)
    .max(100)
    .optional()
    .describe('a dossier number, a BHXH code or words of the name'),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
});

const QueueSchema = z
  .object({
    total: z.number().int(),
    limit: z.number().int(),
    offset: z.number().int(),
    items: z.array(
      z.object({
        number: z.string(),
        bhxhCode: z.string(),
        fullName: z.string(),
        kind: Kind,
        agencyCode: z.string(),
        status: Status,
        delivery: z.enum(['counter', 'post']),
        submittedAt: z.string(),
        deadlineAt: z.string(),
      }),
    ),
  })
  .meta({ id: 'OfficerQueue' });

const SummarySchema = z
  .object({
    awaitingPaper: z.number().int().describe('submitted, waiting for the signed paper Form 01'),
    awaitingDecision: z.number().int().describe('paper received: to approve or reject'),
    dueToday: z.number().int().describe('waiting for the paper, deadline today (UTC+7)'),
  })
  .meta({ id: 'OfficerSummary' });

const ActionLogEntry = z.object({
  seq: z.number().int(),
  action: z.string(),
  actorType: z.string(),
  actorId: z.string().nullable(),
  actorName: z.string().nullable(),
  at: z.string(),
  reasonCode: z.string().nullable(),
  reasonText: z.string().nullable(),
});

const DossierSchema = z
  .object({
    number: z.string(),
    bhxhCode: z.string(),
    kind: Kind,
    agencyCode: z.string(),
    guardianBhxhCode: z.string().nullable(),
    status: Status,
    delivery: z.enum(['counter', 'post']),
    submittedAt: z.string(),
    deadlineAt: z.string(),
    allowedActions: z.array(z.enum(['record_paper', 'approve', 'reject'])),
    declared: z.record(z.string(), z.unknown()).describe('The Form 01 fields as declared'),
    registry: z.object({
      found: z.boolean(),
      fullName: z.string().nullable(),
      dateOfBirth: z.string().nullable(),
      gender: z.string().nullable(),
      address: z.string().nullable(),
    }),
    registryCheck: z.record(z.string(), z.unknown()).describe('The check made at submission'),
    comparison: z.array(
      z.object({
        field: z.enum(['fullName', 'dateOfBirth', 'gender', 'idNumber', 'address']),
        declared: z.string().nullable(),
        registry: z.string().nullable(),
        bhxh: z.string().nullable(),
        differs: z.boolean(),
      }),
    ),
    files: z.array(
      z.object({
        kind: FileKind,
        contentType: z.string(),
        byteSize: z.number().int(),
        width: z.number().int(),
        height: z.number().int(),
        url: z.string(),
      }),
    ),
    actions: z.array(ActionLogEntry),
  })
  .meta({ id: 'OfficerDossier' });

const ActionBody = z.object({
  action: z.enum(['record_paper', 'approve', 'reject']),
  reasonCode: z
    .enum(REJECTION_REASONS)
    .optional()
    .describe('reject: a reason from the list (other: write it)'),
  reasonText: z.string().trim().min(3).max(500).optional().describe('reject: the reason in words'),
});

const ActionResult = z
  .object({ number: z.string(), status: Status, seq: z.number().int() })
  .meta({ id: 'OfficerActionResult' });

export const officerRoutes: FastifyPluginAsyncZod<{
  officer: OfficerService;
  files: FileStorage;
}> = async (app, { officer, files }) => {
  const ctx = (request: FastifyRequest): OfficerContext => ({
    ip: request.ip,
    requestId: request.id,
    language: request.language,
  });
  const staff = requireRole('officer', 'agency_admin');
  const errors = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema };

  app.get(
    '/',
    {
      preHandler: staff,
      schema: {
        tags: ['registration'],
        summary: "The queue of the agency's dossiers (and its local offices')",
        querystring: QueueQuery,
        response: { 200: QueueSchema, ...errors },
      },
    },
    async (request) => {
      const q = request.query;
      return officer.queue(principalOf(request), {
        status: q.status,
        kind: q.kind,
        from: q.from ? vietnamDayStart(q.from) : undefined,
        to: q.to ? new Date(vietnamDayStart(q.to).getTime() + 86_400_000) : undefined,
        q: q.q,
        limit: q.limit,
        offset: q.offset,
      });
    },
  );

  app.get(
    '/summary',
    {
      preHandler: staff,
      schema: {
        tags: ['registration'],
        summary: "The back office home's counts: open dossiers in the caller's scope, and those due today",
        response: { 200: SummarySchema, ...errors },
      },
    },
    async (request) => officer.summary(principalOf(request), new Date()),
  );

  app.get(
    '/:number',
    {
      preHandler: staff,
      schema: {
        tags: ['registration'],
        summary: 'A dossier: declared data beside the registry, photos, the action log (audited)',
        params: z.object({ number: DossierNumber }),
        response: { 200: DossierSchema, ...errors },
      },
    },
    async (request) => officer.open(principalOf(request), request.params.number, ctx(request)),
  );

  app.get(
    '/:number/files/:kind',
    {
      preHandler: staff,
      schema: {
        tags: ['registration'],
        summary: "A dossier's photo (audited)",
        params: z.object({ number: DossierNumber, kind: FileKind }),
        response: { 200: z.any().describe('the image bytes'), ...errors },
      },
    },
    async (request, reply) => {
      const file = await officer.file(
        principalOf(request),
        request.params.number,
        request.params.kind,
        ctx(request),
      );
      const bytes = await files.get(file.sha256);
      if (!bytes) throw new AppError(404, 'not_found', 'notFound');
      return reply
        .header('content-type', file.content_type)
        .header('cache-control', 'private, no-store')
        .header('x-content-type-options', 'nosniff')
        .send(bytes);
    },
  );

  app.post(
    '/:number/redirect',
    {
      preHandler: staff,
      schema: {
        tags: ['registration'],
        summary:
          'Send the dossier to another agency that receives dossiers (logged in its action log, audited, the person told by SMS)',
        params: z.object({ number: DossierNumber }),
        body: z.object({
          agencyCode: z.string().regex(/^[0-9A-Z]{2,8}$/),
          reasonText: z.string().trim().min(3).max(500).describe('Why it goes there'),
        }),
        response: {
          200: ActionResult.extend({ agencyCode: z.string() }).meta({ id: 'OfficerRedirectResult' }),
          409: ProblemSchema,
          422: ProblemSchema,
          ...errors,
        },
      },
    },
    async (request) =>
      officer.redirect(principalOf(request), request.params.number, request.body, ctx(request)),
  );

  app.post(
    '/:number/actions',
    {
      preHandler: staff,
      schema: {
        tags: ['registration'],
        summary: 'Record the signed paper form, approve (creates the account) or reject (with a reason)',
        params: z.object({ number: DossierNumber }),
        body: ActionBody,
        response: { 200: ActionResult, 409: ProblemSchema, ...errors },
      },
    },
    async (request) => officer.act(principalOf(request), request.params.number, request.body, ctx(request)),
  );
};
