-- Registration for electronic transactions (Form 01, tờ khai mẫu 01) and the officers' work on it.
-- A dossier is an append-only action log; `status` is a cache of the fold of that log, written in
-- the same transaction as each action (the log is the truth; see registration/workflow).

-- Dossier numbers: a sequence per receiving agency and year ("00264.GD_2026_0101").
CREATE TABLE dossier_sequences (
  agency_code  text NOT NULL REFERENCES bhxh_agencies (code),
  year         smallint NOT NULL,
  last_value   integer NOT NULL,
  PRIMARY KEY (agency_code, year)
);

CREATE TABLE dossiers (
  bhxh_code           char(10) NOT NULL REFERENCES persons (bhxh_code),
  id                  uuid NOT NULL,
  number              text NOT NULL UNIQUE,
  -- self: a person for themselves; child: a guardian for a minor; bulk: pre-filled from a unit's list.
  kind                text NOT NULL CHECK (kind IN ('self', 'child', 'bulk')),
  agency_code         text NOT NULL REFERENCES bhxh_agencies (code),
  guardian_bhxh_code  char(10) REFERENCES persons (bhxh_code),
  -- The declared Form 01 fields, as submitted (validated by the shared schema).
  declared            jsonb NOT NULL,
  -- The population-registry check: outcome and the fields that differ.
  registry_check      jsonb NOT NULL DEFAULT '{}'::jsonb,
  -- How the signed paper form reaches the agency: at the counter, or by public postal service.
  delivery            text NOT NULL CHECK (delivery IN ('counter', 'post')),
  status              text NOT NULL,
  submitted_at        timestamptz NOT NULL DEFAULT now(),
  -- The paper form must arrive within 10 days; after that the dossier expires.
  deadline_at         timestamptz NOT NULL,
  -- A retried or double-tapped submit carries the same key and finds the same dossier.
  idempotency_key     text NOT NULL UNIQUE,
  bulk_import_id      uuid,
  PRIMARY KEY (bhxh_code, id)
);
-- The officers' queue: an agency's dossiers by status and date.
CREATE INDEX dossiers_queue_idx ON dossiers (agency_code, status, submitted_at DESC);
-- The expiry job: open dossiers past their deadline.
CREATE INDEX dossiers_deadline_idx ON dossiers (deadline_at) WHERE status IN ('submitted', 'paper_received');
-- "An active account or a pending dossier for the same code is refused": one open dossier per person.
CREATE UNIQUE INDEX dossiers_one_open_idx ON dossiers (bhxh_code) WHERE status IN ('draft', 'submitted', 'paper_received');
CREATE INDEX dossiers_guardian_idx ON dossiers (guardian_bhxh_code) WHERE guardian_bhxh_code IS NOT NULL;

-- The append-only log of a dossier. `seq` orders it; (dossier, seq) is unique, so two concurrent
-- actions cannot both be accepted on the same state.
CREATE TABLE dossier_actions (
  bhxh_code    char(10) NOT NULL,
  dossier_id   uuid NOT NULL,
  seq          integer NOT NULL,
  action       text NOT NULL,
  actor_type   text NOT NULL CHECK (actor_type IN ('citizen', 'officer', 'agency_admin', 'employer', 'system')),
  actor_id     text,
  at           timestamptz NOT NULL DEFAULT now(),
  reason_code  text,
  reason_text  text,
  details      jsonb NOT NULL DEFAULT '{}'::jsonb,
  PRIMARY KEY (bhxh_code, dossier_id, seq),
  FOREIGN KEY (bhxh_code, dossier_id) REFERENCES dossiers (bhxh_code, id)
);

-- Photos of a dossier (portrait, ID front and back, birth certificate), re-encoded without
-- metadata; the bytes live in file storage (DATA_DIR/files by default), addressed by SHA-256.
CREATE TABLE dossier_files (
  bhxh_code    char(10) NOT NULL,
  dossier_id   uuid NOT NULL,
  kind         text NOT NULL CHECK (kind IN ('portrait', 'id_front', 'id_back', 'birth_certificate')),
  content_type text NOT NULL,
  byte_size    integer NOT NULL CHECK (byte_size > 0),
  width        integer NOT NULL,
  height       integer NOT NULL,
  sha256       char(64) NOT NULL,
  PRIMARY KEY (bhxh_code, dossier_id, kind),
  FOREIGN KEY (bhxh_code, dossier_id) REFERENCES dossiers (bhxh_code, id)
);

-- Lists of people a unit or school wants registered, imported by an officer.
CREATE TABLE bulk_imports (
  id            uuid PRIMARY KEY,
  agency_code   text NOT NULL REFERENCES bhxh_agencies (code),
  unit_code     text REFERENCES employer_units (code),
  file_name     text NOT NULL,
  created_by    bigint NOT NULL REFERENCES accounts (id),
  created_at    timestamptz NOT NULL DEFAULT now(),
  total_rows    integer NOT NULL DEFAULT 0,
  processed     integer NOT NULL DEFAULT 0,
  status        text NOT NULL CHECK (status IN ('validating', 'validated', 'creating', 'done', 'failed'))
);
CREATE TABLE bulk_import_rows (
  import_id     uuid NOT NULL REFERENCES bulk_imports (id),
  row_number    integer NOT NULL,
  data          jsonb NOT NULL,
  errors        jsonb NOT NULL DEFAULT '[]'::jsonb,
  dossier_number text,
  PRIMARY KEY (import_id, row_number)
);

-- Adoption targets per agency and year (agencies are measured on valid dossiers against them).
CREATE TABLE registration_targets (
  agency_code  text NOT NULL REFERENCES bhxh_agencies (code),
  year         smallint NOT NULL,
  target       integer NOT NULL CHECK (target >= 0),
  PRIMARY KEY (agency_code, year)
);
