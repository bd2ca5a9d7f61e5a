import * as contracts from '@vssid/domain/api/auth';
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { route } from '../../http/contract-route';
import { contextOf } from '../../http/context';
import { signedIn } from '../../context';
import { AppError } from '../../http/problem';
import { authContext, clearSessionCookies, COOKIES, setSessionCookies } from './plugin';
import type { AuthService, IssuedSession, OtpSent } from './service';

const otpJson = (sent: OtpSent) => ({
  challengeId: sent.challengeId,
  destination: sent.destination,
  expiresAt: sent.expiresAt.toISOString(),
  resendAt: sent.resendAt.toISOString(),
});

/**
 * The `signed_in` answer of every way of signing in: the session in cookies (`web`) or the tokens
 * in the answer (`app`).
 */
export async function signedInAnswer(
  auth: AuthService,
  reply: FastifyReply,
  issued: IssuedSession,
  client: 'web' | 'app',
  secureCookies: boolean,
) {
  if (client === 'web') setSessionCookies(reply, issued, secureCookies);
  return {
    status: 'signed_in' as const,
    session: issued.view ?? (await auth.describeSession(issued.principal)),
    replacedDevice: issued.replacedDevice,
    ...(client === 'app'
      ? {
          tokens: {
            accessToken: issued.accessToken,
            refreshToken: issued.refreshToken,
            expiresIn: issued.accessExpiresIn,
          },
        }
      : {}),
  };
}

/** Sign-in, OTP, sessions, passwords (issue "Sign-in"), under `/api/v1/auth`. */
export const authRoutes: FastifyPluginAsync<{ secureCookies: boolean }> = async (app, { secureCookies }) => {
  const auth = app.auth;
  const answer = (reply: FastifyReply, issued: IssuedSession, client: 'web' | 'app') =>
    signedInAnswer(auth, reply, issued, client, secureCookies);

  route(
    app,
    contracts.signIn,
    async ({ body, request, reply }) => {
      const outcome = await auth.signIn(authContext(request, reply, secureCookies), body);
      if (outcome.status === 'signed_in') return answer(reply, outcome.session, body.client);
      return { status: 'otp_required' as const, reason: outcome.reason, ...otpJson(outcome) };
    },
    { onInvalid: (request) => auth.auditInvalidSignIn(contextOf(request)) },
  );

  route(app, contracts.completeSignIn, async ({ body, request, reply }) => {
    const ctx = authContext(request, reply, secureCookies);
    try {
      const issued = await auth.completeSignIn(ctx, body);
      return await answer(reply, issued, body.client);
    } catch (error) {
      if (error instanceof AppError && error.code.startsWith('otp_'))
        await auth.auditOtpFailure(ctx, body.challengeId);
      throw error;
    }
  });

  route(app, contracts.resendOtp, async ({ body, request, reply }) =>
    otpJson(await auth.resendOtp(authContext(request, reply, secureCookies), body.challengeId)),
  );

  route(app, contracts.refreshSession, async ({ body, request, reply }) => {
    const fromBody = body.refreshToken;
    const token = fromBody ?? request.cookies[COOKIES.refresh];
    if (!token) throw new AppError(401, 'unauthenticated', 'auth.unauthenticated');
    try {
      const issued = await auth.refresh(authContext(request, reply, secureCookies), token);
      if (fromBody)
        return {
          accessToken: issued.accessToken,
          refreshToken: issued.refreshToken,
          expiresIn: issued.accessExpiresIn,
        };
      setSessionCookies(reply, issued, secureCookies);
      return await reply.status(204).send(null);
    } catch (error) {
      if (!fromBody) clearSessionCookies(reply, secureCookies);
      throw error;
    }
  });

  route(app, contracts.readSession, async ({ ctx }) => auth.describeSession(signedIn(ctx)));

  route(app, contracts.signOut, async ({ request, reply }) => {
    await auth.signOut(authContext(request, reply, secureCookies));
    clearSessionCookies(reply, secureCookies);
    return reply.status(204).send(null);
  });

  route(app, contracts.signOutEverywhere, async ({ request, reply }) => {
    await auth.signOutEverywhere(authContext(request, reply, secureCookies));
    clearSessionCookies(reply, secureCookies);
    return reply.status(204).send(null);
  });

  route(app, contracts.listDevices, async ({ ctx }) => ({ devices: await auth.listDevices(ctx) }));

  route(app, contracts.listSignIns, async ({ ctx, query }) => ({
    events: await auth.signInHistory(ctx, query.limit),
  }));

  route(app, contracts.setInitialPassword, async ({ body, request, reply }) => {
    const issued = await auth.setInitialPassword(
      authContext(request, reply, secureCookies),
      body.newPassword,
    );
    return answer(reply, issued, body.client);
  });

  route(app, contracts.startPasswordChange, async ({ body, request, reply }) =>
    otpJson(await auth.startPasswordChange(authContext(request, reply, secureCookies), body.currentPassword)),
  );

  route(app, contracts.changePassword, async ({ body, request, reply }) => {
    await auth.completePasswordChange(authContext(request, reply, secureCookies), body);
    return reply.status(204).send(null);
  });

  route(app, contracts.startPasswordReset, async ({ body, request, reply }) =>
    reply
      .status(202)
      .send(otpJson(await auth.startPasswordReset(authContext(request, reply, secureCookies), body))),
  );

  route(app, contracts.resetPassword, async ({ body, request, reply }) => {
    await auth.completePasswordReset(authContext(request, reply, secureCookies), body);
    return reply.status(204).send(null);
  });
};
