import {
  fileDeclaration,
  getDeclaration,
  listDeclarations,
  unitStatement,
  unitStatementPdf,
  unitStatementXlsx,
} from '@vssid/domain/api/declarations';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { route } from '../../http/contract-route';
import type { Translator } from '../../i18n';
import { createDeclarationService } from './service';
import { statementPdf, statementXlsx } from './statement-files';

const idempotencyKey = (request: FastifyRequest) => request.headers['idempotency-key'] as string;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * The employer's declarations and monthly statement (issue #27; contracts:
 * `@vssid/domain/api/declarations`). Registered in app.ts under /api/v1.
 */
export const declarationRoutes: FastifyPluginAsync<{
  translator: Translator;
  now?: (() => Date) | undefined;
}> = async (app, options) => {
  const { translator } = options;
  const declarations = createDeclarationService({
    db: app.database.db,
    translator,
    signing: app.submissionSigning,
    now: options.now,
  });

  route(app, fileDeclaration, async ({ ctx, body, request, reply }) => {
    const { created, result } = await declarations.file(ctx, body, idempotencyKey(request));
    return reply.code(created ? 201 : 200).send(result);
  });
  route(app, listDeclarations, async ({ ctx, query }) => declarations.list(ctx, query));
  route(app, getDeclaration, async ({ ctx, params }) => declarations.get(ctx, params.number));
  route(app, unitStatement, async ({ ctx, params }) => declarations.statement(ctx, params.month));
  route(app, unitStatementPdf, async ({ ctx, params, reply }) => {
    const s = await declarations.statement(ctx, params.month);
    return reply
      .type('application/pdf')
      .header('content-disposition', `inline; filename="C12-TS-${s.unit.code}-${s.month}.pdf"`)
      .header('cache-control', 'private, no-store')
      .send(await statementPdf(translator, ctx.language, s));
  });
  route(app, unitStatementXlsx, async ({ ctx, params, reply }) => {
    const s = await declarations.statement(ctx, params.month);
    const workers = await declarations.statementWorkers(ctx, s.month);
    return reply
      .type(XLSX)
      .header('content-disposition', `attachment; filename="C12-TS-${s.unit.code}-${s.month}.xlsx"`)
      .header('cache-control', 'private, no-store')
      .send(await statementXlsx(translator, ctx.language, s, workers));
  });
};
