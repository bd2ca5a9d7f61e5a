-- Audit log: every security event and every read of personal data by staff.
-- Append-only: the application never updates or deletes rows.
CREATE TABLE audit_log (
  id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at                timestamptz NOT NULL DEFAULT now(),
  actor_type        text NOT NULL CHECK (actor_type IN ('citizen', 'officer', 'agency_admin', 'employer', 'clinic', 'system', 'anonymous')),
  actor_id          text,
  subject_bhxh_code char(10) CHECK (subject_bhxh_code ~ '^[0-9]{10}$'),
  action            text NOT NULL,
  target_type       text,
  target_id         text,
  purpose           text,
  ip                inet,
  request_id        text,
  details           jsonb NOT NULL DEFAULT '{}'::jsonb
);
-- "Who viewed my data": a person's entries, newest first.
CREATE INDEX audit_log_subject_idx ON audit_log (subject_bhxh_code, at DESC) WHERE subject_bhxh_code IS NOT NULL;
-- What one staff member or account did.
CREATE INDEX audit_log_actor_idx ON audit_log (actor_type, actor_id, at DESC);

-- Transactional outbox: messages are written in the same transaction as the change that causes
-- them and delivered by a worker at least once; idempotency_key makes a repeated cause harmless.
CREATE TABLE outbox (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  idempotency_key text NOT NULL UNIQUE,
  channel         text NOT NULL CHECK (channel IN ('sms', 'email', 'push')),
  recipient       text NOT NULL,
  template        text NOT NULL,
  language        text NOT NULL CHECK (language IN ('vi', 'en', 'zh', 'ja', 'ko')),
  payload         jsonb NOT NULL,
  created_at      timestamptz NOT NULL DEFAULT now(),
  available_at    timestamptz NOT NULL DEFAULT now(),
  attempts        integer NOT NULL DEFAULT 0,
  delivered_at    timestamptz,
  last_error      text
);
-- The worker's queue: undelivered messages that are due.
CREATE INDEX outbox_pending_idx ON outbox (available_at, id) WHERE delivered_at IS NULL;
-- The development inbox: messages to one recipient, newest first.
CREATE INDEX outbox_recipient_idx ON outbox (recipient, created_at DESC);
