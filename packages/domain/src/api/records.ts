import * as z from 'zod/mini';
import { BhxhCode, IsoDate, Money, Month, StaffPurpose, described } from './common';
import { defineContract, problems } from './contract';

/**
 * The insured person's records (issue "Records"): Quá trình tham gia, Thông tin hưởng, Sổ khám
 * chữa bệnh, estimates, and who viewed the data. Every call exists twice: `/me/<what>` (the
 * caller; a guardian adds `?for=<child's BHXH code>`) and `/persons/:bhxhCode/<what>` (a
 * guardian's child, or staff within scope with `?purpose=`); both forms share their schemas.
 * Who may read is decided by the server's records access rule; staff and guardian reads are
 * audited (the person sees them under "who viewed my data").
 */

const d = z.describe;

export const SCHEMES = ['bhxh_compulsory', 'bhxh_voluntary', 'bhtn', 'bhtnld_bnn', 'bhyt'] as const;
export const SchemeSchema = z.enum(SCHEMES);
export type Scheme = z.infer<typeof SchemeSchema>;

const count = () => z.int();

const RangeSchema = z.object({ from: Month, to: Month, months: z.int().check(z.positive()) });

export const ParticipationSchema = z
  .object({
    bhxhCode: BhxhCode,
    periods: z.array(
      z.object({
        id: z.string(),
        scheme: SchemeSchema,
        fromMonth: Month,
        toMonth: Month,
        months: z.int().check(z.positive()),
        unitCode: z.nullable(z.string()),
        unitName: z.nullable(z.string()),
        position: z.nullable(z.string()),
        salary: described(Money, 'Salary (compulsory) or chosen income (voluntary) per month, VND'),
        employeeRateBp: z.int().check(d('basis points of the salary')),
        employerRateBp: z.int(),
        employeeAmount: Money,
        employerAmount: Money,
        stateSupport: Money,
        status: z.enum(['paid', 'owed']),
      }),
    ),
    summary: z.object({
      bhxhCombined: z.object({
        months: count(),
        years: count(),
        remainderMonths: count(),
      }),
      schemes: z.array(
        z.object({
          scheme: SchemeSchema,
          months: z.int().check(d('distinct paid months (overlaps once)')),
          years: count(),
          remainderMonths: count(),
          owedMonths: count(),
          firstMonth: z.nullable(Month),
          lastMonth: z.nullable(Month),
          gaps: z.array(RangeSchema),
          owed: z.array(
            z.extend(RangeSchema, { unitCode: z.nullable(z.string()), unitName: z.nullable(z.string()) }),
          ),
        }),
      ),
    }),
  })
  .check(z.meta({ id: 'Participation' }));
export type Participation = z.infer<typeof ParticipationSchema>;
export type Period = Participation['periods'][number];
export type SchemeSummary = Participation['summary']['schemes'][number];

const PaymentMethod = z.enum(['cash_post_office', 'bank_account']);
/** Where and how a monthly benefit is paid from a month on (an approved payment change, issue #23). */
export const PaymentArrangementSchema = z.object({
  effectiveFrom: IsoDate.check(d('the first day of the first month paid this way')),
  method: PaymentMethod,
  provinceCode: z.nullable(z.string()),
  communeCode: z.nullable(z.string()),
  bankName: z.nullable(z.string()),
  accountEnding: z.nullable(z.string()).check(d('the last 4 digits of the bank account')),
});

export const BenefitsSchema = z
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
          paidOn: z.nullable(IsoDate),
          status: z.enum(['paid', 'pending']),
        }),
      )
      .check(d('one-off benefits (BHXH một lần, ốm đau, thai sản, TNLĐ-BNN), newest first')),
    monthly: z
      .array(
        z.object({
          kind: z.enum(['pension', 'unemployment']),
          monthlyAmount: described(Money, "the newest month's amount: what is paid each month now"),
          decisionNumber: z.string(),
          fromMonth: z.string().check(d('yyyy-mm, the first month')),
          toMonth: z.string().check(d('yyyy-mm, the newest month')),
          paidMonths: count(),
          pendingMonths: count(),
          months: z
            .array(
              z.object({
                id: z.string(),
                month: z.string().check(d('yyyy-mm')),
                amount: Money,
                decisionNumber: z.string(),
                status: z
                  .enum(['paid', 'pending'])
                  .check(d("pending: the month's payment day has not come yet")),
                paidOn: z.nullable(IsoDate),
                paidVia: z
                  .nullable(PaymentMethod)
                  .check(d('how the month is paid, from the arrangement in effect (null: none recorded)')),
              }),
            )
            .check(d('newest first')),
          arrangements: z
            .array(PaymentArrangementSchema)
            .check(d('where and how the benefit is paid from a month on (approved changes), newest first')),
        }),
      )
      .check(d('benefits paid month by month (lương hưu, trợ cấp thất nghiệp)')),
  })
  .check(z.meta({ id: 'Benefits' }));
export type Benefits = z.infer<typeof BenefitsSchema>;
export type Benefit = Benefits['items'][number];
export type MonthlyBenefit = Benefits['monthly'][number];

const IcdSchema = z.object({ code: z.string(), name: z.nullable(z.string()) });
export const VisitSchema = z.object({
  maLk: z.string(),
  clinicCode: z.string(),
  clinicName: z.string(),
  cardNumber: z.string(),
  visitKind: z.string().check(d('MA_LOAI_KCB')),
  setting: z.enum(['outpatient', 'inpatient']),
  route: z.int().check(d('1 correct route, 2 emergency, 3 outside route')),
  admittedAt: z.string().check(d('yyyy-mm-ddThh:mm:ss, clinic wall clock')),
  dischargedAt: z.string(),
  treatmentDays: count(),
  diagnosis: z.nullable(z.string()),
  icd10Main: IcdSchema,
  icd10Other: z.array(IcdSchema),
  outcome: z.nullable(z.int()),
  totalCost: Money,
  coveredCost: Money,
  fundPaid: Money,
  coPayment: Money,
});
export type Visit = z.infer<typeof VisitSchema>;

export const MedicalVisitsSchema = z
  .object({
    bhxhCode: BhxhCode,
    items: z.array(z.extend(VisitSchema, { documentCount: count() })),
    nextCursor: z.nullable(z.string()),
  })
  .check(z.meta({ id: 'MedicalVisits' }));
export type MedicalVisits = z.infer<typeof MedicalVisitsSchema>;

export const DOCUMENT_KINDS = [
  'discharge',
  'birth_certificate',
  'pregnancy_rest',
  'sick_leave',
  'referral',
  'revisit',
] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

export const MedicalVisitSchema = z
  .extend(VisitSchema, {
    bhxhCode: BhxhCode,
    documents: z.array(
      z.object({
        kind: z.enum(DOCUMENT_KINDS),
        number: z.string(),
        issuedOn: IsoDate,
        content: z.record(z.string(), z.unknown()),
      }),
    ),
  })
  .check(z.meta({ id: 'MedicalVisit' }));
export type MedicalVisit = z.infer<typeof MedicalVisitSchema>;

export const EstimatesSchema = z
  .object({
    bhxhCode: BhxhCode,
    isEstimate: z.literal(true).check(d('An estimate for information, not a decision')),
    asOf: IsoDate,
    inputs: z.object({
      gender: z.enum(['male', 'female']),
      birthYear: z.int(),
      contributionMonths: count(),
      contributionYears: count(),
      contributionRemainderMonths: count(),
      paidRanges: z.array(z.object({ from: Month, to: Month })),
      averageSalary: Money,
      salaryRevalued: z.boolean(),
      firstContributionMonth: z.nullable(Month),
      lastContributionMonth: z.nullable(Month),
      monthsOutOfScheme: count(),
      rulesDate: IsoDate,
    }),
    pension: z.object({
      eligible: z.boolean(),
      rate: z.number(),
      rateBp: z.int(),
      monthlyAmount: Money,
      lumpSumOnRetirement: Money,
      yearsCounted: z.number(),
      reason: z.nullable(z.string()),
      ruleApplied: z.array(z.string()),
      explanation: z.array(z.string()).check(d('English, with the numbers used')),
      source: z.string(),
    }),
    oneTime: z.object({
      amount: Money,
      benefitMonths: z.number(),
      monthsBefore2014: count(),
      monthsFrom2014: count(),
      periods: z.array(
        z.object({
          from: IsoDate,
          monthsPerYear: z.number(),
          months: count(),
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
  .check(z.meta({ id: 'Estimates' }));
export type Estimates = z.infer<typeof EstimatesSchema>;

export const DataAccessSchema = z
  .object({
    bhxhCode: BhxhCode,
    items: z.array(
      z.object({
        id: z.string().check(d('the newest entry of this piece of work')),
        at: z.string().check(d('ISO 8601, the newest step')),
        from: z.string().check(d('ISO 8601, the first step')),
        actorType: z.string(),
        actorName: z.nullable(z.string()),
        organization: z
          .nullable(
            z.object({
              kind: z.enum(['agency', 'clinic', 'unit']),
              code: z.string(),
              name: z.nullable(z.string()),
            }),
          )
          .check(d("the staff member's BHXH agency, clinic or employer unit")),
        action: z
          .string()
          .check(d('the headline action, a code of AUDIT_ACTIONS (translated by the screens)')),
        targetType: z.nullable(z.string()),
        targetId: z.nullable(z.string()),
        purposeCode: z.nullable(z.string()).check(d('a code of AUDIT_PURPOSES (translated by the screens)')),
        purposeStated: z.nullable(z.string()).check(d("the staff member's purpose in their own words")),
        steps: z
          .array(
            z.object({
              id: z.string(),
              at: z.string(),
              action: z.string(),
              file: z.nullable(z.string()).check(d('the dossier photo read, for dossier.file.read')),
            }),
          )
          .check(d('every audit entry of this piece of work, oldest first')),
      }),
    ),
    nextBefore: z.nullable(z.string()),
  })
  .check(z.meta({ id: 'DataAccess' }));
export type DataAccess = z.infer<typeof DataAccessSchema>;
export type DataAccessEntry = DataAccess['items'][number];

// ---- Inputs ----

/** `/me/<what>`: the caller's records, a guardian's child's with `for`, staff say why. */
const MeQuery = z.object({
  for: z.optional(BhxhCode).check(d("A guardian reading a minor child's records: the child's BHXH code")),
  purpose: z.optional(StaffPurpose).check(d('Staff only, required: why the record is read')),
});
/** `/persons/:bhxhCode/<what>`: no `for` (the person is in the path). */
const PersonQuery = z.omit(MeQuery, { for: true });
const PersonParams = z.object({ bhxhCode: BhxhCode });

const VisitPage = {
  limit: z._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(100)), 20),
  cursor: z.optional(z.string().check(z.maxLength(200))),
};
const AccessPage = {
  limit: z
    ._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(200)), 100)
    .check(d('audit entries to read (grouped into pieces of work)')),
  before: z.optional(z.string().check(z.regex(/^\d{1,19}$/))),
};
const VisitParams = { maLk: z.string().check(z.minLength(1), z.maxLength(64)) };

const TAGS = ['records'] as const;
const ANY_ROLE = { roles: [] } as const;
const errors = problems(400, 401, 403, 404);
const personly = (summary: string) => `${summary} (a guardian's child, or staff within scope)`;
const WHO = `Any signed-in caller: the person; the guardian of a minor (\`for=\` or the child's code in the path); officers and agency admins within their agency's scope, with \`purpose\` (audited). Anyone else gets 404, as for a person who does not exist.`;

// ---- Quá trình tham gia ----

const participationSummary = 'Quá trình tham gia: periods per scheme, totals, gaps, owed months';
export const readMyParticipation = defineContract({
  method: 'GET',
  path: '/api/v1/me/participation',
  access: ANY_ROLE,
  scope: ['self-or-ward', 'agency'],
  tags: TAGS,
  summary: participationSummary,
  description: WHO,
  query: MeQuery,
  responses: { 200: ParticipationSchema, ...errors },
});
export const readPersonParticipation = defineContract({
  method: 'GET',
  path: '/api/v1/persons/:bhxhCode/participation',
  access: ANY_ROLE,
  scope: ['self-or-ward', 'agency'],
  tags: TAGS,
  summary: personly(participationSummary),
  description: WHO,
  params: PersonParams,
  query: PersonQuery,
  responses: { 200: ParticipationSchema, ...errors },
});

const pdfSummary = "Quá trình tham gia as a PDF (application/pdf) in the caller's language";
const PDF = { kind: 'file', contentType: 'application/pdf' } as const;
export const myParticipationPdf = defineContract({
  method: 'GET',
  path: '/api/v1/me/participation.pdf',
  access: ANY_ROLE,
  scope: ['self-or-ward', 'agency'],
  tags: TAGS,
  summary: pdfSummary,
  description: WHO,
  query: MeQuery,
  responses: { 200: PDF, ...errors },
});
export const personParticipationPdf = defineContract({
  method: 'GET',
  path: '/api/v1/persons/:bhxhCode/participation.pdf',
  access: ANY_ROLE,
  scope: ['self-or-ward', 'agency'],
  tags: TAGS,
  summary: "Quá trình tham gia as a PDF (a guardian's child, or staff within scope)",
  description: WHO,
  params: PersonParams,
  query: PersonQuery,
  responses: { 200: PDF, ...errors },
});

// ---- Thông tin hưởng ----

const benefitsSummary = 'Thông tin hưởng: benefits received, newest first';
export const readMyBenefits = defineContract({
  method: 'GET',
  path: '/api/v1/me/benefits',
  access: ANY_ROLE,
  scope: ['self-or-ward', 'agency'],
  tags: TAGS,
  summary: benefitsSummary,
  description: WHO,
  query: MeQuery,
  responses: { 200: BenefitsSchema, ...errors },
});
export const readPersonBenefits = defineContract({
  method: 'GET',
  path: '/api/v1/persons/:bhxhCode/benefits',
  access: ANY_ROLE,
  scope: ['self-or-ward', 'agency'],
  tags: TAGS,
  summary: personly(benefitsSummary),
  description: WHO,
  params: PersonParams,
  query: PersonQuery,
  responses: { 200: BenefitsSchema, ...errors },
});

// ---- Sổ khám chữa bệnh ----

const visitsSummary = 'Sổ khám chữa bệnh: visits, newest first, paged';
export const listMyMedicalVisits = defineContract({
  method: 'GET',
  path: '/api/v1/me/medical-visits',
  access: ANY_ROLE,
  scope: ['self-or-ward', 'agency'],
  tags: TAGS,
  summary: visitsSummary,
  description: WHO,
  query: z.extend(MeQuery, VisitPage),
  responses: { 200: MedicalVisitsSchema, ...errors },
});
export const listPersonMedicalVisits = defineContract({
  method: 'GET',
  path: '/api/v1/persons/:bhxhCode/medical-visits',
  access: ANY_ROLE,
  scope: ['self-or-ward', 'agency'],
  tags: TAGS,
  summary: personly(visitsSummary),
  description: WHO,
  params: PersonParams,
  query: z.extend(PersonQuery, VisitPage),
  responses: { 200: MedicalVisitsSchema, ...errors },
});

export const readMyMedicalVisit = defineContract({
  method: 'GET',
  path: '/api/v1/me/medical-visits/:maLk',
  access: ANY_ROLE,
  scope: ['self-or-ward', 'agency'],
  tags: TAGS,
  summary: 'One visit with its documents (discharge paper, sick-leave certificate, …)',
  description: WHO,
  params: z.object(VisitParams),
  query: MeQuery,
  responses: { 200: MedicalVisitSchema, ...errors },
});
export const readPersonMedicalVisit = defineContract({
  method: 'GET',
  path: '/api/v1/persons/:bhxhCode/medical-visits/:maLk',
  access: ANY_ROLE,
  scope: ['self-or-ward', 'agency'],
  tags: TAGS,
  summary: "One visit with its documents (a guardian's child, or staff within scope)",
  description: WHO,
  params: z.extend(PersonParams, VisitParams),
  query: PersonQuery,
  responses: { 200: MedicalVisitSchema, ...errors },
});

// ---- Estimates ----

const estimatesSummary = 'Pension and one-time BHXH estimates from the own history (not a decision)';
export const readMyEstimates = defineContract({
  method: 'GET',
  path: '/api/v1/me/estimates',
  access: ANY_ROLE,
  scope: ['self-or-ward', 'agency'],
  tags: TAGS,
  summary: estimatesSummary,
  description: WHO,
  query: MeQuery,
  responses: { 200: EstimatesSchema, ...errors },
});
export const readPersonEstimates = defineContract({
  method: 'GET',
  path: '/api/v1/persons/:bhxhCode/estimates',
  access: ANY_ROLE,
  scope: ['self-or-ward', 'agency'],
  tags: TAGS,
  summary: personly(estimatesSummary),
  description: WHO,
  params: PersonParams,
  query: PersonQuery,
  responses: { 200: EstimatesSchema, ...errors },
});

// ---- Who viewed my data ----

const dataAccessSummary = 'Who viewed my data: staff reads of the records, newest first';
const TRAIL =
  'The person and the guardian of a minor only (not audited); staff get 404 and read the trail through the audit tools.';
export const listMyDataAccess = defineContract({
  method: 'GET',
  path: '/api/v1/me/data-access',
  access: ANY_ROLE,
  scope: 'self-or-ward',
  tags: TAGS,
  summary: dataAccessSummary,
  description: TRAIL,
  query: z.extend(MeQuery, AccessPage),
  responses: { 200: DataAccessSchema, ...errors },
});
export const listPersonDataAccess = defineContract({
  method: 'GET',
  path: '/api/v1/persons/:bhxhCode/data-access',
  access: ANY_ROLE,
  scope: 'self-or-ward',
  tags: TAGS,
  summary: personly(dataAccessSummary),
  description: TRAIL,
  params: PersonParams,
  query: z.extend(PersonQuery, AccessPage),
  responses: { 200: DataAccessSchema, ...errors },
});
