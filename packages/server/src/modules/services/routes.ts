import {
  actOnMyRequest,
  actOnRequest,
  fileServiceRequest,
  getMyRequest,
  listMyRequests,
  openRequest,
  payMyRequest,
  quoteService,
  readMyRequestAttachment,
  readRequestAttachment,
  requestQueue,
  requestReceipt,
  requestResult,
  serviceCatalogue,
  sendPhoneChangeOtp,
} from '@vssid/domain/api/services';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { FileStorage } from '../../adapters/storage';
import { route } from '../../http/contract-route';
import { sendStoredFile } from '../../http/stored-file';
import type { Translator } from '../../i18n';
import type { AuthService } from '../auth/service';
import type { PaymentsModule } from '../payments';
import type { RequestFile } from './attachments';
import { createCitizenServices } from './citizen-service';
import { createOfficerServices } from './officer-service';
import { paidServicePurposes } from './self-paid';

/** Room for four 2 MB photos in base64 (4/3) plus the form. */
const ATTACHMENTS_BODY_LIMIT = 12 * 1024 * 1024;

const idempotencyKey = (request: FastifyRequest) => request.headers['idempotency-key'] as string;

/** A request's file, named after the request, its step and its place among the step's files. */
const sendFile = (reply: FastifyReply, file: RequestFile) =>
  sendStoredFile(reply, {
    contentType: file.row.content_type,
    bytes: file.bytes,
    filename: `ho-so-${file.number}-${file.row.seq}-${file.row.position}`,
  });

/**
 * The online public services (issue 23; contracts: `@vssid/domain/api/services`): the catalogue,
 * a citizen's requests, the officers' queue and actions. Registered once in app.ts under /api/v1.
 */
export const servicesRoutes: FastifyPluginAsync<{
  translator: Translator;
  storage: FileStorage;
  auth: AuthService;
  payments: PaymentsModule;
  now?: (() => Date) | undefined;
}> = async (app, options) => {
  const deps = { db: app.database.db, translator: options.translator, now: options.now };
  const citizen = createCitizenServices({
    ...deps,
    storage: options.storage,
    otp: options.auth,
    payments: options.payments,
  });
  // Voluntary BHXH and household BHYT (issue #26): a credited payment completes the request.
  for (const purpose of paidServicePurposes({ translator: options.translator }))
    options.payments.registerPurpose(purpose);
  const officer = createOfficerServices({
    ...deps,
    distributed: app.database.distributed === true,
    accounts: options.auth,
    storage: options.storage,
    payments: options.payments,
  });

  route(app, serviceCatalogue, async () => citizen.catalogue());

  route(
    app,
    fileServiceRequest,
    async ({ ctx, body, request, reply }) => {
      const { created, result } = await citizen.file(ctx, body, idempotencyKey(request));
      return reply.code(created ? 201 : 200).send(result);
    },
    { bodyLimit: ATTACHMENTS_BODY_LIMIT },
  );
  route(app, quoteService, async ({ ctx, body }) => citizen.quote(ctx, body.form));
  route(app, sendPhoneChangeOtp, async ({ ctx, body }) => citizen.sendPhoneChangeOtp(ctx, body.phone));
  route(app, listMyRequests, async ({ ctx }) => citizen.mine(ctx));
  route(app, payMyRequest, async ({ ctx, params }) => citizen.pay(ctx, params.number));
  route(app, getMyRequest, async ({ ctx, params }) => citizen.get(ctx, params.number));
  route(
    app,
    actOnMyRequest,
    async ({ ctx, params, body, request }) => citizen.act(ctx, params.number, body, idempotencyKey(request)),
    { bodyLimit: ATTACHMENTS_BODY_LIMIT },
  );
  route(app, requestReceipt, async ({ ctx, params, reply }) => {
    const pdf = await citizen.receipt(ctx, params.number);
    return reply
      .type('application/pdf')
      .header('content-disposition', `inline; filename="giay-tiep-nhan-${params.number}.pdf"`)
      .header('cache-control', 'private, no-store')
      .send(pdf);
  });

  route(app, requestResult, async ({ ctx, params, reply }) => {
    const pdf = await citizen.result(ctx, params.number);
    return reply
      .type('application/pdf')
      .header('content-disposition', `inline; filename="so-bhxh-${params.number}.pdf"`)
      .header('cache-control', 'private, no-store')
      .send(pdf);
  });

  route(app, readMyRequestAttachment, async ({ ctx, params, reply }) =>
    sendFile(reply, await citizen.readFile(ctx, params.number, params)),
  );

  route(app, requestQueue, async ({ ctx, query }) => officer.queue(ctx, query));
  route(app, openRequest, async ({ ctx, params }) => officer.open(ctx, params.number));
  route(app, readRequestAttachment, async ({ ctx, params, query, reply }) =>
    sendFile(reply, await officer.readFile(ctx, params.number, params, query.purpose)),
  );
  route(app, actOnRequest, async ({ ctx, params, body, request }) =>
    officer.act(ctx, params.number, body, idempotencyKey(request)),
  );
};
