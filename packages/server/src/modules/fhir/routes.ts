import {
  fhirMetadata,
  readFhirCoverage,
  readFhirPatient,
  searchFhirCoverage,
  searchFhirExplanationOfBenefit,
} from '@vssid/domain/api/fhir';
import type { FastifyError, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { route } from '../../http/contract-route';
import { AppError } from '../../http/problem';
import { RequestValidationError } from '../../http/validation';
import type { Translator } from '../../i18n';
import { addressOf } from '../card';
import type { FhirService } from './service';
import {
  capabilityStatement,
  coverageResource,
  explanationOfBenefitResource,
  patientResource,
  searchBundle,
} from './resources';

const FHIR_JSON = 'application/fhir+json; charset=utf-8';

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
 * scope (contracts: `@vssid/domain/api/fhir`; read and audited through the records data-access
 * layer as `records.fhir.read`, purpose required of staff in the `X-Purpose-Of-Use` header).
 * Answers are `application/fhir+json`; errors are OperationOutcome resources (translated), and
 * whatever the caller may not see is 404, as for what does not exist.
 */
export const fhirRoutes: FastifyPluginAsync<{
  service: FhirService;
  translator: Translator;
  baseUrl: string;
  version: string;
}> = async (app, { service, translator, baseUrl, version }) => {
  app.setErrorHandler((error: FastifyError | AppError | RequestValidationError, request, reply) => {
    let status = 500;
    let diagnostics = translator.t(request.language, 'internal');
    if (error instanceof AppError) {
      status = error.status;
      diagnostics = translator.t(request.language, error.messageKey, error.params);
      // Field errors (a missing X-Purpose-Of-Use): named, with their message.
      if (error.fieldErrors.length)
        diagnostics = `${diagnostics} (${error.fieldErrors.map((f) => `${f.field}: ${f.message}`).join('; ')})`;
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

  // Staff must say why (issue #22 item 6): no default purpose any more; the header is declared
  // (and its length checked) by the contracts.
  const purposeOf = (request: FastifyRequest) => {
    const given = request.headers['x-purpose-of-use'];
    return typeof given === 'string' && given.trim() !== '' ? given.trim() : undefined;
  };
  const noStore = (reply: FastifyReply) => void reply.header('cache-control', 'private, no-store');
  const notFound = () => new AppError(404, 'not_found', 'card.notFound');

  route(app, fhirMetadata, async () => capabilityStatement(baseUrl, version));

  route(app, readFhirPatient, async ({ ctx, params, request, reply }) => {
    noStore(reply);
    const person = await service.patient(ctx, params.id, purposeOf(request));
    return patientResource(person, addressOf(person));
  });

  route(app, readFhirCoverage, async ({ ctx, params, request, reply }) => {
    noStore(reply);
    const [bhxhCode = '', cardId = ''] = params.id.split('-');
    const card = await service.coverage(ctx, bhxhCode, cardId, purposeOf(request));
    if (!card) throw notFound();
    return coverageResource(card);
  });

  route(app, searchFhirCoverage, async ({ ctx, query, request, reply }) => {
    noStore(reply);
    const cards = await service.coverages(ctx, query.beneficiary, purposeOf(request));
    const resources = cards.map(coverageResource);
    return searchBundle(
      `${baseUrl}/Coverage?beneficiary=Patient/${query.beneficiary}`,
      resources,
      baseUrl,
      resources.length,
      null,
    );
  });

  route(app, searchFhirExplanationOfBenefit, async ({ ctx, query, request, reply }) => {
    noStore(reply);
    const { patient, _count: count, _offset: offset } = query;
    const { rows, total } = await service.visits(ctx, patient, { count, offset }, purposeOf(request));
    const url = (o: number) =>
      `${baseUrl}/ExplanationOfBenefit?patient=Patient/${patient}&_count=${count}&_offset=${o}`;
    return searchBundle(
      url(offset),
      rows.map((v) => explanationOfBenefitResource(patient, v)),
      baseUrl,
      total,
      offset + rows.length < total ? url(offset + count) : null,
    );
  });
};
