import { randomUUID } from 'node:crypto';
import fastifyCookie from '@fastify/cookie';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { CallContext } from '../../context';
import { contextOf, DEVICE_COOKIE, DEVICE_HEADER, deviceIdOf } from '../../http/context';
import { AppError } from '../../http/problem';
import type { AuthService, IssuedSession } from './service';

declare module 'fastify' {
  interface FastifyInstance {
    auth: AuthService;
  }
}

export const COOKIES = {
  access: 'vssid_at',
  refresh: 'vssid_rt',
  csrf: 'vssid_csrf',
  device: DEVICE_COOKIE,
} as const;
const CSRF_HEADER = 'x-csrf-token';
export { DEVICE_HEADER };
const REFRESH_PATH = '/api/v1/auth';
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Authentication for every request: reads the access token from `Authorization: Bearer` (apps,
 * other systems) or the HttpOnly cookie (the web app), checks it and that its session is still
 * open, and sets `request.principal`. Cookie-authenticated unsafe requests must echo the CSRF
 * cookie in `X-CSRF-Token` (double submit; the cookies are also SameSite).
 */
export const authPlugin = fp(
  async (app: FastifyInstance, options: { auth: AuthService; secureCookies: boolean }) => {
    await app.register(fastifyCookie);
    app.decorate('auth', options.auth);
    app.decorateRequest('principal', null);
    app.decorateRequest('authFailure', null);

    app.addHook('onRequest', async (request) => {
      const header = request.headers.authorization;
      const bearer = header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
      const cookieToken = request.cookies[COOKIES.access];
      if (!bearer && UNSAFE.has(request.method) && (cookieToken || request.cookies[COOKIES.refresh])) {
        const expected = request.cookies[COOKIES.csrf];
        const given = request.headers[CSRF_HEADER];
        if (!expected || given !== expected) throw new AppError(403, 'csrf_failed', 'auth.csrfFailed');
      }
      const token = bearer ?? cookieToken;
      if (!token) return;
      const outcome = await options.auth.tokens.verify(token);
      if (!outcome.ok) {
        request.authFailure = { kind: outcome.reason };
        return;
      }
      const ended = await options.auth.sessionState(outcome.principal.sessionId);
      if (ended) request.authFailure = { kind: 'session_ended', reason: ended };
      else request.principal = outcome.principal;
    });
  },
  { name: 'vssid-auth' },
);

/**
 * The context of a call to the sign-in routes (context.ts `CallContext`) with its device always
 * named: a browser without a device cookie gets one now, so that its sign-ins bind a device.
 */
export function authContext(request: FastifyRequest, reply: FastifyReply, secure: boolean): CallContext {
  let deviceId = deviceIdOf(request);
  if (!deviceId) {
    deviceId = randomUUID();
    void reply.setCookie(COOKIES.device, deviceId, {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure,
      maxAge: 400 * 86_400,
    });
  }
  return contextOf(request, deviceId);
}

/** Puts a session into the browser's cookies: access (short), refresh (auth routes only), CSRF. */
export function setSessionCookies(reply: FastifyReply, session: IssuedSession, secure: boolean): void {
  const refreshMaxAge = Math.max(60, Math.floor((session.sessionExpiresAt.getTime() - Date.now()) / 1000));
  void reply.setCookie(COOKIES.access, session.accessToken, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure,
    maxAge: session.accessExpiresIn + 60,
  });
  void reply.setCookie(COOKIES.refresh, session.refreshToken, {
    path: REFRESH_PATH,
    httpOnly: true,
    sameSite: 'strict',
    secure,
    maxAge: refreshMaxAge,
  });
  void reply.setCookie(COOKIES.csrf, randomUUID(), {
    path: '/',
    httpOnly: false,
    sameSite: 'lax',
    secure,
    maxAge: refreshMaxAge,
  });
}

export function clearSessionCookies(reply: FastifyReply, secure: boolean): void {
  void reply.clearCookie(COOKIES.access, { path: '/', secure });
  void reply.clearCookie(COOKIES.refresh, { path: REFRESH_PATH, secure });
  void reply.clearCookie(COOKIES.csrf, { path: '/', secure });
}
