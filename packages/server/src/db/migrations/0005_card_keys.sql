-- Signing keys of the verifiable health insurance card (SMART Health Card, ES256 over P-256).
-- Private keys live in the database so that every API node signs with the same key and serves
-- the same JWKS (assumption: the database is the trust boundary; a deployment with a KMS/HSM
-- would keep only a wrapped key here). One key is active (retired_at IS NULL); a rotation
-- retires it and adds a new one in one transaction. Retired public keys stay in
-- /.well-known/jwks.json for a grace period longer than any card signed with them is valid.
CREATE TABLE card_signing_keys (
  -- RFC 7638 JWK thumbprint (SHA-256, base64url), as SMART Health Cards require.
  kid          text PRIMARY KEY CHECK (kid ~ '^[A-Za-z0-9_-]{43}$'),
  algorithm    text NOT NULL DEFAULT 'ES256' CHECK (algorithm = 'ES256'),
  public_jwk   jsonb NOT NULL,
  private_jwk  jsonb NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  retired_at   timestamptz,
  CHECK (retired_at IS NULL OR retired_at >= created_at)
);
-- At most one active key: nodes racing to create the first key insert it once.
CREATE UNIQUE INDEX card_signing_keys_one_active ON card_signing_keys ((retired_at IS NULL)) WHERE retired_at IS NULL;
CREATE INDEX card_signing_keys_retired_idx ON card_signing_keys (retired_at);
