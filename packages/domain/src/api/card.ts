import * as z from 'zod/mini';
import { BhxhCode, StaffPurpose } from './common';
import { defineContract, problems } from './contract';

/** The BHYT card: the citizen's own and their minor children's, and officers' reads (audited). */

const d = z.describe;

export const CardCredentialSchema = z
  .object({
    qr: z.string().check(d('Numeric QR text `shc:/…` of the SMART Health Card')),
    jws: z.string().check(d('The compact JWS (ES256, raw DEFLATE payload) inside the QR')),
    kid: z.string(),
    issuedAt: z.string(),
    expiresAt: z.string(),
  })
  .check(z.meta({ id: 'CardCredential' }));
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
  dateOfBirth: z.string().check(d('`yyyy-mm-dd`, or `yyyy` when only the year is known')),
  gender: z.enum(['male', 'female']),
  relation: z.enum(['self', 'child', 'staff']).check(d('Who the caller is to this person')),
});
export type CardHolder = z.infer<typeof CardHolderSchema>;

export const CardViewSchema = z
  .object({
    holder: CardHolderSchema,
    card: z
      .nullable(
        z.object({
          id: z.string(),
          cardNumber: z.string(),
          objectCode: z.string(),
          benefitLevel: z.int(),
          benefit: z.object({
            fundPercent: z.number().check(d('Share of covered costs the fund pays on the correct route')),
            capOnTechnicalServices: z.boolean(),
            includesOutOfScopeCosts: z.boolean(),
            smallVisitFullyPaidBelowVnd: z
              .nullable(z.number())
              .check(
                d('Levels 3–4: a visit costing less than this (15 % of the base salary) is paid in full'),
              ),
            baseSalaryVnd: z.number(),
            fiveYearCapVnd: z
              .nullable(z.number())
              .check(d('After 5 consecutive years: co-payments above this in a year are waived')),
            fiveYearReached: z.boolean(),
          }),
          registeredClinic: z.nullable(z.object({ code: z.string(), name: z.string(), address: z.string() })),
          nextClinic: z
            .optional(
              z.nullable(
                z.object({ code: z.string(), name: z.string(), address: z.string(), from: z.string() }),
              ),
            )
            .check(
              z.describe('An approved change of initial clinic: the clinic from `from` (yyyy-mm-dd) on'),
            ),
          validFrom: z.string(),
          validTo: z.nullable(z.string()),
          fiveYearDate: z.nullable(z.string()),
          issuedOn: z.string(),
          issuingAgency: z.nullable(z.object({ code: z.string(), name: z.string() })),
          status: CardStatusSchema,
          officialQr: z.string().check(d('Payload of the official BHYT QR (new-card format)')),
          credential: z.nullable(CardCredentialSchema).check(d('Null when the card is not in force')),
        }),
      )
      .check(d('Null for a person without any card')),
    retrievedAt: z.string().check(d('When the server read this (the screen\'s "last updated")')),
  })
  .check(z.meta({ id: 'CardView' }));
export type CardView = z.infer<typeof CardViewSchema>;

const CardCodeParams = z.object({
  bhxhCode: BhxhCode.check(d('a BHXH code has 10 digits')),
});

export const listMyCards = defineContract({
  method: 'GET',
  path: '/api/v1/me/cards',
  access: { roles: [] },
  scope: 'self-or-ward',
  tags: ['records'],
  summary: "My health insurance card and my minor children's",
  responses: { 200: z.object({ cards: z.array(CardViewSchema) }), ...problems(401, 403, 404) },
});

export const readMyCard = defineContract({
  method: 'GET',
  path: '/api/v1/me/cards/:bhxhCode',
  access: { roles: [] },
  scope: 'self-or-ward',
  tags: ['records'],
  summary: "One card: mine or my minor child's (404 otherwise)",
  params: CardCodeParams,
  responses: { 200: CardViewSchema, ...problems(400, 401, 403, 404) },
});

export const readPersonCard = defineContract({
  method: 'GET',
  path: '/api/v1/officer/cards/:bhxhCode',
  access: { roles: ['officer', 'agency_admin'] },
  scope: 'agency',
  tags: ['records'],
  summary: "A person's card, for an officer within their agency's scope (audited)",
  params: CardCodeParams,
  query: z.object({ purpose: StaffPurpose.check(d('Why the card is read (kept in the audit log)')) }),
  responses: { 200: CardViewSchema, ...problems(400, 401, 403, 404) },
});

export const CardKeySchema = z.object({
  kty: z.literal('EC'),
  crv: z.literal('P-256'),
  x: z.string(),
  y: z.string(),
  kid: z.string(),
  use: z.literal('sig'),
  alg: z.literal('ES256'),
});

/** A public key of the card credentials (JWK, ES256). */
export type CardKey = z.infer<typeof CardKeySchema>;

export const cardKeys = defineContract({
  method: 'GET',
  path: '/.well-known/jwks.json',
  access: 'public',
  scope: 'none',
  tags: ['records'],
  summary: 'Public keys of the signed health insurance card (JWKS)',
  description:
    'SMART Health Card verifiers look the keys up at `<iss>/.well-known/jwks.json`, from any origin (CORS `*`).',
  responses: {
    200: z.object({
      keys: z.array(CardKeySchema),
      issuer: z
        .string()
        .check(d('The `iss` these keys sign for (an extension member; JWKS clients ignore it)')),
    }),
  },
});
