import { finishVneidSignIn, startVneidSignIn, VNEID_PAGES, vneidStatus } from '@vssid/domain/api/auth';
import type { FastifyInstance, FastifyPluginAsync, FastifyReply } from 'fastify';
import type { Config } from '../../config';
import { route } from '../../http/contract-route';
import { AppError } from '../../http/problem';
import { authContext, setSessionCookies } from '../auth/plugin';
import { createOidcClient, OidcError, type OidcClient, type PendingLogin } from './client';
import { createDevVneid, DEV_VNEID_PATH } from './dev-provider';
import { createVneidService } from './service';

const PENDING_COOKIE = 'vssid_vneid';
const PENDING_PATH = '/api/v1/auth/vneid';
const PENDING_SECONDS = 600;

export { cccdOf } from './service';

/** Only paths inside this app (no scheme, no `//host`, no back-slashes): no open redirect. */
export function safeNext(next: string | undefined): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.includes('\\')) return '/';
  return next.slice(0, 500);
}

function encodePending(pending: PendingLogin): string {
  return Buffer.from(JSON.stringify(pending)).toString('base64url');
}
function decodePending(value: string | undefined): PendingLogin | null {
  if (!value) return null;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
    if (typeof parsed !== 'object' || parsed === null) return null;
    const { state, nonce, verifier, next } = parsed as Record<string, unknown>;
    return typeof state === 'string' &&
      typeof nonce === 'string' &&
      typeof verifier === 'string' &&
      typeof next === 'string'
      ? { state, nonce, verifier, next }
      : null;
  } catch {
    return null;
  }
}

/**
 * "Đăng nhập bằng VNeID" (issue "Sign-in" §9): OpenID Connect against the configured provider,
 * or, in development and demo mode with none configured (never in production), against the
 * stand-in mounted at /dev/vneid. The CCCD the provider vouches for is linked to the account of
 * the insured person with that CCCD (`persons.cccd` → `accounts.bhxh_code`, kept in
 * `account_identities`), and a session opens with method `vneid`: VNeID has proved the person,
 * so no OTP is asked and, for a citizen, this device becomes the current one. A CCCD with no
 * account is sent to a page that explains how to register.
 *
 * Assumption: the state, nonce and PKCE verifier of a sign-in in progress are kept in an
 * HttpOnly, SameSite=Lax cookie scoped to /api/v1/auth/vneid for 10 minutes (no server state, so
 * any API node can answer the callback); they are worthless to anyone but that browser.
 */
export const vneidPlugin: FastifyPluginAsync<{ config: Config; secureCookies: boolean }> = async (
  app,
  { config, secureCookies },
) => {
  const base = config.publicUrl.replace(/\/+$/, '');
  const redirectUri = `${base}/api/v1/auth/vneid/callback`;
  let client: OidcClient | null = null;
  let devProvider = false;
  if (config.vneid) {
    client = createOidcClient({ ...config.vneid, issuer: config.vneid.issuerUrl, redirectUri });
  } else if (config.demo) {
    // Demo mode only (DEMO: `npm start` on the embedded database); off by default, so a real
    // deployment without VNEID_ISSUER_URL has no VNeID at all.
    const dev = await createDevVneid({ publicUrl: base, db: app.database.db, translator: app.translator });
    devProvider = true;
    client = createOidcClient({
      issuer: dev.issuer,
      clientId: dev.clientId,
      clientSecret: dev.clientSecret,
      redirectUri,
    });
    app.log.info({ issuer: dev.issuer }, 'VNeID stand-in provider on (development and demo only)');
    // Raw Node handler before Fastify parses bodies: oidc-provider reads its own requests.
    app.route({
      method: ['GET', 'POST'],
      url: `${DEV_VNEID_PATH}/*`,
      schema: { hide: true },
      onRequest: (request, reply, done) => {
        void reply.hijack();
        void dev.handle(request.raw, reply.raw).then(() => {
          done();
        }, done);
      },
      handler: () => undefined,
    });
  }

  registerApiRoutes(app, { client, devProvider, secureCookies });
};

function registerApiRoutes(
  app: FastifyInstance,
  options: { client: OidcClient | null; devProvider: boolean; secureCookies: boolean },
) {
  const { client, secureCookies } = options;
  const vneid = createVneidService({ db: app.database.db, auth: app.auth });
  const clearPending = (reply: FastifyReply) =>
    void reply.clearCookie(PENDING_COOKIE, { path: PENDING_PATH, secure: secureCookies });
  const rateLimit = { max: 30, timeWindow: 60_000 };
  const failed = (reply: FastifyReply, reason: string) =>
    reply.redirect(`${VNEID_PAGES.failed}?reason=${encodeURIComponent(reason)}`, 302);

  route(app, vneidStatus, async () => ({ enabled: client !== null, standIn: options.devProvider }));

  route(
    app,
    startVneidSignIn,
    async ({ query, request, reply }) => {
      if (!client) throw new AppError(404, 'vneid_not_configured', 'vneid.notConfigured');
      let started: Awaited<ReturnType<OidcClient['authorizationUrl']>>;
      try {
        started = await client.authorizationUrl({
          next: safeNext(query.next),
          language: request.language,
        });
      } catch (error) {
        request.log.warn({ err: error }, 'VNeID provider unreachable');
        return failed(reply, 'unavailable');
      }
      void reply.setCookie(PENDING_COOKIE, encodePending(started.pending), {
        path: PENDING_PATH,
        httpOnly: true,
        sameSite: 'lax',
        secure: secureCookies,
        maxAge: PENDING_SECONDS,
      });
      return reply.redirect(started.url, 302);
    },
    { config: { rateLimit } },
  );

  route(
    app,
    finishVneidSignIn,
    async ({ query, request, reply }) => {
      if (!client) throw new AppError(404, 'vneid_not_configured', 'vneid.notConfigured');
      const ctx = authContext(request, reply, secureCookies);
      const pending = decodePending(request.cookies[PENDING_COOKIE]);
      clearPending(reply);
      let claims: Record<string, unknown>;
      try {
        claims = await client.finish(query, pending);
      } catch (error) {
        const reason = error instanceof OidcError ? error.reason : 'token';
        await vneid.failed(ctx, reason, error instanceof Error ? error.message.slice(0, 200) : null);
        return failed(reply, reason);
      }
      const outcome = await vneid.signIn(ctx, claims);
      if (outcome.kind === 'no_account') return reply.redirect(VNEID_PAGES.noAccount, 302);
      if (outcome.kind === 'failed') return failed(reply, outcome.reason);
      setSessionCookies(reply, outcome.session, secureCookies);
      return reply.redirect(pending?.next ?? '/', 302);
    },
    { config: { rateLimit } },
  );
}
