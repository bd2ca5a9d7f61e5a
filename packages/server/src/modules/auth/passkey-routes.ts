import * as contracts from '@vssid/domain/api/auth';
import type { FastifyPluginAsync } from 'fastify';
import { route } from '../../http/contract-route';
import { createPasskeyService } from './passkey-service';
import { authContext } from './plugin';
import { signedInAnswer } from './routes';

/** Passkeys (WebAuthn), under `/api/v1/auth`: see passkey-service.ts for the rules. */
export const passkeyRoutes: FastifyPluginAsync<{ secureCookies: boolean; publicUrl: string }> = async (
  app,
  { secureCookies, publicUrl },
) => {
  const auth = app.auth;
  const passkeys = createPasskeyService({ db: app.database.db, auth, publicUrl });
  const rateLimit = { max: 60, timeWindow: 60_000 };

  route(app, contracts.passkeyRegistrationOptions, async ({ ctx }) => passkeys.registrationOptions(ctx));

  route(app, contracts.registerPasskey, async ({ body, request, reply }) => {
    const added = await passkeys.register(authContext(request, reply, secureCookies), body);
    return reply.status(201).send(added);
  });

  route(app, contracts.listPasskeys, async ({ ctx }) => ({ passkeys: await passkeys.list(ctx) }));

  route(app, contracts.removePasskey, async ({ params, request, reply }) => {
    await passkeys.remove(authContext(request, reply, secureCookies), params.id);
    return reply.status(204).send(null);
  });

  route(
    app,
    contracts.passkeyAuthenticationOptions,
    async ({ body, request, reply }) =>
      passkeys.authenticationOptions(authContext(request, reply, secureCookies), {
        username: body.username || undefined,
      }),
    { config: { rateLimit } },
  );

  route(
    app,
    contracts.authenticateWithPasskey,
    async ({ body, request, reply }) => {
      const { view: _described, ...issued } = await passkeys.authenticate(
        authContext(request, reply, secureCookies),
        { challengeId: body.challengeId, response: body.response },
      );
      // The session as the database has it (the sign-in's own view is not used here).
      return signedInAnswer(auth, reply, issued, body.client, secureCookies);
    },
    { config: { rateLimit } },
  );
};
