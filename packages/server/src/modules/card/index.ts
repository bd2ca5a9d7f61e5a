import type { Kysely } from 'kysely';
import type { KeySealer } from '../../adapters/key-sealer';
import type { Database } from '../../db/schema';
import type { Translator } from '../../i18n';
import { createKeyStore, type KeyStore, type KeyStoreOptions } from './key-store';
import { type CardService, createCardService } from './service';
import { createShcIssuer, type ShcIssuer } from './signer';

export { cardRoutes, jwksRoutes } from './routes';

export { addressOf, cardStatus, cardValidTo } from './service';
export { type CardRow, findCardOf, findCardsOfPerson } from './repository';

interface CardModule {
  /** The credentials' `iss` (the public URL without a trailing slash). */
  issuerUrl: string;
  keyStore: KeyStore;
  issuer: ShcIssuer;
  service: CardService;
}

/** The card module's parts, wired once per app (the FHIR module uses its service). */
export function createCardModule(options: {
  db: Kysely<Database>;
  /** The credentials' `iss`: the public URL, where `/.well-known/jwks.json` is found. */
  issuerUrl: string;
  /** Seals the private keys in the database (key-sealer.ts). */
  sealer: KeySealer;
  translator: Translator;
  keys?: KeyStoreOptions;
  now?: () => Date;
}): CardModule {
  const now = options.now ?? (() => new Date());
  const keyStore = createKeyStore(options.db, options.sealer, { now, ...options.keys });
  const issuerUrl = options.issuerUrl.replace(/\/+$/, '');
  const issuer = createShcIssuer({ keyStore, issuer: issuerUrl, now });
  return {
    issuerUrl,
    keyStore,
    issuer,
    service: createCardService({ db: options.db, issuer, translator: options.translator, now }),
  };
}
