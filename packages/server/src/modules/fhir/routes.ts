import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { contextOf } from '../../http/context';
import { AppError } from '../../http/problem';
import { RequestValidationError } from '../../http/validation';
import type { Translator } from '../../i18n';
import { requireRole } from '../auth/guard';
import { addressOf, type CardService } from '../card';
import { findVisits } from './repository';
import {
  capabilityStatement,
  coverageResource,
  explanationOfBenefitResource,
  patientResource,
  searchBundle,
} from './resources';

export const FHIR_JSON = 'application/fhir+json; charset=utf-8';

/** Any FHIR resource: its type and whatever else it carries (kept as is by the serializer). */
const Resource = z.looseObject({ resourceType: z.string() }).meta({ id: 'FhirResource' });

const BHXH = /^\d{10}$/;
/** `Patient/0123456789` or `0123456789` (a reference search parameter, FHIR R4 §3.1.1.4.6). */
const PatientRef = z
  .string()
  .trim()
  .transform((v) => v.replace(/^(?:.*\/)?Patient\//, ''))
  .pipe(z.string().regex(BHXH, 'a BHXH code has 10 digits'));

const ISSUE_CODE: Record<number, string> = {
  400: 'invalid',
  401: 'login',
  403: 'forbidden',
  404: 'not-found',
  429: 'throttled',
};

/**
 * FHIR R4 under /fhir/R4: the CapabilityStatement, Patient, Coverage and ExplanationOfBenefit of
 * the signed-in person, their minor children, and, for officers, persons within their agency's
 * scope (audited: `records.fhir.read`, purpose from the `X-Purpose-Of-Use` header or "fhir").
 * Answers are `application/fhir+json`; errors are OperationOutcome resources (translated), and
 * whatever the caller may not see is 404, as for what does not exist.
 */
export const fhirRoutes: FastifyPluginAsyncZod<{
  cards: CardService;
  translator: Translator;
  baseUrl: string;
  version: string;
}> = async (app, { cards, translator, baseUrl, version }) => {
  app.setErrorHandler((error: FastifyError | AppError | RequestValidationError, request, reply) => {
    let status = 500;
    let diagnostics = translator.t(request.language, 'internal');
    if (error instanceof AppError) {
      status = error.status;
      diagnostics = translator.t(request.language, error.messageKey, error.params);
    } else if (error instanceof RequestValidationError) {
      status = 400;
      diagnostics = `${translator.t(request.language, 'validation')} (${error.issues
        .map((i) => i.path.map(String).join('.') || (error.validationContext ?? 'request'))
        .join(', ')})`;
    } else if (typeof error.statusCode === 'number' && error.statusCode < 500) {
      status = error.statusCode;
      diagnostics = translator.t(request.language, 'badRequest');
    } else {
      request.log.error({ err: error }, 'FHIR request failed');
    }
    return reply
      .status(status)
      .header('content-type', FHIR_JSON)
      .send(
        JSON.stringify({
          resourceType: 'OperationOutcome',
          issue: [{ severity: 'error', code: ISSUE_CODE[status] ?? 'exception', diagnostics }],
        }),
      );
  });
  // An unknown resource type or interaction under /fhir/R4: an OperationOutcome too.
  app.setNotFoundHandler((request, reply) =>
    reply
      .status(404)
      .header('content-type', FHIR_JSON)
      .send(
        JSON.stringify({
          resourceType: 'OperationOutcome',
          issue: [
            {
              severity: 'error',
              code: 'not-supported',
              diagnostics: translator.t(request.language, 'notFound'),
            },
          ],
        }),
      ),
  );
  app.addHook('onSend', async (_request, reply, payload) => {
    if (reply.statusCode < 400) void reply.header('content-type', FHIR_JSON);
    return payload;
  });

  const purposeOf = (request: FastifyRequest) => {
    const given = request.headers['x-purpose-of-use'];
    return typeof given === 'string' && given.trim() !== '' ? given.trim().slice(0, 200) : 'fhir.exchange';
  };
  const noStore = (reply: FastifyReply) => void reply.header('cache-control', 'private, no-store');
  const notFound = () => new AppError(404, 'not_found', 'card.notFound');

  app.get(
    '/metadata',
    {
      schema: {
        tags: ['fhir'],
        summary: 'FHIR CapabilityStatement',
        response: { 200: Resource },
      },
    },
    async () => capabilityStatement(baseUrl, version),
  );

  app.get(
    '/Patient/:id',
    {
      preHandler: requireRole(),
      schema: {
        tags: ['fhir'],
        summary: 'A person (id: BHXH code)',
        params: z.object({ id: z.string().regex(BHXH, 'a BHXH code has 10 digits') }),
        response: { 200: Resource },
      },
    },
    async (request, reply) => {
      noStore(reply);
      const found = await cards.accessibleCards(contextOf(request), request.params.id, {
        purpose: purposeOf(request),
        what: 'fhir',
      });
      return patientResource(found.person, addressOf(found.person));
    },
  );

  app.get(
    '/Coverage/:id',
    {
      preHandler: requireRole(),
      schema: {
        tags: ['fhir'],
        summary: 'A health insurance card (id: <BHXH code>-<card id>)',
        params: z.object({ id: z.string().regex(/^\d{10}-\d{1,18}$/, 'the id is <BHXH code>-<card id>') }),
        response: { 200: Resource },
      },
    },
    async (request, reply) => {
      noStore(reply);
      const [bhxhCode = '', cardId = ''] = request.params.id.split('-');
      const found = await cards.accessibleCards(contextOf(request), bhxhCode, {
        cardId,
        purpose: purposeOf(request),
        what: 'fhir',
      });
      const card = found.cards[0];
      if (!card) throw notFound();
      return coverageResource(card);
    },
  );

  app.get(
    '/Coverage',
    {
      preHandler: requireRole(),
      schema: {
        tags: ['fhir'],
        summary: "A person's health insurance cards, newest first",
        querystring: z.object({ beneficiary: PatientRef }),
        response: { 200: Resource },
      },
    },
    async (request, reply) => {
      noStore(reply);
      const found = await cards.accessibleCards(contextOf(request), request.query.beneficiary, {
        purpose: purposeOf(request),
        what: 'fhir',
      });
      const resources = found.cards.map(coverageResource);
      return searchBundle(
        `${baseUrl}/Coverage?beneficiary=Patient/${request.query.beneficiary}`,
        resources,
        baseUrl,
        resources.length,
        null,
      );
    },
  );

  app.get(
    '/ExplanationOfBenefit',
    {
      preHandler: requireRole(),
      schema: {
        tags: ['fhir'],
        summary: "A person's medical visits paid by the health insurance fund, newest first",
        querystring: z.object({
          patient: PatientRef,
          _count: z.coerce.number().int().min(1).max(100).default(20),
          _offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
        }),
        response: { 200: Resource },
      },
    },
    async (request, reply) => {
      noStore(reply);
      const { patient, _count: count, _offset: offset } = request.query;
      await cards.accessibleCards(contextOf(request), patient, {
        purpose: purposeOf(request),
        what: 'fhir',
      });
      const { rows, total } = await findVisits(app.database.db, patient, { count, offset });
      const url = (o: number) =>
        `${baseUrl}/ExplanationOfBenefit?patient=Patient/${patient}&_count=${count}&_offset=${o}`;
      return searchBundle(
        url(offset),
        rows.map((v) => explanationOfBenefitResource(patient, v)),
        baseUrl,
        total,
        offset + rows.length < total ? url(offset + count) : null,
      );
    },
  );
};
