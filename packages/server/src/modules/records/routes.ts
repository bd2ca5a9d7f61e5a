import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { vietnamToday } from '@vssid/domain';
import { contextOf } from '../../http/context';
import { AppError, invalidCursor, ProblemSchema } from '../../http/problem';
import { auditRecordsRead, type RecordsAccess, resolveRecordsAccess } from './access';
import { participationPdf } from './pdf';
import { findPersonSummary } from './repository';
import * as records from './service';

/**
 * The insured person's records (issue "Records"): Quá trình tham gia, Thông tin hưởng, Sổ khám
 * chữa bệnh, estimates, and who viewed the data. Every route exists twice:
 * `/me/<what>` (the caller; a guardian adds `?for=<child's BHXH code>`) and
 * `/persons/:bhxhCode/<what>` (a guardian's child, or staff within scope with `?purpose=`).
 * Who may read is decided in `access.ts` only; staff and guardian reads are audited.
 */

const BhxhCode = z.string().regex(/^\d{10}$/, 'bhxh_code.format');
const Money = z.number().int().nonnegative().describe('VND');
const Month = z
  .string()
  .regex(/^\d{4}-\d{2}$/)
  .describe('yyyy-mm');
const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .describe('yyyy-mm-dd');
const SchemeEnum = z.enum(['bhxh_compulsory', 'bhxh_voluntary', 'bhtn', 'bhtnld_bnn', 'bhyt']);

const MeQuery = z.object({
  for: BhxhCode.optional().describe("A guardian reading a minor child's records: the child's BHXH code"),
  purpose: z
    .string()
    .trim()
    .min(3)
    .max(200)
    .optional()
    .describe('Staff only, required: why the record is read'),
});
const PersonParams = z.object({ bhxhCode: BhxhCode });
const PersonQuery = MeQuery.omit({ for: true });

const Range = z.object({ from: Month, to: Month, months: z.number().int().positive() });
const ParticipationSchema = z
  .object({
    bhxhCode: BhxhCode,
    periods: z.array(
      z.object({
        id: z.string(),
        scheme: SchemeEnum,
        fromMonth: Month,
        toMonth: Month,
        months: z.number().int().positive(),
        unitCode: z.string().nullable(),
        unitName: z.string().nullable(),
        position: z.string().nullable(),
        salary: Money.describe('Salary (compulsory) or chosen income (voluntary) per month, VND'),
        employeeRateBp: z.number().int().describe('basis points of the salary'),
        employerRateBp: z.number().int(),
        employeeAmount: Money,
        employerAmount: Money,
        stateSupport: Money,
        status: z.enum(['paid', 'owed']),
      }),
    ),
    summary: z.object({
      bhxhCombined: z.object({
        months: z.number().int(),
        years: z.number().int(),
        remainderMonths: z.number().int(),
      }),
      schemes: z.array(
        z.object({
          scheme: SchemeEnum,
          months: z.number().int().describe('distinct paid months (overlaps once)'),
          years: z.number().int(),
          remainderMonths: z.number().int(),
          owedMonths: z.number().int(),
          firstMonth: Month.nullable(),
          lastMonth: Month.nullable(),
          gaps: z.array(Range),
          owed: z.array(Range.extend({ unitCode: z.string().nullable(), unitName: z.string().nullable() })),
        }),
      ),
    }),
  })
  .meta({ id: 'Participation' });

const BenefitsSchema = z
  .object({
    bhxhCode: BhxhCode,
    items: z
      .array(
        z.object({
          id: z.string(),
          kind: z.enum(['one_time', 'sickness', 'maternity', 'pension', 'unemployment', 'tnld_bnn']),
          periodFrom: IsoDate,
          periodTo: IsoDate,
          amount: Money,
          decisionNumber: z.string(),
          paidOn: IsoDate.nullable(),
          status: z.enum(['paid', 'pending']),
        }),
      )
      .describe('one-off benefits (BHXH một lần, ốm đau, thai sản, TNLĐ-BNN), newest first'),
    monthly: z
      .array(
        z.object({
          kind: z.enum(['pension', 'unemployment']),
          monthlyAmount: Money.describe("the newest month's amount: what is paid each month now"),
          decisionNumber: z.string(),
          fromMonth: z.string().describe('yyyy-mm, the first month'),
          toMonth: z.string().describe('yyyy-mm, the newest month'),
          paidMonths: z.number().int(),
          pendingMonths: z.number().int(),
          months: z
            .array(
              z.object({
                id: z.string(),
                month: z.string().describe('yyyy-mm'),
                amount: Money,
                decisionNumber: z.string(),
                status: z
                  .enum(['paid', 'pending'])
                  .describe("pending: the month's payment day has not come yet"),
                paidOn: IsoDate.nullable(),
              }),
            )
            .describe('newest first'),
        }),
      )
      .describe('benefits paid month by month (lương hưu, trợ cấp thất nghiệp)'),
  })
  .meta({ id: 'Benefits' });

const Icd = z.object({ code: z.string(), name: z.string().nullable() });
const VisitSchema = z.object({
  maLk: z.string(),
  clinicCode: z.string(),
  clinicName: z.string(),
  cardNumber: z.string(),
  visitKind: z.string().describe('MA_LOAI_KCB'),
  setting: z.enum(['outpatient', 'inpatient']),
  route: z.number().int().describe('1 correct route, 2 emergency, 3 outside route'),
  admittedAt: z.string().describe('yyyy-mm-ddThh:mm:ss, clinic wall clock'),
  dischargedAt: z.string(),
  treatmentDays: z.number().int(),
  diagnosis: z.string().nullable(),
  icd10Main: Icd,
  icd10Other: z.array(Icd),
  outcome: z.number().int().nullable(),
  totalCost: Money,
  coveredCost: Money,
  fundPaid: Money,
  coPayment: Money,
});
const VisitListSchema = z
  .object({
    bhxhCode: BhxhCode,
    items: z.array(VisitSchema.extend({ documentCount: z.number().int() })),
    nextCursor: z.string().nullable(),
  })
  .meta({ id: 'MedicalVisits' });
const VisitDetailSchema = VisitSchema.extend({
  bhxhCode: BhxhCode,
  documents: z.array(
    z.object({
      kind: z.enum(['discharge', 'birth_certificate', 'pregnancy_rest', 'sick_leave', 'referral', 'revisit']),
      number: z.string(),
      issuedOn: IsoDate,
      content: z.record(z.string(), z.unknown()),
    }),
  ),
}).meta({ id: 'MedicalVisit' });

const EstimatesSchema = z
  .object({
    bhxhCode: BhxhCode,
    isEstimate: z.literal(true).describe('An estimate for information, not a decision'),
    asOf: IsoDate,
    inputs: z.object({
      gender: z.enum(['male', 'female']),
      birthYear: z.number().int(),
      contributionMonths: z.number().int(),
      contributionYears: z.number().int(),
      contributionRemainderMonths: z.number().int(),
      paidRanges: z.array(z.object({ from: Month, to: Month })),
      averageSalary: Money,
      salaryRevalued: z.boolean(),
      firstContributionMonth: Month.nullable(),
      lastContributionMonth: Month.nullable(),
      monthsOutOfScheme: z.number().int(),
      rulesDate: IsoDate,
    }),
    pension: z.object({
      eligible: z.boolean(),
      rate: z.number(),
      rateBp: z.number().int(),
      monthlyAmount: Money,
      lumpSumOnRetirement: Money,
      yearsCounted: z.number(),
      reason: z.string().nullable(),
      ruleApplied: z.array(z.string()),
      explanation: z.array(z.string()).describe('English, with the numbers used'),
      source: z.string(),
    }),
    oneTime: z.object({
      amount: Money,
      benefitMonths: z.number(),
      monthsBefore2014: z.number().int(),
      monthsFrom2014: z.number().int(),
      periods: z.array(
        z.object({
          from: IsoDate,
          monthsPerYear: z.number(),
          months: z.number().int(),
          yearsCounted: z.number(),
        }),
      ),
      ruleApplied: z.array(z.string()),
      explanation: z.array(z.string()),
      source: z.string(),
      eligibility: z.object({
        eligible: z.boolean(),
        conditionsMet: z.array(z.string()),
        conditionsInForce: z.array(z.string()),
        source: z.string(),
        unconfirmed: z.boolean(),
      }),
    }),
  })
  .meta({ id: 'Estimates' });

const DataAccessSchema = z
  .object({
    bhxhCode: BhxhCode,
    items: z.array(
      z.object({
        id: z.string().describe('the newest entry of this piece of work'),
        at: z.string().describe('ISO 8601, the newest step'),
        from: z.string().describe('ISO 8601, the first step'),
        actorType: z.string(),
        actorName: z.string().nullable(),
        organization: z
          .object({
            kind: z.enum(['agency', 'clinic', 'unit']),
            code: z.string(),
            name: z.string().nullable(),
          })
          .nullable()
          .describe("the staff member's BHXH agency, clinic or employer unit"),
        action: z
          .string()
          .describe('the headline action, a code of AUDIT_ACTIONS (translated by the screens)'),
        targetType: z.string().nullable(),
        targetId: z.string().nullable(),
        purposeCode: z.string().nullable().describe('a code of AUDIT_PURPOSES (translated by the screens)'),
        purposeStated: z.string().nullable().describe("the staff member's purpose in their own words"),
        steps: z
          .array(
            z.object({
              id: z.string(),
              at: z.string(),
              action: z.string(),
              file: z.string().nullable().describe('the dossier photo read, for dossier.file.read'),
            }),
          )
          .describe('every audit entry of this piece of work, oldest first'),
      }),
    ),
    nextBefore: z.string().nullable(),
  })
  .meta({ id: 'DataAccess' });

const VisitPage = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(200).optional(),
});
const AccessPage = z.object({
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(200)
    .default(100)
    .describe('audit entries to read (grouped into pieces of work)'),
  before: z
    .string()
    .regex(/^\d{1,19}$/)
    .optional(),
});

const errors = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema };
const TAGS = ['records'];

type Target = { params: { bhxhCode?: string }; query: { for?: string; purpose?: string } };

/** The access for a request of either form. */
function accessOf(request: FastifyRequest & Target): Promise<RecordsAccess> {
  return resolveRecordsAccess(request.server.database.db, contextOf(request), request.server.translator, {
    target: request.params.bhxhCode ?? request.query.for ?? null,
    purpose: request.query.purpose,
  });
}

export const recordsRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = () => app.database.db;

  /** Registers `/me/<path>` and `/persons/:bhxhCode/<path>` with the same handler. */
  function both<Extra extends z.ZodObject, R extends z.ZodType>(
    path: string,
    summary: string,
    extraQuery: Extra,
    response: R,
    handler: (
      request: FastifyRequest & Target & { query: z.infer<Extra> },
      access: RecordsAccess,
    ) => Promise<z.input<R>>,
  ) {
    // Registered on the untyped instance: the response schema checks the answer at run time, and
    // the handler's own return type (z.input<R>) is checked where each route is declared below.
    const untyped = app as unknown as FastifyInstance;
    const run = async (request: FastifyRequest) => {
      const r = request as FastifyRequest & Target & { query: z.infer<Extra> };
      return handler(r, await accessOf(r));
    };
    untyped.get(
      `/me/${path}`,
      {
        schema: {
          tags: TAGS,
          summary,
          querystring: MeQuery.extend(extraQuery.shape),
          response: { 200: response, ...errors },
        },
      },
      run,
    );
    untyped.get(
      `/persons/:bhxhCode/${path}`,
      {
        schema: {
          tags: TAGS,
          summary: `${summary} (a guardian's child, or staff within scope)`,
          params: PersonParams,
          querystring: PersonQuery.extend(extraQuery.shape),
          response: { 200: response, ...errors },
        },
      },
      run,
    );
  }

  both(
    'participation',
    'Quá trình tham gia: periods per scheme, totals, gaps, owed months',
    z.object({}),
    ParticipationSchema,
    async (request, access) => {
      await auditRecordsRead(db(), contextOf(request), access, 'participation');
      return records.participation(db(), access.subject);
    },
  );

  both(
    'benefits',
    'Thông tin hưởng: benefits received, newest first',
    z.object({}),
    BenefitsSchema,
    async (request, access) => {
      await auditRecordsRead(db(), contextOf(request), access, 'benefits');
      return records.benefits(db(), access.subject);
    },
  );

  both(
    'medical-visits',
    'Sổ khám chữa bệnh: visits, newest first, paged',
    VisitPage,
    VisitListSchema,
    async (request, access) => {
      const { limit, cursor } = request.query;
      const after = cursor === undefined ? undefined : records.decodeCursor(cursor);
      if (after === null) throw invalidCursor(app.translator.t(request.language, 'records.badCursor'));
      await auditRecordsRead(db(), contextOf(request), access, 'medical_visits');
      return records.medicalVisits(db(), access.subject, request.language, {
        limit,
        ...(after ? { cursor: after } : {}),
      });
    },
  );

  both(
    'estimates',
    'Pension and one-time BHXH estimates from the own history (not a decision)',
    z.object({}),
    EstimatesSchema,
    async (request, access) => {
      await auditRecordsRead(db(), contextOf(request), access, 'estimates');
      return records.estimates(db(), access.subject, vietnamToday());
    },
  );

  both(
    'data-access',
    'Who viewed my data: staff reads of the records, newest first',
    AccessPage,
    DataAccessSchema,
    async (request, access) => {
      // The trail is the person's (or their guardian's) to read; staff read it through the audit tools.
      if (access.via === 'staff') throw new AppError(404, 'not_found', 'notFound');
      const { limit, before } = request.query;
      return records.dataAccess(db(), access.subject, { limit, ...(before ? { before } : {}) });
    },
  );

  const VisitParams = z.object({ maLk: z.string().min(1).max(64) });
  const visitHandler = async (request: FastifyRequest & Target & { params: { maLk: string } }) => {
    const access = await accessOf(request);
    const visit = await records.medicalVisit(db(), access.subject, request.params.maLk, request.language);
    await auditRecordsRead(db(), contextOf(request), access, 'medical_visit', { type: 'medical_visit', id: visit.maLk });
    return visit;
  };
  app.get(
    '/me/medical-visits/:maLk',
    {
      schema: {
        tags: TAGS,
        summary: 'One visit with its documents (discharge paper, sick-leave certificate, …)',
        params: VisitParams,
        querystring: MeQuery,
        response: { 200: VisitDetailSchema, ...errors },
      },
    },
    (request) => visitHandler(request as unknown as FastifyRequest & Target & { params: { maLk: string } }),
  );
  app.get(
    '/persons/:bhxhCode/medical-visits/:maLk',
    {
      schema: {
        tags: TAGS,
        summary: "One visit with its documents (a guardian's child, or staff within scope)",
        params: PersonParams.extend(VisitParams.shape),
        querystring: PersonQuery,
        response: { 200: VisitDetailSchema, ...errors },
      },
    },
    (request) => visitHandler(request as unknown as FastifyRequest & Target & { params: { maLk: string } }),
  );

  const pdfHandler = async (request: FastifyRequest & Target, reply: FastifyReply) => {
    const access = await accessOf(request);
    const [holder, data] = await Promise.all([
      findPersonSummary(db(), access.subject),
      records.participation(db(), access.subject),
    ]);
    if (!holder) throw new AppError(404, 'not_found', 'notFound');
    await auditRecordsRead(db(), contextOf(request), access, 'participation_pdf');
    const today = vietnamToday();
    const pdf = await participationPdf(
      app.translator,
      request.language,
      {
        fullName: holder.full_name,
        bhxhCode: holder.bhxh_code,
        birthDate: holder.birth_date,
        birthYear: holder.birth_year,
      },
      data,
      today,
    );
    return reply
      .type('application/pdf')
      .header('content-disposition', `attachment; filename="qua-trinh-tham-gia-${holder.bhxh_code}.pdf"`)
      .header('cache-control', 'private, no-store')
      .send(pdf);
  };
  app.get(
    '/me/participation.pdf',
    {
      schema: {
        tags: TAGS,
        summary: "Quá trình tham gia as a PDF (application/pdf) in the caller's language",
        querystring: MeQuery,
        response: errors,
      },
    },
    (request, reply) => pdfHandler(request as unknown as FastifyRequest & Target, reply),
  );
  app.get(
    '/persons/:bhxhCode/participation.pdf',
    {
      schema: {
        tags: TAGS,
        summary: "Quá trình tham gia as a PDF (a guardian's child, or staff within scope)",
        params: PersonParams,
        querystring: PersonQuery,
        response: errors,
      },
    },
    (request, reply) => pdfHandler(request as unknown as FastifyRequest & Target, reply),
  );
};
