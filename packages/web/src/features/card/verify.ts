import {
  type CardCredentialSummary,
  cardEndDate,
  decodeShcNumeric,
  readCardCredential,
  vietnamToday,
} from '@vssid/domain';
import type { CardKey } from '@vssid/domain/api/card';
import { fetchCardKeys } from './api';

/**
 * The clinic's check of a signed card, in the browser and offline: `shc:/` digits → compact JWS
 * → ES256 signature checked with WebCrypto against the issuer's public keys (fetched once from
 * `/.well-known/jwks.json` and kept on the device) → raw-DEFLATE payload → the card's facts.
 */

/** What verification needs of a public key of the set (the card keys' contract). */
export type PublicJwk = Pick<CardKey, 'kty' | 'crv' | 'x' | 'y' | 'kid'> &
  Partial<Pick<CardKey, 'alg' | 'use'>>;

export interface KeySet {
  /** The `iss` these keys sign for (the server's public URL). */
  issuer: string;
  keys: PublicJwk[];
  fetchedAt: string;
}

export type Verification =
  | { outcome: 'unreadable'; reason: 'format' | 'payload' }
  | { outcome: 'unknown_key'; kid: string | null; issuer: string | null; card: CardCredentialSummary | null }
  | { outcome: 'invalid'; card: CardCredentialSummary | null }
  | {
      outcome: 'valid';
      expired: boolean;
      /**
       * The card itself has ended by today in Vietnam: past its end, or a TE card past the legal end
       * for the child's age (`cardEndDate`), even if the signed end is later.
       */
      ended: boolean;
      /** The last day the card is in force (the legal end of a TE card when earlier); null: no end. */
      endsOn: string | null;
      card: CardCredentialSummary;
    };

function base64UrlBytes(text: string): Uint8Array<ArrayBuffer> {
  const b64 = text.replace(/-/g, '+').replace(/_/g, '/');
  const bin = atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
  const out = new Uint8Array(new ArrayBuffer(bin.length));
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

async function inflateRaw(bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('deflate-raw'));
  return new Response(stream).text();
}

async function readPayload(part: string): Promise<unknown> {
  try {
    return JSON.parse(await inflateRaw(base64UrlBytes(part))) as unknown;
  } catch {
    return null;
  }
}

/**
 * Checks a scanned or pasted `shc:/…` text. The payload is read before the signature is known to
 * be good only to say whose card it claims to be; `valid` is given only for a correct signature
 * by a key of `keys.issuer`. `expired` says the credential is older than its 24 hours.
 */
export async function verifyCard(
  text: string,
  keys: KeySet | null,
  now: Date = new Date(),
): Promise<Verification> {
  const jws = decodeShcNumeric(text);
  if (!jws.ok) return { outcome: 'unreadable', reason: 'format' };
  const [h = '', p = '', s = ''] = jws.value.split('.');
  let header: { alg?: string; kid?: string; zip?: string };
  try {
    header = JSON.parse(new TextDecoder().decode(base64UrlBytes(h))) as typeof header;
  } catch {
    return { outcome: 'unreadable', reason: 'format' };
  }
  const payload = await readPayload(p);
  const summary = readCardCredential(payload);
  const card = summary.ok ? summary.value : null;
  if (header.alg !== 'ES256' || header.zip !== 'DEF') return { outcome: 'invalid', card };
  const issuer = card?.issuer ?? null;
  const jwk =
    keys && issuer === keys.issuer.replace(/\/+$/, '')
      ? keys.keys.find((k) => k.kid === header.kid)
      : undefined;
  if (!jwk) return { outcome: 'unknown_key', kid: header.kid ?? null, issuer, card };
  let good: boolean;
  try {
    const key = await crypto.subtle.importKey(
      'jwk',
      { kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y, ext: true },
      { name: 'ECDSA', namedCurve: 'P-256' },
      false,
      ['verify'],
    );
    good = await crypto.subtle.verify(
      { name: 'ECDSA', hash: 'SHA-256' },
      key,
      base64UrlBytes(s),
      new TextEncoder().encode(`${h}.${p}`),
    );
  } catch {
    good = false;
  }
  if (!good) return { outcome: 'invalid', card };
  if (!card) return { outcome: 'unreadable', reason: 'payload' };
  const expired = card.expiresAt !== null && Date.parse(card.expiresAt) < now.getTime();
  const endsOn = cardEndDate({
    objectCode: card.plan?.slice(0, 2) ?? null,
    validTo: card.validTo,
    dateOfBirth: card.dateOfBirth,
  });
  const ended = endsOn !== null && endsOn < vietnamToday(now);
  return { outcome: 'valid', expired, ended, endsOn, card };
}

const KEYS_KEY = 'vssid.jwks.v1';

export function loadKeySet(): KeySet | null {
  try {
    const raw = localStorage.getItem(KEYS_KEY);
    if (!raw) return null;
    const parsed = JSON.parse(raw) as Partial<KeySet>;
    return typeof parsed.issuer === 'string' &&
      Array.isArray(parsed.keys) &&
      typeof parsed.fetchedAt === 'string'
      ? (parsed as KeySet)
      : null;
  } catch {
    return null;
  }
}

/**
 * Fetches our public keys from this origin and keeps them on the device (the verifier then
 * works offline), with the `iss` they sign for (the server's public URL, given with the set). The set replaces the one kept: the server itself keeps a retired key published for
 * as long as cards signed with it are valid, and a key it dropped must stop being trusted.
 */
export async function refreshKeySet(): Promise<KeySet> {
  const body = await fetchCardKeys({});
  // The set names the `iss` its keys sign for (the server's public URL).
  const set: KeySet = {
    issuer: body.issuer.replace(/\/+$/, ''),
    keys: body.keys,
    fetchedAt: new Date().toISOString(),
  };
  try {
    localStorage.setItem(KEYS_KEY, JSON.stringify(set));
  } catch {
    // kept in memory only
  }
  return set;
}
