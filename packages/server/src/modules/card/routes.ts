import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ProblemSchema } from '../../http/problem';
import { requireRole } from '../auth/guard';
import type { KeyStore } from './key-store';
import type { CardService } from './service';

const Credential = z
  .object({
    qr: z.string().describe('Numeric QR text `shc:/…` of the SMART Health Card'),
    jws: z.string().describe('The compact JWS (ES256, raw DEFLATE payload) inside the QR'),
    kid: z.string(),
    issuedAt: z.string(),
    expiresAt: z.string(),
  })
  .meta({ id: 'CardCredential' });

export const CardViewSchema = z
  .object({
    holder: z.object({
      bhxhCode: z.string(),
      fullName: z.string(),
      dateOfBirth: z.string().describe('`yyyy-mm-dd`, or `yyyy` when only the year is known'),
      gender: z.enum(['male', 'female']),
      relation: z.enum(['self', 'child', 'staff']),
    }),
    card: z
      .object({
        id: z.string(),
        cardNumber: z.string(),
        objectCode: z.string(),
        benefitLevel: z.number().int(),
        benefit: z.object({
          fundPercent: z.number(),
          capOnTechnicalServices: z.boolean(),
          includesOutOfScopeCosts: z.boolean(),
          smallVisitFullyPaidBelowVnd: z.number().nullable(),
          baseSalaryVnd: z.number(),
          fiveYearCapVnd: z.number().nullable(),
          fiveYearReached: z.boolean(),
        }),
        registeredClinic: z.object({ code: z.string(), name: z.string(), address: z.string() }).nullable(),
        validFrom: z.string(),
        validTo: z.string().nullable(),
        fiveYearDate: z.string().nullable(),
        issuedOn: z.string(),
        issuingAgency: z.object({ code: z.string(), name: z.string() }).nullable(),
        status: z.enum([
          'valid',
          'expiring_soon',
          'expired',
          'not_yet_valid',
          'replaced',
          'revoked',
          'suspended',
        ]),
        officialQr: z.string().describe('Payload of the official BHYT QR (new-card format)'),
        credential: Credential.nullable().describe('Null when the card is not in force'),
      })
      .nullable()
      .describe('Null for a person without any card'),
    retrievedAt: z.string(),
  })
  .meta({ id: 'CardView' });

const BhxhCodeParams = z.object({
  bhxhCode: z.string().regex(/^\d{10}$/, 'a BHXH code has 10 digits'),
});

const errors = { 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema };

/** The card API under /api/v1: the citizen's own and children's cards, and officers' reads. */
export const cardRoutes: FastifyPluginAsyncZod<{ service: CardService }> = async (app, { service }) => {
  app.get(
    '/me/cards',
    {
      preHandler: requireRole(),
      schema: {
        tags: ['records'],
        summary: "My health insurance card and my minor children's",
        response: { 200: z.object({ cards: z.array(CardViewSchema) }), ...errors },
      },
    },
    async (request, reply) => {
      void reply.header('cache-control', 'private, no-store');
      return { cards: await service.listMine(request) };
    },
  );

  app.get(
    '/me/cards/:bhxhCode',
    {
      preHandler: requireRole(),
      schema: {
        tags: ['records'],
        summary: "One card: mine or my minor child's (404 otherwise)",
        params: BhxhCodeParams,
        response: { 200: CardViewSchema, ...errors },
      },
    },
    async (request, reply) => {
      void reply.header('cache-control', 'private, no-store');
      return service.readForCitizen(request, request.params.bhxhCode);
    },
  );

  app.get(
    '/officer/cards/:bhxhCode',
    {
      preHandler: requireRole('officer', 'agency_admin'),
      schema: {
        tags: ['records'],
        summary: "A person's card, for an officer within their agency's scope (audited)",
        params: BhxhCodeParams,
        querystring: z.object({
          purpose: z.string().trim().min(3).max(200).describe('Why the card is read (kept in the audit log)'),
        }),
        response: { 200: CardViewSchema, ...errors },
      },
    },
    async (request, reply) => {
      void reply.header('cache-control', 'private, no-store');
      return service.readForStaff(request, request.params.bhxhCode, request.query.purpose);
    },
  );
};

const Jwk = z.object({
  kty: z.literal('EC'),
  crv: z.literal('P-256'),
  x: z.string(),
  y: z.string(),
  kid: z.string(),
  use: z.literal('sig'),
  alg: z.literal('ES256'),
});

/**
 * `/.well-known/jwks.json`: the public keys of the card credentials (SMART Health Cards look
 * them up at `<iss>/.well-known/jwks.json`, from any origin, hence CORS `*`).
 */
export const jwksRoutes: FastifyPluginAsyncZod<{ keyStore: KeyStore; issuer: string }> = async (
  app,
  { keyStore, issuer },
) => {
  app.get(
    '/.well-known/jwks.json',
    {
      schema: {
        tags: ['records'],
        summary: 'Public keys of the signed health insurance card (JWKS)',
        response: {
          200: z.object({
            keys: z.array(Jwk),
            issuer: z
              .string()
              .describe('The `iss` these keys sign for (an extension member; JWKS clients ignore it)'),
          }),
        },
      },
    },
    async (_request, reply) => {
      void reply.header('access-control-allow-origin', '*');
      void reply.header('cache-control', 'public, max-age=300');
      // Make sure a key exists before the first card is issued, so the set is never empty.
      await keyStore.activeKey();
      return { keys: await keyStore.publicKeys(), issuer };
    },
  );
};
