import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ProblemSchema } from '../../http/problem';
import { principalOf, requireRole } from './guard';
import { createPasskeyService } from './passkeys';
import { clientContext, setSessionCookies } from './plugin';
import type { IssuedSession } from './service';

const B64Url = z
  .string()
  .min(1)
  .max(8192)
  .regex(/^[A-Za-z0-9_-]+$/, 'base64url');
const ChallengeId = z.uuid();
const Client = z.enum(['web', 'app']).default('web');
const Transports = z.array(z.string().max(20)).max(10).optional();

/** `PublicKeyCredential.toJSON()` of `navigator.credentials.create()` (as @simplewebauthn/browser sends it). */
const RegistrationResponse = z.object({
  id: B64Url,
  rawId: B64Url,
  type: z.literal('public-key'),
  response: z.object({
    clientDataJSON: B64Url,
    attestationObject: B64Url,
    authenticatorData: B64Url.optional(),
    transports: Transports,
    publicKeyAlgorithm: z.number().int().optional(),
    publicKey: B64Url.optional(),
  }),
  authenticatorAttachment: z.enum(['platform', 'cross-platform']).optional(),
  clientExtensionResults: z.record(z.string(), z.unknown()).default({}),
});
/** `PublicKeyCredential.toJSON()` of `navigator.credentials.get()`. */
const AuthenticationResponse = z.object({
  id: B64Url,
  rawId: B64Url,
  type: z.literal('public-key'),
  response: z.object({
    clientDataJSON: B64Url,
    authenticatorData: B64Url,
    signature: B64Url,
    userHandle: B64Url.optional(),
  }),
  authenticatorAttachment: z.enum(['platform', 'cross-platform']).optional(),
  clientExtensionResults: z.record(z.string(), z.unknown()).default({}),
});

const Options = z
  .looseObject({ challenge: z.string() })
  .describe('PublicKeyCredential{Creation,Request}OptionsJSON for @simplewebauthn/browser');
const Challenge = z.object({ challengeId: z.string(), options: Options });
const Passkey = z
  .object({ id: z.string(), name: z.string(), createdAt: z.string(), lastUsedAt: z.string().nullable() })
  .meta({ id: 'Passkey' });
/** The same answer as `/sign-in/otp` (schemas `SignedIn` and `Session` of routes.ts). */
const SignedInLoose = z.object({
  status: z.literal('signed_in'),
  session: z.looseObject({ account: z.looseObject({ id: z.string() }) }),
  replacedDevice: z.boolean(),
  tokens: z
    .object({ accessToken: z.string(), refreshToken: z.string(), expiresIn: z.number().int() })
    .optional(),
});

const problems = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 429: ProblemSchema };

/** Passkeys (WebAuthn), under `/api/v1/auth`: see passkeys.ts for the rules. */
export const passkeyRoutes: FastifyPluginAsyncZod<{ secureCookies: boolean; publicUrl: string }> = async (
  app,
  { secureCookies, publicUrl },
) => {
  const auth = app.auth;
  const passkeys = createPasskeyService({ db: app.database.db, auth, publicUrl });
  const ctx = (request: FastifyRequest, reply: FastifyReply) => clientContext(request, reply, secureCookies);
  const signedIn = requireRole();

  async function signedInAnswer(reply: FastifyReply, issued: IssuedSession, client: 'web' | 'app') {
    if (client === 'web') setSessionCookies(reply, issued, secureCookies);
    return {
      status: 'signed_in' as const,
      session: await auth.describeSession(issued.principal),
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
    '/passkeys/registration/options',
    {
      preHandler: signedIn,
      schema: {
        tags: ['auth'],
        summary: 'Add a passkey, step 1: creation options and a challenge (5 minutes, single use)',
        response: { 200: Challenge, 409: ProblemSchema, ...problems },
      },
    },
    async (request) => passkeys.registrationOptions(principalOf(request)),
  );

  app.post(
    '/passkeys/registration',
    {
      preHandler: signedIn,
      schema: {
        tags: ['auth'],
        summary: "Add a passkey, step 2: the authenticator's answer (user verification required)",
        description:
          'Staff may only add device-bound passkeys (`passkey_staff_device_bound`): a synced one is not a second factor.',
        body: z.object({
          challengeId: ChallengeId,
          response: RegistrationResponse,
          name: z.string().trim().min(1).max(60).optional().describe('Default: the device label'),
        }),
        response: { 201: Passkey, 409: ProblemSchema, 410: ProblemSchema, ...problems },
      },
    },
    async (request, reply) => {
      const added = await passkeys.register(principalOf(request), request.body, ctx(request, reply));
      return reply.status(201).send(added);
    },
  );

  app.get(
    '/passkeys',
    {
      preHandler: signedIn,
      schema: {
        tags: ['auth'],
        summary: "The account's passkeys",
        response: { 200: z.object({ passkeys: z.array(Passkey) }), ...problems },
      },
    },
    async (request) => ({ passkeys: await passkeys.list(principalOf(request)) }),
  );

  app.delete(
    '/passkeys/:id',
    {
      preHandler: signedIn,
      schema: {
        tags: ['auth'],
        summary: 'Remove one of my passkeys',
        params: z.object({ id: B64Url.max(1400) }),
        response: { 204: z.null(), 404: ProblemSchema, ...problems },
      },
    },
    async (request, reply) => {
      await passkeys.remove(principalOf(request), request.params.id, ctx(request, reply));
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/passkeys/authentication/options',
    {
      config: { rateLimit: { max: 60, timeWindow: 60_000 } },
      schema: {
        tags: ['auth'],
        summary: 'Sign in with a passkey, step 1: request options and a challenge',
        description:
          'Without `username` the authenticator offers its discoverable passkeys; an unknown user name answers the same way.',
        body: z.object({ username: z.string().trim().max(64).optional() }).default({}),
        response: { 200: Challenge, ...problems },
      },
    },
    async (request, reply) =>
      passkeys.authenticationOptions({ username: request.body.username || undefined }, ctx(request, reply)),
  );

  app.post(
    '/passkeys/authentication',
    {
      config: { rateLimit: { max: 60, timeWindow: 60_000 } },
      schema: {
        tags: ['auth'],
        summary: 'Sign in with a passkey, step 2: the signed challenge (no OTP needed)',
        description:
          "Citizens: this device becomes the account's current device and the other device's session ends.",
        body: z.object({ challengeId: ChallengeId, response: AuthenticationResponse, client: Client }),
        response: { 200: SignedInLoose, 410: ProblemSchema, ...problems },
      },
    },
    async (request, reply) => {
      const issued = await passkeys.authenticate(
        {
          challengeId: request.body.challengeId,
          response: request.body.response,
        },
        ctx(request, reply),
      );
      return signedInAnswer(reply, issued, request.body.client);
    },
  );
};
