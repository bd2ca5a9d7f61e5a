import * as z from 'zod/mini';
import { AuthenticationResponseSchema } from './auth';
import { BhxhCode, IsoDate, Money, Month } from './common';
import { defineContract, problems } from './contract';
import { IdempotencyHeaders } from './registration';
import { RequestEventSchema, RequestStatusSchema } from './services';
import { REQUEST_NUMBER_PATTERN } from '../service-requests';

/**
 * Sick-pay claims, dossier 630a (issue #27 item 5): an employer unit's user sees the sick-leave
 * certificates (XML11) clinics sent for the unit's workers — a worker being a person with a
 * compulsory BHXH period at the unit in the month the leave starts — not yet claimed, claims them
 * in a batch, and follows each claim, a request of the online services engine that the agency's
 * officers handle in their queue. Every object is the caller's unit's: another unit's worker,
 * certificate or claim answers 404.
 */

const d = z.describe;
const TAGS = ['employer'];
const EMPLOYER = { roles: ['employer'] } as const;
const MaLk = z
  .string()
  .check(z.regex(/^[A-Za-z0-9._\-/]{1,100}$/), d('The visit (MA_LK) of the certificate'));

/** What the allowance would be, or is once approved (`@vssid/domain/sick-pay`). */
export const SickPayComputationSchema = z.object({
  workingDays: z.int().check(d('Working days of the leave (no weekends, public holidays or Tết)')),
  paidDays: z.int().check(d('Days within the yearly limit left')),
  amount: Money.check(d('75 % of the salary of salaryMonth ÷ 24 × paidDays, VND')),
  salaryMonth: Month,
  monthlySalary: Money,
  contributionMonths: z.int().check(d('Months of paid compulsory BHXH before the leave')),
  years: z.array(
    z.object({ year: z.int(), workingDays: z.int(), limit: z.int(), used: z.int(), paidDays: z.int() }),
  ),
  source: z.string().check(d('The legal rule applied')),
});

export type SickPayComputation = z.infer<typeof SickPayComputationSchema>;

export const SickLeaveCertificateSchema = z.object({
  bhxhCode: BhxhCode,
  fullName: z.string(),
  maLk: z.string(),
  number: z.string().check(d('SO_CT, the certificate number')),
  issuedOn: IsoDate,
  from: IsoDate,
  to: IsoDate,
  days: z.int().check(d('SO_NGAY_NGHI, calendar days of leave on the certificate')),
  clinicCode: z.string(),
  clinicName: z.string(),
  doctor: z.nullable(z.string().check(d('MA_BS, the doctor who signed it'))),
  estimate: z.nullable(SickPayComputationSchema).check(d('Null: the worker has no contribution salary then')),
});

export type SickLeaveCertificate = z.infer<typeof SickLeaveCertificateSchema>;

export const SickLeaveCertificatesSchema = z
  .object({ items: z.array(SickLeaveCertificateSchema) })
  .check(z.meta({ id: 'SickLeaveCertificates' }));

export const listSickLeaveCertificates = defineContract({
  method: 'GET',
  path: '/api/v1/employer/sick-leave/certificates',
  access: EMPLOYER,
  scope: 'unit',
  tags: TAGS,
  summary: "The unit's workers' sick-leave certificates not yet claimed, newest first (at most 200)",
  description:
    "Each with the allowance it would give now (for normal working conditions). Reading them is audited as a read of each worker's records.",
  responses: { 200: SickLeaveCertificatesSchema, ...problems(401, 403) },
});

export const SickPayBatchInputSchema = z.object({
  claims: z
    .array(
      z.object({
        bhxhCode: BhxhCode,
        maLk: MaLk,
        heavyWork: z
          .boolean()
          .check(d('Heavy, hazardous or dangerous work, or a regional allowance of 0.7 or more')),
      }),
    )
    .check(z.minLength(1), z.maxLength(100)),
  signature: AuthenticationResponseSchema.check(
    d(
      "The unit admin's passkey assertion over submissionChallenge('630a', { claims }) (@vssid/domain/signing): the batch as sent, signed",
    ),
  ),
});

/** What the unit admin signs: the batch's claims, exactly as sent (kind `630a`). */
export const SICK_PAY_SIGNATURE_KIND = '630a';

export const SickPayClaimSchema = z
  .object({
    number: z.string().check(d('The request number (DVC.…)')),
    batchNumber: z.string().check(d('630a.<unit>.<year>.<sequence>')),
    bhxhCode: BhxhCode,
    fullName: z.string(),
    maLk: z.string(),
    certificateNumber: z.string(),
    from: IsoDate,
    to: IsoDate,
    heavyWork: z.boolean(),
    status: RequestStatusSchema,
    submittedAt: z.string(),
    dueOn: IsoDate,
    decidedAt: z.nullable(z.string()),
    paidDays: z.nullable(z.int()),
    amount: z.nullable(Money).check(d('Granted amount once approved')),
    estimate: z.nullable(SickPayComputationSchema).check(d('As computed when claimed')),
    signedAt: z.string().check(d('When the unit admin signed the batch (the signature is kept with it)')),
  })
  .check(z.meta({ id: 'SickPayClaim' }));

export type SickPayClaim = z.infer<typeof SickPayClaimSchema>;

export const SickPayBatchSchema = z
  .object({ batchNumber: z.string(), claims: z.array(SickPayClaimSchema) })
  .check(z.meta({ id: 'SickPayBatch' }));

export const submitSickPayBatch = defineContract({
  method: 'POST',
  path: '/api/v1/employer/sick-leave/claims',
  access: EMPLOYER,
  scope: 'unit',
  tags: TAGS,
  summary: 'Claim certificates in one batch, dossier 630a (Idempotency-Key: a retry answers 200)',
  description:
    "All or nothing: a certificate that is not of a worker of the unit answers 404; one already claimed 409 `certificate_claimed` naming `claims.<i>.maLk`; a signature that is not the unit admin's over exactly these claims 422 `signature_invalid` on `signature`.",
  headers: IdempotencyHeaders,
  body: SickPayBatchInputSchema,
  responses: { 200: SickPayBatchSchema, 201: SickPayBatchSchema, ...problems(400, 401, 403, 404, 409, 422) },
});

export const SickPayClaimsSchema = z
  .object({ items: z.array(SickPayClaimSchema) })
  .check(z.meta({ id: 'SickPayClaims' }));

export const listSickPayClaims = defineContract({
  method: 'GET',
  path: '/api/v1/employer/sick-leave/claims',
  access: EMPLOYER,
  scope: 'unit',
  tags: TAGS,
  summary: "The unit's claims, newest first (at most 200)",
  responses: { 200: SickPayClaimsSchema, ...problems(401, 403) },
});

const NumberParams = z.object({
  number: z.string().check(z.regex(REQUEST_NUMBER_PATTERN), d('e.g. DVC.0101.2026.000042')),
});

export const SickPayClaimDetailSchema = z
  .object({
    claim: SickPayClaimSchema,
    events: z.array(RequestEventSchema).check(d("The request's timeline (the officer's words included)")),
  })
  .check(z.meta({ id: 'SickPayClaimDetail' }));

export const getSickPayClaim = defineContract({
  method: 'GET',
  path: '/api/v1/employer/sick-leave/claims/:number',
  access: EMPLOYER,
  scope: 'unit',
  tags: TAGS,
  summary: 'One claim of the unit with its request timeline',
  params: NumberParams,
  responses: { 200: SickPayClaimDetailSchema, ...problems(400, 401, 403, 404) },
});

export const supplementSickPayClaim = defineContract({
  method: 'POST',
  path: '/api/v1/employer/sick-leave/claims/:number/supplement',
  access: EMPLOYER,
  scope: 'unit',
  tags: TAGS,
  summary: 'Answer an officer who asked for a supplement (a note; Idempotency-Key)',
  params: NumberParams,
  headers: IdempotencyHeaders,
  body: z.object({ note: z.string().check(z.trim(), z.minLength(1), z.maxLength(500)) }),
  responses: { 200: SickPayClaimDetailSchema, ...problems(400, 401, 403, 404, 409) },
});
