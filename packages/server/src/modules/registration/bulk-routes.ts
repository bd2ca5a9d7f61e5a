import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ProblemSchema } from '../../http/problem';
import { principalOf, requireRole } from '../auth/guard';
import { BULK_MAX_ROWS, type BulkService } from './bulk-service';

/**
 * Bulk lists API, under `/api/v1/officer/bulk-imports`. The upload is the file itself as the
 * request body (`Content-Type: text/csv` or the XLSX type, or application/octet-stream), with
 * its name in `?fileName=`: no multipart needed, and the body limit bounds the size.
 */

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const ImportStatus = z.enum(['validating', 'validated', 'creating', 'done', 'failed']);
const ImportSchema = z
  .object({
    id: z.uuid(),
    fileName: z.string(),
    agencyCode: z.string(),
    unitCode: z.string().nullable(),
    status: ImportStatus,
    totalRows: z.number().int(),
    validRows: z.number().int(),
    errorRows: z.number().int(),
    processed: z.number().int().describe('rows handled by the creation so far (the progress bar)'),
    created: z.number().int().describe('dossiers created'),
    createdAt: z.string(),
    rows: z.array(
      z.object({
        rowNumber: z.number().int().describe('the row in the file (the header is row 1)'),
        data: z.object({ bhxhCode: z.string(), fullName: z.string(), phone: z.string(), email: z.string() }),
        errors: z.array(z.object({ field: z.string(), code: z.string(), message: z.string() })),
        dossierNumber: z.string().nullable(),
      }),
    ),
  })
  .meta({ id: 'BulkImport' });

const errors = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema };

export const bulkRoutes: FastifyPluginAsyncZod<{ bulk: BulkService }> = async (app, { bulk }) => {
  for (const type of ['text/csv', XLSX_TYPE, 'application/octet-stream'])
    app.addContentTypeParser(type, { parseAs: 'buffer' }, (_request, body, done) => {
      done(null, body);
    });
  const staff = requireRole('officer', 'agency_admin');
  const ctx = (request: FastifyRequest) => ({
    ip: request.ip,
    requestId: request.id,
    language: request.language,
  });

  app.post(
    '/',
    {
      preHandler: staff,
      schema: {
        tags: ['registration'],
        summary: `Import a list (CSV or XLSX, at most ${BULK_MAX_ROWS} rows) and validate each row`,
        description:
          'Columns (first row): Mã số BHXH, Họ và tên, Số điện thoại, Email (optional); English names work too.',
        querystring: z.object({
          fileName: z.string().trim().min(1).max(200),
          unitCode: z
            .string()
            .regex(/^[0-9A-Z]{6,10}$/)
            .optional()
            .describe('the unit or school of the list'),
        }),
        response: {
          201: ImportSchema,
          409: ProblemSchema,
          413: ProblemSchema,
          415: ProblemSchema,
          422: ProblemSchema,
          ...errors,
        },
      },
    },
    async (request, reply) => {
      const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
      const result = await bulk.importFile(
        principalOf(request),
        { fileName: request.query.fileName, unitCode: request.query.unitCode, bytes: body },
        ctx(request),
      );
      return reply.status(201).send(result);
    },
  );

  app.get(
    '/:id',
    {
      preHandler: staff,
      schema: {
        tags: ['registration'],
        summary: 'An import: progress and its rows (or only those with errors)',
        params: z.object({ id: z.uuid() }),
        querystring: z.object({
          onlyErrors: z.enum(['true', 'false']).default('false'),
          limit: z.coerce.number().int().min(1).max(500).default(100),
          offset: z.coerce.number().int().min(0).default(0),
        }),
        response: { 200: ImportSchema, ...errors },
      },
    },
    async (request) =>
      bulk.get(
        principalOf(request),
        request.params.id,
        {
          onlyErrors: request.query.onlyErrors === 'true',
          limit: request.query.limit,
          offset: request.query.offset,
        },
        ctx(request),
      ),
  );

  app.post(
    '/:id/create',
    {
      preHandler: staff,
      schema: {
        tags: ['registration'],
        summary:
          'Create the draft dossiers of the valid rows (resumable); answers with the rows left in error',
        params: z.object({ id: z.uuid() }),
        response: { 200: ImportSchema, 409: ProblemSchema, ...errors },
      },
    },
    async (request) => bulk.create(principalOf(request), request.params.id, ctx(request)),
  );
};
