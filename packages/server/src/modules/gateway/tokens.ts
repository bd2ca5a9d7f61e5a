import { randomBytes, randomUUID } from 'node:crypto';
import { jwtVerify, SignJWT } from 'jose';
import type { Kysely } from 'kysely';
import type { KeySealer } from '../../adapters/key-sealer';
import type { Database } from '../../db/schema';
import { findGatewayKeys, insertGatewayKey } from './repository';

/** Gateway tokens live 30 minutes (ASSUMPTION: the national gateway's lifetime is not published). */
export const GATEWAY_TOKEN_SECONDS = 1800;
const ISSUER = 'vssid';
const AUDIENCE = 'vssid-clinic-gateway';
const keyContext = (kid: string) => `clinic_gateway_keys:${kid}`;

interface GatewayClaims {
  clinicCode: string;
  username: string;
  /** The credential's version when the token was issued: a rotation ends older tokens. */
  version: number;
}

/**
 * The gateway's two tokens (`APIKey.access_token`, `id_token`): JWTs (HS256, jose) signed with a
 * key kept sealed in the database like the access-token keys (adapters/key-sealer.ts), so every
 * node verifies them. The access token carries the clinic and the credential's version; the id
 * token names the credential and is bound to the access token by its `jti`. Verified tokens are
 * kept (bounded) until they expire, so a reused token costs no signature check.
 */
export class GatewayTokens {
  private keys = new Map<string, Uint8Array>();
  private signingKid = '';
  private verified = new Map<string, { claims: GatewayClaims & { jti: string }; expiresAt: number }>();

  private constructor(
    private readonly db: Kysely<Database>,
    private readonly sealer: KeySealer,
  ) {}

  static async open(db: Kysely<Database>, sealer: KeySealer): Promise<GatewayTokens> {
    const tokens = new GatewayTokens(db, sealer);
    await tokens.reload();
    if (!tokens.signingKid) {
      const kid = randomUUID();
      await insertGatewayKey(db, kid, sealer.seal(randomBytes(32), keyContext(kid)));
      await tokens.reload();
    }
    return tokens;
  }

  private async reload(): Promise<void> {
    const rows = await findGatewayKeys(this.db);
    this.keys = new Map(
      rows.map((r) => [r.kid, new Uint8Array(this.sealer.open(r.secret, keyContext(r.kid)))]),
    );
    this.signingKid = rows[0]?.kid ?? '';
  }

  async issue(claims: GatewayClaims): Promise<{ accessToken: string; idToken: string }> {
    const key = this.keys.get(this.signingKid);
    if (!key) throw new Error('no gateway key');
    const jti = randomUUID();
    const base = (typ: string) =>
      new SignJWT({ typ, clinic: claims.clinicCode, ver: claims.version })
        .setProtectedHeader({ alg: 'HS256', kid: this.signingKid, typ: 'JWT' })
        .setIssuer(ISSUER)
        .setAudience(AUDIENCE)
        .setSubject(claims.username)
        .setJti(jti)
        .setIssuedAt()
        .setExpirationTime(`${GATEWAY_TOKEN_SECONDS}s`);
    return { accessToken: await base('access').sign(key), idToken: await base('id').sign(key) };
  }

  private async verifyOne(token: string, typ: 'access' | 'id') {
    const hit = this.verified.get(token);
    if (hit) {
      if (hit.expiresAt > Date.now()) return hit.claims;
      this.verified.delete(token);
      return null;
    }
    try {
      const { payload } = await jwtVerify(
        token,
        async (header) => {
          let key = header.kid ? this.keys.get(header.kid) : undefined;
          if (!key && header.kid) {
            await this.reload();
            key = this.keys.get(header.kid);
          }
          if (!key) throw new Error('unknown key');
          return key;
        },
        { issuer: ISSUER, audience: AUDIENCE, algorithms: ['HS256'] },
      );
      if (payload.typ !== typ || typeof payload.clinic !== 'string' || typeof payload.ver !== 'number')
        return null;
      if (
        typeof payload.sub !== 'string' ||
        typeof payload.jti !== 'string' ||
        typeof payload.exp !== 'number'
      )
        return null;
      const claims = {
        clinicCode: payload.clinic,
        username: payload.sub,
        version: payload.ver,
        jti: payload.jti,
      };
      if (this.verified.size >= 50_000) this.verified.clear();
      this.verified.set(token, { claims, expiresAt: payload.exp * 1000 });
      return claims;
    } catch {
      return null;
    }
  }

  /** The claims of a valid pair (same issue, same credential, unexpired), else null. */
  async verify(accessToken: string, idToken: string | undefined): Promise<GatewayClaims | null> {
    const access = await this.verifyOne(accessToken, 'access');
    if (!access) return null;
    if (idToken !== undefined) {
      const id = await this.verifyOne(idToken, 'id');
      if (!id || id.jti !== access.jti) return null;
    }
    return { clinicCode: access.clinicCode, username: access.username, version: access.version };
  }
}
