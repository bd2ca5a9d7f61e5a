import * as contracts from '@vssid/domain/api/auth';
import * as staff from '@vssid/domain/api/staff';
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { route } from '../../http/contract-route';
import { AppError } from '../../http/problem';
import { principalOf } from './guard';
import { clearSessionCookies, clientContext, COOKIES, setSessionCookies } from './plugin';
import type { AuthService, IssuedSession, OtpSent } from './service';

export const otpJson = (sent: OtpSent) => ({
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
  const signedIn = (reply: FastifyReply, issued: IssuedSession, client: 'web' | 'app') =>
    signedInAnswer(auth, reply, issued, client, secureCookies);

  route(app, contracts.signIn, async ({ body, request, reply }) => {
    const outcome = await auth.signIn(body, clientContext(request, reply, secureCookies));
    if (outcome.status === 'signed_in') return signedIn(reply, outcome.session, body.client);
    return { status: 'otp_required' as const, reason: outcome.reason, ...otpJson(outcome) };
  });

  route(app, contracts.completeSignIn, async ({ body, request, reply }) => {
    const context = clientContext(request, reply, secureCookies);
    try {
      const issued = await auth.completeSignIn(body, context);
      return await signedIn(reply, issued, body.client);
    } catch (error) {
      if (error instanceof AppError && error.code.startsWith('otp_'))
        await auth.auditOtpFailure(body.challengeId, context);
      throw error;
    }
  });

  route(app, contracts.resendOtp, async ({ body, request, reply }) =>
    otpJson(await auth.resendOtp(body.challengeId, clientContext(request, reply, secureCookies))),
  );

  route(app, contracts.refreshSession, async ({ body, request, reply }) => {
    const fromBody = body.refreshToken;
    const token = fromBody ?? request.cookies[COOKIES.refresh];
    if (!token) throw new AppError(401, 'unauthenticated', 'auth.unauthenticated');
    try {
      const issued = await auth.refresh(token, clientContext(request, reply, secureCookies));
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

  route(app, contracts.readSession, async ({ request }) => auth.describeSession(principalOf(request)));

  route(app, contracts.signOut, async ({ request, reply }) => {
    await auth.signOut(principalOf(request), clientContext(request, reply, secureCookies));
    clearSessionCookies(reply, secureCookies);
    return reply.status(204).send(null);
  });

  route(app, contracts.signOutEverywhere, async ({ request, reply }) => {
    await auth.signOutEverywhere(principalOf(request), clientContext(request, reply, secureCookies));
    clearSessionCookies(reply, secureCookies);
    return reply.status(204).send(null);
  });

  route(app, contracts.listDevices, async ({ request }) => ({
    devices: await auth.listDevices(principalOf(request)),
  }));

  route(app, contracts.listSignIns, async ({ request, query }) => ({
    events: await auth.signInHistory(principalOf(request), query.limit),
  }));

  route(app, contracts.setInitialPassword, async ({ body, request, reply }) => {
    const issued = await auth.setInitialPassword(
      principalOf(request),
      body.newPassword,
      clientContext(request, reply, secureCookies),
    );
    return signedIn(reply, issued, body.client);
  });

  route(app, contracts.startPasswordChange, async ({ body, request, reply }) =>
    otpJson(
      await auth.startPasswordChange(
        principalOf(request),
        body.currentPassword,
        clientContext(request, reply, secureCookies),
      ),
    ),
  );

  route(app, contracts.changePassword, async ({ body, request, reply }) => {
    await auth.completePasswordChange(
      principalOf(request),
      body,
      clientContext(request, reply, secureCookies),
    );
    return reply.status(204).send(null);
  });

  route(app, contracts.startPasswordReset, async ({ body, request, reply }) =>
    reply
      .status(202)
      .send(otpJson(await auth.startPasswordReset(body, clientContext(request, reply, secureCookies)))),
  );

  route(app, contracts.resetPassword, async ({ body, request, reply }) => {
    await auth.completePasswordReset(body, clientContext(request, reply, secureCookies));
    return reply.status(204).send(null);
  });
};

/** An agency admin manages the officers of their own agency, under `/api/v1/staff`. */
export const staffRoutes: FastifyPluginAsync<{ secureCookies: boolean }> = async (app, { secureCookies }) => {
  const auth = app.auth;

  route(app, staff.listOfficers, async ({ request }) => ({
    officers: await auth.listOfficers(principalOf(request)),
  }));

  route(app, staff.createOfficer, async ({ body, request, reply }) =>
    reply
      .status(201)
      .send(
        await auth.createOfficer(principalOf(request), body, clientContext(request, reply, secureCookies)),
      ),
  );

  route(app, staff.setOfficerStatus, async ({ params, body, request, reply }) => {
    await auth.setOfficerStatus(
      principalOf(request),
      params.id,
      body.status,
      clientContext(request, reply, secureCookies),
    );
    return reply.status(204).send(null);
  });
};
