-- Issue #22 item 8: Idempotency-Key on officer actions (back-office dossier actions, bulk
-- actions, staff administration writes). One row per account and key: the request's hash, and
-- once answered, the answer to replay. Keyed by account (the natural distribution key later).
CREATE TABLE idempotent_requests (
  account_id   bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  key          text NOT NULL CHECK (char_length(key) BETWEEN 8 AND 128),
  request_hash text NOT NULL,
  status       integer,
  response     text,
  created_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (account_id, key)
);
CREATE INDEX idempotent_requests_created_at ON idempotent_requests (created_at);
