-- Issue #28 (Citus): the guardian → wards relation as a look-up table keyed by the guardian.
-- The relation itself is `persons.guardian_bhxh_code`, on the ward's row; on Citus `persons` is
-- distributed by the ward's bhxh_code, so "the children of this guardian" read every shard (the
-- card list of a citizen: 34 requests/s at 20,000 persons). `guardian_wards` holds the same
-- relation keyed by the guardian's code — its `bhxh_code` is the GUARDIAN's — distributed by it
-- and co-located with `persons`, so the guardian's own row and their wards' codes are on one
-- shard. Written in the same transaction as `persons.guardian_bhxh_code` by every writer (the
-- approval of a child's registration, the data loaders, the fixtures); the relation on the
-- ward's row stays the source of truth (the card read checks it). Same schema on PGlite,
-- PostgreSQL and Citus.
CREATE TABLE guardian_wards (
  -- The guardian's BHXH code (the distribution column on Citus).
  bhxh_code       char(10) NOT NULL REFERENCES persons (bhxh_code),
  ward_bhxh_code  char(10) NOT NULL REFERENCES persons (bhxh_code),
  PRIMARY KEY (bhxh_code, ward_bhxh_code)
);

INSERT INTO guardian_wards (bhxh_code, ward_bhxh_code)
  SELECT guardian_bhxh_code, bhxh_code FROM persons WHERE guardian_bhxh_code IS NOT NULL;
