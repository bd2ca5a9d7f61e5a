import * as contracts from '@vssid/domain/api/auth';
import type { FastifyPluginAsync } from 'fastify';
import { route } from '../../http/contract-route';
import { principalOf } from './guard';
import { createPasskeyService } from './passkeys';
import { clientContext } from './plugin';
import { signedInAnswer } from './routes';

/** Passkeys (WebAuthn), under `/api/v1/auth`: see passkeys.ts for the rules. */
export const passkeyRoutes: FastifyPluginAsync<{ secureCookies: boolean; publicUrl: string }> = async (
  app,
  { secureCookies, publicUrl },
) => {
  const auth = app.auth;
  const passkeys = createPasskeyService({ db: app.database.db, auth, publicUrl });
  const rateLimit = { max: 60, timeWindow: 60_000 };

  route(app, contracts.passkeyRegistrationOptions, async ({ request }) =>
    passkeys.registrationOptions(principalOf(request)),
  );

  route(app, contracts.registerPasskey, async ({ body, request, reply }) => {
    const added = await passkeys.register(
      principalOf(request),
      body,
      clientContext(request, reply, secureCookies),
    );
    return reply.status(201).send(added);
  });

  route(app, contracts.listPasskeys, async ({ request }) => ({
    passkeys: await passkeys.list(principalOf(request)),
  }));

  route(app, contracts.removePasskey, async ({ params, request, reply }) => {
    await passkeys.remove(principalOf(request), params.id, clientContext(request, reply, secureCookies));
    return reply.status(204).send(null);
  });

  route(
    app,
    contracts.passkeyAuthenticationOptions,
    async ({ body, request, reply }) =>
      passkeys.authenticationOptions(
        { username: body.username || undefined },
        clientContext(request, reply, secureCookies),
      ),
    { config: { rateLimit } },
  );

  route(
    app,
    contracts.authenticateWithPasskey,
    async ({ body, request, reply }) => {
      const { view: _described, ...issued } = await passkeys.authenticate(
        { challengeId: body.challengeId, response: body.response },
        clientContext(request, reply, secureCookies),
      );
      // The session as the database has it (the sign-in's own view is not used here).
      return signedInAnswer(auth, reply, issued, body.client, secureCookies);
    },
    { config: { rateLimit } },
  );
};
