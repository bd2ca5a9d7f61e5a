-- Online public services (issue 23): a request of any service type is an append-only action log,
-- like a registration dossier; `status` caches the fold of that log, written in the same
-- transaction as each action. Keyed by the person (bhxh_code) the request is for.

CREATE TABLE service_request_sequences (
  agency_code  text NOT NULL REFERENCES bhxh_agencies (code),
  year         smallint NOT NULL,
  last_value   integer NOT NULL,
  PRIMARY KEY (agency_code, year)
);

CREATE TABLE service_requests (
  bhxh_code           char(10) NOT NULL REFERENCES persons (bhxh_code),
  id                  uuid NOT NULL,
  number              text NOT NULL UNIQUE,
  type                text NOT NULL CHECK (type IN ('bhyt_card_reissue', 'bhxh_book_reissue', 'pension_payment_change', 'initial_clinic_change')),
  agency_code         text NOT NULL REFERENCES bhxh_agencies (code),
  -- Who filed it: the person, or their guardian for a minor child.
  filed_by_bhxh_code  char(10) NOT NULL REFERENCES persons (bhxh_code),
  form                jsonb NOT NULL,
  status              text NOT NULL,
  submitted_at        timestamptz NOT NULL DEFAULT now(),
  -- The processing clock, in working days (Asia/Ho_Chi_Minh): the legal days, the days used
  -- before the clock stopped (waiting for the citizen), the day it runs from (NULL: stopped), the
  -- estimated completion day.
  working_days        smallint NOT NULL CHECK (working_days >= 0),
  used_days           smallint NOT NULL DEFAULT 0 CHECK (used_days >= 0),
  running_since       date,
  due_on              date NOT NULL,
  decided_at          timestamptz,
  -- Set once, in the approval's transaction, when the result is applied to the records.
  result_applied_at   timestamptz,
  -- "<filer>:<key>": a retried submission finds the same request.
  idempotency_key     text NOT NULL UNIQUE,
  PRIMARY KEY (bhxh_code, id)
);
-- The officers' queue: an agency's requests by status and estimated day.
CREATE INDEX service_requests_queue_idx ON service_requests (agency_code, status, due_on);
CREATE INDEX service_requests_filer_idx ON service_requests (filed_by_bhxh_code, submitted_at DESC);

CREATE TABLE service_request_actions (
  bhxh_code        char(10) NOT NULL,
  request_id       uuid NOT NULL,
  seq              integer NOT NULL,
  action           text NOT NULL,
  actor_type       text NOT NULL CHECK (actor_type IN ('citizen', 'officer', 'agency_admin', 'system')),
  actor_id         text,
  at               timestamptz NOT NULL DEFAULT now(),
  reason_code      text,
  reason_text      text,
  details          jsonb NOT NULL DEFAULT '{}'::jsonb,
  -- A retried action (same Idempotency-Key) finds its entry instead of acting again.
  idempotency_key  text,
  PRIMARY KEY (bhxh_code, request_id, seq),
  FOREIGN KEY (bhxh_code, request_id) REFERENCES service_requests (bhxh_code, id)
);
CREATE UNIQUE INDEX service_request_actions_key_idx
  ON service_request_actions (bhxh_code, request_id, idempotency_key) WHERE idempotency_key IS NOT NULL;

-- Photos of documents attached at submission or with a supplement (re-encoded, by SHA-256).
CREATE TABLE service_request_files (
  bhxh_code     char(10) NOT NULL,
  request_id    uuid NOT NULL,
  seq           integer NOT NULL,
  position      smallint NOT NULL,
  kind          text NOT NULL CHECK (kind IN ('evidence', 'portrait')),
  content_type  text NOT NULL,
  byte_size     integer NOT NULL CHECK (byte_size > 0),
  sha256        char(64) NOT NULL,
  PRIMARY KEY (bhxh_code, request_id, seq, position),
  FOREIGN KEY (bhxh_code, request_id, seq) REFERENCES service_request_actions (bhxh_code, request_id, seq)
);
CREATE INDEX service_request_files_sha_idx ON service_request_files (sha256);
