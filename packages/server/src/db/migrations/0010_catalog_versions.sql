-- The directories of issue "Look-ups" are searched in each node's memory
-- (modules/lookup/catalogs.ts): the small ones whole (BHXH agencies, contracted clinics,
-- collection agents: hundreds to a couple of thousand rows), the employer units by an index of
-- the words of their names. Every statement that changes one of them, however it is written
-- (seed, COPY, an officer's tool, a test, psql), moves that catalog's version in the same
-- transaction, and the commit announces it on the channel `vssid_catalog_changed` (payload: the
-- table). A node subscribed to the channel answers from its copy until told of a change; one that
-- is not (or lost its subscription) reads the version first, a primary-key read, and does not
-- answer from a copy that is behind.
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

-- Every move of a version, by the triggers below or by hand (the COPY load), is announced.
CREATE FUNCTION announce_catalog_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('vssid_catalog_changed', NEW.catalog);
  RETURN NULL;
END
$$;
CREATE TRIGGER catalog_versions_announce AFTER UPDATE ON catalog_versions
  FOR EACH ROW EXECUTE FUNCTION announce_catalog_version();

CREATE TRIGGER bhxh_agencies_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON bhxh_agencies
  FOR EACH STATEMENT EXECUTE FUNCTION bump_catalog_version();
CREATE TRIGGER clinics_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON clinics
  FOR EACH STATEMENT EXECUTE FUNCTION bump_catalog_version();
CREATE TRIGGER collection_agents_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON collection_agents
  FOR EACH STATEMENT EXECUTE FUNCTION bump_catalog_version();
CREATE TRIGGER employer_units_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON employer_units
  FOR EACH STATEMENT EXECUTE FUNCTION bump_catalog_version();
