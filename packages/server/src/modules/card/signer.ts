import { type KeyObject, sign } from 'node:crypto';
import { promisify } from 'node:util';
import { deflateRaw } from 'node:zlib';
import {
  type CardCredential,
  type CardCredentialInput,
  cardCredentialBundle,
  encodeShcNumeric,
  shcPayload,
  VIETNAM_UTC_OFFSET_MS,
} from '@vssid/domain';
import { DAY_MS, type KeyStore } from './key-store';

export type { CardCredential } from '@vssid/domain';

const deflateRawAsync = promisify(deflateRaw);
/** ECDSA signing on libuv's thread pool (node:crypto with a callback), off the event loop. */
const signAsync = (data: Buffer, key: KeyObject) =>
  new Promise<Buffer>((resolve, reject) => {
    sign('sha256', data, { key, dsaEncoding: 'ieee-p1363' }, (error, signature) => {
      if (error) reject(error);
      else resolve(signature);
    });
  });

export interface ShcIssuer {
  /** The card's credential for today: signed once per card per day (Vietnam time) and node. */
  credentialFor(cardKey: string, card: CardCredentialInput): Promise<CardCredential>;
}

/** A credential is accepted for 24 hours after it was signed: a screenshot goes stale within a day. */
const CREDENTIAL_LIFETIME_S = 86_400;

/**
 * Issues SMART Health Cards for BHYT cards: FHIR bundle → JWT payload → raw DEFLATE → ES256
 * compact JWS (header `zip: DEF`, `kid` = JWK thumbprint) → numeric `shc:/` text. Signing is
 * node:crypto's ECDSA P-256 with the IEEE P1363 (r‖s) signature JWS needs; each node keeps the
 * day's credential of up to `cacheSize` cards so a card opened often is signed once a day. The
 * cached credential is renewed when the card's content changes.
 */
export function createShcIssuer(options: {
  keyStore: KeyStore;
  issuer: string;
  now?: () => Date;
  cacheSize?: number;
}): ShcIssuer {
  const now = options.now ?? (() => new Date());
  const cacheSize = options.cacheSize ?? 20_000;
  const cache = new Map<string, { day: number; content: string; credential: CardCredential }>();

  return {
    async credentialFor(cardKey, card) {
      const at = now().getTime();
      const day = Math.floor((at + VIETNAM_UTC_OFFSET_MS) / DAY_MS);
      const content = JSON.stringify(card);
      const hit = cache.get(cardKey);
      if (hit && hit.day === day && hit.content === content) {
        // Most recently used last, so the oldest entry is the first to go.
        cache.delete(cardKey);
        cache.set(cardKey, hit);
        return hit.credential;
      }
      const key = await options.keyStore.activeKey();
      const issuedAt = Math.floor(at / 1000);
      const expiresAt = issuedAt + CREDENTIAL_LIFETIME_S;
      const payload = shcPayload({
        issuer: options.issuer,
        issuedAt,
        expiresAt,
        bundle: cardCredentialBundle(card),
      });
      const header = Buffer.from(JSON.stringify({ alg: 'ES256', zip: 'DEF', kid: key.kid })).toString(
        'base64url',
      );
      // DEFLATE and ECDSA run on the thread pool: the event loop only builds the payload.
      const body = (await deflateRawAsync(Buffer.from(JSON.stringify(payload)))).toString('base64url');
      const input = `${header}.${body}`;
      const signature = (await signAsync(Buffer.from(input), key.privateKey)).toString('base64url');
      const jws = `${input}.${signature}`;
      const credential: CardCredential = {
        qr: encodeShcNumeric(jws),
        jws,
        kid: key.kid,
        issuedAt: new Date(issuedAt * 1000).toISOString(),
        expiresAt: new Date(expiresAt * 1000).toISOString(),
      };
      cache.delete(cardKey);
      cache.set(cardKey, { day, content, credential });
      if (cache.size > cacheSize) {
        const oldest = cache.keys().next();
        if (!oldest.done) cache.delete(oldest.value);
      }
      return credential;
    },
  };
}
