import type { ColumnType, JSONColumnType } from 'kysely';

/** Tables of migration 0005 (the verifiable health insurance card). */
export interface CardTables {
  card_signing_keys: CardSigningKeyTable;
}

/** ES256 signing keys of the card credential: one active, retired ones kept for verification. */
export interface CardSigningKeyTable {
  /** RFC 7638 JWK thumbprint (SHA-256, base64url). */
  kid: string;
  algorithm: ColumnType<'ES256', 'ES256' | undefined, never>;
  public_jwk: JSONColumnType<Record<string, unknown>, string, never>;
  private_jwk: JSONColumnType<Record<string, unknown>, string, never>;
  created_at: ColumnType<Date, Date | string | undefined, never>;
  retired_at: ColumnType<Date | null, never, Date | string>;
}
