import { generateKeyPairSync, sign } from 'node:crypto';
import { deflateRawSync } from 'node:zlib';
import { cardCredentialBundle, decodeShcNumeric, encodeShcNumeric, shcPayload } from '@vssid/domain';
import { describe, expect, it } from 'vitest';
import { type KeySet, verifyCard } from './verify';

const ISSUER = 'https://vssid.example';
const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const jwk = publicKey.export({ format: 'jwk' });
const keys: KeySet = {
  issuer: ISSUER,
  keys: [{ kty: 'EC', crv: 'P-256', x: jwk.x ?? '', y: jwk.y ?? '', kid: 'k1', alg: 'ES256' }],
  fetchedAt: '2026-12-01T00:00:00.000Z',
};
const NOW = Date.parse('2026-12-01T03:00:00Z') / 1000;

/** A card credential signed as the server signs it (ES256 over the raw-DEFLATE payload). */
function credential(
  options: {
    kid?: string;
    issuer?: string;
    issuedAt?: number;
    card?: Partial<Parameters<typeof cardCredentialBundle>[0]>;
  } = {},
): string {
  const payload = shcPayload({
    issuer: options.issuer ?? ISSUER,
    issuedAt: options.issuedAt ?? NOW,
    expiresAt: (options.issuedAt ?? NOW) + 86_400,
    bundle: cardCredentialBundle({
      bhxhCode: '0100000101',
      fullName: 'Nguyễn Thị Hoà',
      dateOfBirth: '1985-05-17',
      gender: 'female',
      cardNumber: '0100000101',
      objectCode: 'DN',
      benefitLevel: 4,
      registeredClinicCode: '01C54',
      validFrom: '2026-01-01',
      validTo: '2026-12-31',
      issuingAgencyName: 'BHXH thành phố Hà Nội',
      status: 'active',
      ...options.card,
    }),
  });
  const header = Buffer.from(JSON.stringify({ alg: 'ES256', zip: 'DEF', kid: options.kid ?? 'k1' })).toString(
    'base64url',
  );
  const body = deflateRawSync(Buffer.from(JSON.stringify(payload))).toString('base64url');
  const signature = sign('sha256', Buffer.from(`${header}.${body}`), {
    key: privateKey,
    dsaEncoding: 'ieee-p1363',
  }).toString('base64url');
  return encodeShcNumeric(`${header}.${body}.${signature}`);
}

const at = (seconds: number) => new Date(seconds * 1000);

describe('the clinic verifier', () => {
  it('accepts a card signed by a known key and shows who it is for', async () => {
    const result = await verifyCard(credential(), keys, at(NOW + 60));
    expect(result.outcome).toBe('valid');
    if (result.outcome !== 'valid') return;
    expect(result.expired).toBe(false);
    expect(result.card).toMatchObject({
      fullName: 'Nguyễn Thị Hoà',
      dateOfBirth: '1985-05-17',
      validFrom: '2026-01-01',
      validTo: '2026-12-31',
      issuedAt: at(NOW).toISOString(),
    });
  });

  it('says a day-old credential has expired although its signature is good', async () => {
    const result = await verifyCard(credential(), keys, at(NOW + 86_401));
    expect(result).toMatchObject({ outcome: 'valid', expired: true });
  });

  it('says the card is in force until its end', async () => {
    expect(await verifyCard(credential(), keys, at(NOW))).toMatchObject({
      outcome: 'valid',
      ended: false,
      endsOn: '2026-12-31',
    });
  });

  it("shows a 7-year-old child's TE card as ended, though signed to 31 December (issue #19)", async () => {
    // Born 2020-02-09: the TE card ends on 2026-09-30 (Luật BHYT Art. 16 §3; NĐ 146/2018 Art. 13 §2).
    const te = credential({
      card: { objectCode: 'TE', benefitLevel: 1, dateOfBirth: '2020-02-09', validTo: '2026-12-31' },
    });
    const result = await verifyCard(te, keys, at(NOW));
    expect(result).toMatchObject({ outcome: 'valid', ended: true, endsOn: '2026-09-30' });
    // A 4-year-old's TE card is in force.
    const young = credential({
      card: { objectCode: 'TE', benefitLevel: 1, dateOfBirth: '2022-03-04', validTo: '2026-12-31' },
    });
    expect(await verifyCard(young, keys, at(NOW))).toMatchObject({ outcome: 'valid', ended: false });
  });

  it('shows any card past its end as ended', async () => {
    const past = credential({ card: { validTo: '2026-11-30' } });
    expect(await verifyCard(past, keys, at(NOW))).toMatchObject({ outcome: 'valid', ended: true });
  });

  it('refuses a changed signature or payload', async () => {
    const qr = credential();
    // One character in the middle of the signature (10 characters from the end: full 6 bits of data).
    const at10 = qr.length - 20;
    const swapped = qr.slice(at10, at10 + 2) === '20' ? '21' : '20';
    const changed = qr.slice(0, at10) + swapped + qr.slice(at10 + 2);
    expect((await verifyCard(changed, keys, at(NOW))).outcome).toBe('invalid');
    // Another payload (issued a second later) under this signature.
    const jws = (text: string) => {
      const r = decodeShcNumeric(text);
      if (!r.ok) throw new Error('not a card');
      return r.value.split('.');
    };
    const [h, , sig] = jws(qr);
    const [, otherPayload] = jws(credential({ issuedAt: NOW + 1 }));
    const forged = encodeShcNumeric(`${h ?? ''}.${otherPayload ?? ''}.${sig ?? ''}`);
    expect((await verifyCard(forged, keys, at(NOW))).outcome).toBe('invalid');
  });

  it('does not trust a key it does not know, or another issuer', async () => {
    expect((await verifyCard(credential({ kid: 'unknown' }), keys, at(NOW))).outcome).toBe('unknown_key');
    expect((await verifyCard(credential({ issuer: 'https://evil.example' }), keys, at(NOW))).outcome).toBe(
      'unknown_key',
    );
    const noKeys = await verifyCard(credential(), null, at(NOW));
    expect(noKeys.outcome).toBe('unknown_key');
    if (noKeys.outcome === 'unknown_key') expect(noKeys.card?.fullName).toBe('Nguyễn Thị Hoà');
  });

  it('says a text that is not a card cannot be read', async () => {
    for (const text of ['hello', 'shc:/12ab', 'shc:/0001']) {
      expect(await verifyCard(text, keys, at(NOW))).toEqual({ outcome: 'unreadable', reason: 'format' });
    }
  });
});
