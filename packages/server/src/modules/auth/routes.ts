import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { PASSWORD_MAX_LENGTH } from '@vssid/domain';
import { AppError, ProblemSchema } from '../../http/problem';
import { ROLES, principalOf, requireRole, requireSession } from './guard';
import { clearSessionCookies, clientContext, COOKIES, setSessionCookies } from './plugin';
import type { IssuedSession, OtpSent } from './service';

const Username = z.string().trim().min(1).max(64).describe('BHXH code (insured people) or staff user name');
const Password = z.string().min(1).max(PASSWORD_MAX_LENGTH);
const OtpCode = z.string().regex(/^\d{6}$/, 'six digits');
const ChallengeId = z.uuid();
/** `web` (default): the session is put in HttpOnly cookies. `app`: tokens in the answer, for apps and other systems. */
const Client = z.enum(['web', 'app']).default('web');

const Tokens = z
  .object({ accessToken: z.string(), refreshToken: z.string(), expiresIn: z.number().int() })
  .meta({ id: 'SessionTokens' });
const Account = z.object({
  id: z.string(),
  role: z.enum(ROLES),
  username: z.string(),
  displayName: z.string(),
  bhxhCode: z.string().nullable(),
  agencyCode: z.string().nullable(),
  unitCode: z.string().nullable(),
  clinicCode: z.string().nullable(),
  phoneMasked: z.string().nullable(),
  emailMasked: z.string().nullable(),
});
const Session = z
  .object({
    account: Account,
    mustChangePassword: z.boolean(),
    passwordReminder: z.boolean().describe('The password is over 180 days old'),
    device: z.object({ id: z.string(), label: z.string(), current: z.literal(true) }),
    signedInAt: z.string(),
  })
  .meta({ id: 'Session' });
const SignedIn = z
  .object({
    status: z.literal('signed_in'),
    session: Session,
    replacedDevice: z.boolean().describe("Another device's session ended because this one signed in"),
    tokens: Tokens.optional().describe('Only for client=app'),
  })
  .meta({ id: 'SignedIn' });
const OtpSentSchema = z
  .object({
    challengeId: z.string(),
    destination: z.string().nullable().describe('Masked phone or email; null for password reset'),
    expiresAt: z.string(),
    resendAt: z.string(),
  })
  .meta({ id: 'OtpSent' });
const OtpRequired = OtpSentSchema.extend({
  status: z.literal('otp_required'),
  reason: z.enum(['new_device', 'staff_second_factor']),
}).meta({ id: 'OtpRequired' });

const problems = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 429: ProblemSchema };
const otpJson = (sent: OtpSent) => ({
  challengeId: sent.challengeId,
  destination: sent.destination,
  expiresAt: sent.expiresAt.toISOString(),
  resendAt: sent.resendAt.toISOString(),
});

/** Sign-in, OTP, sessions, passwords (issue "Sign-in"), under `/api/v1/auth`. */
export const authRoutes: FastifyPluginAsyncZod<{ secureCookies: boolean }> = async (
  app,
  { secureCookies },
) => {
  const auth = app.auth;
  const ctx = (request: FastifyRequest, reply: FastifyReply) => clientContext(request, reply, secureCookies);

  async function signedIn(reply: FastifyReply, issued: IssuedSession, client: 'web' | 'app') {
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

  app.post(
    '/sign-in',
    {
      schema: {
        tags: ['auth'],
        summary: 'Sign in with user name (BHXH code) and password',
        description:
          'On a device the account has not used (citizens) and for every staff sign-in, answers `otp_required` and sends an OTP.',
        body: z.object({ username: Username, password: Password, client: Client }),
        response: { 200: z.union([SignedIn, OtpRequired]), 423: ProblemSchema, ...problems },
      },
    },
    async (request, reply) => {
      const outcome = await auth.signIn(request.body, ctx(request, reply));
      if (outcome.status === 'signed_in') return signedIn(reply, outcome.session, request.body.client);
      return { status: 'otp_required' as const, reason: outcome.reason, ...otpJson(outcome) };
    },
  );

  app.post(
    '/sign-in/otp',
    {
      schema: {
        tags: ['auth'],
        summary: 'Finish signing in with the OTP sent to the registered phone',
        body: z.object({ challengeId: ChallengeId, code: OtpCode, client: Client }),
        response: { 200: SignedIn, 410: ProblemSchema, ...problems },
      },
    },
    async (request, reply) => {
      const context = ctx(request, reply);
      try {
        const issued = await auth.completeSignIn(request.body, context);
        return await signedIn(reply, issued, request.body.client);
      } catch (error) {
        if (error instanceof AppError && error.code.startsWith('otp_'))
          await auth.auditOtpFailure(request.body.challengeId, context);
        throw error;
      }
    },
  );

  app.post(
    '/otp/resend',
    {
      schema: {
        tags: ['auth'],
        summary: 'Send a new code for a live OTP challenge (after the cooldown)',
        body: z.object({ challengeId: ChallengeId }),
        response: { 200: OtpSentSchema, 410: ProblemSchema, ...problems },
      },
    },
    async (request, reply) => otpJson(await auth.resendOtp(request.body.challengeId, ctx(request, reply))),
  );

  app.post(
    '/refresh',
    {
      schema: {
        tags: ['auth'],
        summary: 'Rotate the refresh token and get a new access token',
        description:
          'The web app sends nothing (the refresh cookie); apps send `refreshToken`. A refresh token presented twice ends its session.',
        body: z.object({ refreshToken: z.string().min(20).max(200).optional() }).default({}),
        response: { 200: Tokens, 204: z.null(), ...problems },
      },
    },
    async (request, reply) => {
      const fromBody = request.body.refreshToken;
      const token = fromBody ?? request.cookies[COOKIES.refresh];
      if (!token) throw new AppError(401, 'unauthenticated', 'auth.unauthenticated');
      try {
        const issued = await auth.refresh(token, ctx(request, reply));
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
    },
  );

  app.get(
    '/session',
    {
      preHandler: requireSession,
      schema: {
        tags: ['auth'],
        summary: 'The signed-in account and this session',
        response: { 200: Session, ...problems },
      },
    },
    async (request) => auth.describeSession(principalOf(request)),
  );

  app.post(
    '/sign-out',
    {
      preHandler: requireSession,
      schema: { tags: ['auth'], summary: 'End this session', response: { 204: z.null(), ...problems } },
    },
    async (request, reply) => {
      await auth.signOut(principalOf(request), ctx(request, reply));
      clearSessionCookies(reply, secureCookies);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/sign-out-everywhere',
    {
      preHandler: requireSession,
      schema: {
        tags: ['auth'],
        summary: 'End every session of the account',
        response: { 204: z.null(), ...problems },
      },
    },
    async (request, reply) => {
      await auth.signOutEverywhere(principalOf(request), ctx(request, reply));
      clearSessionCookies(reply, secureCookies);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/devices',
    {
      preHandler: requireSession,
      schema: {
        tags: ['auth'],
        summary: 'Devices the account signed in on',
        response: {
          200: z.object({
            devices: z.array(
              z.object({
                id: z.string(),
                label: z.string(),
                lastSeenAt: z.string(),
                current: z.boolean(),
                trusted: z.boolean(),
              }),
            ),
          }),
          ...problems,
        },
      },
    },
    async (request) => ({ devices: await auth.listDevices(principalOf(request)) }),
  );

  app.get(
    '/sign-ins',
    {
      preHandler: requireSession,
      schema: {
        tags: ['auth'],
        summary: 'Sign-in history of the account, newest first',
        querystring: z.object({ limit: z.coerce.number().int().min(1).max(100).default(20) }),
        response: {
          200: z.object({
            events: z.array(
              z.object({
                at: z.string(),
                outcome: z.enum(['success', 'failure', 'locked', 'otp_failed']),
                method: z.enum(['password', 'otp', 'passkey', 'vneid']),
                ip: z.string().nullable(),
                deviceLabel: z.string().nullable(),
              }),
            ),
          }),
          ...problems,
        },
      },
    },
    async (request) => ({ events: await auth.signInHistory(principalOf(request), request.query.limit) }),
  );

  app.post(
    '/password/initial',
    {
      preHandler: requireSession,
      schema: {
        tags: ['auth'],
        summary: 'Replace an issued password at the first sign-in',
        body: z.object({ newPassword: Password, client: Client }),
        response: { 200: SignedIn, 409: ProblemSchema, ...problems },
      },
    },
    async (request, reply) => {
      const issued = await auth.setInitialPassword(
        principalOf(request),
        request.body.newPassword,
        ctx(request, reply),
      );
      return signedIn(reply, issued, request.body.client);
    },
  );

  app.post(
    '/password/change/start',
    {
      preHandler: requireRole(),
      schema: {
        tags: ['auth'],
        summary: 'Change password, step 1: the current password (an OTP is sent)',
        body: z.object({ currentPassword: Password }),
        response: { 200: OtpSentSchema, 409: ProblemSchema, ...problems },
      },
    },
    async (request, reply) =>
      otpJson(
        await auth.startPasswordChange(
          principalOf(request),
          request.body.currentPassword,
          ctx(request, reply),
        ),
      ),
  );

  app.post(
    '/password/change',
    {
      preHandler: requireRole(),
      schema: {
        tags: ['auth'],
        summary: 'Change password, step 2: OTP and the new password (other sessions end)',
        body: z.object({ challengeId: ChallengeId, code: OtpCode, newPassword: Password }),
        response: { 204: z.null(), 410: ProblemSchema, ...problems },
      },
    },
    async (request, reply) => {
      await auth.completePasswordChange(principalOf(request), request.body, ctx(request, reply));
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/password/reset/start',
    {
      schema: {
        tags: ['auth'],
        summary: 'Forgotten password, step 1: an OTP to the registered phone or email',
        description: 'Answers the same whether or not the account exists.',
        body: z.object({ username: Username, channel: z.enum(['sms', 'email']).default('sms') }),
        response: { 202: OtpSentSchema, ...problems },
      },
    },
    async (request, reply) =>
      reply.status(202).send(otpJson(await auth.startPasswordReset(request.body, ctx(request, reply)))),
  );

  app.post(
    '/password/reset',
    {
      schema: {
        tags: ['auth'],
        summary: 'Forgotten password, step 2: OTP and a new password chosen by the person',
        body: z.object({ challengeId: ChallengeId, code: OtpCode, newPassword: Password }),
        response: { 204: z.null(), 410: ProblemSchema, ...problems },
      },
    },
    async (request, reply) => {
      await auth.completePasswordReset(request.body, ctx(request, reply));
      return reply.status(204).send(null);
    },
  );
};

const Officer = z
  .object({
    id: z.string(),
    username: z.string(),
    displayName: z.string(),
    role: z.enum(ROLES),
    status: z.enum(['active', 'disabled']),
    phoneMasked: z.string().nullable().optional(),
    createdAt: z.string().optional(),
  })
  .meta({ id: 'Officer' });

/** An agency admin manages the officers of their own agency, under `/api/v1/staff`. */
export const staffRoutes: FastifyPluginAsyncZod<{ secureCookies: boolean }> = async (
  app,
  { secureCookies },
) => {
  const auth = app.auth;
  const admin = requireRole('agency_admin');
  app.get(
    '/officers',
    {
      preHandler: admin,
      schema: {
        tags: ['staff'],
        summary: "The officers of the admin's agency",
        response: { 200: z.object({ officers: z.array(Officer) }), ...problems },
      },
    },
    async (request) => ({ officers: await auth.listOfficers(principalOf(request)) }),
  );
  app.post(
    '/officers',
    {
      preHandler: admin,
      schema: {
        tags: ['staff'],
        summary: "Create an officer of the admin's agency; the initial password goes by SMS",
        body: z.object({
          username: z
            .string()
            .trim()
            .toLowerCase()
            .regex(/^[a-z0-9._-]{3,64}$/),
          displayName: z.string().trim().min(2).max(120),
          phone: z.string().regex(/^0\d{9}$/),
          email: z.email().optional(),
        }),
        response: { 201: Officer, 409: ProblemSchema, ...problems },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await auth.createOfficer(
            principalOf(request),
            request.body,
            clientContext(request, reply, secureCookies),
          ),
        ),
  );
  app.post(
    '/officers/:id/status',
    {
      preHandler: admin,
      schema: {
        tags: ['staff'],
        summary: 'Disable (ending their sessions) or re-enable an officer',
        params: z.object({ id: z.string().max(20) }),
        body: z.object({ status: z.enum(['active', 'disabled']) }),
        response: { 204: z.null(), 404: ProblemSchema, ...problems },
      },
    },
    async (request, reply) => {
      await auth.setOfficerStatus(
        principalOf(request),
        request.params.id,
        request.body.status,
        clientContext(request, reply, secureCookies),
      );
      return reply.status(204).send(null);
    },
  );
};
