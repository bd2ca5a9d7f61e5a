import * as z from 'zod/mini';
import { defineContract, problems } from './contract';

/**
 * Look-ups (Tra cứu), open before and after sign-in: the BHXH code (masked, behind a proof-of-work
 * challenge and per-IP limits; in full only to its owner or by SMS to the registered phone), and
 * the directories: BHXH agencies, contracted clinics, employer units, collection agents.
 */

const d = z.describe;
const TAGS = ['lookup'] as const;

export const LookupChallengeSchema = z
  .object({
    challengeId: z.uuid(),
    salt: z.string().check(d('Random hexadecimal text to prefix the nonce with')),
    bits: z.int().check(d('Leading zero bits SHA-256(salt + nonce) must start with')),
    expiresAt: z.string().check(d('ISO time after which the challenge is refused')),
  })
  .check(z.meta({ id: 'LookupChallenge' }));
export type LookupChallenge = z.infer<typeof LookupChallengeSchema>;

export const BhxhCodeQuerySchema = z
  .strictObject({
    challengeId: z.uuid().check(d('From POST /lookup/challenge; single use')),
    nonce: z.string().check(z.regex(/^\d{1,16}$/), d('Decimal nonce solving the challenge')),
    fullName: z
      .optional(z.string().check(z.minLength(1), z.maxLength(100)))
      .check(d('Full name; tone marks and case do not matter')),
    birthDate: z
      .optional(z.string().check(z.regex(/^\d{4}(-\d{2}-\d{2})?$/)))
      .check(d('Date of birth yyyy-mm-dd, or the year alone')),
    provinceCode: z.optional(z.string().check(z.regex(/^\d{2}$/))).check(d('2025 province code')),
    communeCode: z.optional(z.string().check(z.regex(/^\d{5}$/))).check(d('2025 commune code (optional)')),
    idNumber: z
      .optional(z.string().check(z.regex(/^(\d{9}|\d{12})$/)))
      .check(d('CCCD (12 digits) or old CMND (9 or 12 digits), instead of name, birth and place')),
  })
  .check(z.meta({ id: 'BhxhCodeQuery' }));
export type BhxhCodeQuery = z.infer<typeof BhxhCodeQuerySchema>;

export const BhxhCodeMatchSchema = z
  .object({
    token: z.string().check(d('Opaque; asks for the full code by SMS (POST /lookup/bhxh-code/sms)')),
    maskedCode: z.string().check(d('e.g. 01******12')),
    initials: z.string().check(d('e.g. N. V. A.')),
    birthYear: z.int(),
    gender: z.enum(['male', 'female']),
    similarName: z.boolean().check(d('Found with one typo in the name')),
    maskedPhone: z.nullable(z.string()).check(d('The registered phone, masked; null: none registered')),
  })
  .check(z.meta({ id: 'BhxhCodeMatch' }));
export type BhxhCodeMatch = z.infer<typeof BhxhCodeMatchSchema>;

export const BhxhCodeAnswerSchema = z
  .object({
    matches: z.array(BhxhCodeMatchSchema).check(z.maxLength(3)),
    tooMany: z
      .boolean()
      .check(d('More people matched than are shown (none then): add the commune or full date')),
  })
  .check(z.meta({ id: 'BhxhCodeAnswer' }));
export type BhxhCodeAnswer = z.infer<typeof BhxhCodeAnswerSchema>;

export const BhxhCodeSmsSchema = z
  .object({ maskedPhone: z.string(), alreadySent: z.boolean() })
  .check(z.meta({ id: 'BhxhCodeSms' }));
export type BhxhCodeSms = z.infer<typeof BhxhCodeSmsSchema>;

export const OwnBhxhCodeSchema = z
  .object({ bhxhCode: z.string(), fullName: z.string() })
  .check(z.meta({ id: 'OwnBhxhCode' }));
export type OwnBhxhCode = z.infer<typeof OwnBhxhCodeSchema>;

export const AdminUnit2025Schema = z
  .object({ code: z.string(), name: z.string() })
  .check(z.meta({ id: 'AdminUnit2025' }));
export type AdminUnit2025 = z.infer<typeof AdminUnit2025Schema>;

const pageQuery = {
  page: z._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(10_000)), 1),
  pageSize: z._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(50)), 20),
};
const placeQuery = {
  province: z.optional(z.string().check(z.regex(/^\d{2}$/))).check(d('2025 province code')),
  commune: z.optional(z.string().check(z.regex(/^\d{5}$/))).check(d('2025 commune code')),
  place: z
    .optional(z.string().check(z.minLength(2), z.maxLength(100)))
    .check(d('Name of a 2025 unit, or of an old province, district or commune (finds what it became)')),
  q: z
    .optional(z.string().check(z.minLength(1), z.maxLength(100)))
    .check(d('Words of the name, tone marks optional')),
  lat: z.optional(z.coerce.number().check(z.minimum(-90), z.maximum(90))),
  lng: z.optional(z.coerce.number().check(z.minimum(-180), z.maximum(180))),
  ...pageQuery,
};
/** The query of the agencies' and agents' directories (the clinics' adds its own filters). */
export const DirectoryQuerySchema = z.object(placeQuery);
export type DirectoryQuery = z.infer<typeof DirectoryQuerySchema>;
export const ClinicQuerySchema = z.object({
  ...placeQuery,
  level: z.optional(z.enum(['central', 'province', 'district', 'commune'])),
  sickLeave: z
    .pipe(
      z.optional(z.enum(['true', 'false'])),
      z.transform((v) => v === 'true'),
    )
    .check(d('Only those that issue sick-leave certificates')),
});
export type ClinicQuery = z.infer<typeof ClinicQuerySchema>;
export const UnitQuerySchema = z.object({
  taxCode: z.optional(z.string().check(z.regex(/^\d{10}(\d{3})?$/))),
  q: z.optional(z.string().check(z.minLength(1), z.maxLength(100))),
  province: z.optional(z.string().check(z.regex(/^\d{2}$/))),
  ...pageQuery,
});
export type UnitQuery = z.infer<typeof UnitQuerySchema>;

const place = {
  provinceCode: z.string(),
  provinceName: z.string(),
  communeCode: z.nullable(z.string()),
  communeName: z.nullable(z.string()),
};
const position = {
  latitude: z.nullable(z.number()),
  longitude: z.nullable(z.number()),
  distanceKm: z.nullable(z.number()).check(d('From the given position (lat, lng), when one was given')),
};
const pageInfo = {
  page: z.int(),
  pageSize: z.int(),
  total: z.int(),
  pages: z.int(),
};

export const LookupPlaceSchema = z
  .object({
    code: z.string(),
    level: z.enum(['province', 'commune']),
    kind: z
      .enum(['province', 'commune', 'oldProvince', 'oldDistrict', 'oldCommune'])
      .check(d('What the name typed named: a unit in force, or the old unit the place was found through')),
    name: z.string(),
    provinceCode: z.string(),
    provinceName: z.string(),
    matchedOld: z.nullable(z.object({ name: z.string(), address: z.string() })),
  })
  .check(z.meta({ id: 'LookupPlace' }));
export type LookupPlace = z.infer<typeof LookupPlaceSchema>;

export const BhxhAgencySchema = z
  .object({
    code: z.string(),
    level: z.enum(['central', 'province', 'local']),
    name: z.string(),
    address: z.string(),
    ...place,
    phone: z.nullable(z.string()),
    email: z.nullable(z.string()),
    openingHours: z.nullable(z.string()),
    ...position,
  })
  .check(z.meta({ id: 'BhxhAgency' }));
export type BhxhAgency = z.infer<typeof BhxhAgencySchema>;

export const ContractedClinicSchema = z
  .object({
    code: z.string(),
    level: z.enum(['central', 'province', 'district', 'commune']),
    name: z.string(),
    address: z.string(),
    ...place,
    phone: z.nullable(z.string()),
    issuesSickLeave: z.boolean(),
    ...position,
  })
  .check(z.meta({ id: 'ContractedClinic' }));
export type ContractedClinic = z.infer<typeof ContractedClinicSchema>;

export const EmployerUnitSchema = z
  .object({
    code: z.string(),
    taxCode: z.nullable(z.string()),
    name: z.string(),
    address: z.string(),
    ...place,
    representativeName: z.nullable(z.string()),
    phone: z.nullable(z.string()),
    email: z.nullable(z.string()),
  })
  .check(z.meta({ id: 'EmployerUnit' }));
export type EmployerUnit = z.infer<typeof EmployerUnitSchema>;

export const CollectionAgentSchema = z
  .object({
    code: z.string(),
    kind: z.enum(['post_office', 'commune_agent', 'bank', 'other']),
    name: z.string(),
    address: z.string(),
    ...place,
    phone: z.nullable(z.string()),
    ...position,
  })
  .check(z.meta({ id: 'CollectionAgent' }));
export type CollectionAgent = z.infer<typeof CollectionAgentSchema>;

export const issueLookupChallenge = defineContract({
  method: 'POST',
  path: '/api/v1/lookup/challenge',
  access: 'public',
  scope: 'none',
  tags: TAGS,
  summary: 'A proof-of-work challenge for one BHXH code look-up',
  responses: { 200: LookupChallengeSchema, ...problems(429) },
});

export const findBhxhCode = defineContract({
  method: 'POST',
  path: '/api/v1/lookup/bhxh-code',
  access: 'public',
  scope: 'any',
  tags: TAGS,
  summary: 'Find a BHXH code (masked answers)',
  description:
    'By full name + date (or year) of birth + 2025 province (optionally commune), or by CCCD/CMND number. Names match without tone marks or case, with one typo tolerated when nothing matches exactly. At most 3 masked answers; more gives `tooMany`. Needs a solved challenge; limited per IP.',
  body: BhxhCodeQuerySchema,
  responses: { 200: BhxhCodeAnswerSchema, ...problems(400, 404, 409, 429) },
});

export const sendBhxhCodeBySms = defineContract({
  method: 'POST',
  path: '/api/v1/lookup/bhxh-code/sms',
  access: 'public',
  scope: 'any',
  tags: TAGS,
  summary: 'Send the full BHXH code by SMS to the phone registered for a masked answer',
  body: z.strictObject({ token: z.string().check(z.regex(/^[A-Za-z0-9_-]{20,64}$/)) }),
  responses: { 200: BhxhCodeSmsSchema, ...problems(400, 404, 409, 429) },
});

export const readMyBhxhCode = defineContract({
  method: 'GET',
  path: '/api/v1/lookup/bhxh-code/mine',
  access: { roles: ['citizen'] },
  scope: 'self',
  tags: TAGS,
  summary: "The signed-in citizen's own BHXH code, in full",
  responses: { 200: OwnBhxhCodeSchema, ...problems(401, 403, 404) },
});

export const listProvinces = defineContract({
  method: 'GET',
  path: '/api/v1/lookup/provinces',
  access: 'public',
  scope: 'any',
  tags: TAGS,
  summary: 'The 34 provinces in force since 2025-07-01',
  responses: { 200: z.object({ items: z.array(AdminUnit2025Schema) }) },
});

export const listCommunes = defineContract({
  method: 'GET',
  path: '/api/v1/lookup/provinces/:code/communes',
  access: 'public',
  scope: 'any',
  tags: TAGS,
  summary: 'The wards, communes and special zones of a 2025 province',
  params: z.object({ code: z.string().check(z.regex(/^\d{2}$/)) }),
  responses: { 200: z.object({ items: z.array(AdminUnit2025Schema) }), ...problems(404) },
});

export const searchAgencies = defineContract({
  method: 'GET',
  path: '/api/v1/lookup/agencies',
  access: 'public',
  scope: 'any',
  tags: TAGS,
  summary: 'BHXH agencies by place (2025 or old names) or nearest to a position',
  query: DirectoryQuerySchema,
  responses: {
    200: z.object({
      ...pageInfo,
      places: z.array(LookupPlaceSchema),
      widenedToProvince: z
        .boolean()
        .check(d('No office in the commune(s): the offices of their province are listed')),
      items: z.array(BhxhAgencySchema),
    }),
    ...problems(400),
  },
});

export const searchClinics = defineContract({
  method: 'GET',
  path: '/api/v1/lookup/clinics',
  access: 'public',
  scope: 'any',
  tags: TAGS,
  summary: 'Clinics with a BHYT contract by place, level, name or code, or nearest',
  query: ClinicQuerySchema,
  responses: {
    200: z.object({
      ...pageInfo,
      places: z.array(LookupPlaceSchema),
      items: z.array(ContractedClinicSchema),
    }),
    ...problems(400),
  },
});

export const searchUnits = defineContract({
  method: 'GET',
  path: '/api/v1/lookup/units',
  access: 'public',
  scope: 'any',
  tags: TAGS,
  summary: 'Employer units (đơn vị tham gia BHXH) by tax code or name',
  query: UnitQuerySchema,
  responses: { 200: z.object({ ...pageInfo, items: z.array(EmployerUnitSchema) }), ...problems(400) },
});

export const searchAgents = defineContract({
  method: 'GET',
  path: '/api/v1/lookup/agents',
  access: 'public',
  scope: 'any',
  tags: TAGS,
  summary: 'Collection points and agents for voluntary BHXH and household BHYT',
  query: DirectoryQuerySchema,
  responses: {
    200: z.object({
      ...pageInfo,
      places: z.array(LookupPlaceSchema),
      items: z.array(CollectionAgentSchema),
    }),
    ...problems(400),
  },
});
