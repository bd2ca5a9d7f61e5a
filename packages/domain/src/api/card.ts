import { z } from 'zod';
import { BhxhCode, StaffPurpose } from './common';
import { defineContract, problems } from './contract';

/** The BHYT card: the citizen's own and their minor children's, and officers' reads (audited). */

export const CardCredentialSchema = z
  .object({
    qr: z.string().describe('Numeric QR text `shc:/…` of the SMART Health Card'),
    jws: z.string().describe('The compact JWS (ES256, raw DEFLATE payload) inside the QR'),
    kid: z.string(),
    issuedAt: z.string(),
    expiresAt: z.string(),
  })
  .meta({ id: 'CardCredential' });
export type CardCredential = z.infer<typeof CardCredentialSchema>;

export const CardStatusSchema = z.enum([
  'valid',
  'expiring_soon',
  'expired',
  'not_yet_valid',
  'replaced',
  'revoked',
  'suspended',
]);
export type CardStatus = z.infer<typeof CardStatusSchema>;

export const CardHolderSchema = z.object({
  bhxhCode: z.string(),
  fullName: z.string(),
  dateOfBirth: z.string().describe('`yyyy-mm-dd`, or `yyyy` when only the year is known'),
  gender: z.enum(['male', 'female']),
  relation: z.enum(['self', 'child', 'staff']).describe('Who the caller is to this person'),
});
export type CardHolder = z.infer<typeof CardHolderSchema>;

export const CardViewSchema = z
  .object({
    holder: CardHolderSchema,
    card: z
      .object({
        id: z.string(),
        cardNumber: z.string(),
        objectCode: z.string(),
        benefitLevel: z.number().int(),
        benefit: z.object({
          fundPercent: z.number().describe('Share of covered costs the fund pays on the correct route'),
          capOnTechnicalServices: z.boolean(),
          includesOutOfScopeCosts: z.boolean(),
          smallVisitFullyPaidBelowVnd: z
            .number()
            .nullable()
            .describe('Levels 3–4: a visit costing less than this (15 % of the base salary) is paid in full'),
          baseSalaryVnd: z.number(),
          fiveYearCapVnd: z
            .number()
            .nullable()
            .describe('After 5 consecutive years: co-payments above this in a year are waived'),
          fiveYearReached: z.boolean(),
        }),
        registeredClinic: z.object({ code: z.string(), name: z.string(), address: z.string() }).nullable(),
        validFrom: z.string(),
        validTo: z.string().nullable(),
        fiveYearDate: z.string().nullable(),
        issuedOn: z.string(),
        issuingAgency: z.object({ code: z.string(), name: z.string() }).nullable(),
        status: CardStatusSchema,
        officialQr: z.string().describe('Payload of the official BHYT QR (new-card format)'),
        credential: CardCredentialSchema.nullable().describe('Null when the card is not in force'),
      })
      .nullable()
      .describe('Null for a person without any card'),
    retrievedAt: z.string().describe('When the server read this (the screen\'s "last updated")'),
  })
  .meta({ id: 'CardView' });
export type CardView = z.infer<typeof CardViewSchema>;

const CardCodeParams = z.object({
  bhxhCode: BhxhCode.describe('a BHXH code has 10 digits'),
});

export const listMyCards = defineContract({
  method: 'GET',
  path: '/api/v1/me/cards',
  access: { roles: [] },
  tags: ['records'],
  summary: "My health insurance card and my minor children's",
  responses: { 200: z.object({ cards: z.array(CardViewSchema) }), ...problems(401, 403, 404) },
});

export const readMyCard = defineContract({
  method: 'GET',
  path: '/api/v1/me/cards/:bhxhCode',
  access: { roles: [] },
  tags: ['records'],
  summary: "One card: mine or my minor child's (404 otherwise)",
  params: CardCodeParams,
  responses: { 200: CardViewSchema, ...problems(400, 401, 403, 404) },
});

export const readPersonCard = defineContract({
  method: 'GET',
  path: '/api/v1/officer/cards/:bhxhCode',
  access: { roles: ['officer', 'agency_admin'] },
  tags: ['records'],
  summary: "A person's card, for an officer within their agency's scope (audited)",
  params: CardCodeParams,
  query: z.object({ purpose: StaffPurpose.describe('Why the card is read (kept in the audit log)') }),
  responses: { 200: CardViewSchema, ...problems(400, 401, 403, 404) },
});

const JwkSchema = z.object({
  kty: z.literal('EC'),
  crv: z.literal('P-256'),
  x: z.string(),
  y: z.string(),
  kid: z.string(),
  use: z.literal('sig'),
  alg: z.literal('ES256'),
});

export const cardKeys = defineContract({
  method: 'GET',
  path: '/.well-known/jwks.json',
  access: 'public',
  tags: ['records'],
  summary: 'Public keys of the signed health insurance card (JWKS)',
  description:
    'SMART Health Card verifiers look the keys up at `<iss>/.well-known/jwks.json`, from any origin (CORS `*`).',
  responses: {
    200: z.object({
      keys: z.array(JwkSchema),
      issuer: z
        .string()
        .describe('The `iss` these keys sign for (an extension member; JWKS clients ignore it)'),
    }),
  },
});
