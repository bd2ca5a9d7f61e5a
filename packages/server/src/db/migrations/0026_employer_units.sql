-- Issue #27 (the employer and school portal): unit accounts, the unit's people completed for
-- registration in batches, and the passkeys that sign a unit's submissions.

-- Unit admin or unit staff (a flag on the employer role, not a sixth role): the agency creates a
-- unit's admin; the admin creates and disables the unit's staff and signs its submissions.
-- Employer accounts made before this migration were their unit's only user: they become admins.
ALTER TABLE accounts ADD COLUMN unit_admin boolean NOT NULL DEFAULT false;
UPDATE accounts SET unit_admin = true WHERE role = 'employer';
ALTER TABLE accounts ADD CONSTRAINT accounts_unit_admin_role CHECK (NOT unit_admin OR role = 'employer');
CREATE INDEX accounts_unit_idx ON accounts (unit_code, role) WHERE unit_code IS NOT NULL;

-- A batch of the unit's people whose data it completed, turned into registration dossiers for
-- the unit's managing agency one person at a time (`processed` of `total`: the progress bar).
CREATE TABLE unit_batches (
  id           uuid PRIMARY KEY,
  unit_code    text NOT NULL REFERENCES employer_units (code),
  agency_code  text NOT NULL REFERENCES bhxh_agencies (code),
  created_by   bigint NOT NULL REFERENCES accounts (id),
  created_at   timestamptz NOT NULL DEFAULT now(),
  total        integer NOT NULL CHECK (total > 0),
  processed    integer NOT NULL DEFAULT 0 CHECK (processed >= 0),
  status       text NOT NULL CHECK (status IN ('running', 'done')),
  finished_at  timestamptz
);
CREATE INDEX unit_batches_unit_idx ON unit_batches (unit_code, created_at DESC);

-- A person's data as the unit completed it (address, phone, email, the photos' stored files),
-- kept until a batch turns it into a dossier; then the batch and the dossier's number (or why
-- none was made) are written on it.
CREATE TABLE unit_person_data (
  bhxh_code      char(10) NOT NULL REFERENCES persons (bhxh_code),
  unit_code      text NOT NULL REFERENCES employer_units (code),
  data           jsonb NOT NULL,
  photos         jsonb NOT NULL,
  updated_by     bigint NOT NULL REFERENCES accounts (id),
  updated_at     timestamptz NOT NULL DEFAULT now(),
  batch_id       uuid REFERENCES unit_batches (id),
  dossier_number text,
  error_code     text,
  processed_at   timestamptz,
  PRIMARY KEY (bhxh_code, unit_code)
);
CREATE INDEX unit_person_data_batch_idx ON unit_person_data (batch_id) WHERE batch_id IS NOT NULL;
CREATE INDEX unit_person_data_unit_idx ON unit_person_data (unit_code);

-- The unit's people are the persons with a current participation period at the unit.
CREATE INDEX participation_unit_idx ON participation_periods (unit_code, to_month) WHERE unit_code IS NOT NULL;
