import { vietnamToday } from '@vssid/domain';
import {
  listMyDataAccess,
  listMyMedicalVisits,
  listPersonDataAccess,
  listPersonMedicalVisits,
  myParticipationPdf,
  personParticipationPdf,
  readMyBenefits,
  readMyEstimates,
  readMyMedicalVisit,
  readMyParticipation,
  readPersonBenefits,
  readPersonEstimates,
  readPersonMedicalVisit,
  readPersonParticipation,
} from '@vssid/domain/api/records';
import { listMyDocuments } from '@vssid/domain/api/documents';
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import type { CallContext } from '../../context';
import { route } from '../../http/contract-route';
import { AppError, invalidCursor } from '../../http/problem';
import { readAccessTrail, readRecords, type RecordsReadRequest } from './data-access';
import { decodeDocumentCursor, personDocuments } from './documents';
import { participationPdf } from './pdf';
import { findPersonSummary } from './repository';
import * as records from './service';

/**
 * The insured person's records (issue "Records"): Quá trình tham gia, Thông tin hưởng, Sổ khám
 * chữa bệnh, estimates, and who viewed the data. Every call exists twice (contracts in
 * `@vssid/domain/api/records`): `/me/<what>` (the caller; a guardian adds `?for=<child's BHXH
 * code>`) and `/persons/:bhxhCode/<what>` (a guardian's child, or staff within scope with
 * `?purpose=`); both forms share one handler. Every read goes through the data-access layer
 * (data-access.ts), which decides who may read and audits guardians' and staff reads.
 */

/** What a handler of either form reads of its call. */
interface RecordsCall<Q = object> {
  ctx: CallContext;
  params: { bhxhCode?: string };
  query: { for?: string; purpose?: string } & Q;
}

/** Whose records a call of either form reads, and why. */
const requestOf = ({ params, query }: RecordsCall): RecordsReadRequest => ({
  target: params.bhxhCode ?? query.for ?? null,
  purpose: query.purpose,
});

export const recordsRoutes: FastifyPluginAsync = async (app) => {
  const db = () => app.database.db;
  const deps = () => ({ db: app.database.db, translator: app.translator });

  const participation = (call: RecordsCall) =>
    readRecords(deps(), call.ctx, requestOf(call), 'participation', (access) =>
      records.participation(db(), access.subject),
    );
  route(app, readMyParticipation, participation);
  route(app, readPersonParticipation, participation);

  const benefits = (call: RecordsCall) =>
    readRecords(deps(), call.ctx, requestOf(call), 'benefits', (access) =>
      records.benefits(db(), access.subject),
    );
  route(app, readMyBenefits, benefits);
  route(app, readPersonBenefits, benefits);

  const medicalVisits = (call: RecordsCall<{ limit: number; cursor?: string }>) => {
    const { limit, cursor } = call.query;
    return readRecords(deps(), call.ctx, requestOf(call), 'medical_visits', (access) => {
      // A cursor this server did not make: 400, after the access check and before any entry.
      const after = cursor === undefined ? undefined : records.decodeCursor(cursor);
      if (after === null) throw invalidCursor(app.translator.t(call.ctx.language, 'records.badCursor'));
      return records.medicalVisits(db(), access.subject, call.ctx.language, {
        limit,
        ...(after ? { cursor: after } : {}),
      });
    });
  };
  route(app, listMyMedicalVisits, medicalVisits);
  route(app, listPersonMedicalVisits, medicalVisits);

  const medicalVisit = (call: RecordsCall & { params: { maLk: string } }) =>
    readRecords(
      deps(),
      call.ctx,
      requestOf(call),
      'medical_visit',
      (access) => records.medicalVisit(db(), access.subject, call.params.maLk, call.ctx.language),
      (visit) => ({ type: 'medical_visit', id: visit.maLk }),
    );
  route(app, readMyMedicalVisit, medicalVisit);
  route(app, readPersonMedicalVisit, medicalVisit);

  const estimates = (call: RecordsCall) =>
    readRecords(deps(), call.ctx, requestOf(call), 'estimates', (access) =>
      records.estimates(db(), access.subject, vietnamToday()),
    );
  route(app, readMyEstimates, estimates);
  route(app, readPersonEstimates, estimates);

  // Giấy tờ của tôi (issue 23): the person's or, for a guardian, a minor child's (audited).
  route(app, listMyDocuments, (call) => {
    const { limit, cursor } = call.query;
    return readRecords(deps(), call.ctx, requestOf(call), 'documents', (access) => {
      const before = cursor === undefined ? undefined : decodeDocumentCursor(cursor);
      if (before === null) throw invalidCursor(app.translator.t(call.ctx.language, 'records.badCursor'));
      return personDocuments(db(), access, { limit, before });
    });
  });

  const dataAccess = (call: RecordsCall<{ limit: number; before?: string }>) => {
    const { limit, before } = call.query;
    return readAccessTrail(deps(), call.ctx, requestOf(call), (subject) =>
      records.dataAccess(db(), subject, { limit, ...(before ? { before } : {}) }),
    );
  };
  route(app, listMyDataAccess, dataAccess);
  route(app, listPersonDataAccess, dataAccess);

  const pdf = async (call: RecordsCall & { reply: FastifyReply }) => {
    const { holder, data } = await readRecords(
      deps(),
      call.ctx,
      requestOf(call),
      'participation_pdf',
      async (access) => {
        const [holder, data] = await Promise.all([
          findPersonSummary(db(), access.subject),
          records.participation(db(), access.subject),
        ]);
        if (!holder) throw new AppError(404, 'not_found', 'notFound');
        return { holder, data };
      },
    );
    const file = await participationPdf(
      app.translator,
      call.ctx.language,
      {
        fullName: holder.full_name,
        bhxhCode: holder.bhxh_code,
        birthDate: holder.birth_date,
        birthYear: holder.birth_year,
      },
      data,
      vietnamToday(),
    );
    return call.reply
      .type('application/pdf')
      .header('content-disposition', `attachment; filename="qua-trinh-tham-gia-${holder.bhxh_code}.pdf"`)
      .header('cache-control', 'private, no-store')
      .send(file);
  };
  route(app, myParticipationPdf, pdf);
  route(app, personParticipationPdf, pdf);
};
