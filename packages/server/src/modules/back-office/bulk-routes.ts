import { createBulkDossiers, importBulkList, readBulkImport } from '@vssid/domain/api/back-office';
import type { FastifyPluginAsync } from 'fastify';
import { route } from '../../http/contract-route';
import type { BulkService } from './bulk-service';

/**
 * Bulk lists API, under `/api/v1/officer/bulk-imports` (contracts: `@vssid/domain/api/back-office`).
 * The upload is the file itself as the request body (`Content-Type: text/csv` or the XLSX type,
 * or application/octet-stream), with its name in `?fileName=`: no multipart needed, and the body
 * limit bounds the size.
 */
export const bulkRoutes: FastifyPluginAsync<{ bulk: BulkService }> = async (app, { bulk }) => {
  for (const type of importBulkList.upload)
    app.addContentTypeParser(type, { parseAs: 'buffer' }, (_request, body, done) => {
      done(null, body);
    });

  route(app, importBulkList, async ({ ctx, query, request, reply }) => {
    const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
    const result = await bulk.importFile(ctx, {
      fileName: query.fileName,
      unitCode: query.unitCode,
      bytes: body,
    });
    return reply.status(201).send(result);
  });

  route(app, readBulkImport, async ({ ctx, params, query }) =>
    bulk.get(ctx, params.id, {
      onlyErrors: query.onlyErrors === 'true',
      limit: query.limit,
      offset: query.offset,
    }),
  );

  route(app, createBulkDossiers, async ({ ctx, params }) => bulk.create(ctx, params.id));
};
