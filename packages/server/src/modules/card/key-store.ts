import { createPrivateKey, type KeyObject } from 'node:crypto';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, type JWK } from 'jose';
import type { Kysely } from 'kysely';
import type { KeySealer } from '../../adapters/key-sealer';
import type { Database } from '../../db/schema';
import {
  findActiveKey,
  findPrivateKeys,
  findPublishedKeys,
  insertActiveKey,
  type KeyRow,
  type PublicJwk,
  retireKey,
  type SealedJwk,
  sealStoredKey,
} from './key-repository';

export type { PublicJwk };

export interface SigningKey {
  kid: string;
  privateKey: KeyObject;
  createdAt: Date;
}

export interface KeyStoreOptions {
  /** How long a node trusts its cached active key before reading the table again. */
  cacheMs?: number;
  /** An active key older than this is retired and replaced automatically (default 90 days). */
  rotateAfterMs?: number;
  /**
   * How long a retired key stays in the JWKS. Must exceed the life of any card signed with it
   * (a card credential lives 24 h; 48 h leaves room for clocks and cached copies).
   */
  retiredGraceMs?: number;
  now?: () => Date;
}

const keyContext = (kid: string) => `card_signing_keys:${kid}`;

export interface KeyStore {
  /** The key to sign with now (created on first use; rotated when too old). */
  activeKey(): Promise<SigningKey>;
  /** The public keys verifiers should accept: the active one and those retired within the grace period. */
  publicKeys(): Promise<PublicJwk[]>;
  /** Retires the active key and makes a new one, in one transaction. Returns the new key. */
  rotate(): Promise<SigningKey>;
  /**
   * Opens every stored private key (so a wrong key-encryption key stops the start, not a card
   * read) and seals, in place, those an earlier version stored in the clear.
   */
  checkAndSealStoredKeys(): Promise<void>;
}

export const DAY_MS = 86_400_000;

const json = <T>(v: T | string): T => (typeof v === 'string' ? (JSON.parse(v) as T) : v);

async function newKeyPair(): Promise<{ kid: string; publicJwk: PublicJwk; privateJwk: JWK }> {
  const { publicKey, privateKey } = await generateKeyPair('ES256', { extractable: true });
  const pub = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(pub, 'sha256');
  const publicJwk: PublicJwk = {
    kty: 'EC',
    crv: 'P-256',
    x: pub.x ?? '',
    y: pub.y ?? '',
    kid,
    use: 'sig',
    alg: 'ES256',
  };
  return { kid, publicJwk, privateJwk: { ...(await exportJWK(privateKey)), kid } };
}

function sealJwk(sealer: KeySealer, kid: string, jwk: JWK): SealedJwk {
  return {
    sealed: sealer.seal(Buffer.from(JSON.stringify(jwk), 'utf8'), keyContext(kid)).toString('base64'),
  };
}

/** The private JWK of a row: opened when sealed; as it is when an earlier version stored it in the clear. */
function privateJwkOf(
  sealer: KeySealer,
  row: Pick<KeyRow, 'kid' | 'private_jwk'>,
): { jwk: JWK; clear: boolean } {
  const stored = json(row.private_jwk);
  if ('sealed' in stored && typeof stored.sealed === 'string')
    return {
      jwk: JSON.parse(
        sealer.open(Buffer.from(stored.sealed, 'base64'), keyContext(row.kid)).toString('utf8'),
      ) as JWK,
      clear: false,
    };
  return { jwk: stored as JWK, clear: true };
}

function toSigningKey(sealer: KeySealer, row: KeyRow): SigningKey {
  return {
    kid: row.kid,
    privateKey: createPrivateKey({ key: privateJwkOf(sealer, row).jwk, format: 'jwk' }),
    createdAt: new Date(row.created_at),
  };
}

/**
 * The signing keys of the card credential, shared by every API node through the database
 * (`card_signing_keys`). Each node caches the active key for `cacheMs`; after a rotation another
 * node may sign with the retired key for up to that long, which verifiers still accept because
 * retired keys stay published for `retiredGraceMs`.
 */
export function createKeyStore(
  db: Kysely<Database>,
  sealer: KeySealer,
  options: KeyStoreOptions = {},
): KeyStore {
  const cacheMs = options.cacheMs ?? 60_000;
  const rotateAfterMs = options.rotateAfterMs ?? 90 * DAY_MS;
  const retiredGraceMs = options.retiredGraceMs ?? 2 * DAY_MS;
  const now = options.now ?? (() => new Date());
  let cached: { key: SigningKey; until: number } | null = null;
  let loading: Promise<SigningKey> | null = null;

  const readActive = (): Promise<KeyRow | undefined> => findActiveKey(db);

  const insertKey = async (executor: Kysely<Database>) => {
    const pair = await newKeyPair();
    await insertActiveKey(executor, {
      kid: pair.kid,
      publicJwk: pair.publicJwk,
      sealedPrivateJwk: sealJwk(sealer, pair.kid, pair.privateJwk),
      createdAt: now().toISOString(),
    });
  };

  /** Retires `kid` (if it is still the active key) and adds a new active key. */
  const replace = async (kid: string | null) => {
    await db.transaction().execute(async (trx) => {
      // Another node rotated first: keep its new key.
      if (kid !== null && !(await retireKey(trx, kid, now().toISOString()))) return;
      await insertKey(trx);
    });
  };

  const load = async (): Promise<SigningKey> => {
    let row = await readActive();
    if (!row) {
      await replace(null);
      row = await readActive();
    } else if (now().getTime() - new Date(row.created_at).getTime() > rotateAfterMs) {
      await replace(row.kid);
      row = await readActive();
    }
    if (!row) throw new Error('no active card signing key after creating one');
    const key = toSigningKey(sealer, row);
    cached = { key, until: now().getTime() + cacheMs };
    return key;
  };

  return {
    async activeKey() {
      if (cached && cached.until > now().getTime()) return cached.key;
      loading ??= load().finally(() => {
        loading = null;
      });
      return loading;
    },
    async publicKeys() {
      const since = new Date(now().getTime() - retiredGraceMs).toISOString();
      return (await findPublishedKeys(db, since)).map((r) => json(r.public_jwk));
    },
    async rotate() {
      const active = await readActive();
      await replace(active?.kid ?? null);
      cached = null;
      return this.activeKey();
    },
    async checkAndSealStoredKeys() {
      for (const row of await findPrivateKeys(db)) {
        const { jwk, clear } = privateJwkOf(sealer, row);
        if (clear) await sealStoredKey(db, row.kid, sealJwk(sealer, row.kid, jwk));
      }
    },
  };
}
