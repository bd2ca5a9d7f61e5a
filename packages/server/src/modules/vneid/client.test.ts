import { createHash } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, type GenerateKeyPairResult, type JWK, SignJWT } from 'jose';

type PrivateKey = GenerateKeyPairResult['privateKey'];
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createOidcClient, OidcError } from './client';

/**
 * The relying party against a small provider written here on loopback, which answers the token
 * request with an ID token chosen by each test: what the client must refuse (another key, issuer,
 * audience, nonce, an expired token) and what it must send (PKCE verifier, Basic credentials).
 */
let server: http.Server;
let issuer: string;
let key: PrivateKey;
let otherKey: PrivateKey;
let publicJwk: JWK;
let lastTokenRequest: { authorization: string | undefined; body: URLSearchParams } | null = null;
let idToken: () => Promise<string> = () => Promise.resolve('');

beforeAll(async () => {
  const pair = await generateKeyPair('ES256', { extractable: true });
  key = pair.privateKey;
  publicJwk = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'ES256', use: 'sig' };
  otherKey = (await generateKeyPair('ES256')).privateKey;
  server = http.createServer((req, res) => {
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    // `/other` names the base issuer in its discovery document: a mix-up the client must refuse.
    if (
      req.url === '/.well-known/openid-configuration' ||
      req.url === '/other/.well-known/openid-configuration'
    ) {
      send(200, {
        issuer,
        authorization_endpoint: `${issuer}/auth`,
        token_endpoint: `${issuer}/token`,
        jwks_uri: `${issuer}/jwks`,
      });
      return;
    }
    if (req.url === '/jwks') {
      send(200, { keys: [publicJwk] });
      return;
    }
    if (req.url === '/token' && req.method === 'POST') {
      let raw = '';
      req.on('data', (c: Buffer) => (raw += c.toString()));
      req.on('end', () => {
        lastTokenRequest = { authorization: req.headers.authorization, body: new URLSearchParams(raw) };
        void idToken().then((token) => {
          send(200, { access_token: 'at', token_type: 'Bearer', id_token: token });
        });
      });
      return;
    }
    send(404, { error: 'not_found' });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});
beforeEach(() => {
  lastTokenRequest = null;
});

const client = () =>
  createOidcClient({
    issuer,
    clientId: 'vssid',
    clientSecret: 's3cr:et',
    redirectUri: 'http://localhost/api/v1/auth/vneid/callback',
  });

function token(
  claims: Record<string, unknown>,
  options: { signWith?: PrivateKey; iss?: string; aud?: string; exp?: number } = {},
) {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'ES256', kid: 'k1' })
    .setIssuer(options.iss ?? issuer)
    .setAudience(options.aud ?? 'vssid')
    .setSubject('001090012345')
    .setIssuedAt()
    .setExpirationTime(options.exp ?? Math.floor(Date.now() / 1000) + 300)
    .sign(options.signWith ?? key);
}

async function start(c = client()) {
  const { url, pending } = await c.authorizationUrl({ next: '/card', language: 'vi' });
  return { c, url: new URL(url), pending };
}

async function refusal(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(OidcError);
    return (error as OidcError).reason;
  }
  throw new Error('not refused');
}

describe('the VNeID relying party', () => {
  it('asks for the code flow with S256 PKCE, state, nonce and a fresh login', async () => {
    const { url, pending } = await start();
    expect(url.origin + url.pathname).toBe(`${issuer}/auth`);
    expect(url.searchParams.get('response_type')).toBe('code');
    expect(url.searchParams.get('code_challenge')).toBe(
      createHash('sha256').update(pending.verifier).digest('base64url'),
    );
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.get('state')).toBe(pending.state);
    expect(url.searchParams.get('nonce')).toBe(pending.nonce);
    expect(url.searchParams.get('prompt')).toBe('login');
    expect(url.searchParams.get('ui_locales')).toBe('vi');
  });

  it('redeems the code with the verifier and Basic credentials and returns the verified claims', async () => {
    const { c, pending } = await start();
    idToken = () => token({ nonce: pending.nonce, cccd: '001090012345' });
    const claims = await c.finish({ code: 'abc', state: pending.state }, pending);
    expect(claims.cccd).toBe('001090012345');
    expect(lastTokenRequest?.body.get('code_verifier')).toBe(pending.verifier);
    expect(lastTokenRequest?.body.get('grant_type')).toBe('authorization_code');
    // client_secret_basic: form-encoded id and secret (RFC 6749 §2.3.1).
    expect(lastTokenRequest?.authorization).toBe(
      `Basic ${Buffer.from('vssid:s3cr%3Aet').toString('base64')}`,
    );
  });

  it('refuses a state it did not start, and a denial at the provider', async () => {
    const { c, pending } = await start();
    expect(await refusal(c.finish({ code: 'abc', state: 'forged' }, pending))).toBe('state');
    expect(await refusal(c.finish({ code: 'abc', state: pending.state }, null))).toBe('state');
    expect(await refusal(c.finish({ error: 'access_denied', state: pending.state }, pending))).toBe('denied');
    expect(lastTokenRequest).toBeNull();
  });

  it('refuses ID tokens signed by another key, for another audience or issuer, expired, or with another nonce', async () => {
    const { c, pending } = await start();
    const cases: (() => Promise<string>)[] = [
      () => token({ nonce: pending.nonce }, { signWith: otherKey }),
      () => token({ nonce: pending.nonce }, { aud: 'someone-else' }),
      () => token({ nonce: pending.nonce }, { iss: 'https://evil.example' }),
      () => token({ nonce: pending.nonce }, { exp: Math.floor(Date.now() / 1000) - 60 }),
      () => token({ nonce: 'replayed-nonce' }),
    ];
    for (const make of cases) {
      idToken = make;
      expect(await refusal(c.finish({ code: 'abc', state: pending.state }, pending))).toBe('id_token');
    }
  });

  it('says the provider is unavailable when discovery fails or names another issuer', async () => {
    const down = createOidcClient({
      issuer: 'http://127.0.0.1:1',
      clientId: 'x',
      clientSecret: 'y',
      redirectUri: 'http://localhost/cb',
    });
    expect(await refusal(down.authorizationUrl({ next: '/', language: 'vi' }))).toBe('unavailable');
    const wrong = createOidcClient({
      issuer: `${issuer}/other`,
      clientId: 'x',
      clientSecret: 'y',
      redirectUri: 'http://localhost/cb',
    });
    expect(await refusal(wrong.authorizationUrl({ next: '/', language: 'vi' }))).toBe('unavailable');
  });
});
