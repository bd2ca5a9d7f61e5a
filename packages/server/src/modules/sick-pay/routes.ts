import {
  getSickPayClaim,
  listSickLeaveCertificates,
  listSickPayClaims,
  submitSickPayBatch,
  supplementSickPayClaim,
} from '@vssid/domain/api/sick-pay';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { route } from '../../http/contract-route';
import type { Translator } from '../../i18n';
import { createSickPayService } from './service';

const idempotencyKey = (request: FastifyRequest) => request.headers['idempotency-key'] as string;

/**
 * Sick-pay claims, dossier 630a (issue #27 item 5; contracts: `@vssid/domain/api/sick-pay`): the
 * employer unit's certificates, batches and claims. Registered once in app.ts under /api/v1.
 */
export const sickPayRoutes: FastifyPluginAsync<{
  translator: Translator;
  now?: (() => Date) | undefined;
}> = async (app, options) => {
  const service = createSickPayService({
    db: app.database.db,
    translator: options.translator,
    signing: app.submissionSigning,
    now: options.now,
  });

  route(app, listSickLeaveCertificates, async ({ ctx }) => service.certificates(ctx));
  route(app, submitSickPayBatch, async ({ ctx, body, request, reply }) => {
    const { created, result } = await service.submit(ctx, body, idempotencyKey(request));
    return reply.code(created ? 201 : 200).send(result);
  });
  route(app, listSickPayClaims, async ({ ctx }) => service.list(ctx));
  route(app, getSickPayClaim, async ({ ctx, params }) => service.get(ctx, params.number));
  route(app, supplementSickPayClaim, async ({ ctx, params, body, request }) =>
    service.supplement(ctx, params.number, body.note, idempotencyKey(request)),
  );
};
