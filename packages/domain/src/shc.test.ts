import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type CardCredentialInput,
  cardCredentialBundle,
  decodeShcNumeric,
  encodeShcNumeric,
  fhirName,
  readCardCredential,
  shcPayload,
} from './shc';

const card: CardCredentialInput = {
  bhxhCode: '0123456789',
  fullName: 'Nguyễn Văn Ánh',
  dateOfBirth: '1990-05-17',
  gender: 'male',
  cardNumber: '0123456789',
  objectCode: 'GD',
  benefitLevel: 4,
  registeredClinicCode: '01C54',
  validFrom: '2026-01-01',
  validTo: '2026-12-31',
  issuingAgencyName: 'BHXH thành phố Hà Nội',
  status: 'active',
};

describe('numeric shc:/ text', () => {
  it('encodes each character as its code minus 45 in two digits (spec example)', () => {
    // From the SMART Health Cards spec: "-" is 00, "A" is 20, "z" is 77, "." is 01.
    expect(encodeShcNumeric('-A.z_.0')).toBe('shc:/00200177500103');
  });

  it('decodes what it encodes, for any compact JWS', () => {
    const b64 = fc.stringMatching(/^[A-Za-z0-9_-]{1,60}$/);
    fc.assert(
      fc.property(b64, b64, b64, (a, b, c) => {
        const jws = `${a}.${b}.${c}`;
        const decoded = decodeShcNumeric(encodeShcNumeric(jws));
        expect(decoded).toEqual({ ok: true, value: jws });
      }),
    );
  });

  it('accepts an upper-case prefix and surrounding spaces', () => {
    expect(decodeShcNumeric(`  SHC:/${encodeShcNumeric('a.b.c').slice(5)}\n`)).toEqual({
      ok: true,
      value: 'a.b.c',
    });
  });

  it.each([
    [42, 'card.shc_format'],
    ['HS4010120878837', 'card.shc_format'],
    ['shc:/12ab', 'card.shc_format'],
    ['shc:/1/2/5676', 'card.shc_chunked'],
    ['shc:/123', 'card.shc_digits'],
    ['shc:/7899', 'card.shc_digits'],
    ['shc:/5252', 'card.shc_digits'],
  ])('refuses %s with %s', (input, code) => {
    const r = decodeShcNumeric(input);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe(code);
  });

  it('refuses text that is not a JWS when encoding', () => {
    expect(() => encodeShcNumeric('not a jws')).toThrow();
  });
});

describe('the card credential', () => {
  it('splits Vietnamese names family first', () => {
    expect(fhirName('  Nguyễn  Văn Ánh ')).toEqual({
      text: 'Nguyễn Văn Ánh',
      family: 'Nguyễn',
      given: ['Văn', 'Ánh'],
    });
    expect(fhirName('Ánh')).toEqual({ text: 'Ánh', family: 'Ánh' });
  });

  it('carries a Patient and the Coverage referring to it by resource:0', () => {
    const bundle = cardCredentialBundle(card);
    expect(bundle.entry.map((e) => [e.fullUrl, e.resource.resourceType])).toEqual([
      ['resource:0', 'Patient'],
      ['resource:1', 'Coverage'],
    ]);
    const coverage = bundle.entry[1]?.resource;
    expect(coverage).toMatchObject({
      status: 'active',
      beneficiary: { reference: 'resource:0' },
      period: { start: '2026-01-01', end: '2026-12-31' },
      network: '01C54',
    });
    expect(JSON.stringify(bundle)).not.toMatch(/"id"|"meta"|"text":\{/);
  });

  it('leaves out an open end and a missing clinic', () => {
    const coverage = cardCredentialBundle({ ...card, validTo: null, registeredClinicCode: null }).entry[1]
      ?.resource;
    expect(coverage?.period).toEqual({ start: '2026-01-01' });
    expect(coverage && 'network' in coverage).toBe(false);
  });

  it('is read back by the verifier with issue and expiry times', () => {
    const payload = shcPayload({
      issuer: 'https://vssid.example/',
      issuedAt: 1_790_000_000,
      expiresAt: 1_790_086_400,
      bundle: cardCredentialBundle(card),
    });
    expect(payload.iss).toBe('https://vssid.example');
    const summary = readCardCredential(JSON.parse(JSON.stringify(payload)));
    expect(summary).toEqual({
      ok: true,
      value: {
        issuer: 'https://vssid.example',
        issuedAt: new Date(1_790_000_000_000).toISOString(),
        expiresAt: new Date(1_790_086_400_000).toISOString(),
        bhxhCode: '0123456789',
        fullName: 'Nguyễn Văn Ánh',
        dateOfBirth: '1990-05-17',
        gender: 'male',
        cardNumber: '0123456789',
        plan: 'GD4',
        registeredClinicCode: '01C54',
        validFrom: '2026-01-01',
        validTo: '2026-12-31',
        payor: 'BHXH thành phố Hà Nội',
        status: 'active',
      },
    });
  });

  it.each([
    null,
    'x',
    { nbf: 1 },
    { nbf: 1, vc: { credentialSubject: { fhirBundle: { resourceType: 'Bundle', entry: [] } } } },
  ])('refuses a payload without a card: %j', (payload) => {
    const r = readCardCredential(payload);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('card.shc_payload');
  });
});
