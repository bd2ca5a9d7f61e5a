-- Issue #28 item 5 (Citus): a unique key of a table distributed by bhxh_code must include
-- bhxh_code, because each shard checks only its own rows. The global keys of the person-scoped
-- tables move to one look-up table, `unique_keys`, distributed on Citus by its own `value`; the
-- repositories claim a key there in the same transaction as the row (ON CONFLICT DO NOTHING:
-- a key already claimed answers as the old constraint's unique violation). Same schema on PGlite,
-- PostgreSQL and Citus.
--   scope 'persons.cccd'                      a citizen identity number → its person
--   scope 'dossiers.number', 'dossiers.idempotency_key'
--   scope 'service_requests.number', 'service_requests.idempotency_key'
CREATE TABLE unique_keys (
  value      text NOT NULL,
  scope      text NOT NULL CHECK (scope IN ('persons.cccd', 'dossiers.number', 'dossiers.idempotency_key',
                                            'service_requests.number', 'service_requests.idempotency_key')),
  bhxh_code  char(10) NOT NULL,
  PRIMARY KEY (value, scope)
);

INSERT INTO unique_keys (value, scope, bhxh_code)
  SELECT cccd, 'persons.cccd', bhxh_code FROM persons WHERE cccd IS NOT NULL
  UNION ALL SELECT number, 'dossiers.number', bhxh_code FROM dossiers
  UNION ALL SELECT idempotency_key, 'dossiers.idempotency_key', bhxh_code FROM dossiers
  UNION ALL SELECT number, 'service_requests.number', bhxh_code FROM service_requests
  UNION ALL SELECT idempotency_key, 'service_requests.idempotency_key', bhxh_code FROM service_requests;

-- The reads by these keys keep an index (no longer unique).
ALTER TABLE persons DROP CONSTRAINT persons_cccd_key;
CREATE INDEX persons_cccd_idx ON persons (cccd);
ALTER TABLE dossiers DROP CONSTRAINT dossiers_number_key;
ALTER TABLE dossiers DROP CONSTRAINT dossiers_idempotency_key_key;
CREATE INDEX dossiers_number_idx ON dossiers (number);
CREATE INDEX dossiers_idempotency_key_idx ON dossiers (idempotency_key);
ALTER TABLE service_requests DROP CONSTRAINT service_requests_number_key;
ALTER TABLE service_requests DROP CONSTRAINT service_requests_idempotency_key_key;
CREATE INDEX service_requests_number_idx ON service_requests (number);
CREATE INDEX service_requests_idempotency_key_idx ON service_requests (idempotency_key);

-- Officers reach a ticket by its id alone: a random UUID, unique with its person by the primary
-- key (bhxh_code, id); the index on id alone stays, not unique.
DROP INDEX tickets_id_idx;
CREATE INDEX tickets_id_idx ON tickets (id);

-- The catalogs' version counter (0010), made to hold on Citus too, where the catalogs are
-- reference tables: their statement triggers fire on every placement, under the shard's name
-- (`clinics_102040`), and `catalog_versions` lives on the coordinator only. So the counter is
-- moved where it exists (the coordinator's placement: one bump per statement, and its NOTIFY
-- where the API nodes listen) under the catalog's own name. Unchanged on one node.
CREATE OR REPLACE FUNCTION bump_catalog_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF to_regclass('catalog_versions') IS NULL THEN
    RETURN NULL;
  END IF;
  UPDATE catalog_versions SET version = version + 1 WHERE catalog = regexp_replace(TG_TABLE_NAME, '_[0-9]+$', '');
  RETURN NULL;
END
$$;
