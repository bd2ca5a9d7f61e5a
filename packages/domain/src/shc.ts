import type { IsoDateOrYear } from './dates';
import { err, ok, type Result } from './result';

/**
 * The pure parts of the verifiable health insurance card, a SMART Health Card
 * (https://spec.smarthealth.cards): the FHIR R4 bundle it carries (Patient + Coverage), the JWT
 * payload around it, the numeric `shc:/` QR text, and reading a verified payload back for the
 * clinic's verifier. Signing (ES256 compact JWS over the raw-DEFLATE payload) is done by the
 * server; checking the signature by the verifier. No I/O here.
 */

/** Identifier systems of our FHIR resources (assumption: URNs of our own; no official OID is published). */
export const FHIR_SYSTEMS = {
  bhxhCode: 'urn:vssid:sid:bhxh-code',
  bhytCard: 'urn:vssid:sid:bhyt-card',
  objectCode: 'urn:vssid:cs:bhyt-object-code',
  clinic: 'urn:vssid:sid:clinic',
  agency: 'urn:vssid:sid:bhxh-agency',
  medicalVisit: 'urn:vssid:sid:ma-lk',
  icd10: 'http://hl7.org/fhir/sid/icd-10',
  coverageClass: 'http://terminology.hl7.org/CodeSystem/coverage-class',
} as const;

/**
 * The credential types. `health-card` is the SMART Health Card type; the coverage type names what
 * this card holds (assumption: the spec's type registry lists no insurance-card type we could
 * confirm, so a type under our own issuer is used beside the generic one).
 */
export const SHC_TYPES = ['https://smarthealth.cards#health-card', 'urn:vssid:shc:bhyt-coverage'] as const;

/** What the credential says about one card: as little as a clinic needs, to keep the QR small. */
export interface CardCredentialInput {
  bhxhCode: string;
  fullName: string;
  dateOfBirth: IsoDateOrYear;
  gender: 'male' | 'female';
  /** The number printed on the card (10-digit BHXH code on new cards, 15 characters on old ones). */
  cardNumber: string;
  objectCode: string;
  benefitLevel: number;
  /** Code of the registered primary clinic (nơi đăng ký KCB ban đầu). */
  registeredClinicCode: string | null;
  validFrom: string;
  validTo: string | null;
  issuingAgencyName: string;
  /** Active cards say `active`; replaced, revoked or suspended ones `cancelled`. */
  status: 'active' | 'cancelled';
}

export interface FhirResource {
  resourceType: string;
  [key: string]: unknown;
}

export interface FhirBundle {
  resourceType: 'Bundle';
  type: 'collection';
  entry: { fullUrl: string; resource: FhirResource }[];
}

/** Vietnamese names are family name first: `Nguyễn Văn An` → family `Nguyễn`, given `Văn`, `An`. */
export function fhirName(fullName: string): { text: string; family?: string; given?: string[] } {
  const words = fullName.trim().split(/\s+/).filter(Boolean);
  const [family, ...given] = words;
  return {
    text: words.join(' '),
    ...(family !== undefined ? { family } : {}),
    ...(given.length ? { given } : {}),
  };
}

/**
 * The FHIR R4 bundle of the credential: a Patient and the Coverage of the card, referring to each
 * other by `resource:N` as SMART Health Cards require (no ids, no meta, no narrative).
 */
export function cardCredentialBundle(card: CardCredentialInput): FhirBundle {
  const patient: FhirResource = {
    resourceType: 'Patient',
    identifier: [{ system: FHIR_SYSTEMS.bhxhCode, value: card.bhxhCode }],
    name: [fhirName(card.fullName)],
    gender: card.gender,
    birthDate: card.dateOfBirth,
  };
  const coverage: FhirResource = {
    resourceType: 'Coverage',
    status: card.status,
    identifier: [{ system: FHIR_SYSTEMS.bhytCard, value: card.cardNumber }],
    subscriberId: card.cardNumber,
    beneficiary: { reference: 'resource:0' },
    period: { start: card.validFrom, ...(card.validTo ? { end: card.validTo } : {}) },
    payor: [{ display: card.issuingAgencyName }],
    class: [
      {
        type: { coding: [{ system: FHIR_SYSTEMS.coverageClass, code: 'plan' }] },
        value: `${card.objectCode}${card.benefitLevel}`,
      },
    ],
    // The registered primary clinic, as the insurer-defined "network" of the card.
    ...(card.registeredClinicCode ? { network: card.registeredClinicCode } : {}),
  };
  return {
    resourceType: 'Bundle',
    type: 'collection',
    entry: [
      { fullUrl: 'resource:0', resource: patient },
      { fullUrl: 'resource:1', resource: coverage },
    ],
  };
}

/** The JWT payload of a SMART Health Card (times in seconds since the epoch). */
export interface ShcPayload {
  iss: string;
  nbf: number;
  exp?: number;
  vc: {
    type: string[];
    credentialSubject: { fhirVersion: '4.0.1'; fhirBundle: FhirBundle };
  };
}

export function shcPayload(options: {
  issuer: string;
  issuedAt: number;
  expiresAt?: number;
  bundle: FhirBundle;
}): ShcPayload {
  return {
    iss: options.issuer.replace(/\/+$/, ''),
    nbf: options.issuedAt,
    ...(options.expiresAt !== undefined ? { exp: options.expiresAt } : {}),
    vc: {
      type: [...SHC_TYPES],
      credentialSubject: { fhirVersion: '4.0.1', fhirBundle: options.bundle },
    },
  };
}

export const SHC_PREFIX = 'shc:/';
const SMALLEST_B64_CHAR_CODE = 45; // '-'
const JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

/**
 * The numeric QR text of a compact JWS: `shc:/` then, for each character, its code minus 45 as two
 * digits (SMART Health Cards, "Encoding Chunks as QR codes"). Only single-chunk cards are made.
 */
export function encodeShcNumeric(jws: string): string {
  if (!JWS.test(jws)) throw new Error('not a compact JWS');
  let out = SHC_PREFIX;
  for (let i = 0; i < jws.length; i++) {
    const n = jws.charCodeAt(i) - SMALLEST_B64_CHAR_CODE;
    out += n < 10 ? `0${n}` : String(n);
  }
  return out;
}

/**
 * Reads `shc:/…` QR text back into the compact JWS. Case of the prefix and surrounding spaces are
 * ignored. Errors: `card.shc_format` (not `shc:/` + digits), `card.shc_chunked` (a multi-chunk
 * `shc:/1/2/…` card, which this system never issues), `card.shc_digits` (odd length or a pair
 * outside 00–77). Never throws.
 */
export function decodeShcNumeric(input: unknown): Result<string> {
  if (typeof input !== 'string') return err('card.shc_format', 'not text');
  const text = input.trim();
  if (text.slice(0, SHC_PREFIX.length).toLowerCase() !== SHC_PREFIX)
    return err('card.shc_format', 'does not start with shc:/');
  const body = text.slice(SHC_PREFIX.length);
  if (/^\d+\/\d+\//.test(body)) return err('card.shc_chunked', 'multi-chunk SMART Health Cards are not read');
  if (!/^\d+$/.test(body)) return err('card.shc_format', 'shc:/ must be followed by digits only');
  if (body.length % 2 !== 0) return err('card.shc_digits', 'odd number of digits');
  let jws = '';
  for (let i = 0; i < body.length; i += 2) {
    const n = Number(body.slice(i, i + 2));
    if (n > 77) return err('card.shc_digits', `digit pair ${body.slice(i, i + 2)} is out of range`);
    jws += String.fromCharCode(n + SMALLEST_B64_CHAR_CODE);
  }
  if (!JWS.test(jws)) return err('card.shc_digits', 'the digits do not spell a compact JWS');
  return ok(jws);
}

/** What a clinic's verifier shows of a card credential. */
export interface CardCredentialSummary {
  issuer: string;
  /** When it was signed (ISO date-time) and when it stops being accepted (null: no end). */
  issuedAt: string;
  expiresAt: string | null;
  bhxhCode: string | null;
  fullName: string;
  dateOfBirth: string | null;
  gender: string | null;
  cardNumber: string | null;
  /** Object code and benefit level, e.g. `GD4`. */
  plan: string | null;
  registeredClinicCode: string | null;
  validFrom: string | null;
  validTo: string | null;
  payor: string | null;
  status: string | null;
}

type Json = Record<string, unknown>;
const obj = (v: unknown): Json | null =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : null;
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

/**
 * Reads the payload of a (signature-checked) card credential: the Patient and Coverage of its
 * bundle. Errors: `card.shc_payload` when it is not a SMART Health Card with a Patient.
 * Never throws.
 */
export function readCardCredential(payload: unknown): Result<CardCredentialSummary> {
  const p = obj(payload);
  const vc = obj(p?.vc);
  const subject = obj(vc?.credentialSubject);
  const bundle = obj(subject?.fhirBundle);
  if (!p || typeof p.nbf !== 'number' || !bundle || bundle.resourceType !== 'Bundle')
    return err('card.shc_payload', 'not a SMART Health Card payload');
  const resources = arr(bundle.entry).map((e) => obj(obj(e)?.resource));
  const patient = resources.find((r) => r?.resourceType === 'Patient');
  const coverage = resources.find((r) => r?.resourceType === 'Coverage') ?? null;
  if (!patient) return err('card.shc_payload', 'the credential has no Patient');
  const name = obj(arr(patient.name)[0]);
  const fullName =
    str(name?.text) ??
    [str(name?.family), ...arr(name?.given).map(str)].filter((s): s is string => s !== null).join(' ');
  const identifier = (r: Json | null, system: string) =>
    str(
      arr(r?.identifier)
        .map(obj)
        .find((i) => i?.system === system)?.value,
    );
  const period = obj(coverage?.period);
  const plan = obj(arr(coverage?.class)[0]);
  const iso = (seconds: number) => new Date(seconds * 1000).toISOString();
  return ok({
    issuer: str(p.iss) ?? '',
    issuedAt: iso(p.nbf),
    expiresAt: typeof p.exp === 'number' ? iso(p.exp) : null,
    bhxhCode: identifier(patient, FHIR_SYSTEMS.bhxhCode),
    fullName,
    dateOfBirth: str(patient.birthDate),
    gender: str(patient.gender),
    cardNumber: str(coverage?.subscriberId) ?? identifier(coverage, FHIR_SYSTEMS.bhytCard),
    plan: str(plan?.value),
    registeredClinicCode: str(coverage?.network),
    validFrom: str(period?.start),
    validTo: str(period?.end),
    payor: str(obj(arr(coverage?.payor)[0])?.display),
    status: str(coverage?.status),
  });
}
