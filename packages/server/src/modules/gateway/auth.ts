import type { Kysely } from 'kysely';
import type { Principal } from '../../context';
import type { Database } from '../../db/schema';
import { RateLimiter } from '../auth/rate-limit';
import { findCredentialVersion, findClinic } from './repository';
import type { GatewayTokens } from './tokens';

/** A clinic calling through the gateway: its code and name, and the credential's user name. */
export interface GatewayCaller {
  clinicCode: string;
  clinicName: string;
  username: string;
}

/**
 * Limits per clinic credential (ASSUMPTION: not published for the national gateway; ceilings
 * against a runaway client, above the busiest hospital's day): token requests 30 a minute per
 * user name; checks and visit files 20,000 a minute per clinic each.
 */
export const GATEWAY_LIMITS = { tokensPerMinute: 30, checksPerMinute: 20_000, visitsPerMinute: 20_000 };

/**
 * Who a gateway call comes from: the token pair, valid and issued under the credential's current
 * version (a rotation ends older tokens), and the user name when one is given; null → 401.
 * Credential versions are re-read at most every 5 seconds per clinic.
 */
export function createGatewayAuth(db: Kysely<Database>, tokens: GatewayTokens) {
  const limiter = new RateLimiter(db);
  const versions = new Map<string, { version: number; name: string; at: number }>();
  return {
    limiter,
    async caller(query: {
      token?: string;
      id_token?: string;
      username?: string;
    }): Promise<GatewayCaller | null> {
      if (!query.token) return null;
      const claims = await tokens.verify(query.token, query.id_token);
      if (!claims) return null;
      if (query.username !== undefined && query.username !== claims.username) return null;
      let known = versions.get(claims.clinicCode);
      if (!known || Date.now() - known.at > 5000) {
        const row = await findCredentialVersion(db, claims.clinicCode);
        const clinic = await findClinic(db, claims.clinicCode);
        if (!row || !clinic) return null;
        known = { version: row.version, name: clinic.name, at: Date.now() };
        versions.set(claims.clinicCode, known);
      }
      if (known.version !== claims.version) return null;
      return { clinicCode: claims.clinicCode, clinicName: known.name, username: claims.username };
    },
    /** Forgets a clinic's cached version (after a rotation on this node). */
    forget(clinicCode: string): void {
      versions.delete(clinicCode);
    },
  };
}
export type GatewayAuth = ReturnType<typeof createGatewayAuth>;

/** The reader named in the audit entries of a gateway call: the clinic, through its credential. */
export function gatewayReader(caller: GatewayCaller, clerkName: string): Principal {
  return {
    accountId: `gateway:${caller.clinicCode}`,
    sessionId: `gateway:${caller.username}`,
    role: 'clinic',
    bhxhCode: null,
    agencyCode: null,
    unitCode: null,
    clinicCode: caller.clinicCode,
    displayName: clerkName,
    mustChangePassword: false,
  };
}
