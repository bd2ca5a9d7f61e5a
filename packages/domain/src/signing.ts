import { sha256 } from './lookup/proof-of-work';

/**
 * Signed submissions of an employer unit (issue #27 item 6): the unit admin signs each
 * declaration and claim with a device-bound passkey, standing in for the USB token (chữ ký số)
 * of the real system. What is signed is a WebAuthn assertion whose challenge is derived from the
 * submission itself, so the server recomputes it from the payload it received and an altered
 * payload no longer matches. The web and the server share these functions.
 */

/**
 * Canonical JSON of a value (the ideas of RFC 8785, JCS): object keys sorted by UTF-16 code
 * units, no whitespace, `undefined` members left out, strings and numbers as `JSON.stringify`
 * writes them (which is JCS's number form). Arrays keep their order. A value JSON cannot carry
 * (a function, a symbol, a bigint, NaN or an infinity) throws, rather than being signed as
 * something else.
 */
export function canonicalJson(value: unknown): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError('canonicalJson: a number must be finite');
      return JSON.stringify(value);
    case 'object': {
      if (Array.isArray(value))
        return `[${value.map((v: unknown) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
      if (value instanceof Date) return JSON.stringify(value.toISOString());
      const entries = Object.entries(value as Record<string, unknown>)
        .filter(([, v]) => v !== undefined)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
    }
    case 'bigint':
    case 'function':
    case 'symbol':
    case 'undefined':
      throw new TypeError(`canonicalJson: a ${typeof value} cannot be signed`);
  }
  throw new TypeError('canonicalJson: an unknown kind of value');
}

const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** base64url without padding (RFC 4648 §5), as WebAuthn writes challenges. */
export function base64url(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i] ?? 0;
    const b = bytes[i + 1] ?? 0;
    const c = bytes[i + 2] ?? 0;
    const n = (a << 16) | (b << 8) | c;
    out += B64URL[(n >> 18) & 63] ?? '';
    out += B64URL[(n >> 12) & 63] ?? '';
    if (i + 1 < bytes.length) out += B64URL[(n >> 6) & 63] ?? '';
    if (i + 2 < bytes.length) out += B64URL[n & 63] ?? '';
  }
  return out;
}

/** The text a submission's hash is taken over: its kind, a line feed, its canonical JSON. */
export function submissionText(kind: string, payload: unknown): string {
  return `${kind}\n${canonicalJson(payload)}`;
}

/**
 * The WebAuthn challenge of a submission: base64url(SHA-256(kind + '\n' + canonical JSON of the
 * payload)). It is also the submission's hash kept with it (`payloadHash`).
 */
export function submissionChallenge(kind: string, payload: unknown): string {
  return base64url(sha256(new TextEncoder().encode(submissionText(kind, payload))));
}
