import { createHash, randomBytes } from 'node:crypto';
import { createRemoteJWKSet, type JWTPayload, jwtVerify } from 'jose';

/** What this relying party needs from the provider's discovery document. */
interface Discovery {
  issuer: string;
  authorization_endpoint: string;
  token_endpoint: string;
  jwks_uri: string;
}

/** One sign-in in progress, kept by the browser (HttpOnly cookie) between start and callback. */
export interface PendingLogin {
  state: string;
  nonce: string;
  verifier: string;
  next: string;
}

export class OidcError extends Error {
  constructor(
    readonly reason: 'unavailable' | 'denied' | 'state' | 'token' | 'id_token' | 'subject',
    detail: string,
  ) {
    super(detail);
    this.name = 'OidcError';
  }
}

const DISCOVERY_CACHE_MS = 10 * 60_000;
const HTTP_TIMEOUT_MS = 10_000;

/**
 * An OpenID Connect relying party for VNeID: authorization code flow with PKCE (S256), `state`
 * and `nonce`, client_secret_basic at the token endpoint, and the ID token verified with `jose`
 * against the provider's JWKS (signature, issuer, audience, expiry, nonce). Endpoints come from
 * `/.well-known/openid-configuration`, cached for 10 minutes.
 */
export function createOidcClient(options: {
  issuer: string;
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  scope?: string;
}) {
  const issuer = options.issuer.replace(/\/+$/, '');
  let cached: { at: number; discovery: Discovery; jwks: ReturnType<typeof createRemoteJWKSet> } | null = null;

  async function discover() {
    if (cached && Date.now() - cached.at < DISCOVERY_CACHE_MS) return cached;
    let body: Partial<Discovery>;
    try {
      const res = await fetch(`${issuer}/.well-known/openid-configuration`, {
        signal: AbortSignal.timeout(HTTP_TIMEOUT_MS),
        headers: { accept: 'application/json' },
      });
      if (!res.ok) throw new Error(`discovery answered ${res.status}`);
      body = (await res.json()) as Partial<Discovery>;
    } catch (error) {
      throw new OidcError('unavailable', error instanceof Error ? error.message : 'discovery failed');
    }
    if (
      body.issuer?.replace(/\/+$/, '') !== issuer ||
      !body.authorization_endpoint ||
      !body.token_endpoint ||
      !body.jwks_uri
    )
      throw new OidcError('unavailable', 'discovery document does not name this issuer and its endpoints');
    const discovery = body as Discovery;
    cached = { at: Date.now(), discovery, jwks: createRemoteJWKSet(new URL(discovery.jwks_uri)) };
    return cached;
  }

  return {
    issuer,

    /** Where to send the browser, and what to remember until it comes back. */
    async authorizationUrl(input: {
      next: string;
      language: string;
    }): Promise<{ url: string; pending: PendingLogin }> {
      const { discovery } = await discover();
      const pending: PendingLogin = {
        state: randomBytes(24).toString('base64url'),
        nonce: randomBytes(24).toString('base64url'),
        verifier: randomBytes(32).toString('base64url'),
        next: input.next,
      };
      const url = new URL(discovery.authorization_endpoint);
      url.search = new URLSearchParams({
        response_type: 'code',
        client_id: options.clientId,
        redirect_uri: options.redirectUri,
        scope: options.scope ?? 'openid profile',
        state: pending.state,
        nonce: pending.nonce,
        code_challenge: createHash('sha256').update(pending.verifier).digest('base64url'),
        code_challenge_method: 'S256',
        ui_locales: input.language,
        // Every sign-in asks the person at VNeID: no silent single sign-on after signing out here
        // (a shared phone or PC must not sign the last person back in).
        prompt: 'login',
      }).toString();
      return { url: url.toString(), pending };
    },

    /** The callback: checks `state`, redeems the code with the PKCE verifier, verifies the ID token. */
    async finish(
      query: { code?: string | undefined; state?: string | undefined; error?: string | undefined },
      pending: PendingLogin | null,
    ): Promise<JWTPayload> {
      if (!pending || !query.state || query.state !== pending.state)
        throw new OidcError('state', 'state does not match the sign-in this browser started');
      if (query.error) throw new OidcError('denied', query.error);
      if (!query.code) throw new OidcError('token', 'no code');
      const { discovery, jwks } = await discover();
      let tokens: { id_token?: string; token_type?: string };
      try {
        const basic = Buffer.from(
          `${encodeURIComponent(options.clientId)}:${encodeURIComponent(options.clientSecret)}`,
        ).toString('base64');
        const res = await fetch(discovery.token_endpoint, {
          method: 'POST',
          signal: AbortSignal.timeout(HTTP_TIMEOUT_MS),
          headers: {
            authorization: `Basic ${basic}`,
            'content-type': 'application/x-www-form-urlencoded',
            accept: 'application/json',
          },
          body: new URLSearchParams({
            grant_type: 'authorization_code',
            code: query.code,
            redirect_uri: options.redirectUri,
            code_verifier: pending.verifier,
          }).toString(),
        });
        tokens = (await res.json()) as { id_token?: string };
        if (!res.ok) throw new Error(`token endpoint answered ${res.status}`);
      } catch (error) {
        throw new OidcError('token', error instanceof Error ? error.message : 'token request failed');
      }
      if (!tokens.id_token) throw new OidcError('token', 'no ID token');
      try {
        const { payload } = await jwtVerify(tokens.id_token, jwks, {
          issuer: discovery.issuer,
          audience: options.clientId,
          algorithms: ['RS256', 'PS256', 'ES256', 'EdDSA'],
          maxTokenAge: '10 minutes',
        });
        if (payload.nonce !== pending.nonce) throw new Error('nonce does not match');
        return payload;
      } catch (error) {
        throw new OidcError('id_token', error instanceof Error ? error.message : 'invalid ID token');
      }
    },
  };
}

export type OidcClient = ReturnType<typeof createOidcClient>;
