import {
  createHmac,
  createSecretKey,
  type KeyObject,
  randomBytes,
  randomUUID,
  timingSafeEqual,
} from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import type { Principal, Role } from './guard';
import type { KeySealer } from '../../adapters/key-sealer';
import { findTokenKeys, insertTokenKey, sealTokenKey } from './repository';

/** Where a token key's sealed secret belongs (the sealing's associated data). */
const tokenKeyContext = (kid: string) => `token_keys:${kid}`;

/** Access tokens live 10 minutes; the refresh token (rotated at each use) renews them. */
export const ACCESS_TOKEN_SECONDS = 600;
const ISSUER = 'vssid';
const AUDIENCE = 'vssid-api';
/** A failed look-up of an unknown `kid` reloads the keys at most this often (forged tokens cost no query each). */
const RELOAD_INTERVAL_MS = 1000;

interface AccessClaims {
  sid: string;
  role: Role;
  bhxh: string | null;
  agency: string | null;
  unit: string | null;
  clinic: string | null;
  name: string;
  mcp: boolean;
}

/** The protected header of every token signed with `kid`, as it appears in the token (base64url). */
const encodedHeader = (kid: string) =>
  Buffer.from(JSON.stringify({ alg: 'HS256', kid, typ: 'JWT' })).toString('base64url');

const epochSeconds = () => Math.floor(Date.now() / 1000);

type VerifyOutcome =
  { ok: true; principal: Principal } | { ok: false; reason: 'token_expired' | 'invalid_token' };

/**
 * Signs and verifies access tokens: compact JWS, HS256 (RFC 7515/7519), with `node:crypto`'s
 * HMAC on the calling thread. jose does the same through WebCrypto, whose HMAC runs on libuv's
 * thread pool: there it queued behind the argon2 verifications of every waiting sign-in. Measured
 * during the sign-in benchmark (50 connections), a request with a token the node had not seen
 * yet (`GET /auth/session`, 40 of them) took p50 381 ms and p90 490 ms that way, and 10.7 and
 * 20.7 ms this way; each sign-in also waited a second time, for its own signature. HMAC-SHA256
 * of a 400-byte token takes microseconds; here it is never queued.
 *
 * Only the headers this node itself writes are accepted, compared as text: one algorithm, no
 * header parsing on the way to the key (no `alg` confusion, no `none`, no embedded keys). The
 * signature is compared in constant time, as text in its one canonical base64url form. Tokens
 * signed by earlier versions (jose, same header and claims) verify unchanged.
 *
 * The keys are in the database so every API node shares them: the newest signs, all verify (a
 * new key can be added without signing anybody out). Keys are loaded once per node and reloaded
 * when an unknown `kid` appears (at most once a second).
 */
export class AccessTokens {
  /** Per `kid`: the key (its bytes outside the JS heap) and the encoded header of its tokens. */
  private keys = new Map<string, { key: KeyObject; header: string }>();
  /** The encoded headers this node accepts, to their `kid`. */
  private kidByHeader = new Map<string, string>();
  private signingKid = '';
  private reloading: Promise<void> | null = null;
  private lastReload = 0;

  private constructor(
    private readonly db: Kysely<Database>,
    private readonly sealer: KeySealer,
  ) {}

  /**
   * Loads the keys (sealing any stored in the clear by an earlier version, in place), creating
   * the first one; throws `KeySealError` when the key-encryption key does not open them.
   */
  static async open(db: Kysely<Database>, sealer: KeySealer): Promise<AccessTokens> {
    const tokens = new AccessTokens(db, sealer);
    await tokens.reload();
    if (!tokens.signingKid) {
      const kid = randomUUID();
      await insertTokenKey(db, { kid, secret: sealer.seal(randomBytes(32), tokenKeyContext(kid)) });
      await tokens.reload();
    }
    return tokens;
  }

  private async reload(): Promise<void> {
    this.lastReload = Date.now();
    const rows = await findTokenKeys(this.db);
    const keys = new Map<string, { key: KeyObject; header: string }>();
    const kidByHeader = new Map<string, string>();
    for (const r of rows) {
      const context = tokenKeyContext(r.kid);
      // A secret is 32 bytes; sealed, 61. Only an earlier version stored 32 (in the clear).
      let secret: Buffer;
      if (r.secret.length !== 32) secret = this.sealer.open(r.secret, context);
      else {
        await sealTokenKey(this.db, r.kid, r.secret, this.sealer.seal(r.secret, context));
        secret = r.secret;
      }
      const header = encodedHeader(r.kid);
      keys.set(r.kid, { key: createSecretKey(secret), header });
      kidByHeader.set(header, r.kid);
      // The key object holds its own copy, outside the JS heap; the plaintext itself is zeroed.
      secret.fill(0);
    }
    this.keys = keys;
    this.kidByHeader = kidByHeader;
    this.signingKid = rows[0]?.kid ?? '';
  }

  /** One reload at a time, and at most one a second. */
  private reloadSoon(): Promise<void> {
    if (this.reloading) return this.reloading;
    if (Date.now() - this.lastReload < RELOAD_INTERVAL_MS) return Promise.resolve();
    this.reloading = this.reload().finally(() => {
      this.reloading = null;
    });
    return this.reloading;
  }

  private static mac(key: KeyObject, signingInput: string): string {
    return createHmac('sha256', key).update(signingInput).digest('base64url');
  }

  sign(principal: Principal): Promise<string> {
    const signing = this.keys.get(this.signingKid);
    if (!signing) return Promise.reject(new Error('no access-token key'));
    const iat = epochSeconds();
    const claims: AccessClaims & { sub: string; iss: string; aud: string; iat: number; exp: number } = {
      sid: principal.sessionId,
      role: principal.role,
      bhxh: principal.bhxhCode,
      agency: principal.agencyCode,
      unit: principal.unitCode,
      clinic: principal.clinicCode,
      name: principal.displayName,
      mcp: principal.mustChangePassword,
      sub: principal.accountId,
      iss: ISSUER,
      aud: AUDIENCE,
      iat,
      exp: iat + ACCESS_TOKEN_SECONDS,
    };
    const input = `${signing.header}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}`;
    return Promise.resolve(`${input}.${AccessTokens.mac(signing.key, input)}`);
  }

  /**
   * Tokens this node has verified, with their principal and expiry: a token presented again (every
   * request of a signed-in app) skips the HMAC and the parsing. Bounded; the expiry is checked on
   * every use, so a cached token expires exactly as an uncached one.
   */
  private verified = new Map<string, { principal: Principal; expiresAt: number }>();

  async verify(token: string): Promise<VerifyOutcome> {
    const hit = this.verified.get(token);
    if (hit) {
      if (hit.expiresAt > Date.now()) return { ok: true, principal: hit.principal };
      this.verified.delete(token);
      return { ok: false, reason: 'token_expired' };
    }
    const outcome = await this.verifyUncached(token);
    if (outcome.ok) {
      if (this.verified.size >= 100_000) this.verified.clear();
      this.verified.set(token, { principal: outcome.principal, expiresAt: outcome.expiresAt });
    }
    return outcome.ok ? { ok: true, principal: outcome.principal } : outcome;
  }

  private async verifyUncached(
    token: string,
  ): Promise<
    | { ok: true; principal: Principal; expiresAt: number }
    | { ok: false; reason: 'token_expired' | 'invalid_token' }
  > {
    const invalid = { ok: false, reason: 'invalid_token' } as const;
    const first = token.indexOf('.');
    const second = token.indexOf('.', first + 1);
    if (first <= 0 || second <= first + 1 || token.indexOf('.', second + 1) !== -1) return invalid;
    const header = token.slice(0, first);
    let kid = this.kidByHeader.get(header);
    if (kid === undefined && AccessTokens.isOurHeaderShape(header)) {
      await this.reloadSoon();
      kid = this.kidByHeader.get(header);
    }
    const key = kid === undefined ? undefined : this.keys.get(kid)?.key;
    if (!key) return invalid;
    const signature = Buffer.from(token.slice(second + 1));
    const expected = Buffer.from(AccessTokens.mac(key, token.slice(0, second)));
    if (signature.length !== expected.length || !timingSafeEqual(signature, expected)) return invalid;

    let payload: unknown;
    try {
      payload = JSON.parse(Buffer.from(token.slice(first + 1, second), 'base64url').toString('utf8'));
    } catch {
      return invalid;
    }
    if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) return invalid;
    const p = payload as Partial<AccessClaims> & Record<string, unknown>;
    const audience = p.aud;
    const audienceOk = audience === AUDIENCE || (Array.isArray(audience) && audience.includes(AUDIENCE));
    if (p.iss !== ISSUER || !audienceOk) return invalid;
    if (typeof p.exp !== 'number' || typeof p.iat !== 'number') return invalid;
    if (p.nbf !== undefined && (typeof p.nbf !== 'number' || p.nbf > epochSeconds())) return invalid;
    if (typeof p.sub !== 'string' || !p.sub || typeof p.sid !== 'string') return invalid;
    if (p.exp <= epochSeconds()) return { ok: false, reason: 'token_expired' };
    return {
      ok: true,
      expiresAt: p.exp * 1000,
      principal: {
        accountId: p.sub,
        sessionId: p.sid,
        role: p.role as Role,
        bhxhCode: p.bhxh ?? null,
        agencyCode: p.agency ?? null,
        unitCode: p.unit ?? null,
        clinicCode: p.clinic ?? null,
        displayName: p.name ?? '',
        mustChangePassword: p.mcp === true,
      },
    };
  }

  /** Whether an unknown header is one this system writes, for a key this node may not know yet. */
  private static isOurHeaderShape(header: string): boolean {
    try {
      const parsed = JSON.parse(Buffer.from(header, 'base64url').toString('utf8')) as unknown;
      if (typeof parsed !== 'object' || parsed === null) return false;
      const h = parsed as { kid?: unknown };
      return typeof h.kid === 'string' && encodedHeader(h.kid) === header;
    } catch {
      return false;
    }
  }
}
