-- The directories of issue "Look-ups" are searched in each node's memory
-- (modules/lookup/catalogs.ts): the small ones whole (BHXH agencies, contracted clinics,
-- collection agents: hundreds to a couple of thousand rows), the employer units by an index of
-- the words of their names. Every statement that changes one of them, however it is written
-- (seed, COPY, an officer's tool, a test, psql), moves that catalog's version in the same
-- transaction; a node compares the version with the one its copy was loaded at (a primary-key
-- read in the same round trip) and does not answer from a copy that is behind, so an answer is
-- never older than what was committed.
CREATE TABLE catalog_versions (
  catalog  text PRIMARY KEY,
  version  bigint NOT NULL DEFAULT 0
);
INSERT INTO catalog_versions (catalog) VALUES ('bhxh_agencies'), ('clinics'), ('collection_agents'), ('employer_units');

CREATE FUNCTION bump_catalog_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE catalog_versions SET version = version + 1 WHERE catalog = TG_TABLE_NAME;
  RETURN NULL;
END
$$;

CREATE TRIGGER bhxh_agencies_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON bhxh_agencies
  FOR EACH STATEMENT EXECUTE FUNCTION bump_catalog_version();
CREATE TRIGGER clinics_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON clinics
  FOR EACH STATEMENT EXECUTE FUNCTION bump_catalog_version();
CREATE TRIGGER collection_agents_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON collection_agents
  FOR EACH STATEMENT EXECUTE FUNCTION bump_catalog_version();
CREATE TRIGGER employer_units_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON employer_units
  FOR EACH STATEMENT EXECUTE FUNCTION bump_catalog_version();
