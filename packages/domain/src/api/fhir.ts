import * as z from 'zod/mini';
import { BhxhCode, StaffPurpose } from './common';
import { defineContract } from './contract';

/**
 * FHIR R4 (4.0.1) under `/fhir/R4`: the CapabilityStatement, and the Patient, Coverage and
 * ExplanationOfBenefit of the signed-in person, their minor children and, for officers, persons
 * within their agency's scope (audited as `records.fhir.read`, with the purpose they must give in
 * the `X-Purpose-Of-Use` header). Answers are `application/fhir+json`; errors are
 * OperationOutcome resources (translated, never problem+json), and whatever the caller may not
 * see is 404, as for what does not exist.
 *
 * The schemas name each resource's type, id and the elements this server writes; every object is
 * open (`looseObject`): a FHIR resource may carry more than a schema says, and the server sends
 * what it builds unchanged.
 */

const d = z.describe;

const Coding = z.looseObject({ system: z.string(), code: z.string() });
const CodeableConcept = z.looseObject({ coding: z.array(Coding), text: z.optional(z.string()) });
const Identifier = z.looseObject({
  use: z.optional(z.enum(['usual', 'official', 'temp', 'secondary', 'old'])),
  system: z.string(),
  value: z.string(),
});
const Reference = z.looseObject({
  reference: z.optional(z.string().check(d('`<type>/<id>`'))),
  identifier: z.optional(Identifier),
  display: z.optional(z.string()),
});
const FhirMoney = z.looseObject({ value: z.number(), currency: z.literal('VND') });
const FhirDate = z.string().check(d('A FHIR date: `yyyy-mm-dd`, or `yyyy` when only the year is known'));
const FhirDateTime = z.string().check(d('yyyy-mm-ddThh:mm:ss+07:00 (Vietnam wall time)'));

export const FhirPatientSchema = z
  .looseObject({
    resourceType: z.literal('Patient'),
    id: BhxhCode.check(d('The BHXH code')),
    identifier: z.array(Identifier),
    active: z.boolean(),
    name: z.array(
      z.looseObject({
        use: z.optional(z.string()),
        text: z.string(),
        family: z.optional(z.string()),
        given: z.optional(z.array(z.string())),
      }),
    ),
    gender: z.enum(['male', 'female']),
    birthDate: FhirDate,
    address: z.optional(z.array(z.looseObject({ use: z.string(), text: z.string() }))),
  })
  .check(z.meta({ id: 'FhirPatient' }));
export type FhirPatient = z.infer<typeof FhirPatientSchema>;

export const FhirCoverageSchema = z
  .looseObject({
    resourceType: z.literal('Coverage'),
    id: z.string().check(d('`<BHXH code>-<card id>`')),
    identifier: z.array(Identifier),
    status: z
      .enum(['active', 'cancelled'])
      .check(d('A replaced, revoked or suspended card is cancelled; an expired one keeps its period')),
    type: z.optional(CodeableConcept),
    subscriberId: z.string().check(d('The number printed on the card')),
    beneficiary: Reference,
    relationship: CodeableConcept,
    period: z.looseObject({ start: z.string(), end: z.optional(z.string()) }),
    payor: z.array(Reference),
    class: z.array(z.looseObject({ type: CodeableConcept, value: z.string(), name: z.string() })),
    network: z.optional(z.string().check(d('The registered primary clinic (nơi đăng ký KCB ban đầu)'))),
    costToBeneficiary: z.optional(
      z.array(
        z.looseObject({
          type: CodeableConcept,
          valueQuantity: z.looseObject({
            value: z.number(),
            unit: z.string(),
            system: z.string(),
            code: z.string(),
          }),
        }),
      ),
    ),
  })
  .check(z.meta({ id: 'FhirCoverage' }));
export type FhirCoverage = z.infer<typeof FhirCoverageSchema>;

export const FhirExplanationOfBenefitSchema = z
  .looseObject({
    resourceType: z.literal('ExplanationOfBenefit'),
    id: z
      .string()
      .check(d('`<BHXH code>-<MA_LK>`, or `<BHXH code>-h<sha-256>` for a MA_LK that is not id-safe')),
    identifier: z.array(Identifier),
    status: z.literal('active'),
    type: CodeableConcept,
    subType: CodeableConcept,
    use: z.literal('claim'),
    patient: Reference,
    billablePeriod: z.looseObject({ start: FhirDateTime, end: FhirDateTime }),
    created: FhirDateTime,
    insurer: Reference,
    provider: Reference,
    outcome: z.literal('complete'),
    diagnosis: z.array(
      z.looseObject({
        sequence: z.int(),
        diagnosisCodeableConcept: CodeableConcept,
        type: z.array(CodeableConcept),
      }),
    ),
    insurance: z.array(z.looseObject({ focal: z.boolean(), coverage: Reference })),
    total: z.array(z.looseObject({ category: CodeableConcept, amount: FhirMoney })),
    payment: z.looseObject({ amount: FhirMoney }),
  })
  .check(z.meta({ id: 'FhirExplanationOfBenefit' }));
export type FhirExplanationOfBenefit = z.infer<typeof FhirExplanationOfBenefitSchema>;

export const FhirCapabilityStatementSchema = z
  .looseObject({
    resourceType: z.literal('CapabilityStatement'),
    status: z.literal('active'),
    date: z.string(),
    publisher: z.string(),
    kind: z.literal('instance'),
    software: z.looseObject({ name: z.string(), version: z.string() }),
    implementation: z.looseObject({ description: z.string(), url: z.string() }),
    fhirVersion: z.literal('4.0.1'),
    format: z.array(z.string()),
    rest: z.array(
      z.looseObject({
        mode: z.literal('server'),
        documentation: z.string(),
        security: z.looseObject({ cors: z.boolean(), description: z.string() }),
        resource: z.array(
          z.looseObject({
            type: z.string(),
            interaction: z.array(z.looseObject({ code: z.string() })),
            searchParam: z.optional(
              z.array(z.looseObject({ name: z.string(), type: z.string(), documentation: z.string() })),
            ),
          }),
        ),
      }),
    ),
  })
  .check(z.meta({ id: 'FhirCapabilityStatement' }));
export type FhirCapabilityStatement = z.infer<typeof FhirCapabilityStatementSchema>;

/** A `searchset` Bundle of one resource type. */
function searchset<R extends z.ZodMiniType>(resource: R) {
  return z.looseObject({
    resourceType: z.literal('Bundle'),
    type: z.literal('searchset'),
    total: z.int().check(d('How many match (all pages)')),
    link: z.array(z.looseObject({ relation: z.enum(['self', 'next']), url: z.string() })),
    entry: z.array(
      z.looseObject({
        fullUrl: z.string(),
        resource,
        search: z.looseObject({ mode: z.literal('match') }),
      }),
    ),
  });
}
export const FhirCoverageBundleSchema = searchset(FhirCoverageSchema).check(
  z.meta({ id: 'FhirCoverageBundle' }),
);
export type FhirCoverageBundle = z.infer<typeof FhirCoverageBundleSchema>;
export const FhirExplanationOfBenefitBundleSchema = searchset(FhirExplanationOfBenefitSchema).check(
  z.meta({ id: 'FhirExplanationOfBenefitBundle' }),
);
export type FhirExplanationOfBenefitBundle = z.infer<typeof FhirExplanationOfBenefitBundleSchema>;

/** Every error under `/fhir/R4`: one issue, its diagnostics translated. */
export const OperationOutcomeSchema = z
  .looseObject({
    resourceType: z.literal('OperationOutcome'),
    issue: z.array(
      z.looseObject({
        severity: z.enum(['fatal', 'error', 'warning', 'information']),
        code: z
          .string()
          .check(d('`invalid` 400, `login` 401, `forbidden` 403, `not-found` 404, `throttled` 429, …')),
        diagnostics: z.string(),
      }),
    ),
  })
  .check(z.meta({ id: 'OperationOutcome' }));
export type OperationOutcome = z.infer<typeof OperationOutcomeSchema>;

const outcomes = {
  400: OperationOutcomeSchema,
  401: OperationOutcomeSchema,
  403: OperationOutcomeSchema,
  404: OperationOutcomeSchema,
};

const TAGS = ['fhir'] as const;
const ANY_ROLE = { roles: [] } as const;
const BHXH = /^\d{10}$/;

/** `Patient/0123456789` or `0123456789` (a reference search parameter, FHIR R4 §3.1.1.4.6). */
const PatientRef = z.pipe(
  z.pipe(
    z.string().check(z.trim()),
    z.transform((v: string) => v.replace(/^(?:.*\/)?Patient\//, '')),
  ),
  z.string().check(z.regex(BHXH, 'a BHXH code has 10 digits')),
);

/**
 * Why staff read (issue #22 item 6): required of officers and agency admins, as `purpose` is on
 * the REST routes (400 naming the header without it); the person and a guardian need none.
 */
const PurposeHeaders = z.object({
  'x-purpose-of-use': z.optional(StaffPurpose.check(d('Staff only, required: why the record is read'))),
});

export const fhirMetadata = defineContract({
  method: 'GET',
  path: '/fhir/R4/metadata',
  access: 'public',
  scope: 'none',
  tags: TAGS,
  summary: 'FHIR CapabilityStatement',
  responses: { 200: FhirCapabilityStatementSchema },
});

export const readFhirPatient = defineContract({
  method: 'GET',
  path: '/fhir/R4/Patient/:id',
  access: ANY_ROLE,
  scope: ['self-or-ward', 'agency'],
  tags: TAGS,
  summary: 'A person (id: BHXH code)',
  params: z.object({ id: z.string().check(z.regex(BHXH, 'a BHXH code has 10 digits')) }),
  headers: PurposeHeaders,
  responses: { 200: FhirPatientSchema, ...outcomes },
});

export const readFhirCoverage = defineContract({
  method: 'GET',
  path: '/fhir/R4/Coverage/:id',
  access: ANY_ROLE,
  scope: ['self-or-ward', 'agency'],
  tags: TAGS,
  summary: 'A health insurance card (id: <BHXH code>-<card id>)',
  params: z.object({
    id: z.string().check(z.regex(/^\d{10}-\d{1,18}$/, 'the id is <BHXH code>-<card id>')),
  }),
  headers: PurposeHeaders,
  responses: { 200: FhirCoverageSchema, ...outcomes },
});

export const searchFhirCoverage = defineContract({
  method: 'GET',
  path: '/fhir/R4/Coverage',
  access: ANY_ROLE,
  scope: ['self-or-ward', 'agency'],
  tags: TAGS,
  summary: "A person's health insurance cards, newest first",
  query: z.object({ beneficiary: PatientRef }),
  headers: PurposeHeaders,
  responses: { 200: FhirCoverageBundleSchema, ...outcomes },
});

export const searchFhirExplanationOfBenefit = defineContract({
  method: 'GET',
  path: '/fhir/R4/ExplanationOfBenefit',
  access: ANY_ROLE,
  scope: ['self-or-ward', 'agency'],
  tags: TAGS,
  summary: "A person's medical visits paid by the health insurance fund, newest first",
  query: z.object({
    patient: PatientRef,
    _count: z._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(100)), 20),
    _offset: z._default(z.coerce.number().check(z.int(), z.minimum(0), z.maximum(1_000_000)), 0),
  }),
  headers: PurposeHeaders,
  responses: { 200: FhirExplanationOfBenefitBundleSchema, ...outcomes },
});
