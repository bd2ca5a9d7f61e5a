import type { JWK } from 'jose';
import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/schema';

/** The card credentials' signing keys in `card_signing_keys` (key-store.ts decides what to do with them). */

/** A public key as published in `/.well-known/jwks.json` (SMART Health Cards: EC P-256, ES256). */
export interface PublicJwk {
  kty: 'EC';
  crv: 'P-256';
  x: string;
  y: string;
  kid: string;
  use: 'sig';
  alg: 'ES256';
}

/** How a private key is stored: sealed (key-sealer.ts), never in the clear. */
export interface SealedJwk {
  sealed: string;
}

export interface KeyRow {
  kid: string;
  public_jwk: PublicJwk | string;
  private_jwk: SealedJwk | JWK | string;
  created_at: Date | string;
  retired_at: Date | string | null;
}

/** The active key (at most one: a partial unique index). */
export async function findActiveKey(db: Kysely<Database>): Promise<KeyRow | undefined> {
  return (
    await sql<KeyRow>`SELECT kid, public_jwk, private_jwk, created_at, retired_at
        FROM card_signing_keys WHERE retired_at IS NULL`.execute(db)
  ).rows[0];
}

/** Adds a new active key, unless another node has just added one (then nothing). */
export async function insertActiveKey(
  db: Kysely<Database>,
  key: { kid: string; publicJwk: PublicJwk; sealedPrivateJwk: SealedJwk; createdAt: string },
): Promise<void> {
  await sql`INSERT INTO card_signing_keys (kid, public_jwk, private_jwk, created_at)
      VALUES (${key.kid}, ${JSON.stringify(key.publicJwk)}::jsonb, ${JSON.stringify(key.sealedPrivateJwk)}::jsonb, ${key.createdAt}::timestamptz)
      ON CONFLICT ((retired_at IS NULL)) WHERE retired_at IS NULL DO NOTHING`.execute(db);
}

/** Retires `kid` if it is still the active key; false when another node retired it first. */
export async function retireKey(db: Kysely<Database>, kid: string, at: string): Promise<boolean> {
  const retired = await sql`UPDATE card_signing_keys SET retired_at = ${at}::timestamptz
          WHERE kid = ${kid} AND retired_at IS NULL`.execute(db);
  return Number(retired.numAffectedRows ?? 0) > 0;
}

/** The public keys of the active key and those retired after `since`, newest first. */
export async function findPublishedKeys(
  db: Kysely<Database>,
  since: string,
): Promise<Pick<KeyRow, 'public_jwk'>[]> {
  return (
    await sql<Pick<KeyRow, 'public_jwk'>>`SELECT public_jwk FROM card_signing_keys
          WHERE retired_at IS NULL OR retired_at > ${since}::timestamptz ORDER BY created_at DESC`.execute(db)
  ).rows;
}

/** Every stored private key. */
export async function findPrivateKeys(db: Kysely<Database>): Promise<Pick<KeyRow, 'kid' | 'private_jwk'>[]> {
  return (
    await sql<Pick<KeyRow, 'kid' | 'private_jwk'>>`SELECT kid, private_jwk FROM card_signing_keys`.execute(db)
  ).rows;
}

/** Replaces a private key stored in the clear (it has a `d`) by its sealed form. */
export async function sealStoredKey(db: Kysely<Database>, kid: string, sealed: SealedJwk): Promise<void> {
  await sql`UPDATE card_signing_keys SET private_jwk = ${JSON.stringify(sealed)}::jsonb
            WHERE kid = ${kid} AND private_jwk ? 'd'`.execute(db);
}
