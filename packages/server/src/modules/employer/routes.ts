import multipart from '@fastify/multipart';
import {
  checkUnitSignature,
  completeUnitPerson,
  createUnitAdmin,
  createUnitBatch,
  createUnitStaff,
  getMyUnit,
  getUnitBatch,
  getUnitPerson,
  listUnitAccounts,
  listUnitAdoption,
  listUnitPeople,
  runUnitBatch,
  setUnitStaffStatus,
} from '@vssid/domain/api/units';
import type { FastifyPluginAsync } from 'fastify';
import secureJson from 'secure-json-parse';
import { route } from '../../http/contract-route';
import { AppError } from '../../http/problem';
import { readSubmitParts, SUBMIT_MULTIPART_OPTIONS } from '../registration';
import type { EmployerService } from './service';

/** Room for three 2 MB photos in base64 (4/3) plus the form. */
const PERSON_BODY_LIMIT = 9 * 1024 * 1024;

/**
 * The employer and school portal's routes (issue #27; contracts: `@vssid/domain/api/units`): the
 * agency's side under `/api/v1/admin`, the unit's under `/api/v1/employer`.
 */
export const employerRoutes: FastifyPluginAsync<{ service: EmployerService }> = async (app, { service }) => {
  route(app, createUnitAdmin, async ({ ctx, params, body, reply }) =>
    reply.status(201).send(await service.createUnitAdmin(ctx, params.unitCode, body)),
  );
  route(app, listUnitAdoption, async ({ ctx, query }) => service.adoptionByUnit(ctx, query));

  route(app, getMyUnit, async ({ ctx }) => service.myUnit(ctx));
  route(app, listUnitAccounts, async ({ ctx }) => ({ accounts: await service.listAccounts(ctx) }));
  route(app, createUnitStaff, async ({ ctx, body, reply }) =>
    reply.status(201).send(await service.createStaff(ctx, body)),
  );
  route(app, setUnitStaffStatus, async ({ ctx, params, body, reply }) => {
    await service.setStaffStatus(ctx, params.id, body.status);
    return reply.status(204).send(null);
  });
  route(app, listUnitPeople, async ({ ctx, query }) => service.listPeople(ctx, query));
  route(app, getUnitPerson, async ({ ctx, params }) => service.getPerson(ctx, params.bhxhCode));
  route(app, createUnitBatch, async ({ ctx, reply }) =>
    reply.status(201).send(await service.createBatch(ctx)),
  );
  route(app, runUnitBatch, async ({ ctx, params }) => service.runBatch(ctx, params.id));
  route(app, getUnitBatch, async ({ ctx, params }) => service.getBatch(ctx, params.id));
  route(app, checkUnitSignature, async ({ ctx, body }) => service.checkSignature(ctx, body));

  // A person's data with the photos: multipart (the web) or JSON with base64 photos, as Form 01.
  await app.register(async (photos) => {
    await photos.register(multipart, SUBMIT_MULTIPART_OPTIONS);
    photos.addHook('preValidation', async (request) => {
      if (!request.isMultipart()) return;
      const { formText, photos: parts } = await readSubmitParts(request);
      let form: unknown;
      try {
        form =
          formText === undefined
            ? undefined
            : secureJson.parse(formText, undefined, { protoAction: 'error', constructorAction: 'error' });
      } catch {
        form = undefined;
      }
      if (form === null || typeof form !== 'object' || Array.isArray(form))
        throw new AppError(400, 'validation_failed', 'validation', {}, [
          {
            in: 'body',
            field: 'form',
            code: 'invalid',
            message: app.translator.t(request.language, 'registration.formPart'),
          },
        ]);
      request.body = { ...form, photos: parts };
    });
    route(
      photos,
      completeUnitPerson,
      async ({ ctx, params, body }) => service.completePerson(ctx, params.bhxhCode, body),
      {
        bodyLimit: PERSON_BODY_LIMIT,
      },
    );
  });
};
