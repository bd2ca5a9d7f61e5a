import * as z from 'zod/mini';
import { BhxhCode, IsoDate, Money, Month } from './common';
import { defineContract, problems } from './contract';
import { IdempotencyHeaders } from './registration';
import { AuthenticationResponseSchema } from './auth';
import { RequestEventSchema, RequestStatusSchema } from './services';
import { DECLARATION_TYPES, REQUEST_NUMBER_PATTERN } from '../service-requests';
import { REMOVAL_REASONS } from '../declarations';

/**
 * The employer's declarations and monthly statement (issue #27 items 3–4). A unit's user files
 * dossiers 600 (a new worker), 600a (a worker leaves) and 600b (a salary or position change) for
 * the unit's own workers; the agency's officers decide them in their one request queue
 * (`/api/v1/officer/service-requests`). The monthly statement (C12-TS) of the unit: JSON, PDF,
 * XLSX. Another unit's worker or declaration answers 404.
 */

const d = z.describe;
const TAGS = ['employer'];
const EMPLOYER = { roles: ['employer'] } as const;
const Text = (max: number) => z.string().check(z.trim(), z.minLength(1), z.maxLength(max));
const Salary = z.int().check(z.minimum(1), z.maximum(10_000_000_000), d('VND a month'));
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const ClinicCode = z.string().check(z.regex(/^\d{2}[0-9A-Z]{3}$/));

/** TK1-TS: the personal data of a worker who has no BHXH code yet (a code is issued on approval). */
export const Tk1tsSchema = z.object({
  fullName: Text(100),
  dateOfBirth: IsoDate,
  gender: z.enum(['male', 'female']),
  cccd: z
    .string()
    .check(z.regex(/^\d{12}$/), d('12-digit chip ID; must agree with the date of birth and gender')),
  phone: z.optional(z.string().check(z.regex(/^0\d{9}$/))),
  addressLine: Text(200),
  provinceCode: z.string().check(z.regex(/^\d{2}$/), d('2025 province (34)')),
  communeCode: z.optional(z.string().check(z.regex(/^\d{5}$/))),
});

export const AddWorkerFormSchema = z.object({
  type: z.literal('declaration_600'),
  bhxhCode: z
    .optional(BhxhCode)
    .check(d('The worker’s BHXH code; omit it and give `person` (TK1-TS) when none')),
  person: z.optional(Tk1tsSchema),
  salary: Salary,
  position: Text(100),
  startMonth: Month.check(d('First month of contributions (D02-LT)')),
  clinicCode: z
    .optional(ClinicCode)
    .check(d('Initial clinic of the new card; default: the clinic of the worker’s current card')),
});
export const RemoveWorkerFormSchema = z.object({
  type: z.literal('declaration_600a'),
  bhxhCode: BhxhCode,
  reason: z.enum(REMOVAL_REASONS),
  endMonth: Month.check(d('Last month of contributions at the unit')),
});
export const AdjustWorkerFormSchema = z.object({
  type: z.literal('declaration_600b'),
  bhxhCode: BhxhCode,
  fromMonth: Month,
  salary: z.optional(Salary),
  position: z.optional(Text(100)),
});
export const DeclarationFormSchema = z.discriminatedUnion('type', [
  AddWorkerFormSchema,
  RemoveWorkerFormSchema,
  AdjustWorkerFormSchema,
]);
export type DeclarationForm = z.infer<typeof DeclarationFormSchema>;

export const DeclarationSchema = z
  .object({
    number: z.string(),
    type: z.enum(DECLARATION_TYPES),
    unitCode: z.string(),
    bhxhCode: z.string().check(d('The worker (for a new worker: the code issued for them)')),
    fullName: z.string(),
    status: RequestStatusSchema,
    form: z.record(z.string(), z.unknown()),
    late: z.boolean().check(d('A late declaration (D01-TS): filed after the 30-day deadline')),
    submittedAt: z.string(),
    dueOn: IsoDate,
    decidedAt: z.nullable(z.string()),
    events: z.array(RequestEventSchema),
  })
  .check(z.meta({ id: 'Declaration' }));
export type Declaration = z.infer<typeof DeclarationSchema>;

export const fileDeclaration = defineContract({
  method: 'POST',
  path: '/api/v1/employer/declarations',
  access: EMPLOYER,
  scope: 'unit',
  tags: TAGS,
  summary:
    'File a declaration 600, 600a or 600b for a worker of the unit, signed by its admin (Idempotency-Key)',
  headers: IdempotencyHeaders,
  body: z.object({
    form: DeclarationFormSchema,
    signature: AuthenticationResponseSchema.check(
      d(
        "The unit admin's device-bound passkey over the form (challenge: submissionChallenge('600' | '600a' | '600b', form), @vssid/domain/signing); an altered form is refused (422 on `signature`)",
      ),
    ),
  }),
  responses: {
    200: DeclarationSchema,
    201: DeclarationSchema,
    ...problems(400, 401, 403, 404, 409, 422),
  },
});

export const DeclarationListSchema = z
  .object({
    total: z.int(),
    items: z.array(
      z.object({
        number: z.string(),
        type: z.enum(DECLARATION_TYPES),
        bhxhCode: z.string(),
        fullName: z.string(),
        status: RequestStatusSchema,
        submittedAt: z.string(),
        dueOn: IsoDate,
      }),
    ),
  })
  .check(z.meta({ id: 'DeclarationList' }));

export const listDeclarations = defineContract({
  method: 'GET',
  path: '/api/v1/employer/declarations',
  access: EMPLOYER,
  scope: 'unit',
  tags: TAGS,
  summary: "The unit's declarations, newest first",
  query: z.object({
    limit: z._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(100)), 20),
    offset: z._default(z.coerce.number().check(z.int(), z.minimum(0), z.maximum(100_000)), 0),
  }),
  responses: { 200: DeclarationListSchema, ...problems(400, 401, 403) },
});

export const getDeclaration = defineContract({
  method: 'GET',
  path: '/api/v1/employer/declarations/:number',
  access: EMPLOYER,
  scope: 'unit',
  tags: TAGS,
  summary: 'One of the unit’s declarations with its timeline',
  params: z.object({ number: z.string().check(z.regex(REQUEST_NUMBER_PATTERN)) }),
  responses: { 200: DeclarationSchema, ...problems(400, 401, 403, 404) },
});

// ---- The monthly statement (C12-TS) ----

const FundAmounts = z.object({
  pension: Money,
  sicknessMaternity: Money,
  occupational: Money,
  health: Money,
  unemployment: Money,
});
const SignedMoney = z.int().check(d('VND; negative: paid in advance'));

export const StatementSchema = z
  .object({
    unit: z.object({ code: z.string(), name: z.string(), taxCode: z.nullable(z.string()) }),
    month: Month,
    people: z.int(),
    salaryFund: Money,
    rates: z
      .object({
        pension: z.int(),
        sicknessMaternity: z.int(),
        occupational: z.int(),
        health: z.int(),
        unemployment: z.int(),
        source: z.string(),
      })
      .check(d('Employee + employer rates, basis points')),
    due: FundAmounts,
    dueTotal: Money,
    opening: SignedMoney.check(d('Owed at the start of the month')),
    paid: Money.check(d('Received in the month (payments ledger)')),
    interest: Money.check(d('Late-payment interest of the month')),
    interestRule: z.object({ bpPerDay: z.int(), source: z.string() }),
    closing: SignedMoney.check(d('Owed at the end of the month')),
    owedByFund: FundAmounts,
    unpaidMonths: z.array(z.object({ month: Month, amount: Money, deadline: IsoDate })),
  })
  .check(z.meta({ id: 'UnitStatement' }));
export type UnitStatement = z.infer<typeof StatementSchema>;

const MonthParams = z.object({ month: Month });

export const unitStatement = defineContract({
  method: 'GET',
  path: '/api/v1/employer/statement/:month',
  access: EMPLOYER,
  scope: 'unit',
  tags: TAGS,
  summary:
    'The monthly statement (C12-TS) of the unit: people, salary fund, due per fund, paid, owed, interest',
  params: MonthParams,
  responses: { 200: StatementSchema, ...problems(400, 401, 403, 422) },
});

export const unitStatementPdf = defineContract({
  method: 'GET',
  path: '/api/v1/employer/statement/:month/pdf',
  access: EMPLOYER,
  scope: 'unit',
  tags: TAGS,
  summary: 'The monthly statement (C12-TS) as a PDF in the caller’s language',
  params: MonthParams,
  responses: { 200: { kind: 'file', contentType: 'application/pdf' }, ...problems(400, 401, 403, 422) },
});

export const unitStatementXlsx = defineContract({
  method: 'GET',
  path: '/api/v1/employer/statement/:month/xlsx',
  access: EMPLOYER,
  scope: 'unit',
  tags: TAGS,
  summary: 'The monthly statement (C12-TS) as a spreadsheet, with the workers of the month',
  params: MonthParams,
  responses: { 200: { kind: 'file', contentType: XLSX_TYPE }, ...problems(400, 401, 403, 422) },
});
