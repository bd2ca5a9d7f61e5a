import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { communes2025, findProvince2025, provinces2025 } from '@vssid/domain';
import { AppError, ProblemSchema } from '../../http/problem';
import { principalOf, requireRole } from '../auth/guard';
import type { CallContext, LookupService } from './service';

const TAG = 'lookup';
const problems = { 400: ProblemSchema, 404: ProblemSchema, 409: ProblemSchema, 429: ProblemSchema };

const Challenge = z
  .object({
    challengeId: z.uuid(),
    salt: z.string().describe('Random hexadecimal text to prefix the nonce with'),
    bits: z.number().int().describe('Leading zero bits SHA-256(salt + nonce) must start with'),
    expiresAt: z.string().describe('ISO time after which the challenge is refused'),
  })
  .meta({ id: 'LookupChallenge' });

const CodeQueryBody = z
  .strictObject({
    challengeId: z.uuid().describe('From POST /lookup/challenge; single use'),
    nonce: z
      .string()
      .regex(/^\d{1,16}$/)
      .describe('Decimal nonce solving the challenge'),
    fullName: z.string().min(1).max(100).optional().describe('Full name; tone marks and case do not matter'),
    birthDate: z
      .string()
      .regex(/^\d{4}(-\d{2}-\d{2})?$/)
      .optional()
      .describe('Date of birth yyyy-mm-dd, or the year alone'),
    provinceCode: z
      .string()
      .regex(/^\d{2}$/)
      .optional()
      .describe('2025 province code'),
    communeCode: z
      .string()
      .regex(/^\d{5}$/)
      .optional()
      .describe('2025 commune code (optional)'),
    idNumber: z
      .string()
      .regex(/^(\d{9}|\d{12})$/)
      .optional()
      .describe('CCCD (12 digits) or old CMND (9 or 12 digits), instead of name, birth and place'),
  })
  .meta({ id: 'BhxhCodeQuery' });

const MaskedMatch = z
  .object({
    token: z.string().describe('Opaque; asks for the full code by SMS (POST /lookup/bhxh-code/sms)'),
    maskedCode: z.string().describe('e.g. 01******12'),
    initials: z.string().describe('e.g. N. V. A.'),
    birthYear: z.number().int(),
    gender: z.enum(['male', 'female']),
    similarName: z.boolean().describe('Found with one typo in the name'),
    maskedPhone: z.string().nullable().describe('The registered phone, masked; null: none registered'),
  })
  .meta({ id: 'BhxhCodeMatch' });

const CodeAnswer = z
  .object({
    matches: z.array(MaskedMatch).max(3),
    tooMany: z
      .boolean()
      .describe('More people matched than are shown (none then): add the commune or full date'),
  })
  .meta({ id: 'BhxhCodeAnswer' });

const SmsBody = z.strictObject({ token: z.string().regex(/^[A-Za-z0-9_-]{20,64}$/) });
const SmsAnswer = z.object({ maskedPhone: z.string(), alreadySent: z.boolean() }).meta({ id: 'BhxhCodeSms' });

const page = {
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(50).default(20),
};
const placeQuery = {
  province: z
    .string()
    .regex(/^\d{2}$/)
    .optional()
    .describe('2025 province code'),
  commune: z
    .string()
    .regex(/^\d{5}$/)
    .optional()
    .describe('2025 commune code'),
  place: z
    .string()
    .min(2)
    .max(100)
    .optional()
    .describe('Name of a 2025 unit, or of an old province, district or commune (finds what it became)'),
  q: z.string().min(1).max(100).optional().describe('Words of the name, tone marks optional'),
  lat: z.coerce.number().min(-90).max(90).optional(),
  lng: z.coerce.number().min(-180).max(180).optional(),
  ...page,
};
const withPosition = (q: { lat?: number | undefined; lng?: number | undefined }) =>
  (q.lat === undefined) === (q.lng === undefined);

const Place = {
  provinceCode: z.string(),
  provinceName: z.string(),
  communeCode: z.string().nullable(),
  communeName: z.string().nullable(),
};
const Position = {
  latitude: z.number().nullable(),
  longitude: z.number().nullable(),
  distanceKm: z.number().nullable().describe('From the given position (lat, lng), when one was given'),
};
const PageInfo = {
  page: z.number().int(),
  pageSize: z.number().int(),
  total: z.number().int(),
  pages: z.number().int(),
};
const ResolvedPlace = z
  .object({
    code: z.string(),
    level: z.enum(['province', 'commune']),
    kind: z
      .enum(['province', 'commune', 'oldProvince', 'oldDistrict', 'oldCommune'])
      .describe('What the name typed named: a unit in force, or the old unit the place was found through'),
    name: z.string(),
    provinceCode: z.string(),
    provinceName: z.string(),
    matchedOld: z.object({ name: z.string(), address: z.string() }).nullable(),
  })
  .meta({ id: 'LookupPlace' });

const Agency = z
  .object({
    code: z.string(),
    level: z.enum(['central', 'province', 'local']),
    name: z.string(),
    address: z.string(),
    ...Place,
    phone: z.string().nullable(),
    email: z.string().nullable(),
    openingHours: z.string().nullable(),
    ...Position,
  })
  .meta({ id: 'BhxhAgency' });
const Clinic = z
  .object({
    code: z.string(),
    level: z.enum(['central', 'province', 'district', 'commune']),
    name: z.string(),
    address: z.string(),
    ...Place,
    phone: z.string().nullable(),
    issuesSickLeave: z.boolean(),
    ...Position,
  })
  .meta({ id: 'ContractedClinic' });
const Unit = z
  .object({
    code: z.string(),
    taxCode: z.string().nullable(),
    name: z.string(),
    address: z.string(),
    ...Place,
    representativeName: z.string().nullable(),
    phone: z.string().nullable(),
    email: z.string().nullable(),
  })
  .meta({ id: 'EmployerUnit' });
const Agent = z
  .object({
    code: z.string(),
    kind: z.enum(['post_office', 'commune_agent', 'bank', 'other']),
    name: z.string(),
    address: z.string(),
    ...Place,
    phone: z.string().nullable(),
    ...Position,
  })
  .meta({ id: 'CollectionAgent' });

const Unit2025 = z.object({ code: z.string(), name: z.string() }).meta({ id: 'AdminUnit2025' });

/**
 * Look-ups (Tra cứu), open before and after sign-in: the BHXH code (masked, behind a proof-of-work
 * challenge and per-IP limits; in full only to its owner or by SMS to the registered phone), and
 * the directories: BHXH agencies, contracted clinics, employer units, collection agents.
 */
export const lookupRoutes: FastifyPluginAsyncZod<{ lookup: LookupService }> = async (app, { lookup }) => {
  const ctx = (request: FastifyRequest): CallContext => ({
    ip: request.ip,
    requestId: request.id,
    language: request.language,
    principal: request.principal ?? null,
  });
  const positionError = (request: FastifyRequest) =>
    new AppError(400, 'validation', 'validation', {}, [
      {
        in: 'querystring',
        field: 'lng',
        code: 'required',
        message: app.translator.t(request.language, 'lookup.positionIncomplete'),
      },
    ]);

  app.post(
    '/lookup/challenge',
    {
      schema: {
        tags: [TAG],
        summary: 'A proof-of-work challenge for one BHXH code look-up',
        response: { 200: Challenge, 429: ProblemSchema },
      },
    },
    async () => {
      const c = await lookup.issueChallenge();
      return { challengeId: c.id, salt: c.salt, bits: c.bits, expiresAt: c.expiresAt.toISOString() };
    },
  );

  app.post(
    '/lookup/bhxh-code',
    {
      schema: {
        tags: [TAG],
        summary: 'Find a BHXH code (masked answers)',
        description:
          'By full name + date (or year) of birth + 2025 province (optionally commune), or by CCCD/CMND number. Names match without tone marks or case, with one typo tolerated when nothing matches exactly. At most 3 masked answers; more gives `tooMany`. Needs a solved challenge; limited per IP.',
        body: CodeQueryBody,
        response: { 200: CodeAnswer, ...problems },
      },
    },
    (request) => lookup.lookupCode(request.body, ctx(request)),
  );

  app.post(
    '/lookup/bhxh-code/sms',
    {
      schema: {
        tags: [TAG],
        summary: 'Send the full BHXH code by SMS to the phone registered for a masked answer',
        body: SmsBody,
        response: { 200: SmsAnswer, ...problems },
      },
    },
    (request) => lookup.sendCodeBySms(request.body.token, ctx(request)),
  );

  app.get(
    '/lookup/bhxh-code/mine',
    {
      preHandler: requireRole('citizen'),
      schema: {
        tags: [TAG],
        summary: "The signed-in citizen's own BHXH code, in full",
        response: {
          200: z.object({ bhxhCode: z.string(), fullName: z.string() }).meta({ id: 'OwnBhxhCode' }),
          401: ProblemSchema,
          403: ProblemSchema,
          404: ProblemSchema,
        },
      },
    },
    (request) => lookup.myCode(principalOf(request)),
  );

  app.get(
    '/lookup/provinces',
    {
      schema: {
        tags: [TAG],
        summary: 'The 34 provinces in force since 2025-07-01',
        response: { 200: z.object({ items: z.array(Unit2025) }) },
      },
    },
    (request) => ({
      items: provinces2025().map((p) => ({
        code: p.code,
        name: request.language === 'en' ? p.nameEn : p.fullName,
      })),
    }),
  );

  app.get(
    '/lookup/provinces/:code/communes',
    {
      schema: {
        tags: [TAG],
        summary: 'The wards, communes and special zones of a 2025 province',
        params: z.object({ code: z.string().regex(/^\d{2}$/) }),
        response: { 200: z.object({ items: z.array(Unit2025) }), 404: ProblemSchema },
      },
    },
    (request) => {
      if (!findProvince2025(request.params.code)) throw new AppError(404, 'not_found', 'notFound');
      return {
        items: communes2025(request.params.code).map((c) => ({
          code: c.code,
          name: request.language === 'en' ? c.nameEn : c.fullName,
        })),
      };
    },
  );

  app.get(
    '/lookup/agencies',
    {
      schema: {
        tags: [TAG],
        summary: 'BHXH agencies by place (2025 or old names) or nearest to a position',
        querystring: z.object(placeQuery),
        response: {
          200: z.object({
            ...PageInfo,
            places: z.array(ResolvedPlace),
            widenedToProvince: z
              .boolean()
              .describe('No office in the commune(s): the offices of their province are listed'),
            items: z.array(Agency),
          }),
          400: ProblemSchema,
        },
      },
    },
    (request) => {
      if (!withPosition(request.query)) throw positionError(request);
      return lookup.agencies(request.query, request.language);
    },
  );

  app.get(
    '/lookup/clinics',
    {
      schema: {
        tags: [TAG],
        summary: 'Clinics with a BHYT contract by place, level, name or code, or nearest',
        querystring: z.object({
          ...placeQuery,
          level: z.enum(['central', 'province', 'district', 'commune']).optional(),
          sickLeave: z
            .enum(['true', 'false'])
            .optional()
            .transform((v) => v === 'true')
            .describe('Only those that issue sick-leave certificates'),
        }),
        response: {
          200: z.object({ ...PageInfo, places: z.array(ResolvedPlace), items: z.array(Clinic) }),
          400: ProblemSchema,
        },
      },
    },
    (request) => {
      if (!withPosition(request.query)) throw positionError(request);
      return lookup.clinics(request.query, request.language);
    },
  );

  app.get(
    '/lookup/units',
    {
      schema: {
        tags: [TAG],
        summary: 'Employer units (đơn vị tham gia BHXH) by tax code or name',
        querystring: z.object({
          taxCode: z
            .string()
            .regex(/^\d{10}(\d{3})?$/)
            .optional(),
          q: z.string().min(1).max(100).optional(),
          province: z
            .string()
            .regex(/^\d{2}$/)
            .optional(),
          ...page,
        }),
        response: { 200: z.object({ ...PageInfo, items: z.array(Unit) }), 400: ProblemSchema },
      },
    },
    (request) => lookup.units(request.query, request.language),
  );

  app.get(
    '/lookup/agents',
    {
      schema: {
        tags: [TAG],
        summary: 'Collection points and agents for voluntary BHXH and household BHYT',
        querystring: z.object(placeQuery),
        response: {
          200: z.object({ ...PageInfo, places: z.array(ResolvedPlace), items: z.array(Agent) }),
          400: ProblemSchema,
        },
      },
    },
    (request) => {
      if (!withPosition(request.query)) throw positionError(request);
      return lookup.agents(request.query, request.language);
    },
  );
};
