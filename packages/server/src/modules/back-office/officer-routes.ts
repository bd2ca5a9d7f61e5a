import {
  actOnDossier,
  officerQueue,
  officerSummary,
  openDossier,
  readDossierFile,
  redirectDossier,
} from '@vssid/domain/api/back-office';
import { vietnamDayStart } from '@vssid/domain';
import type { FastifyPluginAsync } from 'fastify';
import type { FileStorage } from '../../adapters/storage';
import { route } from '../../http/contract-route';
import { sendStoredFile } from '../../http/stored-file';
import { AppError } from '../../http/problem';
import type { OfficerService } from './officer-service';

/**
 * The officers' back office API (issue "Registration", point 5), under
 * `/api/v1/officer/dossiers`: the queue, one dossier (audited), its photos (audited), the
 * actions record_paper / approve / reject, and redirection to another receiving agency
 * (contracts: `@vssid/domain/api/back-office`).
 */
export const officerRoutes: FastifyPluginAsync<{ officer: OfficerService; files: FileStorage }> = async (
  app,
  { officer, files },
) => {
  route(app, officerQueue, async ({ ctx, query: q }) =>
    officer.queue(ctx, {
      status: q.status,
      kind: q.kind,
      from: q.from ? vietnamDayStart(q.from) : undefined,
      to: q.to ? new Date(vietnamDayStart(q.to).getTime() + 86_400_000) : undefined,
      q: q.q,
      limit: q.limit,
      offset: q.offset,
    }),
  );

  route(app, officerSummary, async ({ ctx }) => officer.summary(ctx, new Date()));

  route(app, openDossier, async ({ ctx, params }) => officer.open(ctx, params.number));

  route(app, readDossierFile, async ({ ctx, params, reply }) => {
    const file = await officer.file(ctx, params.number, params.kind);
    const bytes = await files.get(file.sha256);
    if (!bytes) throw new AppError(404, 'not_found', 'notFound');
    return sendStoredFile(reply, { contentType: file.content_type, bytes });
  });

  route(app, redirectDossier, async ({ ctx, params, body }) => officer.redirect(ctx, params.number, body));

  route(app, actOnDossier, async ({ ctx, params, body }) => officer.act(ctx, params.number, body));
};
