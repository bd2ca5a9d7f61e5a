import { cardKeys, listMyCards, readMyCard, readPersonCard } from '@vssid/domain/api/card';
import type { FastifyPluginAsync } from 'fastify';
import { route } from '../../http/contract-route';
import type { KeyStore } from './key-store';
import type { CardService } from './service';

/** The card API under /api/v1: the citizen's own and children's cards, and officers' reads. */
export const cardRoutes: FastifyPluginAsync<{ service: CardService }> = async (app, { service }) => {
  route(app, listMyCards, async ({ ctx, reply }) => {
    void reply.header('cache-control', 'private, no-store');
    return { cards: await service.listMine(ctx) };
  });

  route(app, readMyCard, async ({ ctx, params, reply }) => {
    void reply.header('cache-control', 'private, no-store');
    return service.readForCitizen(ctx, params.bhxhCode);
  });

  route(app, readPersonCard, async ({ ctx, params, query, reply }) => {
    void reply.header('cache-control', 'private, no-store');
    return service.readForStaff(ctx, params.bhxhCode, query.purpose);
  });
};

/**
 * `/.well-known/jwks.json`: the public keys of the card credentials (SMART Health Cards look
 * them up at `<iss>/.well-known/jwks.json`, from any origin, hence CORS `*`).
 */
export const jwksRoutes: FastifyPluginAsync<{ keyStore: KeyStore; issuer: string }> = async (
  app,
  { keyStore, issuer },
) => {
  route(app, cardKeys, async ({ reply }) => {
    void reply.header('access-control-allow-origin', '*');
    void reply.header('cache-control', 'public, max-age=300');
    // Make sure a key exists before the first card is issued, so the set is never empty.
    await keyStore.activeKey();
    return { keys: await keyStore.publicKeys(), issuer };
  });
};
