import {
  createHash,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
  randomBytes,
  sign,
} from 'node:crypto';

/**
 * Tests only: a software WebAuthn authenticator written from the specification (W3C WebAuthn
 * Level 3 §6.1 authenticator data, §6.5 attestation "none", COSE ES256 keys per RFC 9053), so
 * the server's verification (@simplewebauthn/server) is checked against an independent peer.
 * It holds ES256 credentials and answers `create()` and `get()` the way
 * `PublicKeyCredential.toJSON()` serialises them.
 */

const b64url = (bytes: Buffer | Uint8Array) => Buffer.from(bytes).toString('base64url');
const sha256 = (data: Buffer | string) => createHash('sha256').update(data).digest();

// ---------------------------------------------------------------- minimal CBOR (RFC 8949) encoder
type Cbor = number | string | Buffer | Map<Cbor, Cbor>;
function head(major: number, length: number): Buffer {
  if (length < 24) return Buffer.from([(major << 5) | length]);
  if (length < 256) return Buffer.from([(major << 5) | 24, length]);
  if (length < 65536) return Buffer.from([(major << 5) | 25, length >> 8, length & 255]);
  throw new Error('too long');
}
function cbor(value: Cbor): Buffer {
  if (typeof value === 'number') return value >= 0 ? head(0, value) : head(1, -1 - value);
  if (typeof value === 'string') {
    const bytes = Buffer.from(value, 'utf8');
    return Buffer.concat([head(3, bytes.length), bytes]);
  }
  if (Buffer.isBuffer(value)) return Buffer.concat([head(2, value.length), value]);
  const parts = [head(5, value.size)];
  for (const [k, v] of value) parts.push(cbor(k), cbor(v));
  return Buffer.concat(parts);
}

interface Flags {
  userPresent?: boolean;
  userVerified?: boolean;
  /** Backup eligible: a synced (multi-device) passkey. */
  backupEligible?: boolean;
  backedUp?: boolean;
}

function flagByte(flags: Flags, attested: boolean): number {
  return (
    (flags.userPresent !== false ? 0x01 : 0) |
    (flags.userVerified !== false ? 0x04 : 0) |
    (flags.backupEligible ? 0x08 : 0) |
    (flags.backedUp ? 0x10 : 0) |
    (attested ? 0x40 : 0)
  );
}

function counterBytes(counter: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(counter);
  return b;
}

interface SoftCredential {
  id: Buffer;
  privateKey: KeyObject;
  cosePublicKey: Buffer;
  userHandle: Buffer;
  rpId: string;
  counter: number;
  flags: Flags;
}

export interface CreationOptions {
  challenge: string;
  rp: { id?: string; name: string };
  user: { id: string; name: string; displayName: string };
}
export interface RequestOptions {
  challenge: string;
  rpId?: string;
  allowCredentials?: { id: string }[];
}

export class SoftAuthenticator {
  readonly credentials: SoftCredential[] = [];

  constructor(private readonly origin: string) {}

  /** Answers `navigator.credentials.create()` with a new ES256 credential, attestation "none". */
  create(
    options: CreationOptions,
    flags: Flags = {},
    override: { origin?: string; type?: string; reuse?: SoftCredential } = {},
  ): Record<string, unknown> {
    const rpId = options.rp.id ?? new URL(this.origin).hostname;
    const { privateKey, publicKey } = override.reuse
      ? { privateKey: override.reuse.privateKey, publicKey: createPublicKey(override.reuse.privateKey) }
      : generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const jwk = publicKey.export({ format: 'jwk' });
    const cosePublicKey = cbor(
      new Map<Cbor, Cbor>([
        [1, 2], // kty: EC2
        [3, -7], // alg: ES256
        [-1, 1], // crv: P-256
        [-2, Buffer.from(jwk.x ?? '', 'base64url')],
        [-3, Buffer.from(jwk.y ?? '', 'base64url')],
      ]),
    );
    const id = override.reuse?.id ?? randomBytes(32);
    const credential: SoftCredential = {
      id,
      privateKey,
      cosePublicKey,
      userHandle: Buffer.from(options.user.id, 'base64url'),
      rpId,
      counter: 0,
      flags,
    };
    const idLength = Buffer.alloc(2);
    idLength.writeUInt16BE(id.length);
    const authData = Buffer.concat([
      sha256(rpId),
      Buffer.from([flagByte(flags, true)]),
      counterBytes(credential.counter),
      Buffer.alloc(16), // AAGUID: zeros (no attestation)
      idLength,
      id,
      cosePublicKey,
    ]);
    const clientDataJSON = Buffer.from(
      JSON.stringify({
        type: override.type ?? 'webauthn.create',
        challenge: options.challenge,
        origin: override.origin ?? this.origin,
        crossOrigin: false,
      }),
    );
    const attestationObject = cbor(
      new Map<Cbor, Cbor>([
        ['fmt', 'none'],
        ['attStmt', new Map()],
        ['authData', authData],
      ]),
    );
    if (!override.reuse) this.credentials.push(credential);
    return {
      id: b64url(id),
      rawId: b64url(id),
      type: 'public-key',
      response: {
        clientDataJSON: b64url(clientDataJSON),
        attestationObject: b64url(attestationObject),
        transports: ['internal'],
      },
      authenticatorAttachment: 'platform',
      clientExtensionResults: {},
    };
  }

  /**
   * Answers `navigator.credentials.get()`: picks an allowed credential (or, with none listed, a
   * discoverable one for the RP), counts up and signs authenticatorData ‖ SHA-256(clientDataJSON).
   */
  get(
    options: RequestOptions,
    override: { origin?: string; counter?: number; credential?: SoftCredential; flags?: Flags } = {},
  ): Record<string, unknown> {
    const rpId = options.rpId ?? new URL(this.origin).hostname;
    const allowed = options.allowCredentials?.map((c) => c.id) ?? [];
    const credential =
      override.credential ??
      this.credentials.find(
        (c) => c.rpId === rpId && (allowed.length === 0 || allowed.includes(b64url(c.id))),
      );
    if (!credential) throw new Error('NotAllowedError: no credential for this request');
    credential.counter = override.counter ?? credential.counter + 1;
    const authData = Buffer.concat([
      sha256(rpId),
      Buffer.from([flagByte(override.flags ?? credential.flags, false)]),
      counterBytes(credential.counter),
    ]);
    const clientDataJSON = Buffer.from(
      JSON.stringify({
        type: 'webauthn.get',
        challenge: options.challenge,
        origin: override.origin ?? this.origin,
        crossOrigin: false,
      }),
    );
    const signature = sign(
      'sha256',
      Buffer.concat([authData, sha256(clientDataJSON)]),
      credential.privateKey,
    );
    return {
      id: b64url(credential.id),
      rawId: b64url(credential.id),
      type: 'public-key',
      response: {
        clientDataJSON: b64url(clientDataJSON),
        authenticatorData: b64url(authData),
        signature: b64url(signature),
        userHandle: b64url(credential.userHandle),
      },
      authenticatorAttachment: 'platform',
      clientExtensionResults: {},
    };
  }
}
