import { randomBytes, randomUUID, webcrypto } from 'node:crypto';
import { errors as joseErrors, jwtVerify, SignJWT } from 'jose';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import type { Principal, Role } from './guard';
import type { KeySealer } from '../../adapters/key-sealer';
import { findTokenKeys, insertTokenKey, sealTokenKey } from './repository';

/** Where a token key's sealed secret belongs (the sealing's associated data). */
const tokenKeyContext = (kid: string) => `token_keys:${kid}`;

/** An HS256 key, not extractable: it signs and verifies, nothing reads it back. */
const hmacKey = (secret: Uint8Array) =>
  webcrypto.subtle.importKey('raw', secret, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify']);

/** Access tokens live 10 minutes; the refresh token (rotated at each use) renews them. */
export const ACCESS_TOKEN_SECONDS = 600;
const ISSUER = 'vssid';
const AUDIENCE = 'vssid-api';

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

export type VerifyOutcome =
  { ok: true; principal: Principal } | { ok: false; reason: 'token_expired' | 'invalid_token' };

/**
 * Signs and verifies access tokens (JWT, HS256, `jose`). The keys are in the database so every
 * API node shares them: the newest signs, all verify (a new key can be added without signing
 * anybody out). Keys are loaded once per node and reloaded when an unknown `kid` appears.
 */
export class AccessTokens {
  /**
   * Imported once per key, when the keys are loaded: given the raw bytes, jose imports them into
   * WebCrypto on every signature and every verification (measured under sign-in load: about 3 %
   * of the event loop's time).
   */
  private keys = new Map<string, webcrypto.CryptoKey>();
  private signingKid = '';

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
    const rows = await findTokenKeys(this.db);
    const keys = new Map<string, webcrypto.CryptoKey>();
    for (const r of rows) {
      const context = tokenKeyContext(r.kid);
      // A secret is 32 bytes; sealed, 61. Only an earlier version stored 32 (in the clear).
      let secret: Uint8Array;
      if (r.secret.length !== 32) secret = this.sealer.open(r.secret, context);
      else {
        await sealTokenKey(this.db, r.kid, r.secret, this.sealer.seal(r.secret, context));
        secret = r.secret;
      }
      keys.set(r.kid, await hmacKey(secret));
      // The plaintext itself, not a copy: the bytes live on only inside the non-extractable key.
      secret.fill(0);
    }
    this.keys = keys;
    this.signingKid = rows[0]?.kid ?? '';
  }

  async sign(principal: Principal): Promise<string> {
    const key = this.keys.get(this.signingKid);
    if (!key) throw new Error('no access-token key');
    const claims: AccessClaims = {
      sid: principal.sessionId,
      role: principal.role,
      bhxh: principal.bhxhCode,
      agency: principal.agencyCode,
      unit: principal.unitCode,
      clinic: principal.clinicCode,
      name: principal.displayName,
      mcp: principal.mustChangePassword,
    };
    return new SignJWT({ ...claims })
      .setProtectedHeader({ alg: 'HS256', kid: this.signingKid, typ: 'JWT' })
      .setSubject(principal.accountId)
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt()
      .setExpirationTime(`${ACCESS_TOKEN_SECONDS}s`)
      .sign(key);
  }

  /**
   * Tokens this node has verified, with their principal and expiry: a token presented again (every
   * request of a signed-in app) skips the HMAC, which runs on libuv's thread pool. Bounded; the
   * expiry is checked on every use, so a cached token expires exactly as an uncached one.
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
    try {
      const { payload } = await jwtVerify<AccessClaims>(
        token,
        async (header) => {
          const kid = header.kid ?? '';
          if (!this.keys.has(kid)) await this.reload();
          const key = this.keys.get(kid);
          if (!key) throw new joseErrors.JWKSNoMatchingKey();
          return key;
        },
        { issuer: ISSUER, audience: AUDIENCE, algorithms: ['HS256'] },
      );
      if (!payload.sub || typeof payload.sid !== 'string' || typeof payload.exp !== 'number')
        return { ok: false, reason: 'invalid_token' };
      return {
        ok: true,
        expiresAt: payload.exp * 1000,
        principal: {
          accountId: payload.sub,
          sessionId: payload.sid,
          role: payload.role,
          bhxhCode: payload.bhxh,
          agencyCode: payload.agency,
          unitCode: payload.unit,
          clinicCode: payload.clinic,
          displayName: payload.name,
          mustChangePassword: payload.mcp,
        },
      };
    } catch (error) {
      if (error instanceof joseErrors.JWTExpired) return { ok: false, reason: 'token_expired' };
      return { ok: false, reason: 'invalid_token' };
    }
  }
}
